package org.vokit.dal.sia;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vokit.dal.DalQuery;
import org.vokit.http.Param;

/**
 * An image search by SIA 2.0 as an immutable value. SIA 2 constrains ObsCore records: each
 * parameter may be given several values, which the service ORs, while different parameters are
 * ANDed. Every {@code with...} method replaces all earlier values of its parameter; intervals
 * take {@code -Inf}/{@code +Inf} (or NaN) for open ends.
 *
 * <pre>{@code
 * Sia2Query q = Sia2Query.circle(150, 2.2, 0.1)
 *         .withBand(6e-7, 6.1e-7)                           // metres
 *         .withTime(Instant.parse("2023-01-01T00:00:00Z"), null)
 *         .withCollection("vokit images")
 *         .withMaxrec(100);
 * Sia2Query twoFields = Sia2Query.create()
 *         .withPos(Sia2Query.circleShape(10, 20, 0.1), Sia2Query.circleShape(150, 2.2, 0.1));
 * }</pre>
 */
public final class Sia2Query extends DalQuery<Sia2Query> {

    private Sia2Query(List<Param> params, Duration timeout) {
        super(params, timeout);
    }

    /**
     * A query without constraints (add them with the {@code with...} methods).
     *
     * @return the query
     */
    public static Sia2Query create() {
        return new Sia2Query(List.of(), null);
    }

    /**
     * A query for the images overlapping a circle.
     *
     * @param ra centre right ascension (ICRS) in degrees
     * @param dec centre declination in degrees
     * @param radius radius in degrees
     * @return the query
     */
    public static Sia2Query circle(double ra, double dec, double radius) {
        return create().withPos(circleShape(ra, dec, radius));
    }

    /**
     * Writes a {@code POS} circle.
     *
     * @param ra centre right ascension in degrees
     * @param dec centre declination in degrees
     * @param radius radius in degrees
     * @return e.g. {@code CIRCLE 10 20 0.1}
     */
    public static String circleShape(double ra, double dec, double radius) {
        checkPosition(ra, dec);
        checkSize("radius", radius);
        return "CIRCLE " + formatNumber(ra) + " " + formatNumber(dec) + " " + formatNumber(radius);
    }

    /**
     * Writes a {@code POS} coordinate range; infinite bounds are written {@code -Inf}/{@code +Inf}.
     *
     * @param raMin lower right ascension
     * @param raMax upper right ascension
     * @param decMin lower declination
     * @param decMax upper declination
     * @return e.g. {@code RANGE 9 11 19 21}
     */
    public static String rangeShape(double raMin, double raMax, double decMin, double decMax) {
        if (Double.isNaN(raMin) || Double.isNaN(raMax) || Double.isNaN(decMin) || Double.isNaN(decMax)) {
            throw new IllegalArgumentException("RANGE bounds must not be NaN");
        }
        if (raMin > raMax || decMin > decMax) {
            throw new IllegalArgumentException("RANGE bounds are in the wrong order");
        }
        return "RANGE " + formatNumber(raMin) + " " + formatNumber(raMax) + " " + formatNumber(decMin) + " "
                + formatNumber(decMax);
    }

    /**
     * Writes a {@code POS} polygon.
     *
     * @param raDec the vertices as ra1, dec1, ra2, dec2, ... (at least three, in degrees)
     * @return e.g. {@code POLYGON 9 19 11 19 10 21}
     */
    public static String polygonShape(double... raDec) {
        if (raDec.length < 6 || raDec.length % 2 != 0) {
            throw new IllegalArgumentException("a POLYGON needs at least three ra/dec pairs, got "
                    + raDec.length + " numbers");
        }
        StringBuilder sb = new StringBuilder("POLYGON");
        for (int i = 0; i < raDec.length; i += 2) {
            checkPosition(raDec[i], raDec[i + 1]);
            sb.append(' ').append(formatNumber(raDec[i])).append(' ').append(formatNumber(raDec[i + 1]));
        }
        return sb.toString();
    }

    /**
     * Sets the regions ({@code POS}); an image overlapping any of them is found.
     *
     * @param shapes {@code CIRCLE}, {@code RANGE} or {@code POLYGON} values (see the
     *     {@code ...Shape} methods)
     * @return the changed copy
     */
    public Sia2Query withPos(String... shapes) {
        return values("POS", Arrays.asList(shapes));
    }

    /**
     * Sets the wavelength interval the data must overlap ({@code BAND}), in metres.
     *
     * @param lo the shortest wavelength, or -Inf/NaN for none
     * @param hi the longest wavelength, or +Inf/NaN for none
     * @return the changed copy
     */
    public Sia2Query withBand(double lo, double hi) {
        return withParam("BAND", interval("BAND", lo, hi));
    }

    /**
     * Sets the time interval the observation must overlap ({@code TIME}).
     *
     * @param from the start, or null for none
     * @param to the end, or null for none
     * @return the changed copy
     */
    public Sia2Query withTime(Instant from, Instant to) {
        return withTimeMjd(from == null ? Double.NEGATIVE_INFINITY : toMjd(from),
                to == null ? Double.POSITIVE_INFINITY : toMjd(to));
    }

    /**
     * Sets the time interval as Modified Julian Dates.
     *
     * @param lo the start MJD, or -Inf/NaN for none
     * @param hi the end MJD, or +Inf/NaN for none
     * @return the changed copy
     */
    public Sia2Query withTimeMjd(double lo, double hi) {
        return withParam("TIME", interval("TIME", lo, hi));
    }

