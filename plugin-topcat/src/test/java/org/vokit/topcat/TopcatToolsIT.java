package org.vokit.topcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.vokit.adql.AdqlTemplate;
import org.vokit.fanout.MergedTable;
import org.vokit.investigator.SkyPosition;
import org.vokit.obscore.Obscore;
import org.vokit.registry.Registry;
import org.vokit.tap.TapService;
import org.vokit.testing.Ci;
import org.vokit.testing.FaultServer;
import org.vokit.testing.HostApps;
import org.vokit.testing.LocalVo;
import org.vokit.testing.QuirkyVo;
import org.vokit.testing.QuirkyVo.Quirk;
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
    /** The local registry's quirk services (fronts of the local DaCHS), running for the whole class. */
    static QuirkyVo front;

    @BeforeAll
    static void start() throws Exception {
        LocalVo.require();
        HostApps.require();
        front = startFront();
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
        if (front != null) {
            front.close();
        }
    }

    /** The quirk services have fixed ports: another test JVM may hold them for a while. */
    static QuirkyVo startFront() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            try {
                return QuirkyVo.start();
            } catch (java.net.BindException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(1000);
            }
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

    /** Rows of vostars.main (and its copy voquirks.int_ids) in a cone, asked of the local DaCHS directly. */
    static long direct(String table, double ra, double dec, double r) throws Exception {
        String adql = AdqlTemplate.of("SELECT COUNT(*) FROM " + table + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                + " CIRCLE('ICRS', {ra}, {dec}, {r}))").value("ra", ra).value("dec", dec).value("r", r).render();
        return ((Number) TapService.of(LocalVo.tap()).runSync(adql).table().getCell(0, 0)).longValue();
    }

    /** Rows per service of a loaded table. */
    static Map<String, Long> perService(int table) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        String all = apps.topcat("count " + table + " " + MergedTable.SERVICE_URL, Duration.ofSeconds(10));
        for (String kv : all.split(";")) {
            if (!kv.isBlank()) {
                int eq = kv.lastIndexOf('=');
                out.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
            }
        }
        return out;
    }

    /**
     * The registry lists the local DaCHS and the quirk services (all fronts of the same tables):
     * each healthy one gives what a direct query gives, the 500, hanging and truncated ones end in
     * the failure report, and the healthy rows load.
     */
    @Test
    @Order(5)
    void voWideQueryByUcdLoadsTheHealthyServicesAndReportsTheBrokenOnes() throws Exception {
        long n = direct("vostars.main", 10, 20, 0.3);
        long m = direct("voquirks.int_ids", 10, 20, 0.3);
        assertThat(n).isGreaterThan(0);
        assertThat(m).isEqualTo(n);
        int before = tables();
        apps.topcat("menu " + VokitTools.VOWIDE, Duration.ofSeconds(10));
        apps.topcat("fill VO-wide registry=" + LocalVo.tap() + "|ra=10|dec=20|radius=0.3|timeout=4",
                Duration.ofSeconds(10));
        assertThat(status("VO-wide")).contains("centre: 10.0000 +20.0000  (typed)").contains("retry disabled");
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the VO-wide table", () -> tables() == before + 1 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        String[] t = apps.topcat("table " + (before + 1), Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("VO-wide pos.pm% 10 20 r=0.3");
        Map<String, Long> want = new TreeMap<>();
        want.put(LocalVo.tap().toString(), n);
        want.put(Quirk.NO_FEATURES.tap().toString(), n + m);
        want.put(Quirk.SLOW.tap().toString(), n);
        want.put(Quirk.REJECTS_CAST.tap().toString(), n);
        want.put(Quirk.INT_IDS.tap().toString(), m);
        want.put(Quirk.DELIMITED.tap().toString(), n + m);
        String st = status("VO-wide");
        assertThat(perService(before + 1)).as(st).isEqualTo(want);
        assertThat(Long.parseLong(t[1])).isEqualTo(5 * n + 3 * m);
        assertThat(st).contains("3 failed").contains("retry enabled").doesNotContain("ERROR DIALOG")
                .contains(Quirk.ERROR_500.tap() + " [" + Quirk.ERROR_500.ivoid() + "]")
                .contains("the database is down")
                .contains(Quirk.HANGING.tap() + " [" + Quirk.HANGING.ivoid() + "]")
                .contains(Quirk.TRUNCATED.tap() + " [" + Quirk.TRUNCATED.ivoid() + "]");
        for (Quirk q : List.of(Quirk.NO_FEATURES, Quirk.SLOW, Quirk.REJECTS_CAST, Quirk.INT_IDS, Quirk.DELIMITED)) {
            assertThat(st).doesNotContain(q.tap().toString());
        }
        Waits.shot(apps, SHOTS.resolve("topcat-vowide.png"));
    }

    /**
     * "Retry failed services" asks again only the three services that failed (healed meanwhile),
     * keeps the other rows, and loads the merged result as a new table.
     */
    @Test
    @Order(6)
    void retryFromThePanelAsksOnlyTheFailedServicesAndLoadsTheMergedResult() throws Exception {
        long n = direct("vostars.main", 10, 20, 0.3);
        long m = direct("voquirks.int_ids", 10, 20, 0.3);
        Map<Quirk, Integer> asked = new java.util.EnumMap<>(Quirk.class);
        for (Quirk q : Quirk.values()) {
            asked.put(q, front.queries(q));
        }
        front.heal(Quirk.ERROR_500, Quirk.HANGING, Quirk.TRUNCATED);
        int before = tables();
        apps.topcat("click VO-wide retry", Duration.ofSeconds(10));
        Waits.await(apps, "the retried table", () -> tables() == before + 1 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        String[] t = apps.topcat("table " + (before + 1), Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("VO-wide pos.pm% 10 20 r=0.3 retried");
        Map<String, Long> want = new TreeMap<>(perService(before));
        for (Quirk q : List.of(Quirk.ERROR_500, Quirk.HANGING, Quirk.TRUNCATED)) {
            assertThat(want).doesNotContainKey(q.tap().toString());
            want.put(q.tap().toString(), n);
            assertThat(front.queries(q)).as(q.name()).isEqualTo(asked.get(q) + 1);
        }
        for (Quirk q : List.of(Quirk.NO_FEATURES, Quirk.SLOW, Quirk.REJECTS_CAST, Quirk.INT_IDS, Quirk.DELIMITED)) {
            assertThat(front.queries(q)).as(q.name() + " is not asked again").isEqualTo(asked.get(q));
        }
        assertThat(perService(before + 1)).isEqualTo(want);
        assertThat(Long.parseLong(t[1])).isEqualTo(8 * n + 3 * m);
        assertThat(status("VO-wide")).contains("No failures").contains("retry disabled")
                .contains((8 * n + 3 * m) + " rows (" + (5 * n + 3 * m) + " kept, " + 3 * n + " new) from 3 of 3 services"
                        + " asked again, 0 failed");
        Waits.shot(apps, SHOTS.resolve("topcat-vowide-retried.png"));
        apps.topcat("click VO-wide close", Duration.ofSeconds(10));
    }

    /**
     * The cone's centre from the highlighted row of the current table (stars.vot, positions by
     * UCD): the dialog follows TOPCAT's highlight, and the rows match a direct query around that row.
     */
    @Test
    @Order(7)
    void positionFromTheHighlightedRowOfTheCurrentTable() throws Exception {
        double r = 0.05;
        double ra = ((Number) stars.getCell(1, 1)).doubleValue();
        double dec = ((Number) stars.getCell(1, 2)).doubleValue();
        long n = direct("vostars.main", ra, dec, r);
        assertThat(n).isGreaterThan(0);
        apps.topcat("select 1", Duration.ofSeconds(10));
        apps.topcat("highlight 1 2", Duration.ofSeconds(10));
        apps.topcat("menu " + VokitTools.VOWIDE, Duration.ofSeconds(10));
        assertThat(status("VO-wide")).contains("row 3 of stars.vot");
        // the dialog follows the highlight
        apps.topcat("highlight 1 1", Duration.ofSeconds(10));
        Waits.await(apps, "the dialog following the highlight", () -> status("VO-wide").contains("row 2 of stars.vot"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        apps.topcat("fill VO-wide registry=" + LocalVo.tap() + "|radius=" + r + "|timeout=10", Duration.ofSeconds(10));
        assertThat(status("VO-wide")).contains(SkyPosition.of(ra, dec).format()).contains("ra/dec");
        Waits.shot(apps, SHOTS.resolve("topcat-vowide-position.png"));
        int before = tables();
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the VO-wide table", () -> tables() == before + 1 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        String[] t = apps.topcat("table " + (before + 1), Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("VO-wide pos.pm% stars.vot row 2 r=" + r);
        assertThat(perService(before + 1)).containsEntry(LocalVo.tap().toString(), n)
                .containsEntry(Quirk.SLOW.tap().toString(), n);
        apps.topcat("click VO-wide close", Duration.ofSeconds(10));
    }

    /** A typed name looked up in the current table's identifier column (meta.id;meta.main). */
    @Test
    @Order(8)
    void positionFromANameInTheCurrentTable() throws Exception {
        double r = 0.05;
        String name = (String) stars.getCell(2, 0);
        double ra = ((Number) stars.getCell(2, 1)).doubleValue();
        double dec = ((Number) stars.getCell(2, 2)).doubleValue();
        long n = direct("vostars.main", ra, dec, r);
        assertThat(n).isGreaterThan(0);
        apps.topcat("select 1", Duration.ofSeconds(10));
        apps.topcat("menu " + VokitTools.VOWIDE, Duration.ofSeconds(10));
        // a name the table lacks: the dialog says so and nothing runs
        apps.topcat("fill VO-wide registry=" + LocalVo.tap() + "|object=NO SUCH STAR|radius=" + r + "|timeout=10",
                Duration.ofSeconds(10));
        assertThat(status("VO-wide")).contains("No row of stars.vot has main_id = \"NO SUCH STAR\"");
        int before = tables();
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the error dialog", () -> status("VO-wide").contains("ERROR DIALOG"), null);
        assertThat(status("VO-wide")).contains("ERROR DIALOG: No row of stars.vot has main_id");
        apps.topcat("dismiss", Duration.ofSeconds(10));
        // lower case and extra blanks still find it
        apps.topcat("fill VO-wide object=" + name.toLowerCase(java.util.Locale.ROOT), Duration.ofSeconds(10));
        assertThat(status("VO-wide")).contains(SkyPosition.of(ra, dec).format())
                .contains("found in stars.vot column main_id, row 3");
        Waits.shot(apps, SHOTS.resolve("topcat-vowide-name.png"));
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the VO-wide table", () -> tables() == before + 1 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        String[] t = apps.topcat("table " + (before + 1), Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("VO-wide pos.pm% " + name.toLowerCase(java.util.Locale.ROOT) + " r=" + r);
        assertThat(perService(before + 1)).containsEntry(LocalVo.tap().toString(), n);
        // a typed position that is not one: a dialog naming the field
        apps.topcat("fill VO-wide ra=ten|dec=20", Duration.ofSeconds(10));
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the error dialog", () -> status("VO-wide").contains("ERROR DIALOG"), null);
        assertThat(status("VO-wide")).contains("ERROR DIALOG: RA \"ten\"");
        apps.topcat("dismiss", Duration.ofSeconds(10));
        assertThat(tables()).isEqualTo(before + 1);
        apps.topcat("click VO-wide close", Duration.ofSeconds(10));
    }

    /** The vokit toolbar button pops up the same three items, which open the same dialogs. */
    @Test
    @Order(9)
    void theToolbarButtonsPopupOpensTheSameDialogs() throws Exception {
        for (String[] item : List.of(new String[] {VokitTools.VOWIDE, VowideDialog.TITLE},
                new String[] {VokitTools.EPN, EpnDialog.TITLE}, new String[] {VokitTools.OBSCORE, ObscoreDialog.TITLE})) {
            long before = showing(item[1]);
            apps.topcat("toolbar " + item[0], Duration.ofSeconds(10));
            assertThat(showing(item[1])).as(item[0]).isEqualTo(before + 1);
        }
        assertThat(status("VO-wide")).contains("centre: ").contains("idle");
        Waits.shot(apps, SHOTS.resolve("topcat-toolbar-dialogs.png"));
        apps.topcat("click VO-wide close", Duration.ofSeconds(10));
    }

    /**
     * Services that were down while the run was planned (their metadata unreadable, so no query
     * to repeat) are planned again by a retry once they are up; those still broken stay in the report.
     */
    @Test
    @Order(10)
    void retryPlansAgainTheServicesThatWereDownWhilePlanning() throws Exception {
        long n = direct("vostars.main", 10, 20, 0.3);
        long m = direct("voquirks.int_ids", 10, 20, 0.3);
        front.close();
        front = null;
        int before = tables();
        apps.topcat("menu " + VokitTools.VOWIDE, Duration.ofSeconds(10));
        apps.topcat("fill VO-wide registry=" + LocalVo.tap() + "|ra=10|dec=20|radius=0.3|timeout=4",
                Duration.ofSeconds(10));
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the VO-wide table", () -> tables() == before + 1 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        assertThat(perService(before + 1)).isEqualTo(Map.of(LocalVo.tap().toString(), n));
        String st = status("VO-wide");
        assertThat(st).contains(Quirk.values().length + " failed").contains("retry enabled");
        for (Quirk q : Quirk.values()) {
            assertThat(st).contains(q.tap() + " [" + q.ivoid() + "] DISCOVERY");
        }
        front = startFront();
        apps.topcat("click VO-wide retry", Duration.ofSeconds(10));
        Waits.await(apps, "the retried table", () -> tables() == before + 2 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        Map<String, Long> want = new TreeMap<>();
        want.put(LocalVo.tap().toString(), n);
        want.put(Quirk.NO_FEATURES.tap().toString(), n + m);
        want.put(Quirk.SLOW.tap().toString(), n);
        want.put(Quirk.REJECTS_CAST.tap().toString(), n);
        want.put(Quirk.INT_IDS.tap().toString(), m);
        want.put(Quirk.DELIMITED.tap().toString(), n + m);
        st = status("VO-wide");
        assertThat(perService(before + 2)).as(st).isEqualTo(want);
        assertThat(st).contains("3 failed").contains(Quirk.ERROR_500.tap() + " [" + Quirk.ERROR_500.ivoid()
                + "] vostars.main QUERY").contains(Quirk.HANGING.tap().toString())
                .contains(Quirk.TRUNCATED.tap().toString()).doesNotContain("DISCOVERY");
        apps.topcat("click VO-wide close", Duration.ofSeconds(10));
    }

    /**
     * A table whose positions are sexagesimal text in columns found by name (RAJ2000/DEJ2000, no
     * UCDs): before a row is highlighted the dialog says so; then the highlighted row's position,
     * read as hours and degrees, gives what a direct query around the same star gives.
     */
    @Test
    @Order(11)
    void positionFromASexagesimalTableFoundByColumnNames() throws Exception {
        double r = 0.05;
        uk.ac.starlink.table.ColumnInfo[] cols = {
            new uk.ac.starlink.table.ColumnInfo("Name", String.class, null),
            new uk.ac.starlink.table.ColumnInfo("RAJ2000", String.class, null),
            new uk.ac.starlink.table.ColumnInfo("DEJ2000", String.class, null)};
        uk.ac.starlink.table.RowListStarTable sexa = new uk.ac.starlink.table.RowListStarTable(cols);
        for (int i = 0; i < stars.getRowCount(); i++) {
            double ra = ((Number) stars.getCell(i, 1)).doubleValue();
            double dec = ((Number) stars.getCell(i, 2)).doubleValue();
            sexa.addRow(new Object[] {"star " + (i + 1), sexagesimal(ra / 15, false), sexagesimal(dec, true)});
        }
        Path file = apps.home().resolve("sexa.vot");
        new StarTableOutput().writeStarTable(sexa, file.toString(), "votable");
        int before = tables();
        String label = apps.topcat("load " + file, Duration.ofSeconds(10)).replaceFirst("^loaded ", "");
        assertThat(tables()).isEqualTo(before + 1);
        assertThat(label).endsWith("sexa.vot");
        apps.topcat("menu " + VokitTools.VOWIDE, Duration.ofSeconds(10));
        apps.topcat("click VO-wide from-row", Duration.ofSeconds(10));
        assertThat(status("VO-wide")).contains("No highlighted row in " + label);
        apps.topcat("highlight " + (before + 1) + " 2", Duration.ofSeconds(10));
        // the position TOPCAT's table holds, as text, read back in degrees
        SkyPosition want = SkyPosition.parse(apps.topcat("cell " + (before + 1) + " 2 RAJ2000", Duration.ofSeconds(10)),
                apps.topcat("cell " + (before + 1) + " 2 DEJ2000", Duration.ofSeconds(10)));
        assertThat(want.separation(SkyPosition.of(((Number) stars.getCell(2, 1)).doubleValue(),
                ((Number) stars.getCell(2, 2)).doubleValue()))).isLessThan(0.05 / 3600);
        Waits.await(apps, "the centre from the highlighted row", () -> status("VO-wide").contains(want.format()), () -> {
            throw new AssertionError(status("VO-wide"));
        });
        assertThat(status("VO-wide")).contains("row 3 of " + label + ", RAJ2000/DEJ2000");
        long n = direct("vostars.main", want.ra(), want.dec(), r);
        assertThat(n).isGreaterThan(0);
        apps.topcat("fill VO-wide registry=" + LocalVo.tap() + "|radius=" + r + "|timeout=10", Duration.ofSeconds(10));
        apps.topcat("click VO-wide search", Duration.ofSeconds(10));
        Waits.await(apps, "the VO-wide table", () -> tables() == before + 2 && status("VO-wide").contains("idle"),
                () -> {
                    throw new AssertionError(status("VO-wide"));
                });
        String[] t = apps.topcat("table " + (before + 2), Duration.ofSeconds(10)).split("\\|");
        assertThat(t[0]).isEqualTo("VO-wide pos.pm% " + label + " row 3 r=" + r);
        assertThat(perService(before + 2)).containsEntry(LocalVo.tap().toString(), n);
        apps.topcat("click VO-wide close", Duration.ofSeconds(10));
    }

    /** Sexagesimal text with three decimals of seconds, e.g. {@code 00:40:02.123} or {@code +20:01:02.345}. */
    static String sexagesimal(double v, boolean signed) {
        String sign = v < 0 ? "-" : signed ? "+" : "";
        long milli = Math.round(Math.abs(v) * 3600_000);
        return String.format(java.util.Locale.ROOT, "%s%02d:%02d:%02d.%03d", sign, milli / 3600_000,
                milli / 60_000 % 60, milli / 1000 % 60, milli % 1000);
    }

    static long showing(String title) throws IOException {
        return java.util.Arrays.stream(apps.topcat("dialogs", Duration.ofSeconds(10)).split("\\|"))
                .filter(t -> t.startsWith(title)).count();
    }

    static int tables() throws IOException {
        return Integer.parseInt(apps.topcat("tables", Duration.ofSeconds(10)));
    }

    static String status(String title) throws IOException {
        return apps.topcat("status " + title, Duration.ofSeconds(10));
    }
}
