package org.vokit;

import java.net.URI;

/**
 * A document from a service (VOTable, capabilities, UWS job, table set) could not be parsed.
 */
public class FormatException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what could not be parsed, and where in the document if known
     * @param uri the URL the document came from, or null
     * @param cause the parser's exception, or null
     */
    public FormatException(String message, URI uri, Throwable cause) {
        super(message, uri, cause);
    }
}
