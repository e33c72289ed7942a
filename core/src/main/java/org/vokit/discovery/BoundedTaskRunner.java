package org.vokit.discovery;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.vokit.DeadlineException;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.TableSink;

/**
 * A {@link TaskRunner} on a bounded thread pool: at most {@code parallel} tasks at once, each
 * cut at its timeout (the worker is interrupted, and the task's own requests carry the same
 * timeout). A task's rows are kept until it completes and then written in one piece, in the order
 * the tasks complete, so a task that fails half-way adds nothing, rows of different tasks never
 * interleave, and only the rows of tasks still running are held in memory. The report lists
 * failures in task order.
 *
 * <pre>{@code
 * TaskRunner runner = BoundedTaskRunner.builder().parallel(8).timeout(Duration.ofSeconds(60)).build();
 * RunReport report = runner.run(tasks, columns, sink, ProgressListener.NONE);
 * report.failures().forEach(f -> System.err.println(f.describe()));
 * }</pre>
 *
 * <p>Instances are immutable and may run several searches, one after the other or at once; each
 * run has its own threads, which end with it.
 */
public final class BoundedTaskRunner implements TaskRunner {

    private static final System.Logger LOG = System.getLogger(BoundedTaskRunner.class.getPackageName());

    /** Time a timed-out worker gets to notice its interruption before the run moves on. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final int parallel;
    private final Duration timeout;

    private BoundedTaskRunner(Builder b) {
        this.parallel = b.parallel;
        this.timeout = b.timeout;
    }

    /**
     * Starts configuring a runner.
     *
     * @return a builder (defaults: 8 tasks at once, 60 s per task)
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the most tasks run at once */
    public int parallel() {
        return parallel;
    }

