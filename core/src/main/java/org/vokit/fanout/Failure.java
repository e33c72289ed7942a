package org.vokit.fanout;

import java.net.URI;
import java.util.Objects;

import org.vokit.HttpStatusException;
import org.vokit.VoException;

/**
 * One entry of a fan-out's failure report: a task that did not answer, or was not asked.
 *
 * @param task the task's label
 * @param accessUrl the service's access URL
 * @param ivoid the service's ivoid, or null
 * @param table the table, or null
 * @param phase where it went wrong
 * @param errorClass the simple name of the error's class (e.g. {@code HttpStatusException}), or
 *                   {@code "skipped"} for a service not asked
 * @param message the service's own message where it gave one, else the error's message; never null
 * @param adql the query that was (or would have been) run, kept so that a later run can resume
 */
public record Failure(String task, URI accessUrl, String ivoid, String table, Phase phase, String errorClass,
                      String message, String adql) {

    /** Where a task went wrong. */
    public enum Phase {
        /** Finding the service or its tables (registry, VOSI). */
        DISCOVERY,
        /** Sending the query and waiting for the answer's start. */
        QUERY,
        /** Reading the answer (e.g. a truncated VOTable). */
        READ,
        /** The task's own timeout or the overall deadline ran out. */
        TIMEOUT,
        /** The run was cancelled. */
        CANCELLED,
        /** Not asked: the service health memory or a limit said so. */
        SKIPPED
    }

    /**
     * Validates the components.
     *
     * @param task the label
     * @param accessUrl the access URL
     * @param ivoid the ivoid, or null
     * @param table the table, or null
     * @param phase the phase
     * @param errorClass the error's class name
     * @param message the message
     * @param adql the query, or null
     */
    public Failure {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(accessUrl, "accessUrl");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(errorClass, "errorClass");
        message = message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * Describes a task's error.
     *
     * @param t the task
     * @param phase the phase
     * @param error the error
     * @return the entry
     */
    public static Failure of(FanoutTask t, Phase phase, Throwable error) {
        String msg;
        if (error instanceof HttpStatusException h && h.bodyExcerpt() != null && !h.bodyExcerpt().isBlank()) {
            msg = "HTTP " + h.status() + ": " + h.bodyExcerpt();
        } else if (error instanceof VoException v && v.detail() != null && !v.detail().isBlank()) {
            msg = v.detail();
        } else {
            msg = error.getMessage() == null ? error.toString() : error.getMessage();
        }
        return new Failure(t.label(), t.accessUrl(), t.ivoid(), t.table(), phase, error.getClass().getSimpleName(), msg,
                t.query().adql());
    }

    /**
     * Describes a task that was not asked.
     *
     * @param t the task
     * @param reason why
     * @return the entry
     */
    public static Failure skipped(FanoutTask t, String reason) {
        return new Failure(t.label(), t.accessUrl(), t.ivoid(), t.table(), Phase.SKIPPED, "skipped", reason,
                t.query().adql());
    }

    /** @return the task this entry came from, for resuming (a synchronous task with the same query) */
    public FanoutTask toTask() {
        return new FanoutTask(task, accessUrl, ivoid, table, org.vokit.tap.TapQuery.of(adql == null ? "" : adql), false);
    }

    /** @return one line for a report, e.g. {@code "http://x/tap [ivo://x/tap] QUERY HttpStatusException: ..."} */
    public String line() {
        return accessUrl + (ivoid != null ? " [" + ivoid + "]" : "") + (table != null ? " " + table : "") + " "
                + phase + " " + errorClass + ": " + message;
    }
}
