package org.vokit.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Resources whose declared time coverage ({@code rr.stc_temporal}, in MJD) overlaps an interval.
 * No time scale conversion is made: RegTAP uses TDB at the barycentre, and a search should
 * leave a margin larger than such differences. {@link Instant}s are converted to MJD as UTC.
 *
 * <p>{@code rr.stc_temporal} is a RegTAP 1.2 extension and few resources declare their time
 * coverage yet; a registry without the table fails with {@link UnsupportedConstraintException}.
 *
 * @param minMjd the start, MJD
 * @param maxMjd the end, MJD
 */
public record Temporal(double minMjd, double maxMjd) implements Constraint {

    /** The table this constraint needs. */
    public static final String TABLE = "rr.stc_temporal";

    /** MJD of the Unix epoch, 1970-01-01T00:00:00. */
    private static final double MJD_UNIX_EPOCH = 40587.0;

    /**
     * Checks the interval.
     *
     * @param minMjd the start, MJD
     * @param maxMjd the end, MJD
     * @throws IllegalArgumentException if a bound is not finite or the start is after the end
     */
    public Temporal {
        if (!Double.isFinite(minMjd) || !Double.isFinite(maxMjd)) {
            throw new IllegalArgumentException("time bounds must be finite: " + minMjd + ", " + maxMjd);
        }
        if (minMjd > maxMjd) {
            throw new IllegalArgumentException("the start MJD " + minMjd + " is after the end MJD " + maxMjd);
        }
    }

    /**
     * Resources overlapping an MJD interval.
     *
     * @param minMjd start
     * @param maxMjd end
     * @return the constraint
     */
    public static Temporal mjd(double minMjd, double maxMjd) {
        return new Temporal(minMjd, maxMjd);
    }

    /**
     * Resources overlapping a time interval.
     *
     * @param start the start
     * @param end the end
     * @return the constraint
     */
    public static Temporal between(Instant start, Instant end) {
        return new Temporal(toMjd(start), toMjd(end));
    }

    /**
     * Resources covering one instant.
     *
     * @param t the instant
     * @return the constraint
     */
    public static Temporal at(Instant t) {
        double m = toMjd(t);
        return new Temporal(m, m);
    }

    /**
     * Converts an instant to a Modified Julian Date (UTC, leap seconds ignored).
     *
     * @param t the instant
     * @return the MJD
     */
    public static double toMjd(Instant t) {
        Objects.requireNonNull(t, "t");
        Duration d = Duration.between(Instant.EPOCH, t);
        return MJD_UNIX_EPOCH + (d.getSeconds() + d.getNano() / 1e9) / 86_400.0;
    }

    @Override
    public Set<String> requiredTables() {
        return Set.of(TABLE);
    }

    @Override
    public String toAdql(RenderContext ctx) {
        return ctx.ivoidIn(TABLE, ctx.intervalOverlaps("time_start", "time_end", minMjd, maxMjd));
    }
}
