package org.vokit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.fanout.ResultFile;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressListener;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.vowide.ResultColumn;
import org.vokit.vowide.VoWideQuery;
import org.vokit.vowide.VoWideResume;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
    private static final int DEFAULT_PARALLEL = 16;
    private static final String COMMAND = "vokit vowide";
    private static final String NOUN = "queries";

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    /** --registry, --parallel, --per-host, --resume, --no-health, --retry-failed, --samp, --hub. */
    @Mixin
    DiscoveryRun.Options discovery;

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

    @Option(names = "--max-tables", paramLabel = "N", defaultValue = "0",
            description = "The most tables asked per service (default: all).")
    int maxTables;

    @Override
    public Integer call() throws Exception {
        run.applyDebug();
        Duration perService = run.timeout(DEFAULT_TIMEOUT);
        PrintWriter err = spec.commandLine().getErr();
        ProgressTally tally = new ProgressTally();
        ProgressListener listener = DiscoveryRun.progress(COMMAND, NOUN, tally, err);
        MergedTable merged;
        FanoutReport report;
        List<String> notes = new ArrayList<>();
        String query;
        try (VoHttp http = discovery.http();
             Fanout engine = discovery.engine(http, perService, DEFAULT_PARALLEL)) {
            int parallel = discovery.parallel(DEFAULT_PARALLEL);
            if (discovery.resume != null) {
                ResultFile.Previous prev = DiscoveryRun.previous(discovery.resume);
                query = prev.query();
                Set<URI> down = VoWideResume.unplanned(prev.failures());
                VoWideQuery q = null;
                List<VoWideQuery.ServiceTables> known = List.of();
                if (!down.isEmpty()) {
                    // services that could not be planned (no metadata, e.g. refused) have no query to
                    // ask again: discover and plan them again, and only them
                    URI regUrl = discovery.registry != null || System.getenv(RegCommand.REGISTRY_ENV) != null
                            ? discovery.registryUri() : VoWideQuery.registryOf(query).orElse(discovery.registryUri());
                    Registry reg = Registry.builder(regUrl).http(http).timeout(perService).build();
                    q = VoWideQuery.fromDescription(query, reg).maxTables(maxTables).http(http)
                            .metadataTimeout(perService).parallel(parallel).build();
                    known = q.discover();
                }
                VoWideResume again = VoWideResume.of(prev.table(), prev.failures(), q, known);
                err.println(COMMAND + ": resuming " + discovery.resume + ": " + again.askedAgain()
                        + " tasks asked again"
                        + (down.isEmpty() ? "" : ", " + again.replannedServices() + " services planned again"));
                tally.expect(again.tasks());
                VoWideResume.Outcome o = again.run(engine, listener);
                merged = o.merged();
                report = o.report();
                notes.addAll(o.notes());
                notes.add(o.kept() + " rows kept from " + discovery.resume);
            } else {
                if (ucd == null || ra == null || dec == null || sr == null) {
                    throw new IllegalArgumentException("--ucd, --ra, --dec and --sr are required (unless --resume)");
                }
                Registry reg = Registry.builder(discovery.registryUri()).http(http).timeout(perService).build();
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
        }
        return DiscoveryRun.finish(COMMAND, NOUN, tally, report, merged, query, notes, output, discovery, err);
    }
}
