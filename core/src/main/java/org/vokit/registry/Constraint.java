package org.vokit.registry;

import java.util.Set;

/**
 * One condition of a registry search. {@link Registry#search(Constraint...)} combines its
 * constraints with AND.
 *
 * <p>A constraint renders an ADQL condition that is evaluated on the rows of
 * {@code rr.resource}: it may test that table's columns directly ({@code waveband},
 * {@code res_type}, ...) or select resources through another RegTAP table with
 * {@code ivoid IN (SELECT ivoid FROM rr.... WHERE ...)} ({@link RenderContext#ivoidIn}).
 * It receives the service's features in a {@link RenderContext}, so it can use UNION or a
 * user-defined function only where the service declares them. Values must reach the ADQL only
 * through the context's quoting helpers or an {@link org.vokit.adql.AdqlTemplate}.
 *
 * <p>The provided constraints are {@link Keywords}, {@link ServiceType}, {@link DataModel},
 * {@link Ucd}, {@link Waveband}, {@link Ivoid}, {@link Author}, {@link Spatial},
 * {@link Spectral} and {@link Temporal}. Writing your own takes a few lines; this one uses the
 * {@code rr.subject_uat} table some registries add to RegTAP:
 *
 * <pre>{@code
 * record UatConcept(String concept) implements Constraint {
 *     public String toAdql(RenderContext ctx) {
 *         return ctx.ivoidIn("rr.subject_uat",
 *                 ctx.template("uat_concept = {c}").value("c", concept));
 *     }
 *
 *     public Set<String> requiredTables() {
 *         return Set.of("rr.subject_uat");     // fail clearly where the table is missing
 *     }
 * }
 *
 * List<RegistryResource> found = registry.search(new UatConcept("exoplanets"), ServiceType.of("tap"));
 * }</pre>
 *
 * <p>Implementations should be immutable and check their input when constructed, so that a
 * bad value fails before any request is sent.
 */
@FunctionalInterface
public interface Constraint {

    /**
     * Renders the condition.
     *
     * @param ctx the service's features and the quoting helpers
     * @return an ADQL condition on the rows of {@code rr.resource}
     */
    String toAdql(RenderContext ctx);

    /**
     * Names the RegTAP tables this constraint needs beyond those every RegTAP 1.1 service has.
     * {@link Registry} checks them before it sends a query and fails with
     * {@link UnsupportedConstraintException} when the registry lacks one.
     *
     * @return qualified table names, e.g. {@code rr.stc_spatial}; empty by default
     */
    default Set<String> requiredTables() {
        return Set.of();
    }
}
