package org.vokit.obscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.adql.AdqlTemplate;
import org.vokit.epntap.EpnQuery;
import org.vokit.epntap.EpnTap;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.fanout.ResultFile;
import org.vokit.progress.ProgressListener;
import org.vokit.registry.Registry;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.FaultServer;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * ObsCore discovery with uploads against the local VO. The positions are real stars of
 * {@code vostars.main} (their columns carry {@code pos.eq.ra;meta.main}); every expectation comes
 * from plain cone queries on {@code ivoa.obscore}, one per position, without any upload.
 */
class ObscoreIT {

    private static final String STARS = "SELECT main_id, ra, dec, vmag FROM vostars.main WHERE main_id IN"
            + " ('VKS-00001', 'VKS-00002', 'VKS-00003', 'VKS-00156', 'VKS-00456', 'VKS-01000', 'VKS-00004')"
            + " ORDER BY main_id";

    private static Registry registry;
    private static TapService direct;
    private static StarTable positions;
    private static Obscore.Upload upload;
    private static List<Obscore.ObscoreService> services;
    private static final Fanout ENGINE = Fanout.builder().taskTimeout(Duration.ofSeconds(60)).build();

    @AfterAll
    static void closeClients() {
        if (registry != null) {
            registry.close();
        }
        if (direct != null) {
            direct.close();
        }
        ENGINE.close();
    }

    @BeforeAll
    static void setUp() throws IOException {
        LocalVo.require();
        registry = Registry.of(LocalVo.tap());
        direct = TapService.of(LocalVo.tap());
        positions = direct.runSync(STARS).table();
        upload = Obscore.upload(positions, PositionColumns.find(positions, null, null));
        services = Obscore.discover(registry);
    }

    @Test
    void positionColumnsFoundByUcd() {
        assertThat(upload.columns().raName()).isEqualTo("ra");
        assertThat(upload.columns().how()).isEqualTo("UCD pos.eq.ra;meta.main");
        assertThat(upload.table().getRowCount()).isEqualTo(positions.getRowCount());
    }

