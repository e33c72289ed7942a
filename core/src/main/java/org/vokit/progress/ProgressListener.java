package org.vokit.progress;

/**
 * Receives {@link ProgressEvent}s. Events may arrive concurrently from worker threads: a
 * listener must be thread-safe and quick (a Swing listener hands the event to the event thread),
 * and whatever it throws is caught and logged by the caller, never spoiling the work.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every event. */
    ProgressListener NONE = event -> { };

    /**
     * Receives an event.
     *
     * @param event what happened
     */
    void onEvent(ProgressEvent event);

    /**
     * Returns a listener that passes each event to this one and then to {@code next}; an
     * exception from one does not stop the other.
     *
     * @param next the second listener
     * @return the combined listener
     */
    default ProgressListener andThen(ProgressListener next) {
        ProgressListener first = this;
        return event -> {
            try {
                first.onEvent(event);
            } finally {
                next.onEvent(event);
            }
        };
    }

    /**
     * Delivers an event, catching and logging whatever the listener throws.
     *
     * @param listener the listener (may be null: nothing happens)
     * @param event the event
     */
    static void deliver(ProgressListener listener, ProgressEvent event) {
        if (listener == null) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            System.getLogger(ProgressListener.class.getPackageName())
                    .log(System.Logger.Level.WARNING, "progress listener failed on " + event, e);
        }
    }
}
