package org.vokit.obscore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vokit.adql.AdqlTemplate;

/**
 * The ObsCore query run against an uploaded table of positions: datasets whose centre
 * ({@code s_ra}, {@code s_dec}) lies within a radius of an uploaded position, optionally of one
 * product type and above a resolving power, at most {@code top} rows per service. The match is
 * the classical ADQL 2.0 {@code CONTAINS(POINT, CIRCLE)}, which every ObsCore service supports,
 * rather than {@code s_region}, which services may leave empty.
 *
 * <pre>{@code
 * ObscoreQuery q = ObscoreQuery.builder().radius(0.01).productType("spectrum")
 *         .minResolvingPower(10000.0).top(2000).build();
 * String adql = q.toAdql("mine");      // joins ivoa.obscore with TAP_UPLOAD.mine
 * }</pre>
 *
 * <p>The uploaded table has the columns {@value #KEY}, {@value #UP_RA}, {@value #UP_DEC}; the
 * result has {@link Obscore#COLUMNS}.
 *
 * @param radius the match radius in degrees
 * @param productType the {@code dataproduct_type} wanted ({@code spectrum}, {@code image}, ...), or null
 * @param minResolvingPower the lower bound (exclusive) on {@code em_res_power}, or null
 * @param top the most rows per service, if set
 * @param conditions further conditions on ObsCore columns, combined with AND
 */
