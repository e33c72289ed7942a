package org.vokit.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resources declaring a messenger ({@code rr.resource.waveband}): terms of the IVOA vocabulary
 * http://www.ivoa.net/rdf/messenger such as {@code optical}, {@code infrared}, {@code radio},
 * {@code x-ray}. Several terms match resources declaring any of them. Terms are compared in
 * lower case, as RegTAP stores them.
 *
 * <p>{@link #of} accepts the vocabulary's terms ({@link #KNOWN}); {@link #anyTerm} accepts any
 * well-formed term, for terms added to the vocabulary later.
 *
 * @param bands the terms, lower case
 */
public record Waveband(List<String> bands) implements Constraint {

    /** The messenger vocabulary's terms, lower case. */
    public static final List<String> KNOWN = List.of("radio", "millimeter", "infrared", "optical", "uv", "euv",
            "x-ray", "gamma-ray", "photon", "neutrino");

    private static final Pattern TERM = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Checks and lower-cases the terms.
     *
     * @param bands the terms
     * @throws IllegalArgumentException if there is none or one is not a well-formed term
     */
    public Waveband {
        Objects.requireNonNull(bands, "bands");
        List<String> clean = new ArrayList<>();
        for (String b : bands) {
            Objects.requireNonNull(b, "band");
            String s = b.strip().toLowerCase(Locale.ROOT);
            if (!TERM.matcher(s).matches()) {
                throw new IllegalArgumentException("'" + b + "' is not a messenger term; known terms: "
                        + String.join(", ", KNOWN));
            }
            clean.add(s);
        }
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("give at least one waveband");
        }
        bands = List.copyOf(clean);
    }

    /**
     * Makes the constraint from vocabulary terms.
     *
     * @param bands e.g. {@code "optical"}, {@code "Infrared"}
     * @return the constraint
     * @throws IllegalArgumentException if a term is not in {@link #KNOWN} (the message lists them)
     */
    public static Waveband of(String... bands) {
        for (String b : bands) {
            if (b == null || !KNOWN.contains(b.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unknown waveband '" + b + "'; known terms of"
                        + " http://www.ivoa.net/rdf/messenger: " + String.join(", ", KNOWN));
            }
        }
        return new Waveband(Arrays.asList(bands));
    }

    /**
     * Makes the constraint from any well-formed terms, known or not.
     *
     * @param bands the terms
     * @return the constraint
     */
    public static Waveband anyTerm(String... bands) {
        return new Waveband(Arrays.asList(bands));
    }

    @Override
    public String toAdql(RenderContext ctx) {
        List<String> tests = new ArrayList<>();
        for (String b : bands) {
            tests.add(ctx.hashListHas("waveband", b));
        }
        return ctx.anyOf(tests);
    }
}
