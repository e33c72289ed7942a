package org.vokit;

import java.net.URI;

/**
 * The service rejected the request with a message of its own, for example a VOTable whose
 * {@code QUERY_STATUS} is {@code ERROR}. {@link #detail()} is the service's text.
 */
public class QueryException extends VoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param serviceMessage the service's own error text
     * @param uri the URL of the service
     */
    public QueryException(String serviceMessage, URI uri) {
        super(serviceMessage, uri, null);
    }

    /**
     * Creates an exception that adds context to another.
     *
     * @param serviceMessage the service's error text, possibly with context
     * @param uri the URL of the service
     * @param cause the original failure
     */
    public QueryException(String serviceMessage, URI uri, Throwable cause) {
        super(serviceMessage, uri, cause);
    }
}
