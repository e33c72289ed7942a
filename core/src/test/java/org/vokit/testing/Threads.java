package org.vokit.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts the JVM's live threads, for tests that check that closing something leaves no thread
 * behind. Threads end a little after they are told to, so {@link #awaitGone} polls. The JVM's
 * common fork-join pool, which belongs to no one (newer JDKs complete HTTP futures on it, and its
 * threads end after a minute idle, at most one per processor), is not counted.
 */
public final class Threads {

    private Threads() {
    }

    /** @return the live threads now */
    public static Set<Thread> live() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * Returns the threads alive now that were not in {@code before}.
     *
     * @param before an earlier {@link #live()}
     * @return the new threads, by name
     */
    public static List<String> added(Set<Thread> before) {
        return live().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool.commonPool-")).sorted().toList();
    }

    /**
     * Waits until every thread started since {@code before} has ended, or the time is up.
     *
     * @param before an earlier {@link #live()}
     * @param max the longest wait
     * @return the names of the new threads still alive (empty if none)
     * @throws InterruptedException if interrupted
     */
    public static List<String> awaitGone(Set<Thread> before, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        List<String> left = added(before);
        while (!left.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50);
            left = added(before);
        }
        return left;
    }
}
