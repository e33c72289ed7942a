package org.vokit.fanout;

import java.io.IOException;

import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Receives each answering task's rows as they arrive (a push, like STIL's {@code TableSink}, but
 * one call per task). Called from the engine's worker threads, possibly at the same time for
 * different tasks: implementations must be thread-safe. {@link MergedTable} is the usual one.
 */
public interface FanoutSink {

    /**
     * Consumes one task's answer. Read {@code rows} to its end (or until an exception); do not close it.
     *
     * @param task the task
     * @param meta the answer's columns (no rows)
     * @param rows the rows, read on demand from the service
     * @param counter call it after each row so that progress and the row count stay current
     * @throws IOException if reading the answer fails (the task then fails in phase READ)
     */
    void accept(FanoutTask task, StarTable meta, RowSequence rows, RowCounter counter) throws IOException;

    /**
     * Forgets the rows of a task that failed after some rows had arrived, so that a result
     * never holds half an answer. Default: nothing to forget.
     *
     * @param task the task
     */
    default void discard(FanoutTask task) {
    }

    /** Counts the rows a task has delivered so far. */
    @FunctionalInterface
    interface RowCounter {
        /** Called after each row. */
        void row();
    }
}
