package org.vokit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.fanout.ResultFile;
import org.vokit.fanout.ServiceHealth;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampTarget;
import org.vokit.vowide.ResultColumn;
import org.vokit.vowide.VoWideQuery;
import org.vokit.vowide.VoWideResume;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.StarTable;

/** {@code vokit vowide}: one cone over every TAP table with columns of a UCD, VO-wide (course §7). */
@Command(name = "vowide", header = "Ask every TAP table with a UCD for its rows in one cone.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Query every TAP table in the registry that has columns with a UCD, inside one cone, and merge "
                + "the rows (with service_url, ivoid and table_name per row).",
                "Services run in parallel (--parallel, --per-host); --timeout is the time allowed PER SERVICE "
                        + "(default 60 s); a failing service never spoils the others. The failure report goes to "
                        + "standard error and, in VOTable output, into INFOs, from which --resume asks again only "
                        + "the failed services.",
                "Service health memory: $XDG_STATE_HOME/vokit/service-health.tsv (else "
                        + "~/.local/state/vokit/service-health.tsv); a service that failed its last 3 runs within "
                        + "24 h is skipped unless --retry-failed; --no-health ignores the memory.",
                "Exit status: 0 all services answered, 4 a result was written but some failed, 1 nothing "
                        + "answered, 2 bad input. Default --timeout (per service): 60 s."})
public final class VowideCommand implements Callable<Integer> {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Option(names = "--registry", paramLabel = "URL",
            description = "TAP base URL of the RegTAP service (default: $IVOA_REGISTRY, else http://reg.g-vo.org/tap).")
    String registry;

    @Option(names = "--ucd", paramLabel = "PATTERN", description = "UCD pattern (SQL LIKE), e.g. pos.pm%%.")
    String ucd;

    @Option(names = "--ra", paramLabel = "DEG", description = "Cone centre, ICRS right ascension in degrees.")
    Double ra;

    @Option(names = "--dec", paramLabel = "DEG", description = "Cone centre, ICRS declination in degrees.")
    Double dec;

