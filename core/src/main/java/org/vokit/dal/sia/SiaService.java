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
 * A Simple Image Access service, version 1.0 ({@link Sia2Service} speaks version 2.0).
 *
 * <pre>{@code
 * SiaService sia = SiaService.of("http://127.0.0.1:8089/voimg/q/im/siap.xml?");
 * for (SiaRecord image : sia.search(10, 20, 0.1)) {
 *     System.out.println(image.title().orElse("?") + " " + image.dateObs().orElse(null));
 *     image.download(Path.of("images"));        // img-f10p20-11-V.fits, ...
 * }
 * }</pre>
 *
 * @param accessUrl the access URL (it may end with {@code ?})
 * @param http the HTTP client, shared between services
 * @param timeout the overall time a search may take unless its query says otherwise
 * @param closesHttp whether {@link #close()} closes {@code http} (true when the service borrowed
 *     the shared client for itself, as {@link #of(String)} does)
 */
public record SiaService(URI accessUrl, VoHttp http, Duration timeout, boolean closesHttp) implements DalService {

    /**
     * Validates the components.
     *
     * @param accessUrl access URL
     * @param http HTTP client
     * @param timeout default timeout
     * @param closesHttp whether closing the service closes the client
     */
    public SiaService {
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
    public SiaService(URI accessUrl, VoHttp http, Duration timeout) {
        this(accessUrl, http, timeout, false);
    }

    /**
     * A service with the default timeout that borrows the JVM's shared HTTP client
     * ({@link VoHttp#shared()}); close it when done to give the client back.
     *
     * @param accessUrl the access URL
     * @return the service
     */
    public static SiaService of(String accessUrl) {
        URI url = URI.create(accessUrl);
        DalService.checkAccessUrl(url);
        return new SiaService(url, VoHttp.shared(), DEFAULT_TIMEOUT, true);
    }

    /**
     * A service reached through a client that belongs to the caller, with the default timeout.
     *
     * @param accessUrl the access URL
     * @param http the client
     * @return the service
     */
    public static SiaService of(URI accessUrl, VoHttp http) {
        return new SiaService(accessUrl, http, DEFAULT_TIMEOUT);
    }

    /**
     * Returns a copy with another default timeout (sharing the client: close only one of them).
     *
     * @param t the timeout
     * @return the copy
     */
    public SiaService withTimeout(Duration t) {
        return new SiaService(accessUrl, http, t, closesHttp);
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
        return DalProtocol.SIA;
    }

    /**
     * Finds the images overlapping a square region.
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     * @param size the side of the region in degrees
     * @return the images
     * @throws IOException on failure ({@link org.vokit.QueryException} with the service's message)
     */
    public DalResults<SiaRecord> search(double ra, double dec, double size) throws IOException {
        return search(SiaQuery.of(ra, dec, size));
    }

    /**
     * Runs a query.
     *
     * @param query the query
     * @return the images; {@link DalResults#overflowed()} if the service cut the list
     * @throws IOException on failure
     */
    public DalResults<SiaRecord> search(SiaQuery query) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), SiaRecord::new);
    }

    /**
     * Runs a query and streams the table into a sink without keeping the rows.
     *
     * @param query the query
     * @param sink receives the table
     * @return what the answer said about itself
     * @throws IOException on failure
     */
    public DocumentInfo search(SiaQuery query, TableSink sink) throws IOException {
        return DalResults.fetch(http, accessUrl, query.params(), timeoutOf(query), sink);
    }

    private Duration timeoutOf(SiaQuery q) {
        return q.timeout() != null ? q.timeout() : timeout;
    }
}
