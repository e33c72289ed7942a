package org.vokit.aladin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.vokit.adql.AdqlTemplate;
import org.vokit.dal.sia.SiaQuery;
import org.vokit.dal.sia.SiaService;
import org.vokit.datalink.Cutout;
import org.vokit.datalink.DatalinkDocument;
import org.vokit.datalink.SodaQuery;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.FaultServer;
import org.vokit.testing.HostApps;
import org.vokit.testing.LocalVo;
import org.vokit.testing.QuirkyVo;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;

/**
 * The plugin in the real Aladin (Debian package) on a private X display and SAMP hub
 * ({@link HostApps}): {@code target/vokit-aladin.jar} is copied into the private
 * {@code ~/.aladin/Plugins/}, with a small test-only driver plugin
 * ({@link org.vokit.aladin.testdriver.DriverPlugin}) that clicks Aladin's menu items and fills
 * the forms as a user would. Script commands go through SAMP {@code script.aladin.send}, each
 * with a timeout; planes are read back with Aladin's {@code status}; every object count is
 * compared with a direct query of the local VO. Screenshots are kept under
 * {@code target/screenshots/}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AladinPluginIT {

    private static final Duration CALL = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Pattern ROWS = Pattern.compile("^(\\d+) rows? in new plane \"([^\"]+)\"");
    private static final Pattern IMAGE = Pattern.compile("^1 image in new plane \"([^\"]+)\" \\((\\d+)x(\\d+) pixels\\)");

    private static HostApps apps;
    private static TapService tap;
    private static VoHttp http;
    private static Path work;
    private static String conePlane;
    private static String siaPlane;

    @BeforeAll
    static void start() throws IOException {
        HostApps.require();
        LocalVo.require();
        tap = TapService.of(LocalVo.tap());
        http = VoHttp.newDefault();
        Path dir = HostApps.runDir("AladinPluginIT");
        work = Files.createDirectories(dir.resolve("work"));
        apps = HostApps.start(dir);
        install(apps.home());
        apps.startAladin();
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

    /** Copies the plugin jar and a jar of the test driver into the private Aladin's plugin directory. */
    static void install(Path home) throws IOException {
        Path plugins = Files.createDirectories(home.resolve(".aladin").resolve("Plugins"));
        Path jar = Path.of(System.getProperty("vokit.aladin.jar", "target/vokit-aladin.jar"));
        assertThat(jar).as("the plugin jar (run 'package' first)").exists();
        Files.copy(jar, plugins.resolve("vokit-aladin.jar"));
        Path classes = Path.of(System.getProperty("vokit.aladin.testClasses", "target/test-classes"));
        Path driver = classes.resolve("org/vokit/aladin/testdriver");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("vokit-test-driver.jar")));
                Stream<Path> files = Files.list(driver)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static String script(String command) throws IOException {
        String reply = apps.aladinScript(command, CALL);
        System.out.println("> " + command + "\n< " + reply);
        return reply;
    }

    private static long count(String adql) throws IOException {
        TapResult r = tap.runSync(adql);
        return ((Number) r.cell(0, 0)).longValue();
    }

    private static long starsWithin(double ra, double dec, double r) throws IOException {
        return count(AdqlTemplate.of("SELECT COUNT(*) FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {r}))")
                .value("ra", ra).value("dec", dec).value("r", r).render());
    }

    private static Matcher rows(String reply) {
        Matcher m = ROWS.matcher(reply);
        assertThat(m.find()).as("reply '%s' starts with N rows in new plane \"...\"", reply).isTrue();
        return m;
    }

    @Test
    @Order(1)
    void theActionsAreInTheToolPluginsVokitMenu() throws IOException {
        String menus = script("vokittest menus");
        // Aladin shows a category as "vokit..."; the hub turns the ellipsis of the items into '?'
        assertThat(menus).contains("/Tool/Plugins/vokit.../Vicinity search around the selected source")
                .contains("/Tool/Plugins/vokit.../SODA cutout of the selected dataset")
                .contains("/Tool/Plugins/vokit.../EPN-TAP discovery")
                .contains("/Tool/Plugins/vokit.../VO-wide query around the view centre");
        assertThat(apps.apps().get(0).logTail(20000)).doesNotContain("org.vokit.aladin.VicinityPlugin")
                .doesNotContain("NoClassDefFoundError: org/vokit");
    }

    @Test
    @Order(2)
    void vicinityConeMakesAPlaneOfTheStarsAround() throws IOException {
        URI cone = LocalVo.url("/vostars/q/cone/scs.xml?");
        String reply = script("vicinity cone=" + cone + " ra=10 dec=20 radius=0.1");
        long expected = starsWithin(10, 20, 0.1);
        Matcher m = rows(reply);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(expected);
        assertThat(reply).endsWith("failed: none");
        conePlane = m.group(2);
        assertThat(conePlane).isEqualTo("vostars cone 10.0000 +20.0000 r0.1");
        HostApps.AladinPlane p = apps.awaitAladinPlane(conePlane, CALL);
        assertThat(p.isCatalog()).isTrue();
        assertThat(p.objects()).isEqualTo(expected);
        shot("aladin-vicinity-cone", new double[] {10, 20}, "10arcmin");
    }

    @Test
    @Order(3)
    void vicinityTapWithATableOrAnEncodedTemplate() throws IOException {
        URI tapUrl = LocalVo.tap();
        String reply = script("vicinity tap=" + tapUrl + " table=vostars.main ra=150 dec=2.2 radius=0.05");
        long expected = starsWithin(150, 2.2, 0.05);
        Matcher m = rows(reply);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(expected);
        assertThat(apps.awaitAladinPlane(m.group(2), CALL).objects()).isEqualTo(expected);

        String template = "SELECT main_id, ra, dec, vmag FROM vostars.main WHERE vmag < 12 AND"
                + " 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))";
        String reply2 = script("vicinity tap=" + tapUrl + " query=" + template.replace(" ", "%20")
                + " ra=10 dec=20 radius=0.3 name=bright-around-10-20");
        long expected2 = count(AdqlTemplate.of("SELECT COUNT(*) FROM vostars.main WHERE vmag < 12 AND"
                + " 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.3))").render());
        Matcher m2 = rows(reply2);
        assertThat(m2.group(2)).isEqualTo("bright-around-10-20");
        assertThat(Long.parseLong(m2.group(1))).isEqualTo(expected2).isGreaterThan(1);
        assertThat(apps.awaitAladinPlane("bright-around-10-20", CALL).objects()).isEqualTo(expected2);
    }

    @Test
    @Order(4)
    void vicinitySiaListsTheImagesWithTheirDatalinks() throws IOException {
        URI sia = LocalVo.url("/voimg/q/im/siap.xml?");
        String reply = script("vicinity sia=" + sia + " ra=10 dec=20 radius=0.1");
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        SiaService.of(sia, http).search(SiaQuery.of(10, 20, 0.2), store);
        long expected = store.getStarTable().getRowCount();
        Matcher m = rows(reply);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(expected).isGreaterThan(1);
        siaPlane = m.group(2);
        assertThat(apps.awaitAladinPlane(siaPlane, CALL).objects()).isEqualTo(expected);
    }

    @Test
    @Order(5)
    void cutoutScriptLoadsAnImagePlaneOfTheRightSize() throws Exception {
        TapResult img = tap.runSync("SELECT TOP 1 pub_did, centerAlpha, centerDelta FROM voimg.main"
                + " WHERE pub_did LIKE '%f10p20-11-V%'");
        String id = (String) img.cell(0, 0);
        double ra = ((Number) img.cell(0, 1)).doubleValue();
        double dec = ((Number) img.cell(0, 2)).doubleValue();
        URI datalink = VoHttp.withQuery(LocalVo.url("/voimg/q/dl/dlmeta"), List.of(new Param("ID", id)));
        String circle = ra + "," + dec + ",0.05";
        String reply = script("cutout datalink=" + datalink + " circle=" + circle);
        long[] direct = directCutout(datalink, ra, dec, 0.05);
        Matcher m = IMAGE.matcher(reply);
        assertThat(m.find()).as("reply '%s'", reply).isTrue();
        assertThat(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))}).containsExactly(direct);
        String plane = m.group(1);
        awaitPlaneNamed(plane, "");
        assertThat(script("vokittest size " + plane)).isEqualTo(direct[0] + " " + direct[1]);
        shot("aladin-cutout-script", new double[] {ra, dec}, "6arcmin");
    }

    /** The same cutout, asked for directly, and the size of its image (NAXIS1, NAXIS2). */
    private static long[] directCutout(URI datalink, double ra, double dec, double r) throws IOException {
        Deadline d = Deadline.in(Duration.ofSeconds(60));
        Cutout c = DatalinkDocument.fetch(http, datalink, d).soda(null).orElseThrow().withHttp(http)
                .cutout(SodaQuery.create().circle(ra, dec, r), Files.createTempFile(work, "direct", ".fits"), d);
        assertThat(c.written()).as("direct cutout %s", c).isTrue();
        long[] axes = CutoutJob.fitsAxes(c.file());
        assertThat(axes).hasSize(2);
        assertThat(axes[0]).isBetween(2L, 64L);
        return axes;
    }

    @Test
    @Order(6)
    void badArgumentsAnswerAnErrorLine() throws IOException {
        URI cone = LocalVo.url("/vostars/q/cone/scs.xml?");
        assertThat(script("vicinity ra=10 dec=20 radius=0.1")).startsWith("error:").contains("cone=");
        assertThat(script("vicinity cone=" + cone + " ra=10 dec=20")).startsWith("error:").contains("radius=");
        assertThat(script("vicinity cone=" + cone + " ra=10 dec=20 radius=0.1 colour=red")).startsWith("error:")
                .contains("colour");
        assertThat(script("vicinity cone=" + cone + " ra=ten dec=20 radius=0.1")).startsWith("error:").contains("ra=");
        assertThat(script("vicinity cone=ftp://x ra=10 dec=20 radius=0.1")).startsWith("error:").contains("cone=");
        assertThat(script("vicinity")).startsWith("error:");
        assertThat(script("cutout circle=10,20,0.1")).startsWith("error:").contains("datalink=");
        assertThat(script("cutout datalink=http://127.0.0.1:9/x circle=10,20")).startsWith("error:")
                .contains("circle=");
    }

    @Test
    @Order(7)
    void aBrokenServiceIsReportedAndMakesNoPlane() throws IOException {
        try (FaultServer fault = FaultServer.start()) {
            fault.on("/broken/scs.xml", (req, ex) -> ex.send(500, "text/plain", "database on fire"));
            fault.on("/hang/scs.xml", (req, ex) -> ex.hang());
            fault.on("/dl", (req, ex) -> ex.send(503, "text/plain", "datalink down"));
            int before = apps.aladinPlanes(CALL).size();
            String reply = script("vicinity cone=" + fault.uri("/broken/scs.xml?") + " ra=10 dec=20 radius=0.1");
            assertThat(reply).startsWith("0 rows; failed: cone " + fault.uri("/broken/scs.xml?"));
            long t0 = System.nanoTime();
            String hung = script("vicinity cone=" + fault.uri("/hang/scs.xml?") + " ra=10 dec=20 radius=0.1 timeout=2");
            assertThat(hung).startsWith("0 rows; failed:");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            String dl = script("cutout datalink=" + fault.uri("/dl?ID=x") + " circle=10,20,0.1");
            assertThat(dl).startsWith("0 images; failed:").contains(fault.uri("/dl").toString());
            assertThat(apps.aladinPlanes(CALL)).hasSize(before);
        }
    }

    @Test
    @Order(8)
    void menuVicinityAroundTheSelectedSource() throws Exception {
        assertThat(conePlane).as("the cone plane of an earlier test").isNotNull();
        assertThat(script("vokittest select 0 " + conePlane)).isEqualTo("ok");
        Map<String, String> form = menu("Vicinity", "tap=" + LocalVo.tap(), "table=vostars.main", "radius=0.02");
        double ra = Double.parseDouble(form.get("ra"));
        double dec = Double.parseDouble(form.get("dec"));
        String expectedName = "vostars.main tap " + org.vokit.investigator.SkyPosition.of(ra, dec).format() + " r0.02";
        HostApps.AladinPlane p = apps.awaitAladinPlane(expectedName, CALL);
        long expected = starsWithin(ra, dec, 0.02);
        assertThat(p.objects()).isEqualTo(expected);
        assertThat(script("vokittest errors")).isEqualTo("none");
        shot("aladin-vicinity-menu", new double[] {ra, dec}, "3arcmin");
    }

    @Test
    @Order(9)
    void menuCutoutOfTheSelectedImage() throws Exception {
        assertThat(siaPlane).as("the SIA plane of an earlier test").isNotNull();
        assertThat(script("vokittest select 0 " + siaPlane)).isEqualTo("ok");
        Map<String, String> form = parseForm(script("vokittest peek SODA"));
        String datalink = form.get("datalink");
        assertThat(datalink).as("the DataLink URL found in the selected row").contains("/voimg/q/dl/dlmeta?ID=");
        String[] c = form.get("circle").split(",");
        double ra = Double.parseDouble(c[0]);
        double dec = Double.parseDouble(c[1]);
        // the prefilled circle is the selected image's centre; a smaller radius is typed in
        menuRun("SODA", "circle=" + ra + "," + dec + ",0.04");
        long[] direct = directCutout(URI.create(datalink), ra, dec, 0.04);
        String id = java.net.URLDecoder.decode(datalink.substring(datalink.indexOf("ID=") + 3),
                java.nio.charset.StandardCharsets.UTF_8);
        String base = id.substring(id.lastIndexOf('/') + 1).replace(".fits", "");
        String plane = base + " cutout " + org.vokit.investigator.SkyPosition.of(ra, dec).format() + " r0.04";
        assertThat(awaitSize(plane)).isEqualTo(direct[0] + " " + direct[1]);
        assertThat(awaitPlaneNamed(plane, "")).isEqualTo(plane);
        assertThat(script("vokittest errors")).isEqualTo("none");
        shot("aladin-cutout-menu", new double[] {ra, dec}, "6arcmin");
    }

    @Test
    @Order(10)
    void menuFailureShowsADialog() throws Exception {
        try (FaultServer fault = FaultServer.start()) {
            fault.on("/broken/scs.xml", (req, ex) -> ex.send(500, "text/plain", "database on fire"));
            assertThat(script("vokittest select 0 " + conePlane)).isEqualTo("ok");
            menuRun("Vicinity", "cone=" + fault.uri("/broken/scs.xml?"), "tap=", "table=", "radius=0.01");
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Thread.sleep(1500);
            shot("aladin-failure-dialog", null, null);
            String errors;
            do {
                errors = script("vokittest errors");
                if (!errors.equals("none")) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < end);
            assertThat(errors).contains("vokit: Vicinity search").contains("failed")
                    .contains(fault.uri("/broken/scs.xml?").toString());
        }
    }

    /** Clicks a menu item, fills its form and runs it; returns the form's prefilled values. */
    private static Map<String, String> menu(String prefix, String... values) throws IOException {
        return parseForm(menuRun(prefix, values));
    }

    private static String menuRun(String prefix, String... values) throws IOException {
        String reply = script("vokittest menu " + prefix + " " + String.join(" ", values));
        assertThat(reply).startsWith("ok: vokit-form-");
        return reply;
    }

    private static Map<String, String> parseForm(String reply) {
        Map<String, String> out = new LinkedHashMap<>();
        int bar = reply.indexOf(" | ");
        if (bar >= 0) {
            for (String kv : reply.substring(bar + 3).split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static String awaitPlaneNamed(String contains, String suffix) throws IOException, InterruptedException {
        long end = System.nanoTime() + CALL.toNanos();
        do {
            for (HostApps.AladinPlane p : apps.aladinPlanes(CALL)) {
                // an image plane's status says "selected" rather than "shown"
                if (p.name().contains(contains) && p.name().endsWith(suffix) && "Image".equalsIgnoreCase(p.type())
                        && !p.failed()) {
                    return p.name();
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        throw new AssertionError("no plane with '" + contains + "' ending in '" + suffix + "': "
                + apps.aladinPlanes(CALL));
    }

    /** Waits until Aladin has an image plane of that name, and returns its size. */
    private static String awaitSize(String plane) throws IOException, InterruptedException {
        long end = System.nanoTime() + CALL.toNanos();
        String last;
        do {
            last = script("vokittest size " + plane);
            if (!last.startsWith("error:")) {
                return last;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < end);
        throw new AssertionError("no image plane " + plane + ": " + last);
    }

    /**
     * Points Aladin's view and zooms (Aladin script), then saves the whole display as
     * {@code NAME.png} and Aladin's window alone as {@code NAME-window.png}.
     */
    private static void shot(String name, double[] target, String zoom) throws IOException {
        if (target != null) {
            // Aladin does not answer a bare position typed as a script command: point it over SAMP
            apps.call(HostApps.ALADIN, new org.astrogrid.samp.Message("coord.pointAt.sky")
                    .addParam("ra", Double.toString(target[0])).addParam("dec", Double.toString(target[1])), CALL);
            apps.aladinScript("zoom " + zoom, CALL);
            apps.aladinScript("sync", CALL);
        }
        pause();
        Path full = apps.screenshot(SHOTS.resolve(name + ".png"));
        String[] b = script("vokittest bounds").split(" ");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(full.toFile());
        int x = Math.max(0, Integer.parseInt(b[0]));
        int y = Math.max(0, Integer.parseInt(b[1]));
        int w = Math.min(img.getWidth() - x, Integer.parseInt(b[2]));
        int h = Math.min(img.getHeight() - y, Integer.parseInt(b[3]));
        javax.imageio.ImageIO.write(img.getSubimage(x, y, w, h), "png", SHOTS.resolve(name + "-window.png").toFile());
    }

    private static void pause() {
        try {
            Thread.sleep(1000); // let Aladin repaint before the picture
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @Test
    @Order(11)
    void epnScriptQueriesTheRegistrysEpnTapTables() throws IOException {
        String reply = script("epn registry=" + LocalVo.tap() + " target=Mars product=sp");
        long expected = count("SELECT COUNT(*) FROM voplanets.epn_core WHERE target_name = 'Mars'"
                + " AND dataproduct_type = 'sp'");
        Matcher m = rows(reply);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(expected).isGreaterThan(1);
        assertThat(reply).contains("; 1 of 1 tables answered; failed: none");
        assertThat(apps.awaitAladinPlane(m.group(2), CALL).objects()).isEqualTo(expected);
        assertThat(script("epn target=Mars")).startsWith("error:").contains("registry=");
        try (FaultServer fault = FaultServer.start()) {
            fault.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "registry on fire"));
            assertThat(script("epn registry=" + fault.uri("/tap") + " target=Mars timeout=5"))
                    .startsWith("0 rows; failed: registry " + fault.uri("/tap"));
        }
    }

    @Test
    @Order(12)
    void epnMenuWithProgress() throws Exception {
        menuRun("EPN", "registry=" + LocalVo.tap(), "target=Venus", "product=im", "timeout=20");
        long expected = count("SELECT COUNT(*) FROM voplanets.epn_core WHERE target_name = 'Venus'"
                + " AND dataproduct_type = 'im'");
        HostApps.AladinPlane p = apps.awaitAladinPlane("epn Venus im", CALL);
        assertThat(p.objects()).isEqualTo(expected).isGreaterThan(1);
        assertThat(script("vokittest errors")).isEqualTo("none");
        shot("aladin-epn-menu", null, null);
    }

    @Test
    @Order(13)
    void cancelStopsAHangingMenuActionAtOnce() throws Exception {
        try (FaultServer fault = FaultServer.start()) {
            fault.on("/tap/sync", (req, ex) -> ex.hang());
            menuRun("EPN", "registry=" + fault.uri("/tap"), "timeout=100");
            assertThat(awaitShowing("vokit-progress", true)).as("the progress window opens").isTrue();
            shot("aladin-progress", null, null);
            long t0 = System.nanoTime();
            assertThat(script("vokittest click vokit-cancel")).isEqualTo("ok");
            assertThat(awaitShowing("vokit-progress", false)).as("the progress window closes after Cancel").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(script("vokittest errors")).as("a cancelled action is no error").isEqualTo("none");
        }
    }

    private static boolean awaitShowing(String name, boolean wanted) throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        do {
            if (script("vokittest showing " + name).equals(wanted ? "yes" : "no")) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        return false;
    }

    @Test
    @Order(14)
    void aSpectrumCutoutGoesToTheSampSpectrumViewer() throws Exception {
        TapResult spec = tap.runSync("SELECT TOP 1 ssa_pubDID FROM vospec.data ORDER BY ssa_pubDID");
        String id = (String) spec.cell(0, 0);
        URI datalink = VoHttp.withQuery(LocalVo.url("/vospec/q/sdl/dlmeta"), List.of(new Param("ID", id)));
        java.util.concurrent.BlockingQueue<org.vokit.samp.SampMessage> got =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (org.vokit.samp.SampConnection viewer = org.vokit.samp.SampConnection.builder().name("spectrum-viewer")
                .lockFile(apps.lockFile()).on("spectrum.load.ssa-generic", m -> {
                    got.add(m);
                    return Map.of();
                }).connect()) {
            apps.awaitClient("spectrum-viewer", "spectrum.load.ssa-generic", Duration.ofSeconds(10));
            String reply = script("cutout datalink=" + datalink + " band=4.5e-7,5e-7");
            assertThat(reply).startsWith("0 images; spectrum ").contains("sent over SAMP to spectrum-viewer")
                    .endsWith("failed: none");
            org.vokit.samp.SampMessage m = got.poll(20, TimeUnit.SECONDS);
            assertThat(m).as("the spectrum.load.ssa-generic the viewer received").isNotNull();
            String text = Files.readString(Path.of(URI.create(m.requireParam("url"))));
            assertThat(text).contains("<VOTABLE");
        }
    }

    @Test
    @Order(15)
    void vowideScriptMergesEveryTableWithProperMotions() throws IOException {
        // the registry also lists the VO-wide test front's quirk services (fronts of the same DaCHS
        // stars): run it, with its broken ones healed, so that every listed table answers
        long tables = QuirkyVo.listedTables(LocalVo.tap(), "pos.pm%");
        long expected = starsWithin(40, 40, 60);
        String reply;
        try (QuirkyVo front = QuirkyVo.start()) {
            front.heal(QuirkyVo.Quirk.ERROR_500, QuirkyVo.Quirk.HANGING, QuirkyVo.Quirk.TRUNCATED);
            reply = script("vowide registry=" + LocalVo.tap() + " ucd=pos.pm% ra=40 dec=40 sr=60 timeout=5");
        }
        Matcher m = rows(reply);
        assertThat(m.group(2)).isEqualTo("vowide pos.pm% 40.0000 +40.0000 r60");
        assertThat(expected).isGreaterThan(1);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(expected * tables);
        assertThat(reply).contains("failed: none");
        assertThat(apps.awaitAladinPlane(m.group(2), CALL).objects()).isEqualTo(expected * tables);
        assertThat(script("vowide registry=" + LocalVo.tap() + " ucd=pos.pm% ra=40 dec=40")).startsWith("error:")
                .contains("sr=");
    }

    @Test
    @Order(16)
    void vowideMenuAroundTheViewCentre() throws Exception {
        apps.call(HostApps.ALADIN, new org.astrogrid.samp.Message("coord.pointAt.sky").addParam("ra", "10")
                .addParam("dec", "20"), CALL);
        // the registry's quirk services run (broken ones healed) until the plane has arrived
        long tables = QuirkyVo.listedTables(LocalVo.tap(), "pos.pm%");
        try (QuirkyVo front = QuirkyVo.start()) {
            front.heal(QuirkyVo.Quirk.ERROR_500, QuirkyVo.Quirk.HANGING, QuirkyVo.Quirk.TRUNCATED);
            Map<String, String> form = menu("VO-wide", "registry=" + LocalVo.tap(), "ucd=pos.pm%", "sr=0.2",
                    "timeout=20");
            double ra = Double.parseDouble(form.get("ra"));
            double dec = Double.parseDouble(form.get("dec"));
            assertThat(ra).as("RA of the view centre").isCloseTo(10, org.assertj.core.data.Offset.offset(0.01));
            assertThat(dec).as("Dec of the view centre").isCloseTo(20, org.assertj.core.data.Offset.offset(0.01));
            String plane = String.format(java.util.Locale.ROOT, "vowide pos.pm%% %.4f %+.4f r0.2", ra, dec);
            long expected = starsWithin(ra, dec, 0.2) * tables;
            assertThat(apps.awaitAladinPlane(plane, CALL).objects()).isEqualTo(expected);
            assertThat(script("vokittest errors")).isEqualTo("none");
            shot("aladin-vowide-menu", new double[] {ra, dec}, "20arcmin");
        }
    }
}
