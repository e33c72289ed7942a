package org.vokit.topcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.vokit.adql.AdqlTemplate;
import org.vokit.obscore.Obscore;
import org.vokit.registry.Registry;
import org.vokit.tap.TapService;
import org.vokit.testing.Ci;
import org.vokit.testing.FaultServer;
import org.vokit.testing.HostApps;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableOutput;
import uk.ac.starlink.table.Tables;

/**
 * The VO menu tools in the real TOPCAT ({@code topcat.exttools=org.vokit.topcat.VokitTools}), on a
 * private X display and hub, against the local VO and its registry: the items are clicked in
 * TOPCAT's VO menu, the dialogs filled in and their Search buttons pressed as a user would, and
 * the tables TOPCAT gets are checked against direct TAP queries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TopcatToolsIT {

    static final Path SHOTS = Path.of("target/screenshots");
    static HostApps apps;
    static StarTable stars;

    @BeforeAll
    static void start() throws Exception {
        LocalVo.require();
        HostApps.require();
        Path jar = Path.of(System.getProperty("vokit.topcat.plugin.jar", "target/vokit-topcat.jar"));
        Path classes = Path.of(System.getProperty("vokit.topcat.test.classes", "target/test-classes"));
        if (!Files.isRegularFile(jar)) {
            Ci.missing("the plugin jar " + jar + " (run the tests with `verify`, after `package`)");
        }
        Files.createDirectories(SHOTS);
        Path dir = Files.createDirectories(HostApps.runDir("TopcatToolsIT"));
        stars = Tables.randomTable(TapService.of(LocalVo.tap()).runSync(
                "SELECT TOP 3 main_id, ra, dec FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.3)) ORDER BY main_id").table());
        assertThat(stars.getRowCount()).isEqualTo(3);
        Path vot = dir.resolve("stars.vot");
        new StarTableOutput().writeStarTable(stars, vot.toString(), "votable");
        apps = HostApps.start(dir);
        apps.startTopcat(PluginDriver.class.getName(), List.of(jar, classes),
                List.of("-Dtopcat.exttools=" + VokitTools.class.getName()), List.of(vot.toString()));
        Waits.await(apps, "table 1 loaded", () -> tables() == 1, null);
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    @Order(1)
    void obscoreSearchForThisTableLoadsWhatDirectQueriesFind() throws Exception {
        double radius = 0.5;
        List<Obscore.ObscoreService> services = Obscore.discover(Registry.of(LocalVo.tap()));
        assertThat(services).isNotEmpty()
                .allSatisfy(s -> assertThat(s.serviceUrl().toString()).startsWith(LocalVo.BASE));
        long perService = 0;
        for (int i = 0; i < stars.getRowCount(); i++) {
            String adql = AdqlTemplate.of("SELECT COUNT(*) FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec),"
                    + " CIRCLE('ICRS', {ra}, {dec}, {r}))").value("ra", stars.getCell(i, 1))
                    .value("dec", stars.getCell(i, 2)).value("r", radius).render();
            perService += ((Number) TapService.of(LocalVo.tap()).runSync(adql).table().getCell(0, 0)).longValue();
        }
        long expected = perService * services.size();
        assertThat(expected).isGreaterThan(0);
        apps.topcat("menu " + VokitTools.OBSCORE, Duration.ofSeconds(10));
        apps.topcat("fill ObsCore_search registry=" + LocalVo.tap() + "|radius=" + radius + "|timeout=60",
                Duration.ofSeconds(10));
        Waits.shot(apps, SHOTS.resolve("topcat-obscore-dialog.png"));
        apps.topcat("click ObsCore_search search", Duration.ofSeconds(10));
        Waits.await(apps, "the ObsCore table", () -> tables() == 2 && status("ObsCore_search").contains("idle"), () -> {
                throw new AssertionError(status("ObsCore_search"));
            });
        String[] t = apps.topcat("table 2", Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("ObsCore around stars.vot r=0.5");
        assertThat(Long.parseLong(t[1])).isEqualTo(expected);
        assertThat(status("ObsCore_search")).contains(services.size() + "/" + services.size() + " services done")
                .contains("No failures");
        Waits.shot(apps, SHOTS.resolve("topcat-obscore-result.png"));
        // the settings went to TOPCAT's own preferences (Java preferences under the private home)
        Path prefs = apps.home().resolve(".java/.userPrefs/uk/ac/starlink/topcat/vokit/prefs.xml");
        assertThat(prefs).exists();
        assertThat(Files.readString(prefs)).contains(LocalVo.tap().toString()).contains("\"radius\" value=\"0.5\"");
    }

    @Test
    @Order(2)
    void epnTapDiscoveryLoadsWhatADirectQueryFinds() throws Exception {
        long expected = ((Number) TapService.of(LocalVo.tap()).runSync(
                "SELECT COUNT(*) FROM voplanets.epn_core WHERE target_name = 'Mars'").table().getCell(0, 0)).longValue();
        assertThat(expected).isGreaterThan(0);
        int before = tables();
        apps.topcat("menu " + VokitTools.EPN, Duration.ofSeconds(10));
        apps.topcat("fill EPN-TAP registry=" + LocalVo.tap() + "|target=Mars", Duration.ofSeconds(10));
        apps.topcat("click EPN-TAP search", Duration.ofSeconds(10));
        Waits.await(apps, "the EPN-TAP table", () -> tables() == before + 1 && status("EPN-TAP").contains("idle"), () -> {
                throw new AssertionError(status("EPN-TAP"));
            });
        String[] t = apps.topcat("table " + (before + 1), Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("EPN-TAP Mars");
        assertThat(Long.parseLong(t[1])).isEqualTo(expected);
        Waits.shot(apps, SHOTS.resolve("topcat-epntap.png"));
    }

    @Test
    @Order(3)
    void aBrokenRegistryIsReportedInADialogNamingItAndItsMessage() throws Exception {
        try (FaultServer fault = FaultServer.start()) {
            fault.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "registry database on fire"));
            int before = tables();
            apps.topcat("fill EPN-TAP registry=" + fault.uri("/tap") + "|target=Mars", Duration.ofSeconds(10));
            apps.topcat("click EPN-TAP search", Duration.ofSeconds(10));
            Waits.await(apps, "the error dialog", () -> status("EPN-TAP").contains("ERROR DIALOG"), () -> {
                throw new AssertionError(status("EPN-TAP"));
            });
            assertThat(status("EPN-TAP")).contains(fault.uri("/tap").toString()).contains("500");
            Waits.shot(apps, SHOTS.resolve("topcat-tools-failure.png"));
            assertThat(tables()).isEqualTo(before);
            apps.topcat("dismiss", Duration.ofSeconds(10));
        }
    }

    @Test
    @Order(4)
    void cancelStopsASearchWhoseRegistryHangs() throws Exception {
        try (FaultServer fault = FaultServer.start()) {
            fault.on("/tap/sync", (req, ex) -> ex.hang());
            int before = tables();
            apps.topcat("fill EPN-TAP registry=" + fault.uri("/tap") + "|target=Mars|timeout=60", Duration.ofSeconds(10));
            apps.topcat("click EPN-TAP search", Duration.ofSeconds(10));
            Waits.await(apps, "the request at the hanging registry", () -> !fault.requests().isEmpty(), null);
            assertThat(status("EPN-TAP")).contains("running");
            long t0 = System.nanoTime();
            apps.topcat("click EPN-TAP cancel", Duration.ofSeconds(10));
            Waits.await(apps, "the cancelled search", () -> status("EPN-TAP").contains("idle"), () -> {
                throw new AssertionError(status("EPN-TAP"));
            });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(status("EPN-TAP")).contains("Cancelled").doesNotContain("ERROR DIALOG");
            assertThat(tables()).isEqualTo(before);
        }
    }

    @Test
    @Order(5)
    void voWideQueryByUcdLoadsWhatADirectQueryFinds() throws Exception {
        // in the local VO only vostars.main has pos.pm columns (checked through TAP_SCHEMA)
        StarTable pmTables = Tables.randomTable(TapService.of(LocalVo.tap()).runSync(
                "SELECT DISTINCT table_name FROM tap_schema.columns WHERE ucd LIKE 'pos.pm%'").table());
        assertThat(pmTables.getRowCount()).isEqualTo(1);
        assertThat(pmTables.getCell(0, 0)).isEqualTo("vostars.main");
        long expected = ((Number) TapService.of(LocalVo.tap()).runSync("SELECT COUNT(*) FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.3))").table().getCell(0, 0))
                .longValue();
        assertThat(expected).isGreaterThan(0);
        int before = tables();
        apps.topcat("menu " + VokitTools.VOWIDE, Duration.ofSeconds(10));
        apps.topcat("fill VO-wide registry=" + LocalVo.tap() + "|ra=10|dec=20|radius=0.3|timeout=60",
                Duration.ofSeconds(10));
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the VO-wide table", () -> tables() == before + 1 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        String[] t = apps.topcat("table " + (before + 1), Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("VO-wide pos.pm% 10 20 r=0.3");
        assertThat(Long.parseLong(t[1])).as(status("VO-wide")).isEqualTo(expected);
        Waits.shot(apps, SHOTS.resolve("topcat-vowide.png"));
    }

    static int tables() throws IOException {
        return Integer.parseInt(apps.topcat("tables", Duration.ofSeconds(10)));
    }

    static String status(String title) throws IOException {
        return apps.topcat("status " + title, Duration.ofSeconds(10));
    }
}
