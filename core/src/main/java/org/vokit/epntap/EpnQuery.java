package org.vokit.epntap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.vokit.adql.AdqlTemplate;

/**
 * A search over EPN-TAP 2.0 tables ({@code epn_core}): conditions on the standard columns,
 * rendered as ADQL for one table and one service's features. Every value reaches the query
 * through {@link org.vokit.adql}.
 *
 * <pre>{@code
 * EpnQuery q = EpnQuery.builder()
 *         .target("Mars")                                  // ivo_hashlist_has(target_name, 'Mars')
 *         .productTypes("sp", "sc")                        // spectra or spectral cubes
 *         .time(Instant.parse("2010-01-01T00:00:00Z"), null)
 *         .build();
 * String adql = q.toAdql("voplanets.epn_core", true);      // the service declares ivo_hashlist_has
 * }</pre>
 *
 * <p>Semantics: conditions are combined with AND; several product types or targets match any of
 * them. Ranges select granules whose interval overlaps the one asked for ({@code time_min..time_max},
 * {@code spectral_range_min..max}, {@code c1min..c1max}, ...), so a granule is found as long as
 * part of it is in range. Columns that EPN-TAP 2.0 allows to hold several values separated by
 * {@code #} (a "hash list", e.g. {@code Visible and Infrared Thermal Imaging Spectrometer#VIRTIS})
 * are matched element-wise: with the {@code ivo_hashlist_has} function where the service declares
 * it (case-insensitive on DaCHS), else with equality and {@code LIKE} patterns on the {@code #}
 * separators (case-sensitive; {@code %} and {@code _} in a value then act as wildcards).
 * Coordinate ranges ({@code c1..c3}) mean nothing without the frame, so they need
 * {@link Builder#spatialFrame(String)}.
 *
 * <p>Times: EPN-TAP 2.0 gives {@code time_min}/{@code time_max} as Julian Dates; instants are
 * converted ({@code JD = Unix seconds / 86400 + 2440587.5}). Spectral ranges are in Hz, the
 * standard's unit.
 *
 * @param targets target names, any of which matches; empty: no condition
 * @param productTypes {@code dataproduct_type} codes ({@code im}, {@code sp}, ...), any matches
 * @param timeMin start of the time range, or null
 * @param timeMax end of the time range, or null
 * @param instrument a name matched against both {@code instrument_host_name} and
 *     {@code instrument_name}, or null
 * @param instrumentHost a name matched against {@code instrument_host_name}, or null
 * @param instrumentName a name matched against {@code instrument_name}, or null
 * @param spectralMin lower end of the spectral range in Hz, or null
 * @param spectralMax upper end of the spectral range in Hz, or null
 * @param spatialFrame the {@code spatial_frame_type} ({@code celestial}, {@code body}, ...), or null
 * @param coordinates ranges on {@code c1}, {@code c2}, {@code c3} (three entries, each null or a
 *     two-element array {@code [min, max]} whose elements may be null)
 * @param maxrec the most rows asked from each table, if set
 */
