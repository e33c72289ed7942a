package org.vokit.sed;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vokit.adql.Adql;
import org.vokit.adql.AdqlTemplate;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.FanoutSink;
import org.vokit.fanout.FanoutTask;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressListener;
import org.vokit.registry.Registry;
import org.vokit.registry.TapTable;
import org.vokit.tap.TableSet;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * A VO-wide photometry search around one position, the raw material of a spectral energy
 * distribution (course section 3): the registry names every TAP table with a column whose UCD is
 * {@code phot.mag;em.*} or {@code phot.flux.density;em.*}; through the project's fan-out engine
 * ({@link Fanout}: bounded parallelism overall and per host, per-task timeouts, one retry of
 * transient failures), one task per table reads the table's columns from its service's metadata
 * (a {@link FanoutTask.Exchange} step, failures reported in phase {@code metadata}) and asks it for
 * its rows within the radius; the timeout covers both. Every value of those rows whose band is
 * in the {@link BandTable} becomes a {@link SedPoint} at the band's wavelength, with its service,
 * table and column. A table that fails becomes a {@link SedFailure} and never spoils the others.
 *
 * <pre>{@code
 * SedResult sed = SedSearch.builder()
 *         .registry(Registry.of("http://127.0.0.1:8089/tap"))
 *         .position(10.5, -3.2).radiusArcsec(5)
 *         .build().run();
 * for (SedPoint p : sed.points()) { ... p.wavelength() ... p.value() ... }
 * }</pre>
 *
 * <p>Columns are matched by exact UCD words (case-insensitive): the position columns are those with
 * {@code pos.eq.ra}/{@code pos.eq.dec} (preferring {@code meta.main}) in the service's table metadata.
 */
public final class SedSearch {

    /** The UCD patterns the registry is asked for. */
    public static final List<String> UCD_PATTERNS = List.of("phot.mag;em.%", "phot.flux.density;em.%");

    private final Registry registry;
    private final List<TapTable> tables;
    private final VoHttp http;
    private final double ra;
    private final double dec;
    private final double radiusArcsec;
    private final Duration timeout;
    private final int parallel;
    private final ProgressListener progress;
    private final BandTable bands;

