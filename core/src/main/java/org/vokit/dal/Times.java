package org.vokit.dal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import uk.ac.starlink.table.ColumnInfo;

/**
 * Turns the time values of DAL results (MJD numbers, JD numbers, ISO 8601 strings) into
 * {@link Instant}s. Time scales (TT, TDB, UTC) are not told apart: the difference, about a
 * minute at most, is below what the dataset dates of these protocols mean.
 */
final class Times {

    /** The MJD of 1970-01-01T00:00:00. */
    static final double MJD_UNIX_EPOCH = 40587.0;
    /** The offset between JD and MJD. */
    private static final double JD_MJD = 2400000.5;
    /** Instants outside these MJDs are treated as nonsense (years about -4700 to 9999). */
    private static final double MJD_MIN = -2400000.0;
    private static final double MJD_MAX = 2973483.0;

    private Times() {
    }

    /**
     * Converts an MJD.
     *
     * @param mjd the date
     * @return the instant, or empty if the value is not finite or out of range
     */
    static Optional<Instant> fromMjd(double mjd) {
        if (!Double.isFinite(mjd) || mjd < MJD_MIN || mjd > MJD_MAX) {
            return Optional.empty();
        }
        double secs = (mjd - MJD_UNIX_EPOCH) * 86400.0;
        long whole = (long) Math.floor(secs);
        long nanos = Math.round((secs - whole) * 1e9);
        // a double MJD carries about 10 microseconds of precision; keep the instant on whole millis
        nanos = Math.round(nanos / 1e6) * 1_000_000L;
        if (nanos >= 1_000_000_000L) {
            whole++;
            nanos -= 1_000_000_000L;
        }
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }

    /**
     * Converts a cell to an instant, reading the column's metadata to tell MJD from JD.
     *
     * @param value the cell (a number, or a string with an ISO date or a number)
     * @param info the column, or null
     * @return the instant, if the value can be read as a time
     */
    static Optional<Instant> toInstant(Object value, ColumnInfo info) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return fromNumber(n.doubleValue(), info);
        }
        String s = value.toString().strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> iso = parseIso(s);
        if (iso.isPresent()) {
            return iso;
        }
        try {
            return fromNumber(Double.parseDouble(s), info);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> fromNumber(double v, ColumnInfo info) {
        String xtype = info == null || info.getXtype() == null ? "" : info.getXtype().toLowerCase(Locale.ROOT);
        if (xtype.equals("jd") || (!xtype.equals("mjd") && v > 2_000_000)) {
            return fromMjd(v - JD_MJD);
        }
        return fromMjd(v);
    }

    /**
     * Parses the ISO 8601 forms VO services write: with or without a zone (UTC assumed), with
     * a blank or {@code T} between date and time, or a bare date.
     *
     * @param s the text
     * @return the instant, if the text is such a date
     */
    static Optional<Instant> parseIso(String s) {
        String t = s.strip();
        if (t.length() < 10 || !Character.isDigit(t.charAt(0))) {
            return Optional.empty();
        }
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Optional.of(LocalDateTime.parse(t.substring(0, t.length() - 1)).toInstant(ZoneOffset.UTC));
            }
            if (t.length() > 19 && (t.charAt(t.length() - 6) == '+' || t.charAt(t.length() - 6) == '-')) {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
