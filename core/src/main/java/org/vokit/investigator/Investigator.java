package org.vokit.investigator;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.vokit.DeadlineException;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampMessage;
import org.vokit.samp.SampTableLoader;
import org.vokit.samp.SampTarget;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * The object investigator (the course's "vicinity searcher"): a headless SAMP client that other
 * clients send tables to; when one of their rows is highlighted, it runs its searches around that
 * row's position and hands each non-empty result table to its {@link ResultSink}, named after
 * what was searched where ({@code "vostars cone 10.0012 +20.0008 r=0.05deg"}; ASCII, as SAMP
 * needs). The sink is named by the host: {@link Builder#target} sends over SAMP to a client
 * ({@link SampResultSink}), {@link Builder#sink} hands the tables to anything else, such as a
 * TOPCAT or Aladin plugin.
 *
 * <pre>{@code
 * try (Investigator inv = Investigator.builder()
 *         .lockFile(hubLockfile)                       // or .connection(existing); default: ~/.samp
 *         .target("Aladin").pointTarget(true)          // or .sink(resultSink)
 *         .radius(0.05)
 *         .search(TapVicinitySearch.of(tap, "SELECT * FROM vostars.main WHERE 1=CONTAINS("
 *                 + "POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))"))
 *         .search(ConeVicinitySearch.of(coneUrl, http))
 *         .listener(e -> System.out.println(e.describe()))
 *         .start()) {
 *     ...                                               // TOPCAT sends a table, the user clicks rows
 * }
 * }</pre>
 *
 * <p><b>Messages.</b> It subscribes to {@code table.load.votable} (keeping the most recent
 * tables by {@code table-id}; files only from clients on this host, see {@link SampTableLoader})
 * and {@code table.highlight.row} (the table found by {@code table-id}, else by {@code url}).
 * The position comes from the row's RA/Dec columns ({@link PositionColumns}).
 *
 * <p><b>Searches</b> run on the investigator's own bounded pool, in parallel, never on a SAMP
 * thread, each within its timeout; one failing search does not affect the others. A newer
 * highlight cancels every search of the older one: queued searches never start, running ones
 * are interrupted, which aborts their HTTP requests, and results not yet on their way are not
 * sent.
 * Everything is reported to {@link InvestigatorListener}s as {@link InvestigatorEvent}s, and
 * each search's progress also to a {@link ProgressListener} ({@link Builder#progress}).
 *
 * <p><b>Lifetime.</b> {@link #close()} stops the investigator's threads and, if it made its own
 * SAMP connection, unregisters; nothing of it is left running afterwards.
 */
public final class Investigator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Investigator.class.getName());

    private final SampConnection conn;
    private final boolean ownsConnection;
    private final List<VicinitySearch> searches;
    private final double radius;
    private final Duration searchTimeout;
    private final ResultSink sink;
    private final SampTarget target;
    private final List<InvestigatorListener> listeners;
    private final ProgressListener progress;
    private final SampTableLoader loader;
    private final int maxTables;
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<String, Loaded> tables = new LinkedHashMap<>();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Run current;

    /** A table sent to the investigator. */
    private record Loaded(String id, String url, String name, StarTable table, PositionColumns columns) {
    }

    private Investigator(Builder b, SampConnection conn, boolean owns, ResultSink sink) {
        this.conn = conn;
        this.ownsConnection = owns;
        this.searches = List.copyOf(b.searches);
        this.radius = b.radius;
        this.searchTimeout = b.searchTimeout;
        this.sink = sink;
        this.target = sink instanceof SampResultSink samp ? samp.target() : null;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.progress = b.progress;
        this.maxTables = b.maxTables;
        SampTableLoader.Builder lb = SampTableLoader.builder(conn).maxBytes(b.maxTableBytes);
        if (b.http != null) {
            lb.http(b.http);
        }
        this.loader = lb.build();
        AtomicInteger threadNo = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(b.parallelism, b.parallelism, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "vokit-investigator-search-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vokit-investigator-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts configuring an investigator.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private void install() throws IOException {
        conn.onDisconnect(() -> emit(new InvestigatorEvent(InvestigatorEvent.Kind.DISCONNECTED, 0, null, null, 0, -1,
                null, conn.hubUrl() == null ? null : conn.hubUrl().toString(), null, null)));
        conn.on(MTypes.TABLE_LOAD_VOTABLE, this::loadTable);
        conn.on(MTypes.TABLE_HIGHLIGHT_ROW, this::highlight);
    }

    // ------------------------------------------------------------------ accessors

    /** @return the SAMP connection the investigator listens on */
    public SampConnection connection() {
        return conn;
    }

    /** @return the investigator's SAMP client id, the one to send tables and highlights to */
    public String clientId() {
        return conn.selfId();
    }

    /** @return the searches, in order */
    public List<VicinitySearch> searches() {
        return searches;
    }

    /** @return the search radius in degrees */
    public double radius() {
        return radius;
    }

    /** @return the SAMP client results are sent to, or null if they go to a sink of another kind */
    public SampTarget target() {
        return target;
    }

    /** @return where results go */
    public ResultSink sink() {
        return sink;
    }

    /** @return the ids of the tables kept, oldest first */
    public synchronized Set<String> tableIds() {
        return new LinkedHashSet<>(tables.keySet());
    }

    /**
     * Returns a table that was sent to the investigator.
     *
     * @param tableId its {@code table-id}
     * @return the table, if kept
     */
    public synchronized Optional<StarTable> table(String tableId) {
        Loaded l = tables.get(tableId);
        return l == null ? Optional.empty() : Optional.of(l.table());
    }

    /**
     * Adds a table directly, as if it had been sent with {@code table.load.votable}.
     *
     * @param tableId the id highlights will name
     * @param url the URL highlights may name instead, or null
     * @param name a name for logs
     * @param table the table; it must have position columns
     * @throws IllegalArgumentException if it has no recognisable RA/Dec columns
     */
    public void addTable(String tableId, String url, String name, StarTable table) {
        PositionColumns cols = PositionColumns.find(table).orElseThrow(() -> new IllegalArgumentException(
                "table '" + name + "' has no recognisable RA/Dec columns (looked for " + PositionColumns.LOOKED_FOR + ")"));
        keep(new Loaded(tableId, url, name, table, cols));
    }

    private synchronized void keep(Loaded l) {
        tables.remove(l.id());
        tables.put(l.id(), l);
        while (tables.size() > maxTables) {
            String oldest = tables.keySet().iterator().next();
            tables.remove(oldest);
        }
    }

    private synchronized Loaded find(String tableId, String url) {
        if (tableId != null && tables.containsKey(tableId)) {
            return tables.get(tableId);
        }
        if (url != null) {
            for (Loaded l : tables.values()) {
                if (url.equals(l.url())) {
                    return l;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ SAMP handlers

    private Map<String, ?> loadTable(SampMessage m) throws IOException {
        StarTable t = loader.loadVotable(m);
        String id = m.param("table-id");
        String url = m.requireParam("url");
        if (id == null || id.isBlank()) {
            id = url;
        }
        String name = m.param("name") != null ? m.param("name") : t.getName() != null ? t.getName() : id;
        Optional<PositionColumns> cols = PositionColumns.find(t);
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "' has no recognisable RA/Dec columns (looked for "
                    + PositionColumns.LOOKED_FOR + ")");
        }
        keep(new Loaded(id, url, name, t, cols.get()));
        emit(new InvestigatorEvent(InvestigatorEvent.Kind.TABLE_LOADED, 0, null, null, 0, t.getRowCount(), name,
                id + " from " + m.senderId(), null, null));
        return Map.of();
    }

    private Map<String, ?> highlight(SampMessage m) throws IOException {
        String id = m.param("table-id");
        String url = m.param("url");
        long row = m.requireLong("row");
        Loaded l = find(id, url);
        if (l == null) {
            throw new IllegalArgumentException("unknown table " + (id != null ? "'" + id + "'" : url)
                    + "; tables loaded: " + (tableIds().isEmpty() ? "none" : String.join(", ", tableIds()))
                    + " (send it with table.load.votable first)");
        }
        long run = investigate(l, row);
        return Map.of("vokit.run", Long.toString(run));
    }

    // ------------------------------------------------------------------ investigating

    /**
     * Investigates a row of a kept table, as a {@code table.highlight.row} would.
     *
     * @param tableId the table's id (or URL)
     * @param row the row, from 0
     * @return the investigation's number
     * @throws IllegalArgumentException if the table is unknown, the row does not exist or has no position
     * @throws IOException if the table cannot be read
     */
    public long investigate(String tableId, long row) throws IOException {
        Loaded l = find(tableId, tableId);
        if (l == null) {
            throw new IllegalArgumentException("unknown table '" + tableId + "'");
        }
        return investigate(l, row);
    }

    private long investigate(Loaded l, long row) throws IOException {
        SkyPosition pos;
        try {
            pos = l.columns().position(l.table(), row).orElseThrow(() -> new IllegalArgumentException(
                    "row " + row + " of '" + l.name() + "' has no position"));
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("row " + row + " of '" + l.name() + "' does not exist ("
                    + l.table().getRowCount() + " rows)");
        }
        return investigate(pos);
    }

    /**
     * Starts an investigation at a position, cancelling the one before.
     *
     * @param position the position
     * @return its number (increasing from 1)
     * @throws IllegalStateException if the investigator is closed
     */
    public long investigate(SkyPosition position) {
        Objects.requireNonNull(position, "position");
        if (closed.get()) {
            throw new IllegalStateException("the investigator is closed");
        }
        Run run = new Run(runs.incrementAndGet(), position);
        Run previous;
        synchronized (this) {
            previous = current;
            current = run;
        }
        if (previous != null) {
            previous.cancel();
        }
        emit(new InvestigatorEvent(InvestigatorEvent.Kind.INVESTIGATION_STARTED, run.id, null, position, radius, -1,
                null, searches.size() + (searches.size() == 1 ? " search" : " searches"), null, null));
        for (VicinitySearch s : searches) {
            Task task = new Task(run, s);
            FutureTask<Void> f = new FutureTask<>(task, null);
            task.future = f;
            run.tasks.add(task);
        }
        for (Task t : run.tasks) {
            try {
                pool.execute(t.future);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                t.cancel();
            }
        }
        return run.id;
    }

    /**
     * Waits until the latest investigation has no search left running or queued (results
     * included), for scripts and tests.
     *
     * @param max the longest wait
     * @return true if it is over, false if the time ran out
     * @throws InterruptedException if interrupted
     */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        Run r;
        synchronized (this) {
            r = current;
        }
        return r == null || r.done.await(max.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The searches started by one highlight. */
    private final class Run {
        final long id;
        final SkyPosition position;
        final List<Task> tasks = new CopyOnWriteArrayList<>();
        final CountDownLatch done;
        volatile boolean cancelled;

        Run(long id, SkyPosition position) {
            this.id = id;
            this.position = position;
            this.done = new CountDownLatch(searches.size());
        }

        void cancel() {
            cancelled = true;
            for (Task t : tasks) {
                t.cancel();
            }
        }
    }

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    /** One search of one run. */
    private final class Task implements Runnable {
        final Run run;
        final VicinitySearch search;
        final AtomicInteger state = new AtomicInteger(NEW);
        final AtomicBoolean reported = new AtomicBoolean();
        volatile FutureTask<Void> future;
        volatile boolean timedOut;
        volatile long started;

        Task(Run run, VicinitySearch search) {
            this.run = run;
            this.search = search;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(NEW, RUNNING)) {
                return;
            }
            started = System.nanoTime();
            ScheduledFuture<?> watchdog = timer.schedule(this::timeout, searchTimeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                report(InvestigatorEvent.Kind.SEARCH_STARTED, -1, null, null, null, false);
                VicinitySearch.Result result = search.search(run.position, radius, Deadline.in(searchTimeout));
                long rows = count(result.table());
                if (run.cancelled) {
                    report(InvestigatorEvent.Kind.SEARCH_CANCELLED, -1, null, null, null, true);
                    return;
                }
                String name = search.label() + " " + run.position.format() + " r="
                        + InvestigatorEvent.radiusText(radius) + "deg";
                report(InvestigatorEvent.Kind.SEARCH_FINISHED, rows, null,
                        result.overflowed() ? "truncated by the service" : null, null, rows == 0);
                if (rows > 0) {
                    send(new ResultTable(run.id, run.position, radius, search.label(), result.source(), name,
                            result.table(), rows, result.overflowed()));
                }
            } catch (Throwable e) {
                if (run.cancelled && !timedOut) {
                    report(InvestigatorEvent.Kind.SEARCH_CANCELLED, -1, null, null, null, true);
                } else if (timedOut && !(e instanceof DeadlineException)) {
                    report(InvestigatorEvent.Kind.SEARCH_FAILED, -1, null, null, new DeadlineException(
                            "the search did not finish within " + searchTimeout, null, searchTimeout, e), true);
                } else {
                    report(InvestigatorEvent.Kind.SEARCH_FAILED, -1, null, null, e, true);
                }
                if (e instanceof Error err && !(e instanceof AssertionError)) {
                    LOG.log(Level.ERROR, "search " + search.label() + " crashed", err);
                }
            } finally {
                watchdog.cancel(false);
                state.set(DONE);
                if (!reported.get()) {
                    // a search that finished with rows and was then sent (or not): the run's latch
                    finish();
                }
            }
        }

        private void send(ResultTable r) {
            if (run.cancelled) {
                report(InvestigatorEvent.Kind.SEARCH_CANCELLED, -1, null, null, null, true);
                return;
            }
            try {
                String to = sink.accept(r);
                report(InvestigatorEvent.Kind.RESULT_SENT, r.rows(), r.name(), to, null, true);
            } catch (Exception e) {
                if (run.cancelled && Thread.currentThread().isInterrupted()) {
                    report(InvestigatorEvent.Kind.SEARCH_CANCELLED, -1, null, null, null, true);
                } else if (e instanceof org.vokit.samp.SampTimeoutException) {
                    report(InvestigatorEvent.Kind.RESULT_UNCONFIRMED, r.rows(), r.name(), null, e, true);
                } else {
                    report(InvestigatorEvent.Kind.SEND_FAILED, r.rows(), r.name(), null, e, true);
                }
            }
        }

        void timeout() {
            if (state.get() == RUNNING) {
                timedOut = true;
                future.cancel(true);
            }
        }

        void cancel() {
            if (state.compareAndSet(NEW, DONE)) {
                future.cancel(false);
                report(InvestigatorEvent.Kind.SEARCH_CANCELLED, -1, null, null, null, true);
            } else if (state.get() == RUNNING) {
                future.cancel(true);
            }
        }

        /** Emits an event; a final one also counts the task as done for {@link #awaitIdle}. */
        private void report(InvestigatorEvent.Kind kind, long rows, String name, String detail, Throwable error,
                boolean last) {
            if (last && !reported.compareAndSet(false, true)) {
                return;
            }
            Duration elapsed = started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
            emit(new InvestigatorEvent(kind, run.id, search.label(), run.position, radius, rows, name, detail, error,
                    elapsed));
            progress(kind, rows, error, elapsed);
            if (last) {
                finish();
            }
        }

        private void finish() {
            run.done.countDown();
        }

        /** The search's own steps as progress: started, finished with rows, failed, cancelled. */
        private void progress(InvestigatorEvent.Kind kind, long rows, Throwable error, Duration elapsed) {
            if (progress == null) {
                return;
            }
            String task = "#" + run.id + " " + search.label();
            URI service = search.serviceUrl();
            String source = service == null ? null : service.toString();
            ProgressEvent e = switch (kind) {
                case SEARCH_STARTED -> ProgressEvent.started(task, source);
                case SEARCH_FINISHED -> ProgressEvent.finished(task, source, rows, elapsed);
                case SEARCH_FAILED -> ProgressEvent.failed(task, source, error, elapsed);
                case SEARCH_CANCELLED -> ProgressEvent.cancelled(task, source, elapsed);
                default -> null;
            };
            if (e != null) {
                ProgressListener.deliver(progress, e);
            }
        }
    }

    private static long count(StarTable t) throws IOException {
        long n = t.getRowCount();
        if (n >= 0) {
            return n;
        }
        long c = 0;
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                c++;
            }
        }
        return c;
    }

    private void emit(InvestigatorEvent e) {
        LOG.log(Level.DEBUG, e::describe);
        for (InvestigatorListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "investigator listener failed on " + e.kind(), ex);
            }
        }
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     */
    public void addListener(InvestigatorListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Cancels the running investigation, stops the threads and, if the investigator made its own
     * connection, unregisters from the hub.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Run r;
        synchronized (this) {
            r = current;
        }
        if (r != null) {
            r.cancel();
        }
        pool.shutdownNow();
        timer.shutdownNow();
        loader.close();
        if (ownsConnection) {
            conn.close();
        } else {
            try {
                conn.off(MTypes.TABLE_HIGHLIGHT_ROW);
                conn.off(MTypes.TABLE_LOAD_VOTABLE);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "could not withdraw the investigator's subscriptions: " + e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ builder

    /** Configures and starts an {@link Investigator}. */
    public static final class Builder {
        private SampConnection connection;
        private URI lockUrl;
        private String name = "vokit-investigator";
        private SampTarget target;
        private ResultSink sink;
        private ProgressListener progress;
        private org.vokit.samp.ShutdownHooks hooks = org.vokit.samp.ShutdownHooks.RUNTIME;
        private final List<VicinitySearch> searches = new ArrayList<>();
        private double radius = 0.05;
        private Duration searchTimeout = Duration.ofSeconds(60);
        private Duration sendTimeout;
        private boolean pointTarget;
        private int parallelism = 4;
        private final List<InvestigatorListener> listeners = new ArrayList<>();
        private VoHttp http;
        private long maxTableBytes = 256L * 1024 * 1024;
        private int maxTables = 16;

        private Builder() {
        }

        /**
         * Uses an existing connection; the investigator binds its handlers to it and does not
         * close it.
         *
         * @param c the connection
         * @return this builder
         */
        public Builder connection(SampConnection c) {
            this.connection = Objects.requireNonNull(c, "connection");
            return this;
        }

        /**
         * Registers with the hub of this lockfile (default: the user's {@code ~/.samp}).
         *
         * @param url the lockfile's URL
         * @return this builder
         */
        public Builder lockUrl(URI url) {
            this.lockUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Registers with the hub of this lockfile.
         *
         * @param file the lockfile
         * @return this builder
         */
        public Builder lockFile(Path file) {
            return lockUrl(file.toAbsolutePath().toUri());
        }

        /**
         * Sets the SAMP client name when the investigator makes its own connection.
         *
         * @param n the name (default {@code vokit-investigator})
         * @return this builder
         */
        public Builder name(String n) {
            this.name = Objects.requireNonNull(n, "name");
            return this;
        }

        /**
         * Sends results over SAMP to this client, by id or name ({@link SampResultSink}).
         *
         * @param clientNameOrId the client
         * @return this builder
         */
        public Builder target(String clientNameOrId) {
            this.target = SampTarget.client(clientNameOrId);
            return this;
        }

        /**
         * Sends results over SAMP to this target ({@link SampResultSink} on the investigator's
         * connection, configured by {@link #pointTarget} and {@link #sendTimeout}).
         *
         * @param t the target, e.g. {@link SampTarget#subscribed()}
         * @return this builder
         */
        public Builder target(SampTarget t) {
            this.target = Objects.requireNonNull(t, "target");
            return this;
        }

        /**
         * Sets where the connection the investigator makes for itself registers its shutdown
         * hook (default: the JVM's); {@link Investigator#close()} takes it back.
         *
         * @param h the hooks
         * @return this builder
         */
        public Builder shutdownHooks(org.vokit.samp.ShutdownHooks h) {
            this.hooks = Objects.requireNonNull(h, "hooks");
            return this;
        }

        /**
         * Hands results to this sink instead of sending them to a SAMP target, e.g. a plugin's
         * sink that adds tables to its host.
         *
         * @param s the sink
         * @return this builder
         */
        public Builder sink(ResultSink s) {
            this.sink = Objects.requireNonNull(s, "sink");
            return this;
        }

        /**
         * Reports each search's progress (started, finished with rows, failed, cancelled) to a
         * listener, as tasks named {@code "#run label"}, besides the {@link InvestigatorEvent}s.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Adds a search.
         *
         * @param s the search
         * @return this builder
         */
        public Builder search(VicinitySearch s) {
            searches.add(Objects.requireNonNull(s, "search"));
            return this;
        }

        /**
         * Adds searches.
         *
         * @param all the searches
         * @return this builder
         */
        public Builder searches(Collection<? extends VicinitySearch> all) {
            all.forEach(this::search);
            return this;
        }

        /**
         * Sets the search radius.
         *
         * @param degrees the radius in degrees (default 0.05), in (0, 180]
         * @return this builder
         */
        public Builder radius(double degrees) {
            if (!(degrees > 0 && degrees <= 180)) {
                throw new IllegalArgumentException("the radius must be in (0, 180] degrees: " + degrees);
            }
            this.radius = degrees;
            return this;
        }

        /**
         * Sets the time allowed for each search (default 60 s).
         *
         * @param d the time
         * @return this builder
         */
        public Builder searchTimeout(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("searchTimeout must be positive: " + d);
            }
            this.searchTimeout = d;
            return this;
        }

        /**
         * Sets the time allowed for the SAMP target to accept a result (default: the
         * connection's call timeout).
         *
         * @param d the time
         * @return this builder
         */
        public Builder sendTimeout(Duration d) {
            this.sendTimeout = d;
            return this;
        }

        /**
         * Sets whether the SAMP target is also sent {@code coord.pointAt.sky} (once per
         * investigation, before its first result), so that a viewer shows where the new tables
         * are. Default: off.
         *
         * @param on whether to point the target
         * @return this builder
         */
        public Builder pointTarget(boolean on) {
            this.pointTarget = on;
            return this;
        }

        /**
         * Sets how many searches run at once (default 4).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder parallelism(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1: " + n);
            }
            this.parallelism = n;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param l the listener
         * @return this builder
         */
        public Builder listener(InvestigatorListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * Sets the HTTP client that fetches the tables sent by URL.
         *
         * @param client the client
         * @return this builder
         */
        public Builder http(VoHttp client) {
            this.http = client;
            return this;
        }

        /**
         * Sets the largest table document accepted (default 256 MiB).
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxTableBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxTableBytes must be positive: " + bytes);
            }
            this.maxTableBytes = bytes;
            return this;
        }

        /**
         * Sets how many received tables are kept (default 16; the oldest goes first).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxTables(int n) {
            this.maxTables = Math.max(1, n);
            return this;
        }

        /**
         * Connects (unless a connection was given), subscribes and starts listening.
         *
         * @return the running investigator; close it
         * @throws IllegalStateException if no search was added, or neither a target nor a sink
         *     (or both) was given
         * @throws IOException if the hub cannot be reached
         */
        public Investigator start() throws IOException {
            if (searches.isEmpty()) {
                throw new IllegalStateException("an investigator needs at least one search");
            }
            if ((target == null) == (sink == null)) {
                throw new IllegalStateException(target == null
                        ? "say where results go: a SAMP target (target(\"Aladin\")) or a sink (sink(...))"
                        : "give either a SAMP target (" + target + ") or a sink (" + sink + "), not both");
            }
            boolean owns = connection == null;
            SampConnection c = connection;
            if (owns) {
                SampConnection.Builder cb = SampConnection.builder().name(name).shutdownHooks(hooks)
                        .description("Runs searches around highlighted rows and sends the results to "
                                + (target != null ? target : sink));
                if (lockUrl != null) {
                    cb.lockUrl(lockUrl);
                }
                c = cb.connect();
            }
            ResultSink s = sink != null ? sink
                    : SampResultSink.to(c, target).pointingAt(pointTarget).withSendTimeout(sendTimeout);
            Investigator inv = new Investigator(this, c, owns, s);
            try {
                inv.install();
            } catch (IOException | RuntimeException e) {
                inv.close();
                throw e;
            }
            return inv;
        }
    }
}
