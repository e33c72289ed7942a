package org.vokit.sed;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.vokit.http.Deadline;
import org.vokit.progress.ProgressListener;

/**
 * Runs one task per remote table in parallel, each with its own time limit, and returns every
 * outcome: the small interface the SED search needs from a fan-out engine. {@link ThreadFanOut} is
 * the plain implementation; the project's VO-wide engine can stand behind it instead.
 */
public interface FanOut {

    /**
     * Runs the tasks and waits for all of them (a task still running at its time limit is cancelled
     * and reported as timed out).
     *
     * @param tasks the tasks
     * @param perTask the time each task is allowed
     * @param parallel how many run at once
     * @param progress receives started/rows/finished/failed/cancelled events, one task per entry
     * @param <T> what a task yields
     * @return one outcome per task, in the order of {@code tasks}
     * @throws InterruptedException if interrupted while waiting (running tasks are cancelled)
     */
    <T> List<Outcome<T>> runAll(List<Task<T>> tasks, Duration perTask, int parallel, ProgressListener progress)
            throws InterruptedException;

    /**
     * One unit of remote work.
     *
     * @param <T> what it yields
     */
    interface Task<T> {
        /** @return a short label for progress and reports (e.g. the table name) */
        String label();

        /** @return the service the task talks to */
        URI source();

        /**
         * Does the work.
         *
         * @param deadline when the task's time is up
         * @return the result
         * @throws Exception on failure
         */
        T call(Deadline deadline) throws Exception;
    }

    /**
     * What became of a task.
     *
     * @param task the task
     * @param value its result, or null if it failed
     * @param error its failure, or null if it succeeded
     * @param elapsed the time it took
     * @param <T> what it yields
     */
    record Outcome<T>(Task<T> task, T value, Throwable error, Duration elapsed) {
        /** @return whether the task succeeded */
        public boolean ok() {
            return error == null;
        }
    }
}
