package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.vokit.testing.TestHub;
import org.vokit.testing.FakeClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.adql.AdqlTemplate;
import org.vokit.fanout.ResultFile;
import org.vokit.samp.MTypes;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.FaultServer;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;

/**
 * {@code vokit epn} and {@code vokit obscore} against the local VO (the README's examples among
 * them), with broken services beside it for the exit statuses; expected rows from direct TAP
 * queries.
 */
class DiscoveryCommandsIT {

    private static final String REG = LocalVo.tap().toString();
    private static TapService direct;

    @TempDir
    static Path dir;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        direct = TapService.of(LocalVo.tap());
    }

    static Run vokit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Set<String> column(StarTable t, String name) throws IOException {
        int i = -1;
        for (int c = 0; c < t.getColumnCount(); c++) {
            if (t.getColumnInfo(c).getName().equalsIgnoreCase(name)) {
                i = c;
            }
        }
        assertThat(i).as("column " + name).isNotNegative();
        Set<String> out = new TreeSet<>();
        try (RowSequence rows = t.getRowSequence()) {
            while (rows.next()) {
                out.add(String.valueOf(rows.getCell(i)).strip());
            }
        }
        return out;
    }

    private static Set<String> direct(String adql) throws IOException {
        TapResult r = direct.runSync(adql);
        return column(r.table(), r.table().getColumnInfo(0).getName());
    }

    private static StarTable read(Path file) throws IOException {
        return Tables.randomTable(new StarTableFactory(true).makeStarTable(file.toString()));
    }

    // ------------------------------------------------------------------ epn

    @Test
    void readmeEpnExampleWritesTheGranulesOfMarsSpectra() throws Exception {
        Path csv = dir.resolve("mars.csv");
        Run r = vokit("epn", "--registry", REG, "--target", "Mars", "--product", "sp", "--format", "csv",
                "--out", csv.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("vokit epn: 1/1 tables done");
        assertThat(column(read(csv), "granule_uid")).isEqualTo(direct("SELECT granule_uid FROM voplanets.epn_core"
                + " WHERE target_name = 'Mars' AND dataproduct_type = 'sp'")).isNotEmpty();
    }

    @Test
    void readmeEpnInstrumentAndTimeExample() throws Exception {
        Path vot = dir.resolve("virtis.vot");
        Run r = vokit("epn", "--registry", REG, "--instrument", "VIRTIS", "--time-min", "2010-01-01",
                "--out", vot.toString());
        assertThat(r.status()).as(r.err()).isZero();
        // 2010-01-01T00:00Z is JD 2455197.5
        assertThat(column(read(vot), "granule_uid")).isEqualTo(direct("SELECT granule_uid FROM voplanets.epn_core"
                + " WHERE instrument_name LIKE '%#VIRTIS' AND time_max >= 2455197.5")).isNotEmpty();
    }

    @Test
    void aFailingTableGivesStatus4TheReportAndTheOtherRows() throws Exception {
        try (FaultServer bad = FaultServer.start()) {
            bad.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "database on fire"));
            Path vot = dir.resolve("partial.vot");
            Run r = vokit("epn", "--registry", REG, "--target", "Io", "--table", bad.uri("/tap") + ",epn.core",
                    "--timeout", "20", "--out", vot.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).contains("failure report (1 failed, 0 skipped)").contains(bad.uri("/tap").toString())
                    .contains("database on fire");
            StarTable t = read(vot);
            assertThat(column(t, "granule_uid")).isEqualTo(direct("SELECT granule_uid FROM voplanets.epn_core"
                    + " WHERE target_name = 'Io'"));
            // the report and the query are kept in the VOTable as INFOs, as vowide keeps them
            ResultFile.Previous kept = ResultFile.read(vot);
            assertThat(kept.failures()).singleElement().satisfies(f -> {
                assertThat(f.accessUrl()).isEqualTo(bad.uri("/tap"));
                assertThat(f.message()).contains("database on fire");
                assertThat(f.adql()).contains("FROM epn.core");
            });
            assertThat(kept.query()).contains("ivo_hashlist_has");
        }
    }

    @Test
    void nothingAnsweredGivesStatus1AndKeepsTheEarlierFile() throws Exception {
        try (FaultServer bad = FaultServer.start()) {
            bad.on("/tap/sync", (req, ex) -> ex.hang());
            Path out = Files.writeString(dir.resolve("earlier.csv"), "keep me\n");
            long t0 = System.nanoTime();
            Run r = vokit("epn", "--no-registry", "--table", bad.uri("/tap") + ",epn.core", "--timeout", "2",
                    "--out", out.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("TIMEOUT").contains("no service answered");
            assertThat(Files.readString(out)).isEqualTo("keep me\n");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        }
    }

    /**
     * {@code --resume}: a table whose service failed is asked again, with the query kept in the
     * file, and the other rows are kept. The failing service is a loopback front that answers 500
     * first and then forwards to the local VO, so the rows it gives on resume are the real ones.
     */
    @Test
    void resumeAsksAgainOnlyTheFailedTableAndKeepsTheOtherRows() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        try (FaultServer front = FaultServer.start()) {
            front.on("/tap/sync", (req, ex) -> {
                if (broken.get()) {
                    ex.send(500, "text/plain", "database on fire");
                    return;
                }
                try {
                    java.net.http.HttpResponse<byte[]> real = client.send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(LocalVo.tap() + "/sync"))
                            .header("Content-Type", req.header("Content-Type"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(req.body())).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    ex.send(real.statusCode(), real.headers().firstValue("Content-Type").orElse("text/xml"), real.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            front.on("/tap/capabilities", (req, ex) -> ex.send(404, "text/plain", "none here"));
            String tap = front.uri("/tap").toString();
            Path first = dir.resolve("resume-first.vot");
            Run r = vokit("epn", "--registry", REG, "--target", "Io", "--table", tap + ",voplanets.epn_core",
                    "--no-health", "--timeout", "20", "--out", first.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(ResultFile.read(first).failures()).extracting(f -> f.accessUrl().toString()).containsExactly(tap);
            int asked = front.requests("POST", "/tap/sync").size();

            broken.set(false);
            Path second = dir.resolve("resume-second.vot");
            r = vokit("epn", "--resume", first.toString(), "--no-health", "--out", second.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("resuming").contains("1 asked again");
            assertThat(front.requests("POST", "/tap/sync")).hasSize(asked + 1);
            ResultFile.Previous after = ResultFile.read(second);
            assertThat(after.failures()).isEmpty();
            Set<String> io = direct("SELECT granule_uid FROM voplanets.epn_core WHERE target_name = 'Io'");
            assertThat(io).isNotEmpty();
            StarTable t = Tables.randomTable(after.table());
            int url = -1;
            int uid = -1;
            for (int c = 0; c < t.getColumnCount(); c++) {
                url = t.getColumnInfo(c).getName().equals("service_url") ? c : url;
                uid = t.getColumnInfo(c).getName().equals("granule_uid") ? c : uid;
            }
            Set<String> kept = new TreeSet<>();
            Set<String> again = new TreeSet<>();
            for (long i = 0; i < t.getRowCount(); i++) {
                (tap.equals(t.getCell(i, url)) ? again : kept).add(String.valueOf(t.getCell(i, uid)));
            }
            assertThat(kept).as("rows kept from the local VO").isEqualTo(io);
            assertThat(again).as("rows of the table asked again").isEqualTo(io);

            // the file keeps no row limit: --maxrec given with --resume applies to what is asked again
            Path third = dir.resolve("resume-third.vot");
            r = vokit("epn", "--resume", first.toString(), "--maxrec", "1", "--no-health", "--out", third.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(front.requests("POST", "/tap/sync").get(asked + 1).body()).containsIgnoringCase("MAXREC=1");
            StarTable t3 = Tables.randomTable(ResultFile.read(third).table());
            long fromFront = 0;
            for (long i = 0; i < t3.getRowCount(); i++) {
                fromFront += tap.equals(t3.getCell(i, url)) ? 1 : 0;
            }
            assertThat(fromFront).as("rows from the table asked again with --maxrec 1").isEqualTo(1);
        }
    }

    @Test
    void badInputGivesStatus2NamingTheProblem() {
        Run r = vokit("epn", "--registry", REG, "--product", "spectrum");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("'spectrum' is not an EPN-TAP code");
        r = vokit("epn", "--registry", REG, "--time-min", "yesterday");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--time-min 'yesterday'");
        r = vokit("epn", "--registry", REG, "--c1", "0,10");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("spatial frame");
        r = vokit("epn", "--registry", REG, "--target", "Mars", "--per-host", "0", "--no-health");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--per-host must be at least 1");
        r = vokit("epn", "--resume", dir.resolve("no-such.vot").toString(), "--no-health");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--resume").contains("no such file");
        Path csv;
        try {
            csv = Files.writeString(dir.resolve("not-a-result.csv"), "a,b\n1,2\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        r = vokit("epn", "--resume", csv.toString(), "--no-health");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--resume " + csv);
    }

    // -------------------------------------------------------------- obscore

    private static Path stars() throws IOException {
        Path vot = dir.resolve("stars.vot");
        if (!Files.exists(vot)) {
            Run r = vokit("tap", "--service", REG, "--query", "SELECT main_id, ra, dec FROM vostars.main"
                    + " WHERE main_id IN ('VKS-00001', 'VKS-00003', 'VKS-00156', 'VKS-01000')", "--out", vot.toString());
            assertThat(r.status()).as(r.err()).isZero();
        }
        return vot;
    }

    /** (row, dataset) pairs from plain per-position cone queries. */
    private static Set<String> expectedSpectra(Path positions, double radius, String extra) throws IOException {
        StarTable p = read(positions);
        Set<String> out = new TreeSet<>();
        for (long i = 0; i < p.getRowCount(); i++) {
            String adql = AdqlTemplate.of("SELECT obs_publisher_did FROM ivoa.obscore WHERE dataproduct_type = 'spectrum'"
                    + " AND 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', {ra}, {dec}, {r}))")
                    .value("ra", ((Number) p.getCell(i, 1)).doubleValue())
                    .value("dec", ((Number) p.getCell(i, 2)).doubleValue()).value("r", radius).render() + extra;
            for (String did : direct(adql)) {
                out.add(i + " " + did);
            }
        }
        return out;
    }

    private static Set<String> pairs(StarTable t) throws IOException {
        int key = -1;
        int did = -1;
        for (int c = 0; c < t.getColumnCount(); c++) {
            String n = t.getColumnInfo(c).getName();
            key = n.equals("row_key") ? c : key;
            did = n.equals("obs_publisher_did") ? c : did;
        }
        Set<String> out = new TreeSet<>();
        try (RowSequence rows = t.getRowSequence()) {
            while (rows.next()) {
                out.add(rows.getCell(key) + " " + rows.getCell(did));
            }
        }
        return out;
    }

    @Test
    void readmeObscoreExampleFindsTheSpectra() throws Exception {
        Path csv = dir.resolve("spectra.csv");
        Run r = vokit("obscore", "--registry", REG, "--positions", stars().toString(), "--product", "spectrum",
                "--min-resolving-power", "1000", "--format", "csv", "--out", csv.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(pairs(read(csv))).isEqualTo(expectedSpectra(stars(), 0.01, " AND em_res_power > 1000"))
                .hasSizeGreaterThan(2);
    }

    @Test
    void readmeObscoreExampleWithNamedColumnsBatchesAndTop() throws Exception {
        Path csv = Files.writeString(dir.resolve("targets.csv"), "name,RA,DE\nfirst,10.0,20.0\ncluster,150.0,2.2\n"
                + "nowhere,45.0,-60.0\n", StandardCharsets.UTF_8);
        Path vot = dir.resolve("found.vot");
        Run r = vokit("obscore", "--registry", REG, "--positions", csv.toString(), "--ra-col", "RA", "--dec-col", "DE",
                "--radius", "0.05", "--product", "spectrum", "--batch-rows", "1", "--top", "100", "--out",
                vot.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Set<String> expected = new TreeSet<>();
        double[][] pos = {{10.0, 20.0}, {150.0, 2.2}, {45.0, -60.0}};
        for (int i = 0; i < pos.length; i++) {
            for (String did : direct(AdqlTemplate.of("SELECT obs_publisher_did FROM ivoa.obscore WHERE"
                    + " dataproduct_type = 'spectrum' AND 1 = CONTAINS(POINT('ICRS', s_ra, s_dec),"
                    + " CIRCLE('ICRS', {ra}, {dec}, 0.05))").value("ra", pos[i][0]).value("dec", pos[i][1]).render())) {
                expected.add(i + " " + did);
            }
        }
        assertThat(pairs(read(vot))).isEqualTo(expected).hasSizeGreaterThan(2);
    }

    @Test
    void obscoreWhereConditionsOnOtherColumns() throws Exception {
        Path vot = dir.resolve("images.vot");
        Run r = vokit("obscore", "--registry", REG, "--positions", stars().toString(), "--radius", "0.3",
                "--where", "obs_collection=vokit images", "--where", "calib_level>=2", "--out", vot.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StarTable p = read(stars());
        Set<String> expected = new TreeSet<>();
        for (long i = 0; i < p.getRowCount(); i++) {
            for (String did : direct(AdqlTemplate.of("SELECT obs_publisher_did FROM ivoa.obscore WHERE"
                    + " obs_collection = 'vokit images' AND calib_level >= 2 AND 1 = CONTAINS(POINT('ICRS', s_ra, s_dec),"
                    + " CIRCLE('ICRS', {ra}, {dec}, 0.3))").value("ra", ((Number) p.getCell(i, 1)).doubleValue())
                    .value("dec", ((Number) p.getCell(i, 2)).doubleValue()).render())) {
                expected.add(i + " " + did);
            }
        }
        assertThat(pairs(read(vot))).isEqualTo(expected).isNotEmpty();
        r = vokit("obscore", "--registry", REG, "--positions", stars().toString(), "--where", "calib_level!=2");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("COLUMN OP VALUE");
    }

    @Test
    void obscoreWithAHangingServiceGivesStatus4() throws Exception {
        try (FaultServer hanging = FaultServer.start()) {
            hanging.on("/tap/capabilities", (req, ex) -> ex.hang());
            Path vot = dir.resolve("some.vot");
            Run r = vokit("obscore", "--registry", REG, "--positions", stars().toString(), "--product", "spectrum",
                    "--service", hanging.uri("/tap").toString(), "--timeout", "15", "--out", vot.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).contains(hanging.uri("/tap").toString()).contains("TIMEOUT");
            assertThat(pairs(read(vot))).isEqualTo(expectedSpectra(stars(), 0.01, ""));
        }
    }

    /**
     * {@code vokit obscore --resume}: only the service that failed is asked again (its positions
     * uploaded again from --positions, with the query kept in the file), the local VO's rows are
     * kept as they were, and a service that fails again stays in the report.
     */
    @Test
    void obscoreResumeAsksOnlyTheFailedServiceAgain() throws Exception {
        String caps;
        try (var in = LocalVo.url("/tap/capabilities").toURL().openStream()) {
            caps = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (FaultServer broken = FaultServer.start()) {
            String real = caps;
            broken.on("/tap/capabilities", (req, ex) -> ex.send(200, "text/xml", real));
            broken.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "query engine down"));
            String tap = broken.uri("/tap").toString();
            Path first = dir.resolve("obscore-first.vot");
            Run r = vokit("obscore", "--registry", REG, "--positions", stars().toString(), "--product", "spectrum",
                    "--service", tap, "--no-health", "--timeout", "20", "--out", first.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            ResultFile.Previous before = ResultFile.read(first);
            assertThat(before.failures()).singleElement().satisfies(f -> {
                assertThat(f.accessUrl().toString()).isEqualTo(tap);
                assertThat(f.message()).contains("query engine down");
                assertThat(f.adql()).contains("TAP_UPLOAD");
            });
            int asked = broken.requests("POST", "/tap/sync").size();
            assertThat(asked).isPositive();

            Path second = dir.resolve("obscore-second.vot");
            r = vokit("obscore", "--resume", first.toString(), "--positions", stars().toString(), "--no-health",
                    "--timeout", "20", "--out", second.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).contains("resuming").contains("1 asked again").contains("query engine down");
            assertThat(broken.requests("POST", "/tap/sync")).hasSize(2 * asked);
            ResultFile.Previous after = ResultFile.read(second);
            assertThat(after.failures()).singleElement().satisfies(f -> {
                assertThat(f.accessUrl().toString()).isEqualTo(tap);
                assertThat(f.adql()).isEqualTo(before.failures().get(0).adql());
            });
            assertThat(after.query()).isEqualTo(before.query());
            assertThat(pairs(Tables.randomTable(after.table()))).isEqualTo(expectedSpectra(stars(), 0.01, ""))
                    .isNotEmpty();
        }
    }

    @Test
    void obscoreBadPositionsGiveStatus2() throws IOException {
        Path csv = Files.writeString(dir.resolve("nopos.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);
        Run r = vokit("obscore", "--registry", REG, "--positions", csv.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--ra-col").contains("(the columns are a, b)");
        r = vokit("obscore", "--registry", REG, "--positions", dir.resolve("missing.vot").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void sampSendsTheResultToTheNamedClient() throws Exception {
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        Path hubDir = Files.createDirectories(dir.resolve("hub"));
        List<Long> rows = new ArrayList<>();
        try (TestHub hub = TestHub.start(hubDir);
             FakeClient topcat = hub.fake("topcat", MTypes.TABLE_LOAD_VOTABLE)) {
            topcat.answer(MTypes.TABLE_LOAD_VOTABLE, m -> {
                try {
                    rows.add(Tables.randomTable(new StarTableFactory(true).makeStarTable(m.param("url"), "votable"))
                            .getRowCount());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return Map.of();
            });
            Run r = vokit("epn", "--registry", REG, "--target", "Vesta", "--samp", "topcat", "--hub",
                    hub.lockFile().toString(), "--out", dir.resolve("vesta.vot").toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("samp: topcat");
            assertThat(rows).containsExactly((long) direct("SELECT granule_uid FROM voplanets.epn_core"
                    + " WHERE target_name = 'Vesta'").size());
        }
    }
}
