package org.vokit;

import java.net.URI;
import java.time.Duration;

/**
 * A request or a whole operation did not finish within its allowed time.
 */
public class DeadlineException extends AccessException {

    private static final long serialVersionUID = 1L;

    private final transient Duration allowed;

    /**
     * Creates an exception.
     *
     * @param message what timed out
     * @param uri the URL concerned, or null
     * @param allowed the time that was allowed, or null if not known
     * @param cause the underlying timeout, or null
     */
    public DeadlineException(String message, URI uri, Duration allowed, Throwable cause) {
        super(message, uri, cause);
        this.allowed = allowed;
    }

    /**
     * Returns the time that was allowed.
     *
     * @return the allowance, or null if not known
     */
    public Duration allowed() {
        return allowed;
    }
}
