package org.vokit;

import java.net.URI;

/**
 * The service answered with an HTTP error status. The start of the response body is kept,
 * since services often explain themselves there.
 */
public class HttpStatusException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String bodyExcerpt;

    /**
     * Creates an exception.
     *
     * @param status the HTTP status code
     * @param bodyExcerpt the start of the response body as text (may be empty, never null)
     * @param uri the URL that answered
     */
    public HttpStatusException(int status, String bodyExcerpt, URI uri) {
        super(describe(status, bodyExcerpt), uri);
        this.status = status;
        this.bodyExcerpt = bodyExcerpt == null ? "" : bodyExcerpt;
    }

    private static String describe(int status, String body) {
        String s = "HTTP " + status;
        if (body != null && !body.isBlank()) {
            s += ": " + body.strip().replaceAll("\\s+", " ");
        }
        return s;
    }

    /**
     * Returns the HTTP status code.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * Returns the start of the response body.
     *
     * @return body text, possibly empty
     */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}
