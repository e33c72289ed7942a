package org.vokit.vowide;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.vokit.DeadlineException;
import org.vokit.HttpStatusException;
import org.vokit.QueryException;
import org.vokit.adql.Adql;
import org.vokit.adql.AdqlTemplate;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.FanoutTask;
import org.vokit.fanout.Failure;
import org.vokit.fanout.MergedTable;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import org.vokit.registry.Registry;
import org.vokit.tap.TableSet;
import org.vokit.tap.TapCapabilities;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;

/**
 * A VO-wide TAP query by UCD (course §7): find every (TAP service, table) whose columns match a
 * UCD pattern in a RegTAP registry, build per service the query that fills a common result schema
 * inside a cone, and run them all through the {@link Fanout} engine into one {@link MergedTable}.
 *
 * <p>Discovery is one registry query (grouped per service with {@code ivo_string_agg} where the
 * registry has it), over TAP capabilities and their auxiliary capabilities, leaving out tables
 * declared as service output. Per table, each result column is taken from the column whose UCD
 * equals the wanted one ignoring case, where a column with {@code ;meta.main} wins over one
 * without; a table missing one is left out with a reason in the report. Per service, the query
 * follows its TAPRegExt: with UNION (and CAST when a column needs a type), one query for all its
 * tables, else one per table; CAST types on the server, else values are converted locally;
 * IN_UNIT converts units on the server, else a factor computed locally from the declared units
 * is written into the query. A query using a feature the service advertised but then rejected
 * is asked again without the features.
 */
public final class VoWideQuery {

    private static final String PROV_IVOID = MergedTable.PROV_IVOID;
    private static final String PROV_TABLE = MergedTable.PROV_TABLE;
    private static final String SEP = "|#|";

    private final Registry registry;
    private final String ucdPattern;
    private final double ra;
    private final double dec;
    private final double sr;
    private final List<ResultColumn> schema;
    private final int maxTables;
    private final VoHttp http;
    private final Duration metadataTimeout;
    private final int parallel;

    private VoWideQuery(Builder b) {
        this.registry = Objects.requireNonNull(b.registry, "registry");
        this.ucdPattern = Objects.requireNonNull(b.ucd, "ucd pattern");
        this.ra = b.ra;
        this.dec = b.dec;
        this.sr = b.sr;
        this.schema = b.schema != null ? b.schema : ResultColumn.defaults(b.ucd);
        this.maxTables = b.maxTables;
        this.http = b.http != null ? b.http : registry.http();
        this.metadataTimeout = b.metadataTimeout;
        this.parallel = b.parallel;
        if (schema.stream().noneMatch(c -> base(c.ucd()).equals("pos.eq.ra"))
                || schema.stream().noneMatch(c -> base(c.ucd()).equals("pos.eq.dec"))) {
            throw new IllegalArgumentException("the result schema needs columns with UCDs pos.eq.ra and pos.eq.dec "
                    + "for the cone");
        }
    }

    /**
     * @param registry the RegTAP registry to search
     * @param ucdPattern the UCD pattern (SQL LIKE, e.g. {@code pos.pm%})
     * @return a builder
     */
    public static Builder builder(Registry registry, String ucdPattern) {
        return new Builder(registry, ucdPattern);
    }

