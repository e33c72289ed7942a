package org.vokit.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vokit.http.VoHttp;
import org.vokit.registry.Registry;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampReply;
import org.vokit.samp.SampTarget;
import org.vokit.sed.SedFailure;
import org.vokit.sed.SedResult;
import org.vokit.sed.SedSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.StarTable;

/**
 * {@code vokit sed}: VO-wide photometry around one position, placed at the bands' effective
 * wavelengths (a spectral energy distribution).
 */
@Command(name = "sed", header = "Gather photometry around a position from every TAP table (SED).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Gather photometry around one position from every TAP table the registry lists with "
                + "phot.mag;em.* or phot.flux.density;em.* columns, asked in parallel, and write one row per value: "
                + "wavelength (m, from vokit's band table), value, unit, ucd, band, service, table, column, ra, dec, "
                + "separation.",
            "The failure report goes to standard error and into the table's parameters. Exit status: 0 every table "
                + "answered, 4 a result was written but some tables failed, 1 nothing could be answered, 2 bad input. Default --timeout (per table): 60 s."})
final class SedCommand implements Callable<Integer> {

    /** Exit status when a result was written but some tables failed. */
    static final int PARTIAL = 4;
    private static final String REGISTRY_ENV = "IVOA_REGISTRY";

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "URL",
            description = "RegTAP service (default: $IVOA_REGISTRY, else " + "http://reg.g-vo.org/tap).")
    String registry;

    @Option(names = "--ra", paramLabel = "DEG", required = true, description = "Right ascension (ICRS, degrees).")
    double ra;

    @Option(names = "--dec", paramLabel = "DEG", required = true, description = "Declination (ICRS, degrees).")
    double dec;

    @Option(names = "--radius", paramLabel = "ARCSEC", description = "Search radius (default: ${DEFAULT-VALUE}).")
    double radius = 5;

    @Option(names = "--parallel", paramLabel = "N", description = "Tables asked at once (default: ${DEFAULT-VALUE}).")
    int parallel = 8;

    @Option(names = "--samp", paramLabel = "CLIENT",
            description = "Also send the table to this SAMP client (name or id, e.g. topcat).")
    String samp;

    @Option(names = "--hub", paramLabel = "LOCKFILE_URL",
            description = "SAMP hub lockfile for --samp (default: SAMP_HUB, else ~/.samp).")
    String hub;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        run.applyDebug();
        Duration perTable = run.timeout(Duration.ofSeconds(60));
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        SedResult r;
        try (VoHttp http = VoHttp.newDefault()) {
            Registry reg = Registry.builder(registryUri()).http(http).build();
            SedSearch search = SedSearch.builder().registry(reg).http(http).position(ra, dec).radiusArcsec(radius)
                    .timeout(perTable).parallel(parallel).build();
            r = search.run();
        }
        for (String s : r.skipped()) {
            err.println("sed: skipped: " + s);
        }
        for (SedFailure f : r.failures()) {
            err.println("sed: failed: " + f.line());
        }
        err.printf(Locale.ROOT, "sed: %d tables asked, %d answered, %d failed; %d values in %.1f s%n", r.asked(),
                r.answered(), r.failures().size(), r.points().size(), (System.nanoTime() - t0) / 1e9);
        err.flush();
        if (r.asked() == 0) {
            err.println("sed: the registry lists no TAP table with phot.mag;em.* or phot.flux.density;em.* columns");
            err.flush();
            return Failures.SERVICE_FAILURE;
        }
        if (r.answered() == 0) {
            return Failures.SERVICE_FAILURE;
        }
        StarTable table = r.table();
        try (TableOut out = output.open()) {
            out.write(table);
            out.commit();
        }
        if (samp != null) {
            send(table, err);
        }
        return r.failures().isEmpty() ? 0 : PARTIAL;
    }

    private void send(StarTable table, PrintWriter err) throws Exception {
        URI lock = hub == null || hub.isBlank()
                ? SampConnection.standardLockUrl(System.getenv(), Path.of(System.getProperty("user.home")))
                : hub.matches("(?i)(file|https?):.*") ? new URI(hub.strip()) : Path.of(hub).toAbsolutePath().toUri();
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        try (SampConnection c = SampConnection.builder().name("vokit").description("vokit sed").lockUrl(lock)
                .callTimeout(Duration.ofSeconds(20)).connect()) {
            SampDelivery d = c.sendTable(table, "SED " + ra + " " + dec, SampTarget.client(samp));
            long ok = d.replies().stream().filter(x -> x.status() == SampReply.Status.OK).count();
            c.awaitFetches(d.url(), (int) ok, Duration.ofSeconds(10));
            if (!d.allSucceeded()) {
                throw new java.io.IOException("the SAMP client " + samp + " did not accept the table: "
                        + d.replies().stream().map(SampReply::describe).toList());
            }
            err.println("sed: sent to " + samp);
            err.flush();
        }
    }

    private URI registryUri() {
        String given = registry;
        String from = "--registry";
        if (given == null) {
            given = System.getenv(REGISTRY_ENV);
            from = "$" + REGISTRY_ENV;
        }
        if (given == null || given.isBlank()) {
            return Registry.DEFAULT_ENDPOINT;
        }
        try {
            URI u = new URI(given.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException(from + " '" + given + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(from + " '" + given + "' is not a valid URL: " + e.getReason());
        }
    }
}
