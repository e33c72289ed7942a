package org.vokit.sed;

import java.util.Objects;

/**
 * One photometric band of the {@link BandTable}: the {@code em.*} word of a UCD and the wavelength
 * a value in that band is placed at.
 *
 * @param ucdWord the UCD word, lower case (e.g. {@code em.opt.v})
 * @param wavelength the effective wavelength in metres
 * @param name a readable name (e.g. {@code Johnson V})
 * @param source the key of the reference the wavelength comes from (see the table's header)
 */
public record Band(String ucdWord, double wavelength, String name, String source) {

    /**
     * Checks the components.
     *
     * @param ucdWord the UCD word
     * @param wavelength the wavelength in metres
     * @param name a readable name
     * @param source the reference's key
     */
    public Band {
        Objects.requireNonNull(ucdWord, "ucdWord");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (!(wavelength > 0) || Double.isInfinite(wavelength)) {
            throw new IllegalArgumentException("band " + ucdWord + ": wavelength must be positive, not " + wavelength);
        }
    }
}
