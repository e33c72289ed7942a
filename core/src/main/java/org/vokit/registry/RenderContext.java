package org.vokit.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vokit.adql.Adql;
import org.vokit.adql.AdqlTemplate;
import org.vokit.tap.TapCapabilities;

/**
 * What a {@link Constraint} may rely on when it renders its ADQL: the features the RegTAP
 * service declares (UNION, user-defined functions such as {@code ivo_hasword}), the quoting
 * helpers of {@link org.vokit.adql}, and a few building blocks that choose the best form the
 * service understands.
 *
 * <p>Every method returns ADQL text in which user values appear only as rendered literals;
 * build conditions from values with {@link #template(String)} (an {@link AdqlTemplate}) or
 * {@link #literal(Object)}, never by concatenating raw text.
 *
 * <p>Instances are immutable and thread-safe. {@link Registry} makes one from the service's
 * capabilities; tests and offline tools make their own with {@link #builder()},
 * {@link #regTap()} or {@link #minimal()}.
 */
public final class RenderContext {

    /** The user-defined functions RegTAP 1.1 requires of every RegTAP service. */
    public static final List<String> REGTAP_UDFS =
            List.of("ivo_hasword", "ivo_hashlist_has", "ivo_nocasematch", "ivo_string_agg");

    /**
     * One place resources can be found in: a table with an {@code ivoid} column and a condition
     * on its rows, as used by {@link #ivoidInAny(List)}.
     *
     * @param table the table name, e.g. {@code rr.res_subject}
     * @param condition an ADQL condition on the table's rows
     */
    public record Subquery(String table, String condition) {

        /**
         * Checks both parts are present.
         *
         * @param table the table name, e.g. {@code rr.res_subject}
         * @param condition an ADQL condition on the table's rows
         */
        public Subquery {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(condition, "condition");
        }
    }

    private final boolean union;
    private final Set<String> udfs;
    private final boolean lower;
    private final boolean cast;

    private RenderContext(boolean union, Set<String> udfs, boolean lower, boolean cast) {
        this.union = union;
        this.udfs = udfs;
        this.lower = lower;
        this.cast = cast;
    }