    /**
     * Sets the polarisation states, any of which the data must have ({@code POL}).
     *
     * @param states e.g. {@code I}, {@code Q}, {@code U}, {@code V}
     * @return the changed copy
     */
    public Sia2Query withPol(String... states) {
        return values("POL", Arrays.asList(states));
    }

    /**
     * Sets the range of the field of view ({@code FOV}), in degrees.
     *
     * @param lo the smallest, or -Inf/NaN
     * @param hi the largest, or +Inf/NaN
     * @return the changed copy
     */
    public Sia2Query withFov(double lo, double hi) {
        return withParam("FOV", interval("FOV", lo, hi));
    }

    /**
     * Sets the range of the spatial resolution ({@code SPATRES}), in degrees.
     *
     * @param lo the finest, or -Inf/NaN
     * @param hi the coarsest, or +Inf/NaN
     * @return the changed copy
     */
    public Sia2Query withSpatres(double lo, double hi) {
        return withParam("SPATRES", interval("SPATRES", lo, hi));
    }

    /**
     * Sets the range of the exposure time ({@code EXPTIME}), in seconds.
     *
     * @param lo the shortest, or -Inf/NaN
     * @param hi the longest, or +Inf/NaN
     * @return the changed copy
     */
    public Sia2Query withExptime(double lo, double hi) {
        return withParam("EXPTIME", interval("EXPTIME", lo, hi));
    }

    /**
     * Sets the range of the spectral resolving power ({@code SPECRP}).
     *
     * @param lo the lowest, or -Inf/NaN
     * @param hi the highest, or +Inf/NaN
     * @return the changed copy
     */
    public Sia2Query withSpecrp(double lo, double hi) {
        return withParam("SPECRP", interval("SPECRP", lo, hi));
    }

    /**
     * Sets the range of the time resolution ({@code TIMERES}), in seconds.
     *
     * @param lo the finest, or -Inf/NaN
     * @param hi the coarsest, or +Inf/NaN
     * @return the changed copy
     */
    public Sia2Query withTimeres(double lo, double hi) {
        return withParam("TIMERES", interval("TIMERES", lo, hi));
    }

    /**
     * Sets the publisher dataset identifiers to find ({@code ID}).
     *
     * @param ids {@code ivo://} identifiers
     * @return the changed copy
     */
    public Sia2Query withId(String... ids) {
        return values("ID", Arrays.asList(ids));
    }

    /**
     * Sets the collections to search ({@code COLLECTION}).
     *
     * @param names collection names
     * @return the changed copy
     */
    public Sia2Query withCollection(String... names) {
        return values("COLLECTION", Arrays.asList(names));
    }

    /**
     * Sets the facilities (telescopes) ({@code FACILITY}).
     *
     * @param names facility names
     * @return the changed copy
     */
    public Sia2Query withFacility(String... names) {
        return values("FACILITY", Arrays.asList(names));
    }

    /**
     * Sets the instruments ({@code INSTRUMENT}).
     *
     * @param names instrument names
     * @return the changed copy
     */
    public Sia2Query withInstrument(String... names) {
        return values("INSTRUMENT", Arrays.asList(names));
    }

    /**
     * Sets the data product types ({@code DPTYPE}), e.g. {@code image}, {@code cube}.
     *
     * @param types the types
     * @return the changed copy
     */
    public Sia2Query withDptype(String... types) {
        return values("DPTYPE", Arrays.asList(types));
    }

    /**
     * Sets the calibration levels ({@code CALIB}), 0 to 4.
     *
     * @param levels the levels
     * @return the changed copy
     */
    public Sia2Query withCalib(int... levels) {
        List<String> v = new ArrayList<>();
        for (int l : levels) {
            if (l < 0 || l > 4) {
                throw new IllegalArgumentException("CALIB must be 0 to 4: " + l);
            }
            v.add(Integer.toString(l));
        }
        return values("CALIB", v);
    }

    /**
     * Sets the target names ({@code TARGET}).
     *
     * @param names the names
     * @return the changed copy
     */
    public Sia2Query withTarget(String... names) {
        return values("TARGET", Arrays.asList(names));
    }

    /**
     * Sets the dataset formats ({@code FORMAT}), as MIME types.
     *
     * @param formats the types
     * @return the changed copy
     */
    public Sia2Query withFormat(String... formats) {
        return values("FORMAT", Arrays.asList(formats));
    }

    /**
     * Asks for the answer in another format ({@code RESPONSEFORMAT}). vokit reads only VOTable
     * answers, so this is for services that offer several VOTable serialisations.
     *
     * @param format the format
     * @return the changed copy
     */
    public Sia2Query withResponseFormat(String format) {
        return withParam("RESPONSEFORMAT", Objects.requireNonNull(format, "format"));
    }

    private Sia2Query values(String name, List<String> vals) {
        Sia2Query q = without(name);
        for (String v : vals) {
            q = q.addParam(name, Objects.requireNonNull(v, name + " value"));
        }
        return q;
    }

    private static String interval(String name, double lo, double hi) {
        double l = Double.isNaN(lo) ? Double.NEGATIVE_INFINITY : lo;
        double h = Double.isNaN(hi) ? Double.POSITIVE_INFINITY : hi;
        if (l > h) {
            throw new IllegalArgumentException(name + " interval is empty: " + lo + " > " + hi);
        }
        return formatNumber(l) + " " + formatNumber(h);
    }

    @Override
    protected Sia2Query copy(List<Param> params, Duration timeout) {
        return new Sia2Query(params, timeout);
    }
}
