package org.vokit.tap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.vokit.VoException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.Part;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;
import org.vokit.uws.UwsJob;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.OnceRowPipe;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableSink;

/**
 * A TAP service: its endpoints and the ways to query it.
 *
 * <pre>{@code
 * TapService tap = TapService.of("http://127.0.0.1:8089/tap");
 * TapResult r = tap.runSync("SELECT TOP 5 ra, dec FROM vostars.main");
 * TapResult big = tap.runAsync(TapQuery.of(adql).withMaxrec(1_000_000));
 * if (tap.capabilities().supportsUnion()) { ... }
 * }</pre>
 *
 * <p>Instances are immutable in their configuration and thread-safe; the capabilities and table
 * metadata are fetched on first use and kept. Failures are reported as {@link VoException}s
 * naming the service and carrying its own message.
 */
public final class TapService {

    private static final System.Logger LOG = System.getLogger(TapService.class.getName());

    private final URI base;
    private final VoHttp http;
    private final Duration syncTimeout;
    private final Duration asyncTimeout;
    private final StoragePolicy storage;
    private final AtomicReference<TapCapabilities> capabilities = new AtomicReference<>();
    private final AtomicReference<TableSet> tables = new AtomicReference<>();

    private TapService(Builder b) {
        this.base = b.base;
        this.http = b.http != null ? b.http : VoHttp.newDefault();
        this.syncTimeout = b.syncTimeout;
        this.asyncTimeout = b.asyncTimeout;
        this.storage = b.storage;
    }

    /**
     * Makes a service with default settings.
     *
     * @param baseUrl the TAP base URL (the one that has {@code /sync} and {@code /async} under it)
     * @return the service
     */
    public static TapService of(String baseUrl) {
        return builder(URI.create(baseUrl)).build();
    }

    /**
     * Makes a service with default settings.
     *
     * @param baseUrl the TAP base URL
     * @return the service
     */
    public static TapService of(URI baseUrl) {
        return builder(baseUrl).build();
    }

    /**
     * Starts configuring a service.
     *
     * @param baseUrl the TAP base URL
     * @return a builder
     */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** @return the base URL */
    public URI baseUrl() {
        return base;
    }

    /** @return the HTTP client in use */
    public VoHttp http() {
        return http;
    }

    /** @return the {@code /sync} endpoint */
    public URI syncUrl() {
        return endpoint("sync");
    }

    /** @return the {@code /async} job list */
    public URI asyncUrl() {
        return endpoint("async");
    }

    /** @return the VOSI capabilities endpoint */
    public URI capabilitiesUrl() {
        return endpoint("capabilities");
    }

    /** @return the VOSI tables endpoint */
    public URI tablesUrl() {
        return endpoint("tables");
    }

    private URI endpoint(String leaf) {
        String s = base.toString();
        return URI.create(s.endsWith("/") ? s + leaf : s + "/" + leaf);
    }

    private Deadline deadline(TapQuery q, Duration dflt) {
        return Deadline.in(q.timeout() != null ? q.timeout() : dflt);
    }

    // ----------------------------------------------------------------- sync

    /**
     * Runs an ADQL query synchronously and keeps the whole result.
     *
     * @param adql the query
     * @return the result
     * @throws IOException on failure ({@link org.vokit.QueryException} with the service's message
     *     for a rejected query)
     */
    public TapResult runSync(String adql) throws IOException {
        return runSync(TapQuery.of(adql));
    }

    /**
     * Runs a query synchronously and keeps the whole result.
     *
     * @param query the query
     * @return the result
     * @throws IOException on failure
     */
    public TapResult runSync(TapQuery query) throws IOException {
        RowStore store = storage.makeRowStore();
        DocumentInfo info = runSync(query, store);
        return new TapResult(store.getStarTable(), info, syncUrl());
    }

