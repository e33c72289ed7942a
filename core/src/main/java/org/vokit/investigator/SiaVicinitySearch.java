package org.vokit.investigator;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.vokit.dal.sia.SiaQuery;
import org.vokit.dal.sia.SiaService;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;

/**
 * A vicinity search as a Simple Image Access (version 1) query ({@link SiaService}):
 * {@code POS=ra,dec} and a square {@code SIZE} of twice the radius.
 *
 * <pre>{@code
 * SiaVicinitySearch.of(URI.create("http://127.0.0.1:8089/voimg/q/im/siap.xml?"), http)   // "voimg sia"
 * }</pre>
 */
public final class SiaVicinitySearch implements VicinitySearch {

    private final SiaService service;
    private final String label;
    private final String format;

    private SiaVicinitySearch(SiaService service, String label, String format) {
        this.service = service;
        this.label = label;
        this.format = format;
    }

    /**
     * Makes a search of a SIA 1 service.
     *
     * @param url the access URL (the part before {@code POS=...})
     * @param http the HTTP client
     * @return the search, labelled after the URL's first path segment ({@code "voimg sia"})
     */
    public static SiaVicinitySearch of(URI url, VoHttp http) {
        return of(SiaService.of(url, Objects.requireNonNull(http, "http")));
    }

    /**
     * Makes a search of a SIA 1 service.
     *
     * @param service the service
     * @return the search, labelled after the access URL's first path segment
     */
    public static SiaVicinitySearch of(SiaService service) {
        return new SiaVicinitySearch(service, SimpleDal.label(service.accessUrl(), "sia"), null);
    }

    /**
     * Returns a copy with another label.
     *
     * @param newLabel the label
     * @return the copy
     */
    public SiaVicinitySearch withLabel(String newLabel) {
        return new SiaVicinitySearch(service, Objects.requireNonNull(newLabel, "label"), format);
    }

    /**
     * Returns a copy restricted to one format ({@code FORMAT}, e.g. {@code image/fits}).
     *
     * @param f the format
     * @return the copy
     */
    public SiaVicinitySearch withFormat(String f) {
        return new SiaVicinitySearch(service, label, Objects.requireNonNull(f, "format"));
    }

    /** @return the service */
    public SiaService service() {
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
        SiaQuery q = SiaQuery.of(center.ra(), center.dec(), 2 * radius)
                .withTimeout(SimpleDal.left(deadline, service.accessUrl()));
        if (format != null) {
            q = q.withFormat(format);
        }
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = service.search(q, store);
        return new Result(store.getStarTable(), info.overflowed(), VoHttp.withQuery(service.accessUrl(), q.params()));
    }

    @Override
    public String toString() {
        return "SiaVicinitySearch[" + label + ", " + service.accessUrl() + "]";
    }
}