public record EpnQuery(List<String> targets, List<String> productTypes, Instant timeMin, Instant timeMax,
                       String instrument, String instrumentHost, String instrumentName, Double spectralMin,
                       Double spectralMax, String spatialFrame, List<Double[]> coordinates, OptionalLong maxrec) {

    /**
     * The columns EPN-TAP 2.0 allows to carry several {@code #}-separated values.
     */
    public static final Set<String> HASH_LIST_COLUMNS = Set.of("dataproduct_type", "target_name", "target_class",
            "instrument_host_name", "instrument_name", "measurement_type", "target_region", "feature_name",
            "alt_target_name");

    /** The values {@code spatial_frame_type} may take in EPN-TAP 2.0. */
    public static final Set<String> SPATIAL_FRAMES = Set.of("celestial", "body", "cartesian", "cylindrical",
            "spherical", "healpix", "none");

    private static final Pattern PRODUCT_CODE = Pattern.compile("[a-z]{2}");

    private static final double JD_UNIX_EPOCH = 2440587.5;

    /**
     * Checks the components.
     *
     * @param targets target names
     * @param productTypes product codes
     * @param timeMin range start, or null
     * @param timeMax range end, or null
     * @param instrument host or instrument name, or null
     * @param instrumentHost host name, or null
     * @param instrumentName instrument name, or null
     * @param spectralMin spectral start (Hz), or null
     * @param spectralMax spectral end (Hz), or null
     * @param spatialFrame frame type, or null
     * @param coordinates the c1..c3 ranges
     * @param maxrec the row limit per table
     */
    public EpnQuery {
        targets = List.copyOf(targets);
        productTypes = List.copyOf(productTypes);
        coordinates = coordinates == null ? java.util.Arrays.asList(null, null, null)
                : java.util.Collections.unmodifiableList(new ArrayList<>(coordinates));
        maxrec = maxrec == null ? OptionalLong.empty() : maxrec;
        if (coordinates.size() != 3) {
            throw new IllegalArgumentException("coordinates must have three entries (c1, c2, c3)");
        }
        if (timeMin != null && timeMax != null && timeMin.isAfter(timeMax)) {
            throw new IllegalArgumentException("the time range is empty: " + timeMin + " is after " + timeMax);
        }
        if (spectralMin != null && spectralMax != null && spectralMin > spectralMax) {
            throw new IllegalArgumentException("the spectral range is empty: " + spectralMin + " Hz > " + spectralMax
                    + " Hz");
        }
        boolean anyC = coordinates.stream().anyMatch(Objects::nonNull);
        if (anyC && spatialFrame == null) {
            throw new IllegalArgumentException("c1/c2/c3 ranges need the spatial frame type (celestial, body, "
                    + "cartesian, cylindrical, spherical, healpix): their meaning depends on it");
        }
    }

    /**
     * Starts building a query.
     *
     * @return a builder with no condition
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Converts an instant to a Julian Date, the unit of EPN-TAP's {@code time_min}/{@code time_max}.
     *
     * @param t the instant
     * @return the Julian Date
     */
    public static double julianDate(Instant t) {
        return t.getEpochSecond() / 86400.0 + t.getNano() / 86400e9 + JD_UNIX_EPOCH;
    }

    /**
     * Renders the query for one table.
     *
     * @param table the table name, qualified as the service lists it
     * @param hashListUdf whether the service declares {@code ivo_hashlist_has}
     * @return the ADQL
     */
    public String toAdql(String table, boolean hashListUdf) {
        Objects.requireNonNull(table, "table");
        AdqlTemplate where = whereClause(hashListUdf);
        if (where == null) {
            return AdqlTemplate.of("SELECT * FROM {t}").table("t", table).render();
        }
        return AdqlTemplate.of("SELECT * FROM {t} WHERE {w}").table("t", table).fragment("w", where).render();
    }

    /**
     * Returns the conditions as one ADQL boolean expression.
     *
     * @param hashListUdf whether the service declares {@code ivo_hashlist_has}
     * @return the expression, or null when there is no condition
     */
    public AdqlTemplate whereClause(boolean hashListUdf) {
        List<AdqlTemplate> conds = new ArrayList<>();
        if (!targets.isEmpty()) {
            conds.add(anyOf(targets.stream().map(t -> hashListHas("target_name", t, hashListUdf)).toList()));
        }
        if (!productTypes.isEmpty()) {
            conds.add(anyOf(productTypes.stream().map(p -> hashListHas("dataproduct_type", p, hashListUdf)).toList()));
        }
        if (timeMin != null) {
            conds.add(AdqlTemplate.of("time_max >= {v}").value("v", julianDate(timeMin)));
        }
        if (timeMax != null) {
            conds.add(AdqlTemplate.of("time_min <= {v}").value("v", julianDate(timeMax)));
        }
        if (instrument != null) {
            conds.add(anyOf(List.of(hashListHas("instrument_host_name", instrument, hashListUdf),
                    hashListHas("instrument_name", instrument, hashListUdf))));
        }
        if (instrumentHost != null) {
            conds.add(hashListHas("instrument_host_name", instrumentHost, hashListUdf));
        }
        if (instrumentName != null) {
            conds.add(hashListHas("instrument_name", instrumentName, hashListUdf));
        }
        if (spectralMin != null) {
            conds.add(AdqlTemplate.of("spectral_range_max >= {v}").value("v", spectralMin));
        }
        if (spectralMax != null) {
            conds.add(AdqlTemplate.of("spectral_range_min <= {v}").value("v", spectralMax));
        }
        if (spatialFrame != null) {
            conds.add(AdqlTemplate.of("spatial_frame_type = {v}").value("v", spatialFrame));
        }
        for (int i = 0; i < 3; i++) {
            Double[] r = coordinates.get(i);
            if (r == null) {
                continue;
            }
            String c = "c" + (i + 1);
            if (r[0] != null) {
                conds.add(AdqlTemplate.of("{col} >= {v}").identifier("col", c + "max").value("v", r[0]));
            }
            if (r[1] != null) {
                conds.add(AdqlTemplate.of("{col} <= {v}").identifier("col", c + "min").value("v", r[1]));
            }
        }
        if (conds.isEmpty()) {
            return null;
        }
        AdqlTemplate all = conds.get(0);
        for (int i = 1; i < conds.size(); i++) {
            all = AdqlTemplate.of("{a} AND {b}").fragment("a", all).fragment("b", conds.get(i));
        }
        return all;
    }

    /**
     * Renders "the hash list in {@code column} contains {@code value}".
     *
     * @param column the column
     * @param value the element looked for
     * @param udf whether to use {@code ivo_hashlist_has}
     * @return the condition
     */
    static AdqlTemplate hashListHas(String column, String value, boolean udf) {
        if (!HASH_LIST_COLUMNS.contains(column)) {
            return AdqlTemplate.of("{c} = {v}").identifier("c", column).value("v", value);
        }
        if (udf) {
            return AdqlTemplate.of("1 = ivo_hashlist_has({c}, {v})").identifier("c", column).value("v", value);
        }
        return AdqlTemplate.of("({c} = {v} OR {c} LIKE {first} OR {c} LIKE {last} OR {c} LIKE {inner})")
                .identifier("c", column).value("v", value).value("first", value + "#%")
                .value("last", "%#" + value).value("inner", "%#" + value + "#%");
    }

    private static AdqlTemplate anyOf(List<AdqlTemplate> alternatives) {
        if (alternatives.size() == 1) {
            return alternatives.get(0);
        }
        AdqlTemplate any = alternatives.get(0);
        for (int i = 1; i < alternatives.size(); i++) {
            any = AdqlTemplate.of("{a} OR {b}").fragment("a", any).fragment("b", alternatives.get(i));
        }
        return AdqlTemplate.of("({x})").fragment("x", any);
    }

    /** Builder of {@link EpnQuery}s; every setter checks its value and names what was wrong. */
    public static final class Builder {
        private final List<String> targets = new ArrayList<>();
        private final List<String> productTypes = new ArrayList<>();
        private Instant timeMin;
        private Instant timeMax;
        private String instrument;
        private String instrumentHost;
        private String instrumentName;
        private Double spectralMin;
        private Double spectralMax;
        private String spatialFrame;
        private final List<Double[]> coordinates = new ArrayList<>(java.util.Arrays.asList(null, null, null));
        private OptionalLong maxrec = OptionalLong.empty();

        private Builder() {
        }

        /**
         * Adds target names ({@code target_name}, a hash list); any of them matches.
         *
         * @param names the names, e.g. {@code Mars}
         * @return this builder
         */
        public Builder target(String... names) {
            for (String n : names) {
                targets.add(text("target name", n));
            }
            return this;
        }

        /**
         * Adds {@code dataproduct_type} codes; any of them matches.
         *
         * @param codes two-letter codes of EPN-TAP 2.0: {@code im} image, {@code ma} map,
         *     {@code sp} spectrum, {@code ds} dynamic spectrum, {@code sc} spectral cube,
         *     {@code pr} profile, {@code vo} volume, {@code mo} movie, {@code cu} cube,
         *     {@code ts} time series, {@code ca} catalogue, {@code ci} catalogue item,
         *     {@code sv} spatial vector, {@code ev} event, ...
         * @return this builder
         * @throws IllegalArgumentException if a code is not two letters
         */
        public Builder productTypes(String... codes) {
            for (String c : codes) {
                String code = Objects.requireNonNull(c, "code").strip().toLowerCase(Locale.ROOT);
                if (!PRODUCT_CODE.matcher(code).matches()) {
                    throw new IllegalArgumentException("product type '" + c + "' is not an EPN-TAP code: give two"
                            + " letters such as im (image), sp (spectrum), sc (spectral cube), ts (time series)");
                }
                productTypes.add(code);
            }
            return this;
        }

        /**
         * Sets the time range; granules overlapping it match.
         *
         * @param from the start, or null for none
         * @param to the end, or null for none
         * @return this builder
         */
        public Builder time(Instant from, Instant to) {
            this.timeMin = from;
            this.timeMax = to;
            return this;
        }

        /**
         * Sets a name matched against the instrument host (e.g. a spacecraft) or the instrument.
         *
         * @param name the name, e.g. {@code VIRTIS} or {@code Cassini}
         * @return this builder
         */
        public Builder instrument(String name) {
            this.instrument = text("instrument", name);
            return this;
        }

        /**
         * Sets the instrument host ({@code instrument_host_name}).
         *
         * @param name the host, e.g. {@code Mars Express}
         * @return this builder
         */
        public Builder instrumentHost(String name) {
            this.instrumentHost = text("instrument host", name);
            return this;
        }

        /**
         * Sets the instrument ({@code instrument_name}).
         *
         * @param name the instrument, e.g. {@code OMEGA}
         * @return this builder
         */
        public Builder instrumentName(String name) {
            this.instrumentName = text("instrument name", name);
            return this;
        }

        /**
         * Sets the spectral range in Hz; granules overlapping it match.
         *
         * @param minHz the lower frequency, or null
         * @param maxHz the upper frequency, or null
         * @return this builder
         */
        public Builder spectralRange(Double minHz, Double maxHz) {
            this.spectralMin = finite("spectral minimum", minHz);
            this.spectralMax = finite("spectral maximum", maxHz);
            return this;
        }

        /**
         * Sets the {@code spatial_frame_type}, which the coordinate ranges need.
         *
         * @param frame {@code celestial}, {@code body}, {@code cartesian}, {@code cylindrical},
         *     {@code spherical} or {@code healpix}
         * @return this builder
         */
        public Builder spatialFrame(String frame) {
            String f = Objects.requireNonNull(frame, "frame").strip().toLowerCase(Locale.ROOT);
            if (!SPATIAL_FRAMES.contains(f)) {
                throw new IllegalArgumentException("unknown spatial frame type '" + frame + "'; EPN-TAP 2.0 has "
                        + String.join(", ", new java.util.TreeSet<>(SPATIAL_FRAMES)));
            }
            this.spatialFrame = f;
            return this;
        }

        /**
         * Sets a range on one coordinate; granules whose {@code c<i>min..c<i>max} overlaps it match.
         *
         * @param axis 1, 2 or 3
         * @param min the lower end, or null
         * @param max the upper end, or null
         * @return this builder
         */
        public Builder coordinate(int axis, Double min, Double max) {
            if (axis < 1 || axis > 3) {
                throw new IllegalArgumentException("EPN-TAP has coordinates c1, c2 and c3, not c" + axis);
            }
            Double lo = finite("c" + axis + " minimum", min);
            Double hi = finite("c" + axis + " maximum", max);
            if (lo != null && hi != null && lo > hi) {
                throw new IllegalArgumentException("the c" + axis + " range is empty: " + lo + " > " + hi);
            }
            coordinates.set(axis - 1, lo == null && hi == null ? null : new Double[] {lo, hi});
            return this;
        }

        /**
         * Sets the most rows asked from each table (MAXREC).
         *
         * @param n the limit (at least 0)
         * @return this builder
         */
        public Builder maxrec(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxrec must not be negative: " + n);
            }
            this.maxrec = OptionalLong.of(n);
            return this;
        }

        /** @return the query */
        public EpnQuery build() {
            return new EpnQuery(targets, productTypes, timeMin, timeMax, instrument, instrumentHost, instrumentName,
                    spectralMin, spectralMax, spatialFrame, coordinates, maxrec);
        }

        private static String text(String what, String value) {
            Objects.requireNonNull(value, what);
            String v = value.strip();
            if (v.isEmpty()) {
                throw new IllegalArgumentException("the " + what + " is empty");
            }
            if (v.indexOf('#') >= 0) {
                throw new IllegalArgumentException("the " + what + " '" + value + "' contains '#', the separator of"
                        + " EPN-TAP hash lists: give one name");
            }
            return v;
        }

        private static Double finite(String what, Double v) {
            if (v != null && !Double.isFinite(v)) {
                throw new IllegalArgumentException("the " + what + " must be a finite number, not " + v);
            }
            return v;
        }
    }
}
