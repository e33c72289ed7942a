package org.vokit.dal.scs;

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
 * A Simple Cone Search service (SCS 1.03): the sources of a catalogue within a radius of a
 * position.
 *
 * <pre>{@code
 * ConeService scs = ConeService.of("http://127.0.0.1:8089/vostars/q/cone/scs.xml?");
 * DalResults<ConeRecord> stars = scs.search(10, 20, 0.1);
 * for (ConeRecord s : stars) {
 *     System.out.println(s.id().orElse("?") + " " + s.ra().getAsDouble() + " " + s.dec().getAsDouble());
 * }
 * scs.search(ConeQuery.of(10, 20, 1).withParam("vmag", "10 12"));   // a custom parameter
 * }</pre>
 *
 * <p>An error comes back as a {@link org.vokit.QueryException} with the service's message, whether
 * the service says it the DALI way ({@code QUERY_STATUS=ERROR}) or the cone search way (an
 * {@code INFO} or {@code PARAM} named {@code Error}).
 *
 * @param accessUrl the access URL (it may end with {@code ?})
 * @param http the HTTP client, shared between services
 * @param timeout the overall time a search may take unless its query says otherwise
 * @param closesHttp whether {@link #close()} closes {@code http} (true when the service borrowed
 *     the shared client for itself, as {@link #of(String)} does)
 */
public record ConeService(URI accessUrl, VoHttp http, Duration timeout, boolean closesHttp) implements DalService {

    /**
     * Validates the components.
     *
     * @param accessUrl access URL
     * @param http HTTP client
     * @param timeout default timeout
     * @param closesHttp whether closing the service closes the client
     */
    public ConeService {
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
    public ConeService(URI accessUrl, VoHttp http, Duration timeout) {
        this(accessUrl, http, timeout, false);
    }

    /**
     * A service with the default timeout that borrows the JVM's shared HTTP client
     * ({@link VoHttp#shared()}); close it when done to give the client back.
     *
     * @param accessUrl the access URL
     * @return the service
     */
    public static ConeService of(String accessUrl) {
        URI url = URI.create(accessUrl);
        DalService.checkAccessUrl(url);
        return new ConeService(url, VoHttp.shared(), DEFAULT_TIMEOUT, true);
    }

    /**
     * A service reached through a client that belongs to the caller, with the default timeout.
     *
     * @param accessUrl the access URL
     * @param http the client
     * @return the service
     */
    public static ConeService of(URI accessUrl, VoHttp http) {
        return new ConeService(accessUrl, http, DEFAULT_TIMEOUT);
    }

    /**
     * Returns a copy with another default timeout (sharing the client: close only one of them).
     *
     * @param t the timeout
     * @return the copy
     */
    public ConeService withTimeout(Duration t) {
        return new ConeService(accessUrl, http, t, closesHttp);
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
        return DalProtocol.SCS;
    }

    /**
     * Searches a cone.
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     * @param radius radius in degrees
     * @return the sources found
     * @throws IOException on failure ({@link org.vokit.QueryException} with the service's message)
     */
    public DalResults<ConeRecord> search(double ra, double dec, double radius) throws IOException {
        return search(ConeQuery.of(ra, dec, radius));
    }

    /**
     * Runs a query.
     *
     * @param query the query
     * @return the sources found; {@link DalResults#overflowed()} if the service cut the list
     * @throws IOException on failure
     */
    public DalResults<ConeRecord> search(ConeQuery query) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), ConeRecord::new);
    }

    /**
     * Runs a query and streams the table into a sink without keeping the rows.
     *
     * @param query the query
     * @param sink receives the table
     * @return what the answer said about itself (overflow, INFOs)
     * @throws IOException on failure
     */
    public DocumentInfo search(ConeQuery query, TableSink sink) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), sink);
    }

    private Duration timeoutOf(ConeQuery q) {
        return q.timeout() != null ? q.timeout() : timeout;
    }
}
