package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;

/**
 * {@code vokit datalink} and {@code vokit cutout} through the {@code ./vokit} launcher against
 * the local VO: tables of links, cutout files, the no-overlap exit status and one-line errors.
 */
class DatalinkCliIT {

    private static final String IMG = "ivo://vokit.test/~?voimg/data/img-f10p20-11-V.fits";
    private static final String SPEC = "ivo://vokit.test/~?vospec/data/spec-001.fits";
    private static String imgLinks;
    private static String imgDatalinkUrl;
    private static Path launcher;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        imgLinks = LocalVo.url("/voimg/q/dl/dlmeta").toString();
        imgDatalinkUrl = imgLinks + "?ID=" + java.net.URLEncoder.encode(IMG, StandardCharsets.UTF_8);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isDirectory(d.resolve("cli"))) {
                launcher = d.resolve("vokit");
                break;
            }
        }
        assertThat(launcher).as("./vokit launcher").isNotNull();
    }

    static Run vokit(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("vokit-out", ".txt");
        Path err = Files.createTempFile("vokit-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vokit finished").isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void linksOfSeveralIdsAreOneTable() throws Exception {
        String missing = "ivo://vokit.test/~?voimg/data/no-such.fits";
        Run r = vokit("datalink", "--service", imgLinks, "--id", IMG, "--id", missing, "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("ID,access_url,service_def,error_message,semantics,description,"
                + "content_type,content_length,local_semantics");
        assertThat(lines).hasSize(1 + 3 + 1);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(IMG + ",").contains(",#this,")
                .contains("image/fits,20160"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(missing + ",").contains("NotFoundFault"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void semanticsSelectsNarrowerTermsToo(@TempDir Path dir) throws Exception {
        Path vot = dir.resolve("previews.vot");
        Run r = vokit("datalink", "--service", imgLinks, "--id", IMG, "--id",
                "ivo://vokit.test/~?voimg/data/img-f10p20-11-B.fits", "--semantics", "#preview", "--out", vot.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StarTable t = new StarTableFactory(true).makeStarTable(vot.toString(), "votable");
        assertThat(t.getRowCount()).isEqualTo(2);
        assertThat(t.getCell(0, 4)).isEqualTo("#preview");
        assertThat(t.getCell(1, 1).toString()).endsWith("img-f10p20-11-B.fits?preview=True");
    }

    @Test
    void aDatalinkDocumentByUrl() throws Exception {
        String url = LocalVo.url("/vospec/q/sdl/dlmeta") + "?ID=" + java.net.URLEncoder.encode(SPEC, StandardCharsets.UTF_8);
        Run r = vokit("datalink", "--datalink", url, "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines().skip(1).map(l -> l.split(",")[4]).toList()).containsExactly("#proc", "#this");
    }

    @Test
    void anUnreachableServiceIsOneLineAndStatusOne() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/dl";
        Run r = vokit("datalink", "--service", url, "--id", "x");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("vokit datalink: " + url).doesNotContain("\tat ");
        Run usage = vokit("datalink", "--service", url);
        assertThat(usage.status()).isEqualTo(2);
    }

    @Test
    void anImageCutoutIsASmallFits(@TempDir Path dir) throws Exception {
        Path fits = dir.resolve("cut.fits");
        Run r = vokit("cutout", "--datalink", imgDatalinkUrl, "--circle", "10,20,0.05", "--out", fits.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Map<String, String> h = fitsHeader(fits);
        assertThat(h).containsEntry("SIMPLE", "T").containsEntry("NAXIS1", "12").containsEntry("NAXIS2", "12");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cut.fits");
        }
    }

    @Test
    void aSpectrumBandCutoutFromABareServiceAndId(@TempDir Path dir) throws Exception {
        Path vot = dir.resolve("spec.vot");
        Run r = vokit("cutout", "--service", LocalVo.url("/vospec/q/sdl/dlget").toString(), "--id", SPEC,
                "--band", "4.5e-7,5e-7", "--out", vot.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StarTable t = new StarTableFactory(true).makeStarTable(vot.toString(), "votable");
        assertThat(t.getRowCount()).isEqualTo(251);
    }

    @Test
    void noOverlapIsStatusThreeAndLeavesTheFileAlone(@TempDir Path dir) throws Exception {
        Path keep = dir.resolve("cut.fits");
        Files.writeString(keep, "earlier cutout");
        Run r = vokit("cutout", "--datalink", imgDatalinkUrl, "--circle", "50,20,0.05", "--out", keep.toString());
        assertThat(r.status()).isEqualTo(CutoutCommand.NO_OVERLAP);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("vokit cutout: no overlap: ").contains("CIRCLE=50+20+0.05");
        assertThat(Files.readString(keep)).isEqualTo("earlier cutout");
        Run band = vokit("cutout", "--service", LocalVo.url("/vospec/q/sdl/dlget").toString(), "--id", SPEC,
                "--band", "7e-7,8e-7", "--out", dir.resolve("s.vot").toString());
        assertThat(band.status()).as(band.err()).isEqualTo(3);
        assertThat(Files.exists(dir.resolve("s.vot"))).isFalse();
    }

    @Test
    void parametersAreListedWithRangesAndBadOnesAreUsageErrors(@TempDir Path dir) throws Exception {
        Run list = vokit("cutout", "--datalink", imgDatalinkUrl, "--list-params");
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).contains("SODA service " + LocalVo.url("/voimg/q/dl/dlget"))
                .contains("CIRCLE (circle): max").contains("PIXEL_1 (interval): [1, 64]");
        Run twoNumbers = vokit("cutout", "--datalink", imgDatalinkUrl, "--circle", "10,20", "--out",
                dir.resolve("x.fits").toString());
        assertThat(twoNumbers.status()).isEqualTo(2);
        assertThat(twoNumbers.err()).contains("--circle needs 3 numbers");
        Run notTaken = vokit("cutout", "--datalink", imgDatalinkUrl, "--time", "50000,50001", "--out",
                dir.resolve("x.fits").toString());
        assertThat(notTaken.status()).isEqualTo(2);
        assertThat(notTaken.err()).contains("does not take TIME");
        Run nothing = vokit("cutout", "--datalink", imgDatalinkUrl, "--out", dir.resolve("x.fits").toString());
        assertThat(nothing.status()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    static Map<String, String> fitsHeader(Path fits) throws IOException {
        Map<String, String> cards = new HashMap<>();
        try (InputStream in = Files.newInputStream(fits)) {
            byte[] card = new byte[80];
            while (in.readNBytes(card, 0, 80) == 80) {
                String c = new String(card, StandardCharsets.US_ASCII);
                if (c.startsWith("END ")) {
                    return cards;
                }
                if (c.charAt(8) == '=') {
                    String v = c.substring(10);
                    int slash = v.indexOf(" /");
                    cards.put(c.substring(0, 8).strip(), (slash >= 0 ? v.substring(0, slash) : v).strip());
                }
            }
        }
        throw new AssertionError("no END card in " + fits);
    }
}
