package org.vokit.registry;

import java.util.Set;

/**
 * Resources whose declared spectral coverage ({@code rr.stc_spectral}) overlaps an interval.
 * RegTAP gives spectral coverage as the energy of the messenger particle in joules; the
 * factories convert wavelengths and frequencies ({@code E = h c / lambda}, {@code E = h nu}).
 *
 * <p>{@code rr.stc_spectral} is a RegTAP 1.2 extension and few resources declare their spectral
 * coverage yet ({@link Waveband} is the robust choice); a registry without the table fails with
 * {@link UnsupportedConstraintException}.
 *
 * @param minJoule the lower energy bound, joules
 * @param maxJoule the upper energy bound, joules
 */
public record Spectral(double minJoule, double maxJoule) implements Constraint {

    /** The table this constraint needs. */
    public static final String TABLE = "rr.stc_spectral";

    /** Planck's constant, J s (exact in the SI). */
    public static final double PLANCK = 6.62607015e-34;

    /** The speed of light, m/s (exact in the SI). */
    public static final double LIGHT_SPEED = 299_792_458.0;

    /**
     * Checks the interval.
     *
     * @param minJoule the lower energy bound, joules
     * @param maxJoule the upper energy bound, joules
     * @throws IllegalArgumentException if a bound is not positive and finite, or min exceeds max
     */
    public Spectral {
        if (!(minJoule > 0 && Double.isFinite(minJoule) && maxJoule > 0 && Double.isFinite(maxJoule))) {
            throw new IllegalArgumentException("spectral bounds must be positive and finite: " + minJoule
                    + ", " + maxJoule);
        }
        if (minJoule > maxJoule) {
            throw new IllegalArgumentException("the lower bound " + minJoule + " J exceeds the upper bound "
                    + maxJoule + " J");
        }
    }

    /**
     * Resources overlapping an energy interval.
     *
     * @param minJoule lower bound, joules
     * @param maxJoule upper bound, joules
     * @return the constraint
     */
    public static Spectral energy(double minJoule, double maxJoule) {
        return new Spectral(minJoule, maxJoule);
    }

    /**
     * Resources overlapping a wavelength interval.
     *
     * @param minMetres shorter wavelength, metres
     * @param maxMetres longer wavelength, metres
     * @return the constraint
     */
    public static Spectral wavelength(double minMetres, double maxMetres) {
        if (!(minMetres > 0 && maxMetres > 0)) {
            throw new IllegalArgumentException("wavelengths must be positive: " + minMetres + ", " + maxMetres);
        }
        return new Spectral(PLANCK * LIGHT_SPEED / maxMetres, PLANCK * LIGHT_SPEED / minMetres);
    }

    /**
     * Resources covering one wavelength.
     *
     * @param metres the wavelength, metres
     * @return the constraint
     */
    public static Spectral atWavelength(double metres) {
        return wavelength(metres, metres);
    }

    /**
     * Resources overlapping a frequency interval.
     *
     * @param minHertz lower frequency, Hz
     * @param maxHertz upper frequency, Hz
     * @return the constraint
     */
    public static Spectral frequency(double minHertz, double maxHertz) {
        return new Spectral(PLANCK * minHertz, PLANCK * maxHertz);
    }

    @Override
    public Set<String> requiredTables() {
        return Set.of(TABLE);
    }

    @Override
    public String toAdql(RenderContext ctx) {
        return ctx.ivoidIn(TABLE, ctx.intervalOverlaps("spectral_start", "spectral_end", minJoule, maxJoule));
    }
}