    @Test
    void discoveryFindsEachObscoreServiceOnce() throws IOException {
        Set<String> expected = new TreeSet<>(first(direct.runSync("SELECT DISTINCT access_url FROM rr.capability"
                + " NATURAL JOIN rr.interface NATURAL JOIN rr.res_detail"
                + " WHERE detail_xpath = '/capability/dataModel/@ivo-id'"
                + " AND LOWER(detail_value) LIKE 'ivo://ivoa.net/std/obscore%'"
                + " AND standard_id LIKE 'ivo://ivoa.net/std/tap%'")));
        expected.addAll(first(direct.runSync("SELECT DISTINCT access_url FROM rr.capability"
                + " NATURAL JOIN rr.interface NATURAL JOIN rr.res_table"
                + " WHERE table_utype LIKE 'ivo://ivoa.net/std/obscore#table-%'"
                + " AND standard_id LIKE 'ivo://ivoa.net/std/tap%'")));
        List<String> found = services.stream().map(s -> s.serviceUrl().toString()).toList();
        assertThat(found).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(found)).isEqualTo(expected).contains(LocalVo.tap().toString());
    }

    @Test
    void spectraNearThePositionsMatchConeQueries() throws Exception {
        ObscoreQuery q = ObscoreQuery.builder().radius(0.01).productType("spectrum").build();
        Set<String> expected = expected(0.01, "dataproduct_type = 'spectrum'");
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(matches(run(q, 0))).isEqualTo(expected);
    }

    @Test
    void slicedUploadGivesTheSameRows() throws Exception {
        ObscoreQuery q = ObscoreQuery.builder().radius(0.3).build();
        Set<String> expected = expected(0.3, null);
        assertThat(matches(run(q, 2))).isEqualTo(expected);
        assertThat(matches(run(q, 0))).isEqualTo(expected);
    }

    @Test
    void resolvingPowerFilter() throws Exception {
        assertThat(matches(run(ObscoreQuery.builder().radius(0.3).minResolvingPower(1000.0).build(), 0)))
                .isEqualTo(expected(0.3, "em_res_power > 1000")).isNotEmpty();
        assertThat(matches(run(ObscoreQuery.builder().radius(0.3).minResolvingPower(1e6).build(), 0)))
                .isEqualTo(expected(0.3, "em_res_power > 1000000"));
    }

    @Test
    void furtherConditionsOnObscoreColumns() throws Exception {
        ObscoreQuery q = ObscoreQuery.builder().radius(0.3)
                .where(ObscoreQuery.Condition.parse("obs_collection = vokit images"))
                .where(ObscoreQuery.Condition.parse("calib_level>=2")).build();
        assertThat(matches(run(q, 0))).isEqualTo(expected(0.3, "obs_collection = 'vokit images' AND calib_level >= 2"))
                .isNotEmpty();
    }

    @Test
    void topLimitsRowsPerService() throws Exception {
        assertThat(expected(0.3, null)).hasSizeGreaterThan(3);
        assertThat(run(ObscoreQuery.builder().radius(0.3).top(3).build(), 0).getRowCount()).isEqualTo(3);
        assertThat(run(ObscoreQuery.builder().radius(0.3).top(3).build(), 2).getRowCount()).isEqualTo(3);
    }

    /**
     * A service failing with a 500, one hanging after its capabilities and one without uploads:
     * the first two become failure-report entries (kept as INFOs in the result file with the query),
     * the third is skipped without a query, and the local VO's rows stay as cone queries give them.
     */
    @Test
    void brokenHangingAndUploadlessServicesDoNotSpoilTheResult(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String caps = new String(TapService.class.getResourceAsStream("/org/vokit/obscore/caps-no-upload.xml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String withUpload = caps.replace("<!--UPLOAD-->",
                "<uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-inline\"/>");
        try (FaultServer broken = FaultServer.start(); FaultServer noUpload = FaultServer.start();
             FaultServer hanging = FaultServer.start()) {
            broken.on("/tap/capabilities", (req, ex) -> ex.send(200, "text/xml", withUpload));
            broken.on("/tap/sync", (req, ex) -> ex.send(500, "text/html", "<h1>Internal Server Error</h1>"));
            noUpload.on("/tap/capabilities", (req, ex) -> ex.send(200, "text/xml", caps));
            hanging.on("/tap/capabilities", (req, ex) -> ex.send(200, "text/xml", withUpload));
            hanging.on("/tap/sync", (req, ex) -> ex.hang());
            List<Obscore.ObscoreService> all = new ArrayList<>(services);
            all.add(0, new Obscore.ObscoreService("ivo://broken/obscore", broken.uri("/tap")));
            all.add(new Obscore.ObscoreService("ivo://noupload/obscore", noUpload.uri("/tap")));
            all.add(new Obscore.ObscoreService("ivo://hanging/obscore", hanging.uri("/tap")));
            MergedTable store = Obscore.result(StoragePolicy.PREFER_MEMORY);
            ObscoreQuery q = ObscoreQuery.builder().radius(0.01).productType("spectrum").build();
            FanoutReport r;
            long t0 = System.nanoTime();
            try (Fanout quick = Fanout.builder().taskTimeout(Duration.ofSeconds(5)).build()) {
                r = Obscore.search(all, upload, q, 0, quick, store, ProgressListener.NONE);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
            Set<String> expected = expected(0.01, "dataproduct_type = 'spectrum'");
            assertThat(matches(store.table())).isEqualTo(expected).isNotEmpty();
            assertThat(r.failures()).filteredOn(f -> f.phase() != Failure.Phase.SKIPPED).extracting(Failure::ivoid)
                    .containsExactlyInAnyOrder("ivo://broken/obscore", "ivo://hanging/obscore");
            assertThat(r.failures()).filteredOn(f -> "ivo://broken/obscore".equals(f.ivoid())).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("500"));
            assertThat(r.failures()).filteredOn(f -> "ivo://hanging/obscore".equals(f.ivoid())).singleElement()
                    .satisfies(f -> assertThat(f.phase()).isEqualTo(Failure.Phase.TIMEOUT));
            assertThat(r.failures()).filteredOn(f -> f.phase() == Failure.Phase.SKIPPED).extracting(Failure::ivoid)
                    .containsExactly("ivo://noupload/obscore");
            assertThat(noUpload.requests("POST", "/tap/sync")).isEmpty();
            assertThat(r.exitStatus()).isEqualTo(4);

            java.nio.file.Path file = dir.resolve("found.vot");
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                ResultFile.write(store.table(), r, q.toAdql(Obscore.UPLOAD_NAME), out);
            }
            ResultFile.Previous back = ResultFile.read(file);
            assertThat(back.failures()).extracting(Failure::ivoid).containsExactlyInAnyOrder("ivo://broken/obscore",
                    "ivo://hanging/obscore", "ivo://noupload/obscore");
            assertThat(back.failures()).allSatisfy(f -> assertThat(f.adql()).isEqualTo(q.toAdql(Obscore.UPLOAD_NAME)));
            assertThat(matches(back.table())).isEqualTo(expected);
        }
    }

    /** The README's Java example, as written there; expectations from server-side joins without uploads. */
    @Test
    void readmeJavaExample() throws Exception {
        try (Registry reg = Registry.of("http://127.0.0.1:8089/tap");
             TapService tap = TapService.of("http://127.0.0.1:8089/tap")) {
        MergedTable rows = EpnTap.result(StoragePolicy.ADAPTIVE);
        MergedTable found = Obscore.result(StoragePolicy.ADAPTIVE);
        FanoutReport report;
        try (Fanout engine = Fanout.builder().parallel(8).perHost(4).taskTimeout(Duration.ofSeconds(60)).build()) {
            report = EpnTap.search(EpnTap.discover(reg), EpnQuery.builder().target("Mars").productTypes("sp").build(),
                    engine, rows, ProgressListener.NONE);
            report.failures().forEach(f -> System.err.println(f.line()));

            StarTable positions = tap
                    .runSync("SELECT main_id, ra, dec FROM vostars.main WHERE vmag < 10").table();
            Obscore.Upload up = Obscore.upload(positions, PositionColumns.find(positions, null, null));
            Obscore.search(Obscore.discover(reg), up, ObscoreQuery.builder().productType("spectrum").build(),
                    0, engine, found, ProgressListener.NONE);  // 0: batch size from each service's upload limit
        }

        assertThat(report.failures()).isEmpty();
        assertThat(rows.table().getRowCount()).isEqualTo(first(direct.runSync("SELECT granule_uid FROM"
                + " voplanets.epn_core WHERE target_name = 'Mars' AND dataproduct_type = 'sp'")).size());
        Set<String> dids = new TreeSet<>();
        StarTable f = found.table();
        int did = index(f, "obs_publisher_did");
        try (RowSequence s = f.getRowSequence()) {
            while (s.next()) {
                dids.add(String.valueOf(s.getCell(did)));
            }
        }
        assertThat(dids).isEqualTo(new TreeSet<>(first(direct.runSync("SELECT o.obs_publisher_did FROM vostars.main"
                + " AS s JOIN ivoa.obscore AS o ON 1 = CONTAINS(POINT('ICRS', o.s_ra, o.s_dec),"
                + " CIRCLE('ICRS', s.ra, s.dec, 0.01)) WHERE s.vmag < 10 AND o.dataproduct_type = 'spectrum'"))))
                .isNotEmpty();
        }
    }

    private static StarTable run(ObscoreQuery q, int batch) throws Exception {
        MergedTable store = Obscore.result(StoragePolicy.PREFER_MEMORY);
        FanoutReport r = Obscore.search(services, upload, q, batch, ENGINE, store, ProgressListener.NONE);
        assertThat(r.failures()).isEmpty();
        return store.table();
    }

    /** (row key, dataset id) pairs from one plain cone query per position. */
    private static Set<String> expected(double radius, String condition) throws IOException {
        Set<String> out = new TreeSet<>();
        try (RowSequence rows = positions.getRowSequence()) {
            long key = 0;
            while (rows.next()) {
                AdqlTemplate t = AdqlTemplate.of("SELECT obs_publisher_did FROM ivoa.obscore WHERE"
                        + " 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', {ra}, {dec}, {r}))")
                        .value("ra", ((Number) rows.getCell(1)).doubleValue())
                        .value("dec", ((Number) rows.getCell(2)).doubleValue()).value("r", radius);
                String adql = t.render() + (condition == null ? "" : " AND " + condition);
                for (String did : first(direct.runSync(adql))) {
                    out.add(key + " " + did);
                }
                key++;
            }
        }
        return out;
    }

    private static Set<String> matches(StarTable t) throws IOException {
        int key = index(t, "row_key");
        int did = index(t, "obs_publisher_did");
        int url = index(t, MergedTable.SERVICE_URL);
        Set<String> out = new TreeSet<>();
        try (RowSequence rows = t.getRowSequence()) {
            while (rows.next()) {
                assertThat(rows.getCell(url)).isEqualTo(LocalVo.tap().toString());
                out.add(rows.getCell(key) + " " + rows.getCell(did));
            }
        }
        return out;
    }

    private static List<String> first(TapResult r) throws IOException {
        List<String> out = new ArrayList<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                out.add(String.valueOf(rows.getCell(0)).strip());
            }
        }
        return out;
    }

    private static int index(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
