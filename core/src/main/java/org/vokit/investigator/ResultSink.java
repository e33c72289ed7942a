package org.vokit.investigator;

import java.io.IOException;

/**
 * Where the {@link Investigator} puts each search's non-empty result: over SAMP to another
 * client ({@link SampResultSink}, what {@code vokit investigate} does), or straight into a host
 * application, as a new table in TOPCAT or a new plane in Aladin, by a plugin that implements
 * this interface.
 *
 * <pre>{@code
 * ResultSink print = r -> {
 *     System.out.println(r.name() + ": " + r.rows() + " rows from " + r.service());
 *     return "standard output";
 * };
 * Investigator.builder().sink(print).search(...).start();
 * }</pre>
 *
 * <p>{@link #accept} runs on the search's own thread, never on a SAMP thread; several searches
 * may deliver at once, so an implementation must be thread-safe. It may block until the host has
 * taken the table (a Swing host hands it to its event thread and waits), and it must honour
 * interruption: a newer highlight cancels the older searches by interrupting them.
 */
@FunctionalInterface
public interface ResultSink {

    /**
     * Takes one search's result.
     *
     * @param result the table with what was searched, where and on which service
     * @return a short description of where it went, for events and logs (e.g.
     *     {@code "Aladin (c3): ok"})
     * @throws IOException if it could not be delivered; an
     *     {@link org.vokit.samp.SampTimeoutException} means it was offered but not confirmed
     *     ({@link InvestigatorEvent.Kind#RESULT_UNCONFIRMED})
     */
    String accept(ResultTable result) throws IOException;
}
