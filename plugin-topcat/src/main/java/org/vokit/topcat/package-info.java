/**
 * vokit inside TOPCAT: per-row activation actions ({@link org.vokit.topcat.VicinitySearch},
 * {@link org.vokit.topcat.SodaCutout}) and the VO menu tools ({@link org.vokit.topcat.VokitTools}).
 *
 * <p>Everything here runs on the STIL and JSAMP that TOPCAT itself loads (Debian's TOPCAT 4.8.7:
 * STIL 4.1.3, JSAMP 1.3.7), not on the versions core compiles against; network work never runs
 * on the Swing event thread.
 */
package org.vokit.topcat;
