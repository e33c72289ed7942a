package org.vokit.datalink;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One row of a DataLink {@code {links}} table: a link from a dataset to a related artefact, to a
 * service, or an error saying why there is none.
 *
 * @param id the dataset identifier the link belongs to ({@code ID})
 * @param accessUrl where the artefact is ({@code access_url}), or null for a service or error row
 * @param serviceDef the ID of the service descriptor in the same document ({@code service_def}),
 *     or null
 * @param errorMessage why there is no link ({@code error_message}), or null
 * @param semantics the relation to the dataset ({@code semantics}), e.g. {@code #preview}; a term
 *     of the IVOA datalink/core vocabulary written with a leading {@code #}, or a full URI
 * @param description human-readable text, or null
 * @param contentType the media type of the artefact, or null
 * @param contentLength the size in bytes, or null if unknown
 * @param localSemantics the service's own tag for grouping links across datasets, or null
 * @param linkAuth whether the link needs authentication ({@code false}, {@code optional},
 *     {@code true}; DataLink 1.1), or null
 * @param linkAuthorized whether the caller is authorized to use the link (DataLink 1.1), or null
 */
public record Link(String id, String accessUrl, String serviceDef, String errorMessage, String semantics,
                   String description, String contentType, Long contentLength, String localSemantics,
                   String linkAuth, Boolean linkAuthorized) {

    /** The media type of a DataLink document (the {@code content} parameter may follow). */
    public static final String DATALINK_CONTENT_TYPE = "application/x-votable+xml;content=datalink";

    /**
     * Normalises blank strings to null.
     *
     * @param id dataset identifier
     * @param accessUrl access URL
     * @param serviceDef service descriptor reference
     * @param errorMessage error message
     * @param semantics semantics
     * @param description description
     * @param contentType content type
     * @param contentLength content length
     * @param localSemantics local semantics
     * @param linkAuth link_auth
     * @param linkAuthorized link_authorized
     */
    public Link {
        id = blankToNull(id);
        accessUrl = blankToNull(accessUrl);
        serviceDef = blankToNull(serviceDef);
        errorMessage = blankToNull(errorMessage);
        semantics = blankToNull(semantics);
        description = blankToNull(description);
        contentType = blankToNull(contentType);
        localSemantics = blankToNull(localSemantics);
        linkAuth = blankToNull(linkAuth);
        if (contentLength != null && contentLength < 0) {
            contentLength = null;
        }
    }

    /**
     * Makes a link with only the DataLink 1.0 columns.
     *
     * @param id dataset identifier
     * @param accessUrl access URL, or null
     * @param serviceDef service descriptor reference, or null
     * @param errorMessage error message, or null
     * @param semantics semantics
     * @param description description, or null
     * @param contentType content type, or null
     * @param contentLength content length, or null
     * @return the link
     */
    public static Link of(String id, String accessUrl, String serviceDef, String errorMessage, String semantics,
                          String description, String contentType, Long contentLength) {
        return new Link(id, accessUrl, serviceDef, errorMessage, semantics, description, contentType,
                contentLength, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Tells whether this row reports an error instead of a link.
     *
     * @return true if {@code error_message} is set
     */
    public boolean isError() {
        return errorMessage != null;
    }

    /**
     * Tells whether this row points at a service described in the document.
     *
     * @return true if {@code service_def} is set
     */
    public boolean isService() {
        return serviceDef != null;
    }

    /**
     * Tells whether the artefact is itself a DataLink document (recursive datalink).
     *
     * @return true if the content type is the DataLink media type
     */
    public boolean isDatalink() {
        return isDatalinkContentType(contentType);
    }

    /**
     * Returns the semantics as a bare term of the core vocabulary: {@code #preview-image}
     * gives {@code preview-image}; a full URI into the core vocabulary gives its fragment; any
     * other URI is returned unchanged.
     *
     * @return the term, or null if the link has no semantics
     */
    public String semanticsTerm() {
        return SemanticsVocabulary.normalise(semantics);
    }

    /**
     * Returns the access URL as a URI, if there is one and it is an http(s) URL. Other schemes
     * ({@code file:}, {@code ftp:}, ...) are never followed from a remote document.
     *
     * @return the URL, or empty
     */
    public Optional<URI> accessUri() {
        return httpUri(accessUrl);
    }

    static Optional<URI> httpUri(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            URI u = new URI(s.strip());
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || u.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Tells whether a media type is the DataLink one ({@code application/x-votable+xml} with
     * {@code content=datalink}, in any case and spacing).
     *
     * @param contentType a media type, or null
     * @return true for a DataLink document
     */
    public static boolean isDatalinkContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
        return ct.startsWith("application/x-votable+xml") && ct.contains(";content=datalink");
    }

    @Override
    public String toString() {
        return "Link[" + id + " " + semantics + " "
                + (accessUrl != null ? accessUrl : serviceDef != null ? "service " + serviceDef : "error: " + errorMessage)
                + "]";
    }
}
