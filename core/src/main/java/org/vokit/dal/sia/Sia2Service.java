package org.vokit.dal.sia;

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
 * A Simple Image Access service, version 2.0 ({@link SiaService} speaks version 1.0): a query
 * over ObsCore records with the parameters of {@link Sia2Query}.
 *
 * <pre>{@code
 * Sia2Service sia = Sia2Service.of("http://127.0.0.1:8089/voimg/q/siap2/siap2.xml");
 * DalResults<Sia2Record> found = sia.search(Sia2Query.circle(150, 2.2, 0.1).withBand(6e-7, 6.1e-7));
 * for (Sia2Record obs : found) {
 *     System.out.println(obs.title().orElse("?") + " " + obs.dateObs().orElse(null));
 *     if (!obs.isDatalink()) {
 *         obs.download(Path.of("images"));
 *     }
 * }
 * }</pre>
 *
 * @param accessUrl the access URL (the {@code query} endpoint)
 * @param http the HTTP client, shared between services
 * @param timeout the overall time a search may take unless its query says otherwise
 * @param closesHttp whether {@link #close()} closes {@code http} (true when the service borrowed
 *     the shared client for itself, as {@link #of(String)} does)
 */
public record Sia2Service(URI accessUrl, VoHttp http, Duration timeout, boolean closesHttp) implements DalService {

    /**
     * Validates the components.
     *
     * @param accessUrl access URL
     * @param http HTTP client
     * @param timeout default timeout
     * @param closesHttp whether closing the service closes the client
     */
    public Sia2Service {
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
    public Sia2Service(URI accessUrl, VoHttp http, Duration timeout) {
        this(accessUrl, http, timeout, false);
    }

    /**
     * A service with the default timeout that borrows the JVM's shared HTTP client
     * ({@link VoHttp#shared()}); close it when done to give the client back.
     *
     * @param accessUrl the access URL
     * @return the service
     */
    public static Sia2Service of(String accessUrl) {
        URI url = URI.create(accessUrl);
        DalService.checkAccessUrl(url);
        return new Sia2Service(url, VoHttp.shared(), DEFAULT_TIMEOUT, true);
    }

    /**
     * A service reached through a client that belongs to the caller, with the default timeout.
     *
     * @param accessUrl the access URL
     * @param http the client
     * @return the service
     */
    public static Sia2Service of(URI accessUrl, VoHttp http) {
        return new Sia2Service(accessUrl, http, DEFAULT_TIMEOUT);
    }

    /**
     * Returns a copy with another default timeout (sharing the client: close only one of them).
     *
     * @param t the timeout
     * @return the copy
     */
    public Sia2Service withTimeout(Duration t) {
        return new Sia2Service(accessUrl, http, t, closesHttp);
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
        return DalProtocol.SIA2;
    }

    /**
     * Finds the observations overlapping a circle.
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     * @param radius the radius in degrees
     * @return the observations
     * @throws IOException on failure ({@link org.vokit.QueryException} with the service's message)
     */
    public DalResults<Sia2Record> search(double ra, double dec, double radius) throws IOException {
        return search(Sia2Query.circle(ra, dec, radius));
    }

    /**
     * Runs a query.
     *
     * @param query the query
     * @return the observations; {@link DalResults#overflowed()} if the service cut the list
     * @throws IOException on failure
     */
    public DalResults<Sia2Record> search(Sia2Query query) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), Sia2Record::new);
    }

    /**
     * Runs a query and streams the table into a sink without keeping the rows.
     *
     * @param query the query
     * @param sink receives the table
     * @return what the answer said about itself
     * @throws IOException on failure
     */
    public DocumentInfo search(Sia2Query query, TableSink sink) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), sink);
    }

    private Duration timeoutOf(Sia2Query q) {
        return q.timeout() != null ? q.timeout() : timeout;
    }
}