    /**
     * Runs a query synchronously, pushing the rows into a sink as they arrive.
     *
     * @param query the query
     * @param sink receives the table's metadata and rows
     * @return what the result document said about itself (overflow, INFOs)
     * @throws IOException on failure
     */
    public DocumentInfo runSync(TapQuery query, TableSink sink) throws IOException {
        Deadline deadline = deadline(query, syncTimeout);
        try (VoResponse resp = http.send(request(syncUrl(), query), deadline)) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            return ResultReader.read(resp.body(), resp.contentType(), syncUrl(), sink);
        }
    }

    /**
     * Runs a query synchronously and returns its rows as a stream read on demand.
     *
     * @param query the query
     * @return the stream; close it
     * @throws IOException if the request fails or the result has no table
     */
    public TapRowStream stream(TapQuery query) throws IOException {
        Deadline deadline = deadline(query, syncTimeout);
        VoResponse resp = http.send(request(syncUrl(), query), deadline);
        if (!resp.isSuccess()) {
            throw ServiceErrors.from(resp);
        }
        OnceRowPipe pipe = new OnceRowPipe();
        TapRowStream.InfoHolder holder = new TapRowStream.InfoHolder();
        Thread t = new Thread(() -> {
            try {
                holder.info = ResultReader.read(resp.body(), resp.contentType(), syncUrl(), pipe);
            } catch (IOException e) {
                fail(pipe, holder, e);
            } catch (RuntimeException e) {
                fail(pipe, holder, new org.vokit.FormatException("result could not be read: " + e, syncUrl(), e));
            } finally {
                resp.close();
            }
        }, "vokit-tap-stream");
        t.setDaemon(true);
        t.start();
        StarTable meta;
        try {
            meta = pipe.waitForStarTable();
        } catch (IOException e) {
            resp.close();
            throw holder.error != null ? holder.error : e;
        }
        return new TapRowStream(pipe, meta, t, resp::close, holder);
    }

    /**
     * Hands a reading failure to the consumer: STIL's pipe does not wake a reader already
     * waiting for rows on {@code setError}, so the rows are also ended and the stream re-throws
     * the failure (keeping its vokit type) when it sees the end.
     */
    private static void fail(OnceRowPipe pipe, TapRowStream.InfoHolder holder, IOException e) {
        holder.error = e;
        pipe.setError(e);
        try {
            pipe.endRows();
        } catch (RuntimeException alreadyEnded) {
            // the consumer sees the error either way
        }
    }

    /**
     * Runs a query that joins against a large local table by uploading the table in slices
     * (course §8.3): one synchronous query per slice of {@code rowsPerSlice} rows, each seeing
     * its slice as {@code TAP_UPLOAD.uploadName}, with the results concatenated in slice order.
     * Upload only the columns the join needs ({@code columns}); join the result back locally.
     *
     * @param query the query; it must not carry an upload of the same name
     * @param uploadName the upload's name in the query
     * @param table the local table (made random-access if it is not)
     * @param rowsPerSlice rows per request
     * @param columns the columns to send (all if none are named)
     * @return the concatenated result; overflowed if any slice overflowed
     * @throws IOException if a slice fails (the message says which rows)
     */
    public TapResult runSliced(TapQuery query, String uploadName, StarTable table, int rowsPerSlice,
                               String... columns) throws IOException {
        if (rowsPerSlice <= 0) {
            throw new IllegalArgumentException("rowsPerSlice must be positive: " + rowsPerSlice);
        }
        StarTable rtable = table.isRandom() ? table : uk.ac.starlink.table.Tables.randomTable(table);
        long n = rtable.getRowCount();
        RowStore store = storage.makeRowStore();
        boolean overflow = false;
        boolean started = false;
        List<org.vokit.votable.Info> infos = new ArrayList<>();
        for (long lo = 0; lo < n || !started; lo += rowsPerSlice) {
            long hi = Math.min(n, lo + rowsPerSlice);
            Upload u = Upload.table(uploadName, new TableSlice(rtable, lo, hi));
            if (columns.length > 0) {
                u = u.columns(columns);
            }
            boolean first = !started;
            TableSink sink = new TableSink() {
                @Override
                public void acceptMetadata(StarTable meta) throws uk.ac.starlink.table.TableFormatException {
                    if (first) {
                        store.acceptMetadata(meta);
                    }
                }

                @Override
                public void acceptRow(Object[] row) throws IOException {
                    store.acceptRow(row);
                }

                @Override
                public void endRows() {
                }
            };
            DocumentInfo info;
            try {
                info = runSync(query.withUpload(u), sink);
            } catch (org.vokit.QueryException e) {
                throw new org.vokit.QueryException("upload rows " + lo + " to " + (hi - 1) + ": " + e.detail(),
                        e.uri().orElse(syncUrl()), e);
            }
            started = true;
            overflow |= info.overflowed();
            infos.addAll(info.infos());
        }
        store.endRows();
        return new TapResult(store.getStarTable(), new DocumentInfo(infos, overflow ? "OVERFLOW" : "OK", overflow, 1),
                syncUrl());
    }

    private VoRequest request(URI target, TapQuery query) {
        List<Param> params = query.params();
        List<Part> parts = new ArrayList<>();
        for (Upload u : query.uploads()) {
            if (u.isInline()) {
                parts.add(Part.file(u.name(), u.name() + ".vot", "application/x-votable+xml", u::open));
            }
        }
        return parts.isEmpty() ? VoRequest.post(target, params) : VoRequest.multipart(target, params, parts);
    }

    // ---------------------------------------------------------------- async

    /**
     * Creates an asynchronous job for a query without starting it. The caller owns the job:
     * close it (which deletes it) when done.
     *
     * @param query the query
     * @return the job
     * @throws IOException if the service refuses the job
     */
    public AsyncJob submit(TapQuery query) throws IOException {
        return submit(query, Deadline.in(query.timeout() != null ? query.timeout() : http.requestTimeout()));
    }

    private AsyncJob submit(TapQuery query, Deadline deadline) throws IOException {
        URI job = UwsJob.createJob(http, asyncUrl(), request(asyncUrl(), query), deadline);
        return new AsyncJob(http, job, storage);
    }

    /**
     * Makes a handle on an existing job of this service, e.g. from an earlier run.
     *
     * @param jobUrl the job's URL
     * @return the handle
     */
    public AsyncJob resumeJob(URI jobUrl) {
        return new AsyncJob(http, jobUrl, storage);
    }

    /**
     * Runs a query asynchronously and blocks until its result is in: creates the job, starts
     * it, waits (with UWS 1.1 {@code WAIT} where offered), fetches the result and deletes the
     * job — also when it fails, times out or the thread is interrupted.
     *
     * @param adql the query
     * @return the result
     * @throws IOException on failure ({@link org.vokit.JobException} with the service's message)
     */
    public TapResult runAsync(String adql) throws IOException {
        return runAsync(TapQuery.of(adql));
    }

    /**
     * Runs a query asynchronously and blocks until its result is in; see {@link #runAsync(String)}.
     *
     * @param query the query; its timeout bounds the whole operation
     * @return the result
     * @throws IOException on failure
     */
    public TapResult runAsync(TapQuery query) throws IOException {
        return runAsync(query, job -> true);
    }

    /**
     * Runs a query asynchronously; {@code created} sees the job as soon as it exists and may
     * veto going on with it (then the job is deleted and the call ends with a cancellation).
     */
    private TapResult runAsync(TapQuery query, java.util.function.Predicate<AsyncJob> created) throws IOException {
        Deadline deadline = deadline(query, asyncTimeout);
        AsyncJob job = submit(query, deadline);
        try {
            if (!created.test(job)) {
                throw new java.io.InterruptedIOException("cancelled before the job was started");
            }
            job.run(deadline);
            job.waitFor(deadline);
            return job.fetchResult(deadline);
        } finally {
            deleteQuietly(job);
        }
    }

    /**
     * Runs a query asynchronously on an executor. Cancelling the future (with or without
     * interruption) stops the wait and deletes the job on the service: the cancelling thread
     * sends the deletion itself, so it does not depend on where the worker is.
     *
     * @param query the query
     * @param executor where to run the blocking work
     * @return the future result
     */
    public CompletableFuture<TapResult> runAsyncLater(TapQuery query, Executor executor) {
        CancellableFuture<TapResult> f = new CancellableFuture<>();
        executor.execute(() -> {
            if (!f.bind(Thread.currentThread())) {
                return;
            }
            try {
                f.complete(runAsync(query, f::attach));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            } finally {
                f.unbind();
            }
        });
        return f;
    }

    /**
     * Lists the jobs the service's job list shows (UWS {@code GET /async}).
     *
     * @return the jobs' URLs
     * @throws IOException on failure
     */
    public List<URI> listJobs() throws IOException {
        return UwsJob.listJobs(http, asyncUrl(), Deadline.in(http.requestTimeout()));
    }

    private static void deleteQuietly(UwsJob job) {
        boolean interrupted = Thread.interrupted();
        try {
            job.delete();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete job " + job.uri() + ": " + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------- metadata

    /**
     * Returns the service's capabilities (VOSI + TAPRegExt), fetched on first use.
     *
     * @return the capabilities
     * @throws IOException if they cannot be fetched or parsed
     */
    public TapCapabilities capabilities() throws IOException {
        TapCapabilities c = capabilities.get();
        if (c == null) {
            try (VoResponse resp = http.sendOk(VoRequest.get(capabilitiesUrl()), Deadline.in(http.requestTimeout()))) {
                c = TapCapabilities.parse(resp.body(), capabilitiesUrl());
            }
            capabilities.compareAndSet(null, c);
        }
        return c;
    }

    /**
     * Returns the service's table metadata from VOSI {@code /tables}, fetched on first use; when
     * the service has no usable {@code /tables}, it is read from {@code TAP_SCHEMA} instead.
     *
     * @return the table set
     * @throws IOException if neither source works
     */
    public TableSet tables() throws IOException {
        TableSet t = tables.get();
        if (t == null) {
            try (VoResponse resp = http.sendOk(VoRequest.get(tablesUrl()), Deadline.in(http.requestTimeout()))) {
                t = TableSet.parse(resp.body(), tablesUrl());
            } catch (VoException vosiFailure) {
                LOG.log(Level.DEBUG, "no usable /tables at " + tablesUrl() + " (" + vosiFailure.getMessage()
                        + "); reading TAP_SCHEMA");
                try {
                    t = tapSchemaTables();
                } catch (IOException e) {
                    e.addSuppressed(vosiFailure);
                    throw e;
                }
            }
            tables.compareAndSet(null, t);
            t = tables.get();
        }
        return t;
    }

    /**
     * Returns one table's metadata with its columns. Services that list tables without columns
     * at {@code /tables} (as DaCHS does for large schemas) are asked for the table's own
     * {@code /tables/NAME} document, and the answer is kept.
     *
     * @param name the table name, qualified or not (case-insensitive)
     * @return the table, if the service has it
     * @throws IOException if the metadata cannot be fetched
     */
    public java.util.Optional<TableSet.TableMeta> table(String name) throws IOException {
        java.util.Optional<TableSet.TableMeta> t = tables().table(name);
        if (t.isEmpty() || t.get().hasColumns()) {
            return t;
        }
        URI one = URI.create(tablesUrl() + "/" + java.net.URLEncoder.encode(t.get().name(),
                java.nio.charset.StandardCharsets.UTF_8));
        try (VoResponse resp = http.sendOk(VoRequest.get(one), Deadline.in(http.requestTimeout()))) {
            TableSet single = TableSet.parse(resp.body(), one);
            tables.updateAndGet(cur -> cur.merge(single));
        }
        return tables.get().table(name);
    }

    /**
     * Reads the table metadata from the service's {@code TAP_SCHEMA} tables (two queries),
     * bypassing VOSI {@code /tables}; {@link #tables()} uses it when {@code /tables} fails.
     *
     * @return the table set
     * @throws IOException if the queries fail
     */
    public TableSet tapSchemaTables() throws IOException {
        TapResult tabs = runSync(TapQuery.of(TableSet.TAP_SCHEMA_TABLES_QUERY));
        TapResult cols = runSync(TapQuery.of(TableSet.TAP_SCHEMA_COLUMNS_QUERY));
        return TableSet.fromTapSchema(tabs.table(), cols.table());
    }

    // ------------------------------------------------------------ internals

    static TapResult fetchTable(VoHttp http, URI url, Deadline deadline, StoragePolicy storage) throws IOException {
        RowStore store = storage.makeRowStore();
        DocumentInfo info = streamTable(http, url, deadline, store);
        return new TapResult(store.getStarTable(), info, url);
    }

    static DocumentInfo streamTable(VoHttp http, URI url, Deadline deadline, TableSink sink) throws IOException {
        try (VoResponse resp = http.send(VoRequest.get(url), deadline)) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            return ResultReader.read(resp.body(), resp.contentType(), url, sink);
        }
    }

    @Override
    public String toString() {
        return "TapService[" + base + "]";
    }

    /** A future whose cancellation interrupts the thread working on it. */
    private static final class CancellableFuture<T> extends CompletableFuture<T> {
        private Thread worker;
        private AsyncJob job;

        synchronized boolean bind(Thread t) {
            if (isDone()) {
                return false;
            }
            worker = t;
            return true;
        }

        /** Remembers the job; false if the future was cancelled meanwhile (the job is then deleted). */
        synchronized boolean attach(AsyncJob j) {
            job = j;
            return !isCancelled();
        }

        synchronized void unbind() {
            worker = null;
            Thread.interrupted();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean done = super.cancel(mayInterruptIfRunning);
            AsyncJob j;
            synchronized (this) {
                if (worker != null) {
                    worker.interrupt();
                }
                j = job;
            }
            if (j != null && done) {
                Thread deleter = new Thread(() -> deleteQuietly(j), "vokit-delete-job");
                deleter.setDaemon(true);
                deleter.start();
            }
            return done;
        }
    }

    /** Builder of {@link TapService}s. */
    public static final class Builder {
        private final URI base;
        private VoHttp http;
        private Duration syncTimeout = Duration.ofMinutes(10);
        private Duration asyncTimeout = Duration.ofHours(2);
        private StoragePolicy storage = StoragePolicy.ADAPTIVE;

        private Builder(URI base) {
            Objects.requireNonNull(base, "baseUrl");
            String scheme = base.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("a TAP service needs an http(s) URL, not '" + base + "'");
            }
            String s = base.toString();
            this.base = s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : base;
        }

        /**
         * @param client the HTTP client to use (shared between services)
         * @return this builder
         */
        public Builder http(VoHttp client) {
            this.http = client;
            return this;
        }

        /**
         * @param d the overall time a sync query may take unless the query says otherwise
         * @return this builder
         */
        public Builder syncTimeout(Duration d) {
            this.syncTimeout = Objects.requireNonNull(d);
            return this;
        }

        /**
         * @param d the overall time an async query may take unless the query says otherwise
         * @return this builder
         */
        public Builder asyncTimeout(Duration d) {
            this.asyncTimeout = Objects.requireNonNull(d);
            return this;
        }

        /**
         * @param policy where complete results are kept (memory, disk, adaptive)
         * @return this builder
         */
        public Builder storage(StoragePolicy policy) {
            this.storage = Objects.requireNonNull(policy);
            return this;
        }

        /** @return the service */
        public TapService build() {
            return new TapService(this);
        }
    }
}
