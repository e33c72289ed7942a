package org.vokit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.epntap.EpnQuery;
import org.vokit.epntap.EpnTable;
import org.vokit.epntap.EpnTap;
import org.vokit.fanout.Failure;
import org.vokit.fanout.FanoutTask;
import org.vokit.fanout.Fanout;
import org.vokit.http.VoHttp;
import org.vokit.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.StoragePolicy;

/**
 * {@code vokit epn}: one query over every EPN-TAP table of the registry, merged into one table.
 */
@Command(name = "epn", header = "Search every EPN-TAP (Solar System) table at once.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search all EPN-TAP (Solar System) tables the registry knows, in parallel, and write the "
                + "granules found as one table: the EPN-TAP 2.0 columns, then provenance columns (service_url, ivoid, "
                + "table_name). Hash-list columns (target, product type, instrument) are matched element-wise.",
            "Tables are asked in parallel (--parallel, --per-host); each has --timeout seconds (default 60). Progress "
                + "and the failure report go to standard error; VOTable output keeps the query and the failure "
                + "report as INFOs, from which --resume asks again only the tables that failed.",
            "Service health memory: $XDG_STATE_HOME/vokit/service-health.tsv (else "
                + "~/.local/state/vokit/service-health.tsv); a service that failed its last 3 runs within 24 h is "
                + "skipped unless --retry-failed; --no-health ignores the memory.",
            "Exit status: 0 all tables answered, 4 a result was written but some tables failed or were skipped, "
                + "1 nothing answered, 2 bad input."},
        footer = {"", "Examples:",
            "  vokit epn --target Mars --product sp --format text",
            "  vokit epn --registry http://127.0.0.1:8089/tap --instrument VIRTIS --time-min 2010-01-01 --out virtis.vot"})
