package org.vokit.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The service types vokit knows by short name, and how each maps to the standard identifiers
 * RegTAP stores in {@code rr.capability.standard_id} (lower case, as RegTAP demands).
 *
 * <p>A type is described by exact identifiers and by {@code LIKE} prefixes, each with an
 * auxiliary variant: a {@code #aux} capability (or SIA2's {@code #query-aux-2.0}) says that a
 * resource's tables can be queried through a service described elsewhere, for example its TAP
 * tables through a site-wide TAP service.
 */
final class StandardIds {

    /** Common prefix of IVOA standard identifiers. */
    static final String STD = "ivo://ivoa.net/std/";

    /** One known service type. */
    record Kind(String name, List<String> exact, List<String> prefixes, List<String> auxExact,
                List<String> auxPrefixes) {
    }

    private static final Map<String, Kind> KINDS;
    private static final Map<String, String> ALIASES;

    static {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Kind k : List.of(
                new Kind("tap", List.of(STD + "tap"), List.of(), List.of(STD + "tap#aux"), List.of()),
                new Kind("sia", List.of(STD + "sia"), List.of(), List.of(STD + "sia#aux"), List.of()),
                new Kind("sia2", List.of(), List.of(STD + "sia#query-2"), List.of(), List.of(STD + "sia#query-aux-2")),
                new Kind("ssa", List.of(STD + "ssa"), List.of(), List.of(STD + "ssa#aux"), List.of()),
                new Kind("scs", List.of(STD + "conesearch"), List.of(), List.of(STD + "conesearch#aux"), List.of()),
                new Kind("slap", List.of(STD + "slap"), List.of(), List.of(STD + "slap#aux"), List.of()),
                new Kind("datalink", List.of(), List.of(STD + "datalink#links"), List.of(), List.of()),
                new Kind("soda", List.of(), List.of(STD + "soda#sync", STD + "soda#async"), List.of(), List.of()),
                new Kind("image", List.of(STD + "sia"), List.of(STD + "sia#query-2"), List.of(STD + "sia#aux"),
                        List.of(STD + "sia#query-aux-2")))) {
            kinds.put(k.name(), k);
        }
        KINDS = Collections.unmodifiableMap(kinds);
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("table", "tap");
        aliases.put("ssap", "ssa");
        aliases.put("spectrum", "ssa");
        aliases.put("conesearch", "scs");
        aliases.put("cone", "scs");
        aliases.put("line", "slap");
        aliases.put("siap", "sia");
        aliases.put("sia1", "sia");
        ALIASES = Collections.unmodifiableMap(aliases);
    }

    private StandardIds() {
    }

    /**
     * Returns the names accepted by {@link #kind(String)}, for messages.
     *
     * @return the names and aliases
     */
    static List<String> knownNames() {
        List<String> all = new ArrayList<>(KINDS.keySet());
        all.addAll(ALIASES.keySet());
        return all;
    }

    /**
     * Resolves a short name ({@code tap}, {@code scs}, {@code sia2}, ...) or a full standard
     * identifier ({@code ivo://...}) into a kind. A full identifier without a fragment also
     * matches its {@code #aux} variant when auxiliary capabilities are wanted; with a fragment
     * it matches exactly.
     *
     * @param type the type, any case
     * @return the kind
     * @throws IllegalArgumentException if the name is unknown
     */
    static Kind kind(String type) {
        Objects.requireNonNull(type, "type");
        String t = type.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("ivo://")) {
            if (t.length() <= "ivo://".length() || t.chars().anyMatch(c -> c <= ' ' || c == '\'')) {
                throw new IllegalArgumentException("'" + type + "' is not a standard identifier");
            }
            List<String> aux = t.contains("#") ? List.of() : List.of(t + "#aux");
            return new Kind(t, List.of(t), List.of(), aux, List.of());
        }
        Kind k = KINDS.get(ALIASES.getOrDefault(t, t));
        if (k == null) {
            throw new IllegalArgumentException("unknown service type '" + type + "'; known types are "
                    + String.join(", ", knownNames()) + ", or a standard identifier starting with ivo://");
        }
        return k;
    }

    /**
     * Tells whether a capability's standard identifier belongs to a kind.
     *
     * @param k the kind
     * @param standardId the identifier as the registry gives it (any case), or null
     * @param aux whether auxiliary capabilities count
     * @return whether it matches
     */
    static boolean matches(Kind k, String standardId, boolean aux) {
        if (standardId == null || standardId.isBlank()) {
            return false;
        }
        String id = standardId.strip().toLowerCase(Locale.ROOT);
        if (k.exact().contains(id) || k.prefixes().stream().anyMatch(id::startsWith)) {
            return true;
        }
        return aux && (k.auxExact().contains(id) || k.auxPrefixes().stream().anyMatch(id::startsWith));
    }

    /**
     * Tells whether a standard identifier is auxiliary ({@code #aux}, {@code #query-aux-...}).
     *
     * @param standardId the identifier, or null
     * @return whether it is auxiliary
     */
    static boolean isAux(String standardId) {
        if (standardId == null) {
            return false;
        }
        String id = standardId.toLowerCase(Locale.ROOT);
        int hash = id.indexOf('#');
        return hash >= 0 && (id.endsWith("#aux") || id.startsWith("query-aux", hash + 1));
    }

    /**
     * Tells whether a standard identifier is one of VOSI's (infrastructure, not for users).
     *
     * @param standardId the identifier, or null
     * @return whether it is VOSI
     */
    static boolean isVosi(String standardId) {
        return standardId != null && standardId.toLowerCase(Locale.ROOT).startsWith(STD + "vosi");
    }

    /**
     * Shortens a standard identifier for display, as an access mode: the IVOA prefix goes, and
     * SIA version 2 (which shares SIA 1's identifier up to the fragment) becomes {@code sia2}.
     *
     * @param standardId the identifier
     * @return e.g. {@code tap}, {@code tap#aux}, {@code conesearch}, {@code sia2}
     */
    static String shortName(String standardId) {
        String id = standardId.strip().toLowerCase(Locale.ROOT);
        if (id.startsWith(STD + "sia#query-aux-2")) {
            return "sia2#aux";
        }
        if (id.startsWith(STD + "sia#query-2")) {
            return "sia2";
        }
        return id.startsWith(STD) ? id.substring(STD.length()) : id;
    }
}
