package org.vokit.investigator;

import java.net.URI;
import java.time.Duration;
import org.vokit.DeadlineException;
import org.vokit.http.Deadline;

/** Small helpers shared by the cone and image searches. */
final class SimpleDal {

    private SimpleDal() {
    }

    /** A label from a service URL: its first path segment ({@code vostars}) or its host. */
    static String label(URI url, String kind) {
        String path = url.getPath() == null ? "" : url.getPath();
        for (String seg : path.split("/")) {
            if (!seg.isBlank() && !seg.startsWith("__")) {
                return seg + " " + kind;
            }
        }
        return (url.getHost() == null ? "service" : url.getHost()) + " " + kind;
    }

    /** The time left before a deadline, as a query timeout; an expired deadline is an error. */
    static Duration left(Deadline deadline, URI service) throws DeadlineException {
        if (deadline.expired()) {
            throw new DeadlineException("no time left for the search", service, deadline.allowed(), null);
        }
        Duration d = deadline.remaining();
        return d.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365) : d;
    }

}
