package org.vokit.samp;

import java.net.URI;
import org.vokit.VoException;

/**
 * A SAMP operation failed: no hub, the hub refused a call, a recipient is missing, a recipient
 * answered with {@code samp.error}, or no answer came in time. The URL, when known, is the hub's
 * XML-RPC endpoint or the resource a message pointed at.
 */
public class SampException extends VoException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong
     * @param uri the hub or resource concerned, or null
     * @param cause the underlying failure, or null
     */
    public SampException(String message, URI uri, Throwable cause) {
        super(message, uri, cause);
    }

    /**
     * Creates an exception without a cause.
     *
     * @param message what went wrong
     * @param uri the hub or resource concerned, or null
     */
    public SampException(String message, URI uri) {
        super(message, uri, null);
    }
}
