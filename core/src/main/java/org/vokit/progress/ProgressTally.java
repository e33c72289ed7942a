package org.vokit.progress;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe running summary of {@link ProgressEvent}s: how many tasks are known, running,
 * finished, failed, cancelled and skipped, and how many rows have arrived. Use it as a listener
 * (it is one) and read {@link #snapshot()} from a timer to draw a progress line or panel.
 */
public final class ProgressTally implements ProgressListener {

    private final Map<String, ProgressEvent> latest = new ConcurrentHashMap<>();
    private volatile int expected;

    /** Creates an empty tally. */
    public ProgressTally() {
    }

    /**
     * Says how many tasks the work has in all, before they start, so that the summary can say
     * "3/20 done" from the beginning.
     *
     * @param tasks the number of tasks (at least 0)
     */
    public void expect(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks < 0: " + tasks);
        }
        expected = tasks;
    }

    @Override
    public void onEvent(ProgressEvent event) {
        latest.merge(event.task(), event, (old, now) -> old.kind().isTerminal() ? old : now);
    }

    /**
     * Returns the counts as they are now.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        int running = 0;
        int finished = 0;
        int failed = 0;
        int cancelled = 0;
        int skipped = 0;
        long rows = 0;
        for (ProgressEvent e : latest.values()) {
            switch (e.kind()) {
                case STARTED -> running++;
                case ROWS -> {
                    running++;
                    rows += Math.max(0, e.rows());
                }
                case FINISHED -> {
                    finished++;
                    rows += Math.max(0, e.rows());
                }
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case SKIPPED -> skipped++;
            }
        }
        return new Snapshot(Math.max(expected, latest.size()), running, finished, failed, cancelled, skipped, rows);
    }

    /**
     * Counts at one moment.
     *
     * @param tasks tasks heard of
     * @param running tasks started and not yet ended
     * @param finished tasks that completed
     * @param failed tasks that failed
     * @param cancelled tasks cancelled
     * @param skipped tasks not run
     * @param rows rows received so far, over all tasks
     */
    public record Snapshot(int tasks, int running, int finished, int failed, int cancelled, int skipped, long rows) {

        /** @return tasks that have ended one way or another */
        public int done() {
            return finished + failed + cancelled + skipped;
        }

        /**
         * Returns a short line, e.g. {@code "12/20 services done, 1 failed, 3410 rows"}.
         *
         * @param noun what a task is called ("services", "tables")
         * @return the line
         */
        public String line(String noun) {
            StringBuilder b = new StringBuilder().append(done()).append('/').append(tasks).append(' ')
                    .append(noun).append(" done");
            if (failed > 0) {
                b.append(", ").append(failed).append(" failed");
            }
            if (cancelled > 0) {
                b.append(", ").append(cancelled).append(" cancelled");
            }
            if (skipped > 0) {
                b.append(", ").append(skipped).append(" skipped");
            }
            return b.append(String.format(Locale.ROOT, ", %d rows", rows)).toString();
        }
    }
}
