package org.vokit.datalink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.vokit.VoException;
import org.vokit.http.VoHttp;
import uk.ac.starlink.table.StarTable;

/**
 * The datalinks of one row of a result table: the row's index and cells, its dataset
 * identifier, and the links the DataLink service gave for it, or why there are none.
 *
 * <pre>{@code
 * for (Datalink dl : DatalinkService.forResult(result).orElseThrow().datalinks()) {
 *     Object redshift = dl.row().get(zColumn);               // the original row, no index needed
 *     dl.first("#preview").ifPresent(l -> show(l.accessUrl()));
 *     Optional<Soda> soda = dl.soda();
 *     if (soda.isPresent()) {
 *         Cutout c = soda.get().cutout(SodaQuery.create().band(lo, hi), file);
 *     }
 * }
 * }</pre>
 *
 * <p>A failed fetch is reported per row ({@link #failure()}); it never stops the iteration over
 * the other rows. Instances are immutable (the row's cells are copied).
 */
public final class Datalink {

    private final long rowIndex;
    private final String id;
    private final List<Object> row;
    private final DatalinkDocument document;
    private final List<Link> links;
    private final VoException failure;
    private final List<ServiceDescriptor> resultDescriptors;
    private final StarTable table;
    private final VoHttp http;

    Datalink(long rowIndex, String id, Object[] row, DatalinkDocument document, List<Link> links,
             VoException failure, List<ServiceDescriptor> resultDescriptors, StarTable table, VoHttp http) {
        this.rowIndex = rowIndex;
        this.id = id;
        this.row = row == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(Arrays.asList(row)));
        this.document = document;
        this.links = List.copyOf(links);
        this.failure = failure;
        this.resultDescriptors = List.copyOf(resultDescriptors);
        this.table = table;
        this.http = http;
    }

    /** @return the index of the row in the original table (from 0) */
    public long rowIndex() {
        return rowIndex;
    }

    /** @return the row's dataset identifier, if it has one (absent for rows linked by access URL) */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** @return the cells of the original row (NULL cells are null) */
    public List<Object> row() {
        return row;
    }

    /** @return the DataLink document the links came from, unless fetching failed */
    public Optional<DatalinkDocument> document() {
        return Optional.ofNullable(document);
    }

    /** @return the links for this row's dataset (error rows included), in document order */
    public List<Link> links() {
        return links;
    }

    /** @return true if the links were fetched (they may still contain error rows) */
    public boolean ok() {
        return failure == null;
    }

    /** @return why the links of this row could not be fetched, if they could not */
    public Optional<VoException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Returns the links whose semantics is a term or narrower than it in the IVOA datalink/core
     * vocabulary ({@code #preview} also finds {@code #preview-image}, {@code #preview-plot}).
     *
     * @param term the semantics, with or without {@code #}
     * @return the matching links
     */
    public List<Link> bySemantics(String term) {
        SemanticsVocabulary voc = document != null ? document.vocabulary() : SemanticsVocabulary.bundled();
        return DatalinkDocument.bySemantics(links, term, voc);
    }

    /**
     * Returns the first usable link (not an error row, with an access URL) for a semantics term
     * or a narrower one.
     *
     * @param term the semantics
     * @return the link, if any
     */
    public Optional<Link> first(String term) {
        return bySemantics(term).stream().filter(l -> !l.isError() && l.accessUrl() != null).findFirst();
    }

    /** @return the error rows among this row's links */
    public List<Link> errors() {
        return links.stream().filter(Link::isError).toList();
    }

    /**
     * Returns the SODA service for this row's dataset: the SODA descriptor that its links'
     * {@code service_def} names (the sibling of {@code #this}), or else a dataset-level SODA
     * descriptor attached to the original result, with {@code ID} taken from this row.
     *
     * @return the service, if either place offers one
     * @throws IllegalArgumentException if a dataset-level descriptor refers to a column this row
     *     has no value in
     */
    public Optional<Soda> soda() {
        if (document != null) {
            Optional<Soda> s = document.soda(id);
            if (s.isPresent()) {
                return Optional.of(http == null ? s.get() : s.get().withHttp(http));
            }
        }
        if (table != null) {
            for (ServiceDescriptor d : resultDescriptors) {
                if (d.isSodaSync() && d.accessUri().isPresent() && d.idRefParam().isPresent()) {
                    Soda s = Soda.forCells(d, table, row.toArray(), rowIndex);
                    return Optional.of(http == null ? s : s.withHttp(http));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Datalink[row " + rowIndex + (id != null ? " " + id : "") + ": "
                + (failure != null ? "failed: " + failure.getMessage() : links.size() + " links") + "]";
    }
}
