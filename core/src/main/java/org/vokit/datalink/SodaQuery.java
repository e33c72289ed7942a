package org.vokit.datalink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.vokit.http.Param;

/**
 * The parameters of a SODA cutout, as an immutable value: each method returns a new query.
 * Values are written as SODA 1.0 and DALI prescribe (numbers separated by blanks, intervals as
 * {@code lo hi}, open ends as {@code -Inf}/{@code +Inf}).
 *
 * <pre>{@code
 * SodaQuery q = SodaQuery.create().circle(10, 20, 0.05);              // CIRCLE=10 20 0.05
 * SodaQuery s = SodaQuery.create().band(4.5e-7, 5e-7);                 // BAND=4.5E-7 5.0E-7 (metres)
 * SodaQuery p = SodaQuery.create().polygon(9.9, 19.9, 10.1, 19.9, 10, 20.1).pol("I", "Q");
 * }</pre>
 *
 * <p>{@link #circle}, {@link #polygon}, {@link #pos}, {@link #band} and {@link #time} replace an
 * earlier value of the same parameter; {@link #pol} adds states (POL is repeatable).
 */
public final class SodaQuery {

    /** The polarization states SODA 1.0 lists for POL. */
    public static final Set<String> POL_STATES = Set.of("I", "Q", "U", "V", "RR", "LL", "RL", "LR", "XX", "YY",
            "XY", "YX", "POLI", "POLA");

    private final List<Param> params;

    private SodaQuery(List<Param> params) {
        this.params = List.copyOf(params);
    }

    /**
     * Returns an empty query (which asks for the whole dataset).
     *
     * @return the query
     */
    public static SodaQuery create() {
        return new SodaQuery(List.of());
    }

    private SodaQuery replacing(String name, String value) {
        List<Param> p = new ArrayList<>();
        for (Param q : params) {
            if (!q.name().equals(name)) {
                p.add(q);
            }
        }
        p.add(new Param(name, value));
        return new SodaQuery(p);
    }

    /**
     * Sets a circular cutout ({@code CIRCLE}).
     *
     * @param ra centre right ascension in degrees, 0 to 360
     * @param dec centre declination in degrees, -90 to 90
     * @param radius radius in degrees, more than 0 and at most 180
     * @return the new query
     */
    public SodaQuery circle(double ra, double dec, double radius) {
        checkCircle(ra, dec, radius);
        return replacing("CIRCLE", join(ra, dec, radius));
    }

    private static void checkCircle(double ra, double dec, double radius) {
        checkPosition(ra, dec);
        if (!(radius > 0 && radius <= 180)) {
            throw new IllegalArgumentException("CIRCLE radius must be in (0, 180] degrees: " + radius);
        }
    }

    /**
     * Sets a polygon cutout ({@code POLYGON}).
     *
     * @param raDec the vertices as ra1, dec1, ra2, dec2, ... in degrees; at least three
     * @return the new query
     */
    public SodaQuery polygon(double... raDec) {
        checkPolygon(raDec, "POLYGON");
        return replacing("POLYGON", join(raDec));
    }

    /**
     * Sets a {@code POS} cutout from its string form: {@code CIRCLE ra dec r},
     * {@code RANGE ra1 ra2 dec1 dec2} or {@code POLYGON ra1 dec1 ...}.
     *
     * @param pos the value
     * @return the new query
     */
    public SodaQuery pos(String pos) {
        Objects.requireNonNull(pos, "pos");
        String[] w = pos.strip().split("\\s+");
        String shape = w[0].toUpperCase(Locale.ROOT);
        double[] v = new double[w.length - 1];
        for (int i = 1; i < w.length; i++) {
            v[i - 1] = parse(w[i], "POS");
        }
        switch (shape) {
            case "CIRCLE" -> {
                if (v.length != 3) {
                    throw new IllegalArgumentException("POS CIRCLE needs ra dec radius: '" + pos + "'");
                }
                checkCircle(v[0], v[1], v[2]);
                return replacing("POS", "CIRCLE " + join(v));
            }
            case "RANGE" -> {
                if (v.length != 4) {
                    throw new IllegalArgumentException("POS RANGE needs ra1 ra2 dec1 dec2: '" + pos + "'");
                }
                return posRange(v[0], v[1], v[2], v[3]);
            }
            case "POLYGON" -> {
                checkPolygon(v, "POS POLYGON");
                return replacing("POS", "POLYGON " + join(v));
            }
            default -> throw new IllegalArgumentException("POS must start with CIRCLE, RANGE or POLYGON: '" + pos + "'");
        }
    }

