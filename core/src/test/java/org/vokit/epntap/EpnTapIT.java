package org.vokit.epntap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.fanout.ResultFile;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.registry.RegistryResource;
import org.vokit.registry.DataModel;
import org.vokit.registry.RegTable;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.FaultServer;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * EPN-TAP discovery and search against the local VO's registry and its EPN-TAP table. Expected
 * tables come from the registry client's own resource search (the course's way: data model
 * {@code epntap}, keep {@code tap#aux} resources, then tables by utype); expected rows from
 * direct TAP queries written independently of {@link EpnQuery}.
 */
class EpnTapIT {

    private static Registry registry;
    private static TapService direct;
    private static List<EpnTable> tables;
    private static final Fanout ENGINE = Fanout.builder().parallel(4).taskTimeout(Duration.ofSeconds(60)).build();

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
        tables = EpnTap.discover(registry);
    }

    @Test
    void discoveryFindsWhatTheCoursesLoopFinds() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (RegistryResource r : registry.search(DataModel.of("epntap"))) {
            if (!r.accessModes().contains("tap#aux")) {
                continue;
            }
            for (RegTable t : r.tables()) {
                String u = t.utype() == null ? "" : t.utype();
                if (u.equals(EpnTap.LEGACY_UTYPE) || u.startsWith(EpnTap.UTYPE_PREFIX)) {
                    expected.add(r.ivoid() + " " + r.serviceLax("tap") + " " + t.name());
                }
            }
        }
        Set<String> found = new TreeSet<>();
        for (EpnTable t : tables) {
            found.add(t.ivoid() + " " + t.serviceUrl() + " " + t.tableName());
        }
        assertThat(expected).isNotEmpty();
        assertThat(found).isEqualTo(expected);
        assertThat(tables).anySatisfy(t -> assertThat(t.tableName()).isEqualTo("voplanets.epn_core"));
    }

    @Test
    void targetAndProductTypeMatchDirectQuery() throws Exception {
        EpnQuery q = EpnQuery.builder().target("Mars").productTypes("sp").build();
        assertThat(uids(run(q))).isEqualTo(direct(
                "SELECT granule_uid FROM voplanets.epn_core WHERE target_name = 'Mars' AND dataproduct_type = 'sp'"))
                .isNotEmpty();
    }

    @Test
    void hashListInstrumentSameWithUdfAndWithLike() throws Exception {
        Set<String> expected = direct("SELECT granule_uid FROM voplanets.epn_core"
                + " WHERE instrument_name LIKE '%#VIRTIS' OR instrument_host_name = 'VIRTIS'");
        assertThat(expected).isNotEmpty();
        EpnQuery q = EpnQuery.builder().instrument("VIRTIS").build();
        assertThat(uids(run(q))).isEqualTo(expected);
        // the portable form, as sent to a service without ivo_hashlist_has
        assertThat(directAll(q.toAdql("voplanets.epn_core", false))).isEqualTo(expected);
    }

    @Test
    void timeRangeInJulianDates() throws Exception {
        // 2010-01-01T00:00Z is JD 2455197.5; 2011-01-01T00:00Z is JD 2455562.5
        Set<String> expected = direct("SELECT granule_uid FROM voplanets.epn_core"
                + " WHERE time_max >= 2455197.5 AND time_min <= 2455562.5");
        EpnQuery q = EpnQuery.builder().time(Instant.parse("2010-01-01T00:00:00Z"),
                Instant.parse("2011-01-01T00:00:00Z")).build();
        assertThat(uids(run(q))).isEqualTo(expected).isNotEmpty();
    }

    @Test
    void spectralRangeAndBodyCoordinates() throws Exception {
        Set<String> expected = direct("SELECT granule_uid FROM voplanets.epn_core WHERE spectral_range_max >= 1E15"
                + " AND spatial_frame_type = 'body' AND c1max >= 100 AND c1min <= 200 AND c2min <= 0");
        EpnQuery q = EpnQuery.builder().spectralRange(1e15, null).spatialFrame("body")
                .coordinate(1, 100.0, 200.0).coordinate(2, null, 0.0).build();
        assertThat(uids(run(q))).isEqualTo(expected).isNotEmpty();
    }

    @Test
    void rowsCarryProvenanceAndStandardColumns() throws Exception {
        StarTable t = run(EpnQuery.builder().target("Ceres").build());
        assertThat(t.getColumnInfo(0).getName()).isEqualTo(EpnTap.COLUMNS.get(0).getName());
        assertThat(t.getRowCount()).isEqualTo(direct("SELECT granule_uid FROM voplanets.epn_core"
                + " WHERE target_name = 'Ceres'").size());
        int target = index(t, "target_name");
        int url = index(t, MergedTable.SERVICE_URL);
        int ivoid = index(t, MergedTable.IVOID);
        int table = index(t, MergedTable.TABLE_NAME);
        try (RowSequence rows = t.getRowSequence()) {
            while (rows.next()) {
                assertThat(rows.getCell(url)).isEqualTo(LocalVo.tap().toString());
                assertThat(rows.getCell(ivoid)).isEqualTo("ivo://vokit.test/voplanets/q/epn_core");
                assertThat(rows.getCell(table)).isEqualTo("voplanets.epn_core");
                assertThat(rows.getCell(target)).isEqualTo("Ceres");
            }
        }
    }

    /**
     * One service answering with an error document and one hanging: each becomes an entry of the
     * failure report, kept as an INFO in the result file with the query it was sent, while the
     * local VO's rows stay as a direct query gives them.
     */
    @Test
    void aBrokenServiceDoesNotSpoilTheOthers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (FaultServer bad = FaultServer.start(); FaultServer hanging = FaultServer.start()) {
            bad.on("/tap/capabilities", (req, ex) -> ex.send(404, "text/plain", "no"));
            bad.on("/tap/sync", (req, ex) -> ex.sendVotable(FaultServer.errorVotable("table epn.core is broken")));
            hanging.on("/tap/capabilities", (req, ex) -> ex.hang());
            hanging.on("/tap/sync", (req, ex) -> ex.hang());
            List<EpnTable> all = new ArrayList<>(tables);
            all.add(new EpnTable("ivo://broken/epn", null, bad.uri("/tap"), "epn.core", EpnTap.UTYPE_PREFIX + "0"));
            all.add(new EpnTable("ivo://hanging/epn", null, hanging.uri("/tap"), "hang.epn_core",
                    EpnTap.UTYPE_PREFIX + "0"));
            MergedTable store = EpnTap.result(StoragePolicy.PREFER_MEMORY);
            ProgressTally tally = new ProgressTally();
            EpnQuery q = EpnQuery.builder().target("Io").build();
            long t0 = System.nanoTime();
            FanoutReport report;
            try (Fanout quick = Fanout.builder().taskTimeout(Duration.ofSeconds(3)).build()) {
                report = EpnTap.search(all, q, quick, store, tally);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            Set<String> expected = direct("SELECT granule_uid FROM voplanets.epn_core WHERE target_name = 'Io'");
            assertThat(uids(store.table())).isEqualTo(expected).isNotEmpty();
            assertThat(report.failures()).extracting(Failure::ivoid)
                    .containsExactlyInAnyOrder("ivo://broken/epn", "ivo://hanging/epn");
            Failure broken = failure(report.failures(), "ivo://broken/epn");
            assertThat(broken.message()).contains("table epn.core is broken");
            // no capabilities from the broken service: it was sent the portable LIKE form, and the report keeps that
            assertThat(broken.adql()).isEqualTo(q.toAdql("epn.core", false)).doesNotContain("ivo_hashlist_has");
            assertThat(failure(report.failures(), "ivo://hanging/epn").phase()).isEqualTo(Failure.Phase.TIMEOUT);
            assertThat(report.answered()).isEqualTo(tables.size());
            assertThat(tally.snapshot().failed()).isEqualTo(2);
            assertThat(took).isLessThan(Duration.ofSeconds(15));

            java.nio.file.Path file = dir.resolve("io.vot");
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                ResultFile.write(store.table(), report, q.toAdql("epn_core", true), out);
            }
            ResultFile.Previous back = ResultFile.read(file);
            assertThat(back.failures()).extracting(f -> f.accessUrl() + " " + f.phase() + " " + f.adql())
                    .containsExactlyInAnyOrderElementsOf(report.failures().stream()
                            .map(f -> f.accessUrl() + " " + f.phase() + " " + f.adql()).toList());
            assertThat(back.query()).contains("ivo_hashlist_has");
            assertThat(uids(back.table())).isEqualTo(expected);
        }
    }

    private static Failure failure(List<Failure> fs, String ivoid) {
        return fs.stream().filter(f -> ivoid.equals(f.ivoid())).findFirst().orElseThrow();
    }

    private static StarTable run(EpnQuery q) throws Exception {
        MergedTable store = EpnTap.result(StoragePolicy.PREFER_MEMORY);
        FanoutReport r = EpnTap.search(tables, q, ENGINE, store, null);
        assertThat(r.failures()).isEmpty();
        return store.table();
    }

    private static Set<String> uids(StarTable t) throws IOException {
        int i = index(t, "granule_uid");
        Set<String> out = new TreeSet<>();
        try (RowSequence rows = t.getRowSequence()) {
            while (rows.next()) {
                out.add(String.valueOf(rows.getCell(i)));
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

    private static Set<String> direct(String adql) throws IOException {
        return directAll(adql);
    }

    private static Set<String> directAll(String adql) throws IOException {
        TapResult r = direct.runSync(adql);
        return uids(r.table());
    }
}
