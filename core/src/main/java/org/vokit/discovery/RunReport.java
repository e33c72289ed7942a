package org.vokit.discovery;

import java.time.Duration;
import java.util.List;

/**
 * How a run over many services went.
 *
 * @param tasks the number of tasks
 * @param answered the tasks that completed (with or without rows)
 * @param rows the rows in the merged result
 * @param failures the tasks that failed or were skipped, in task order
 * @param elapsed the wall time of the run
 */
public record RunReport(int tasks, int answered, long rows, List<Failure> failures, Duration elapsed) {

    /**
     * Copies the list.
     *
     * @param tasks the number of tasks
     * @param answered the tasks that completed
     * @param rows the rows written
     * @param failures the failures
     * @param elapsed the wall time
     */
    public RunReport {
        failures = List.copyOf(failures);
    }

    /** @return the failures that are real failures (not skipped tasks) */
    public List<Failure> failed() {
        return failures.stream().filter(f -> !f.skipped()).toList();
    }

    /** @return true if every task answered (skipped tasks aside) */
    public boolean allAnswered() {
        return failed().isEmpty();
    }
}
