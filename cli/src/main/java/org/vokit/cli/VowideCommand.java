package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.vokit.discovery.Failure;
import org.vokit.discovery.RunReport;
import org.vokit.discovery.ServiceTask;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressEvent;
import org.vokit.registry.Registry;
import org.vokit.vowide.SchemaColumn;
import org.vokit.vowide.ServiceHealth;
import org.vokit.vowide.ServiceTables;
import org.vokit.vowide.VoWideQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.DefaultValueInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.StarTable;

/**
 * {@code vokit vowide}: one cone query over every registered TAP table with a column of a UCD,
 * merged into one table, with resume from an earlier result and a memory of how services fared.
 */
@Command(name = "vowide", header = "Query every TAP table with columns of given UCDs.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask every TAP table the registry lists with a column of a UCD (e.g. pos.pm%% for proper "
                + "motions) for its rows within a cone, all services in parallel, and write one table: provenance "
                + "columns (service_url, ivoid, table_name), then id, ra, dec and the UCD's columns (pmra, pmde in "
                + "mas/yr for pos.pm%%), or the columns of --schema.",
            "Each service has --timeout seconds (default 60) for all its tables. Progress and the failure report go "
                + "to standard error; the report and the query are also kept in the output, so that --resume FILE "
                + "asks again only the services that failed. Exit status: 0 all services answered, 4 a result was "
                + "written but some services failed, 1 nothing answered, 2 bad input.",
            "Service health: how each service fared is kept in $XDG_STATE_HOME/vokit/service-health.tsv "
                + "(default ~/.local/state/vokit/service-health.tsv); slow services are started first, and one that "
                + "failed on each of its last 3 runs within 24 h is skipped (reported) unless --retry-failed."},
        footer = {"", "Examples:",
            "  vokit vowide --ucd 'pos.pm%' --ra 40 --dec 40 --sr 1 --format text",
            "  vokit vowide --registry http://127.0.0.1:8089/tap --ucd 'pos.pm%' --ra 10 --dec 20 --sr 0.5"
                + " --out pm.vot",
            "  vokit vowide --resume pm.vot --out pm2.vot"})
final class VowideCommand implements Callable<Integer> {

    private static final String P = "vowide_";

    @Spec
    CommandSpec spec;

    @Mixin
    DiscoveryRun.Options discovery;

    @Option(names = "--ucd", paramLabel = "PATTERN", description = "UCD (LIKE pattern) the tables must carry.")
    String ucd;

    @Option(names = "--ra", paramLabel = "DEG", description = "Cone centre, right ascension (ICRS degrees).")
    Double ra;

    @Option(names = "--dec", paramLabel = "DEG", description = "Cone centre, declination (ICRS degrees).")
    Double dec;

