package org.vokit.topcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.vokit.adql.AdqlTemplate;
import org.vokit.datalink.Cutout;
import org.vokit.datalink.DatalinkDocument;
import org.vokit.datalink.Soda;
import org.vokit.datalink.SodaQuery;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampConnection;
import org.vokit.tap.TapService;
import org.vokit.testing.Ci;
import org.vokit.testing.FaultServer;
import org.vokit.testing.HostApps;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StarTableOutput;
import uk.ac.starlink.table.Tables;

/**
 * The activation actions in the real TOPCAT (Debian's 4.8.7, on its own STIL 4.1 and JSAMP
 * 1.3.7, with {@code vokit-topcat.jar} on its class path and {@code topcat.activators} set), on a
 * private X display and SAMP hub, against the local VO. Each action is driven through TOPCAT's
 * activation window as a user would (select the action, tick it, fill in its panel, activate a
 * row); results are checked against direct queries to the local VO.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TopcatActivationIT {

    static final String VICINITY = VicinitySearch.class.getName();
    static final String SODA = SodaCutout.class.getName();
    static final Path SHOTS = Path.of("target/screenshots");

    static HostApps apps;
    static StarTable obscore;
    static int imageRow;
    static int spectrumRow;
    static VoHttp http;

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
        http = VoHttp.newDefault();
        Path dir = HostApps.runDir("TopcatActivationIT");
        // the table a user would have loaded: ObsCore rows (images and spectra) of the local VO
        obscore = Tables.randomTable(TapService.of(LocalVo.tap()).runSync(
                "SELECT obs_publisher_did, dataproduct_type, s_ra, s_dec, em_min, em_max FROM ivoa.obscore"
                + " ORDER BY obs_publisher_did").table());
        imageRow = -1;
        spectrumRow = -1;
        for (int i = 0; i < obscore.getRowCount(); i++) {
            String did = (String) obscore.getCell(i, 0);
            if (imageRow < 0 && did.contains("img-f10p20")) {
                imageRow = i;
            }
            if (spectrumRow < 0 && "spectrum".equals(obscore.getCell(i, 1))) {
                spectrumRow = i;
            }
        }
        assertThat(imageRow).as("an image row near (10, 20) in ivoa.obscore").isGreaterThanOrEqualTo(0);
        assertThat(spectrumRow).as("a spectrum row in ivoa.obscore").isGreaterThanOrEqualTo(0);
        Path vot = Files.createDirectories(dir).resolve("obscore.vot");
        new StarTableOutput().writeStarTable(obscore, vot.toString(), "votable");
        apps = HostApps.start(dir);
        apps.startTopcat(PluginDriver.class.getName(), List.of(jar, classes),
                List.of("-Dtopcat.activators=" + VICINITY + ":" + SODA), List.of(vot.toString()));
        await("table 1 loaded", () -> apps.topcat("tables", Duration.ofSeconds(10)).equals("1"));
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    @Order(1)
    void topcatOffersBothActions() throws Exception {
        assertThat(apps.topcat("types", Duration.ofSeconds(10))).contains(VICINITY, SODA);
    }

    @Test
    @Order(2)
    void vicinityTapSearchLoadsTheRowsATapQueryFinds() throws Exception {
        double ra = ((Number) obscore.getCell(imageRow, 2)).doubleValue();
        double dec = ((Number) obscore.getCell(imageRow, 3)).doubleValue();
        long expected = count("SELECT COUNT(*) FROM vostars.main WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                + " CIRCLE('ICRS', {ra}, {dec}, 0.2))", ra, dec);
        assertThat(expected).as("stars near the image").isGreaterThan(5);
        int before = tables();
        apps.topcat("activate 1 " + VICINITY + " " + imageRow + " vicinity.kind=" + VicinityConfigurator.TAP
                + "|vicinity.url=" + LocalVo.tap() + "|vicinity.adql=SELECT main_id, ra, dec FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))"
                + "|vicinity.ra=s_ra|vicinity.dec=s_dec|vicinity.radius=0.2|vicinity.timeout=60", Duration.ofSeconds(20));
        String[] table = awaitTable(before + 1);
        assertThat(table[0]).contains("vostars.main");
        assertThat(Long.parseLong(table[1])).isEqualTo(expected);
        assertThat(log(VICINITY)).contains(expected + " rows");
        Waits.shot(apps, SHOTS.resolve("topcat-vicinity.png"));
    }

    @Test
    @Order(3)
    void vicinityConeSearchLoadsTheRowsATapQueryFinds() throws Exception {
        double ra = ((Number) obscore.getCell(imageRow, 2)).doubleValue();
        double dec = ((Number) obscore.getCell(imageRow, 3)).doubleValue();
        long expected = count("SELECT COUNT(*) FROM vostars.main WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                + " CIRCLE('ICRS', {ra}, {dec}, 0.1))", ra, dec);
        int before = tables();
        apps.topcat("activate 1 " + VICINITY + " " + imageRow + " vicinity.kind=" + VicinityConfigurator.CONE
                + "|vicinity.url=" + LocalVo.url("/vostars/q/cone/scs.xml?")
                + "|vicinity.radius=0.1", Duration.ofSeconds(20));
        String[] table = awaitTable(before + 1);
        assertThat(table[0]).contains("vostars cone");
        assertThat(Long.parseLong(table[1])).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void vicinitySearchCanSendItsResultOverSamp() throws Exception {
        double ra = ((Number) obscore.getCell(imageRow, 2)).doubleValue();
        double dec = ((Number) obscore.getCell(imageRow, 3)).doubleValue();
        long expected = count("SELECT COUNT(*) FROM vostars.main WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                + " CIRCLE('ICRS', {ra}, {dec}, 0.15))", ra, dec);
        LinkedBlockingQueue<String> urls = new LinkedBlockingQueue<>();
        try (SampConnection viewer = SampConnection.builder().name("table-viewer").lockFile(apps.lockFile())
                .on(MTypes.TABLE_LOAD_VOTABLE, m -> {
                    urls.add(m.requireParam("url"));
                    return Map.of();
                }).connect()) {
            apps.topcat("activate 1 " + VICINITY + " " + imageRow + " vicinity.kind=" + VicinityConfigurator.TAP
                    + "|vicinity.url=" + LocalVo.tap() + "|vicinity.adql=SELECT main_id, ra, dec FROM vostars.main"
                    + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))"
                    + "|vicinity.radius=0.15|vicinity.destination=" + VicinityConfigurator.TO_SAMP, Duration.ofSeconds(20));
            String url = urls.poll(60, TimeUnit.SECONDS);
            assertThat(url).as("table.load.votable from TOPCAT; log: " + log(VICINITY)).isNotNull();
            StarTable sent = Tables.randomTable(new StarTableFactory().makeStarTable(url));
            assertThat(sent.getRowCount()).isEqualTo(expected);
            await("the SAMP outcome in the log", () -> log(VICINITY).contains("sent to"));
        }
    }

    @Test
    @Order(4)
    void aBrokenServiceIsReportedWithItsUrlAndMessage() throws Exception {
        try (FaultServer fault = FaultServer.start()) {
            fault.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "database on fire"));
            int before = tables();
            apps.topcat("activate 1 " + VICINITY + " " + imageRow + " vicinity.kind=" + VicinityConfigurator.TAP
                    + "|vicinity.url=" + fault.uri("/tap"), Duration.ofSeconds(20));
            await("the failure in the activation log", () -> log(VICINITY).contains("FAIL"));
            assertThat(log(VICINITY)).contains(fault.uri("/tap").toString()).contains("500");
            Waits.shot(apps, SHOTS.resolve("topcat-vicinity-failure.png"));
            assertThat(tables()).isEqualTo(before);
        }
    }

    @Test
    @Order(5)
    void sodaCircleCutoutOfAnImageGoesToTheSampImageViewer() throws Exception {
        LinkedBlockingQueue<String> urls = new LinkedBlockingQueue<>();
        try (SampConnection viewer = SampConnection.builder().name("image-viewer").lockFile(apps.lockFile())
                .on(MTypes.IMAGE_LOAD_FITS, m -> {
                    urls.add(m.requireParam("url"));
                    return Map.of();
                }).connect()) {
            String did = (String) obscore.getCell(imageRow, 0);
            double ra = ((Number) obscore.getCell(imageRow, 2)).doubleValue();
            double dec = ((Number) obscore.getCell(imageRow, 3)).doubleValue();
            apps.topcat("activate 1 " + SODA + " " + imageRow + " soda.endpoint=" + dlmeta()
                    + "|soda.column=obs_publisher_did|soda.shape=" + SodaConfigurator.CIRCLE
                    + "|soda.radius=0.02|soda.ra=s_ra|soda.dec=s_dec|soda.destination=" + SodaConfigurator.WHERE_FITS,
                    Duration.ofSeconds(20));
            String url = urls.poll(60, TimeUnit.SECONDS);
            assertThat(url).as("image.load.fits from TOPCAT; log: " + log(SODA)).isNotNull();
            Path direct = Files.createTempFile("direct", ".fits");
            Cutout d = soda(did).cutout(SodaQuery.create().circle(ra, dec, 0.02), direct, Deadline.in(Duration.ofSeconds(60)));
            assertThat(d.written()).isTrue();
            Path got = Path.of(URI.create(url));
            assertThat(axes(got)).isEqualTo(axes(direct)).isNotEmpty();
            assertThat(log(SODA)).contains("sent to 1 SAMP client");
            Waits.shot(apps, SHOTS.resolve("topcat-soda.png"));
        }
    }

    @Test
    @Order(6)
    void sodaBandCutoutOfASpectrumLoadsATable() throws Exception {
        String did = (String) obscore.getCell(spectrumRow, 0);
        double lo = ((Number) obscore.getCell(spectrumRow, 4)).doubleValue();
        double hi = ((Number) obscore.getCell(spectrumRow, 5)).doubleValue();
        double mid = (lo + hi) / 2;
        Path direct = Files.createTempFile("direct", ".vot");
        Cutout d = soda(did).cutout(SodaQuery.create().band(lo, mid), direct, Deadline.in(Duration.ofSeconds(60)));
        assertThat(d.written()).isTrue();
        long expected = Tables.randomTable(new StarTableFactory().makeStarTable(direct.toString())).getRowCount();
        assertThat(expected).isGreaterThan(0);
        int before = tables();
        apps.topcat("activate 1 " + SODA + " " + spectrumRow + " soda.endpoint=" + dlmeta()
                + "|soda.column=obs_publisher_did|soda.shape=" + SodaConfigurator.BAND
                + "|soda.bandLo=" + lo + "|soda.bandHi=" + mid + "|soda.destination=" + SodaConfigurator.WHERE_FITS,
                Duration.ofSeconds(20));
        String[] table = awaitTable(before + 1);
        assertThat(table[0]).startsWith("cutout");
        assertThat(Long.parseLong(table[1])).isEqualTo(expected);
        Waits.shot(apps, SHOTS.resolve("topcat-soda-table.png"));
    }

    // ------------------------------------------------------------------ helpers

    static URI dlmeta() {
        return LocalVo.url("/__system__/obscore/dl/dlmeta");
    }

    static Soda soda(String did) throws IOException {
        URI doc = VoHttp.withQuery(dlmeta(), List.of(new Param("ID", did)));
        return DatalinkDocument.fetch(http, doc, Deadline.in(Duration.ofSeconds(30))).soda(did).orElseThrow()
                .withHttp(http);
    }

    static long count(String template, double ra, double dec) throws IOException {
        String adql = AdqlTemplate.of(template).value("ra", ra).value("dec", dec).render();
        return ((Number) TapService.of(LocalVo.tap()).runSync(adql).table().getCell(0, 0)).longValue();
    }

    static String axes(Path fits) throws IOException {
        byte[] head = new byte[2880 * 4];
        int n;
        try (InputStream in = Files.newInputStream(fits)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String h = new String(head, 0, n, StandardCharsets.US_ASCII);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 80 <= h.length(); i += 80) {
            String card = h.substring(i, i + 80);
            if (card.startsWith("NAXIS")) {
                b.append(card.strip().replaceAll("\\s*/.*", "").replaceAll("\\s+", "")).append(';');
            }
            if (card.startsWith("END ")) {
                break;
            }
        }
        return b.toString();
    }

    static int tables() throws IOException {
        return Integer.parseInt(apps.topcat("tables", Duration.ofSeconds(10)));
    }

    static String log(String clazz) throws IOException {
        return apps.topcat("log 1 " + clazz, Duration.ofSeconds(10));
    }

    static String[] awaitTable(int n) throws Exception {
        await("table " + n + " in TOPCAT", () -> tables() >= n);
        return apps.topcat("table " + n, Duration.ofSeconds(10)).split("\\|");
    }

    static void await(String what, Waits.Check check) throws Exception {
        Waits.await(apps, what, check, () -> {
            throw new AssertionError("vicinity log: " + log(VICINITY) + "; soda log: " + log(SODA));
        });
    }
}
