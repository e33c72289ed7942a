package org.vokit.xmatch;

import java.util.Objects;

/**
 * The sky positions of one catalogue, in degrees, row by row; NaN marks a row without a position
 * (it is never grouped). The arrays are used as they are, not copied.
 *
 * @param ra right ascensions in degrees (any range; taken modulo 360)
 * @param dec declinations in degrees (rows outside [-90, 90] are never grouped)
 */
public record Positions(double[] ra, double[] dec) {

    /**
     * Checks the arrays.
     *
     * @param ra right ascensions in degrees
     * @param dec declinations in degrees
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public Positions {
        Objects.requireNonNull(ra, "ra");
        Objects.requireNonNull(dec, "dec");
        if (ra.length != dec.length) {
            throw new IllegalArgumentException("ra and dec differ in length: " + ra.length + " vs " + dec.length);
        }
    }

    /** @return the number of rows */
    public int size() {
        return ra.length;
    }

    /**
     * @param row a row index
     * @return its right ascension in degrees
     */
    public double ra(int row) {
        return ra[row];
    }

    /**
     * @param row a row index
     * @return its declination in degrees
     */
    public double dec(int row) {
        return dec[row];
    }
}