    @Option(names = "--sr", paramLabel = "DEG", description = "Cone radius in degrees.")
    Double sr;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "Output columns: a table (any format STIL reads) with columns name, ucd, and optionally "
                    + "unit, type (double, long, string) and required (true/false).")
    Path schemaFile;

    @Option(names = "--per-host", paramLabel = "N", description = "Services of one host asked at once (default 4).")
    int perHost = 4;

    @Option(names = "--max-tables", paramLabel = "N", description = "The most tables asked per service (default 20).")
    int maxTables = 20;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "An earlier vokit vowide result: keep its rows, ask again only the services that failed.")
    Path resume;

    @Option(names = "--no-health", description = "Neither read nor update the service-health file.")
    boolean noHealth;

    @Option(names = "--retry-failed", description = "Ask services that failed on each of their last 3 runs too.")
    boolean retryFailed;

    @Option(names = "--health-file", paramLabel = "FILE", description = "Service-health file (default: see above).")
    Path healthFile;

    @Option(names = "--table", paramLabel = "URL,TABLE",
            description = "Also ask this table of this TAP service (repeatable), e.g. one not in the registry.")
    List<String> extraTables = new ArrayList<>();

    @Option(names = "--no-registry", description = "Ask only the --table tables; do not ask the registry.")
    boolean noRegistry;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        run.applyDebug();
        Duration timeout = run.timeout(Duration.ofSeconds(60));
        PrintWriter err = spec.commandLine().getErr();
        StarTable previous = null;
        Set<String> failedBefore = null;
        if (resume != null) {
            previous = DiscoveryRun.readTable("--resume", resume);
            failedBefore = fromPrevious(previous);
        }
        if (ucd == null || ra == null || dec == null || sr == null) {
            throw new IllegalArgumentException("--ucd, --ra, --dec and --sr are needed (or --resume FILE)");
        }
        List<SchemaColumn> schema = null;
        if (schemaFile != null) {
            schema = SchemaColumn.read(readSchema(schemaFile), "--schema " + schemaFile);
        } else if (previous != null) {
            schema = previousSchema(previous);
        }
        VoHttp http = VoHttp.newDefault();
        Registry reg = noRegistry ? null : Registry.builder(discovery.registryUri()).http(http).timeout(timeout).build();
        VoWideQuery.Builder qb = VoWideQuery.builder(reg, http).ucd(ucd).cone(ra, dec, sr).maxTables(maxTables)
                .perHost(perHost);
        if (schema != null) {
            qb.schema(schema);
        }
        VoWideQuery query = qb.build();
        List<ServiceTables> services = new ArrayList<>();
        if (!noRegistry) {
            services.addAll(query.discover());
        } else if (extraTables.isEmpty()) {
            throw new IllegalArgumentException("--no-registry needs at least one --table");
        }
        services.addAll(extra());
        if (failedBefore != null) {
            Set<String> again = failedBefore;
            services.removeIf(s -> !again.contains(s.accessUrl().toString()));
            err.println("vokit vowide: resuming " + resume + ": " + previous.getRowCount() + " rows kept, "
                    + services.size() + " of " + again.size() + " failed services asked again");
        }
        ServiceHealth health = noHealth ? null : ServiceHealth.load(healthFile != null ? healthFile : defaultHealthFile());
        Instant now = Instant.now();
        List<ServiceTask> tasks = new ArrayList<>();
        if (health != null) {
            services = health.slowestFirst(services, ServiceTables::accessUrl);
        }
        for (ServiceTask t : query.tasks(services)) {
            if (health != null && !retryFailed && health.failingRecently(t.serviceUrl(), now)) {
                tasks.add(new ServiceTask(t.label(), t.serviceUrl(), t.ivoid(), t.table(), (rows, left) -> {
                    throw new ServiceTask.NotApplicable("failed on each of its last " + ServiceHealth.FAILURES_TO_SKIP
                            + " runs within 24 h (--retry-failed asks it anyway)");
                }));
            } else {
                tasks.add(t);
            }
        }
        if (tasks.isEmpty() && previous == null) {
            err.println("vokit vowide: " + (noRegistry ? "no --table given" : "the registry at "
                    + discovery.registryUri() + " lists no TAP table with a column of UCD " + ucd));
            err.flush();
            return Failures.SERVICE_FAILURE;
        }
        Map<String, Duration> took = new ConcurrentHashMap<>();
        List<DescribedValue> extra = params(query);
        int status = DiscoveryRun.run("vokit vowide", "services", tasks.size(), query.describe(), extra, previous,
                output, discovery, err, (sink, listener) -> {
                    RunReport report = discovery.runner(timeout).run(tasks, query.columns(), sink,
                            listener.andThen(e -> {
                                if (e.kind() == ProgressEvent.Kind.FINISHED || e.kind() == ProgressEvent.Kind.FAILED) {
                                    took.put(e.source(), e.elapsed());
                                }
                            }));
                    for (Failure f : report.failures()) {
                        if (!f.skipped()) {
                            extra.add(param("failed_service", "A service that failed: ask it again with --resume",
                                    f.serviceUrl().toString(), extra));
                        }
                    }
                    for (String n : query.notes()) {
                        extra.add(param("note", "Tables left out, features retried, values left unconverted", n,
                                extra));
                    }
                    if (health != null) {
                        remember(health, tasks, report, took, now);
                    }
                    return report;
                });
        if (!query.notes().isEmpty()) {
            err.println("vokit vowide: notes:");
            for (String n : query.notes()) {
                err.println("  " + n);
            }
            err.flush();
        }
        return status;
    }

    private static void remember(ServiceHealth health, List<ServiceTask> tasks, RunReport report,
                                 Map<String, Duration> took, Instant now) {
        Set<String> failed = new LinkedHashSet<>();
        Set<String> skipped = new LinkedHashSet<>();
        for (Failure f : report.failures()) {
            (f.skipped() ? skipped : failed).add(f.serviceUrl().toString());
        }
        for (ServiceTask t : tasks) {
            String u = t.serviceUrl().toString();
            if (skipped.contains(u) && !failed.contains(u)) {
                continue;
            }
            health.record(t.serviceUrl(), now, !failed.contains(u), took.get(u));
        }
        try {
            health.save();
        } catch (IOException e) {
            System.getLogger(VowideCommand.class.getName()).log(System.Logger.Level.WARNING,
                    "could not save the service health to " + health.file() + ": " + e.getMessage());
        }
    }

    private List<DescribedValue> params(VoWideQuery q) {
        List<DescribedValue> ps = new ArrayList<>();
        ps.add(new DescribedValue(new DefaultValueInfo(P + "ucd", String.class, "UCD pattern asked for"), ucd));
        double[] cone = q.cone();
        ps.add(new DescribedValue(new DefaultValueInfo(P + "ra", Double.class, "Cone centre RA (deg)"), cone[0]));
        ps.add(new DescribedValue(new DefaultValueInfo(P + "dec", Double.class, "Cone centre Dec (deg)"), cone[1]));
        ps.add(new DescribedValue(new DefaultValueInfo(P + "sr", Double.class, "Cone radius (deg)"), cone[2]));
        int i = 1;
        for (SchemaColumn c : q.schema()) {
            ps.add(new DescribedValue(new DefaultValueInfo(P + "schema_" + i++, String.class,
                    "Output column: name|ucd|unit|type|required"), c.encode()));
        }
        return ps;
    }

    private static DescribedValue param(String stem, String description, String value, List<DescribedValue> existing) {
        int n = 1;
        for (DescribedValue v : existing) {
            if (v.getInfo().getName().startsWith(P + stem + "_")) {
                n++;
            }
        }
        return new DescribedValue(new DefaultValueInfo(P + stem + "_" + n, String.class, description), value);
    }

    /** Reads what an earlier run asked and which services failed, filling options not given. */
    private Set<String> fromPrevious(StarTable previous) {
        Map<String, Object> ps = new LinkedHashMap<>();
        for (Object o : previous.getParameters()) {
            DescribedValue v = (DescribedValue) o;
            ps.put(v.getInfo().getName(), v.getValue());
        }
        if (!ps.containsKey(P + "ucd")) {
            throw new IllegalArgumentException("--resume " + resume + " is not a vokit vowide result (no " + P
                    + "ucd parameter)");
        }
        ucd = same("--ucd", ucd, String.valueOf(ps.get(P + "ucd")));
        ra = same("--ra", ra, number(ps.get(P + "ra")));
        dec = same("--dec", dec, number(ps.get(P + "dec")));
        sr = same("--sr", sr, number(ps.get(P + "sr")));
        Set<String> failed = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : ps.entrySet()) {
            if (e.getKey().startsWith(P + "failed_service_")) {
                failed.add(String.valueOf(e.getValue()).strip());
            }
        }
        return failed;
    }

    private static List<SchemaColumn> previousSchema(StarTable previous) {
        List<SchemaColumn> cols = new ArrayList<>();
        for (Object o : previous.getParameters()) {
            DescribedValue v = (DescribedValue) o;
            if (v.getInfo().getName().startsWith(P + "schema_")) {
                cols.add(SchemaColumn.decode(String.valueOf(v.getValue())));
            }
        }
        return cols.isEmpty() ? null : cols;
    }

    private <T> T same(String option, T given, T before) {
        if (given != null && !given.equals(before)) {
            throw new IllegalArgumentException(option + " " + given + " differs from the resumed run's " + before
                    + " (" + resume + "); leave it out to resume");
        }
        return before;
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : o == null ? null : Double.valueOf(String.valueOf(o));
    }

    private List<ServiceTables> extra() {
        Map<URI, List<String>> byService = new LinkedHashMap<>();
        for (String t : extraTables) {
            int comma = t.indexOf(',');
            if (comma <= 0 || comma == t.length() - 1) {
                throw new IllegalArgumentException("--table '" + t + "' is not of the form URL,TABLE");
            }
            URI u = URI.create(t.substring(0, comma).strip());
            if (u.getScheme() == null || !u.getScheme().matches("(?i)https?")) {
                throw new IllegalArgumentException("--table '" + t + "': the service must be an http(s) URL");
            }
            byService.computeIfAbsent(u, k -> new ArrayList<>()).add(t.substring(comma + 1).strip());
        }
        List<ServiceTables> out = new ArrayList<>();
        byService.forEach((u, ts) -> out.add(new ServiceTables(u, null, ts, 0)));
        return out;
    }

    /** A schema file; a CSV one always has a header line. */
    private static StarTable readSchema(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                && Files.isRegularFile(file)) {
            return new uk.ac.starlink.table.StarTableFactory(true).makeStarTable(file.toString(), "csv(header=true)");
        }
        return DiscoveryRun.readTable("--schema", file);
    }

    /** The documented default: {@code $XDG_STATE_HOME/vokit/…}, else {@code ~/.local/state/vokit/…}. */
    static Path defaultHealthFile() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("vokit").resolve("service-health.tsv");
    }
}
