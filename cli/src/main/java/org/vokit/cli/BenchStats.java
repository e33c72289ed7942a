package org.vokit.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Median, minimum and maximum of a benchmark's timings, in seconds. Benchmarks collect one
 * value per run and never count a failed run: they stop at the first failure instead.
 *
 * @param median the median
 * @param min the smallest value
 * @param max the largest value
 * @param n how many values
 */
record BenchStats(double median, double min, double max, int n) {

    /**
     * Summarises values.
     *
     * @param xs at least one value
     * @return their median, minimum and maximum
     * @throws IllegalArgumentException if there is no value
     */
    static BenchStats of(List<Double> xs) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("no measurement to summarise");
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new BenchStats(median, s.get(0), s.get(n - 1), n);
    }

    /**
     * Element-wise differences {@code a[i] - b[i]} of two series measured in alternation.
     *
     * @param a the first series
     * @param b the second series, as long as the first
     * @return the paired differences
     */
    static List<Double> differences(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            d.add(a.get(i) - b.get(i));
        }
        return d;
    }

    /**
     * Element-wise ratios {@code a[i] / b[i]} of two series measured in alternation.
     *
     * @param a the first series
     * @param b the second series, as long as the first
     * @return the paired ratios
     */
    static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            d.add(a.get(i) / b.get(i));
        }
        return d;
    }

    /** @return where the figures were measured: "N cores, Java V, load L" (load: 1-minute average, if known) */
    static String machine() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                + (load >= 0 ? String.format(Locale.ROOT, ", 1-min load %.2f", load) : "");
    }

    /** @return "median X s, min Y s, max Z s" with three decimals */
    String seconds() {
        return String.format(Locale.ROOT, "median %.3f s, min %.3f s, max %.3f s", median, min, max);
    }

    /** @return the same as {@link #seconds()} with signs, for differences */
    String signedSeconds() {
        return String.format(Locale.ROOT, "median %+.3f s, min %+.3f s, max %+.3f s", median, min, max);
    }
}