    /**
     * Sets a {@code POS=RANGE} cutout; infinite ends are allowed.
     *
     * @param ra1 lowest right ascension (degrees)
     * @param ra2 highest right ascension
     * @param dec1 lowest declination
     * @param dec2 highest declination
     * @return the new query
     */
    public SodaQuery posRange(double ra1, double ra2, double dec1, double dec2) {
        checkInterval(ra1, ra2, "POS RANGE ra");
        checkInterval(dec1, dec2, "POS RANGE dec");
        return replacing("POS", "RANGE " + join(ra1, ra2, dec1, dec2));
    }

    /**
     * Sets a spectral cutout ({@code BAND}): vacuum wavelengths in metres; either end may be
     * infinite, and {@code lo == hi} asks for the single plane containing that wavelength.
     *
     * @param lo shortest wavelength in metres
     * @param hi longest wavelength in metres
     * @return the new query
     */
    public SodaQuery band(double lo, double hi) {
        checkInterval(lo, hi, "BAND");
        if (lo < 0) {
            throw new IllegalArgumentException("BAND wavelengths are in metres and cannot be negative: " + lo);
        }
        return replacing("BAND", join(lo, hi));
    }

    /**
     * Sets a time cutout ({@code TIME}) in MJD; either end may be infinite.
     *
     * @param lo start (MJD)
     * @param hi end (MJD)
     * @return the new query
     */
    public SodaQuery time(double lo, double hi) {
        checkInterval(lo, hi, "TIME");
        return replacing("TIME", join(lo, hi));
    }

    /**
     * Adds polarization states ({@code POL}, one parameter per state).
     *
     * @param states states from {@link #POL_STATES}, any case
     * @return the new query
     */
    public SodaQuery pol(String... states) {
        List<Param> p = new ArrayList<>(params);
        for (String s : states) {
            String st = s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
            if (!POL_STATES.contains(st)) {
                throw new IllegalArgumentException("unknown POL state '" + s + "'; SODA knows "
                        + String.join(" ", new java.util.TreeSet<>(POL_STATES)));
            }
            Param np = new Param("POL", st);
            if (!p.contains(np)) {
                p.add(np);
            }
        }
        return new SodaQuery(p);
    }

    /**
     * Adds another parameter the service declares (for example {@code FORMAT} or
     * {@code FLUXCALIB}); it is checked against the service descriptor when one is known.
     *
     * @param name the parameter name
     * @param value its value
     * @return the new query
     */
    public SodaQuery param(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.equalsIgnoreCase("ID")) {
            throw new IllegalArgumentException("ID is set by the service binding, not by the query");
        }
        List<Param> p = new ArrayList<>(params);
        p.add(new Param(name, value));
        return new SodaQuery(p);
    }

    /** @return the parameters in the order they were set */
    public List<Param> params() {
        return params;
    }

    /** @return true if no parameter is set (the whole dataset is asked for) */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /**
     * Formats a number as DALI wants it: integers without a fraction, otherwise Java's shortest
     * round-tripping form, and {@code -Inf}/{@code +Inf} for infinities.
     *
     * @param d the number, not NaN
     * @return the text
     */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("NaN is not a SODA value");
        }
        if (d == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static String join(double... v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(number(d));
        }
        return sb.toString();
    }

    private static double parse(String s, String what) {
        String t = s.strip();
        if (t.equalsIgnoreCase("+Inf") || t.equalsIgnoreCase("Inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equalsIgnoreCase("-Inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a number");
        }
    }

    private static void checkPosition(double ra, double dec) {
        if (!(ra >= 0 && ra <= 360)) {
            throw new IllegalArgumentException("right ascension must be in [0, 360] degrees: " + ra);
        }
        if (!(dec >= -90 && dec <= 90)) {
            throw new IllegalArgumentException("declination must be in [-90, 90] degrees: " + dec);
        }
    }

    private static void checkPolygon(double[] raDec, String what) {
        if (raDec.length < 6 || raDec.length % 2 != 0) {
            throw new IllegalArgumentException(what + " needs at least three vertices as ra,dec pairs (got "
                    + raDec.length + " numbers)");
        }
        for (int i = 0; i < raDec.length; i += 2) {
            checkPosition(raDec[i], raDec[i + 1]);
        }
    }

    private static void checkInterval(double lo, double hi, String what) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw new IllegalArgumentException(what + ": NaN is not allowed");
        }
        if (lo > hi) {
            throw new IllegalArgumentException(what + ": the lower limit " + lo + " is above the upper limit " + hi);
        }
        if (lo == Double.POSITIVE_INFINITY || hi == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException(what + ": the interval [" + lo + ", " + hi + "] is empty");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SodaQuery q && q.params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SodaQuery[");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(params.get(i).name()).append('=').append(params.get(i).value());
        }
        return sb.append(']').toString();
    }
}
