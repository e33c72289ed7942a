package org.vokit.dal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.vokit.FormatException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.votable.ColumnMeta;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.Info;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableSink;

/**
 * The answer of a simple DAL service: a table held locally (in memory, or in STIL's scratch files
 * when large) whose rows are read as records of the protocol's type, with what the service said
 * about the result.
 *
 * <p>A result cut at the row limit is not an error: {@link #overflowed()} says so. Records are
 * views on the rows, made on demand; columns are found by UCD, utype or name
 * ({@link #column(List)}), since protocols and services name them differently.
 *
 * @param <R> the record type
 */
public final class DalResults<R extends DalRecord> implements Iterable<R> {

    /**
     * Makes the record for one row.
     *
     * @param <R> the record type
     */
    @FunctionalInterface
    public interface RecordMaker<R extends DalRecord> {
        /**
         * Makes a record.
         *
         * @param results the results the row belongs to
         * @param row the row index
         * @return the record
         */
        R make(DalResults<R> results, int row);
    }

    private final StarTable table;
    private final DocumentInfo info;
    private final URI source;
    private final VoHttp http;
    private final RecordMaker<R> maker;
    private final int size;
    private final Map<List<FieldLocator>, Integer> located = new ConcurrentHashMap<>();
    private final Object namesLock = new Object();
    private List<String> uniqueStems;

    private DalResults(StarTable table, DocumentInfo info, URI source, VoHttp http, RecordMaker<R> maker)
            throws FormatException {
        this.table = table;
        this.info = info;
        this.source = source;
        this.http = http;
        this.maker = maker;
        long n = table.getRowCount();
        if (n > Integer.MAX_VALUE) {
            throw new FormatException("a result of " + n + " rows is too large to hold as records", source, null);
        }
        this.size = (int) n;
    }

    /**
     * Queries a service ({@code GET} with the parameters) and keeps its result.
     *
     * @param <R> the record type
     * @param http the HTTP client, also used later by {@link DatasetRecord#download}
     * @param accessUrl the service's access URL
     * @param params the query parameters
     * @param timeout the overall time allowed for the request and reading the answer
     * @param maker makes the records
     * @return the results
     * @throws org.vokit.QueryException if the service rejects the query (its own message)
     * @throws FormatException if the answer is not a VOTable with a table
     * @throws IOException if the service cannot be reached, fails, or does not answer in time
     */
    public static <R extends DalRecord> DalResults<R> fetch(VoHttp http, URI accessUrl, List<Param> params,
                                                            Duration timeout, RecordMaker<R> maker) throws IOException {
        Objects.requireNonNull(http, "http");
        RowStore store = StoragePolicy.ADAPTIVE.makeRowStore();
        DocumentInfo info = DalReader.fetch(http, accessUrl, params, Deadline.in(timeout), store);
        return new DalResults<>(store.getStarTable(), info, VoHttp.withQuery(accessUrl, params), http, maker);
    }

    /**
     * Queries a service and streams its result into a sink without keeping the rows.
     *
     * @param http the HTTP client
     * @param accessUrl the service's access URL
     * @param params the query parameters
     * @param timeout the overall time allowed
     * @param sink receives the table's metadata and rows
     * @return what the answer said about itself ({@link DocumentInfo#overflowed()})
     * @throws IOException on failure, as for {@link #fetch(VoHttp, URI, List, Duration, RecordMaker)}
     */
    public static DocumentInfo fetch(VoHttp http, URI accessUrl, List<Param> params, Duration timeout, TableSink sink)
            throws IOException {
        return DalReader.fetch(http, accessUrl, params, Deadline.in(timeout), sink);
    }

    /**
     * Reads a DAL answer from a stream, e.g. a document saved earlier.
     *
     * @param <R> the record type
     * @param in the VOTable; not closed
     * @param source where it came from (used in messages and as {@link #source()})
     * @param http the client downloads use; null to borrow the shared client for each download
     * @param maker makes the records
     * @return the results
     * @throws org.vokit.QueryException if the document reports an error
     * @throws IOException if it cannot be read
     */
    public static <R extends DalRecord> DalResults<R> read(InputStream in, URI source, VoHttp http,
                                                           RecordMaker<R> maker) throws IOException {
        RowStore store = StoragePolicy.ADAPTIVE.makeRowStore();
        DocumentInfo info = DalReader.read(in, "", source, store);
        return new DalResults<>(store.getStarTable(), info, source, http, maker);
    }

    /** @return the number of records */
    public int size() {
        return size;
    }

    /** @return true if the service found nothing */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Returns one record.
     *
     * @param row the row index, from 0
     * @return the record
     */
    public R get(int row) {
        Objects.checkIndex(row, size);
        return maker.make(this, row);
    }

