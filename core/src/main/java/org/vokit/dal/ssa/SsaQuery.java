package org.vokit.dal.ssa;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.vokit.dal.DalQuery;
import org.vokit.http.Param;

/**
 * A spectrum search by SSA 1.1 as an immutable value ({@code REQUEST=queryData} is always sent).
 * SSA writes ranges as {@code lo/hi} strings, with an empty side for an open end; that is how
 * {@link #withBand(double, double)} and {@link #withTime(Instant, Instant)} write them. Custom
 * parameters go by name:
 *
 * <pre>{@code
 * SsaQuery q = SsaQuery.around(10, 20, 0.5)
 *         .withBand(4.5e-7, 5e-7)                    // metres
 *         .withFormat("votable")
 *         .withParam("TEFF", "10000/");              // this service's custom parameter
 * }</pre>
 */
public final class SsaQuery extends DalQuery<SsaQuery> {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private SsaQuery(List<Param> params, Duration timeout) {
        super(params, timeout);
    }

    /**
     * A query without a position (some services require one; add it with {@link #withPos}).
     *
     * @return the query
     */
    public static SsaQuery create() {
        return new SsaQuery(List.of(new Param("REQUEST", "queryData")), null);
    }

    /**
     * The spectra within a region around a position.
     *
     * @param ra right ascension (ICRS) in degrees
     * @param dec declination (ICRS) in degrees
     * @param size the diameter of the region in degrees ({@code SIZE})
     * @return the query
     */
    public static SsaQuery around(double ra, double dec, double size) {
        return create().withPos(ra, dec).withSize(size);
    }

    /**
     * Sets the position ({@code POS}).
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     * @return the changed copy
     */
    public SsaQuery withPos(double ra, double dec) {
        checkPosition(ra, dec);
        return withParam("POS", formatNumber(ra) + "," + formatNumber(dec));
    }

    /**
     * Sets the diameter of the region ({@code SIZE}).
     *
     * @param size the diameter in degrees
     * @return the changed copy
     */
    public SsaQuery withSize(double size) {
        checkSize("SIZE", size);
        return withParam("SIZE", formatNumber(size));
    }

    /**
     * Sets the spectral band as the service takes it: a range {@code lo/hi} in metres, a single
     * wavelength, or a bandpass name.
     *
     * @param band the value
     * @return the changed copy
     */
    public SsaQuery withBand(String band) {
        return withParam("BAND", Objects.requireNonNull(band, "band"));
    }

    /**
     * Sets the wavelength range the spectra must overlap.
     *
     * @param lo the shortest wavelength in metres, or an infinity/NaN for none
     * @param hi the longest wavelength in metres, or an infinity/NaN for none
     * @return the changed copy
     */
    public SsaQuery withBand(double lo, double hi) {
        return withBand(slash("BAND", lo, hi));
    }

    /**
     * Sets the time as the service takes it, e.g. {@code 2023-01-01/2023-12-31}.
     *
     * @param time the value
     * @return the changed copy
     */
    public SsaQuery withTime(String time) {
        return withParam("TIME", Objects.requireNonNull(time, "time"));
    }

    /**
     * Sets the time range of the observations (UTC, ISO 8601).
     *
     * @param from the start, or null for none
     * @param to the end, or null for none
     * @return the changed copy
     */
    public SsaQuery withTime(Instant from, Instant to) {
        if (from == null && to == null) {
            throw new IllegalArgumentException("a TIME range needs at least one bound");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("TIME range is empty: " + from + " > " + to);
        }
        return withTime((from == null ? "" : ISO.format(from)) + "/" + (to == null ? "" : ISO.format(to)));
    }

    /**
     * Sets the format of the spectra ({@code FORMAT}): a MIME type, or one of SSA's
     * {@code all}, {@code compliant}, {@code native}, {@code graphic}, {@code votable},
     * {@code fits}, {@code xml}, {@code metadata}.
     *
     * @param format the format
     * @return the changed copy
     */
    public SsaQuery withFormat(String format) {
        return withParam("FORMAT", Objects.requireNonNull(format, "format"));
    }

    /**
     * Sets the target name ({@code TARGETNAME}).
     *
     * @param name the name
     * @return the changed copy
     */
    public SsaQuery withTargetName(String name) {
        return withParam("TARGETNAME", Objects.requireNonNull(name, "name"));
    }

    /**
     * Sets the collection ({@code COLLECTION}).
     *
     * @param name the collection
     * @return the changed copy
     */
    public SsaQuery withCollection(String name) {
        return withParam("COLLECTION", Objects.requireNonNull(name, "name"));
    }

    private static String slash(String name, double lo, double hi) {
        boolean hasLo = Double.isFinite(lo);
        boolean hasHi = Double.isFinite(hi);
        if (!hasLo && !hasHi) {
            throw new IllegalArgumentException("a " + name + " range needs at least one bound");
        }
        if (hasLo && hasHi && lo > hi) {
            throw new IllegalArgumentException(name + " range is empty: " + lo + " > " + hi);
        }
        return (hasLo ? formatNumber(lo) : "") + "/" + (hasHi ? formatNumber(hi) : "");
    }

    @Override
    protected SsaQuery copy(List<Param> params, Duration timeout) {
        return new SsaQuery(params, timeout);
    }
}
