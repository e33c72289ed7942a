package org.vokit.datalink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.vokit.DeadlineException;
import org.vokit.FormatException;
import org.vokit.VoException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.tap.TapResult;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Where the datalinks of a result come from, and how to get them row by row.
 *
 * <p>A result table (from TAP, SIA, SSA: a STIL {@link StarTable} with the service descriptors of
 * its document) offers datalinks in one of two ways, which {@link #forTable} detects:
 * <ul>
 * <li>{@link Mode#BY_ID}: a {@code #links} service descriptor whose {@code ID} parameter refers
 *     ({@code ref}) to a column of the table. Rows are then fetched in batches: one request
 *     carries the IDs of up to {@link #batchSize()} rows (several {@code ID} parameters, as
 *     DataLink allows). If the service refuses a batch (an error) or answers only some of its IDs
 *     (as services that redirect to another service with the first ID do), the rows concerned are
 *     asked for one by one, and a service that does not take several IDs is asked one ID per
 *     request from then on.</li>
 * <li>{@link Mode#BY_ACCESS_URL}: the rows' {@code access_url} points at a DataLink document
 *     (their {@code access_format} is {@value Link#DATALINK_CONTENT_TYPE}); one request per
 *     row.</li>
 * </ul>
 *
 * <pre>{@code
 * TapResult r = tap.runSync("SELECT TOP 100 * FROM ivoa.obscore");
 * DatalinkService dls = DatalinkService.forResult(r).orElseThrow().withBatchSize(50);
 * for (Datalink dl : dls.datalinks()) {           // one Datalink per row, in row order
 *     if (!dl.ok()) { log(dl.rowIndex(), dl.failure().get()); continue; }
 *     dl.first("#preview").ifPresent(...);
 * }
 * }</pre>
 *
 * <p>A failure is reported on the rows it concerns and never stops the iteration; only an
 * interruption does. Instances are immutable and thread-safe; each iteration has its own state.
 */
public final class DatalinkService {

    private static final System.Logger LOG = System.getLogger(DatalinkService.class.getName());

    /** How many IDs one request carries unless {@link #withBatchSize} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 25;
    /** The time one request may take unless {@link #withRequestTimeout} says otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(1);

    /** How the rows of a table lead to their datalinks. */
    public enum Mode {
        /** A {@code #links} endpoint asked with the rows' dataset identifiers. */
        BY_ID,
        /** Each row's access URL is a DataLink document. */
        BY_ACCESS_URL
    }

    private final Mode mode;
    private final URI endpoint;
    private final List<Param> fixedParams;
    private final ServiceDescriptor linksDescriptor;
    private final StarTable table;
    private final int idColumn;
    private final Map<String, Integer> rowParams;
    private final int accessUrlColumn;
    private final int accessFormatColumn;
    private final List<ServiceDescriptor> resultDescriptors;
    private final VoHttp http;
    private final int batchSize;
    private final Duration requestTimeout;
    private final Duration timeout;
    private final SemanticsVocabulary vocabulary;

    private DatalinkService(Mode mode, URI endpoint, List<Param> fixedParams, ServiceDescriptor linksDescriptor,
                            StarTable table, int idColumn, Map<String, Integer> rowParams, int accessUrlColumn,
                            int accessFormatColumn, List<ServiceDescriptor> resultDescriptors, VoHttp http,
                            int batchSize, Duration requestTimeout, Duration timeout, SemanticsVocabulary vocabulary) {
        this.mode = mode;
        this.endpoint = endpoint;
        this.fixedParams = List.copyOf(fixedParams);
        this.linksDescriptor = linksDescriptor;
        this.table = table;
        this.idColumn = idColumn;
        this.rowParams = Map.copyOf(rowParams);
        this.accessUrlColumn = accessUrlColumn;
        this.accessFormatColumn = accessFormatColumn;
        this.resultDescriptors = List.copyOf(resultDescriptors);
        this.http = http;
        this.batchSize = batchSize;
        this.requestTimeout = requestTimeout;
        this.timeout = timeout;
        this.vocabulary = vocabulary;
    }

    private DatalinkService copy(VoHttp h, int batch, Duration reqTimeout, Duration overall, SemanticsVocabulary voc) {
        return new DatalinkService(mode, endpoint, fixedParams, linksDescriptor, table, idColumn, rowParams,
                accessUrlColumn, accessFormatColumn, resultDescriptors, h, batch, reqTimeout, overall, voc);
    }

    // ------------------------------------------------------------------ making one

    /**
     * Makes a service for a plain {@code {links}} endpoint, to be asked with dataset IDs
     * ({@link #links(Collection)}, {@link #datalinks(List)}).
     *
     * @param linksEndpoint the endpoint's http(s) URL
     * @return the service
     */
    public static DatalinkService of(URI linksEndpoint) {
        DatalinkDocument.requireHttp(linksEndpoint);
        return new DatalinkService(Mode.BY_ID, linksEndpoint, List.of(), null, null, -1, Map.of(), -1, -1,
                List.of(), null, DEFAULT_BATCH_SIZE, DEFAULT_REQUEST_TIMEOUT, null,
                SemanticsVocabulary.bundled());
    }

    /**
     * Makes a service from a {@code #links} service descriptor; its parameters with fixed
     * values are sent with every request.
     *
     * @param linksDescriptor the descriptor
     * @return the service
     * @throws IllegalArgumentException if it has no http(s) access URL
     */
    public static DatalinkService of(ServiceDescriptor linksDescriptor) {
        URI url = linksDescriptor.accessUri().orElseThrow(() -> new IllegalArgumentException(
                "the service descriptor " + linksDescriptor + " has no http(s) accessURL"));
        return new DatalinkService(Mode.BY_ID, url, fixed(linksDescriptor), linksDescriptor, null, -1, Map.of(), -1,
                -1, List.of(), null, DEFAULT_BATCH_SIZE, DEFAULT_REQUEST_TIMEOUT, null,
                SemanticsVocabulary.bundled());
    }

    private static List<Param> fixed(ServiceDescriptor d) {
        List<Param> out = new ArrayList<>();
        for (InputParam p : d.inputParams()) {
            if (p.value() != null && p.ref() == null && !p.name().equalsIgnoreCase("ID")) {
                out.add(new Param(p.name(), p.value()));
            }
        }
        return out;
    }

    /**
     * Finds how the rows of a result table lead to datalinks: a {@code #links} descriptor whose
     * {@code ID} parameter refers to a column of the table (preferred, since it allows batching),
     * else {@code access_url}/{@code access_format} columns (found by name, by the ObsCore, SSA or
     * SIA utype, or by SIA 1's UCDs; never by looser guesses).
     *
     * @param table the result (read sequentially; not kept beyond the service's lifetime)
     * @param descriptors the service descriptors of the result document
     * @return the service bound to the table, or empty if the table offers no datalinks
     */
    public static Optional<DatalinkService> forTable(StarTable table, List<ServiceDescriptor> descriptors) {
        Objects.requireNonNull(table, "table");
        for (ServiceDescriptor d : descriptors) {
            if (!d.isLinks() || d.accessUri().isEmpty()) {
                continue;
            }
            Optional<InputParam> idParam = d.idRefParam();
            if (idParam.isEmpty()) {
                continue;
            }
            int col = Soda.refColumn(idParam.get().ref(), table);
            if (col < 0) {
                continue;
            }
            Map<String, Integer> others = new LinkedHashMap<>();
            boolean usable = true;
            for (InputParam p : d.inputParams()) {
                if (p.ref() != null && !p.name().equalsIgnoreCase("ID")) {
                    int c = Soda.refColumn(p.ref(), table);
                    if (c < 0) {
                        usable = false;
                        break;
                    }
                    others.put(p.name(), c);
                }
            }
            if (usable) {
                return Optional.of(new DatalinkService(Mode.BY_ID, d.accessUri().get(), fixed(d), d, table, col,
                        others, -1, -1, descriptors, null, DEFAULT_BATCH_SIZE,
                        DEFAULT_REQUEST_TIMEOUT, null, SemanticsVocabulary.bundled()));
            }
        }
        int url = findColumn(table, "access_url", "access.reference", "VOX:Image_AccessReference");
        int format = findColumn(table, "access_format", "access.format", "VOX:Image_Format");
        if (url >= 0 && format >= 0) {
            return Optional.of(new DatalinkService(Mode.BY_ACCESS_URL, null, List.of(), null, table, -1, Map.of(),
                    url, format, descriptors, null, 1, DEFAULT_REQUEST_TIMEOUT, null,
                    SemanticsVocabulary.bundled()));
        }
        return Optional.empty();
    }

    /**
     * Finds the datalinks of a TAP result; see {@link #forTable}.
     *
     * @param result the result
     * @return the service bound to the result's table, or empty
     */
    public static Optional<DatalinkService> forResult(TapResult result) {
        return forTable(result.table(), ServiceDescriptor.ofAll(result.documentInfo().serviceDescriptors()));
    }

    private static int findColumn(StarTable t, String name, String utypeSuffix, String ucd) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (name.equalsIgnoreCase(t.getColumnInfo(i).getName())) {
                return i;
            }
        }
        for (int i = 0; i < t.getColumnCount(); i++) {
            String u = t.getColumnInfo(i).getUtype();
            if (u != null) {
                String bare = u.substring(u.indexOf(':') + 1);
                if (bare.equalsIgnoreCase(utypeSuffix)) {
                    return i;
                }
            }
        }
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (ucd.equalsIgnoreCase(t.getColumnInfo(i).getUCD())) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ settings

    /**
     * Returns a copy using an HTTP client (shared with the caller, who closes it). Without one,
     * each call or iteration borrows the JVM's shared client ({@link VoHttp#shared()}) and gives it back when done.
     *
     * @param client the client
     * @return the copy
     */
    public DatalinkService withHttp(VoHttp client) {
        return copy(Objects.requireNonNull(client, "http"), batchSize, requestTimeout, timeout, vocabulary);
    }

    /**
     * Returns a copy that puts at most {@code n} IDs into one request; 1 means one request per
     * row. Has no effect in {@link Mode#BY_ACCESS_URL}.
     *
     * @param n the batch size, at least 1
     * @return the copy
     */
    public DatalinkService withBatchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + n);
        }
        return copy(http, n, requestTimeout, timeout, vocabulary);
    }

    /**
     * Returns a copy with another time limit per request.
     *
     * @param d the limit
     * @return the copy
     */
    public DatalinkService withRequestTimeout(Duration d) {
        return copy(http, batchSize, positive(d), timeout, vocabulary);
    }

    /**
     * Returns a copy whose iterations must end within {@code d}; rows not reached by then are
     * reported with a {@link DeadlineException}.
     *
     * @param d the overall time, or null for none
     * @return the copy
     */
    public DatalinkService withTimeout(Duration d) {
        return copy(http, batchSize, requestTimeout, d == null ? null : positive(d), vocabulary);
    }

    /**
     * Returns a copy that matches semantics with another vocabulary.
     *
     * @param voc the vocabulary
     * @return the copy
     */
    public DatalinkService withVocabulary(SemanticsVocabulary voc) {
        return copy(http, batchSize, requestTimeout, timeout, Objects.requireNonNull(voc));
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("time must be positive: " + d);
        }
        return d;
    }

    /** @return how rows lead to datalinks */
    public Mode mode() {
        return mode;
    }

    /** @return the {@code {links}} endpoint, or empty in {@link Mode#BY_ACCESS_URL} */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** @return the {@code #links} descriptor this service was made from, if any */
    public Optional<ServiceDescriptor> linksDescriptor() {
        return Optional.ofNullable(linksDescriptor);
    }

    /** @return the largest number of IDs per request */
    public int batchSize() {
        return batchSize;
    }

    /** @return the index of the column holding the dataset IDs, or -1 if not bound by ID */
    public int idColumn() {
        return idColumn;
    }

    /** @return the HTTP client given with {@link #withHttp}, if any */
    public Optional<VoHttp> http() {
        return Optional.ofNullable(http);
    }

    // ------------------------------------------------------------------ asking

    /**
     * Asks the {@code {links}} endpoint for the links of some datasets in one request.
     *
     * @param ids the dataset identifiers (sent as repeated {@code ID} parameters)
     * @return the document
     * @throws IOException if the request fails or the answer is not a DataLink document
     */
    public DatalinkDocument links(Collection<String> ids) throws IOException {
        requireById();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ID given");
        }
        try (State state = new State()) {
            return request(state, new ArrayList<>(new LinkedHashSet<>(ids)), List.of(), requestDeadline(null));
        }
    }

    /**
     * Asks for the links of some datasets, batched as configured, one {@link Datalink} per ID
     * in the given order ({@link Datalink#rowIndex()} is the position in the list).
     *
     * @param ids the dataset identifiers
     * @return one result per ID
     * @throws InterruptedIOException if the thread is interrupted
     */
    public List<Datalink> datalinks(List<String> ids) throws InterruptedIOException {
        requireById();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            items.add(new Item(i, ids.get(i), new Object[] {ids.get(i)}));
        }
        List<Datalink> out = new ArrayList<>();
        try (State state = new State()) {
            for (int lo = 0; lo < items.size(); ) {
                int n = state.batch();
                out.addAll(resolve(items.subList(lo, Math.min(items.size(), lo + n)), state));
                lo += n;
            }
        }
        return out;
    }

    /**
     * Iterates over the bound table's rows, one {@link Datalink} per row in row order,
     * fetching lazily batch by batch. A failure to read the local table surfaces as an
     * {@link UncheckedIOException}; an interruption as an {@link UncheckedIOException} around an
     * {@link InterruptedIOException}.
     *
     * @return the rows' datalinks
     * @throws IllegalStateException if the service is not bound to a table
     */
    public Iterable<Datalink> datalinks() {
        if (table == null) {
            throw new IllegalStateException("this datalink service is not bound to a table; use datalinks(ids)");
        }
        return RowIterator::new;
    }

    /**
     * Fetches the datalinks of every row of the bound table.
     *
     * @return one result per row, in row order
     * @throws IOException if the table cannot be read or the thread is interrupted
     */
    public List<Datalink> fetchAll() throws IOException {
        List<Datalink> out = new ArrayList<>();
        try {
            for (Datalink dl : datalinks()) {
                out.add(dl);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    private void requireById() {
        if (mode != Mode.BY_ID) {
            throw new IllegalStateException("rows of this table link to DataLink documents by access URL; "
                    + "there is no {links} endpoint to ask with IDs");
        }
    }

    // ------------------------------------------------------------------ the work

    /** One row to resolve. */
    private record Item(long row, String id, Object[] cells) {
    }

    /** What one iteration has learnt, and its HTTP client; not shared between iterations. */
    private final class State implements AutoCloseable {
        boolean batching = batchSize > 1 && rowParams.isEmpty();
        final Deadline overall = timeout == null ? null : Deadline.in(timeout);
        final VoHttp client = http != null ? http : VoHttp.shared();

        int batch() {
            return batching ? batchSize : 1;
        }

        @Override
        public void close() {
            if (http == null) {
                client.close();
            }
        }
    }

    private Deadline requestDeadline(Deadline overall) {
        return overall == null ? Deadline.in(requestTimeout) : Deadline.in(overall.cap(requestTimeout));
    }

    private DatalinkDocument request(State state, List<String> ids, List<Param> extra, Deadline deadline)
            throws IOException {
        List<Param> params = new ArrayList<>(fixedParams);
        params.addAll(extra);
        for (String id : ids) {
            params.add(new Param("ID", id));
        }
        try (VoResponse resp = state.client.send(VoRequest.post(endpoint, params), deadline)) {
            return DatalinkDocument.fromResponse(resp, ids).withVocabulary(vocabulary);
        }
    }

    private List<Datalink> resolve(List<Item> items, State state) throws InterruptedIOException {
        return mode == Mode.BY_ID ? resolveById(items, state) : resolveByUrl(items, state);
    }

    private List<Datalink> resolveById(List<Item> items, State state) throws InterruptedIOException {
        Map<String, DatalinkDocument> docs = new LinkedHashMap<>();
        Map<String, List<Link>> found = new LinkedHashMap<>();
        Map<String, VoException> failed = new LinkedHashMap<>();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (Item it : items) {
            if (it.id() != null) {
                ids.add(it.id());
            }
        }
        List<String> singles = new ArrayList<>(ids);
        VoException batchFailure = null;
        if (ids.size() > 1 && state.batching) {
            singles.clear();
            try {
                DatalinkDocument doc = request(state, new ArrayList<>(ids), List.of(), deadline(state));
                for (String id : ids) {
                    List<Link> l = doc.linksFor(id);
                    if (l.isEmpty()) {
                        singles.add(id);
                    } else {
                        docs.put(id, doc);
                        found.put(id, l);
                    }
                }
                if (!singles.isEmpty()) {
                    state.batching = false;
                    LOG.log(Level.DEBUG, "{0} answered {1} of {2} IDs of a batch; asking one ID per request from now on",
                            endpoint, ids.size() - singles.size(), ids.size());
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                batchFailure = asVo(e);
                LOG.log(Level.DEBUG, "a batch of {0} IDs failed at {1} ({2}); asking them one by one",
                        ids.size(), endpoint, e.getMessage());
                singles.addAll(ids);
            }
        }
        for (String id : singles) {
            Item first = items.stream().filter(i -> id.equals(i.id())).findFirst().orElseThrow();
            try {
                DatalinkDocument doc = request(state, List.of(id), rowParamsOf(first.cells()), deadline(state));
                List<Link> l = doc.linksFor(id);
                docs.put(id, doc);
                found.put(id, l.isEmpty() ? doc.links() : l);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                failed.put(id, asVo(e));
            }
        }
        if (batchFailure != null && failed.isEmpty() && singles.size() > 1) {
            state.batching = false;
            LOG.log(Level.DEBUG, "{0} refused several IDs but answered each alone; one ID per request from now on",
                    endpoint);
        }
        List<Datalink> out = new ArrayList<>();
        for (Item it : items) {
            if (it.id() == null) {
                out.add(failedRow(it, new FormatException("row " + it.row() + " has no dataset identifier in column "
                        + table.getColumnInfo(idColumn).getName(), null, null)));
            } else if (failed.containsKey(it.id())) {
                out.add(failedRow(it, failed.get(it.id())));
            } else {
                out.add(new Datalink(it.row(), it.id(), it.cells(), docs.get(it.id()), found.get(it.id()), null,
                        resultDescriptors, table, http));
            }
        }
        return out;
    }

    private List<Param> rowParamsOf(Object[] cells) {
        List<Param> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : rowParams.entrySet()) {
            Object v = cells[e.getValue()];
            if (v != null && !v.toString().isBlank()) {
                out.add(new Param(e.getKey(), v.toString()));
            }
        }
        return out;
    }

    private List<Datalink> resolveByUrl(List<Item> items, State state) throws InterruptedIOException {
        List<Datalink> out = new ArrayList<>();
        for (Item it : items) {
            Object url = it.cells()[accessUrlColumn];
            Object format = it.cells()[accessFormatColumn];
            if (!Link.isDatalinkContentType(format == null ? null : format.toString())) {
                out.add(failedRow(it, new FormatException("row " + it.row() + " does not link to a DataLink document"
                        + " (its access format is " + (format == null ? "NULL" : "'" + format + "'") + ")", null,
                        null)));
                continue;
            }
            Optional<URI> u = Link.httpUri(url == null ? null : url.toString());
            if (u.isEmpty()) {
                out.add(failedRow(it, new FormatException("row " + it.row() + " has no http(s) access URL: " + url,
                        null, null)));
                continue;
            }
            try {
                DatalinkDocument doc = DatalinkDocument.fetch(state.client, u.get(), deadline(state))
                        .withVocabulary(vocabulary);
                List<String> docIds = doc.ids();
                String id = docIds.size() == 1 ? docIds.get(0) : null;
                out.add(new Datalink(it.row(), id, it.cells(), doc, doc.links(), null, resultDescriptors, table,
                        http));
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                out.add(failedRow(it, asVo(e)));
            }
        }
        return out;
    }

    private Deadline deadline(State state) throws DeadlineException {
        if (state.overall != null && state.overall.expired()) {
            throw new DeadlineException("the datalinks were not all fetched within " + timeout, endpoint, timeout,
                    null);
        }
        return requestDeadline(state.overall);
    }

    private Datalink failedRow(Item it, VoException e) {
        return new Datalink(it.row(), it.id(), it.cells(), null, List.of(), e, resultDescriptors, table, http);
    }

    private VoException asVo(IOException e) {
        return e instanceof VoException ve ? ve
                : new org.vokit.AccessException("datalink request failed: " + e.getMessage(), endpoint, e);
    }

    /** Reads the table row by row and resolves the rows batch by batch. */
    private final class RowIterator implements Iterator<Datalink> {
        private final State state = new State();
        private final Deque<Datalink> ready = new ArrayDeque<>();
        private RowSequence seq;
        private long next;
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && !exhausted) {
                try {
                    fill();
                } catch (IOException e) {
                    close();
                    throw new UncheckedIOException(e);
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public Datalink next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void fill() throws IOException {
            if (seq == null) {
                seq = table.getRowSequence();
            }
            List<Item> items = new ArrayList<>();
            int want = mode == Mode.BY_ID ? state.batch() : 1;
            while (items.size() < want && seq.next()) {
                Object[] cells = seq.getRow().clone();
                String id = null;
                if (mode == Mode.BY_ID) {
                    Object v = cells[idColumn];
                    id = v == null || v.toString().isBlank() ? null : v.toString().strip();
                }
                items.add(new Item(next++, id, cells));
            }
            if (items.size() < want) {
                close();
            }
            ready.addAll(resolve(items, state));
        }

        private void close() {
            exhausted = true;
            state.close();
            if (seq != null) {
                try {
                    seq.close();
                } catch (IOException e) {
                    // nothing more to read from it anyway
                }
                seq = null;
            }
        }
    }

    @Override
    public String toString() {
        return "DatalinkService[" + mode + (endpoint != null ? " " + endpoint : "")
                + (mode == Mode.BY_ID && table != null ? " ID from column "
                        + table.getColumnInfo(idColumn).getName() : "")
                + ", batches of " + batchSize + "]";
    }
}
