package org.vokit.investigator;

import java.util.Locale;

/**
 * A position on the sky, ICRS, in degrees.
 *
 * @param ra right ascension in degrees, normalised to [0, 360)
 * @param dec declination in degrees, in [-90, 90]
 */
public record SkyPosition(double ra, double dec) {

    /**
     * Validates and normalises the components.
     *
     * @param ra right ascension in degrees (any finite value; wrapped into [0, 360))
     * @param dec declination in degrees
     * @throws IllegalArgumentException if a value is not finite or the declination is out of range
     */
    public SkyPosition {
        if (!Double.isFinite(ra) || !Double.isFinite(dec)) {
            throw new IllegalArgumentException("not a sky position: ra=" + ra + ", dec=" + dec);
        }
        if (dec < -90 || dec > 90) {
            throw new IllegalArgumentException("declination out of range: " + dec);
        }
        ra = ra % 360.0;
        if (ra < 0) {
            ra += 360.0;
        }
        if (ra == 360.0 || ra == -0.0) {
            ra = 0.0;
        }
    }

    /**
     * Makes a position.
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     * @return the position
     */
    public static SkyPosition of(double ra, double dec) {
        return new SkyPosition(ra, dec);
    }

    /**
     * Returns the great-circle distance to another position, in degrees, computed with the
     * vector (Vincenty) formula, which is accurate for tiny and for near-antipodal separations.
     *
     * @param other the other position
     * @return the angular distance, in [0, 180]
     */
    public double separation(SkyPosition other) {
        double a1 = Math.toRadians(ra);
        double d1 = Math.toRadians(dec);
        double a2 = Math.toRadians(other.ra);
        double d2 = Math.toRadians(other.dec);
        double dra = a2 - a1;
        double sd1 = Math.sin(d1);
        double cd1 = Math.cos(d1);
        double sd2 = Math.sin(d2);
        double cd2 = Math.cos(d2);
        double x = cd2 * Math.sin(dra);
        double y = cd1 * sd2 - sd1 * cd2 * Math.cos(dra);
        double num = Math.hypot(x, y);
        double den = sd1 * sd2 + cd1 * cd2 * Math.cos(dra);
        return Math.toDegrees(Math.atan2(num, den));
    }

    /**
     * Formats the position for names and logs: {@code "10.0012 +20.0008"} (four decimals,
     * signed declination).
     *
     * @return the text
     */
    public String format() {
        return String.format(Locale.ROOT, "%.4f %+.4f", ra, dec);
    }

    /**
     * Parses a position typed by a user: each coordinate in decimal degrees ({@code 10.5},
     * {@code -20.25}) or sexagesimal, with blanks, colons or letters between the fields. A
     * sexagesimal right ascension is in hours ({@code 00:42:44.3}, {@code 0h42m44.3s}) unless it
     * says degrees ({@code 10d41m04s}, {@code 10°41'04"}); a sexagesimal declination is in degrees
     * ({@code +41:16:09}, {@code -20d15m}).
     *
     * @param ra the right ascension text
     * @param dec the declination text
     * @return the position
     * @throws IllegalArgumentException naming the coordinate that could not be read, or a declination
     *         outside [-90, 90]
     */
    public static SkyPosition parse(String ra, String dec) {
        String r = ra == null ? "" : ra.strip();
        String d = dec == null ? "" : dec.strip();
        if (r.isEmpty() || d.isEmpty()) {
            throw new IllegalArgumentException("give both RA and Dec (degrees, or sexagesimal such as 00:42:44.3 +41:16:09)");
        }
        boolean raDegrees = r.indexOf('d') >= 0 || r.indexOf('D') >= 0 || r.indexOf('\u00b0') >= 0;
        double a = PositionColumns.angle(r, raDegrees ? "deg" : null, true);
        if (!Double.isFinite(a)) {
            throw new IllegalArgumentException("RA \"" + r + "\" is neither degrees nor sexagesimal hours (e.g. 10.68 or 00:42:44.3)");
        }
        double b = PositionColumns.angle(d, "deg", false);
        if (!Double.isFinite(b)) {
            throw new IllegalArgumentException("Dec \"" + d + "\" is neither degrees nor sexagesimal degrees (e.g. 41.27 or +41:16:09)");
        }
        if (b < -90 || b > 90) {
            throw new IllegalArgumentException("Dec must lie between -90 and 90, not " + d);
        }
        return new SkyPosition(a, b);
    }

    @Override
    public String toString() {
        return format();
    }
}
