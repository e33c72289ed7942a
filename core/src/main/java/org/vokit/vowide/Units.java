package org.vokit.vowide;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Local conversion between the units of angles and of angular rates that VO catalogues use
 * (deg, arcmin, arcsec, mas, rad; per year), for services that cannot convert with
 * {@code IN_UNIT}. Other units are not converted.
 */
final class Units {

    private static final Map<String, Double> ANGLE_IN_DEG = Map.of(
            "deg", 1.0, "degree", 1.0, "degrees", 1.0, "arcmin", 1 / 60.0, "arcsec", 1 / 3600.0,
            "mas", 1 / 3.6e6, "uas", 1 / 3.6e9, "rad", 180 / Math.PI);

    private Units() {
    }

    /**
     * Returns the factor that turns values in one unit into another.
     *
     * @param from the values' unit
     * @param to the wanted unit
     * @return the factor, or empty if the units are not both known and of the same kind
     */
    static OptionalDouble factor(String from, String to) {
        if (from == null || to == null) {
            return OptionalDouble.empty();
        }
        String f = norm(from);
        String t = norm(to);
        if (f.equals(t)) {
            return OptionalDouble.of(1);
        }
        Double a = inDeg(f);
        Double b = inDeg(t);
        if (a == null || b == null || (a > 1e20) != (b > 1e20)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(a / b);
    }

    /** Degrees per unit, per year for rates; rates and angles are kept apart by a large offset. */
    private static Double inDeg(String u) {
        for (String perYear : new String[] {"/yr", "/a", "/year", ".yr-1", ".a-1", "/y"}) {
            if (u.endsWith(perYear)) {
                Double angle = ANGLE_IN_DEG.get(u.substring(0, u.length() - perYear.length()));
                return angle == null ? null : angle * 1e30;
            }
        }
        return ANGLE_IN_DEG.get(u);
    }

    private static String norm(String u) {
        return u.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "arcsec").replace("'", "arcmin");
    }
}
