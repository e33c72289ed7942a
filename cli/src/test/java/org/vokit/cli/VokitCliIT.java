package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;

/**
 * The {@code ./vokit} launcher end to end, as a user runs it, against the local VO: exit
 * statuses, one-line errors, output files, formats.
 */
class VokitCliIT {

    private static final String TAP = LocalVo.tap().toString();
    private static Path launcher;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isDirectory(d.resolve("cli"))) {
                launcher = d.resolve("vokit");
                break;
            }
        }
        assertThat(launcher).as("./vokit launcher").isNotNull();
    }

    @AfterAll
    static void noJobLeft() throws IOException {
        assertThat(TapService.of(TAP).listJobs()).isEmpty();
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
    void syncQueryToStandardOutputAsCsv() throws Exception {
        Run r = vokit("tap", "--service", TAP, "--query",
                "SELECT TOP 3 main_id, ra, dec FROM vostars.main ORDER BY main_id", "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("main_id,ra,dec");
        assertThat(lines.get(1)).startsWith("VKS-");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void asyncQueryToAFitsFileWithTheFormatFromItsName(@TempDir Path dir) throws Exception {
        Path fits = dir.resolve("stars.fits");
        Run r = vokit("tap", "--service", TAP, "--async", "--query",
                "SELECT TOP 25 main_id, ra, dec, vmag FROM vostars.main", "--out", fits.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StarTable t = new StarTableFactory(true).makeStarTable(fits.toString(), "fits");
        assertThat(t.getRowCount()).isEqualTo(25);
        assertThat(t.getColumnInfo(3).getUCD()).isEqualTo("phot.mag;em.opt.V");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("stars.fits");
        }
    }

    @Test
    void overflowIsAWarningOnStandardError() throws Exception {
        Run r = vokit("tap", "--service", TAP, "--query", "SELECT main_id FROM vostars.main", "--maxrec", "5",
                "--format", "csv");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(6);
        assertThat(r.err()).contains("truncated").contains("--maxrec 5");
    }

    @Test
    void rejectedQueryIsOneLineWithTheServicesMessage(@TempDir Path dir) throws Exception {
        Path keep = dir.resolve("precious.csv");
        Files.writeString(keep, "earlier result\n");
        Run r = vokit("tap", "--service", TAP, "--query", "SELECT no_such_column FROM vostars.main",
                "--out", keep.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("vokit tap: " + TAP + "/sync: ").containsIgnoringCase("no_such_column")
                .doesNotContain("\tat ");
        assertThat(Files.readString(keep)).as("a failed query keeps the user's file").isEqualTo("earlier result\n");
    }

    @Test
    void debugShowsTheStackTraceAndTheCurlCommand() throws Exception {
        Run r = vokit("tap", "--service", TAP, "--query", "SELECT no_such_column FROM vostars.main", "--debug");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("\tat org.vokit").contains("curl -s");
    }

    @Test
    void uploadOfALocalFileJoinsOnTheService(@TempDir Path dir) throws Exception {
        Path ids = dir.resolve("ids.csv");
        Run first = vokit("tap", "--service", TAP, "--query",
                "SELECT TOP 4 main_id, vmag FROM vostars.main ORDER BY main_id", "--out", ids.toString());
        assertThat(first.status()).as(first.err()).isZero();
        Run r = vokit("tap", "--service", TAP, "--query",
                "SELECT s.main_id FROM TAP_UPLOAD.mine AS m JOIN vostars.main AS s ON s.main_id = m.main_id",
                "--upload", "mine=" + ids, "--upload-columns", "mine=main_id", "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(5);
    }

    @Test
    void capabilitiesArePrintedReadably() throws Exception {
        Run r = vokit("tap", "--service", TAP, "--capabilities");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("ADQL").contains("UNION");
    }

    @Test
    void unreachableServiceFailsQuicklyNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/tap";
        Run r = vokit("tap", "--service", url, "--query", "SELECT 1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("vokit tap: " + url + "/sync: ").contains("refused");
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        Run noQuery = vokit("tap", "--service", TAP);
        assertThat(noQuery.status()).isEqualTo(2);
        assertThat(noQuery.err()).contains("--query");
        Run badUpload = vokit("tap", "--service", TAP, "--query", "SELECT 1", "--upload", "mine=/no/such/file.vot");
        assertThat(badUpload.status()).isEqualTo(2);
        assertThat(badUpload.err()).contains("/no/such/file.vot");
        Run badFormat = vokit("tap", "--service", TAP, "--query", "SELECT 1", "--format", "nonsense");
        assertThat(badFormat.status()).isEqualTo(2);
        assertThat(badFormat.err()).contains("nonsense").contains("csv");
    }
}
