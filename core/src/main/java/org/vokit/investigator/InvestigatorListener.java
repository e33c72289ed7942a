package org.vokit.investigator;

/**
 * Observes an {@link Investigator}. Events arrive on the investigator's threads (SAMP handler
 * and search threads), possibly concurrently; a listener must be thread-safe and quick, and its
 * exceptions are logged and otherwise ignored.
 */
@FunctionalInterface
public interface InvestigatorListener {

    /**
     * Receives an event.
     *
     * @param event what happened
     */
    void onEvent(InvestigatorEvent event);
}
