package org.vokit.sed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.vokit.DeadlineException;
import org.vokit.http.Deadline;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;

/**
 * A {@link FanOut} on a fixed pool of daemon threads made for one call: each task gets its own
 * deadline, a task still running when its time is up is interrupted and reported as a
 * {@link DeadlineException}, and one failing task never affects the others.
 */
public final class ThreadFanOut implements FanOut {

    /** Creates the fan-out. */
    public ThreadFanOut() {
    }

    @Override
    public <T> List<Outcome<T>> runAll(List<Task<T>> tasks, Duration perTask, int parallel, ProgressListener progress)
            throws InterruptedException {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        List<Outcome<T>> out = new ArrayList<>();
        if (tasks.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, tasks.size()), r -> {
            Thread t = new Thread(r, "vokit-sed");
            t.setDaemon(true);
            return t;
        });
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        AtomicLongArray started = new AtomicLongArray(tasks.size());
        try {
            for (int k = 0; k < tasks.size(); k++) {
                Task<T> task = tasks.get(k);
                int index = k;
                futures.add(pool.submit(() -> {
                    long begin = System.nanoTime();
                    started.set(index, begin);
                    String label = task.label();
                    String src = task.source().toString();
                    ProgressListener.deliver(progress, ProgressEvent.started(label, src));
                    try {
                        T v = task.call(Deadline.in(perTask));
                        Duration d = Duration.ofNanos(System.nanoTime() - begin);
                        ProgressListener.deliver(progress, ProgressEvent.finished(label, src, -1, d));
                        return new Outcome<>(task, v, null, d);
                    } catch (Exception | LinkageError e) {
                        Duration d = Duration.ofNanos(System.nanoTime() - begin);
                        ProgressListener.deliver(progress, ProgressEvent.failed(label, src, e, d));
                        return new Outcome<>(task, null, e, d);
                    }
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                Future<Outcome<T>> f = futures.get(i);
                Task<T> task = tasks.get(i);
                Outcome<T> o;
                try {
                    // a task that has not started yet gets its full time once it starts
                    long waitNanos = perTask.toNanos();
                    while (true) {
                        try {
                            o = f.get(waitNanos, TimeUnit.NANOSECONDS);
                            break;
                        } catch (TimeoutException e) {
                            long s = started.get(i);
                            if (s == 0) {
                                continue;
                            }
                            long left = s + perTask.toNanos() - System.nanoTime();
                            if (left > 0) {
                                waitNanos = left;
                                continue;
                            }
                            f.cancel(true);
                            Duration d = Duration.ofNanos(System.nanoTime() - s);
                            DeadlineException de = new DeadlineException("no answer within "
                                    + perTask.toSeconds() + " s", task.source(), perTask, null);
                            ProgressListener.deliver(progress, ProgressEvent.failed(task.label(),
                                    task.source().toString(), de, d));
                            o = new Outcome<>(task, null, de, d);
                            break;
                        }
                    }
                } catch (ExecutionException | CancellationException e) {
                    Throwable c = e instanceof ExecutionException ? e.getCause() : e;
                    o = new Outcome<>(task, null, c, Duration.ZERO);
                }
                out.add(o);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
