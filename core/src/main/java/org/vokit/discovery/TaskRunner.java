package org.vokit.discovery;

import java.io.IOException;
import java.util.List;
import org.vokit.progress.ProgressListener;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.TableSink;

/**
 * Runs {@link ServiceTask}s against many services and merges their rows into one table.
 *
 * <p>Contract: every task gets its own timeout; a task that fails, times out or is skipped adds
 * nothing to the result and one entry to the report, and never stops the others; each row written
 * starts with the provenance columns ({@link Provenance#COLUMNS}) followed by the given columns;
 * progress events go to the listener (started, finished with rows, failed, skipped).
 */
public interface TaskRunner {

    /**
     * Runs the tasks and writes the merged rows.
     *
     * @param tasks the tasks
     * @param columns the columns every task's rows follow (provenance excluded)
     * @param sink where the merged table goes: metadata first, then rows, then the end
     * @param listener progress events (may be {@link ProgressListener#NONE})
     * @return the report
     * @throws IOException if the sink fails (a failing service never makes this throw)
     * @throws InterruptedException if the calling thread is interrupted; running tasks are cancelled
     */
    RunReport run(List<ServiceTask> tasks, List<ColumnInfo> columns, TableSink sink, ProgressListener listener)
            throws IOException, InterruptedException;
}
