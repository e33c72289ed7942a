package org.vokit.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.vokit.adql.AdqlTemplate;

/**
 * Renders the RegTAP queries {@link Registry} sends. Constraint conditions are ADQL produced by
 * the constraints themselves (user values inside them already rendered as literals); everything
 * else here is fixed text, and the few values (identifiers, patterns, the separator) are bound
 * through {@link AdqlTemplate}.
 */
final class Queries {

    /**
     * Separates the items {@code ivo_string_agg} joins. It must not occur in registry text; a
     * value that contains it makes the columns disagree in length, which the parser detects (and
     * the registry then asks for the rows separately). It has no white space at its ends, which
     * a service might trim.
     */
    static final String SEP = "~vokit-sep~";

    /** The columns of {@code rr.resource} a search returns, one value per resource. */
    static final List<String> RESOURCE_COLUMNS = List.of("ivoid", "res_type", "short_name", "res_title",
            "res_description", "reference_url", "creator_seq", "content_level", "content_type", "waveband",
            "updated");

    /**
     * Separates a key from its value inside an aggregated item; it must not occur in keys
     * (indexes, contact names).
     */
    static final String KEY_SEP = "~vokit-is~";

    /**
     * The per-capability, per-interface, per-subject and per-contact values of a search, as
     * columns of {@link #FROM}.
     *
     * <p>In the aggregating query each item carries its key: {@code cap_index} for capability
     * values, {@code cap_index.intf_index} for interface values, the name for contact values.
     * So no column relies on another being aggregated in the same order, and NULL values (which
     * {@code ivo_string_agg} skips) need no COALESCE: a DaCHS registry spends about 25 ms
     * parsing each COALESCE, much more than a concatenation, and some 16 ms for any function
     * call, which is why the aggregates are few.
     */
    enum Detail {
        CAP_INDEX("cap_index", Key.NONE),
        STANDARD_ID("standard_id", Key.CAPABILITY),
        CAP_DESCRIPTION("cap_description", Key.CAPABILITY),
        INTF_INDEX("intf_index", Key.NONE),
        INTF_TYPE("intf_type", Key.INTERFACE),
        INTF_ROLE("intf_role", Key.INTERFACE),
        STD_VERSION("std_version", Key.INTERFACE),
        ACCESS_URL("access_url", Key.INTERFACE),
        SUBJECT("res_subject", Key.NONE),
        CONTACT_NAME("contact_name", Key.NONE),
        CONTACT_EMAIL("contact_email", Key.CONTACT),
        CONTACT_TELEPHONE("contact_telephone", Key.CONTACT);

        final String column;
        final Key key;

        Detail(String column, Key key) {
            this.column = column;
            this.key = key;
        }

        /** @return the name of the output column */
        String alias() {
            return "vk_" + name().toLowerCase(Locale.ROOT);
        }

        /**
         * Tells whether the aggregating query leaves this value out: the indexes are part of the
         * keys (a capability with neither standard identifier, description nor interface, which
         * only its index would reveal, is of no use to a client).
         */
        boolean onlyInDetails() {
            return this == CAP_INDEX || this == INTF_INDEX;
        }
    }

    /** What an aggregated item is keyed by. */
    enum Key {
        /** The item is the value itself. */
        NONE(null),
        /** {@code cap_index}. */
        CAPABILITY("cap_index"),
        /** {@code cap_index.intf_index}. */
        INTERFACE("cap_index || '.' || intf_index"),
        /** The contact's name. */
        CONTACT("contact_name");

        final String expression;

        Key(String expression) {
            this.expression = expression;
        }
    }

    /**
     * The joined tables: each resource with its capabilities and their interfaces, its subjects
     * and its contacts. NATURAL joins (on {@code ivoid}, and {@code cap_index} for interfaces)
     * parse fastest on DaCHS.
     */
    static final String FROM = "FROM rr.resource\n"
            + "NATURAL LEFT OUTER JOIN rr.capability\n"
            + "NATURAL LEFT OUTER JOIN rr.interface\n"
            + "NATURAL LEFT OUTER JOIN rr.res_subject\n"
            + "NATURAL LEFT OUTER JOIN (SELECT ivoid, role_name AS contact_name, email AS contact_email,"
            + " telephone AS contact_telephone FROM rr.res_role WHERE base_role = 'contact') AS p\n";

    private Queries() {
    }

