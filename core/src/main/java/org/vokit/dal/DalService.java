package org.vokit.dal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.vokit.http.VoHttp;

/**
 * What every simple DAL service has: an access URL, the HTTP client it is reached through, the
 * time a request may take, its protocol, and the self-description of its input parameters.
 * The services ({@code ConeService}, {@code SiaService}, {@code Sia2Service}, {@code SsaService})
 * are immutable records implementing this.
 */
public interface DalService extends AutoCloseable {

    /** The time a request may take unless the query says otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    /** @return the access URL, as the registry gives it (it may end with {@code ?}) */
    URI accessUrl();

    /** @return the HTTP client requests go through */
    VoHttp http();

    /** @return the overall time a request may take unless its query says otherwise */
    Duration timeout();

    /** @return the protocol the service speaks */
    DalProtocol protocol();

    /**
     * Releases what the service owns: the shared HTTP client it borrowed when made from a URL
     * alone. A service given a client by its caller leaves that client open. Does nothing by
     * default.
     */
    @Override
    default void close() {
    }

    /**
     * Asks the service for its input parameters ({@code FORMAT=METADATA}): the standard ones and
     * the custom ones it adds, with types, units, descriptions and allowed values.
     *
     * @return the declared parameters (none if the service does not describe itself)
     * @throws org.vokit.QueryException if the service answers with an error of its own
     * @throws IOException if the service cannot be reached or its answer cannot be read
     */
    default ServiceParams params() throws IOException {
        return ServiceParams.fetch(http(), accessUrl(), protocol(), timeout());
    }

    /**
     * Checks an access URL: it must be an absolute http(s) URL.
     *
     * @param accessUrl the URL
     * @return the same URL
     * @throws IllegalArgumentException otherwise
     */
    static URI checkAccessUrl(URI accessUrl) {
        if (accessUrl == null) {
            throw new NullPointerException("accessUrl");
        }
        String scheme = accessUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || accessUrl.getHost() == null) {
            throw new IllegalArgumentException("a DAL service needs an http(s) access URL, not '" + accessUrl + "'");
        }
        return accessUrl;
    }

    /**
     * Checks a timeout.
     *
     * @param timeout the timeout
     * @return the same timeout
     * @throws IllegalArgumentException if it is not positive
     */
    static Duration checkTimeout(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("timeout");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }
}
