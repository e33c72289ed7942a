package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vokit.investigator.InvestigatorEvent;
import org.vokit.testing.FaultServer;

/**
 * What a user reads when things go wrong (issue 13 item 6): an HTML error page cut to its
 * status and a short excerpt, a hint for a TAP endpoint given as --service, the explanation of
 * Aladin's one-row-catalogue failure, and the samp clients format on and off a terminal.
 */
class UserFacingErrorsTest {

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static final String PAGE = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title>\n"
            + "<style>body { font-family: sans-serif; }</style></head>\n<body>\n<h1>Not Found</h1>\n"
            + "<p>The requested URL was not found on this server.</p>\n" + "<p>padding </p>\n".repeat(200)
            + "</body></html>\n";

    @Test
    void anHtmlErrorPageIsShownAsItsStatusAndAShortExcerpt() throws Exception {
        try (FaultServer server = FaultServer.start()) {
            server.on("/tap/sync", (req, ex) -> ex.send(404, "text/html", PAGE));
            Run r = run("tap", "--service", server.uri("/tap").toString(), "--query", "SELECT 1", "--format", "csv");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err().lines().toList()).hasSize(1);
            String line = r.err().strip();
            assertThat(line).startsWith("vokit tap: " + server.uri("/tap/sync")).contains("HTTP 404")
                    .contains("404 Not Found").contains("The requested URL was not found");
            assertThat(line).doesNotContain("<").doesNotContain("font-family");
            assertThat(line.length()).isLessThan(server.uri("/tap/sync").toString().length() + 40 + Failures.EXCERPT);
        }
    }

    @Test
    void plainTextBodiesAreCutToo() {
        assertThat(Failures.excerpt("x ".repeat(500))).hasSizeBetween(Failures.EXCERPT, Failures.EXCERPT + 3).endsWith("...");
        assertThat(Failures.excerpt("bad  query\n near line 1")).isEqualTo("bad query near line 1");
        assertThat(Failures.excerpt("")).isEmpty();
    }

    @Test
    void aTapEndpointAsServiceGetsAHintToTheBaseUrl() {
        for (String end : new String[] {"sync", "async", "sync/"}) {
            Run r = run("tap", "--service", "http://127.0.0.1:9/tap/" + end, "--query", "SELECT 1");
            assertThat(r.status()).isEqualTo(Failures.USAGE);
            assertThat(r.err()).contains("base URL").contains("http://127.0.0.1:9/tap)");
        }
    }

    @Test
    void aladinsOneRowFailureIsExplained() {
        InvestigatorEvent oneRow = new InvestigatorEvent(InvestigatorEvent.Kind.SEND_FAILED, 1, "cone", null, 0.05, 1,
                "cone near 10 20", "Aladin", new java.io.IOException("samp.error"), Duration.ofMillis(10));
        assertThat(InvestigateCommand.explain(oneRow, "Aladin")).get().asString().contains("single row")
                .contains("--radius");
        assertThat(InvestigateCommand.explain(oneRow, "topcat")).isEmpty();
        InvestigatorEvent twoRows = new InvestigatorEvent(InvestigatorEvent.Kind.SEND_FAILED, 1, "cone", null, 0.05, 2,
                "cone near 10 20", "Aladin", new java.io.IOException("samp.error"), Duration.ofMillis(10));
        assertThat(InvestigateCommand.explain(twoRows, "Aladin")).isEmpty();
    }

    @Test
    void sampClientsIsATextTableOnATerminalAndAVotableOtherwise() {
        assertThat(SampCommand.Clients.defaultFormat(null, null, true)).isEqualTo("text");
        assertThat(SampCommand.Clients.defaultFormat(null, null, false)).isNull();
        assertThat(SampCommand.Clients.defaultFormat(null, "csv", true)).isEqualTo("csv");
        assertThat(SampCommand.Clients.defaultFormat(Path.of("c.vot"), null, true)).isNull();
    }
}
