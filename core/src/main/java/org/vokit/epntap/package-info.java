/**
 * EPN-TAP 2.0, the Europlanet table model for Solar System data: finding every EPN-TAP table the
 * registry knows ({@link org.vokit.epntap.EpnTap#discover}), building queries over the standard
 * columns ({@link org.vokit.epntap.EpnQuery}: target, time, product type, instrument, spectral
 * range, {@code c1..c3}), and running one query over all tables found, merged into one table with
 * provenance ({@link org.vokit.epntap.EpnTap#search}). The search runs on the fan-out engine
 * ({@link org.vokit.fanout.Fanout}), one task per table.
 */
package org.vokit.epntap;