    /**
     * Tells whether a service can aggregate a search's capabilities in the same query.
     *
     * @param ctx the service's features
     * @return whether {@code ivo_string_agg} is declared
     */
    static boolean canAggregate(RenderContext ctx) {
        return ctx.supportsUdf("ivo_string_agg");
    }

    /**
     * Renders the constraints as one WHERE clause on {@code ivoid}, or "" for none.
     */
    static String where(RenderContext ctx, List<Constraint> constraints) {
        if (constraints.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Constraint c : constraints) {
            String adql = c.toAdql(ctx);
            if (adql == null || adql.isBlank()) {
                throw new IllegalArgumentException("constraint " + c + " rendered no ADQL");
            }
            parts.add("(" + adql + "\n)");
        }
        return "WHERE ivoid IN (SELECT ivoid FROM rr.resource WHERE\n" + String.join("\nAND ", parts) + "\n)\n";
    }

    private static String resourceSelectList() {
        return String.join(", ", RESOURCE_COLUMNS);
    }

    /**
     * The one-round-trip search: resources with their details aggregated by
     * {@code ivo_string_agg}.
     */
    static String aggregated(RenderContext ctx, List<Constraint> constraints) {
        StringBuilder sb = new StringBuilder("SELECT ").append(resourceSelectList());
        String sep = AdqlTemplate.of("{sep}").value("sep", SEP).render();
        String keySep = AdqlTemplate.of("{k}").value("k", KEY_SEP).render();
        for (Detail d : Detail.values()) {
            if (d.onlyInDetails()) {
                continue;
            }
            String value;
            if (d.key == Key.NONE) {
                value = d.column;
            } else {
                value = d.key.expression + " || " + keySep + " || " + d.column;
            }
            sb.append(",\n  ivo_string_agg(").append(value).append(", ").append(sep).append(") AS ")
                    .append(d.alias());
        }
        sb.append('\n').append(FROM).append(where(ctx, constraints))
                .append("GROUP BY ").append(resourceSelectList()).append('\n')
                .append("ORDER BY ivoid");
        return sb.toString();
    }

    /** The first query of a search without aggregation: the resources alone. */
    static String resourcesOnly(RenderContext ctx, List<Constraint> constraints) {
        return "SELECT " + resourceSelectList() + "\nFROM rr.resource\n" + where(ctx, constraints) + "ORDER BY ivoid";
    }

    /** The second query of a search without aggregation: the details of the resources found. */
    static String details(Collection<String> ivoids) {
        StringBuilder sb = new StringBuilder("SELECT ivoid");
        for (Detail d : Detail.values()) {
            sb.append(", ").append(d.column).append(" AS ").append(d.alias());
        }
        return AdqlTemplate.of(sb.append('\n').append(FROM).append("WHERE ivoid IN ({ids})").toString())
                .values("ids", ivoids).render();
    }

    /** The tables of one resource with their columns. */
    static String tables(String ivoid) {
        return AdqlTemplate.of("SELECT table_index, table_name, table_title, table_description, table_utype,"
                        + " table_type,\n"
                        + "  name, ucd, unit, utype, datatype, column_description\n"
                        + "FROM rr.res_table NATURAL LEFT OUTER JOIN rr.table_column\n"
                        + "WHERE ivoid = {id}\n"
                        + "ORDER BY table_index")
                .value("id", ivoid).render();
    }

    /**
     * The VO-wide table search of the course: TAP access URLs and names of queryable tables
     * having a column with a UCD, among the resources the constraints select.
     */
    static String tapTablesWithUcd(RenderContext ctx, String ucdPattern, List<Constraint> constraints) {
        String head = AdqlTemplate.of("SELECT DISTINCT access_url, table_name\n"
                        + "FROM rr.capability\n"
                        + "NATURAL JOIN rr.interface\n"
                        + "NATURAL JOIN rr.res_table\n"
                        + "NATURAL JOIN rr.table_column\n"
                        + "WHERE standard_id IN ({tap}, {aux})\n"
                        + "AND intf_role = 'std'\n"
                        + "AND ucd LIKE {ucd}\n"
                        + "AND (table_type IS NULL OR NOT (table_type = 'output'))\n")
                .value("tap", StandardIds.STD + "tap").value("aux", StandardIds.STD + "tap#aux")
                .value("ucd", ucdPattern).render();
        return head + where(ctx, constraints).replaceFirst("^WHERE ", "AND ") + "ORDER BY table_name, access_url";
    }
}
