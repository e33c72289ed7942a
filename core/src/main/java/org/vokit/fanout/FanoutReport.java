package org.vokit.fanout;

import java.time.Duration;
import java.util.List;

/**
 * What a fan-out run did: how many tasks it had, which answered, how many rows they gave, and
 * the failure report (failed, timed out, cancelled and skipped tasks).
 *
 * @param tasks the number of tasks submitted
 * @param answered the number of tasks that answered
 * @param rows the rows kept from the answering tasks
 * @param failures the failure report, in the order the failures happened
 * @param elapsed the run's wall time
 */
public record FanoutReport(int tasks, int answered, long rows, List<Failure> failures, Duration elapsed) {

    /**
     * Copies the list.
     *
     * @param tasks the tasks
     * @param answered the answered
     * @param rows the rows
     * @param failures the failures
     * @param elapsed the wall time
     */
    public FanoutReport {
        failures = List.copyOf(failures);
    }

    /** @return true when every task answered */
    public boolean complete() {
        return failures.isEmpty() && answered == tasks;
    }

    /**
     * Returns the conventional command exit status: 0 all answered, 4 some answered and some
     * failed, 1 none answered (or there was nothing to ask).
     *
     * @return 0, 4 or 1
     */
    public int exitStatus() {
        if (answered == 0) {
            return 1;
        }
        return failures.isEmpty() ? 0 : 4;
    }

    /** @return one summary line, e.g. {@code "20 services: 19 answered, 1 failed, 5120 rows in 1.21 s"} */
    public String summary() {
        long skipped = failures.stream().filter(f -> f.phase() == Failure.Phase.SKIPPED).count();
        return String.format(java.util.Locale.ROOT, "%d tasks: %d answered, %d failed, %d skipped, %d rows in %.2f s",
                tasks, answered, failures.size() - skipped, skipped, rows, elapsed.toNanos() / 1e9);
    }
}
