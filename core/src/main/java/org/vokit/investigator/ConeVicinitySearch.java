package org.vokit.investigator;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.vokit.dal.scs.ConeQuery;
import org.vokit.dal.scs.ConeService;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;

/**
 * A vicinity search as a Simple Cone Search ({@link ConeService}): {@code RA}, {@code DEC} and
 * {@code SR} in degrees; the service's own error message is reported as a
 * {@link org.vokit.QueryException}.
 *
 * <pre>{@code
 * ConeVicinitySearch.of(URI.create("http://127.0.0.1:8089/vostars/q/cone/scs.xml?"), http)   // "vostars cone"
 * }</pre>
 */
public final class ConeVicinitySearch implements VicinitySearch {

    private final ConeService service;
    private final String label;
    private final Integer verb;

    private ConeVicinitySearch(ConeService service, String label, Integer verb) {
        this.service = service;
        this.label = label;
        this.verb = verb;
    }

    /**
     * Makes a search of a cone search service.
     *
     * @param url the access URL (the part before {@code RA=...}, often ending in {@code ?})
     * @param http the HTTP client
     * @return the search, labelled after the URL's first path segment ({@code "vostars cone"})
     */
    public static ConeVicinitySearch of(URI url, VoHttp http) {
        return of(ConeService.of(url, Objects.requireNonNull(http, "http")));
    }

    /**
     * Makes a search of a cone search service.
     *
     * @param service the service
     * @return the search, labelled after the access URL's first path segment
     */
    public static ConeVicinitySearch of(ConeService service) {
        return new ConeVicinitySearch(service, SimpleDal.label(service.accessUrl(), "cone"), null);
    }

    /**
     * Returns a copy with another label.
     *
     * @param newLabel the label
     * @return the copy
     */
    public ConeVicinitySearch withLabel(String newLabel) {
        return new ConeVicinitySearch(service, Objects.requireNonNull(newLabel, "label"), verb);
    }

    /**
     * Returns a copy asking for a verbosity ({@code VERB} 1, 2 or 3).
     *
     * @param v the verbosity
     * @return the copy
     */
    public ConeVicinitySearch withVerb(int v) {
        if (v < 1 || v > 3) {
            throw new IllegalArgumentException("VERB must be 1, 2 or 3: " + v);
        }
        return new ConeVicinitySearch(service, label, v);
    }

    /** @return the service */
    public ConeService service() {
        return service;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public java.net.URI serviceUrl() {
        return service.accessUrl();
    }

    @Override
    public Result search(SkyPosition center, double radius, Deadline deadline) throws IOException {
        ConeQuery q = ConeQuery.of(center.ra(), center.dec(), radius)
                .withTimeout(SimpleDal.left(deadline, service.accessUrl()));
        if (verb != null) {
            q = q.withVerb(verb);
        }
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = service.search(q, store);
        return new Result(store.getStarTable(), info.overflowed(), VoHttp.withQuery(service.accessUrl(), q.params()));
    }

    @Override
    public String toString() {
        return "ConeVicinitySearch[" + label + ", " + service.accessUrl() + "]";
    }
}