    /** @return the time each task may take */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public RunReport run(List<ServiceTask> tasks, List<ColumnInfo> columns, TableSink sink,
                         ProgressListener listener) throws IOException, InterruptedException {
        Objects.requireNonNull(sink, "sink");
        tasks = uniqueLabels(Objects.requireNonNull(tasks, "tasks"));
        long t0 = System.nanoTime();
        List<ColumnInfo> all = new ArrayList<>(Provenance.COLUMNS);
        all.addAll(columns);
        int width = columns.size();
        sink.acceptMetadata(new RowListStarTable(all.toArray(new ColumnInfo[0])));
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "vokit-discovery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, tasks.size())), threads);
        // a supervisor per task waits for it with the timeout, so that timeouts run in parallel too
        ExecutorService supervisors = Executors.newCachedThreadPool(threads);
        java.util.concurrent.BlockingQueue<Integer> done = new java.util.concurrent.LinkedBlockingQueue<>();
        List<Future<Outcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < tasks.size(); i++) {
                ServiceTask task = tasks.get(i);
                int index = i;
                outcomes.add(supervisors.submit(() -> {
                    try {
                        return supervise(pool, task, width, listener);
                    } finally {
                        done.add(index);
                    }
                }));
            }
            long rows = 0;
            int answered = 0;
            Failure[] failures = new Failure[tasks.size()];
            // rows are written as tasks complete, so only the rows of tasks still running are held
            for (int k = 0; k < tasks.size(); k++) {
                int i = done.take();
                Outcome o;
                try {
                    o = outcomes.get(i).get();
                } catch (ExecutionException e) {
                    o = new Outcome(null, Failure.of(tasks.get(i), "query", e.getCause()));
                }
                outcomes.set(i, null);
                if (o.failure() != null) {
                    failures[i] = o.failure();
                    continue;
                }
                answered++;
                Object[] prov = Provenance.cells(tasks.get(i));
                for (Object[] r : o.rows()) {
                    Object[] full = new Object[prov.length + width];
                    System.arraycopy(prov, 0, full, 0, prov.length);
                    System.arraycopy(r, 0, full, prov.length, Math.min(width, r.length));
                    sink.acceptRow(full);
                    rows++;
                }
            }
            sink.endRows();
            List<Failure> report = new ArrayList<>();
            for (Failure f : failures) {
                if (f != null) {
                    report.add(f);
                }
            }
            return new RunReport(tasks.size(), answered, rows, report, Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            supervisors.shutdownNow();
            pool.shutdownNow();
        }
    }

    private record Outcome(List<Object[]> rows, Failure failure) {
    }

    /** Gives tasks that share a label (two tables named alike) distinct ones, for progress and reports. */
    static List<ServiceTask> uniqueLabels(List<ServiceTask> tasks) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<ServiceTask> out = new ArrayList<>(tasks.size());
        for (ServiceTask t : tasks) {
            int n = seen.merge(t.label(), 1, Integer::sum);
            out.add(n == 1 ? t : new ServiceTask(t.label() + " [" + n + "]", t.serviceUrl(), t.ivoid(), t.table(),
                    t.body()));
        }
        return out;
    }

    private Outcome supervise(ExecutorService pool, ServiceTask task, int width, ProgressListener listener)
            throws InterruptedException {
        String src = task.serviceUrl().toString();
        List<Object[]> rows = new ArrayList<>();
        AtomicLong started = new AtomicLong();
        Future<?> f = pool.submit(() -> {
            started.set(System.nanoTime());
            ProgressListener.deliver(listener, ProgressEvent.started(task.label(), src));
            task.body().run(cells -> {
                if (cells.length != width) {
                    throw new IllegalArgumentException("task " + task.label() + " gave a row of " + cells.length
                            + " cells for " + width + " columns");
                }
                synchronized (rows) {
                    rows.add(cells);
                }
            }, timeout);
            return null;
        });
        try {
            // the clock starts when the task is queued; queued time is bounded by the other tasks' timeouts
            waitStarted(f, started);
            long left = timeout.toNanos() - (System.nanoTime() - started.get());
            f.get(Math.max(left, 0) + GRACE.toNanos() / 4, TimeUnit.NANOSECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started.get());
            ProgressListener.deliver(listener, ProgressEvent.finished(task.label(), src, rows.size(), took));
            synchronized (rows) {
                return new Outcome(List.copyOf(rows), null);
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            Duration took = Duration.ofNanos(System.nanoTime() - started.get());
            DeadlineException de = new DeadlineException("no complete answer within the " + seconds(timeout)
                    + " allowed", task.serviceUrl(), timeout, null);
            ProgressListener.deliver(listener, ProgressEvent.failed(task.label(), src, de, took));
            return new Outcome(null, Failure.of(task, "timeout", de));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Duration took = Duration.ofNanos(System.nanoTime() - Math.max(started.get(), 1));
            if (cause instanceof ServiceTask.NotApplicable na) {
                ProgressListener.deliver(listener, ProgressEvent.skipped(task.label(), src, na.getMessage()));
                return new Outcome(null, new Failure(task.label(), task.serviceUrl(), task.ivoid(), task.table(),
                        "skipped", "Skipped", na.getMessage()));
            }
            LOG.log(Level.DEBUG, () -> "task " + task.label() + " failed", cause);
            ProgressListener.deliver(listener, ProgressEvent.failed(task.label(), src, cause, took));
            return new Outcome(null, Failure.of(task, cause instanceof DeadlineException ? "timeout" : "query", cause));
        } catch (CancellationException e) {
            ProgressListener.deliver(listener, ProgressEvent.cancelled(task.label(), src, Duration.ZERO));
            return new Outcome(null, new Failure(task.label(), task.serviceUrl(), task.ivoid(), task.table(),
                    "cancelled", "CancellationException", "cancelled"));
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    /** Waits until the worker has begun (or the future ended without starting). */
    private static void waitStarted(Future<?> f, AtomicLong started) throws InterruptedException {
        while (started.get() == 0 && !f.isDone()) {
            Thread.sleep(2);
        }
        started.compareAndSet(0, System.nanoTime());
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    @Override
    public String toString() {
        return "BoundedTaskRunner[parallel=" + parallel + ", timeout=" + timeout + "]";
    }

    /** Builder of {@link BoundedTaskRunner}s. */
    public static final class Builder {
        private int parallel = 8;
        private Duration timeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * @param n the most tasks run at once (at least 1); default 8
         * @return this builder
         */
        public Builder parallel(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("parallel must be at least 1: " + n);
            }
            this.parallel = n;
            return this;
        }

        /**
         * @param d the time each task may take (positive); default 60 s
         * @return this builder
         */
        public Builder timeout(Duration d) {
            Objects.requireNonNull(d, "d");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive: " + d);
            }
            this.timeout = d;
            return this;
        }

        /** @return the runner */
        public BoundedTaskRunner build() {
            return new BoundedTaskRunner(this);
        }
    }
}