    /** One TAP service and its matching tables, each with the ivoid of the resource listing it. */
    public record ServiceTables(URI accessUrl, Map<String, String> tableIvoids) {
        /**
         * Copies the map.
         *
         * @param accessUrl the TAP base URL
         * @param tableIvoids table name to ivoid, in name order
         */
        public ServiceTables {
            tableIvoids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tableIvoids));
        }
    }

    /**
     * What planning found.
     *
     * @param tasks the queries to run
     * @param problems services or tables left out (phase DISCOVERY or SKIPPED)
     * @param notes messages for the user (e.g. tables left out by {@code maxTables})
     * @param fallbacks for each task that uses UNION, CAST or IN_UNIT, the tasks to run instead
     *                  when the service rejects it
     */
    public record Plan(List<FanoutTask> tasks, List<Failure> problems, List<String> notes,
                       Map<FanoutTask, List<FanoutTask>> fallbacks) {
    }

    /**
     * What a run gave.
     *
     * @param report the merged report (discovery problems included)
     * @param notes messages for the user
     * @param query the query description kept in the result file
     */
    public record Result(FanoutReport report, List<String> notes, String query) {
    }

    /** @return the result columns, for {@link MergedTable#of(List)} */
    public List<ColumnInfo> columns() {
        return schema.stream().map(ResultColumn::columnInfo).toList();
    }

    /**
     * Describes the query for result files and logs; {@link #fromDescription} reads it back.
     *
     * @return the description: a first line {@code vowide ucd=P ra=R dec=D sr=S registry=URL},
     *     then one line {@code column name, UCD, unit, type} per result column
     */
    public String description() {
        StringBuilder s = new StringBuilder("vowide ucd=" + ucdPattern + " ra=" + ra + " dec=" + dec + " sr=" + sr
                + " registry=" + registry.endpoint());
        for (ResultColumn c : schema) {
            s.append("\ncolumn ").append(c.name()).append(", ").append(c.ucd()).append(", ")
                    .append(c.unit() == null ? "" : c.unit()).append(", ").append(c.type() == null ? "" : c.type());
        }
        return s.toString();
    }

    private static final java.util.regex.Pattern DESCRIPTION = java.util.regex.Pattern.compile(
            "vowide ucd=(\\S+) ra=(\\S+) dec=(\\S+) sr=(\\S+)(?: registry=(\\S+))?");

    /**
     * Reads the registry URL back from a {@link #description()}.
     *
     * @param description a description (e.g. the {@code vokit-query} INFO of a result file)
     * @return the registry's TAP URL, if the description names one (older ones do not)
     */
    public static Optional<URI> registryOf(String description) {
        java.util.regex.Matcher m = DESCRIPTION.matcher(description == null ? "" : description.strip());
        return m.lookingAt() && m.group(5) != null ? Optional.of(URI.create(m.group(5))) : Optional.empty();
    }

    /**
     * Starts a builder from a {@link #description()}: the UCD pattern, the cone and the result
     * columns are those described (so that {@code --resume} can plan again the services it could
     * not plan before).
     *
     * @param description the description
     * @param registry the registry to search (e.g. the one {@link #registryOf} gives)
     * @return a builder with the pattern, cone and schema set
     * @throws IllegalArgumentException if the text is not such a description
     */
    public static Builder fromDescription(String description, Registry registry) {
        String[] lines = Objects.requireNonNull(description, "description").strip().split("\\R");
        java.util.regex.Matcher m = DESCRIPTION.matcher(lines[0].strip());
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a vowide query description: " + lines[0]);
        }
        Builder b = builder(registry, m.group(1));
        try {
            b.cone(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad cone in the vowide query description: " + lines[0], e);
        }
        List<ResultColumn> cols = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("column ")) {
                continue;
            }
            String[] f = line.substring("column ".length()).split(",", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException("bad column in the vowide query description: " + line);
            }
            cols.add(new ResultColumn(f[0].strip(), f[1].strip(), f[2], f[3]));
        }
        return b.schema(cols.isEmpty() ? null : cols);
    }

    /**
     * Renders the registry query.
     *
     * @param grouped true to group per service with {@code ivo_string_agg}
     * @return the ADQL
     */
    public String discoveryQuery(boolean grouped) {
        String from = "FROM rr.capability\nNATURAL JOIN rr.interface\nNATURAL JOIN rr.res_table\n"
                + "NATURAL JOIN rr.table_column\n"
                + "WHERE standard_id LIKE {std}\nAND intf_role = 'std'\nAND ucd LIKE {ucd}\n"
                + "AND (table_type IS NULL OR NOT (table_type = 'output'))\n";
        String head = grouped
                ? "SELECT access_url, ivoid, ivo_string_agg(table_name, {sep}) AS tables\n" + from
                        + "GROUP BY access_url, ivoid"
                : "SELECT DISTINCT access_url, ivoid, table_name\n" + from;
        return AdqlTemplate.of(head).value("std", "ivo://ivoa.net/std/tap%")
                .value("ucd", ucdPattern.toLowerCase(Locale.ROOT)).value("sep", SEP).render();
    }

    /**
     * Finds the services and tables in the registry.
     *
     * @return one entry per TAP access URL
     * @throws IOException if the registry fails
     */
    public List<ServiceTables> discover() throws IOException {
        TapService reg = registry.tapService();
        boolean grouped;
        try {
            grouped = reg.capabilities().supportsUdf("ivo_string_agg");
        } catch (IOException e) {
            grouped = false;
        }
        TapResult r = reg.runSync(TapQuery.of(discoveryQuery(grouped)).withMaxrec(1_000_000)
                .withTimeout(metadataTimeout));
        Map<String, Map<String, String>> byUrl = new TreeMap<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                String url = str(row[0]);
                String ivoid = str(row[1]);
                String tables = str(row[2]);
                if (url == null || tables == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                    continue;
                }
                Map<String, String> m = byUrl.computeIfAbsent(url.strip(), k -> new TreeMap<>());
                for (String t : grouped ? tables.split(java.util.regex.Pattern.quote(SEP)) : new String[] {tables}) {
                    if (!t.isBlank()) {
                        m.putIfAbsent(t.strip(), ivoid);
                    }
                }
            }
        }
        List<ServiceTables> out = new ArrayList<>();
        byUrl.forEach((u, m) -> out.add(new ServiceTables(URI.create(u), m)));
        return out;
    }

    /**
     * Plans the queries: fetches each service's capabilities and table metadata (in parallel).
     *
     * @param services what {@link #discover()} found
     * @return the plan
     */
    public Plan plan(List<ServiceTables> services) {
        List<FanoutTask> tasks = new ArrayList<>();
        List<Failure> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<FanoutTask, List<FanoutTask>> fallbacks = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, services.size() + 1)), r -> {
            Thread t = new Thread(r, "vokit-vowide-plan");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<ServiceTables, Future<Plan>> futures = new LinkedHashMap<>();
            for (ServiceTables s : services) {
                futures.put(s, pool.submit(() -> planService(s)));
            }
            long end = System.nanoTime() + metadataTimeout.toNanos();
            for (Map.Entry<ServiceTables, Future<Plan>> e : futures.entrySet()) {
                ServiceTables s = e.getKey();
                try {
                    Plan p = e.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    tasks.addAll(p.tasks());
                    problems.addAll(p.problems());
                    notes.addAll(p.notes());
                    fallbacks.putAll(p.fallbacks());
                } catch (TimeoutException | ExecutionException | InterruptedException ex) {
                    e.getValue().cancel(true);
                    Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex instanceof TimeoutException
                            ? new DeadlineException("no table metadata within " + metadataTimeout.toSeconds() + " s",
                            s.accessUrl(), metadataTimeout, ex) : ex;
                    Failure f = Failure.of(serviceTask(s), Failure.Phase.DISCOVERY, cause);
                    problems.add(new Failure(f.task(), f.accessUrl(), f.ivoid(), null, f.phase(), f.errorClass(),
                            f.message(), null));
                    if (ex instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Plan(tasks, problems, notes, fallbacks);
    }

    private static FanoutTask serviceTask(ServiceTables s) {
        String ivoid = s.tableIvoids().values().stream().findFirst().orElse(null);
        return new FanoutTask(s.accessUrl().toString(), s.accessUrl(), ivoid, null, TapQuery.of("-- metadata"), false);
    }

    /** Plans one service: capabilities, tables, the queries. */
    Plan planService(ServiceTables s) throws IOException {
        TapService svc = TapService.builder(s.accessUrl()).http(http).syncTimeout(metadataTimeout).build();
        List<Failure> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Features f;
        try {
            TapCapabilities caps = svc.capabilities();
            f = new Features(caps.supportsUnion(),
                    caps.supportsFeature(TapCapabilities.FEATURE_ADQL_TYPE, "CAST"),
                    caps.supportsFeature(TapCapabilities.FEATURE_ADQL_UNIT, "IN_UNIT"));
        } catch (IOException e) {
            f = Features.NONE;
            notes.add(s.accessUrl() + ": no capabilities (" + e.getMessage() + "); querying without optional features");
        }
        TableSet tables = svc.tables();
        List<Map.Entry<String, String>> entries = new ArrayList<>(s.tableIvoids().entrySet());
        if (maxTables > 0 && entries.size() > maxTables) {
            notes.add(s.accessUrl() + ": " + (entries.size() - maxTables) + " of " + entries.size()
                    + " matching tables left out by --max-tables " + maxTables + " (first left out: "
                    + entries.get(maxTables).getKey() + ")");
            entries = entries.subList(0, maxTables);
        }
        List<String[]> featured = new ArrayList<>();
        List<String[]> plain = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            String table = e.getKey();
            String ivoid = e.getValue();
            Optional<TableSet.TableMeta> meta = find(tables, table);
            if (meta.isEmpty()) {
                problems.add(new Failure(table, s.accessUrl(), ivoid, table, Failure.Phase.DISCOVERY, "MissingTable",
                        "the service's table metadata has no table " + table, null));
                continue;
            }
            try {
                featured.add(new String[] {select(meta.get(), table, ivoid, f), ivoid, table});
                plain.add(new String[] {select(meta.get(), table, ivoid, Features.NONE), ivoid, table});
            } catch (IllegalArgumentException missing) {
                problems.add(new Failure(table, s.accessUrl(), ivoid, table, Failure.Phase.SKIPPED, "MissingUcd",
                        missing.getMessage(), null));
            }
        }
        List<FanoutTask> tasks = new ArrayList<>();
        Map<FanoutTask, List<FanoutTask>> fallbacks = new LinkedHashMap<>();
        List<FanoutTask> plainTasks = new ArrayList<>();
        for (String[] p : plain) {
            plainTasks.add(new FanoutTask(p[2] + " @ " + s.accessUrl().getHost() + ":" + s.accessUrl().getPort(),
                    s.accessUrl(), p[1], p[2], TapQuery.of(p[0]), false));
        }
        boolean needCast = schema.stream().anyMatch(c -> c.type() != null);
        if (f.union() && (f.cast() || !needCast) && featured.size() > 1) {
            // no parentheses around the SELECTs: DaCHS refuses a query that starts with "("
            // (none of them has TOP or ORDER BY, so each WHERE stays with its own SELECT)
            String adql = String.join("\nUNION\n", featured.stream().map(x -> x[0]).toList());
            FanoutTask t = new FanoutTask(s.accessUrl().getHost() + ":" + s.accessUrl().getPort() + s.accessUrl().getPath()
                    + " (" + featured.size() + " tables, UNION)", s.accessUrl(), featured.get(0)[1], null,
                    TapQuery.of(adql), false);
            tasks.add(t);
            fallbacks.put(t, plainTasks);
        } else {
            for (int i = 0; i < featured.size(); i++) {
                FanoutTask t = plainTasks.get(i).withQuery(TapQuery.of(featured.get(i)[0]));
                tasks.add(t);
                if (!featured.get(i)[0].equals(plain.get(i)[0])) {
                    fallbacks.put(t, List.of(plainTasks.get(i)));
                }
            }
        }
        return new Plan(tasks, problems, notes, fallbacks);
    }

    /** The optional ADQL features a service declares. */
    record Features(boolean union, boolean cast, boolean inUnit) {
        static final Features NONE = new Features(false, false, false);
    }

    /** Builds one table's SELECT; throws IllegalArgumentException naming a missing UCD. */
    String select(TableSet.TableMeta meta, String table, String ivoid, Features f) {
        List<String> items = new ArrayList<>();
        String raCol = null;
        String decCol = null;
        for (ResultColumn c : schema) {
            TableSet.ColumnDesc col = column(meta, c.ucd()).orElseThrow(() -> new IllegalArgumentException(
                    "table " + table + " has no column with UCD " + c.ucd()));
            String expr = Adql.identifier(col.name());
            String bare = base(c.ucd());
            if (bare.equals("pos.eq.ra") && raCol == null) {
                raCol = expr;
            } else if (bare.equals("pos.eq.dec") && decCol == null) {
                decCol = expr;
            }
            if (c.unit() != null && col.unit() != null && !col.unit().isBlank()
                    && !col.unit().strip().equals(c.unit())) {
                if (f.inUnit()) {
                    expr = "IN_UNIT(" + expr + ", " + Adql.stringLiteral(c.unit()) + ")";
                } else {
                    OptionalDouble k = Units.factor(col.unit(), c.unit());
                    if (k.isPresent() && k.getAsDouble() != 1) {
                        expr = "(" + expr + " * " + Adql.numberLiteral(k.getAsDouble()) + ")";
                    }
                }
            }
            if (c.type() != null && f.cast()) {
                expr = "CAST(" + expr + " AS " + c.type() + ")";
            }
            items.add(expr + " AS " + Adql.identifier(c.name()));
        }
        items.add(Adql.stringLiteral(ivoid == null ? "" : ivoid) + " AS " + PROV_IVOID);
        items.add(Adql.stringLiteral(table) + " AS " + PROV_TABLE);
        return "SELECT " + String.join(", ", items) + "\nFROM " + Adql.tableName(table)
                + "\nWHERE 1 = CONTAINS(POINT('ICRS', " + raCol + ", " + decCol + "), CIRCLE('ICRS', "
                + Adql.numberLiteral(ra) + ", " + Adql.numberLiteral(dec) + ", " + Adql.numberLiteral(sr) + "))";
    }

    /**
     * Picks the column for a UCD: exact (ignoring case); a column with {@code ;meta.main} is
     * preferred over one without. A pattern with {@code %} is matched as SQL LIKE.
     */
    static Optional<TableSet.ColumnDesc> column(TableSet.TableMeta meta, String ucd) {
        String want = base(ucd);
        boolean like = want.contains("%");
        java.util.regex.Pattern p = like ? java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(want).replace("%", "\\E.*\\Q")) : null;
        TableSet.ColumnDesc plain = null;
        for (TableSet.ColumnDesc c : meta.columns()) {
            if (c.ucd() == null) {
                continue;
            }
            String have = base(c.ucd());
            boolean match = like ? p.matcher(have).matches() : have.equals(want);
            if (!match) {
                continue;
            }
            if (isMain(c.ucd())) {
                return Optional.of(c);
            }
            if (plain == null) {
                plain = c;
            }
        }
        return Optional.ofNullable(plain);
    }

    private static boolean isMain(String ucd) {
        return ucd.toLowerCase(Locale.ROOT).replace(" ", "").contains(";meta.main");
    }

    static String base(String ucd) {
        return ucd.toLowerCase(Locale.ROOT).replace(" ", "").replace(";meta.main", "");
    }

    private static Optional<TableSet.TableMeta> find(TableSet tables, String name) {
        Optional<TableSet.TableMeta> t = tables.table(name);
        if (t.isPresent()) {
            return t;
        }
        String want = name.replace("\"", "").toLowerCase(Locale.ROOT);
        return tables.tables().stream().filter(m -> m.name().replace("\"", "").toLowerCase(Locale.ROOT).equals(want))
                .findFirst();
    }

    /**
     * Discovers, plans and runs: one engine run, then a second for the services that rejected a
     * feature they advertised (asked again without it).
     *
     * @param engine the engine
     * @param sink where the rows go (made with {@link #columns()})
     * @param listener progress, or null
     * @return the result
     * @throws IOException if the registry fails (service failures are in the report instead)
     */
    public Result run(Fanout engine, MergedTable sink, ProgressListener listener) throws IOException {
        long t0 = System.nanoTime();
        Plan plan = plan(discover());
        return runPlan(engine, plan, sink, listener, t0);
    }

    /**
     * Runs a plan (and the fallbacks of rejected features).
     *
     * @param engine the engine
     * @param plan the plan
     * @param sink the sink
     * @param listener progress, or null
     * @param t0 {@link System#nanoTime()} when the whole run began
     * @return the result
     */
    public Result runPlan(Fanout engine, Plan plan, MergedTable sink, ProgressListener listener, long t0) {
        // a task that may be asked again without a feature only counts as failed (for the listener)
        // once it is known that it will not be: its failure is held back until the first run ends
        java.util.Set<String> mayFallBack = new java.util.HashSet<>();
        plan.fallbacks().keySet().forEach(t -> mayFallBack.add(t.label()));
        Map<String, ProgressEvent> held = new java.util.concurrent.ConcurrentHashMap<>();
        ProgressListener firstListener = listener == null ? null : e -> {
            if (e.kind() == ProgressEvent.Kind.FAILED && mayFallBack.contains(e.task())) {
                held.put(e.task(), e);
            } else {
                listener.onEvent(e);
            }
        };
        FanoutReport first = engine.run(plan.tasks(), sink, firstListener);
        List<Failure> failures = new ArrayList<>(plan.problems());
        List<FanoutTask> again = new ArrayList<>();
        List<String> notes = new ArrayList<>(plan.notes());
        for (Failure f : first.failures()) {
            FanoutTask t = plan.tasks().stream().filter(x -> x.label().equals(f.task())
                    && x.accessUrl().equals(f.accessUrl())).findFirst().orElse(null);
            List<FanoutTask> fb = t == null ? null : plan.fallbacks().get(t);
            ProgressEvent heldEvent = held.remove(f.task());
            if (fb != null && rejected(f)) {
                notes.add(f.accessUrl() + " rejected a query using features it advertises (" + f.message()
                        + "); asked again without UNION/CAST/IN_UNIT");
                again.addAll(fb);
                if (listener != null && fb.stream().noneMatch(x -> x.label().equals(f.task()))) {
                    // replaced by tasks of other names: this one ends here, neither answered nor failed
                    listener.onEvent(ProgressEvent.skipped(f.task(), f.accessUrl().toString(),
                            "asked again without UNION/CAST/IN_UNIT"));
                }
            } else {
                failures.add(f);
                if (listener != null && heldEvent != null) {
                    listener.onEvent(heldEvent);
                }
            }
        }
        if (listener != null) {
            held.values().forEach(listener::onEvent);
        }
        long answered = first.answered();
        long rows = first.rows();
        if (!again.isEmpty()) {
            FanoutReport second = engine.run(again, sink, listener);
            failures.addAll(second.failures());
            answered += second.answered();
            rows += second.rows();
        }
        int tasks = plan.tasks().size() - (int) first.failures().stream().filter(this::rejectedAny).count()
                + again.size() + plan.problems().size();
        FanoutReport report = new FanoutReport(Math.max(tasks, (int) answered), (int) answered, rows, failures,
                Duration.ofNanos(System.nanoTime() - t0));
        return new Result(report, notes, description());
    }

    private boolean rejectedAny(Failure f) {
        return rejected(f);
    }

    private static boolean rejected(Failure f) {
        return f.phase() == Failure.Phase.QUERY && (QueryException.class.getSimpleName().equals(f.errorClass())
                || HttpStatusException.class.getSimpleName().equals(f.errorClass()) && f.message().startsWith("HTTP 400"));
    }

    private static String str(Object o) {
        if (o == null) {
            return null;
        }
        String s = o instanceof char[] c ? new String(c) : o.toString();
        return s.isBlank() ? null : s;
    }

    /** Configures a {@link VoWideQuery}. */
    public static final class Builder {
        private final Registry registry;
        private final String ucd;
        private double ra;
        private double dec;
        private double sr = 0.1;
        private List<ResultColumn> schema;
        private int maxTables;
        private VoHttp http;
        private Duration metadataTimeout = Duration.ofSeconds(60);
        private int parallel = 8;

        private Builder(Registry registry, String ucd) {
            this.registry = registry;
            this.ucd = ucd;
        }

        /**
         * @param raDeg the cone's centre RA in degrees
         * @param decDeg the cone's centre Dec in degrees
         * @param radiusDeg the cone's radius in degrees
         * @return this
         */
        public Builder cone(double raDeg, double decDeg, double radiusDeg) {
            if (!(raDeg >= 0 && raDeg <= 360) || !(decDeg >= -90 && decDeg <= 90) || !(radiusDeg > 0 && radiusDeg <= 180)) {
                throw new IllegalArgumentException("bad cone: ra " + raDeg + ", dec " + decDeg + ", sr " + radiusDeg
                        + " (need 0<=ra<=360, -90<=dec<=90, 0<sr<=180)");
            }
            this.ra = raDeg;
            this.dec = decDeg;
            this.sr = radiusDeg;
            return this;
        }

        /**
         * @param columns the result schema, or null for {@link ResultColumn#defaults(String)}
         * @return this
         */
        public Builder schema(List<ResultColumn> columns) {
            this.schema = columns == null ? null : List.copyOf(columns);
            return this;
        }

        /**
         * @param n the most tables asked per service (0: all)
         * @return this
         */
        public Builder maxTables(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("--max-tables must not be negative: " + n);
            }
            this.maxTables = n;
            return this;
        }

        /**
         * @param client the client for the services' metadata (default: the registry's)
         * @return this
         */
        public Builder http(VoHttp client) {
            this.http = client;
            return this;
        }

        /**
         * @param d time allowed for the registry query and for each service's metadata
         * @return this
         */
        public Builder metadataTimeout(Duration d) {
            this.metadataTimeout = Objects.requireNonNull(d);
            return this;
        }

        /**
         * @param n services whose metadata is fetched at once
         * @return this
         */
        public Builder parallel(int n) {
            this.parallel = Math.max(1, n);
            return this;
        }

        /** @return the query */
        public VoWideQuery build() {
            return new VoWideQuery(this);
        }
    }
}
