package org.vokit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.adql.AdqlTemplate;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * Self-test of the {@link HostApps} harness with the real TOPCAT and Aladin: both start on a
 * private display and hub, receive a VOTable from the local VO by plain JSAMP
 * {@code table.load.votable} calls, and show it; the screenshots are kept under
 * {@code target/screenshots/}.
 */
@Timeout(120)
class HostAppsIT {

    private static final Duration CALL = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;

    private static HostApps apps;
    private static TapResult stars;
    private static Path votable;

    @BeforeAll
    static void startEverything() throws IOException {
        HostApps.require();
        LocalVo.require();
        stars = TapService.of(LocalVo.tap()).runSync(TapQuery.of(
                AdqlTemplate.of("SELECT TOP 25 main_id, ra, dec, vmag FROM {t} WHERE vmag < {limit} ORDER BY vmag")
                        .table("t", "vostars.main").value("limit", 11.0).render()));
        votable = tmp.resolve("bright-stars.vot");
        try (OutputStream out = Files.newOutputStream(votable)) {
            new VOTableWriter(DataFormat.TABLEDATA, true).writeStarTable(stars.table(), out);
        }
        apps = HostApps.start(HostApps.runDir("HostAppsIT"));
        apps.startTopcat();
        apps.startAladin();
    }

    @AfterAll
    static void stopEverything() {
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    void bothApplicationsRegisterWithThePrivateHubOnThePrivateDisplay() throws IOException {
        Map<String, String> clients = apps.clientNames();
        assertThat(clients.values()).contains(HostApps.TOPCAT, HostApps.ALADIN);
        assertThat(apps.lockFile()).startsWith(apps.home()).exists();
        assertThat(apps.display()).isPositive();
        for (HostApps.App a : apps.apps()) {
            assertThat(a.process().isAlive()).as(a + " alive").isTrue();
            assertThat(a.clientId()).isIn(clients.keySet());
            System.out.printf("%s answered through the hub %d ms after its start%n", a.name(), a.startup().toMillis());
        }
    }

    @Test
    void aVotableFromTheLocalVoReachesTopcatAndAladin() throws Exception {
        long n = stars.rowCount();
        assertThat(n).as("rows from the local VO").isEqualTo(25);
        URI url = apps.serve(votable);
        String planeName = "harness-bright-stars";
        Message load = new Message("table.load.votable")
                .addParam("url", url.toString())
                .addParam("table-id", "harness-" + System.nanoTime())
                .addParam("name", planeName);

        Response topcat = apps.call(HostApps.TOPCAT, load, CALL);
        assertThat(topcat.getStatus()).as("TOPCAT's reply %s", topcat).isEqualTo(Response.OK_STATUS);

        Response aladin = apps.call(HostApps.ALADIN, load, CALL);
        assertThat(aladin.getStatus()).as("Aladin's reply %s", aladin).isEqualTo(Response.OK_STATUS);

        // Aladin: a catalogue plane of that name holding every row
        List<HostApps.AladinPlane> planes = apps.aladinPlanes(CALL);
        assertThat(planes).as("Aladin's planes").filteredOn(p -> p.name().equals(planeName)).singleElement()
                .satisfies(p -> {
                    assertThat(p.isCatalog()).as("%s is a catalogue", p).isTrue();
                    assertThat(p.objects()).as("objects in %s", p).isEqualTo(n);
                });

        // TOPCAT: its current table, fetched back over SAMP (table.get.stil), has the same rows
        Response got = apps.call(HostApps.TOPCAT,
                new Message("table.get.stil").addParam("format", "votable"), CALL);
        assertThat(got.isOK()).as("table.get.stil reply %s", got).isTrue();
        String back = String.valueOf(got.getResult().get("url"));
        StarTable inTopcat = new StarTableFactory(false).makeStarTable(back, "votable");
        assertThat(inTopcat.getRowCount()).as("rows TOPCAT holds").isEqualTo(n);
        assertThat(inTopcat.getColumnCount()).isEqualTo(stars.table().getColumnCount());

        Thread.sleep(1000); // TOPCAT answers before its window shows the table: let it repaint
        Path png = apps.screenshot(SHOTS.resolve("HostAppsIT-table-loaded.png"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG at %s", png).isNotNull();
        assertThat(img.getWidth()).isEqualTo(2560);
        assertThat(img.getHeight()).isEqualTo(1024);
        assertThat(distinctColours(img)).as("colours in the screenshot (an empty screen has one)").isGreaterThan(50);
    }

    @Test
    void aladinStatusParsesPlanesAndLeavesViewsOut() {
        String status = "PlaneID \"two words\"\nPlaneNb 3\nType    Catalog\nStatus  shown\nNbObj   7\n\n"
                + "PlaneID stars\nPlaneNb 2\nType    Catalog\nStatus  shown selected\nNbObj   25\n\n"
                + "PlaneID img\nPlaneNb 1\nType    Image\nStatus  shown\n\n"
                + "PlaneID \"still loading\"\nPlaneNb 4\nType    Catalog\nStatus  hidden selected\nNbObj   0\n\n"
                + "ViewID  A1\nSize    297.8? x 180?\n";
        assertThat(HostApps.AladinPlane.parse(status)).containsExactly(
                new HostApps.AladinPlane("two words", 3, "Catalog", "shown", 7),
                new HostApps.AladinPlane("stars", 2, "Catalog", "shown selected", 25),
                new HostApps.AladinPlane("img", 1, "Image", "shown", -1),
                new HostApps.AladinPlane("still loading", 4, "Catalog", "hidden selected", 0));
        assertThat(HostApps.AladinPlane.parse(status)).extracting(HostApps.AladinPlane::ready)
                .containsExactly(true, true, true, false);
        assertThat(new HostApps.AladinPlane("x", 1, "Catalog", "hidden  error", 0).failed()).isTrue();
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
                if (seen.size() > 1000) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }
}