    /**
     * Returns the records as a list (made on demand as they are read).
     *
     * @return an unmodifiable list view
     */
    public List<R> records() {
        return new AbstractList<>() {
            @Override
            public R get(int index) {
                return DalResults.this.get(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Iterator<R> iterator() {
        return records().iterator();
    }

    /** @return the records as a stream */
    public Stream<R> stream() {
        return records().stream();
    }

    /** @return true if the service cut the result at its row limit ({@code QUERY_STATUS=OVERFLOW}) */
    public boolean overflowed() {
        return info.overflowed();
    }

    /** @return the DALI {@code QUERY_STATUS} ({@code OK}, {@code OVERFLOW}), or null if the service gave none */
    public String queryStatus() {
        return info.queryStatus();
    }

    /** @return every INFO of the answer, in document order */
    public List<Info> infos() {
        return info.infos();
    }

    /**
     * Returns what the answer said about itself, including the DataLink service descriptors it
     * declares ({@link DocumentInfo#serviceDescriptors()}).
     *
     * @return the document information
     */
    public DocumentInfo documentInfo() {
        return info;
    }

    /** @return the URL of the request (with its parameters), or where a read document came from */
    public URI source() {
        return source;
    }

    /**
     * Returns the result as a STIL table with random access, keeping the service's column
     * metadata (names, units, UCDs, utypes, descriptions) and table parameters.
     *
     * @return the table
     */
    public StarTable toTable() {
        return table;
    }

    /** @return the columns' metadata, in order */
    public List<ColumnMeta> columns() {
        List<ColumnMeta> out = new ArrayList<>();
        for (int i = 0; i < table.getColumnCount(); i++) {
            out.add(ColumnMeta.of(table.getColumnInfo(i)));
        }
        return out;
    }

    /**
     * Returns a column's STIL description.
     *
     * @param column the column index
     * @return the description
     */
    public ColumnInfo columnInfo(int column) {
        return table.getColumnInfo(column);
    }

    /**
     * Finds a column by name, ignoring case.
     *
     * @param name the name
     * @return its index, or -1
     */
    public int columnIndex(String name) {
        return column(List.of(FieldLocator.name(name)));
    }

    /**
     * Finds the first column with a UCD, ignoring case.
     *
     * @param ucd the UCD (UCD1 or UCD1+)
     * @return its index, or -1
     */
    public int columnByUcd(String ucd) {
        return column(List.of(FieldLocator.ucd(ucd)));
    }

    /**
     * Finds the first column with a utype, ignoring case and namespace prefix.
     *
     * @param utype the utype
     * @return its index, or -1
     */
    public int columnByUtype(String utype) {
        return column(List.of(FieldLocator.utype(utype)));
    }

    /**
     * Finds a column by trying locators in order; the first locator that matches any column wins.
     *
     * @param locators the ways to find it, most specific first
     * @return the column index, or -1
     */
    public int column(List<FieldLocator> locators) {
        return located.computeIfAbsent(List.copyOf(locators), this::locate);
    }

    private int locate(List<FieldLocator> locators) {
        for (FieldLocator l : locators) {
            for (int i = 0; i < table.getColumnCount(); i++) {
                if (l.matches(table.getColumnInfo(i))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Returns one cell.
     *
     * @param row the row index
     * @param column the column index
     * @return the value (null for a NULL)
     * @throws UncheckedIOException if STIL's scratch storage cannot be read
     */
    public Object cell(int row, int column) {
        try {
            return table.getCell(row, column);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read row " + row + " of the result from " + source, e);
        }
    }

    /** @return the HTTP client for downloads, or null to borrow the shared one per download */
    VoHttp http() {
        return http;
    }

    /**
     * Returns the file name stem of a record, unique (ignoring case) among all records of this
     * result: the second of two equal stems gets {@code -2}, the third {@code -3}, and so on.
     */
    String uniqueStem(int row) {
        synchronized (namesLock) {
            if (uniqueStems == null) {
                List<String> out = new ArrayList<>(size);
                Map<String, Integer> used = new HashMap<>();
                java.util.Set<String> taken = new java.util.HashSet<>();
                for (int i = 0; i < size; i++) {
                    R rec = get(i);
                    String stem = rec instanceof DatasetRecord d ? d.baseName().stem() : "row-" + (i + 1);
                    String key = stem.toLowerCase(Locale.ROOT);
                    String unique = stem;
                    if (!taken.add(key)) {
                        int k = used.getOrDefault(key, 1);
                        do {
                            k++;
                            unique = stem + "-" + k;
                        } while (!taken.add(unique.toLowerCase(Locale.ROOT)));
                        used.put(key, k);
                    }
                    out.add(unique);
                }
                uniqueStems = List.copyOf(out);
            }
            return uniqueStems.get(row);
        }
    }

    @Override
    public String toString() {
        return "DalResults[" + size + " records x " + table.getColumnCount() + " columns"
                + (overflowed() ? ", overflowed" : "") + " from " + source + "]";
    }
}
