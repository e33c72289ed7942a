package org.vokit.vowide;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Conversion factors between the angle and proper-motion units VO tables use (VOUnits spelling). */
final class Units {

    private static final Map<String, Double> ANGLE_IN_DEG = Map.of(
            "deg", 1.0, "arcmin", 1 / 60.0, "arcsec", 1 / 3600.0, "mas", 1 / 3.6e6, "rad", 180 / Math.PI,
            "uas", 1 / 3.6e9);
    private static final Map<String, Double> TIME_IN_YR = Map.of("yr", 1.0, "a", 1.0, "cy", 100.0, "d", 1 / 365.25);

    private Units() {
    }

    /**
     * @param from the table's unit
     * @param to the wanted unit
     * @return the factor to multiply by, or empty if the units are unknown or incompatible
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
        double[] a = parse(f);
        double[] b = parse(t);
        if (a == null || b == null || (a[1] == 0) != (b[1] == 0)) {
            return OptionalDouble.empty();
        }
        double fa = a[0] * (a[1] == 0 ? 1 : 1 / a[1]);
        double fb = b[0] * (b[1] == 0 ? 1 : 1 / b[1]);
        return OptionalDouble.of(fa / fb);
    }

    private static String norm(String u) {
        return u.strip().toLowerCase(Locale.ROOT).replace(".", "/").replace("/a", "/yr").replace("year", "yr");
    }

    /** Returns {angle in deg, time in yr (0 for none)} or null. */
    private static double[] parse(String u) {
        String[] p = u.split("/");
        Double angle = ANGLE_IN_DEG.get(p[0]);
        if (angle == null || p.length > 2) {
            return null;
        }
        if (p.length == 1) {
            return new double[] {angle, 0};
        }
        Double time = TIME_IN_YR.get(p[1]);
        return time == null ? null : new double[] {angle, time};
    }
}
