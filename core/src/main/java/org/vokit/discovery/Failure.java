package org.vokit.discovery;

import java.net.URI;
import java.util.Objects;
import org.vokit.VoException;

/**
 * One service that did not answer, as the failure report lists it.
 *
 * @param task the task's label
 * @param serviceUrl the service's access URL
 * @param ivoid the resource's registry identifier, or null
 * @param table the table, or null
 * @param phase what was going on: {@code query} (the service failed or refused), {@code timeout}
 *     (no complete answer in time), {@code skipped} (the task did not apply) or {@code cancelled}
 * @param errorClass the simple class name of the error ({@code HttpStatusException}, ...), or
 *     {@code Skipped}
 * @param message the service's own message, or the error's text
 */
public record Failure(String task, URI serviceUrl, String ivoid, String table, String phase, String errorClass,
                      String message) {

    /**
     * Checks the components.
     *
     * @param task the label
     * @param serviceUrl the URL
     * @param ivoid the identifier, or null
     * @param table the table, or null
     * @param phase the phase
     * @param errorClass the error class
     * @param message the message
     */
    public Failure {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(serviceUrl, "serviceUrl");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(errorClass, "errorClass");
        message = message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * Makes the entry for a task that failed.
     *
     * @param task the task
     * @param phase the phase
     * @param error the error
     * @return the entry
     */
    public static Failure of(ServiceTask task, String phase, Throwable error) {
        String msg = error instanceof VoException ve ? ve.detail() : error.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = error.toString();
        }
        return new Failure(task.label(), task.serviceUrl(), task.ivoid(), task.table(), phase,
                error.getClass().getSimpleName(), msg);
    }

    /** @return true if the task was skipped rather than failed */
    public boolean skipped() {
        return phase.equals("skipped");
    }

    /**
     * Returns one line for people, e.g.
     * {@code voplanets.epn_core at http://...: query failed (HttpStatusException): 500 ...}.
     *
     * @return the line
     */
    public String describe() {
        StringBuilder b = new StringBuilder(task).append(" at ").append(serviceUrl);
        if (ivoid != null && !ivoid.equals(serviceUrl.toString())) {
            b.append(" (").append(ivoid).append(')');
        }
        if (skipped()) {
            return b.append(": skipped: ").append(message).toString();
        }
        return b.append(": ").append(phase).append(" failed (").append(errorClass).append("): ").append(message)
                .toString();
    }
}
