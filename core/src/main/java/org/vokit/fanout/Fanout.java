package org.vokit.fanout;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.vokit.DeadlineException;
import org.vokit.VoException;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapRowStream;
import org.vokit.tap.TapService;

import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * The fan-out engine: runs one {@link FanoutTask} per service in parallel and streams the answers
 * into one {@link FanoutSink}. See the package documentation for an example.
 *
 * <p>Guarantees: at most {@code parallel} tasks run at once, and at most {@code perHost} against
 * one host (scheme, host, port); each task has its own timeout and all share the overall
 * deadline; a connection reset is retried once, and a 503/429 with {@code Retry-After} once by
 * the HTTP client, both only while time remains; a worker still busy just after its task's
 * timeout is interrupted, so no step outlives it; a task may adapt its query to the service or send
 * it in several requests ({@link FanoutTask.Exchange}), or decline a service
 * ({@link FanoutTask.NotApplicable}, reported as skipped); a failing task becomes a {@link Failure} and
 * never spoils the others; a task that fails after some rows has its rows
 * {@linkplain FanoutSink#discard discarded}; when the deadline passes or {@link #cancel()} is
 * called, running tasks are stopped and their UWS jobs deleted. One instance may run several
 * times but one run at a time; {@link #close()} closes the HTTP client only if the engine made it.
 */
public final class Fanout implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Fanout.class.getName());
    private static final long ROWS_EVERY = 1000;
    /** How long after a task's deadline its worker is interrupted if it has not ended by itself. */
    private static final Duration WATCHDOG_GRACE = Duration.ofMillis(250);

    private final VoHttp http;
    private final boolean ownsHttp;
    private final int parallel;
    private final int perHost;
    private final Duration taskTimeout;
    private final Duration overall;
    private final ServiceHealth health;
    private final boolean retryFailed;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Future<?>> running = new ArrayList<>();

    private Fanout(Builder b) {
        this.ownsHttp = b.http == null;
        this.http = b.http != null ? b.http : VoHttp.builder().maxRetries(1).build();
        this.parallel = b.parallel;
        this.perHost = b.perHost;
        this.taskTimeout = b.taskTimeout;
        this.overall = b.overall;
        this.health = b.health;
        this.retryFailed = b.retryFailed;
    }

    /** @return a builder with the defaults: 8 in parallel, 4 per host, 60 s per task, no overall deadline */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the tasks and waits until all have ended or the overall deadline has passed.
     *
     * @param tasks the tasks (one per service and table, or per service)
     * @param sink receives each answering task's rows
     * @param listener receives per-task progress events (from worker threads); may be null
     * @return the report; the rows went to the sink
     */
    public FanoutReport run(List<FanoutTask> tasks, FanoutSink sink, ProgressListener listener) {
        Objects.requireNonNull(sink, "sink");
        ProgressListener events = listener != null ? listener : e -> { };
        cancelled.set(false);
        long t0 = System.nanoTime();
        Deadline deadline = overall == null ? Deadline.none() : Deadline.in(overall);
        Map<FanoutTask, Settled> results = new ConcurrentHashMap<>();
        List<FanoutTask> order = new ArrayList<>(tasks);
        if (health != null) {
            order.sort(Comparator.comparing((FanoutTask t) -> health.typicalLatency(t.accessUrl())).reversed());
        }
        order = interleaveHosts(order);
        List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
        AtomicLong rows = new AtomicLong();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, Math.max(1, order.size()))),
                daemons("vokit-fanout"));
        ExecutorService jobs = Executors.newCachedThreadPool(daemons("vokit-fanout-uws"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemons("vokit-fanout-watchdog"));
        Map<FanoutTask, Future<?>> futures = new LinkedHashMap<>();
        try {
            for (FanoutTask t : order) {
                if (health != null && !retryFailed) {
                    String why = health.skipReason(t.accessUrl(), java.time.Instant.now());
                    if (why != null) {
                        settle(results, t, Settled.SKIPPED, failures, Failure.skipped(t, why), events,
                                ProgressEvent.skipped(t.label(), t.accessUrl().toString(), why));
                        continue;
                    }
                }
                Worker w = new Worker(t, sink, events, deadline, hosts, jobs, watchdog, results, failures, rows,
                        answered);
                futures.put(t, pool.submit(w::run));
            }
            synchronized (running) {
                running.addAll(futures.values());
            }
            for (Map.Entry<FanoutTask, Future<?>> e : futures.entrySet()) {
                try {
                    if (deadline.isBounded()) {
                        e.getValue().get(Math.max(0, deadline.remaining().toNanos()) + 200_000_000L, TimeUnit.NANOSECONDS);
                    } else {
                        e.getValue().get();
                    }
                } catch (TimeoutException | CancellationException | ExecutionException ex) {
                    e.getValue().cancel(true);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    cancel();
                    break;
                }
            }
        } finally {
            futures.values().forEach(f -> f.cancel(true));
            pool.shutdownNow();
            jobs.shutdown();
            watchdog.shutdownNow();
            synchronized (running) {
                running.clear();
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        for (FanoutTask t : futures.keySet()) {
            // a task the deadline or a cancel cut before it settled
            boolean late = !cancelled.get();
            boolean cut = settle(results, t, Settled.FAILED, failures,
                    new Failure(t.label(), t.accessUrl(), t.ivoid(), t.table(),
                            late ? Failure.Phase.TIMEOUT : Failure.Phase.CANCELLED,
                            late ? "DeadlineException" : "CancellationException",
                            late ? "overall deadline of " + overall + " passed" : "the run was cancelled",
                            t.query().adql()),
                    events, late ? ProgressEvent.failed(t.label(), t.accessUrl().toString(),
                            new DeadlineException("overall deadline passed", t.accessUrl(), overall, null), elapsed)
                            : ProgressEvent.cancelled(t.label(), t.accessUrl().toString(), elapsed));
            if (cut) {
                sink.discard(t);
            }
        }
        if (health != null) {
            recordHealth(results);
        }
        List<Failure> report;
        synchronized (failures) {
            report = List.copyOf(failures);
        }
        return new FanoutReport(tasks.size(), answered.get(), rows.get(), report, elapsed);
    }

    /**
     * Reorders tasks round-robin over their hosts (keeping each host's order), so that workers
     * waiting for one busy host's slots do not hold up the other hosts.
     */
    static List<FanoutTask> interleaveHosts(List<FanoutTask> tasks) {
        Map<String, java.util.ArrayDeque<FanoutTask>> byHost = new LinkedHashMap<>();
        for (FanoutTask t : tasks) {
            byHost.computeIfAbsent(t.hostKey(), k -> new java.util.ArrayDeque<>()).add(t);
        }
        List<FanoutTask> out = new ArrayList<>(tasks.size());
        while (out.size() < tasks.size()) {
            for (java.util.ArrayDeque<FanoutTask> q : byHost.values()) {
                if (!q.isEmpty()) {
                    out.add(q.poll());
                }
            }
        }
        return out;
    }

    private void recordHealth(Map<FanoutTask, Settled> results) {
        Map<URI, Boolean> ok = new LinkedHashMap<>();
        Map<URI, Duration> slowest = new LinkedHashMap<>();
        results.forEach((t, s) -> {
            if (s == Settled.SKIPPED) {
                return;
            }
            ok.merge(t.accessUrl(), s.ok, Boolean::logicalAnd);
            slowest.merge(t.accessUrl(), s.elapsed, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        });
        ok.forEach((u, good) -> health.record(u, good, slowest.get(u), java.time.Instant.now()));
        try {
            health.save();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not save the service health memory: {0}", e.toString());
        }
    }

    private static boolean settle(Map<FanoutTask, Settled> results, FanoutTask t, Settled s, List<Failure> failures,
                                  Failure f, ProgressListener events, ProgressEvent event) {
        if (results.putIfAbsent(t, s) != null) {
            return false;
        }
        if (f != null) {
            failures.add(f);
        }
        try {
            events.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "progress listener failed: {0}", e.toString());
        }
        return true;
    }

    /**
     * Stops a run in progress: running tasks are interrupted (their UWS jobs deleted) and end as
     * cancelled, tasks not yet started are not started. Safe from any thread.
     */
    public void cancel() {
        cancelled.set(true);
        synchronized (running) {
            running.forEach(f -> f.cancel(true));
        }
    }

    /** Closes the HTTP client if the engine made it. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static boolean transientFailure(Throwable e) {
        if (e instanceof VoException && !(e instanceof org.vokit.AccessException)) {
            return false;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (c instanceof IOException && (m.contains("connection reset") || m.contains("broken pipe")
                    || m.contains("eof reached") || m.contains("header parser received no bytes"))) {
                return true;
            }
        }
        return false;
    }

    /** How a task ended. */
    private static final class Settled {
        static final Settled SKIPPED = new Settled(false, Duration.ZERO);
        static final Settled FAILED = new Settled(false, Duration.ZERO);
        final boolean ok;
        final Duration elapsed;

        Settled(boolean ok, Duration elapsed) {
            this.ok = ok;
            this.elapsed = elapsed;
        }
    }

    /** Runs one task. */
    private final class Worker {
        private final FanoutTask task;
        private final FanoutSink sink;
        private final ProgressListener events;
        private final Deadline overallDeadline;
        private final Map<String, Semaphore> hosts;
        private final ExecutorService jobs;
        private final Map<FanoutTask, Settled> results;
        private final List<Failure> failures;
        private final AtomicLong totalRows;
        private final AtomicInteger answered;
        /** The task as sent: with the query its exchange adapted, kept in the failure report. */
        private FanoutTask sent;

        private final ScheduledExecutorService watchdog;

        Worker(FanoutTask task, FanoutSink sink, ProgressListener events, Deadline overallDeadline,
               Map<String, Semaphore> hosts, ExecutorService jobs, ScheduledExecutorService watchdog,
               Map<FanoutTask, Settled> results, List<Failure> failures, AtomicLong totalRows, AtomicInteger answered) {
            this.watchdog = watchdog;
            this.task = task;
            this.sink = sink;
            this.events = events;
            this.overallDeadline = overallDeadline;
            this.hosts = hosts;
            this.jobs = jobs;
            this.results = results;
            this.failures = failures;
            this.totalRows = totalRows;
            this.answered = answered;
            this.sent = task;
        }

        void run() {
            String src = task.accessUrl().toString();
            Watch dog = null;
            Semaphore slot = hosts.computeIfAbsent(task.hostKey(), k -> new Semaphore(perHost, true));
            long t0 = System.nanoTime();
            try {
                boolean got = overallDeadline.isBounded()
                        ? slot.tryAcquire(Math.max(0, overallDeadline.remaining().toNanos()), TimeUnit.NANOSECONDS)
                        : acquire(slot);
                if (!got) {
                    fail(Failure.Phase.TIMEOUT, new DeadlineException("no free slot for the host before the deadline",
                            task.accessUrl(), overall, null), t0);
                    return;
                }
            } catch (InterruptedException e) {
                cancelled(t0);
                return;
            }
            try {
                t0 = System.nanoTime();
                Deadline mine = Deadline.in(overallDeadline.cap(taskTimeout));
                dog = watch(mine);
                events.onEvent(ProgressEvent.started(task.label(), src));
                for (int attempt = 0; ; attempt++) {
                    Phase phase = new Phase();
                    try {
                        long n = attempt(mine, phase, t0);
                        Duration took = Duration.ofNanos(System.nanoTime() - t0);
                        if (settle(results, task, new Settled(true, took), failures, null, events,
                                ProgressEvent.finished(task.label(), src, n, took))) {
                            totalRows.addAndGet(n);
                            answered.incrementAndGet();
                        }
                        return;
                    } catch (FanoutTask.NotApplicable e) {
                        sink.discard(task);
                        settle(results, task, Settled.SKIPPED, failures, Failure.skipped(sent, e.getMessage()), events,
                                ProgressEvent.skipped(task.label(), src, e.getMessage()));
                        return;
                    } catch (IOException | RuntimeException e) {
                        sink.discard(task);
                        if (Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException
                                && !(e instanceof java.net.SocketTimeoutException)) {
                            if (mine.expired()) {
                                fail(Failure.Phase.TIMEOUT, new DeadlineException("no complete answer within the "
                                        + mine.allowed().toMillis() / 1000.0 + " s allowed", task.accessUrl(),
                                        mine.allowed(), e), t0);
                            } else {
                                cancelled(t0);
                            }
                            return;
                        }
                        if (attempt == 0 && transientFailure(e) && mine.remaining().compareTo(Duration.ofMillis(500)) > 0) {
                            LOG.log(System.Logger.Level.DEBUG, "{0}: transient failure, retrying once: {1}", task.label(), e);
                            continue;
                        }
                        fail(e instanceof DeadlineException || mine.expired() ? Failure.Phase.TIMEOUT : phase.value, e, t0);
                        return;
                    }
                }
            } finally {
                if (dog != null) {
                    dog.stand();
                }
                slot.release();
            }
        }

        /**
         * Interrupts this worker shortly after its deadline, so that no step (a capabilities
         * request, a sliced upload, a stalled read) outlives the task's time.
         */
        private Watch watch(Deadline mine) {
            Watch w = new Watch(Thread.currentThread());
            w.future = watchdog.schedule(w::bite, mine.remaining().toNanos() + WATCHDOG_GRACE.toNanos(),
                    TimeUnit.NANOSECONDS);
            return w;
        }

        private boolean acquire(Semaphore s) throws InterruptedException {
            s.acquire();
            return true;
        }

        private long attempt(Deadline mine, Phase phase, long t0) throws IOException {
            TapService svc = TapService.builder(task.accessUrl()).http(http)
                    .syncTimeout(mine.remaining()).asyncTimeout(mine.remaining()).build();
            TapQuery q = task.query().withTimeout(mine.remaining());
            TapResult custom = null;
            if (task.exchange() != null) {
                phase.value = Failure.Phase.DISCOVERY;
                q = task.exchange().adapt(svc, q);
                phase.value = Failure.Phase.QUERY;
                sent = task.withQuery(q);
                custom = task.exchange().send(svc, q.withTimeout(mine.remaining()));
            }
            AtomicLong n = new AtomicLong();
            String src = task.accessUrl().toString();
            FanoutSink.RowCounter counter = () -> {
                long k = n.incrementAndGet();
                if (k % ROWS_EVERY == 0) {
                    events.onEvent(ProgressEvent.rows(task.label(), src, k, Duration.ofNanos(System.nanoTime() - t0)));
                }
            };
            if (custom != null) {
                phase.value = Failure.Phase.READ;
                StarTable t = custom.table();
                try (RowSequence rs = t.getRowSequence()) {
                    sink.accept(task, t, rs, counter);
                }
                return n.get();
            }
            if (!task.async()) {
                TapRowStream stream;
                try {
                    stream = svc.stream(q);
                } catch (org.vokit.FormatException e) {
                    // the service answered, but not with a readable table (e.g. cut short before its
                    // first rows were handed over): a reading failure, however early the cut
                    phase.value = Failure.Phase.READ;
                    throw e;
                }
                try (TapRowStream s = stream) {
                    phase.value = Failure.Phase.READ;
                    sink.accept(task, s.metadata(), s, counter);
                }
                return n.get();
            }
            CompletableFuture<TapResult> f = svc.runAsyncLater(q, jobs);
            TapResult r;
            try {
                r = f.get(Math.max(1, mine.remaining().toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("cancelled; the job was deleted");
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new DeadlineException("the job did not finish in time (deleted)", task.accessUrl(),
                        mine.allowed(), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            }
            phase.value = Failure.Phase.READ;
            StarTable t = r.table();
            try (RowSequence rs = t.getRowSequence()) {
                sink.accept(task, t, rs, counter);
            }
            return n.get();
        }

        private void fail(Failure.Phase phase, Throwable e, long t0) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            settle(results, task, new Settled(false, took), failures, Failure.of(sent, phase, e), events,
                    ProgressEvent.failed(task.label(), task.accessUrl().toString(), e, took));
        }

        private void cancelled(long t0) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            Failure f = new Failure(task.label(), task.accessUrl(), task.ivoid(), task.table(), Failure.Phase.CANCELLED,
                    "CancellationException", "the run was cancelled", task.query().adql());
            settle(results, task, new Settled(false, took), failures, f, events,
                    ProgressEvent.cancelled(task.label(), task.accessUrl().toString(), took));
        }
    }

    /** A worker's watchdog: interrupts it once, unless told to stand down first. */
    private static final class Watch {
        private final Thread worker;
        private boolean over;
        private boolean bitten;
        private java.util.concurrent.ScheduledFuture<?> future;

        Watch(Thread worker) {
            this.worker = worker;
        }

        synchronized void bite() {
            if (!over) {
                bitten = true;
                worker.interrupt();
            }
        }

        /** Stands down; clears the worker's interrupt if this watchdog set it (the thread is reused). */
        void stand() {
            synchronized (this) {
                over = true;
            }
            if (future != null) {
                future.cancel(false);
            }
            if (bitten) {
                Thread.interrupted();
            }
        }
    }

    /** The phase a task is in (mutable, one per attempt). */
    private static final class Phase {
        Failure.Phase value = Failure.Phase.QUERY;
    }

    /** Configures a {@link Fanout}. */
    public static final class Builder {
        private VoHttp http;
        private int parallel = 8;
        private int perHost = 4;
        private Duration taskTimeout = Duration.ofSeconds(60);
        private Duration overall;
        private ServiceHealth health;
        private boolean retryFailed;

        private Builder() {
        }

        /**
         * @param client the HTTP client to borrow (not closed by the engine); default: one of the
         *               engine's own, retrying a 429/503 with {@code Retry-After} once
         * @return this
         */
        public Builder http(VoHttp client) {
            this.http = Objects.requireNonNull(client, "http");
            return this;
        }

        /**
         * @param n tasks running at once (at least 1)
         * @return this
         */
        public Builder parallel(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("parallel must be at least 1, not " + n);
            }
            this.parallel = n;
            return this;
        }

        /**
         * @param n tasks running at once against one host (at least 1)
         * @return this
         */
        public Builder perHost(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("per-host limit must be at least 1, not " + n);
            }
            this.perHost = n;
            return this;
        }

        /**
         * @param d the time one task may take, counted from when it gets its host slot
         * @return this
         */
        public Builder taskTimeout(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("task timeout must be positive, not " + d);
            }
            this.taskTimeout = d;
            return this;
        }

        /**
         * @param d the time the whole run may take, or null for none
         * @return this
         */
        public Builder deadline(Duration d) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("deadline must be positive, not " + d);
            }
            this.overall = d;
            return this;
        }

        /**
         * @param memory the service health memory to consult and update, or null to ignore it
         * @return this
         */
        public Builder health(ServiceHealth memory) {
            this.health = memory;
            return this;
        }

        /**
         * @param yes true to ask services the health memory would skip
         * @return this
         */
        public Builder retryFailed(boolean yes) {
            this.retryFailed = yes;
            return this;
        }

        /** @return the engine */
        public Fanout build() {
            return new Fanout(this);
        }
    }
}
