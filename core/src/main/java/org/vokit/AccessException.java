package org.vokit;

import java.net.URI;

/**
 * The service could not be reached or the connection broke before a complete answer arrived
 * (refused connection, unknown host, reset, truncated body).
 */
public class AccessException extends VoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong
     * @param uri the URL concerned, or null
     * @param cause the I/O failure, or null
     */
    public AccessException(String message, URI uri, Throwable cause) {
        super(message, uri, cause);
    }
}
