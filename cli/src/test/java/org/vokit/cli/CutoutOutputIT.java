package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.datalink.DatalinkDocument;
import org.vokit.datalink.InputParam;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.testing.LocalVo;

/**
 * {@code vokit cutout} against the local VO: the cutout on standard output, and a band outside
 * the service's declared range named in the no-overlap message.
 */
class CutoutOutputIT {

    private static final String SPEC = "ivo://vokit.test/~?vospec/data/spec-001.fits";
    private static Path launcher;
    private static String datalink;

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isDirectory(d.resolve("cli"))) {
                launcher = d.resolve("vokit");
                break;
            }
        }
        assertThat(launcher).isNotNull();
        datalink = LocalVo.url("/vospec/q/sdl/dlmeta") + "?ID=" + URLEncoder.encode(SPEC, StandardCharsets.UTF_8);
    }

    record Run(int status, byte[] out, String err) {
    }

    static Run vokit(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Run r = new Run(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void theCutoutGoesToStandardOutputWithOutDashOrWithoutOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spec.vot");
        Run toFile = vokit(dir, "cutout", "--datalink", datalink, "--band", "4.5e-7,5e-7", "--out", file.toString());
        assertThat(toFile.status()).as(toFile.err()).isZero();
        List<Object> expected = cells(Files.readAllBytes(file));
        assertThat(expected).isNotEmpty();
        Run dash = vokit(dir, "cutout", "--datalink", datalink, "--band", "4.5e-7,5e-7", "--out", "-");
        assertThat(dash.status()).as(dash.err()).isZero();
        assertThat(cells(dash.out())).isEqualTo(expected);
        Run piped = vokit(dir, "cutout", "--datalink", datalink, "--band", "4.5e-7,5e-7");
        assertThat(piped.status()).as(piped.err()).isZero();
        assertThat(cells(piped.out())).isEqualTo(expected);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("spec.vot");
        }
    }

    /** The cells of a VOTable (the server's document differs between answers only in its metadata). */
    private static List<Object> cells(byte[] votable) throws Exception {
        uk.ac.starlink.table.StarTable t = uk.ac.starlink.table.Tables.randomTable(new uk.ac.starlink.votable.VOTableBuilder()
                .makeStarTable(new uk.ac.starlink.util.ByteArrayDataSource("cutout", votable), true,
                        uk.ac.starlink.table.StoragePolicy.PREFER_MEMORY));
        List<Object> cells = new ArrayList<>();
        for (long r = 0; r < t.getRowCount(); r++) {
            cells.addAll(java.util.Arrays.asList(t.getRow(r)));
        }
        return cells;
    }

    @Test
    void aBandOutsideTheServicesRangeNamesTheRange(@TempDir Path dir) throws Exception {
        InputParam band;
        try (VoHttp http = VoHttp.newDefault()) {
            band = DatalinkDocument.fetch(http, java.net.URI.create(datalink), Deadline.in(java.time.Duration.ofSeconds(30)))
                    .soda(null).orElseThrow().inputParams().stream().filter(p -> p.name().equals("BAND")).findFirst()
                    .orElseThrow();
        }
        Run r = vokit(dir, "cutout", "--datalink", datalink, "--band", "1e-3,2e-3", "--out", "-");
        assertThat(r.status()).isEqualTo(CutoutCommand.NO_OVERLAP);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("vokit cutout: no overlap: ")
                .contains("the service declares BAND [" + band.min() + ", " + band.max() + "]");
    }
}
