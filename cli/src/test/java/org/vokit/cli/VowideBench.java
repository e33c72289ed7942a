package org.vokit.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vokit.discovery.BoundedTaskRunner;
import org.vokit.discovery.RunReport;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.progress.ProgressListener;
import org.vokit.testing.FaultServer;
import org.vokit.testing.LocalVo;
import org.vokit.vowide.ServiceTables;
import org.vokit.vowide.VoWideQuery;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;

/**
 * The VO-wide engine's figures (issue "VO-wide queries", section 5), printed, not asserted.
 * Simulated services on loopback replay what the local VO's TAP service answered (capabilities,
 * table metadata and one cone query's result, fetched once at the start) after a chosen latency,
 * or fail. Scenarios:
 * <ol>
 * <li>20 services answering after 1 s: wall time of the parallel run against the slowest service
 *     (target at most 1.2×) and against asking them one after another;</li>
 * <li>5 such services and one that hangs, with a 3 s per-service timeout (target: at most 4 s);</li>
 * <li>200 services answering after 1 s, 5 % failing: wall time and peak heap.</li>
 * </ol>
 * Run after {@code ./mvnw -q -B package -DskipTests} with the local VO up:
 * <pre>
 * ./mvnw -q -B -o -pl cli dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp cli/target/test-classes:cli/target/classes:$(cat cli/target/bench.cp) org.vokit.cli.VowideBench
 * </pre>
 */
public final class VowideBench {

    private VowideBench() {
    }

    /** A recorded exchange of the local VO's TAP service. */
    private record Recorded(byte[] capabilities, byte[] tableSet, byte[] tables, byte[] result) {
    }

    /**
     * Runs the scenarios.
     *
     * @param args none
     * @throws Exception on failure (a failed run stops the benchmark: no figures)
     */
    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("uk.ac.starlink").setLevel(java.util.logging.Level.WARNING);
        Recorded rec = record();
        try (VoHttp http = VoHttp.builder().maxRequestsPerHost(4).build()) {
            // 1. twenty services of about 1 s
            List<FaultServer> twenty = services(rec, 20, Duration.ofSeconds(1), 0, false);
            try {
                run(http, twenty, 32, Duration.ofSeconds(30), 20);      // warm-up, not counted
                List<Double> par = new ArrayList<>();
                List<Double> ser = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    par.add(run(http, twenty, 32, Duration.ofSeconds(30), 20));
                    if (i == 0) {
                        ser.add(run(http, twenty, 1, Duration.ofSeconds(30), 20));
                    }
                }
                double slowest = 1.0;
                System.out.printf(Locale.ROOT, "20 services x 1 s: parallel median %.2f s (runs %s) = %.2f x the"
                        + " slowest service (target <= 1.2); one after another %.2f s%n", median(par), par,
                        median(par) / slowest, ser.get(0));
            } finally {
                twenty.forEach(FaultServer::close);
            }
            // 2. one hanging service, timeout 3 s
            List<FaultServer> five = services(rec, 5, Duration.ofSeconds(1), 0, false);
            List<FaultServer> hang = services(rec, 1, Duration.ZERO, 0, true);
            List<FaultServer> all = new ArrayList<>(five);
            all.addAll(hang);
            try {
                List<Double> t = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    t.add(run(http, all, 32, Duration.ofSeconds(3), 5));
                }
                System.out.printf(Locale.ROOT, "5 services x 1 s + 1 hanging, --timeout 3: median %.2f s (runs %s;"
                        + " target <= 4 s)%n", median(t), t);
            } finally {
                all.forEach(FaultServer::close);
            }
            // 3. two hundred services, 5 % failing
            List<FaultServer> many = services(rec, 200, Duration.ofSeconds(1), 10, false);
            try {
                resetPeaks();
                System.gc();
                long before = usedHeap();
                double secs = run(http, many, 64, Duration.ofSeconds(60), 190);
                System.out.printf(Locale.ROOT, "200 services x 1 s, 10 failing, 64 at once: %.2f s; heap in use"
                        + " before %.1f MB, peak heap during the run %.1f MB%n", secs, before / 1e6, peakHeap() / 1e6);
            } finally {
                many.forEach(FaultServer::close);
            }
        }
    }

    /** Runs one search over the services; fails unless exactly {@code answering} answered. */
    private static double run(VoHttp http, List<FaultServer> services, int parallel, Duration timeout, int answering)
            throws Exception {
        VoWideQuery q = VoWideQuery.builder(null, http).ucd("pos.pm%").cone(10, 20, 0.5).build();
        List<ServiceTables> st = new ArrayList<>();
        for (FaultServer f : services) {
            st.add(new ServiceTables(f.uri("/tap"), null, List.of("vostars.main"), 0));
        }
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        long t0 = System.nanoTime();
        RunReport r = BoundedTaskRunner.builder().parallel(parallel).timeout(timeout).build()
                .run(q.tasks(st), q.columns(), store, ProgressListener.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (r.answered() != answering) {
            throw new IllegalStateException("a run went wrong: " + r.answered() + " of " + services.size()
                    + " answered, " + answering + " expected; " + r.failures());
        }
        return secs;
    }

    private static Recorded record() throws IOException {
        LocalVo.require();
        try (VoHttp http = VoHttp.newDefault()) {
            String cone = "SELECT main_id AS id, ra AS ra, dec AS dec, pmra AS pmra, pmdec AS pmde FROM vostars.main"
                    + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.5))";
            return new Recorded(get(http, LocalVo.url("/tap/capabilities")), get(http, LocalVo.url("/tap/tables")),
                    get(http, LocalVo.url("/tap/tables/vostars.main")),
                    get(http, URI.create(LocalVo.tap() + "/sync?LANG=ADQL&REQUEST=doQuery&QUERY="
                            + java.net.URLEncoder.encode(cone, java.nio.charset.StandardCharsets.UTF_8))));
        }
    }

    private static byte[] get(VoHttp http, URI u) throws IOException {
        try (VoResponse r = http.sendOk(VoRequest.get(u), Deadline.in(Duration.ofSeconds(30)))) {
            return r.body().readAllBytes();
        }
    }

    private static List<FaultServer> services(Recorded rec, int n, Duration latency, int failing, boolean hang)
            throws IOException {
        List<FaultServer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FaultServer f = FaultServer.start();
            boolean fails = i < failing;
            f.on("/tap/capabilities", (req, ex) -> ex.send(200, "text/xml", rec.capabilities()));
            f.on("/tap/tables", (req, ex) -> ex.send(200, "text/xml", rec.tableSet()));
            f.on("/tap/tables/vostars.main", (req, ex) -> ex.send(200, "text/xml", rec.tables()));
            f.on("/tap/sync", (req, ex) -> {
                if (hang) {
                    ex.hang();
                    return;
                }
                ex.pause(latency);
                if (fails) {
                    ex.send(500, "text/plain", "simulated failure");
                } else {
                    ex.send(200, "application/x-votable+xml", rec.result());
                }
            });
            out.add(f);
        }
        return out;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
