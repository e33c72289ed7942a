package org.vokit.investigator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vokit.adql.AdqlTemplate;
import org.vokit.investigator.InvestigatorEvent.Kind;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.HostApps;
import org.vokit.testing.TopcatDriver;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * The object investigator between the real TOPCAT and the real Aladin (Debian packages, on a
 * private X display and SAMP hub, see {@link HostApps}), searching the local VO.
 *
 * <p>The story a user would live: a table of stars from the local VO is loaded into TOPCAT;
 * TOPCAT sends it to the investigator; rows are highlighted in TOPCAT; for each one, Aladin gets
 * a new catalogue plane with the stars around it. All of it is done by the real programs:
 * <ul>
 *   <li>Loading into TOPCAT is a real {@code table.load.votable}, answered by TOPCAT.</li>
 *   <li>TOPCAT sends the table with its own "Interop &gt; Send Table to" menu item for the
 *       investigator, and highlights rows with its own row activity, which notifies every
 *       subscribed client of {@code table.highlight.row} (what its "Send Row Index" action
 *       does). There is no SAMP message that makes TOPCAT do either, so {@link TopcatDriver},
 *       running inside TOPCAT's JVM, clicks that menu item and calls that activity: the mouse,
 *       not the messages, is simulated.</li>
 *   <li>Then: the investigator's TAP search of the local VO, its {@code table.load.votable} to
 *       Aladin (seen at the hub), Aladin's plane. Plane names and object counts are read back
 *       from Aladin with {@code script.aladin.send} and compared with a TAP {@code COUNT(*)} of
 *       the same circle around the position read from TOPCAT's copy of the table
 *       ({@code table.get.stil}).</li>
 * </ul>
 * Two Aladin 12.001 defects shape the checks: it cannot load a one-row catalogue (the plane
 * ends in error, the reply is a {@code samp.error}), so the rows highlighted have neighbours;
 * and it sometimes never replies to a {@code table.load.votable} although the plane loads, so
 * the plane in Aladin is checked rather than the investigator's {@code RESULT_SENT}.
 * A screenshot of the display is kept as {@code target/screenshots/InvestigatorHostAppsIT.png}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InvestigatorHostAppsIT {

    private static final String TEMPLATE = "SELECT main_id, ra, dec, vmag FROM vostars.main"
            + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))";
    private static final double R = 0.05;
    private static final String INVESTIGATOR = "vokit-investigator";
    private static final String TABLE_ID = "vokit-targets";
    private static final String TABLE_NAME = "vokit targets";
    private static final Duration CALL = Duration.ofSeconds(20);

    private static HostApps apps;
    private static TapService tap;
    private static Investigator inv;
    private static Path targetsFile;
    private static long targetRows;
    private static final List<InvestigatorEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        HostApps.require();
        LocalVo.require();
        tap = TapService.of(LocalVo.tap());
        // six stars of the co-moving cluster around (150, 2.2): each has neighbours within R
        TapResult targets = tap.runSync(AdqlTemplate.of("SELECT TOP 6 main_id, ra, dec, vmag FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {r})) ORDER BY main_id")
                .value("ra", 150.0).value("dec", 2.2).value("r", 0.3).render());
        targetRows = targets.rowCount();
        Path dir = HostApps.runDir("InvestigatorHostAppsIT");
        targetsFile = dir.resolve("targets.vot");
        try (OutputStream out = Files.newOutputStream(targetsFile)) {
            new VOTableWriter(DataFormat.TABLEDATA, true).writeStarTable(targets.table(), out);
        }
        apps = HostApps.start(dir);
        apps.startTopcat();
        apps.startAladin();
        inv = Investigator.builder().lockFile(apps.lockFile()).name(INVESTIGATOR).target(HostApps.ALADIN).pointTarget(true)
                .radius(R).search(TapVicinitySearch.of(tap, TEMPLATE)).sendTimeout(Duration.ofSeconds(10))
                .listener(events::add).start();
        apps.awaitClient(INVESTIGATOR, "table.highlight.row", Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (inv != null) {
            inv.close();
        }
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    void rowsHighlightedInTopcatsTableBecomeAladinPlanesOfTheirVicinity() throws Exception {
        assertThat(targetRows).as("stars from the local VO").isEqualTo(6);

        // 1. the table arrives in TOPCAT
        URI url = apps.serve(targetsFile);
        Response loaded = apps.call(HostApps.TOPCAT, new Message("table.load.votable")
                .addParam("url", url.toString()).addParam("table-id", TABLE_ID).addParam("name", TABLE_NAME), CALL);
        assertThat(loaded.isOK()).as("TOPCAT's reply %s", loaded).isTrue();

        // 2. TOPCAT sends its table to the investigator, with its own "Send Table to" menu
        awaitTopcatTables(1, Duration.ofSeconds(20));
        String how = apps.topcat("send " + INVESTIGATOR, CALL);
        assertThat(how).contains(INVESTIGATOR);
        InvestigatorEvent arrived = await(e -> e.kind() == Kind.TABLE_LOADED, Duration.ofSeconds(20));
        assertThat(arrived.rows()).isEqualTo(targetRows);
        assertThat(inv.tableIds()).hasSize(1);
        URI fromTopcat = topcatCopy(targetRows, Duration.ofSeconds(20));
        StarTable copy = Tables.randomTable(new StarTableFactory(false).makeStarTable(fromTopcat.toString(), "votable"));

        // 3. rows are highlighted; each becomes a plane in Aladin. Aladin 12 cannot load a
        //    one-row catalogue (its plane ends in error), so the rows highlighted are ones with
        //    neighbours within R
        int raCol = column(copy, "ra");
        int decCol = column(copy, "dec");
        List<Long> rows = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (long row = 0; row < copy.getRowCount() && rows.size() < 3; row++) {
            long n = starsWithin(((Number) copy.getCell(row, raCol)).doubleValue(),
                    ((Number) copy.getCell(row, decCol)).doubleValue(), R);
            assertThat(n).as("stars within %s deg of row %d (it is one of them)", R, row).isPositive();
            if (n >= 2) {
                rows.add(row);
                counts.add(n);
            }
        }
        assertThat(rows).as("rows with neighbours").hasSize(3);

        String aladinId = apps.clientId(HostApps.ALADIN);
        String invId = inv.clientId();
        LinkedBlockingQueue<HostApps.HubEvent> toAladin = new LinkedBlockingQueue<>();
        apps.onHubEvent(e -> {
            if (e.kind() == HostApps.HubEvent.Kind.CALL && "table.load.votable".equals(e.mtype())
                    && invId.equals(e.senderId()) && aladinId.equals(e.recipientId())) {
                toAladin.add(e);
            }
        });
        List<String> planes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long row = rows.get(i);
            long expected = counts.get(i);
            // TOPCAT highlights the row and notifies every subscribed client, as its "Send Row
            // Index" activation does; the investigator takes it from there
            long lastRun = events.stream().filter(e -> e.kind() == Kind.INVESTIGATION_STARTED)
                    .mapToLong(InvestigatorEvent::run).max().orElse(-1);
            apps.topcat("highlight " + row, CALL);
            InvestigatorEvent started = await(e -> e.kind() == Kind.INVESTIGATION_STARTED && e.run() > lastRun,
                    Duration.ofSeconds(20));
            long run = started.run();

            InvestigatorEvent found = await(e -> e.run() == run
                    && (e.kind() == Kind.SEARCH_FINISHED || e.kind() == Kind.SEARCH_FAILED), Duration.ofSeconds(30));
            assertThat(found.kind()).as("%s", found).isEqualTo(Kind.SEARCH_FINISHED);
            assertThat(found.rows()).as("rows the investigator found around row %d", row).isEqualTo(expected);

            // what the investigator sent to Aladin, seen at the hub (Aladin 12 does not always
            // reply to a table.load.votable, so the investigator's own RESULT_SENT may never come)
            HostApps.HubEvent load = toAladin.poll(30, TimeUnit.SECONDS);
            assertThat(load).as("a table.load.votable from the investigator to Aladin for row %d", row).isNotNull();
            String name = String.valueOf(load.map().get("name"));
            double ra = ((Number) copy.getCell(row, raCol)).doubleValue();
            double dec = ((Number) copy.getCell(row, decCol)).doubleValue();
            assertThat(name).startsWith("vostars.main tap").contains(SkyPosition.of(ra, dec).format());

            HostApps.AladinPlane plane = apps.awaitAladinPlane(name, Duration.ofSeconds(20));
            assertThat(plane.isCatalog()).as("%s", plane).isTrue();
            assertThat(plane.objects()).as("objects in Aladin's plane %s", plane.name()).isEqualTo(expected);
            planes.add(plane.name());
        }

        List<String> inAladin = apps.aladinPlanes(CALL).stream().map(HostApps.AladinPlane::name).toList();
        assertThat(inAladin).containsAll(planes).contains(HostApps.WARMUP_PLANE);
        assertThat(planes).doesNotHaveDuplicates();
        assertThat(events).noneMatch(e -> e.kind() == Kind.SEARCH_FAILED);
        // an explicit refusal by Aladin (not a reply that never came) would be a real failure
        assertThat(events).noneMatch(e -> e.kind() == Kind.SEND_FAILED
                && e.error() instanceof org.vokit.samp.SampErrorException);

        // for the picture: Aladin's view stays where its first plane is; point it at the last star
        long last = rows.get(rows.size() - 1);
        Response pointed = apps.call(HostApps.ALADIN, new Message("coord.pointAt.sky")
                .addParam("ra", Double.toString(((Number) copy.getCell(last, raCol)).doubleValue()))
                .addParam("dec", Double.toString(((Number) copy.getCell(last, decCol)).doubleValue())), CALL);
        assertThat(pointed.isOK()).as("Aladin's reply %s", pointed).isTrue();
        apps.aladinScript("zoom 15arcmin", CALL);
        Thread.sleep(1000); // let both windows repaint before the picture
        apps.screenshot(Path.of("target", "screenshots", "InvestigatorHostAppsIT.png"));
    }

    /** Asks TOPCAT for its current table ({@code table.get.stil}) until it has finished loading. */
    /** Waits until TOPCAT's table list holds at least {@code n} tables. */
    private static void awaitTopcatTables(int n, Duration max) throws IOException, InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (Integer.parseInt(apps.topcat("tables", CALL)) < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("TOPCAT did not list " + n + " table(s) within " + max);
            }
            Thread.sleep(100);
        }
    }

    private static URI topcatCopy(long rows, Duration max) throws IOException, InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        String last = null;
        do {
            Response r = apps.call(HostApps.TOPCAT, new Message("table.get.stil").addParam("format", "votable"), CALL);
            if (r.isOK() && r.getResult() != null && r.getResult().get("url") != null) {
                URI u = URI.create(String.valueOf(r.getResult().get("url")));
                StarTable t = new StarTableFactory(false).makeStarTable(u.toString(), "votable");
                if (Tables.randomTable(t).getRowCount() == rows) {
                    return u;
                }
                last = u + " has " + t.getRowCount() + " rows";
            } else {
                last = String.valueOf(r);
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        throw new AssertionError("TOPCAT did not hand out its table with " + rows + " rows within " + max + ": " + last);
    }

    private static int column(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in TOPCAT's copy");
    }

    private static long starsWithin(double ra, double dec, double r) throws IOException {
        TapResult n = tap.runSync(AdqlTemplate.of("SELECT COUNT(*) AS n FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {r}))")
                .value("ra", ra).value("dec", dec).value("r", r).render());
        return ((Number) n.cell(0, 0)).longValue();
    }

    private static InvestigatorEvent await(Predicate<InvestigatorEvent> p, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        do {
            for (InvestigatorEvent e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        throw new AssertionError("no such investigator event within " + max + "; events: " + events);
    }
}
