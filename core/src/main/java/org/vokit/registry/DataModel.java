package org.vokit.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Resources that declare a data model: a TAP service stating it in its capability
 * ({@code dataModel/@ivo-id}, found in {@code rr.res_detail}), or a resource with a table
 * whose {@code table_utype} says it follows the model (as an ObsCore or EPN-TAP table does).
 *
 * <p>Known names: {@code obscore} (ObsCore tables, {@code ivo://ivoa.net/std/obscore...}),
 * {@code epntap} (EPN-TAP 2 tables, including the pre-IVOA {@code ivo://vopdc.obspm/std/epncore}
 * identifiers), {@code regtap} (registries, {@code ivo://ivoa.net/std/regtap...}); any other
 * model by its identifier ({@code ivo://...}), matched as a prefix. Comparisons ignore case
 * where the registry declares {@code ivo_nocasematch} or {@code LOWER}.
 *
 * @param name the name as given ({@code obscore}, {@code epntap}, {@code regtap} or an
 *     {@code ivo://} identifier)
 */
public record DataModel(String name) implements Constraint {

    private static final String DM_XPATH = "/capability/dataModel/@ivo-id";

    /**
     * Checks the name.
     *
     * @param name the data model
     * @throws IllegalArgumentException if it is neither a known name nor an identifier
     */
    public DataModel {
        Objects.requireNonNull(name, "name");
        patterns(name);
    }

    /**
     * Makes the constraint.
     *
     * @param name {@code obscore}, {@code epntap}, {@code regtap} or an {@code ivo://} identifier
     * @return the constraint
     */
    public static DataModel of(String name) {
        return new DataModel(name);
    }

    /**
     * The patterns for capability data models (in the standards' own spelling, which
     * {@code rr.res_detail} keeps) and for table utypes (lower case, as RegTAP stores them).
     */
    private record Patterns(List<String> dataModel, List<String> tableUtype) {
    }

    private static Patterns patterns(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "obscore" -> new Patterns(List.of("ivo://ivoa.net/std/ObsCore%"),
                    List.of("ivo://ivoa.net/std/obscore#table-%"));
            case "epntap", "epn-tap" -> new Patterns(List.of("ivo://ivoa.net/std/epntap#table-2.%"),
                    List.of("ivo://ivoa.net/std/epntap#table-2.%", "ivo://vopdc.obspm/std/epncore#schema-2.%"));
            case "regtap" -> new Patterns(List.of("ivo://ivoa.net/std/RegTAP#1.%"), List.of());
            default -> {
                if (!n.startsWith("ivo://") || n.length() <= "ivo://".length()
                        || n.chars().anyMatch(c -> c <= ' ')) {
                    throw new IllegalArgumentException("unknown data model '" + name
                            + "'; known are obscore, epntap, regtap, or give the model's ivo:// identifier");
                }
                yield new Patterns(List.of(name.strip() + "%"), List.of(n + "%"));
            }
        };
    }

    @Override
    public String toAdql(RenderContext ctx) {
        Patterns p = patterns(name);
        List<RenderContext.Subquery> sources = new ArrayList<>();
        for (String dm : p.dataModel()) {
            sources.add(new RenderContext.Subquery("rr.res_detail",
                    ctx.template("detail_xpath = {x} AND ").value("x", DM_XPATH).render()
                            + ctx.noCaseMatch("detail_value", dm)));
        }
        for (String ut : p.tableUtype()) {
            sources.add(new RenderContext.Subquery("rr.res_table", ctx.noCaseMatch("table_utype", ut)));
        }
        return ctx.ivoidInAny(sources);
    }
}
