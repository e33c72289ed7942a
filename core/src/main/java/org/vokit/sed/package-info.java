/**
 * Spectral energy distributions from the VO (course section 3): {@link org.vokit.sed.SedSearch} finds
 * every TAP table with photometry UCDs ({@code phot.mag;em.*}, {@code phot.flux.density;em.*}) in a
 * registry, asks each for its rows around one position in parallel through the fan-out engine
 * ({@link org.vokit.fanout.Fanout}), and places every value at its band's effective wavelength from
 * {@link org.vokit.sed.BandTable} (the documented resource {@code bands.csv}), with provenance.
 */
package org.vokit.sed;
