package org.vokit;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Root of every failure reported by vokit when talking to a VO service.
 *
 * <p>The tree mirrors how far a call got before it failed:
 * <ul>
 * <li>{@link AccessException}: the service could not be reached, or did not answer in time
 *     ({@link DeadlineException});</li>
 * <li>{@link ProtocolException}: the service answered, but not as the standard says:
 *     {@link HttpStatusException} for an HTTP error status, {@link FormatException} for a
 *     document that cannot be parsed;</li>
 * <li>{@link QueryException}: the service understood the request and rejected it with its own
 *     message (for example a VOTable {@code QUERY_STATUS=ERROR}); {@link JobException} when an
 *     asynchronous job ended in {@code ERROR} or {@code ABORTED}.</li>
 * </ul>
 * Every instance carries the URL it concerns (when known) so that a message shown to a user
 * names the service that failed.
 */
public class VoException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient URI uri;

    /**
     * Creates an exception.
     *
     * @param message human-readable description, ideally the service's own words
     * @param uri the URL of the service or document concerned, or null if unknown
     * @param cause the underlying cause, or null
     */
    public VoException(String message, URI uri, Throwable cause) {
        super(message, cause);
        this.uri = uri;
    }

    /**
     * Creates an exception without a cause.
     *
     * @param message human-readable description
     * @param uri the URL concerned, or null
     */
    public VoException(String message, URI uri) {
        this(message, uri, null);
    }

    /**
     * Returns the URL of the service or document this failure concerns.
     *
     * @return the URL, if known
     */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /**
     * Returns the bare message without the URL.
     *
     * @return the message as given at construction
     */
    public String detail() {
        return super.getMessage();
    }

    /**
     * Returns the message followed by the URL, so that logs and command-line errors
     * always say which service failed.
     */
    @Override
    public String getMessage() {
        String m = super.getMessage();
        return uri == null ? m : m + " [" + uri + "]";
    }
}