final class EpnCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DiscoveryRun.Options discovery;

    @Option(names = "--target", paramLabel = "NAME", description = "Target name (target_name). Repeatable: any matches.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--product", paramLabel = "CODE", split = ",",
            description = "dataproduct_type code: im, sp, sc, ts, ma, pr, ds, vo, mo, cu, ca, ci, ... "
                    + "Repeatable or comma-separated: any matches.")
    List<String> products = new ArrayList<>();

    @Option(names = "--time-min", paramLabel = "ISO", description = "Granules ending at or after this time (UTC).")
    String timeMin;

    @Option(names = "--time-max", paramLabel = "ISO", description = "Granules starting at or before this time (UTC).")
    String timeMax;

    @Option(names = "--instrument", paramLabel = "NAME",
            description = "Instrument or instrument host (instrument_name or instrument_host_name).")
    String instrument;

    @Option(names = "--instrument-host", paramLabel = "NAME", description = "Instrument host (instrument_host_name).")
    String instrumentHost;

    @Option(names = "--spectral-min", paramLabel = "HZ", description = "Granules reaching this frequency or above.")
    Double spectralMin;

    @Option(names = "--spectral-max", paramLabel = "HZ", description = "Granules reaching this frequency or below.")
    Double spectralMax;

    @Option(names = "--frame", paramLabel = "TYPE",
            description = "spatial_frame_type (celestial, body, cartesian, cylindrical, spherical, healpix); needed "
                    + "by --c1/--c2/--c3.")
    String frame;

    @Option(names = "--c1", paramLabel = "MIN,MAX", description = "Range on c1 (e.g. longitude); either end may be empty.")
    String c1;

    @Option(names = "--c2", paramLabel = "MIN,MAX", description = "Range on c2 (e.g. latitude).")
    String c2;

    @Option(names = "--c3", paramLabel = "MIN,MAX", description = "Range on c3 (e.g. altitude).")
    String c3;

    @Option(names = "--maxrec", paramLabel = "N", description = "The most rows asked from each table (with --resume: from each table asked again).")
    Long maxrec;

    @Option(names = "--table", paramLabel = "URL,TABLE",
            description = "Also query this table of this TAP service (repeatable), e.g. one not in the registry.")
    List<String> extraTables = new ArrayList<>();

    @Option(names = "--no-registry", description = "Query only the --table tables; do not ask the registry.")
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
        try (VoHttp http = discovery.http();
             Fanout engine = discovery.engine(http, timeout)) {
            DiscoveryRun.Plan plan;
            if (discovery.resume != null) {
                // the failures' own queries, as sent to each table (the file keeps no row limit:
                // --maxrec, if given again, applies); the columns are matched by name
                plan = DiscoveryRun.resume("vokit epn", discovery.resume, EpnTap.result(StoragePolicy.ADAPTIVE),
                        failed -> failed.stream().map(Failure::toTask).map(t -> maxrec == null ? t
                                : new FanoutTask(t.label(), t.accessUrl(), t.ivoid(), t.table(),
                                        t.query().withMaxrec(maxrec), t.async())).toList(), err);
            } else {
                EpnQuery query = query();
                List<EpnTable> tables = tables(http, timeout);
                if (tables.isEmpty()) {
                    err.println("vokit epn: " + (noRegistry ? "no --table given" : "the registry at "
                            + discovery.registryUri() + " lists no EPN-TAP tables"));
                    err.flush();
                    return Failures.SERVICE_FAILURE;
                }
                plan = DiscoveryRun.Plan.of(EpnTap.tasks(tables, query), EpnTap.result(StoragePolicy.ADAPTIVE),
                        query.toAdql("epn_core", true));
            }
            return DiscoveryRun.run("vokit epn", "tables", plan, engine, output, discovery, err);
        }
    }

    private List<EpnTable> tables(VoHttp http, Duration timeout) throws java.io.IOException {
        List<EpnTable> tables = new ArrayList<>();
        if (!noRegistry) {
            Registry reg = Registry.builder(discovery.registryUri()).http(http).timeout(timeout).build();
            tables.addAll(EpnTap.discover(reg));
        }
        for (String t : extraTables) {
            int comma = t.indexOf(',');
            if (comma <= 0 || comma == t.length() - 1) {
                throw new IllegalArgumentException("--table '" + t + "' is not of the form URL,TABLE");
            }
            URI u = URI.create(t.substring(0, comma).strip());
            if (u.getScheme() == null || !u.getScheme().matches("(?i)https?")) {
                throw new IllegalArgumentException("--table '" + t + "': the service must be an http(s) URL");
            }
            String name = t.substring(comma + 1).strip();
            tables.add(new EpnTable(u.toString(), null, u, name, null));
        }
        return tables;
    }

    private EpnQuery query() {
        if (noRegistry && extraTables.isEmpty()) {
            throw new IllegalArgumentException("--no-registry needs at least one --table");
        }
        EpnQuery.Builder b = EpnQuery.builder();
        for (String t : targets) {
            b.target(t);
        }
        b.productTypes(products.toArray(new String[0]));
        b.time(DiscoveryRun.instant("--time-min", timeMin), DiscoveryRun.instant("--time-max", timeMax));
        if (instrument != null) {
            b.instrument(instrument);
        }
        if (instrumentHost != null) {
            b.instrumentHost(instrumentHost);
        }
        if (spectralMin != null || spectralMax != null) {
            b.spectralRange(spectralMin, spectralMax);
        }
        if (frame != null) {
            b.spatialFrame(frame);
        }
        if (maxrec != null) {
            b.maxrec(maxrec);
        }
        String[] cs = {c1, c2, c3};
        for (int i = 0; i < 3; i++) {
            if (cs[i] != null) {
                Double[] r = range("--c" + (i + 1), cs[i]);
                b.coordinate(i + 1, r[0], r[1]);
            }
        }
        return b.build();
    }

    private static Double[] range(String option, String value) {
        String[] p = value.split(",", -1);
        if (p.length != 2) {
            throw new IllegalArgumentException(option + " '" + value + "' is not of the form MIN,MAX");
        }
        Double[] r = new Double[2];
        for (int i = 0; i < 2; i++) {
            String v = p[i].strip();
            if (!v.isEmpty()) {
                try {
                    r[i] = Double.valueOf(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + " '" + value + "': '" + v + "' is not a number");
                }
            }
        }
        return r;
    }
}
