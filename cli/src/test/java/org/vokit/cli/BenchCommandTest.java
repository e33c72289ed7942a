package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vokit.testing.FaultServer;

/**
 * {@code vokit bench async} against services that fail (in-JVM {@link FaultServer}): the
 * benchmark must end non-zero naming the failure, and print no figures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchCommandTest {

    record Run(int status, String out, String err) {
    }

    private static Run vokit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void aServiceAnswering500PrintsNoFigures() throws Exception {
        try (FaultServer server = FaultServer.start()) {
            server.on("/tap/async", (req, ex) -> ex.send(500, "text/html", "<h1>down</h1>"));
            Run r = vokit("bench", "async", "--service", server.uri("/tap").toString(), "--runs", "3");
            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("POST " + server.uri("/tap/async")).contains("HTTP 500");
            assertThat(r.out()).doesNotContain("median").doesNotContain("min");
            // stopped at the first failure: the raw warm-up
            assertThat(server.requests("POST", "/tap/async")).hasSize(1);
        }
    }

    @Test
    void theRawPathChecksEveryStatusDeletionIncluded() throws Exception {
        try (FaultServer server = FaultServer.start()) {
            job(server, n -> FaultServer.votable(3, "OK", null));
            server.on("/tap/async/j1", (req, ex) -> {
                if (req.method().equals("DELETE")) {
                    ex.send(500, "text/plain", "cannot delete");
                } else {
                    ex.send(200, "text/xml", FaultServer.uwsJob("j1", "COMPLETED", "1.1",
                            server.uri("/tap/async/j1/results/result").toString(), null));
                }
            });
            Run r = vokit("bench", "async", "--service", server.uri("/tap").toString(), "--runs", "3");
            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("raw path: DELETE " + server.uri("/tap/async/j1") + " answered HTTP 500");
            assertThat(r.out()).doesNotContain("median");
        }
    }

    @Test
    void resultsThatDifferStopTheBenchmark() throws Exception {
        try (FaultServer server = FaultServer.start()) {
            // the raw path fetches first (3 rows), vokit second (2 rows)
            job(server, n -> FaultServer.votable(n == 1 ? 3 : 2, "OK", null));
            server.on("/tap/async/j1", (req, ex) -> {
                if (req.method().equals("DELETE")) {
                    ex.redirect(303, server.uri("/tap/async").toString());
                } else {
                    ex.send(200, "text/xml", FaultServer.uwsJob("j1", "COMPLETED", "1.1",
                            server.uri("/tap/async/j1/results/result").toString(), null));
                }
            });
            Run r = vokit("bench", "async", "--service", server.uri("/tap").toString(), "--runs", "3");
            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("results differ in the warm-up: raw 3 rows, vokit 2");
            assertThat(r.out()).doesNotContain("median");
            assertThat(server.requests("GET", "/tap/async/j1/results/result")).hasSize(2);
        }
    }

    @Test
    void parseComparesBothReadersOnTheSameRows() {
        Run r = vokit("bench", "parse", "--rows", "2000", "--runs", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("parsing a 2000-row BINARY2 VOTable").contains("1 runs each, alternating")
                .contains("STIL VOTableBuilder.streamStarTable: median").contains("vokit / STIL time: ");
    }

    @Test
    void badRunCountsAreUsageErrors() {
        Run r = vokit("bench", "async", "--runs", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--runs must be at least 1");
    }

    /** A service whose every job is j1: created, run, COMPLETED, with the n-th result fetch given. */
    private static void job(FaultServer server, java.util.function.IntFunction<String> result) {
        AtomicInteger fetches = new AtomicInteger();
        server.on("/tap/async", (req, ex) -> ex.redirect(303, server.uri("/tap/async/j1").toString()));
        server.on("/tap/async/j1/phase", (req, ex) -> ex.redirect(303, server.uri("/tap/async/j1").toString()));
        server.on("/tap/async/j1/results/result", (req, ex) -> ex.sendVotable(result.apply(fetches.incrementAndGet())));
    }
}