public record ObscoreQuery(double radius, String productType, Double minResolvingPower, OptionalLong top,
                           List<Condition> conditions) {

    /** The comparison operators a {@link Condition} may use, each with its fixed template. */
    private static final Map<String, String> OPERATORS = Map.of("=", "oc.{c} = {v}", "<", "oc.{c} < {v}",
            ">", "oc.{c} > {v}", "<=", "oc.{c} <= {v}", ">=", "oc.{c} >= {v}");

    private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(<=|>=|=|<|>)\\s*(.*?)\\s*");

    /**
     * A further condition on an ObsCore column, e.g. {@code calib_level >= 2}.
     *
     * @param column the ObsCore column (a plain name, rendered as an identifier)
     * @param operator one of {@code = < > <= >=}
     * @param value the value: a number or a string
     */
    public record Condition(String column, String operator, Object value) {
        /**
         * Checks the components.
         *
         * @param column the column
         * @param operator the operator
         * @param value the value
         */
        public Condition {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(value, "value");
            if (!OPERATORS.containsKey(operator)) {
                throw new IllegalArgumentException("operator '" + operator + "' is not one of = < > <= >=");
            }
            if (!(value instanceof Number) && !(value instanceof String)) {
                throw new IllegalArgumentException("a condition compares with a number or a string, not a "
                        + value.getClass().getSimpleName());
            }
        }

        /**
         * Parses {@code COLUMN OP VALUE}, e.g. {@code calib_level>=2} or {@code obs_collection=vokit spectra}:
         * a value that reads as a number is compared as one, anything else as a string (without quotes).
         *
         * @param text the condition
         * @return the condition
         * @throws IllegalArgumentException if the text is not of that form
         */
        public static Condition parse(String text) {
            Matcher m = CONDITION.matcher(Objects.requireNonNull(text, "text"));
            if (!m.matches() || m.group(3).isEmpty()) {
                throw new IllegalArgumentException("condition '" + text + "' is not of the form COLUMN OP VALUE with OP"
                        + " one of = < > <= >= (e.g. calib_level>=2)");
            }
            String v = m.group(3);
            Object value;
            try {
                double d = Double.parseDouble(v);
                value = Double.isFinite(d) ? (Object) d : v;
            } catch (NumberFormatException e) {
                value = v;
            }
            return new Condition(m.group(1), m.group(2), value);
        }

        AdqlTemplate toAdql() {
            return AdqlTemplate.of(OPERATORS.get(operator)).identifier("c", column).value("v", value);
        }
    }

    /** The row-key column of the uploaded table. */
    public static final String KEY = "row_key";
    /** The RA column of the uploaded table. */
    public static final String UP_RA = "up_ra";
    /** The Dec column of the uploaded table. */
    public static final String UP_DEC = "up_dec";

    /** The ObsCore table, by the standard's name. */
    public static final String TABLE = "ivoa.obscore";

    private static final String SELECT = "mine.row_key, mine.up_ra AS pos_ra, mine.up_dec AS pos_dec,"
            + " DISTANCE(POINT('ICRS', oc.s_ra, oc.s_dec), POINT('ICRS', mine.up_ra, mine.up_dec)) AS dist,"
            + " oc.obs_publisher_did, oc.obs_id, oc.obs_collection, oc.dataproduct_type, oc.calib_level,"
            + " oc.target_name, oc.s_ra, oc.s_dec, oc.s_fov, oc.t_min, oc.t_max, oc.em_min, oc.em_max,"
            + " oc.em_res_power, oc.access_url, oc.access_format, oc.access_estsize, oc.facility_name,"
            + " oc.instrument_name";

    /**
     * Checks the components.
     *
     * @param radius the radius in degrees (positive, at most 10)
     * @param productType the product type, or null
     * @param minResolvingPower the resolving power bound, or null
     * @param top the row limit per service
     * @param conditions further conditions, combined with AND
     */
    public ObscoreQuery {
        if (!(radius > 0) || radius > 10 || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("the radius must be more than 0 and at most 10 degrees, not " + radius);
        }
        if (productType != null && productType.isBlank()) {
            throw new IllegalArgumentException("the product type is empty");
        }
        if (minResolvingPower != null && !Double.isFinite(minResolvingPower)) {
            throw new IllegalArgumentException("the minimum resolving power must be a finite number, not "
                    + minResolvingPower);
        }
        top = top == null ? OptionalLong.empty() : top;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (top.isPresent() && top.getAsLong() < 1) {
            throw new IllegalArgumentException("top must be at least 1, not " + top.getAsLong());
        }
    }

    /**
     * Starts building a query.
     *
     * @return a builder (radius 0.01 degrees, no filter, no row limit)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders the query.
     *
     * @param uploadName the upload's name ({@code TAP_UPLOAD.uploadName})
     * @return the ADQL
     */
    public String toAdql(String uploadName) {
        Objects.requireNonNull(uploadName, "uploadName");
        AdqlTemplate where = null;
        if (productType != null) {
            where = AdqlTemplate.of("oc.dataproduct_type = {t}").value("t", productType.strip());
        }
        if (minResolvingPower != null) {
            AdqlTemplate c = AdqlTemplate.of("oc.em_res_power > {r}").value("r", minResolvingPower);
            where = where == null ? c : AdqlTemplate.of("{a} AND {b}").fragment("a", where).fragment("b", c);
        }
        for (Condition cond : conditions) {
            AdqlTemplate c = cond.toAdql();
            where = where == null ? c : AdqlTemplate.of("{a} AND {b}").fragment("a", where).fragment("b", c);
        }
        String text = "SELECT " + (top.isPresent() ? "TOP {top} " : "") + SELECT
                + " FROM {obscore} AS oc JOIN {upload} AS mine"
                + " ON 1 = CONTAINS(POINT('ICRS', oc.s_ra, oc.s_dec), CIRCLE('ICRS', mine.up_ra, mine.up_dec, {r}))"
                + (where != null ? " WHERE {where}" : "");
        AdqlTemplate t = AdqlTemplate.of(text).table("obscore", TABLE).table("upload", "TAP_UPLOAD", uploadName)
                .value("r", radius);
        if (top.isPresent()) {
            t = t.value("top", top.getAsLong());
        }
        if (where != null) {
            t = t.fragment("where", where);
        }
        return t.render();
    }

    /** Builder of {@link ObscoreQuery}s. */
    public static final class Builder {
        private double radius = 0.01;
        private String productType;
        private Double minResolvingPower;
        private OptionalLong top = OptionalLong.empty();
        private final List<Condition> conditions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a condition on an ObsCore column.
         *
         * @param condition the condition
         * @return this builder
         */
        public Builder where(Condition condition) {
            conditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /**
         * @param deg the match radius in degrees; default 0.01
         * @return this builder
         */
        public Builder radius(double deg) {
            this.radius = deg;
            return this;
        }

        /**
         * @param type the {@code dataproduct_type}, e.g. {@code spectrum}, {@code image}, {@code cube}
         * @return this builder
         */
        public Builder productType(String type) {
            this.productType = type;
            return this;
        }

        /**
         * @param r datasets with {@code em_res_power > r} only
         * @return this builder
         */
        public Builder minResolvingPower(Double r) {
            this.minResolvingPower = r;
            return this;
        }

        /**
         * @param n the most rows per service (ADQL {@code TOP})
         * @return this builder
         */
        public Builder top(long n) {
            this.top = OptionalLong.of(n);
            return this;
        }

        /** @return the query */
        public ObscoreQuery build() {
            return new ObscoreQuery(radius, productType, minResolvingPower, top, conditions);
        }
    }
}