    @Option(names = "--sr", paramLabel = "DEG", description = "Cone radius in degrees.")
    Double sr;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "Result columns, one per line: name, UCD, unit, type (default: cat_id, ra, dec and, for "
                    + "pos.pm%%, pmra/pmde in mas/yr).")
    Path schema;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "16",
            description = "Services asked at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--per-host", paramLabel = "N", defaultValue = "4",
            description = "Queries at once against one host (default ${DEFAULT-VALUE}).")
    int perHost;

    @Option(names = "--max-tables", paramLabel = "N", defaultValue = "0",
            description = "The most tables asked per service (default: all).")
    int maxTables;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "A previous VOTable result: ask again only the services that failed in it (its query is "
                    + "reused), keep its other rows, write the merged result.")
    Path resume;

    @Option(names = "--no-health", description = "Neither read nor update the service health memory.")
    boolean noHealth;

    @Option(names = "--retry-failed", description = "Ask services the health memory would skip.")
    boolean retryFailed;

    @Option(names = "--samp", paramLabel = "CLIENT", description = "Also send the result to this SAMP client "
            + "(e.g. topcat).")
    String samp;

    @Override
    public Integer call() throws Exception {
        run.applyDebug();
        Duration perService = run.timeout(DEFAULT_TIMEOUT);
        if (parallel < 1 || perHost < 1) {
            throw new IllegalArgumentException("--parallel and --per-host must be at least 1");
        }
        PrintWriter err = spec.commandLine().getErr();
        ServiceHealth health = noHealth ? null
                : ServiceHealth.load(ServiceHealth.defaultFile(System.getenv(), Path.of(System.getProperty("user.home"))));
        boolean terminal = System.console() != null;
        ProgressTally tally = new ProgressTally();
        Thread ticker = terminal ? ticker(tally, err) : null;
        ProgressListener listener = tally.andThen(e -> {
            if (e.kind() == ProgressEvent.Kind.FAILED && terminal) {
                err.print("\r\033[K");
                err.println(e.describe());
            }
        });
        MergedTable merged;
        FanoutReport report;
        List<String> notes = new ArrayList<>();
        String query;
        try (VoHttp http = VoHttp.builder().maxRetries(1).build();
             Fanout engine = Fanout.builder().http(http).parallel(parallel).perHost(perHost).taskTimeout(perService)
                     .health(health).retryFailed(retryFailed).build()) {
            if (resume != null) {
                ResultFile.Previous prev = ResultFile.read(resume);
                query = prev.query();
                Set<URI> down = VoWideResume.unplanned(prev.failures());
                VoWideQuery q = null;
                List<VoWideQuery.ServiceTables> known = List.of();
                if (!down.isEmpty()) {
                    // services that could not be planned (no metadata, e.g. refused) have no query to
                    // ask again: discover and plan them again, and only them
                    URI regUrl = registry != null || System.getenv(RegCommand.REGISTRY_ENV) != null ? registryUrl()
                            : VoWideQuery.registryOf(query).orElse(registryUrl());
                    Registry reg = Registry.builder(regUrl).http(http).timeout(perService).build();
                    q = VoWideQuery.fromDescription(query, reg).maxTables(maxTables).http(http)
                            .metadataTimeout(perService).parallel(parallel).build();
                    known = q.discover();
                }
                VoWideResume again = VoWideResume.of(prev.table(), prev.failures(), q, known);
                err.println("vowide: resuming " + resume + ": " + again.askedAgain() + " tasks asked again"
                        + (down.isEmpty() ? "" : ", " + again.replannedServices() + " services planned again"));
                tally.expect(again.tasks());
                VoWideResume.Outcome o = again.run(engine, listener);
                merged = o.merged();
                report = o.report();
                notes.addAll(o.notes());
                notes.add(o.kept() + " rows kept from " + resume);
            } else {
                if (ucd == null || ra == null || dec == null || sr == null) {
                    throw new IllegalArgumentException("--ucd, --ra, --dec and --sr are required (unless --resume)");
                }
                Registry reg = Registry.builder(registryUrl()).http(http).timeout(perService).build();
                VoWideQuery q = VoWideQuery.builder(reg, ucd).cone(ra, dec, sr)
                        .schema(schema == null ? null : ResultColumn.read(schema)).maxTables(maxTables)
                        .http(http).metadataTimeout(perService).parallel(parallel).build();
                query = q.description();
                long t0 = System.nanoTime();
                VoWideQuery.Plan plan = q.plan(q.discover());
                tally.expect(plan.tasks().size());
                merged = MergedTable.of(q.columns());
                VoWideQuery.Result res = q.runPlan(engine, plan, merged, listener, t0);
                report = res.report();
                notes.addAll(res.notes());
            }
        } finally {
            if (ticker != null) {
                ticker.interrupt();
                ticker.join(1000);
                err.print("\r\033[K");
            }
        }
        StarTable table = merged.table();
        DiscoveryRun.write(table, report, query, output);
        for (String n : notes) {
            err.println("vowide: " + n);
        }
        for (Failure f : report.failures()) {
            err.println("vowide: failed: " + f.line());
        }
        err.println("vowide: " + report.summary());
        err.flush();
        if (samp != null && report.answered() > 0) {
            try (SampConnection c = SampConnection.builder().name("vokit").description("vokit vowide")
                    .lockUrl(SampConnection.standardLockUrl(System.getenv(), Path.of(System.getProperty("user.home"))))
                    .callTimeout(Duration.ofSeconds(30)).connect()) {
                c.sendTable(table, "vowide " + (ucd != null ? ucd : ""), SampTarget.client(samp));
            }
        }
        return report.exitStatus();
    }

    private URI registryUrl() {
        String given = registry != null ? registry : System.getenv(RegCommand.REGISTRY_ENV);
        return given == null || given.isBlank() ? Registry.DEFAULT_ENDPOINT : URI.create(given.strip());
    }

    private static Thread ticker(ProgressTally tally, PrintWriter err) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    err.print("\r\033[K" + tally.snapshot().line("queries"));
                    err.flush();
                    Thread.sleep(250);
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "vokit-progress");
        t.setDaemon(true);
        t.start();
        Objects.requireNonNull(tally);
        return t;
    }
}
