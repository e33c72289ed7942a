package org.vokit.http;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP request to a VO service, as an immutable value.
 *
 * <p>{@code GET} and {@code DELETE} send their parameters in the query string; {@code POST}
 * sends them as {@code application/x-www-form-urlencoded}, or, when there are parts, everything as
 * {@code multipart/form-data}.
 *
 * @param method HTTP method: GET, POST or DELETE
 * @param uri target URL (without the parameters for GET)
 * @param params parameters, in order
 * @param parts multipart parts (files); empty for a plain request
 * @param followRedirects whether 3xx answers are followed; when false the 3xx response is returned
 */
public record VoRequest(String method, URI uri, List<Param> params, List<Part> parts,
                        boolean followRedirects) {

    /**
     * Validates and copies the components.
     *
     * @param method HTTP method
     * @param uri target URL
     * @param params parameters
     * @param parts multipart parts
     * @param followRedirects whether to follow redirects
     */
    public VoRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        params = List.copyOf(params);
        parts = List.copyOf(parts);
        if (!parts.isEmpty() && !"POST".equals(method)) {
            throw new IllegalArgumentException("multipart parts need POST, not " + method);
        }
    }

    /**
     * A GET request.
     *
     * @param uri the URL
     * @param params query parameters
     * @return the request
     */
    public static VoRequest get(URI uri, List<Param> params) {
        return new VoRequest("GET", uri, params, List.of(), true);
    }

    /**
     * A GET request without parameters.
     *
     * @param uri the URL
     * @return the request
     */
    public static VoRequest get(URI uri) {
        return get(uri, List.of());
    }

    /**
     * A form POST.
     *
     * @param uri the URL
     * @param params form parameters
     * @return the request
     */
    public static VoRequest post(URI uri, List<Param> params) {
        return new VoRequest("POST", uri, params, List.of(), true);
    }

    /**
     * A multipart POST.
     *
     * @param uri the URL
     * @param params plain fields
     * @param parts file parts
     * @return the request
     */
    public static VoRequest multipart(URI uri, List<Param> params, List<Part> parts) {
        return new VoRequest("POST", uri, params, parts, true);
    }

    /**
     * A DELETE request.
     *
     * @param uri the URL
     * @return the request
     */
    public static VoRequest delete(URI uri) {
        return new VoRequest("DELETE", uri, List.of(), List.of(), true);
    }

    /**
     * Returns a copy that does not follow redirects.
     *
     * @return the copy
     */
    public VoRequest withoutRedirects() {
        return new VoRequest(method, uri, params, parts, false);
    }
}
