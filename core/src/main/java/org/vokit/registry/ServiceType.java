package org.vokit.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resources offering a kind of service: a capability whose standard identifier is that of
 * the protocol.
 *
 * <p>Known types: {@code tap} (also {@code table}), {@code sia} (SIAP 1; {@code siap}),
 * {@code sia2} (SIAP 2, whose capabilities share SIA's identifier up to the
 * {@code #query-2.0} fragment), {@code image} (either SIA version), {@code ssa} ({@code ssap},
 * {@code spectrum}), {@code scs} ({@code conesearch}, {@code cone}), {@code slap}
 * ({@code line}), {@code datalink}, {@code soda}; or a full standard identifier
 * ({@code ivo://...}). Several types match resources offering any of them.
 *
 * <p>By default only the services themselves match. {@link #withAux()} also admits auxiliary
 * capabilities ({@code ivo://ivoa.net/std/tap#aux} and the like): resources whose tables are
 * queryable through a service registered elsewhere, typically a data collection served by its
 * site's TAP service. That is what table-level discovery wants, and what pyVO calls
 * {@code includeaux}. {@link RegistryResource#service(String)} treats {@code tap#aux} as TAP.
 *
 * <p>A match selects resources; their other capabilities stay in the result, so a resource found
 * by {@code scs} still shows its TAP access.
 *
 * @param types the type names or identifiers, as given (validated)
 * @param includeAux whether auxiliary capabilities count
 */
public record ServiceType(List<String> types, boolean includeAux) implements Constraint {

    /**
     * Checks the types.
     *
     * @param types the type names or identifiers
     * @param includeAux whether auxiliary capabilities count
     * @throws IllegalArgumentException if there is no type or a type is unknown (the message
     *     lists the known ones)
     */
    public ServiceType {
        Objects.requireNonNull(types, "types");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("give at least one service type");
        }
        for (String t : types) {
            StandardIds.kind(t);
        }
        types = List.copyOf(types);
    }

    /**
     * Matches resources with a service of any of the types.
     *
     * @param types e.g. {@code "tap"}, {@code "scs"}, {@code "ivo://ivoa.net/std/ssa"}
     * @return the constraint, without auxiliary capabilities
     */
    public static ServiceType of(String... types) {
        return new ServiceType(Arrays.asList(types), false);
    }

    /**
     * Returns the same constraint admitting auxiliary capabilities too.
     *
     * @return the new constraint
     */
    public ServiceType withAux() {
        return new ServiceType(types, true);
    }

    /**
     * Returns the standard identifiers matched exactly, lower case, sorted.
     *
     * @return the identifiers
     */
    public Set<String> standardIds() {
        Set<String> out = new TreeSet<>();
        for (String t : types) {
            StandardIds.Kind k = StandardIds.kind(t);
            out.addAll(k.exact());
            if (includeAux) {
                out.addAll(k.auxExact());
            }
        }
        return out;
    }

    /**
     * Returns the identifier prefixes matched with {@code LIKE}, lower case, sorted.
     *
     * @return the prefixes, without the trailing {@code %}
     */
    public Set<String> standardIdPrefixes() {
        Set<String> out = new TreeSet<>();
        for (String t : types) {
            StandardIds.Kind k = StandardIds.kind(t);
            out.addAll(k.prefixes());
            if (includeAux) {
                out.addAll(k.auxPrefixes());
            }
        }
        return out;
    }

    @Override
    public String toAdql(RenderContext ctx) {
        List<String> alternatives = new ArrayList<>();
        Set<String> ids = standardIds();
        if (!ids.isEmpty()) {
            alternatives.add(ctx.template("standard_id IN ({ids})").values("ids", new LinkedHashSet<>(ids)).render());
        }
        for (String p : standardIdPrefixes()) {
            alternatives.add(ctx.template("standard_id LIKE {p}").value("p", p + "%").render());
        }
        return ctx.ivoidIn("rr.capability", alternatives.size() == 1 ? alternatives.get(0)
                : String.join(" OR ", alternatives));
    }
}
