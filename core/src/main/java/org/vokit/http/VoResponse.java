package org.vokit.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.vokit.HttpStatusException;

/**
 * The answer to a {@link VoRequest}: status, headers and a body stream that is already
 * decompressed and bounded by the request's deadline. Close it when done; closing an unread
 * body aborts the transfer.
 */
public final class VoResponse implements AutoCloseable {

    /** How much of an error body is kept for messages. */
    static final int EXCERPT_BYTES = 4096;

    private final int status;
    private final URI uri;
    private final HttpHeaders headers;
    private final InputStream body;

    VoResponse(int status, URI uri, HttpHeaders headers, InputStream body) {
        this.status = status;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }

    /** @return the URL that gave this answer (after redirects) */
    public URI uri() {
        return uri;
    }

    /** @return the response headers */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name header name, case-insensitive
     * @return the value, if present
     */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** @return the Content-Type, or an empty string */
    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    /** @return true for 2xx */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** @return true for 3xx */
    public boolean isRedirect() {
        return status >= 300 && status < 400;
    }

    /**
     * Returns the body. It can be read once.
     *
     * @return the decompressed body
     */
    public InputStream body() {
        return body;
    }

    /**
     * Reads the whole body as text, in the charset the headers declare (UTF-8 otherwise).
     *
     * @param maxBytes the most bytes to read
     * @return the text
     * @throws IOException if reading fails
     */
    public String text(int maxBytes) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes);
        return new String(bytes, charset());
    }

    /**
     * Throws {@link HttpStatusException} with an excerpt of the body unless the status is 2xx.
     *
     * @return this response
     * @throws HttpStatusException for a non-2xx status
     */
    public VoResponse requireSuccess() throws HttpStatusException {
        if (!isSuccess()) {
            String excerpt;
            try {
                excerpt = text(EXCERPT_BYTES);
            } catch (IOException e) {
                excerpt = "";
            } finally {
                close();
            }
            throw new HttpStatusException(status, excerpt, uri);
        }
        return this;
    }

    private Charset charset() {
        String ct = contentType().toLowerCase(java.util.Locale.ROOT);
        int i = ct.indexOf("charset=");
        if (i >= 0) {
            String cs = ct.substring(i + 8).split("[;\\s]")[0].replace("\"", "");
            try {
                return Charset.forName(cs);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Closes the body, aborting the transfer if it is not finished. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing left to do with a body we are discarding
        }
    }
}
