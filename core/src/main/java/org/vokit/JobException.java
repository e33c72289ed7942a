package org.vokit;

import java.net.URI;

/**
 * An asynchronous (UWS) job ended in {@code ERROR} or {@code ABORTED}.
 * {@link #detail()} is the service's error summary when it gave one.
 */
public class JobException extends QueryException {

    private static final long serialVersionUID = 1L;

    private final String phase;

    /**
     * Creates an exception.
     *
     * @param phase the final phase of the job, e.g. {@code ERROR}
     * @param serviceMessage the service's error text
     * @param jobUri the job's URL
     */
    public JobException(String phase, String serviceMessage, URI jobUri) {
        super(serviceMessage, jobUri);
        this.phase = phase;
    }

    /**
     * Returns the phase the job ended in.
     *
     * @return the UWS phase name
     */
    public String phase() {
        return phase;
    }
}
