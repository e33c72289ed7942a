package org.vokit.dal.ssa;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.vokit.dal.DalProtocol;
import org.vokit.dal.DalResults;
import org.vokit.dal.DalService;
import org.vokit.http.VoHttp;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.TableSink;

/**
 * A Simple Spectral Access service (SSA 1.1).
 *
 * <pre>{@code
 * SsaService ssa = SsaService.of("http://127.0.0.1:8089/vospec/q/ssa/ssap.xml?");
 * ServiceParams p = ssa.params();                          // finds the custom parameter TEFF
 * DalResults<SsaRecord> hot = ssa.search(SsaQuery.create().withParams(p.formatRange("TEFF", 10000, Double.NaN)));
 * for (SsaRecord s : hot) {
 *     System.out.println(s.title().orElse("?") + " " + s.accessFormat().orElse("?"));
 *     s.download(Path.of("spectra"));                        // spec-001.vot, ...
 * }
 * }</pre>
 *
 * @param accessUrl the access URL (it may end with {@code ?})
 * @param http the HTTP client, shared between services
 * @param timeout the overall time a search may take unless its query says otherwise
 * @param closesHttp whether {@link #close()} closes {@code http} (true when the service borrowed
 *     the shared client for itself, as {@link #of(String)} does)
 */
public record SsaService(URI accessUrl, VoHttp http, Duration timeout, boolean closesHttp) implements DalService {

    /**
     * Validates the components.
     *
     * @param accessUrl access URL
     * @param http HTTP client
     * @param timeout default timeout
     * @param closesHttp whether closing the service closes the client
     */
    public SsaService {
        DalService.checkAccessUrl(accessUrl);
        java.util.Objects.requireNonNull(http, "http");
        DalService.checkTimeout(timeout);
    }

    /**
     * A service using a client that belongs to the caller ({@link #close()} leaves it open).
     *
     * @param accessUrl access URL
     * @param http HTTP client
     * @param timeout default timeout
     */
    public SsaService(URI accessUrl, VoHttp http, Duration timeout) {
        this(accessUrl, http, timeout, false);
    }

    /**
     * A service with the default timeout that borrows the JVM's shared HTTP client
     * ({@link VoHttp#shared()}); close it when done to give the client back.
     *
     * @param accessUrl the access URL
     * @return the service
     */
    public static SsaService of(String accessUrl) {
        URI url = URI.create(accessUrl);
        DalService.checkAccessUrl(url);
        return new SsaService(url, VoHttp.shared(), DEFAULT_TIMEOUT, true);
    }

    /**
     * A service reached through a client that belongs to the caller, with the default timeout.
     *
     * @param accessUrl the access URL
     * @param http the client
     * @return the service
     */
    public static SsaService of(URI accessUrl, VoHttp http) {
        return new SsaService(accessUrl, http, DEFAULT_TIMEOUT);
    }

    /**
     * Returns a copy with another default timeout (sharing the client: close only one of them).
     *
     * @param t the timeout
     * @return the copy
     */
    public SsaService withTimeout(Duration t) {
        return new SsaService(accessUrl, http, t, closesHttp);
    }

    /**
     * Gives back the shared client if this service borrowed it ({@link #closesHttp()});
     * otherwise does nothing. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closesHttp) {
            http.close();
        }
    }

    @Override
    public DalProtocol protocol() {
        return DalProtocol.SSA;
    }

    /**
     * Finds the spectra within a region.
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     * @param size the diameter of the region in degrees
     * @return the spectra
     * @throws IOException on failure ({@link org.vokit.QueryException} with the service's message)
     */
    public DalResults<SsaRecord> search(double ra, double dec, double size) throws IOException {
        return search(SsaQuery.around(ra, dec, size));
    }

    /**
     * Runs a query.
     *
     * @param query the query
     * @return the spectra; {@link DalResults#overflowed()} if the service cut the list
     * @throws IOException on failure
     */
    public DalResults<SsaRecord> search(SsaQuery query) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), SsaRecord::new);
    }

    /**
     * Runs a query and streams the table into a sink without keeping the rows.
     *
     * @param query the query
     * @param sink receives the table
     * @return what the answer said about itself
     * @throws IOException on failure
     */
    public DocumentInfo search(SsaQuery query, TableSink sink) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), sink);
    }

    private Duration timeoutOf(SsaQuery q) {
        return q.timeout() != null ? q.timeout() : timeout;
    }
}
