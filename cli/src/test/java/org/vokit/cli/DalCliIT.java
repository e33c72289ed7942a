package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.vokit.testing.LocalDal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.adql.AdqlTemplate;
import org.vokit.dal.DalProtocol;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;

/**
 * {@code vokit scs}, {@code sia}, {@code ssa} and {@code params} run as a user runs them (the
 * {@code ./vokit} launcher in a subprocess) against the local VO, with the services' URLs from
 * its registry and the expected answers from TAP.
 */
class DalCliIT {

    private static Path launcher;
    private static String scs;
    private static String sia;
    private static String sia2;
    private static String ssa;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        LocalVo.require();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isDirectory(d.resolve("cli"))) {
                launcher = d.resolve("vokit");
                break;
            }
        }
        assertThat(launcher).as("./vokit launcher").isNotNull();
        scs = LocalDal.accessUrl(DalProtocol.SCS).toString();
        sia = LocalDal.accessUrl(DalProtocol.SIA).toString();
        sia2 = LocalDal.accessUrl(DalProtocol.SIA2).toString();
        ssa = LocalDal.accessUrl(DalProtocol.SSA).toString();
    }

    static Run vokit(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("vokit-dal-out", ".txt");
        Path err = Files.createTempFile("vokit-dal-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("vokit did not finish within 120 s: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static long csvRows(Run r) {
        return r.out().lines().count() - 1;
    }

    private static String starsInCone(double ra, double dec, double r, String extra, double lo, double hi) {
        AdqlTemplate condition = extra.isEmpty() ? AdqlTemplate.of("")
                : AdqlTemplate.of("AND vmag BETWEEN {lo} AND {hi}").value("lo", lo).value("hi", hi);
        return AdqlTemplate.of("SELECT COUNT(*) FROM vostars.main WHERE "
                + "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {r})) {extra}")
                .value("ra", ra).value("dec", dec).value("r", r).fragment("extra", condition).render();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    // ------------------------------------------------------------------ scs

    @Test
    void coneSearchWritesCsvWithTheRowsTapCounts() throws Exception {
        Run r = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20", "--sr", "0.1", "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().findFirst().orElse("")).contains("main_id").contains("ra").contains("dec");
        assertThat(csvRows(r)).isEqualTo(LocalDal.count(starsInCone(10, 20, 0.1, "", 0, 0))).isPositive();
    }

    @Test
    void customParameterGoesThroughParam() throws Exception {
        Run all = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20", "--sr", "1", "--maxrec", "100000",
                "--format", "csv");
        Run bright = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20", "--sr", "1", "--maxrec", "100000",
                "--param", "vmag=10 12", "--format", "csv");
        assertThat(bright.status()).as(bright.err()).isZero();
        assertThat(csvRows(bright)).isEqualTo(LocalDal.count(starsInCone(10, 20, 1, "vmag", 10, 12)))
                .isLessThan(csvRows(all));
    }

    @Test
    void serviceErrorIsOneLineWithTheServicesMessage() throws Exception {
        Run r = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20", "--sr", "1", "--param", "vmag=10/12");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("vokit scs: " + scs + ": ").contains("vmag").contains("10/12")
                .doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void debugAddsTheCurlCommandAndTheStackTrace() throws Exception {
        Run r = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20", "--sr", "1", "--param", "vmag=x",
                "--debug");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("curl -s -G").contains("vmag=x").contains("\tat org.vokit");
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        Run badRa = vokit("scs", "--service", scs, "--ra", "400", "--dec", "20", "--sr", "1");
        assertThat(badRa.status()).isEqualTo(2);
        assertThat(badRa.err()).contains("RA").contains("400");
        Run noRadius = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20");
        assertThat(noRadius.status()).isEqualTo(2);
        assertThat(noRadius.err()).contains("--sr");
        Run badParam = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20", "--sr", "1", "--param", "vmag");
        assertThat(badParam.status()).isEqualTo(2);
        assertThat(badParam.err()).contains("NAME=VALUE");
        Run badUrl = vokit("ssa", "--service", "file:///etc/passwd", "--ra", "10", "--dec", "20", "--size", "1");
        assertThat(badUrl.status()).isEqualTo(2);
    }

    @Test
    void overflowIsAWarning() throws Exception {
        Run r = vokit("scs", "--service", scs, "--ra", "10", "--dec", "20", "--sr", "1", "--maxrec", "5",
                "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(csvRows(r)).isEqualTo(5);
        assertThat(r.err()).contains("truncated").contains("--maxrec 5");
    }

    // ------------------------------------------------------------------ sia

    @Test
    void siaOneWritesAFileAndDownloadsTheImages(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("images.vot");
        Path images = dir.resolve("images");
        Run r = vokit("sia", "--service", sia, "--ra", "10", "--dec", "20", "--size", "0.1", "--out", table.toString(),
                "--download", images.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StarTable t = new StarTableFactory(true).makeStarTable(table.toString(), "votable");
        List<Path> got = files(images);
        assertThat((long) got.size()).isEqualTo(t.getRowCount()).isPositive();
        int accref = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            if ("VOX:Image_AccessReference".equals(t.getColumnInfo(i).getUCD())) {
                accref = i;
            }
        }
        List<String> expected = new ArrayList<>();
        for (long i = 0; i < t.getRowCount(); i++) {
            expected.add(t.getCell(i, accref).toString().replaceFirst(".*/", ""));
        }
        assertThat(got).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrderElementsOf(expected);
        for (Path p : got) {
            assertThat(new String(Files.readAllBytes(p), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("SIMPLE");
        }
        assertThat(r.err().lines().filter(l -> l.contains("downloaded")).count()).isEqualTo(got.size());
    }

    @Test
    void siaTwoTakesIntervalsThroughParam() throws Exception {
        Run r = vokit("sia", "--version", "2", "--service", sia2, "--ra", "150", "--dec", "2.2", "--size", "0.2",
                "--param", "BAND=6e-7 6.1e-7", "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        long expected = LocalDal.count(AdqlTemplate.of("SELECT COUNT(*) FROM ivoa.obscore WHERE obs_collection = "
                + "'vokit images' AND 1 = INTERSECTS(s_region, CIRCLE('ICRS', 150, 2.2, 0.1)) "
                + "AND em_min <= {hi} AND em_max >= {lo}").value("lo", 6e-7).value("hi", 6.1e-7).render());
        assertThat(csvRows(r)).isEqualTo(expected).isPositive();
        Run guessed = vokit("sia", "--service", sia2, "--ra", "150", "--dec", "2.2", "--size", "0.2",
                "--param", "BAND=6e-7 6.1e-7", "--format", "csv");
        assertThat(guessed.out()).as("version 2 guessed from the URL").isEqualTo(r.out());
    }

    // ------------------------------------------------------------------ ssa

    @Test
    void ssaPassesTheCustomTeffAndDownloadsSpectra(@TempDir Path dir) throws Exception {
        long inRegion = LocalDal.count("SELECT COUNT(*) FROM vospec.data WHERE "
                + "DISTANCE(ssa_location, POINT('ICRS', 10, 20)) <= 0.05");
        long hot = LocalDal.count("SELECT COUNT(*) FROM vospec.data WHERE "
                + "DISTANCE(ssa_location, POINT('ICRS', 10, 20)) <= 0.05 AND teff >= 20000");
        assertThat(hot).as("the region holds spectra with and without the constraint").isPositive()
                .isLessThan(inRegion);

        Run r = vokit("ssa", "--service", ssa, "--ra", "10", "--dec", "20", "--size", "0.1",
                "--param", "TEFF=20000/", "--format", "csv", "--download", dir.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(csvRows(r)).isEqualTo(hot);
        List<Path> got = files(dir);
        assertThat((long) got.size()).isEqualTo(hot);
        for (Path p : got) {
            assertThat(p.getFileName().toString()).matches("spec-\\d{3}\\.vot");
            assertThat(new StarTableFactory(true).makeStarTable(p.toString(), "votable").getRowCount()).isPositive();
        }
        Run bad = vokit("ssa", "--service", ssa, "--ra", "10", "--dec", "20", "--size", "0.1", "--param", "TEFF=hot");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).startsWith("vokit ssa: " + ssa + ": ").contains("'hot'");
    }

    // --------------------------------------------------------------- params

    @Test
    void paramsListsTheCustomParameterReadably() throws Exception {
        Run r = vokit("params", "--service", ssa, "--protocol", "ssa");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).contains("input parameters").contains("custom");
        assertThat(lines).anyMatch(l -> l.startsWith("* TEFF") && l.contains("K"));
        assertThat(lines).anyMatch(l -> l.startsWith("  POS "));
    }

    @Test
    void paramsAsATableHasOneRowPerDeclaredInput() throws Exception {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String doc = c.send(HttpRequest.newBuilder(URI.create(sia2 + "?FORMAT=METADATA"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("<PARAM[^>]*name=\"INPUT:").matcher(doc);
        long declared = 0;
        while (m.find()) {
            declared++;
        }

        Run r = vokit("params", "--service", sia2, "--format", "csv");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElse("")).startsWith("name,custom,datatype");
        assertThat(csvRows(r)).isEqualTo(declared).isPositive();
        assertThat(r.out()).contains("BAND,false,double,2,interval");
    }

    @Test
    void paramsRejectsAnUnknownProtocol() throws Exception {
        Run r = vokit("params", "--service", ssa, "--protocol", "tap");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--protocol").contains("tap");
    }
}
