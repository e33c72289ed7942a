package org.vokit.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resources whose declared sky coverage ({@code rr.stc_spatial.coverage}, a MOC) meets a
 * region: contains a point, or overlaps a circle, a polygon or a MOC. Coordinates are ICRS
 * degrees.
 *
 * <p>{@code rr.stc_spatial} is an extension of RegTAP 1.1 (part of RegTAP 1.2) and many
 * resources do not declare a coverage, so a search with this constraint finds only those that
 * do; a registry without the table fails with {@link UnsupportedConstraintException}.
 *
 * @param shape the kind of region
 * @param values the numbers of the region (ra, dec; ra, dec, radius; or polygon vertices)
 * @param moc the ASCII MOC for {@link Shape#MOC}, else null
 */
public record Spatial(Shape shape, List<Double> values, String moc) implements Constraint {

    /** The kinds of region. */
    public enum Shape {
        /** A point: ra, dec. */
        POINT,
        /** A circle: ra, dec, radius. */
        CIRCLE,
        /** A polygon: ra1, dec1, ra2, dec2, ... (at least three vertices). */
        POLYGON,
        /** A MOC in ASCII serialisation, e.g. {@code 6/1234-1240 7/5000}. */
        MOC
    }

    /** The table this constraint needs. */
    public static final String TABLE = "rr.stc_spatial";

    private static final Pattern ASCII_MOC = Pattern.compile("\\s*\\d+/[\\d\\s,\\-/]*");

    /**
     * Checks the region.
     *
     * @param shape the kind of region
     * @param values the numbers of the region
     * @param moc the ASCII MOC for {@link Shape#MOC}, else null
     * @throws IllegalArgumentException if a coordinate is out of range or not finite, the
     *     radius is not in (0, 180], a polygon has fewer than three vertices, or the MOC is not
     *     an ASCII MOC
     */
    public Spatial {
        Objects.requireNonNull(shape, "shape");
        values = List.copyOf(values);
        switch (shape) {
            case POINT -> checkCount(values, 2);
            case CIRCLE -> {
                checkCount(values, 3);
                double r = values.get(2);
                if (!(r > 0 && r <= 180)) {
                    throw new IllegalArgumentException("the radius must be in (0, 180] degrees: " + r);
                }
            }
            case POLYGON -> {
                if (values.size() < 6 || values.size() % 2 != 0) {
                    throw new IllegalArgumentException("a polygon needs at least three vertices as ra, dec pairs;"
                            + " got " + values.size() + " numbers");
                }
            }
            case MOC -> {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException("a MOC region has no numbers");
                }
                Objects.requireNonNull(moc, "moc");
                if (!ASCII_MOC.matcher(moc).matches()) {
                    throw new IllegalArgumentException("'" + moc + "' is not an ASCII MOC (like 6/1234-1240 7/5000)");
                }
                moc = moc.strip();
            }
            default -> throw new AssertionError(shape);
        }
        if (shape != Shape.MOC && moc != null) {
            throw new IllegalArgumentException("only a MOC region has MOC text");
        }
        for (int i = 0; i + 1 < values.size() && !(shape == Shape.CIRCLE && i >= 2); i += 2) {
            checkPosition(values.get(i), values.get(i + 1));
        }
    }

    private static void checkCount(List<Double> v, int n) {
        if (v.size() != n) {
            throw new IllegalArgumentException("expected " + n + " numbers, got " + v.size());
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

    /**
     * Resources covering a position.
     *
     * @param ra right ascension, degrees
     * @param dec declination, degrees
     * @return the constraint
     */
    public static Spatial point(double ra, double dec) {
        return new Spatial(Shape.POINT, List.of(ra, dec), null);
    }

    /**
     * Resources whose coverage overlaps a circle.
     *
     * @param ra centre right ascension, degrees
     * @param dec centre declination, degrees
     * @param radius radius, degrees
     * @return the constraint
     */
    public static Spatial circle(double ra, double dec, double radius) {
        return new Spatial(Shape.CIRCLE, List.of(ra, dec, radius), null);
    }

    /**
     * Resources whose coverage overlaps a polygon.
     *
     * @param raDec ra1, dec1, ra2, dec2, ... in degrees, at least three vertices
     * @return the constraint
     */
    public static Spatial polygon(double... raDec) {
        List<Double> v = new ArrayList<>();
        for (double d : raDec) {
            v.add(d);
        }
        return new Spatial(Shape.POLYGON, v, null);
    }

    /**
     * Resources whose coverage overlaps a MOC.
     *
     * @param asciiMoc the MOC in ASCII serialisation, e.g. {@code "6/1234-1240 7/5000"}
     * @return the constraint
     */
    public static Spatial moc(String asciiMoc) {
        return new Spatial(Shape.MOC, List.of(), asciiMoc);
    }

    @Override
    public Set<String> requiredTables() {
        return Set.of(TABLE);
    }

    @Override
    public String toAdql(RenderContext ctx) {
        String cond = switch (shape) {
            case POINT -> ctx.template("1 = CONTAINS(POINT({ra}, {dec}), coverage)")
                    .value("ra", values.get(0)).value("dec", values.get(1)).render();
            case CIRCLE -> ctx.template("1 = INTERSECTS(CIRCLE({ra}, {dec}, {r}), coverage)")
                    .value("ra", values.get(0)).value("dec", values.get(1)).value("r", values.get(2)).render();
            case POLYGON -> ctx.template("1 = INTERSECTS(POLYGON({v}), coverage)").values("v", values).render();
            case MOC -> ctx.template("1 = INTERSECTS(MOC({m}), coverage)").value("m", moc).render();
        };
        return ctx.ivoidIn(TABLE, cond);
    }
}
