package org.vokit.samp;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What was sent and how every recipient answered.
 *
 * @param mtype the MType sent
 * @param params the parameters sent (for a table: its {@code url}, {@code table-id} and
 *     {@code name}, which later highlight and selection messages refer to)
 * @param replies one reply per recipient
 */
public record SampDelivery(String mtype, Map<String, Object> params, List<SampReply> replies) {

    /**
     * Validates and copies the components.
     *
     * @param mtype the MType
     * @param params the parameters
     * @param replies the replies
     */
    public SampDelivery {
        Objects.requireNonNull(mtype, "mtype");
        params = Map.copyOf(params);
        replies = List.copyOf(replies);
    }

    /**
     * Returns a string parameter that was sent.
     *
     * @param name the parameter name, e.g. {@code table-id}
     * @return the value, or null
     */
    public String param(String name) {
        Object v = params.get(name);
        return v instanceof String s ? s : null;
    }

    /**
     * Returns the URL that was sent, for table, image and spectrum messages.
     *
     * @return the {@code url} parameter, or null
     */
    public URI url() {
        String u = param("url");
        return u == null ? null : URI.create(u);
    }

    /** @return true if every recipient answered OK or WARNING */
    public boolean allSucceeded() {
        return replies.stream().allMatch(SampReply::isSuccess);
    }
}