    /**
     * Reads the features from a TAP service's capabilities.
     *
     * @param caps the capabilities of the RegTAP service
     * @return the context
     */
    public static RenderContext of(TapCapabilities caps) {
        Objects.requireNonNull(caps, "caps");
        Builder b = builder().union(caps.supportsUnion())
                .lower(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_STRING, "LOWER"))
                .cast(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_TYPE, "CAST"));
        caps.udfs().forEach(f -> b.udf(f.name()));
        return b.build();
    }

    /**
     * Returns the context of a service declaring what a full RegTAP 1.1 service on ADQL 2.1
     * has: UNION, LOWER, CAST and the RegTAP functions ({@link #REGTAP_UDFS}).
     *
     * @return the context
     */
    public static RenderContext regTap() {
        return builder().union(true).lower(true).cast(true).udfs(REGTAP_UDFS).build();
    }

    /**
     * Returns the context of a service declaring no optional feature at all: no UNION, no
     * user-defined function, no LOWER, no CAST. Queries rendered for it use plain ADQL 2.0.
     *
     * @return the context
     */
    public static RenderContext minimal() {
        return builder().build();
    }

    /**
     * Starts a context with no features.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells whether the service declares the set operation UNION.
     *
     * @return whether UNION may be used
     */
    public boolean supportsUnion() {
        return union;
    }

    /**
     * Tells whether the service declares a user-defined function.
     *
     * @param name the function name, any case (e.g. {@code ivo_hasword})
     * @return whether it may be used
     */
    public boolean supportsUdf(String name) {
        return udfs.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Tells whether the service declares ADQL 2.1's {@code LOWER}.
     *
     * @return whether LOWER may be used
     */
    public boolean supportsLower() {
        return lower;
    }

    /**
     * Tells whether the service declares ADQL 2.1's {@code CAST}.
     *
     * @return whether CAST may be used
     */
    public boolean supportsCast() {
        return cast;
    }

    /**
     * Returns the declared user-defined functions.
     *
     * @return lower-case names, sorted
     */
    public Set<String> udfs() {
        return udfs;
    }

    // ------------------------------------------------------------- quoting

    /**
     * Renders a value as an ADQL literal; see {@link Adql#literal(Object)}.
     *
     * @param value a string, number, boolean, point in time, or null
     * @return the literal
     */
    public String literal(Object value) {
        return Adql.literal(value);
    }

    /**
     * Renders a column or other unqualified name; see {@link Adql#identifier(String)}.
     *
     * @param name the name
     * @return the name as ADQL
     */
    public String identifier(String name) {
        return Adql.identifier(name);
    }

    /**
     * Renders a possibly qualified table or column name, such as {@code rr.res_subject} or
     * {@code r.ivoid}; see {@link Adql#tableName(String)}.
     *
     * @param name the name
     * @return the name as ADQL
     */
    public String qualifiedName(String name) {
        return Adql.tableName(name);
    }

    /**
     * Starts a template; bind values with {@link AdqlTemplate#value(String, Object)}.
     *
     * @param text the template text with {@code {name}} placeholders
     * @return the template
     */
    public AdqlTemplate template(String text) {
        return AdqlTemplate.of(text);
    }

    // ------------------------------------------------------- building blocks

    /**
     * Renders {@code ivoid IN (SELECT ivoid FROM table WHERE condition)}: the usual way for a
     * constraint to select resources by what another RegTAP table says about them.
     *
     * @param table the table, e.g. {@code rr.table_column}
     * @param condition an ADQL condition on that table's rows
     * @return the condition on {@code rr.resource}
     */
    public String ivoidIn(String table, String condition) {
        Objects.requireNonNull(condition, "condition");
        return "ivoid IN (SELECT ivoid FROM " + qualifiedName(table) + " WHERE " + condition + "\n)";
    }

    /**
     * Renders {@link #ivoidIn(String, String)} with the condition given as a template.
     *
     * @param table the table
     * @param condition the condition, all placeholders bound
     * @return the condition on {@code rr.resource}
     */
    public String ivoidIn(String table, AdqlTemplate condition) {
        return ivoidIn(table, condition.render());
    }

    /**
     * Renders a condition true for resources found by any of several subqueries: one
     * {@code ivoid IN (... UNION ...)} when the service declares UNION (the form query planners
     * handle best), otherwise the subqueries joined with OR. A subquery on {@code rr.resource}
     * itself becomes a plain condition in the OR form.
     *
     * @param sources where to look, at least one
     * @return the condition on {@code rr.resource}
     */
    public String ivoidInAny(List<Subquery> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no subqueries to combine");
        }
        if (sources.size() == 1) {
            Subquery s = sources.get(0);
            return ivoidIn(s.table(), s.condition());
        }
        if (union) {
            List<String> selects = new ArrayList<>();
            for (Subquery s : sources) {
                selects.add("SELECT ivoid FROM " + qualifiedName(s.table()) + " WHERE " + s.condition() + "\n");
            }
            return "ivoid IN (" + String.join("UNION ", selects) + ")";
        }
        List<String> alternatives = new ArrayList<>();
        for (Subquery s : sources) {
            alternatives.add(isResourceTable(s.table()) ? "(" + s.condition() + "\n)" : ivoidIn(s.table(), s.condition()));
        }
        return anyOf(alternatives);
    }

    private static boolean isResourceTable(String table) {
        return table.strip().equalsIgnoreCase("rr.resource");
    }

    /**
     * Joins conditions with OR, in parentheses.
     *
     * @param conditions ADQL conditions, at least one
     * @return the disjunction
     */
    public String anyOf(Collection<String> conditions) {
        return join(conditions, "OR");
    }

    /**
     * Joins conditions with AND, in parentheses.
     *
     * @param conditions ADQL conditions, at least one
     * @return the conjunction
     */
    public String allOf(Collection<String> conditions) {
        return join(conditions, "AND");
    }

    private static String join(Collection<String> conditions, String op) {
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("no conditions to combine");
        }
        if (conditions.size() == 1) {
            return conditions.iterator().next();
        }
        List<String> parts = new ArrayList<>();
        for (String c : conditions) {
            parts.add("(" + c + "\n)");
        }
        return "(" + String.join(" " + op + " ", parts) + ")";
    }

    /**
     * Renders a word search in a text column: RegTAP's {@code ivo_hasword} (a full-text match,
     * case-insensitive, where the service stems words) when declared, otherwise a
     * case-insensitive substring match ({@link #noCaseMatch}). {@code %} and {@code _} in the
     * word act as wildcards in the substring form.
     *
     * @param column the column, e.g. {@code res_description}
     * @param word the word or phrase
     * @return the condition
     */
    public String hasWord(String column, String word) {
        if (supportsUdf("ivo_hasword")) {
            return template("1 = ivo_hasword({col}, {w})").table("col", column).value("w", word).render();
        }
        return noCaseMatch(column, "%" + word + "%");
    }

    /**
     * Renders a case-insensitive {@code LIKE} match: RegTAP's {@code ivo_nocasematch} when
     * declared, else {@code LOWER(column) LIKE lower-case pattern} when LOWER is declared, else
     * plain (case-sensitive) {@code LIKE}s with the pattern as given and in lower case, which
     * finds the spellings that matter in practice (canonical and lower case).
     *
     * @param column the column
     * @param pattern the pattern ({@code %} any characters, {@code _} one character)
     * @return the condition
     */
    public String noCaseMatch(String column, String pattern) {
        if (supportsUdf("ivo_nocasematch")) {
            return template("1 = ivo_nocasematch({col}, {p})").table("col", column).value("p", pattern).render();
        }
        if (lower) {
            return template("LOWER({col}) LIKE {p}").table("col", column)
                    .value("p", pattern.toLowerCase(Locale.ROOT)).render();
        }
        String lowerPattern = pattern.toLowerCase(Locale.ROOT);
        if (!lowerPattern.equals(pattern)) {
            return template("({col} LIKE {p} OR {col} LIKE {lp})").table("col", column).value("p", pattern)
                    .value("lp", lowerPattern).render();
        }
        return template("{col} LIKE {p}").table("col", column).value("p", pattern).render();
    }

    /**
     * Renders a test for one item of a RegTAP hash list (values separated by {@code #}, such
     * as {@code rr.resource.waveband}): {@code ivo_hashlist_has} when declared, otherwise the
     * equivalent comparisons.
     *
     * @param column the column
     * @param item the item, compared exactly
     * @return the condition
     */
    public String hashListHas(String column, String item) {
        if (supportsUdf("ivo_hashlist_has")) {
            return template("1 = ivo_hashlist_has({col}, {i})").table("col", column).value("i", item).render();
        }
        return template("({col} = {i} OR {col} LIKE {first} OR {col} LIKE {last} OR {col} LIKE {inner})")
                .table("col", column).value("i", item).value("first", item + "#%").value("last", "%#" + item)
                .value("inner", "%#" + item + "#%").render();
    }

    /**
     * Renders a test for two intervals overlapping: {@code ivo_interval_overlaps} when declared,
     * otherwise the equivalent comparisons.
     *
     * @param lowColumn the column with the lower bound
     * @param highColumn the column with the upper bound
     * @param low the lower bound of the wanted interval
     * @param high the upper bound of the wanted interval
     * @return the condition
     */
    public String intervalOverlaps(String lowColumn, String highColumn, double low, double high) {
        if (supportsUdf("ivo_interval_overlaps")) {
            return template("1 = ivo_interval_overlaps({lc}, {hc}, {lo}, {hi})").table("lc", lowColumn)
                    .table("hc", highColumn).value("lo", low).value("hi", high).render();
        }
        return template("({lc} <= {hi} AND {hc} >= {lo})").table("lc", lowColumn).table("hc", highColumn)
                .value("lo", low).value("hi", high).render();
    }

    @Override
    public String toString() {
        return "RenderContext[union=" + union + ", lower=" + lower + ", cast=" + cast + ", udfs=" + udfs + "]";
    }

    /** Builder of {@link RenderContext}s; all features start off. */
    public static final class Builder {
        private boolean union;
        private boolean lower;
        private boolean cast;
        private final Set<String> udfs = new TreeSet<>();

        private Builder() {
        }

        /**
         * @param b whether UNION is declared
         * @return this builder
         */
        public Builder union(boolean b) {
            this.union = b;
            return this;
        }

        /**
         * @param b whether LOWER is declared
         * @return this builder
         */
        public Builder lower(boolean b) {
            this.lower = b;
            return this;
        }

        /**
         * @param b whether CAST is declared
         * @return this builder
         */
        public Builder cast(boolean b) {
            this.cast = b;
            return this;
        }

        /**
         * Declares a user-defined function.
         *
         * @param name the function name (a signature's name part is enough)
         * @return this builder
         */
        public Builder udf(String name) {
            String n = name.strip();
            int paren = n.indexOf('(');
            if (paren >= 0) {
                n = n.substring(0, paren).strip();
            }
            udfs.add(n.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Declares several user-defined functions.
         *
         * @param names the function names
         * @return this builder
         */
        public Builder udfs(Collection<String> names) {
            names.forEach(this::udf);
            return this;
        }

        /** @return the context */
        public RenderContext build() {
            return new RenderContext(union, java.util.Collections.unmodifiableSortedSet(new TreeSet<>(udfs)), lower, cast);
        }
    }
}
