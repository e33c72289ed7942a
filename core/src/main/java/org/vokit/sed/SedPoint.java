package org.vokit.sed;

import java.net.URI;

/**
 * One photometric value placed on an SED, with where it came from.
 *
 * @param wavelength the band's effective wavelength in metres ({@link BandTable})
 * @param value the value as the service gave it (a magnitude or a flux density)
 * @param unit the column's unit, or null
 * @param ucd the column's UCD
 * @param band the band's readable name
 * @param service the TAP service's access URL
 * @param table the table, as registered
 * @param column the column
 * @param ra the source row's right ascension in degrees
 * @param dec the source row's declination in degrees
 * @param separation the distance from the searched position in arcseconds
 */
public record SedPoint(double wavelength, double value, String unit, String ucd, String band, URI service,
                       String table, String column, double ra, double dec, double separation) {
}