    private SedSearch(Builder b) {
        this.registry = b.registry;
        this.tables = b.tables == null ? null : List.copyOf(b.tables);
        this.http = b.http;
        this.ra = b.ra;
        this.dec = b.dec;
        this.radiusArcsec = b.radiusArcsec;
        this.timeout = b.timeout;
        this.parallel = b.parallel;
        this.progress = b.progress;
        this.bands = b.bands;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds the tables with photometry in the registry (one query per UCD pattern).
     *
     * @return the distinct (service, table) pairs
     * @throws IOException if the registry fails
     */
    public List<TapTable> discover() throws IOException {
        if (tables != null) {
            return tables;
        }
        Set<TapTable> found = new LinkedHashSet<>();
        for (String p : UCD_PATTERNS) {
            found.addAll(registry.tapTablesWithUcd(p));
        }
        return new ArrayList<>(found);
    }

    /**
     * Discovers the tables and asks each of them.
     *
     * @return the points, the failures and what was asked
     * @throws IOException if the registry fails (individual tables failing is not an exception)
     * @throws InterruptedException if interrupted
     */
    public SedResult run() throws IOException, InterruptedException {
        List<TapTable> found = discover();
        Map<URI, TapService> services = new LinkedHashMap<>();
        Map<String, Plan> plans = new java.util.concurrent.ConcurrentHashMap<>();
        List<FanoutTask> tasks = new ArrayList<>();
        for (TapTable t : found) {
            // one client object per service, so that its table metadata is read once for all its tables
            TapService svc = services.computeIfAbsent(t.accessUrl(),
                    u -> TapService.builder(u).http(http).syncTimeout(timeout).build());
            String label = t.accessUrl() + " " + t.tableName();
            tasks.add(new FanoutTask(label, t.accessUrl(), null, t.tableName(),
                    TapQuery.of("-- the cone query, made from the metadata of " + t.tableName()), false,
                    new FanoutTask.Exchange() {
                        @Override
                        public TapQuery adapt(TapService engineSide, TapQuery q) throws IOException {
                            Plan plan = plan(svc, t);
                            plans.put(label, plan);
                            return plan.adql() == null ? q : TapQuery.of(plan.adql()).withTimeout(q.timeout());
                        }

                        @Override
                        public TapResult send(TapService engineSide, TapQuery q) {
                            // nothing to ask (no position or no known band): an empty answer, no request
                            return plans.get(label).adql() != null ? null : new TapResult(
                                    new RowListStarTable(new ColumnInfo[0]),
                                    new DocumentInfo(List.of(), "OK", false, 1), t.accessUrl());
                        }
                    }));
        }
        // each table: its columns from its service's metadata, then its cone query, through the engine;
        // rows are turned into points as they arrive
        Map<String, List<SedPoint>> byTask = new java.util.concurrent.ConcurrentHashMap<>();
        FanoutReport report;
        try (Fanout engine = Fanout.builder().http(http).parallel(parallel).taskTimeout(timeout).build()) {
            report = engine.run(tasks, new FanoutSink() {
                @Override
                public void accept(FanoutTask task, StarTable meta, RowSequence rows, RowCounter counter)
                        throws IOException {
                    List<SedPoint> pts = new ArrayList<>();
                    byTask.put(task.label(), pts);
                    points(plans.get(task.label()), task, meta, rows, counter, pts);
                }

                // a retry's accept() replaces the list, and the points of tasks that failed in the end
                // are dropped below
            }, progress);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the SED search was cancelled");
        }
        List<SedFailure> failures = new ArrayList<>();
        for (Failure f : report.failures()) {
            byTask.remove(f.task());
            String phase = f.phase() == Failure.Phase.DISCOVERY ? "metadata" : f.phase().name().toLowerCase(Locale.ROOT);
            failures.add(new SedFailure(f.accessUrl(), f.table(), phase, f.errorClass(), f.message()));
        }
        List<String> skipped = new ArrayList<>();
        List<SedPoint> points = new ArrayList<>();
        for (FanoutTask q : tasks) {
            Plan plan = plans.get(q.label());
            if (plan != null) {
                skipped.addAll(plan.skipped());
            }
            List<SedPoint> pts = byTask.get(q.label());
            if (pts != null) {
                points.addAll(pts);
            }
        }
        points.sort(Comparator.comparingDouble(SedPoint::wavelength).thenComparing(p -> p.service().toString())
                .thenComparing(SedPoint::table).thenComparing(SedPoint::separation).thenComparing(SedPoint::column));
        return new SedResult(ra, dec, radiusArcsec, points, failures, skipped, found.size(), report.answered());
    }

    /** Reads one table's metadata and makes its cone query (null ADQL when there is nothing to ask). */
    private Plan plan(TapService svc, TapTable t) throws IOException {
        TableSet.TableMeta meta = svc.table(t.tableName()).orElseThrow(() -> new org.vokit.FormatException(
                "the service does not list table " + t.tableName(), svc.tablesUrl(), null));
        String raCol = positionColumn(meta, "pos.eq.ra");
        String decCol = positionColumn(meta, "pos.eq.dec");
        List<TableSet.ColumnDesc> phot = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (TableSet.ColumnDesc c : meta.columns()) {
            Optional<String> word = BandTable.photometryBand(c.ucd());
            if (word.isEmpty()) {
                continue;
            }
            if (bands.band(c.ucd()).isPresent()) {
                phot.add(c);
            } else {
                skipped.add(t.tableName() + "." + c.name() + " (" + c.ucd() + "): band " + word.get()
                        + " not in the band table");
            }
        }
        if (raCol == null || decCol == null) {
            skipped.add(t.tableName() + ": no pos.eq.ra/pos.eq.dec columns; table not asked");
            return new Plan(t, phot, null, skipped);
        }
        if (phot.isEmpty()) {
            return new Plan(t, phot, null, skipped);
        }
        StringBuilder select = new StringBuilder(Adql.identifier(raCol)).append(", ").append(Adql.identifier(decCol));
        for (TableSet.ColumnDesc c : phot) {
            select.append(", ").append(Adql.identifier(c.name()));
        }
        String adql = AdqlTemplate.of("SELECT {cols} FROM {t} WHERE 1 = CONTAINS(POINT('ICRS', {ra}, {dec}), "
                        + "CIRCLE('ICRS', {ra0}, {dec0}, {r}))")
                .fragment("cols", AdqlTemplate.of(select.toString().replace("{", "{{").replace("}", "}}")))
                .table("t", t.tableName()).identifier("ra", raCol).identifier("dec", decCol)
                .value("ra0", ra).value("dec0", dec).value("r", radiusArcsec / 3600.0).render();
        return new Plan(t, phot, adql, skipped);
    }

    /** Turns one table's answer into points. */
    private void points(Plan plan, FanoutTask task, StarTable meta, RowSequence seq, FanoutSink.RowCounter counter,
                        List<SedPoint> out) throws IOException {
        List<TableSet.ColumnDesc> phot = plan.phot();
        while (seq.next()) {
            counter.row();
            double rra = number(seq.getCell(0));
            double rdec = number(seq.getCell(1));
            double sep = separationArcsec(ra, dec, rra, rdec);
            for (int k = 0; k < phot.size(); k++) {
                double v = number(seq.getCell(k + 2));
                if (Double.isNaN(v)) {
                    continue;
                }
                TableSet.ColumnDesc c = phot.get(k);
                String unit = meta.getColumnInfo(k + 2).getUnitString();
                if (unit == null || unit.isBlank()) {
                    unit = c.unit();
                }
                Band b = bands.band(c.ucd()).orElseThrow();
                out.add(new SedPoint(b.wavelength(), v, unit, c.ucd(), b.name(), task.accessUrl(),
                        plan.table().tableName(), c.name(), rra, rdec, sep));
            }
        }
    }

    /** The column with this UCD's first word, preferring one marked {@code meta.main}. */
    private static String positionColumn(TableSet.TableMeta meta, String atom) {
        String plain = null;
        for (TableSet.ColumnDesc c : meta.columns()) {
            if (c.ucd() == null) {
                continue;
            }
            String[] words = c.ucd().strip().toLowerCase(Locale.ROOT).split("\\s*;\\s*");
            if (!words[0].equals(atom)) {
                continue;
            }
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("meta.main")) {
                    return c.name();
                }
            }
            if (plain == null) {
                plain = c.name();
            }
        }
        return plain;
    }

    private static double number(Object o) {
        if (o instanceof Float f) {
            // a float column's value as written (9.679, not 9.678999900817871)
            return Double.parseDouble(f.toString());
        }
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static double separationArcsec(double ra1, double dec1, double ra2, double dec2) {
        double d1 = Math.toRadians(dec1);
        double d2 = Math.toRadians(dec2);
        double sd = Math.sin((d2 - d1) / 2);
        double sa = Math.sin(Math.toRadians(ra2 - ra1) / 2);
        double h = sd * sd + sa * sa * Math.cos(d1) * Math.cos(d2);
        return Math.toDegrees(2 * Math.asin(Math.sqrt(Math.min(1, h)))) * 3600;
    }

    /** What to ask one table: its photometry columns and the query (null when nothing to ask). */
    private record Plan(TapTable table, List<TableSet.ColumnDesc> phot, String adql, List<String> skipped) {
    }

    /** Builds a {@link SedSearch}. */
    public static final class Builder {
        private Registry registry;
        private List<TapTable> tables;
        private VoHttp http;
        private double ra = Double.NaN;
        private double dec = Double.NaN;
        private double radiusArcsec = 5;
        private Duration timeout = Duration.ofSeconds(60);
        private int parallel = 8;
        private ProgressListener progress = ProgressListener.NONE;
        private BandTable bands;

        private Builder() {
        }

        /**
         * @param r the registry that names the tables (needed unless {@link #tables} is given)
         * @return this builder
         */
        public Builder registry(Registry r) {
            this.registry = Objects.requireNonNull(r, "registry");
            return this;
        }

        /**
         * @param list the tables to ask instead of asking a registry
         * @return this builder
         */
        public Builder tables(List<TapTable> list) {
            this.tables = List.copyOf(list);
            return this;
        }

        /**
         * @param client the HTTP client for the TAP services (default: the registry's)
         * @return this builder
         */
        public Builder http(VoHttp client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @param raDeg right ascension in degrees (ICRS)
         * @param decDeg declination in degrees, -90 to 90
         * @return this builder
         */
        public Builder position(double raDeg, double decDeg) {
            this.ra = raDeg;
            this.dec = decDeg;
            return this;
        }

        /**
         * @param arcsec the search radius in arcseconds (default 5)
         * @return this builder
         */
        public Builder radiusArcsec(double arcsec) {
            this.radiusArcsec = arcsec;
            return this;
        }

        /**
         * @param perTable the time each table is allowed, metadata and query together (default 60 s)
         * @return this builder
         */
        public Builder timeout(Duration perTable) {
            this.timeout = Objects.requireNonNull(perTable, "perTable");
            return this;
        }

        /**
         * @param n tables asked at once (default 8)
         * @return this builder
         */
        public Builder parallel(int n) {
            this.parallel = n;
            return this;
        }

        /**
         * @param listener receives one task's events per table
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param table the band table (default {@link BandTable#standard()})
         * @return this builder
         */
        public Builder bands(BandTable table) {
            this.bands = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * @return the search
         * @throws IllegalArgumentException for a missing or invalid position, radius, timeout or
         *     parallelism, or when neither a registry nor tables were given
         */
        public SedSearch build() {
            if (!(ra >= -360 && ra <= 360)) {
                throw new IllegalArgumentException("the right ascension must be a number of degrees, not " + ra);
            }
            if (!(dec >= -90 && dec <= 90)) {
                throw new IllegalArgumentException("the declination must be between -90 and 90 degrees, not " + dec);
            }
            if (!(radiusArcsec > 0) || radiusArcsec > 36000) {
                throw new IllegalArgumentException("the radius must be between 0 and 36000 arcseconds, not "
                        + radiusArcsec);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
            }
            if (parallel < 1) {
                throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
            }
            if (registry == null && tables == null) {
                throw new IllegalArgumentException("give a registry or the tables to ask");
            }
            if (http == null) {
                http = registry != null ? registry.http() : VoHttp.newDefault();
            }
            if (bands == null) {
                bands = BandTable.standard();
            }
            return new SedSearch(this);
        }
    }
}
