package org.vokit;

import java.net.URI;

/**
 * The service answered, but not in the way its standard prescribes.
 */
public class ProtocolException extends VoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what was wrong with the answer
     * @param uri the URL concerned, or null
     * @param cause the underlying cause, or null
     */
    public ProtocolException(String message, URI uri, Throwable cause) {
        super(message, uri, cause);
    }

    /**
     * Creates an exception without a cause.
     *
     * @param message what was wrong with the answer
     * @param uri the URL concerned, or null
     */
    public ProtocolException(String message, URI uri) {
        super(message, uri, null);
    }
}
