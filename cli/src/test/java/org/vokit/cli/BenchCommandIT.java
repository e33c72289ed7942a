package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.testing.Ci;
import org.vokit.testing.LocalVo;

/**
 * {@code vokit bench ...} through the {@code ./vokit} launcher against the local VO: the
 * benchmarks print their figures, and a run that fails (a dead service, a failing STILTS) stops
 * them with a non-zero exit status and no figures.
 */
class BenchCommandIT {

    private static final String TAP = LocalVo.tap().toString();
    private static final Path STILTS = Path.of("/usr/bin/stilts");

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        VokitCliIT.setUp();
    }

    private static String launcher() {
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isDirectory(d.resolve("cli"))) {
                return d.resolve("vokit").toString();
            }
        }
        throw new AssertionError("no ./vokit launcher above " + p);
    }

    @Test
    void startupAgainstADeadServiceFailsWithoutFigures() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        VokitCliIT.Run r = VokitCliIT.vokit("bench", "startup", "--vokit", launcher(), "--runs", "1",
                "--service", "http://127.0.0.1:" + port + "/tap");
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("vokit bench startup: ./vokit tap failed with exit status 1")
                .contains("127.0.0.1:" + port);
        assertThat(r.out()).doesNotContain("median");
    }

    @Test
    void aFailingStiltsRunIsNotCounted() throws Exception {
        VokitCliIT.Run r = VokitCliIT.vokit("bench", "startup", "--vokit", launcher(), "--runs", "1",
                "--service", TAP, "--stilts", "/bin/false");
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("stilts tapquery failed with exit status 1");
        assertThat(r.out()).doesNotContain("median");
    }

    @Test
    void startupPrintsBothToolsFigures() throws Exception {
        if (!Files.isExecutable(STILTS)) {
            Ci.missing("STILTS (Debian package stilts) for the side-by-side start-up benchmark");
            return;
        }
        VokitCliIT.Run r = VokitCliIT.vokit("bench", "startup", "--vokit", launcher(), "--runs", "1",
                "--service", TAP, "--stilts", STILTS.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("(41 CSV lines), 1 runs each").contains("./vokit tap:      median")
                .contains("stilts tapquery:  median").contains("vokit / stilts: ");
    }

    @Test
    void asyncPrintsTheRawAndVokitFigures() throws Exception {
        VokitCliIT.Run r = VokitCliIT.vokit("bench", "async", "--runs", "1", "--service", TAP);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 runs each").contains(", 40 rows, " + TAP)
                .contains("raw minimum (create, run, WAIT, fetch, delete): median")
                .contains("vokit - raw, paired runs:");
    }

    @Test
    void datalinkIsABenchSubcommand() throws Exception {
        VokitCliIT.Run r = VokitCliIT.vokit("bench", "datalink", "--rows", "4", "--batch", "2", "--runs", "1",
                "--service", TAP);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("one request per row:  median").contains("batches of 2");
        VokitCliIT.Run old = VokitCliIT.vokit("datalink-bench", "--rows", "4");
        assertThat(old.status()).isEqualTo(2);
        assertThat(old.err()).contains("Unmatched arguments").contains("'datalink-bench'");
        VokitCliIT.Run help = VokitCliIT.vokit("--help");
        assertThat(help.out()).doesNotContain("__train").doesNotContain("datalink-bench");
    }
}
