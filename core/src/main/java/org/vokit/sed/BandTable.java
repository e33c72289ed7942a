package org.vokit.sed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The table from UCD band words ({@code em.opt.V}, {@code em.IR.K}, {@code em.radio.1500-3000MHz}, …)
 * to the effective wavelength at which a photometric value in that band is placed on an SED. The
 * default table is the resource {@code org/vokit/sed/bands.csv}, whose header names the source of each
 * wavelength (Bessell, Castelli &amp; Plez 1998 for UBVRI; Cohen, Wheaton &amp; Megeath 2003 for 2MASS
 * JHKs; the middle of the range the IVOA UCD1+ vocabulary defines for the other bands).
 *
 * <p>A photometry UCD is {@code phot.mag;em.X} or {@code phot.flux.density;em.X} (other words may
 * follow, e.g. {@code meta.main}); it is placed when its {@code em.*} word is in the table
 * (case-insensitively). Unspecific words such as {@code em.opt} are deliberately absent.
 */
public final class BandTable {

    private static final String RESOURCE = "bands.csv";
    private final Map<String, Band> bands;

    private BandTable(Map<String, Band> bands) {
        this.bands = Collections.unmodifiableMap(bands);
    }

    /**
     * @return the table shipped with vokit
     * @throws UncheckedIOException if the resource is missing or broken (a packaging error)
     */
    public static BandTable standard() {
        try (InputStream in = BandTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + " is missing");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a table in the format of {@code bands.csv}: lines {@code ucd_word,wavelength_m,band,source};
     * lines starting with {@code #} and blank lines are ignored.
     *
     * @param in the text, UTF-8
     * @return the table
     * @throws IOException if it cannot be read or a line is malformed (the message gives the line)
     */
    public static BandTable parse(InputStream in) throws IOException {
        Map<String, Band> out = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split(",", -1);
            if (f.length != 4) {
                throw new IOException("band table line " + n + ": expected 4 fields, not " + f.length + ": " + line);
            }
            try {
                Band b = new Band(f[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(f[1].strip()), f[2].strip(),
                        f[3].strip());
                if (out.put(b.ucdWord(), b) != null) {
                    throw new IOException("band table line " + n + ": " + b.ucdWord() + " given twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("band table line " + n + ": " + e.getMessage(), e);
            }
        }
        return new BandTable(out);
    }

    /** @return every band, in the table's order */
    public List<Band> bands() {
        return new ArrayList<>(bands.values());
    }

    /**
     * Tells whether a UCD is a photometric value this class knows how to read: its first word is
     * {@code phot.mag} or {@code phot.flux.density} and another word starts with {@code em.}.
     *
     * @param ucd a UCD, or null
     * @return the {@code em.*} word (lower case), or empty if the UCD is not photometry of a band
     */
    public static Optional<String> photometryBand(String ucd) {
        if (ucd == null) {
            return Optional.empty();
        }
        String[] words = ucd.strip().toLowerCase(Locale.ROOT).split("\\s*;\\s*");
        if (!(words[0].equals("phot.mag") || words[0].equals("phot.flux.density"))) {
            return Optional.empty();
        }
        for (int i = 1; i < words.length; i++) {
            if (words[i].startsWith("em.")) {
                return Optional.of(words[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the band of a photometry UCD.
     *
     * @param ucd a UCD such as {@code phot.mag;em.opt.V}
     * @return its band, or empty if the UCD is not photometry or its band is not in the table
     */
    public Optional<Band> band(String ucd) {
        return photometryBand(ucd).map(bands::get);
    }
}
