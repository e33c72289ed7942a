package org.vokit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutTask;
import org.vokit.http.VoHttp;
import org.vokit.obscore.Obscore;
import org.vokit.obscore.ObscoreQuery;
import org.vokit.obscore.PositionColumns;
import org.vokit.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * {@code vokit obscore}: datasets near a list of positions from every ObsCore service of the
 * registry that accepts uploads.
 */
@Command(name = "obscore", header = "Find datasets near positions in every ObsCore service.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload a table of positions (only a row key and the positions) to every ObsCore service in "
                + "the registry that accepts uploads, find the datasets within --radius of each position, and write "
                + "them as one table: row_key (the row of --positions, from 0), the position, the distance and the "
                + "main ObsCore columns, then provenance columns (service_url, ivoid, table_name). Large inputs are "
                + "sent in batches sized from each service's upload limit, one after the other per service.",
            "Services are asked in parallel (--parallel, --per-host); each has --timeout seconds (default 60) for "
                + "all its batches. Progress and the failure report go to standard error; VOTable output keeps the "
                + "query and the failure report as INFOs, from which --resume (with the same --positions) asks "
                + "again only the services that failed.",
            "Service health memory: $XDG_STATE_HOME/vokit/service-health.tsv (else "
                + "~/.local/state/vokit/service-health.tsv); a service that failed its last 3 runs within 24 h is "
                + "skipped unless --retry-failed; --no-health ignores the memory.",
            "Exit status: 0 all services answered, 4 a result was written but some failed or were skipped (e.g. "
                + "no uploads), 1 nothing answered, 2 bad input."},
        footer = {"", "Examples:",
            "  vokit obscore --positions stars.vot --product spectrum --min-resolving-power 10000 --format text",
            "  vokit obscore --registry http://127.0.0.1:8089/tap --positions targets.csv --ra-col RA --dec-col DE "
                + "--radius 0.05 --top 100 --out found.vot"})
final class ObscoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DiscoveryRun.Options discovery;

    @Option(names = "--positions", paramLabel = "FILE", required = true,
            description = "The positions: any table STIL reads (VOTable, FITS, CSV, ECSV, ...), ICRS degrees.")
    Path positions;

    @Option(names = "--radius", paramLabel = "DEG", description = "Match radius in degrees (default 0.01).")
    double radius = 0.01;

    @Option(names = "--product", paramLabel = "TYPE",
            description = "dataproduct_type: image, spectrum, cube, timeseries, visibility, event, ...")
    String product;

    @Option(names = "--min-resolving-power", paramLabel = "R", description = "Only datasets with em_res_power > R.")
    Double minResolvingPower;

    @Option(names = "--top", paramLabel = "N", description = "The most rows from each service.")
    Long top;

    @Option(names = "--where", paramLabel = "COND",
            description = "A further condition on an ObsCore column, COLUMN OP VALUE with OP one of = < > <= >= "
                    + "(e.g. calib_level>=2, \"obs_collection=vokit spectra\"). Repeatable: all must hold.")
    List<String> where = new ArrayList<>();

    @Option(names = "--ra-col", paramLabel = "C",
            description = "The RA column of --positions (default: found by UCD, else by name ra, RAJ2000, ...).")
    String raCol;

    @Option(names = "--dec-col", paramLabel = "C", description = "The Dec column of --positions.")
    String decCol;

    @Option(names = "--batch-rows", paramLabel = "N",
            description = "Rows per upload request (default: from each service's advertised upload limit).")
    int batchRows;

    @Option(names = "--service", paramLabel = "URL",
            description = "Also ask this TAP service (repeatable), e.g. one not in the registry.")
    List<URI> extraServices = new ArrayList<>();

    @Option(names = "--no-registry", description = "Ask only the --service services; do not ask the registry.")
    boolean noRegistry;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        run.applyDebug();
        Duration timeout = run.timeout(Duration.ofSeconds(60));
        if (noRegistry && extraServices.isEmpty()) {
            throw new IllegalArgumentException("--no-registry needs at least one --service");
        }
        if (batchRows < 0) {
            throw new IllegalArgumentException("--batch-rows must not be negative: " + batchRows);
        }
        ObscoreQuery.Builder qb = ObscoreQuery.builder().radius(radius).productType(product)
                .minResolvingPower(minResolvingPower);
        if (top != null) {
            qb.top(top);
        }
        for (String w : where) {
            qb.where(ObscoreQuery.Condition.parse(w));
        }
        ObscoreQuery query = qb.build();
        StarTable input = DiscoveryRun.readTable("--positions", positions);
        Obscore.Upload upload = Obscore.upload(input, PositionColumns.find(input, raCol, decCol));
        PrintWriter err = spec.commandLine().getErr();
        if (upload.skipped() > 0) {
            err.println("vokit obscore: warning: " + upload.skipped() + " rows of " + positions
                    + " have no usable position and are left out");
        }
        OptionalLong cap = top == null ? OptionalLong.empty() : OptionalLong.of(top);
        try (VoHttp http = discovery.http();
             Fanout engine = discovery.engine(http, timeout)) {
            DiscoveryRun.Plan plan;
            if (discovery.resume != null) {
                // each failed service again, as a whole, with the query kept in the file and --positions
                plan = DiscoveryRun.resume("vokit obscore", discovery.resume, Obscore.result(StoragePolicy.ADAPTIVE),
                        failed -> {
                            List<FanoutTask> tasks = new ArrayList<>();
                            for (Failure f : failed) {
                                Obscore.ObscoreService s = new Obscore.ObscoreService(
                                        f.ivoid() != null ? f.ivoid() : f.accessUrl().toString(), f.accessUrl());
                                tasks.addAll(Obscore.tasks(List.of(s), upload, f.adql(), cap, batchRows));
                            }
                            return tasks;
                        }, err);
            } else {
                List<Obscore.ObscoreService> services = new ArrayList<>();
                if (!noRegistry) {
                    Registry reg = Registry.builder(discovery.registryUri()).http(http).timeout(timeout).build();
                    services.addAll(Obscore.discover(reg));
                }
                for (URI u : extraServices) {
                    if (u.getScheme() == null || !u.getScheme().matches("(?i)https?") || u.getHost() == null) {
                        throw new IllegalArgumentException("--service '" + u + "' is not an http(s) URL");
                    }
                    services.add(new Obscore.ObscoreService(u.toString(), u));
                }
                if (services.isEmpty()) {
                    err.println("vokit obscore: the registry at " + discovery.registryUri()
                            + " lists no ObsCore services");
                    err.flush();
                    return Failures.SERVICE_FAILURE;
                }
                plan = DiscoveryRun.Plan.of(Obscore.tasks(services, upload, query, batchRows),
                        Obscore.result(StoragePolicy.ADAPTIVE), query.toAdql(Obscore.UPLOAD_NAME));
            }
            return DiscoveryRun.run("vokit obscore", "services", plan, engine, output, discovery, err);
        }
    }
}
