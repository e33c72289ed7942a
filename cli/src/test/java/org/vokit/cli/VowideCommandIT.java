package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.adql.AdqlTemplate;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.FaultServer;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;

/**
 * {@code vokit vowide} against the local VO's registry and TAP service (expected rows from direct
 * queries), with misbehaving services beside it: a loopback front that answers 500 or hangs, and
 * that can be switched to forward every request to the real DaCHS (so that resuming meets a real
 * service).
 */
class VowideCommandIT {

    private static final String REG = LocalVo.tap().toString();
    private static final String CONE = "SELECT main_id, pmra, pmdec FROM vostars.main"
            + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {sr}))";

    @TempDir
    static Path dir;

    private static TapService direct;
    private static HttpClient forwarder;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        direct = TapService.of(LocalVo.tap());
        forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void tearDown() {
        forwarder = null;
    }

    static Run vokit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** main_id → {pmra, pmdec} of the stars in a cone, asked directly. */
    private static Map<String, double[]> expected(double ra, double dec, double sr) throws IOException {
        TapResult r = direct.runSync(AdqlTemplate.of(CONE).value("ra", ra).value("dec", dec).value("sr", sr).render());
        Map<String, double[]> m = new HashMap<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                m.put(String.valueOf(rows.getCell(0)).strip(), new double[] {
                    ((Number) rows.getCell(1)).doubleValue(), ((Number) rows.getCell(2)).doubleValue()});
            }
        }
        return m;
    }

    private static StarTable read(Path file) throws IOException {
        return Tables.randomTable(new StarTableFactory(true).makeStarTable(file.toString()));
    }

    private static int col(StarTable t, String name) {
        for (int c = 0; c < t.getColumnCount(); c++) {
            if (t.getColumnInfo(c).getName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }

    /** id → {pmra, pmde} of a vowide result, and the count of rows per service. */
    private static Map<String, double[]> rows(StarTable t, Map<String, Integer> perService) throws IOException {
        Map<String, double[]> m = new HashMap<>();
        int id = col(t, "id");
        int pmra = col(t, "pmra");
        int pmde = col(t, "pmde");
        int svc = col(t, "service_url");
        for (long i = 0; i < t.getRowCount(); i++) {
            m.put(String.valueOf(t.getCell(i, id)), new double[] {
                ((Number) t.getCell(i, pmra)).doubleValue(), ((Number) t.getCell(i, pmde)).doubleValue()});
            perService.merge(String.valueOf(t.getCell(i, svc)), 1, Integer::sum);
        }
        return m;
    }

    private static void assertSameMotions(Map<String, double[]> got, Map<String, double[]> want, double scale) {
        assertThat(got.keySet()).isEqualTo(want.keySet()).isNotEmpty();
        for (Map.Entry<String, double[]> e : want.entrySet()) {
            double[] g = got.get(e.getKey());
            assertThat(g[0]).as("pmra of " + e.getKey()).isCloseTo(e.getValue()[0] * scale, org.assertj.core.data
                    .Offset.offset(1e-4 * Math.max(1, Math.abs(e.getValue()[0] * scale))));
            assertThat(g[1]).as("pmde of " + e.getKey()).isCloseTo(e.getValue()[1] * scale, org.assertj.core.data
                    .Offset.offset(1e-4 * Math.max(1, Math.abs(e.getValue()[1] * scale))));
        }
    }

    /** A front on loopback: 500 until switched, then a faithful forwarder to the local VO. */
    private static FaultServer front(AtomicBoolean forward) throws IOException {
        FaultServer f = FaultServer.start();
        FaultServer.Handler h = (req, ex) -> {
            if (!forward.get()) {
                ex.send(500, "text/plain", "front switched off");
                return;
            }
            URI target = URI.create(LocalVo.BASE + req.path() + (req.query() == null ? "" : "?" + req.query()));
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30));
            String type = req.header("Content-Type");
            if (type != null) {
                b.header("Content-Type", type);
            }
            b.method(req.method(), req.body() == null || req.method().equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(req.body(), StandardCharsets.UTF_8));
            try {
                HttpResponse<byte[]> resp = forwarder.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                ex.send(resp.statusCode(), resp.headers().firstValue("Content-Type").orElse("text/xml"), resp.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return everywhere(f, h);
    }

    /** The same handler for every path a TAP client asks for. */
    private static FaultServer everywhere(FaultServer f, FaultServer.Handler h) {
        for (String p : new String[] {"/tap/sync", "/tap/capabilities", "/tap/tables", "/tap/tables/vostars.main",
            "/tap/tables/x.y", "/tap/availability"}) {
            f.on(p, h);
        }
        return f;
    }

    @Test
    void readmeExampleGivesEveryStarInTheConeWithItsProperMotion() throws Exception {
        Path out = dir.resolve("pm.vot");
        Run r = vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--ra", "10", "--dec", "20", "--sr", "0.5",
                "--no-health", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("vokit vowide: 1/1 services done");
        Map<String, Integer> per = new HashMap<>();
        StarTable t = read(out);
        assertSameMotions(rows(t, per), expected(10, 20, 0.5), 1);
        assertThat(per).containsOnlyKeys(REG);
        assertThat(t.getColumnInfo(col(t, "pmra")).getUnitString()).isEqualTo("mas/yr");
        assertThat(t.getParameterByName("vowide_ucd").getValue()).isEqualTo("pos.pm%");
    }

    @Test
    void aSchemaFileAsksForOtherUnitsAndTheServiceConvertsThem() throws Exception {
        Path schema = Files.writeString(dir.resolve("schema.csv"), "name,ucd,unit,type\n"
                + "star,meta.id,,string\nra,pos.eq.ra,deg,double\ndec,pos.eq.dec,deg,double\n"
                + "pmra,pos.pm;pos.eq.ra,arcsec/yr,double\npmde,pos.pm;pos.eq.dec,arcsec/yr,double\n");
        Path out = dir.resolve("arcsec.vot");
        Run r = vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--ra", "150", "--dec", "2.2", "--sr", "0.4",
                "--schema", schema.toString(), "--no-health", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StarTable t = read(out);
        assertThat(t.getColumnInfo(col(t, "pmra")).getUnitString()).isEqualTo("arcsec/yr");
        Map<String, double[]> got = new HashMap<>();
        for (long i = 0; i < t.getRowCount(); i++) {
            got.put(String.valueOf(t.getCell(i, col(t, "star"))), new double[] {
                ((Number) t.getCell(i, col(t, "pmra"))).doubleValue(),
                ((Number) t.getCell(i, col(t, "pmde"))).doubleValue()});
        }
        assertSameMotions(got, expected(150, 2.2, 0.4), 1e-3);
    }

    @Test
    void aBrokenServiceGivesStatus4AndResumeAsksOnlyItAgain() throws Exception {
        AtomicBoolean forward = new AtomicBoolean(false);
        try (FaultServer f = front(forward)) {
            String frontUrl = f.uri("/tap").toString();
            Path first = dir.resolve("first.vot");
            Run r = vokit("vowide", "--no-registry", "--table", REG + ",vostars.main", "--table",
                    frontUrl + ",vostars.main", "--ucd", "pos.pm%", "--ra", "10", "--dec", "20", "--sr", "0.3",
                    "--no-health", "--timeout", "20", "--out", first.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).contains("failure report (1 failed").contains(frontUrl).contains("front switched off");
            Map<String, double[]> want = expected(10, 20, 0.3);
            StarTable t1 = read(first);
            Map<String, Integer> per1 = new HashMap<>();
            assertSameMotions(rows(t1, per1), want, 1);
            assertThat(t1.getParameterByName("vowide_failed_service_1").getValue()).isEqualTo(frontUrl);

            forward.set(true);
            int asked = f.requests().size();
            Path second = dir.resolve("second.vot");
            Run r2 = vokit("vowide", "--resume", first.toString(), "--no-registry", "--table", REG + ",vostars.main",
                    "--table", frontUrl + ",vostars.main", "--no-health", "--out", second.toString());
            assertThat(r2.status()).as(r2.err()).isZero();
            assertThat(r2.err()).contains("1 of 1 failed services asked again").contains("1/1 services done");
            assertThat(f.requests().size()).isGreaterThan(asked);
            Map<String, Integer> per2 = new HashMap<>();
            StarTable t2 = read(second);
            rows(t2, per2);
            assertThat(per2).containsEntry(REG, want.size()).containsEntry(frontUrl, want.size());
            assertThat(t2.getParameterByName("vowide_failed_service_1")).isNull();
        }
    }

    @Test
    void aHangingServiceIsCutAtItsTimeout() throws Exception {
        try (FaultServer hanging = FaultServer.start()) {
            everywhere(hanging, (req, ex) -> ex.hang());
            long t0 = System.nanoTime();
            Run r = vokit("vowide", "--no-registry", "--table", REG + ",vostars.main", "--table",
                    hanging.uri("/tap") + ",x.y", "--ucd", "pos.pm%", "--ra", "10", "--dec", "20", "--sr", "0.2",
                    "--no-health", "--timeout", "10", "--out", dir.resolve("hang.csv").toString());
            double secs = (System.nanoTime() - t0) / 1e9;
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).contains("timeout failed");
            assertThat(Files.readAllLines(dir.resolve("hang.csv")).size() - 1).isEqualTo(expected(10, 20, 0.2).size());
            assertThat(secs).as("whole run with one hanging service and --timeout 10").isLessThan(60);
        }
    }

    @Test
    void aServiceThatFailedThreeTimesIsSkippedUntilAskedAgain() throws Exception {
        Path health = dir.resolve("health.tsv");
        try (FaultServer bad = FaultServer.start()) {
            everywhere(bad, (req, ex) -> ex.send(500, "text/plain", "down for maintenance"));
            String[] args = {"vowide", "--no-registry", "--table", REG + ",vostars.main", "--table",
                bad.uri("/tap") + ",x.y", "--ucd", "pos.pm%", "--ra", "10", "--dec", "20", "--sr", "0.2",
                "--health-file", health.toString(), "--timeout", "20", "--format", "csv"};
            for (int i = 0; i < 3; i++) {
                Run r = vokit(args);
                assertThat(r.status()).as(r.err()).isEqualTo(4);
            }
            assertThat(Files.readAllLines(health)).hasSize(6);
            int asked = bad.requests().size();
            Run skipped = vokit(args);
            assertThat(skipped.status()).as(skipped.err()).isZero();
            assertThat(skipped.err()).contains("skipped: failed on each of its last 3 runs");
            assertThat(bad.requests()).hasSize(asked);
            String[] retry = java.util.Arrays.copyOf(args, args.length + 1);
            retry[args.length] = "--retry-failed";
            Run again = vokit(retry);
            assertThat(again.status()).isEqualTo(4);
            assertThat(bad.requests().size()).isGreaterThan(asked);
        }
    }

    @Test
    void badInputIsStatus2NamingWhatIsWrong() throws Exception {
        Run r = vokit("vowide", "--registry", REG, "--ra", "10", "--dec", "20", "--sr", "0.2");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--ucd");
        Run r2 = vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--ra", "10", "--dec", "95", "--sr", "0.2");
        assertThat(r2.status()).isEqualTo(2);
        assertThat(r2.err()).contains("Dec");
        Path notVowide = Files.writeString(dir.resolve("plain.csv"), "a,b\n1,2\n");
        Run r3 = vokit("vowide", "--resume", notVowide.toString());
        assertThat(r3.status()).isEqualTo(2);
        assertThat(r3.err()).contains("not a vokit vowide result");
    }
}
