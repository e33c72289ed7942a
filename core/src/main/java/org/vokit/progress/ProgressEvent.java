package org.vokit.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One step of one task in multi-service work, e.g. "service X started", "service X answered
 * with 120 rows in 0.8 s", "service Y failed: 500 Internal Server Error".
 *
 * <p>A task is usually one remote service (or one table of it). Each task reports
 * {@link Kind#STARTED} once, any number of {@link Kind#ROWS} updates, and then exactly one of
 * {@link Kind#FINISHED}, {@link Kind#FAILED}, {@link Kind#CANCELLED}; a task that is never run
 * reports only {@link Kind#SKIPPED}.
 *
 * @param kind what happened
 * @param task a short, stable label for the task (e.g. the service's short name or URL); never null
 * @param source what the task talks to, for reports (e.g. an access URL or ivoid); may be null
 * @param rows rows so far ({@link Kind#ROWS}) or in all ({@link Kind#FINISHED}); -1 when not applicable
 * @param error the failure for {@link Kind#FAILED}; null otherwise
 * @param detail further text (the reason for {@link Kind#SKIPPED}, a phase name); may be null
 * @param elapsed the time since the task started; {@link Duration#ZERO} when not applicable
 */
public record ProgressEvent(Kind kind, String task, String source, long rows, Throwable error, String detail,
                            Duration elapsed) {

    /** What happened to a task. */
    public enum Kind {
        /** The task began its first request. */
        STARTED,
        /** The task has received {@code rows} rows so far. */
        ROWS,
        /** The task completed with {@code rows} rows. */
        FINISHED,
        /** The task failed with {@code error}. */
        FAILED,
        /** The task was cancelled before it completed. */
        CANCELLED,
        /** The task was not run ({@code detail} says why). */
        SKIPPED;

        /** @return true for the kinds that end a task */
        public boolean isTerminal() {
            return this != STARTED && this != ROWS;
        }
    }

    /**
     * Validates the components.
     *
     * @param kind what happened
     * @param task the task's label
     * @param source what the task talks to
     * @param rows the rows
     * @param error the failure
     * @param detail further text
     * @param elapsed time since the task started
     */
    public ProgressEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(task, "task");
        if (kind == Kind.FAILED) {
            Objects.requireNonNull(error, "error (for FAILED)");
        }
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
    }

    /**
     * @param task the task's label
     * @param source what it talks to, or null
     * @return a {@link Kind#STARTED} event
     */
    public static ProgressEvent started(String task, String source) {
        return new ProgressEvent(Kind.STARTED, task, source, -1, null, null, Duration.ZERO);
    }

    /**
     * @param task the task's label
     * @param source what it talks to, or null
     * @param rows rows received so far
     * @param elapsed time since the task started
     * @return a {@link Kind#ROWS} event
     */
    public static ProgressEvent rows(String task, String source, long rows, Duration elapsed) {
        return new ProgressEvent(Kind.ROWS, task, source, rows, null, null, elapsed);
    }

    /**
     * @param task the task's label
     * @param source what it talks to, or null
     * @param rows rows in all
     * @param elapsed time the task took
     * @return a {@link Kind#FINISHED} event
     */
    public static ProgressEvent finished(String task, String source, long rows, Duration elapsed) {
        return new ProgressEvent(Kind.FINISHED, task, source, rows, null, null, elapsed);
    }

    /**
     * @param task the task's label
     * @param source what it talks to, or null
     * @param error the failure
     * @param elapsed time until it failed
     * @return a {@link Kind#FAILED} event
     */
    public static ProgressEvent failed(String task, String source, Throwable error, Duration elapsed) {
        return new ProgressEvent(Kind.FAILED, task, source, -1, error, null, elapsed);
    }

    /**
     * @param task the task's label
     * @param source what it talks to, or null
     * @param elapsed time until it was cancelled ({@link Duration#ZERO} if it never started)
     * @return a {@link Kind#CANCELLED} event
     */
    public static ProgressEvent cancelled(String task, String source, Duration elapsed) {
        return new ProgressEvent(Kind.CANCELLED, task, source, -1, null, null, elapsed);
    }

    /**
     * @param task the task's label
     * @param source what it talks to, or null
     * @param reason why it was not run
     * @return a {@link Kind#SKIPPED} event
     */
    public static ProgressEvent skipped(String task, String source, String reason) {
        return new ProgressEvent(Kind.SKIPPED, task, source, -1, null, reason, Duration.ZERO);
    }

    /**
     * Returns a one-line description, e.g. {@code "vostars: 120 rows in 0.81 s"}.
     *
     * @return the line
     */
    public String describe() {
        String secs = String.format(Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9);
        return task + ": " + switch (kind) {
            case STARTED -> "started";
            case ROWS -> rows + " rows so far";
            case FINISHED -> rows + (rows == 1 ? " row" : " rows") + " in " + secs;
            case FAILED -> "failed after " + secs + ": " + oneLine(error);
            case CANCELLED -> elapsed.isZero() ? "cancelled before it started" : "cancelled after " + secs;
            case SKIPPED -> "skipped" + (detail == null ? "" : ": " + detail);
        };
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    @Override
    public String toString() {
        return kind + "[" + describe() + "]";
    }
}
