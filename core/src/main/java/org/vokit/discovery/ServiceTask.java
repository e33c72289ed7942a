package org.vokit.discovery;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One unit of work against one remote service (usually one table of it): what it talks to, for
 * provenance and reports, and the work itself.
 *
 * @param label a short, stable name for progress lines and reports (e.g. the table name)
 * @param serviceUrl the service's access URL
 * @param ivoid the registry identifier of the resource the task came from, or null
 * @param table the table queried, or null
 * @param body the work
 */
public record ServiceTask(String label, URI serviceUrl, String ivoid, String table, Body body) {

    /**
     * Checks the components.
     *
     * @param label the label
     * @param serviceUrl the access URL
     * @param ivoid the identifier, or null
     * @param table the table, or null
     * @param body the work
     */
    public ServiceTask {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(serviceUrl, "serviceUrl");
        Objects.requireNonNull(body, "body");
    }

    /** The work of a task. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the work, handing each result row to {@code rows}. Rows count only if the work
         * completes: a failing or timed-out task contributes nothing to the merged result.
         *
         * @param rows where rows go; the cells follow the runner's column list (without the
         *     provenance columns, which the runner adds)
         * @param timeout the time this task may take in all; pass it on to every request
         * @throws IOException if the service fails; the message should carry the service's own words
         * @throws InterruptedException if the runner gives up on the task
         */
        void run(Rows rows, Duration timeout) throws IOException, InterruptedException;
    }

    /** Receives a task's rows. */
    @FunctionalInterface
    public interface Rows {
        /**
         * Takes one row.
         *
         * @param cells the cells, one per column of the merged result (provenance excluded)
         * @throws IOException if the row cannot be stored
         */
        void accept(Object[] cells) throws IOException;
    }

    /**
     * Tells the runner the task did not apply (e.g. the service accepts no uploads): it is reported
     * as skipped with the reason, not as a failure.
     */
    public static final class NotApplicable extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * @param reason why the task does not apply
         */
        public NotApplicable(String reason) {
            super(reason);
        }
    }
}
