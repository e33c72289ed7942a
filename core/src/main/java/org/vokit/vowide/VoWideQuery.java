package org.vokit.vowide;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.vokit.AccessException;
import org.vokit.DeadlineException;
import org.vokit.QueryException;
import org.vokit.adql.Adql;
import org.vokit.adql.AdqlTemplate;
import org.vokit.discovery.ServiceTask;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.registry.Registry;
import org.vokit.tap.TableSet;
import org.vokit.tap.TapCapabilities;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * A VO-wide TAP query by UCD: which services and tables to ask ({@link #discover()}, one
 * registry query), and one {@link ServiceTask} per service that asks it for the rows within a
 * cone, mapped onto one output schema ({@link #columns()}).
 *
 * <p>For each table, each schema column is found by UCD in the service's own table metadata
 * (exact, case-insensitive, {@code meta.main} preferred; a table lacking a required one is left
 * out with the reason). A service that declares UNION gets one query for all its tables (with
 * aliased columns of matching types), others one query per table; a service that declares
 * {@code IN_UNIT} converts units itself, otherwise values are converted here from the declared
 * units. A service that rejects a feature it declared is asked again without it. Each service is
 * asked at most {@code perHost} at a time per host, and a query broken by a connection failure is
 * asked once more while time remains. Everything notable that is not a failure (tables left out,
 * features retried, values left unconverted) is kept in {@link #notes()}.
 *
 * <p>Instances are thread-safe; their tasks share one host limit and one list of notes.
 */
public final class VoWideQuery {

    private static final System.Logger LOG = System.getLogger(VoWideQuery.class.getPackageName());

    private final Registry registry;
    private final VoHttp http;
    private final String ucdPattern;
    private final double ra;
    private final double dec;
    private final double radius;
    private final List<SchemaColumn> schema;
    private final int maxTables;
    private final int perHost;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    private VoWideQuery(Builder b) {
        this.registry = b.registry;
        this.http = b.http;
        this.ucdPattern = b.ucdPattern;
        this.ra = b.ra;
        this.dec = b.dec;
        this.radius = b.radius;
        this.schema = b.schema != null ? List.copyOf(b.schema) : SchemaColumn.defaults(b.ucdPattern);
        this.maxTables = b.maxTables;
        this.perHost = b.perHost;
    }

    /**
     * Starts a query.
     *
     * @param registry the registry to discover services in (may be null if only
     *     {@link #tasks(List)} with known services is used)
     * @param http the HTTP client every service borrows
     * @return a builder
     */
    public static Builder builder(Registry registry, VoHttp http) {
        return new Builder(registry, http);
    }

    /** @return the output columns (without the provenance columns the runner adds) */
    public List<ColumnInfo> columns() {
        return schema.stream().map(SchemaColumn::columnInfo).toList();
    }

    /** @return the output schema */
    public List<SchemaColumn> schema() {
        return schema;
    }

    /** @return the UCD pattern */
    public String ucdPattern() {
        return ucdPattern;
    }

    /** @return the cone's centre RA, centre Dec and radius, in degrees */
    public double[] cone() {
        return new double[] {ra, dec, radius};
    }

    /** @return what happened that was not a failure: tables left out, features retried, … */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    /** @return a one-line description of the query, e.g. for a result's parameters */
    public String describe() {
        return String.format(Locale.ROOT, "VO-wide TAP: columns with UCD %s within %s deg of (%s, %s)", ucdPattern,
                num(radius), num(ra), num(dec));
    }

    /**
     * Returns the registry query {@link #discover()} sends.
     *
     * @return the ADQL
     */
    public String registryQuery() {
        return AdqlTemplate.of("SELECT DISTINCT ivoid, access_url, table_name\n"
                + "FROM rr.capability\n"
                + "NATURAL JOIN rr.interface\n"
                + "NATURAL JOIN rr.res_table\n"
                + "NATURAL JOIN rr.table_column\n"
                + "WHERE standard_id LIKE {tap}\n"
                + "AND intf_role = 'std'\n"
                + "AND ucd LIKE {ucd}\n"
                + "AND (table_type IS NULL OR NOT (table_type = 'output'))\n"
                + "ORDER BY ivoid, access_url, table_name")
                .value("tap", "ivo://ivoa.net/std/tap%")
                .value("ucd", ucdPattern.strip().toLowerCase(Locale.ROOT)).render();
    }

    /**
     * Finds the services and tables to ask, in one registry query, grouped per service; tables
     * beyond the per-service limit are left out with a note.
     *
     * @return the services, in registry order
     * @throws IOException if the registry fails
     */
    public List<ServiceTables> discover() throws IOException {
        Objects.requireNonNull(registry, "this query was built without a registry");
        TapResult r = registry.tapService().runSync(TapQuery.of(registryQuery()).withMaxrec(100_000));
        int iv = r.columnIndex("ivoid");
        int url = r.columnIndex("access_url");
        int tn = r.columnIndex("table_name");
        Map<String, List<String>> tables = new LinkedHashMap<>();
        Map<String, String> ivoids = new LinkedHashMap<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                String u = row[url] == null ? null : String.valueOf(row[url]).strip();
                if (u == null || !u.matches("(?i)https?://.+") || row[tn] == null) {
                    continue;
                }
                List<String> list = tables.computeIfAbsent(u, k -> new ArrayList<>());
                String t = String.valueOf(row[tn]).strip();
                if (!list.contains(t)) {
                    list.add(t);
                }
                ivoids.putIfAbsent(u, row[iv] == null ? null : String.valueOf(row[iv]));
            }
        }
        List<ServiceTables> found = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : tables.entrySet()) {
            List<String> ts = e.getValue();
            int left = Math.max(0, ts.size() - maxTables);
            if (left > 0) {
                note(e.getKey() + ": " + left + " of " + ts.size() + " matching tables left out (--max-tables "
                        + maxTables + ")");
                ts = ts.subList(0, maxTables);
            }
            found.add(new ServiceTables(URI.create(e.getKey()), ivoids.get(e.getKey()), ts, left));
        }
        return found;
    }

    /**
     * Makes one task per service.
     *
     * @param services the services and their tables
     * @return the tasks, in the same order
     */
    public List<ServiceTask> tasks(List<ServiceTables> services) {
        List<ServiceTask> tasks = new ArrayList<>();
        for (ServiceTables s : services) {
            String label = s.ivoid() != null ? s.ivoid().replaceFirst("^ivo://", "")
                    : s.accessUrl().toString().replaceFirst("^(?i)https?://", "");
            tasks.add(new ServiceTask(label, s.accessUrl(), s.ivoid(), String.join(",", s.tables()),
                    (rows, timeout) -> askService(s, rows, Deadline.in(timeout))));
        }
        return tasks;
    }

    // ------------------------------------------------------------------ one service

    /** How one table's columns map onto the schema. */
    private record Plan(String table, String raCol, String decCol, List<Source> sources) {
    }

    /** Where one output column comes from: a table column (or none), its unit and datatype. */
    private record Source(SchemaColumn out, TableSet.ColumnDesc column) {
    }

    private void askService(ServiceTables s, ServiceTask.Rows rows, Deadline deadline)
            throws IOException, InterruptedException {
        Semaphore host = hosts.computeIfAbsent(s.accessUrl().getHost() + ":" + s.accessUrl().getPort(),
                k -> new Semaphore(perHost, true));
        if (!host.tryAcquire(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS)) {
            throw new DeadlineException("waited for a free connection to " + s.accessUrl().getHost()
                    + " (at most " + perHost + " at once) until the time ran out", s.accessUrl(),
                    deadline.remaining(), null);
        }
        try {
            TapService tap = TapService.builder(s.accessUrl()).http(http).syncTimeout(positive(deadline)).build();
            TapCapabilities caps = null;
            try {
                caps = tap.capabilities();
            } catch (IOException e) {
                note(s.accessUrl() + ": no capabilities (" + e.getMessage() + "); asking without optional features");
            }
            List<Plan> plans = new ArrayList<>();
            List<String> why = new ArrayList<>();
            for (String t : s.tables()) {
                Optional<Plan> p = plan(tap, t, why, deadline);
                p.ifPresent(plans::add);
            }
            for (String w : why) {
                note(s.accessUrl() + ": " + w);
            }
            if (plans.isEmpty()) {
                throw new ServiceTask.NotApplicable(String.join("; ", why));
            }
            boolean inUnit = caps != null && caps.supportsFeature(TapCapabilities.FEATURE_ADQL_UNIT, "IN_UNIT");
            if (caps != null && caps.supportsUnion() && plans.size() > 1 && sameTypes(plans)) {
                try {
                    run(tap, unionQuery(plans, inUnit), plans.get(0), inUnit, rows, deadline);
                    return;
                } catch (QueryException e) {
                    note(s.accessUrl() + ": declares UNION but rejected the union query (" + oneLine(e)
                            + "); asked table by table");
                }
            }
            IOException first = null;
            int answered = 0;
            for (Plan p : plans) {
                try {
                    try {
                        run(tap, select(p, inUnit), p, inUnit, rows, deadline);
                    } catch (QueryException e) {
                        if (!inUnit || !needsUnit(p)) {
                            throw e;
                        }
                        note(s.accessUrl() + ": declares IN_UNIT but rejected it on " + p.table()
                                + "; units converted here");
                        run(tap, select(p, false), p, false, rows, deadline);
                    }
                    answered++;
                } catch (IOException e) {
                    if (deadline.expired()) {
                        throw e;
                    }
                    note(s.accessUrl() + ": table " + p.table() + " failed: " + oneLine(e));
                    first = first == null ? e : first;
                }
            }
            if (answered == 0 && first != null) {
                throw first;
            }
        } finally {
            host.release();
        }
    }

    /**
     * One table's metadata: its own VOSI document first ({@code /tables/NAME}, small), the
     * service's whole table set only when that fails (large services list thousands of tables).
     */
    private Optional<TableSet.TableMeta> tableMeta(TapService tap, String table, Deadline deadline)
            throws IOException {
        URI one = URI.create(tap.tablesUrl() + "/" + java.net.URLEncoder.encode(table,
                java.nio.charset.StandardCharsets.UTF_8));
        try (org.vokit.http.VoResponse r = http.sendOk(org.vokit.http.VoRequest.get(one), deadline)) {
            Optional<TableSet.TableMeta> t = TableSet.parse(r.body(), one).table(table);
            if (t.isPresent() && t.get().hasColumns()) {
                return t;
            }
        } catch (org.vokit.HttpStatusException | org.vokit.FormatException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> one + " did not give the table: " + e.getMessage());
        }
        return tap.table(table);
    }

    private Optional<Plan> plan(TapService tap, String table, List<String> why, Deadline deadline)
            throws IOException {
        Optional<TableSet.TableMeta> meta = tableMeta(tap, table, deadline);
        if (meta.isEmpty() || !meta.get().hasColumns()) {
            why.add("table " + table + " left out: the service does not describe it");
            return Optional.empty();
        }
        List<TableSet.ColumnDesc> cols = meta.get().columns();
        Optional<TableSet.ColumnDesc> raCol = find(cols, new SchemaColumn("ra", "pos.eq.ra", null, "double", true));
        Optional<TableSet.ColumnDesc> decCol = find(cols, new SchemaColumn("dec", "pos.eq.dec", null, "double", true));
        if (raCol.isEmpty() || decCol.isEmpty()) {
            why.add("table " + table + " left out: no columns with UCDs pos.eq.ra and pos.eq.dec");
            return Optional.empty();
        }
        List<Source> sources = new ArrayList<>();
        for (SchemaColumn c : schema) {
            Optional<TableSet.ColumnDesc> col = find(cols, c);
            if (col.isEmpty() && c.required()) {
                why.add("table " + table + " left out: no column with UCD " + c.ucd() + " (for " + c.name() + ")");
                return Optional.empty();
            }
            sources.add(new Source(c, col.orElse(null)));
        }
        return Optional.of(new Plan(meta.get().name(), raCol.get().name(), decCol.get().name(), sources));
    }

    /** The column with a matching UCD, one with {@code meta.main} first. */
    private static Optional<TableSet.ColumnDesc> find(List<TableSet.ColumnDesc> cols, SchemaColumn c) {
        TableSet.ColumnDesc any = null;
        for (TableSet.ColumnDesc d : cols) {
            if (c.matches(d.ucd())) {
                if (SchemaColumn.hasMain(d.ucd())) {
                    return Optional.of(d);
                }
                any = any == null ? d : any;
            }
        }
        return Optional.ofNullable(any);
    }

    private String select(Plan p, boolean inUnit) {
        List<String> items = new ArrayList<>();
        for (Source s : p.sources()) {
            String expr;
            if (s.column() == null) {
                expr = "NULL";
            } else {
                expr = Adql.identifier(s.column().name());
                if (inUnit && unitDiffers(s)) {
                    expr = "IN_UNIT(" + expr + ", " + Adql.stringLiteral(s.out().unit()) + ")";
                }
            }
            items.add(expr + " AS " + Adql.identifier(s.out().name()));
        }
        return "SELECT " + String.join(", ", items) + "\nFROM " + Adql.tableName(p.table())
                + "\nWHERE 1 = CONTAINS(POINT('ICRS', " + Adql.identifier(p.raCol()) + ", "
                + Adql.identifier(p.decCol()) + "), CIRCLE('ICRS', " + Adql.numberLiteral(ra) + ", "
                + Adql.numberLiteral(dec) + ", " + Adql.numberLiteral(radius) + "))";
    }

    private String unionQuery(List<Plan> plans, boolean inUnit) {
        List<String> parts = new ArrayList<>();
        for (Plan p : plans) {
            parts.add(select(p, inUnit));
        }
        return String.join("\nUNION ALL\n", parts);
    }

    /** Whether every output column has the same datatype and unit in every table (UNION needs that). */
    private static boolean sameTypes(List<Plan> plans) {
        Plan first = plans.get(0);
        for (Plan p : plans) {
            for (int i = 0; i < p.sources().size(); i++) {
                TableSet.ColumnDesc a = first.sources().get(i).column();
                TableSet.ColumnDesc b = p.sources().get(i).column();
                if (a == null || b == null) {
                    return false;
                }
                if (!Objects.equals(lower(a.datatype()), lower(b.datatype()))
                        || !Objects.equals(lower(a.unit()), lower(b.unit()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean needsUnit(Plan p) {
        return p.sources().stream().anyMatch(VoWideQuery::unitDiffers);
    }

    private static boolean unitDiffers(Source s) {
        return s.column() != null && s.out().unit() != null && s.column().unit() != null
                && !s.column().unit().strip().equalsIgnoreCase(s.out().unit());
    }

    /** Runs one query, converting and buffering its rows, once more if the connection broke. */
    private void run(TapService tap, String adql, Plan plan, boolean inUnit, ServiceTask.Rows rows,
                     Deadline deadline) throws IOException {
        double[] factors = new double[plan.sources().size()];
        for (int i = 0; i < factors.length; i++) {
            Source s = plan.sources().get(i);
            factors[i] = 1;
            if (!inUnit && unitDiffers(s)) {
                OptionalDouble f = Units.factor(s.column().unit(), s.out().unit());
                if (f.isPresent()) {
                    factors[i] = f.getAsDouble();
                } else {
                    note(tap.baseUrl() + ": " + plan.table() + "." + s.column().name() + " is in "
                            + s.column().unit() + ", which cannot be converted to " + s.out().unit()
                            + " here; values kept as they are");
                }
            }
        }
        TapResult r;
        try {
            r = tap.runSync(TapQuery.of(adql).withTimeout(positive(deadline)));
        } catch (AccessException e) {
            if (deadline.expired() || e instanceof DeadlineException) {
                throw e;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + tap.baseUrl() + " once: " + e.getMessage());
            r = tap.runSync(TapQuery.of(adql).withTimeout(positive(deadline)));
        }
        if (r.overflowed()) {
            note(tap.baseUrl() + ": the answer for " + plan.table() + " was cut at the service's row limit");
        }
        List<Object[]> buffered = new ArrayList<>();
        try (RowSequence rs = r.rows()) {
            while (rs.next()) {
                Object[] in = rs.getRow();
                Object[] out = new Object[schema.size()];
                for (int i = 0; i < out.length && i < in.length; i++) {
                    out[i] = convert(in[i], schema.get(i).type(), factors[i]);
                }
                buffered.add(out);
            }
        }
        for (Object[] row : buffered) {
            rows.accept(row);
        }
    }

    static Object convert(Object v, String type, double factor) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case "string":
                return v instanceof char[] cs ? new String(cs).strip() : String.valueOf(v).strip();
            case "long":
                if (v instanceof Number n) {
                    return n.longValue();
                }
                try {
                    return Long.parseLong(String.valueOf(v).strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            default:
                double d;
                if (v instanceof Float f) {
                    d = Double.parseDouble(f.toString());     // keep the decimal value the service sent
                } else if (v instanceof Number n) {
                    d = n.doubleValue();
                } else {
                    try {
                        d = Double.parseDouble(String.valueOf(v).strip());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                return Double.isNaN(d) ? null : d * factor;
        }
    }

    private void note(String line) {
        notes.add(line);
    }

    private static Duration positive(Deadline d) {
        Duration left = d.remaining();
        return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String num(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Builder of {@link VoWideQuery}. */
    public static final class Builder {
        private final Registry registry;
        private final VoHttp http;
        private String ucdPattern;
        private double ra = Double.NaN;
        private double dec = Double.NaN;
        private double radius = Double.NaN;
        private List<SchemaColumn> schema;
        private int maxTables = 20;
        private int perHost = 4;

        private Builder(Registry registry, VoHttp http) {
            this.registry = registry;
            this.http = Objects.requireNonNull(http, "http");
        }

        /**
         * @param pattern the UCD (pattern) the tables must carry, e.g. {@code pos.pm%}
         * @return this builder
         */
        public Builder ucd(String pattern) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("a UCD pattern is needed, e.g. pos.pm%");
            }
            this.ucdPattern = pattern.strip();
            return this;
        }

        /**
         * @param raDeg centre RA in degrees, in [0, 360)
         * @param decDeg centre Dec in degrees, in [-90, 90]
         * @param radiusDeg radius in degrees, in (0, 180]
         * @return this builder
         */
        public Builder cone(double raDeg, double decDeg, double radiusDeg) {
            if (!(raDeg >= 0 && raDeg < 360)) {
                throw new IllegalArgumentException("RA must be in [0, 360) degrees: " + raDeg);
            }
            if (!(decDeg >= -90 && decDeg <= 90)) {
                throw new IllegalArgumentException("Dec must be in [-90, 90] degrees: " + decDeg);
            }
            if (!(radiusDeg > 0 && radiusDeg <= 180)) {
                throw new IllegalArgumentException("the radius must be in (0, 180] degrees: " + radiusDeg);
            }
            this.ra = raDeg;
            this.dec = decDeg;
            this.radius = radiusDeg;
            return this;
        }

        /**
         * @param columns the output schema (default: {@link SchemaColumn#defaults(String)})
         * @return this builder
         */
        public Builder schema(List<SchemaColumn> columns) {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("the schema has no columns");
            }
            this.schema = List.copyOf(columns);
            return this;
        }

        /**
         * @param n the most tables asked per service (default 20)
         * @return this builder
         */
        public Builder maxTables(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("the table limit must be at least 1: " + n);
            }
            this.maxTables = n;
            return this;
        }

        /**
         * @param n the most services of one host asked at once (default 4)
         * @return this builder
         */
        public Builder perHost(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("the per-host limit must be at least 1: " + n);
            }
            this.perHost = n;
            return this;
        }

        /** @return the query */
        public VoWideQuery build() {
            if (ucdPattern == null) {
                throw new IllegalArgumentException("a UCD pattern is needed, e.g. pos.pm%");
            }
            if (Double.isNaN(ra)) {
                throw new IllegalArgumentException("a position and radius are needed");
            }
            return new VoWideQuery(this);
        }
    }
}
