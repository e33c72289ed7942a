package org.vokit.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.vokit.testing.FaultServer.errorVotable;
import static org.vokit.testing.FaultServer.votable;
import static org.vokit.testing.FaultServer.votableHead;
import static org.vokit.testing.FaultServer.votableRow;
import static org.vokit.testing.FaultServer.votableTail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.AccessException;
import org.vokit.DeadlineException;
import org.vokit.FormatException;
import org.vokit.HttpStatusException;
import org.vokit.JobException;
import org.vokit.ProtocolException;
import org.vokit.QueryException;
import org.vokit.VoException;
import org.vokit.http.VoHttp;
import org.vokit.testing.FaultServer;
import org.vokit.testing.FaultServer.FakeJob;
import org.vokit.testing.FaultServer.Request;

/**
 * TAP against a misbehaving service ({@link FaultServer}): every failure must surface as the
 * right {@link VoException}, naming the URL and carrying the service's own words, within the
 * time allowed, and a partial result must never pass for a whole one. Asynchronous queries must
 * leave no job behind.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TapFaultTest {

    private static final String ADQL = "SELECT id, name FROM demo.stars";

    private FaultServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FaultServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private TapService tap(Duration requestTimeout, Duration overall) {
        VoHttp http = VoHttp.builder()
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(requestTimeout)
                .build();
        return TapService.builder(server.uri("/tap")).http(http)
                .syncTimeout(overall).asyncTimeout(overall).build();
    }

    private TapService tap() {
        return tap(Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    private URI sync() {
        return server.uri("/tap/sync");
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The message shown to users must say which service failed. */
    private static void assertNamesUrl(Throwable t, URI url) {
        assertThat(t.getMessage()).as("message of %s", t).contains(url.toString());
        assertThat(((VoException) t).uri()).contains(url);
    }

    // ------------------------------------------------------------------ 1. time

    @Nested
    class Timeouts {

        @Test
        void serviceThatNeverAnswersFailsAtTheRequestTimeout() {
            server.on("/tap/sync", (req, ex) -> ex.hang());
            TapService tap = tap(Duration.ofSeconds(1), Duration.ofSeconds(10));

            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> tap.runSync(ADQL));
            Duration took = since(t0);

            assertThat(t).isExactlyInstanceOf(DeadlineException.class);
            assertThat(((DeadlineException) t).allowed()).isEqualTo(Duration.ofSeconds(1));
            assertThat(((VoException) t).detail()).contains("request timeout");
            assertNamesUrl(t, sync());
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        }

        @Test
        void overallDeadlineShorterThanRequestTimeoutWins() {
            server.on("/tap/sync", (req, ex) -> ex.hang());
            TapService tap = tap(Duration.ofSeconds(10), Duration.ofSeconds(10));

            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> tap.runSync(TapQuery.of(ADQL).withTimeout(Duration.ofSeconds(1))));
            Duration took = since(t0);

            assertThat(t).isExactlyInstanceOf(DeadlineException.class);
            assertThat(((DeadlineException) t).allowed()).isEqualTo(Duration.ofSeconds(1));
            assertThat(((VoException) t).detail()).contains("overall deadline");
            assertNamesUrl(t, sync());
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        }

        @Test
        void bodyTricklingPastTheDeadlineIsADeadlineNotAFormatError() {
            server.on("/tap/sync", (req, ex) -> {
                ex.head(200, "Content-Type", "application/x-votable+xml");
                ex.write(votableHead("OK"));
                for (int i = 1; i <= 100; i++) {
                    if (!ex.pause(Duration.ofMillis(100))) {
                        return;
                    }
                    ex.write(votableRow(i));
                }
                ex.write(votableTail(null));
            });
            TapService tap = tap(Duration.ofSeconds(5), Duration.ofSeconds(10));

            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> tap.runSync(TapQuery.of(ADQL).withTimeout(Duration.ofMillis(1500))));
            Duration took = since(t0);

            assertThat(t).isExactlyInstanceOf(DeadlineException.class);
            assertThat(((VoException) t).detail()).contains("overall deadline");
            assertNamesUrl(t, sync());
            assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(3000));
        }

        @Test
        void bodyStallingAfterTheHeadersEndsAtTheDeadline() {
            server.on("/tap/sync", (req, ex) -> {
                ex.head(200, "Content-Type", "application/x-votable+xml");
                ex.write(votableHead("OK") + votableRow(1));
                ex.hang();
            });
            TapService tap = tap(Duration.ofSeconds(5), Duration.ofSeconds(10));

            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> tap.runSync(TapQuery.of(ADQL).withTimeout(Duration.ofSeconds(1))));
            Duration took = since(t0);

            assertThat(t).isExactlyInstanceOf(DeadlineException.class);
            assertNamesUrl(t, sync());
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        }

        @Test
        void asyncQueryTimeoutAlsoBoundsJobCreation() {
            // TapQuery.timeout is documented as bounding the whole async operation, creation included.
            server.on("/tap/async", (req, ex) -> ex.hang());
            TapService tap = tap(Duration.ofSeconds(4), Duration.ofSeconds(10));

            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> tap.runAsync(TapQuery.of(ADQL).withTimeout(Duration.ofSeconds(1))));
            Duration took = since(t0);

            assertThat(t).isExactlyInstanceOf(DeadlineException.class);
            assertNamesUrl(t, server.uri("/tap/async"));
            assertThat(took).as("time taken with an overall timeout of 1 s").isLessThan(Duration.ofMillis(2500));
        }

        @Test
        void asyncJobStillExecutingAtTheDeadlineIsDeletedAndReported() {
            FakeJob job = server.fakeJob("/tap/async", "slow").script(n -> "EXECUTING");
            TapService tap = tap(Duration.ofSeconds(3), Duration.ofSeconds(10));

            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> tap.runAsync(TapQuery.of(ADQL).withTimeout(Duration.ofMillis(1500))));
            Duration took = since(t0);

            assertThat(t).isExactlyInstanceOf(DeadlineException.class);
            assertNamesUrl(t, server.uri(job.path()));
            assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(3500));
            assertThat(server.requests("DELETE", job.path())).as("DELETE of the job").hasSize(1);
        }
    }

    // ------------------------------------------------------------------ 2. error statuses

    @Nested
    class ErrorStatuses {

        @Test
        void http500WithHtmlGivesStatusAndTextExcerpt() {
            server.on("/tap/sync", (req, ex) -> ex.send(500, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>500 Internal Server Error</title>"
                            + "<style>body { color: red }</style></head>"
                            + "<body><h1>Internal Server Error</h1>"
                            + "<p>The database connection pool is exhausted.</p></body></html>"));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(HttpStatusException.class);
            HttpStatusException e = (HttpStatusException) t;
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.bodyExcerpt()).contains("The database connection pool is exhausted.")
                    .doesNotContain("<p>").doesNotContain("color: red");
            assertThat(e.getMessage()).contains("500").contains("The database connection pool is exhausted.");
            assertNamesUrl(t, sync());
        }

        @Test
        void http400WithDaliErrorVotableGivesTheServiceMessage() {
            String msg = "Could not parse your query: unexpected token 'FORM' at line 1, column 17";
            server.on("/tap/sync", (req, ex) -> ex.send(400, "application/x-votable+xml", errorVotable(msg)));

            Throwable t = catchThrowable(() -> tap().runSync("SELECT id FORM demo.stars"));

            assertThat(t).isExactlyInstanceOf(QueryException.class);
            assertThat(((QueryException) t).detail()).isEqualTo(msg);
            assertNamesUrl(t, sync());
        }

        @Test
        void http200WithQueryStatusErrorIsAQueryException() {
            String msg = "Table 'demo.nosuch' could not be located in the database";
            server.on("/tap/sync", (req, ex) -> ex.send(200, "application/x-votable+xml", errorVotable(msg)));

            Throwable t = catchThrowable(() -> tap().runSync("SELECT * FROM demo.nosuch"));

            assertThat(t).isExactlyInstanceOf(QueryException.class);
            assertThat(((QueryException) t).detail()).isEqualTo(msg);
            assertNamesUrl(t, sync());
        }

        @Test
        void asyncCreationRejectedWithDaliErrorGivesTheServiceMessage() {
            String msg = "UPLOAD table 'mine' has no rows";
            server.on("/tap/async", (req, ex) -> ex.send(400, "text/xml", errorVotable(msg)));

            Throwable t = catchThrowable(() -> tap().runAsync(ADQL));

            assertThat(t).isExactlyInstanceOf(QueryException.class);
            assertThat(((QueryException) t).detail()).isEqualTo(msg);
            assertNamesUrl(t, server.uri("/tap/async"));
        }
    }

    // ------------------------------------------------------------------ 3. retries

    @Nested
    class Retries {

        @Test
        void tooManyRequestsWithShortRetryAfterIsRetriedOnce() throws IOException {
            AtomicInteger calls = new AtomicInteger();
            server.on("/tap/sync", (req, ex) -> {
                if (calls.incrementAndGet() == 1) {
                    ex.send(429, "text/plain", "Too many requests from your address", "Retry-After", "1");
                } else {
                    ex.sendVotable(votable(2, "OK", null));
                }
            });

            long t0 = System.nanoTime();
            TapResult r = tap().runSync(ADQL);
            Duration took = since(t0);

            assertThat(r.rowCount()).isEqualTo(2);
            List<Request> posts = server.requests("POST", "/tap/sync");
            assertThat(posts).hasSize(2);
            assertThat(posts.get(1).param("QUERY")).isEqualTo(ADQL);
            assertThat(posts.get(1).received() - posts.get(0).received())
                    .as("nanoseconds between the attempts").isGreaterThanOrEqualTo(900_000_000L);
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void tooManyRequestsWithHourLongRetryAfterFailsAtOnce() {
            server.on("/tap/sync", (req, ex) ->
                    ex.send(429, "text/plain", "Rate limit exceeded: try again in an hour", "Retry-After", "3600"));

            long t0 = System.nanoTime();
            Throwable t = catchThrowable(() -> tap().runSync(ADQL));
            Duration took = since(t0);

            assertThat(t).isExactlyInstanceOf(HttpStatusException.class);
            assertThat(((HttpStatusException) t).status()).isEqualTo(429);
            assertThat(((HttpStatusException) t).bodyExcerpt()).contains("Rate limit exceeded: try again in an hour");
            assertNamesUrl(t, sync());
            assertThat(server.requests("POST", "/tap/sync")).hasSize(1);
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        }

        @Test
        void serviceUnavailableWithRetryAfterIsRetried() throws IOException {
            AtomicInteger calls = new AtomicInteger();
            server.on("/tap/sync", (req, ex) -> {
                if (calls.incrementAndGet() == 1) {
                    ex.send(503, "text/plain", "restarting", "Retry-After", "1");
                } else {
                    ex.sendVotable(votable(1, "OK", null));
                }
            });

            assertThat(tap().runSync(ADQL).rowCount()).isEqualTo(1);
            assertThat(server.requests("POST", "/tap/sync")).hasSize(2);
        }
    }

    // ------------------------------------------------------------------ 4. truncation

    @Nested
    class Truncation {

        private String cutDocument() {
            StringBuilder sb = new StringBuilder(votableHead("OK"));
            for (int i = 1; i <= 5; i++) {
                sb.append(votableRow(i));
            }
            return sb.append("<TR><TD>6</TD><TD>sta").toString();
        }

        @Test
        void chunkedBodyCutMidTableIsAnAccessFailure() {
            // The transfer coding tells the client the body is incomplete: the connection broke.
            server.on("/tap/sync", (req, ex) -> {
                ex.head(200, "Content-Type", "application/x-votable+xml", "Transfer-Encoding", "chunked");
                ex.chunk(cutDocument());
                ex.drop();
            });

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(AccessException.class);
            assertNamesUrl(t, sync());
        }

        @Test
        void contentLengthLongerThanTheBodyIsAnAccessFailure() {
            String full = votable(50, "OK", null);
            server.on("/tap/sync", (req, ex) -> {
                byte[] all = full.getBytes(StandardCharsets.UTF_8);
                ex.head(200, "Content-Type", "application/x-votable+xml", "Content-Length", Integer.toString(all.length));
                ex.raw().write(all, 0, all.length / 2);
                ex.drop();
            });

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(AccessException.class);
            assertNamesUrl(t, sync());
        }

        @Test
        void bodyEndingWithTheConnectionMidTableIsAFormatError() {
            // Without a length or chunking the HTTP layer cannot tell; the unfinished document can.
            server.on("/tap/sync", (req, ex) -> {
                ex.head(200, "Content-Type", "application/x-votable+xml");
                ex.write(cutDocument());
                ex.drop();
            });

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(FormatException.class);
            assertThat(((VoException) t).detail()).contains("not a readable VOTable");
            assertNamesUrl(t, sync());
        }

        @Test
        void streamedRowsEndInAnErrorNotASilentEnd() throws Exception {
            server.on("/tap/sync", (req, ex) -> {
                ex.head(200, "Content-Type", "application/x-votable+xml", "Transfer-Encoding", "chunked");
                ex.chunk(cutDocument());
                ex.drop();
            });

            List<Object> ids = new CopyOnWriteArrayList<>();
            ExecutorService reader = Executors.newSingleThreadExecutor();
            TapRowStream rows;
            try {
                rows = tap().stream(TapQuery.of(ADQL));
            } catch (AccessException brokeBeforeTheTable) {
                // the break may come before the table's metadata: then opening the stream fails
                assertThat(brokeBeforeTheTable.uri()).contains(sync());
                reader.shutdownNow();
                return;
            }
            try (rows) {
                Future<Throwable> end = reader.submit(() -> catchThrowable(() -> {
                    while (rows.next()) {
                        ids.add(rows.getCell(0));
                    }
                }));
                Throwable t;
                try {
                    t = end.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException stuck) {
                    t = null;
                    fail("next() still blocked 5 s after the connection broke, after " + ids.size() + " rows");
                }
                assertThat(t).as("end of a truncated stream").isNotNull().isInstanceOf(AccessException.class);
                assertThat(((VoException) t).uri()).contains(sync());
                assertThat(ids.size()).isLessThanOrEqualTo(5);
            } finally {
                reader.shutdownNow();
            }
        }
        @Test
        void aReaderWaitingForRowsIsWokenWhenTheConnectionBreaks() throws Exception {
            // The metadata and some rows arrive, then nothing for a while, then the break:
            // the consumer is already blocked in next() when the failure happens.
            server.on("/tap/sync", (req, ex) -> {
                ex.head(200, "Content-Type", "application/x-votable+xml", "Transfer-Encoding", "chunked");
                ex.chunk(cutDocument());
                ex.pause(Duration.ofMillis(700));
                ex.drop();
            });
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try (TapRowStream rows = tap().stream(TapQuery.of(ADQL))) {
                Future<Throwable> end = reader.submit(() -> catchThrowable(() -> {
                    while (rows.next()) {
                        rows.getCell(0);
                    }
                }));
                Throwable t = end.get(5, TimeUnit.SECONDS);
                assertThat(t).isInstanceOf(AccessException.class);
                assertThat(((VoException) t).uri()).contains(sync());
            } finally {
                reader.shutdownNow();
            }
        }
    }

    // ------------------------------------------------------------------ 5. garbage

    @Nested
    class Garbage {

        @Test
        void bodyThatIsNotXmlIsAFormatError() {
            server.on("/tap/sync", (req, ex) -> ex.send(200, "application/x-votable+xml",
                    "Service temporarily overloaded, please retry later\n"));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(FormatException.class);
            assertThat(((VoException) t).detail()).contains("not a readable VOTable").contains("line 1");
            assertNamesUrl(t, sync());
        }

        @Test
        void htmlPageServedAsXmlIsAFormatErrorNamingTheRoot() {
            server.on("/tap/sync", (req, ex) -> ex.send(200, "text/xml",
                    "<?xml version=\"1.0\"?><html><head><title>Maintenance</title></head>"
                            + "<body><p>Down for maintenance until noon</p></body></html>"));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(FormatException.class);
            assertThat(((VoException) t).detail()).contains("not a VOTable").contains("<html>");
            assertNamesUrl(t, sync());
        }

        @Test
        void htmlPageWithStatus200IsAFormatErrorQuotingThePage() {
            server.on("/tap/sync", (req, ex) -> ex.send(200, "text/html",
                    "<html><body><p>Down for maintenance until noon</p></body></html>"));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(FormatException.class);
            assertThat(((VoException) t).detail()).contains("HTML").contains("Down for maintenance until noon");
            assertNamesUrl(t, sync());
        }

        @Test
        void votableWithoutAnyTableIsAFormatError() {
            server.on("/tap/sync", (req, ex) -> ex.sendVotable(
                    "<VOTABLE version=\"1.4\"><RESOURCE type=\"results\">"
                            + "<INFO name=\"QUERY_STATUS\" value=\"OK\"/></RESOURCE></VOTABLE>"));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(FormatException.class);
            assertThat(((VoException) t).detail()).contains("no TABLE");
            assertNamesUrl(t, sync());
        }
    }

    // ------------------------------------------------------------------ 6. XXE

    @Nested
    class ExternalEntities {

        @TempDir
        Path dir;

        private String secret;
        private String doctype;

        @BeforeEach
        void plantSecret() throws IOException {
            secret = "SECRET-" + UUID.randomUUID();
            Path file = dir.resolve("secret.txt");
            Files.writeString(file, secret);
            server.on("/exfil", (req, ex) -> ex.send(200, "text/plain", secret));
            server.on("/evil.dtd", (req, ex) -> ex.send(200, "application/xml-dtd",
                    "<!ENTITY leak SYSTEM \"" + server.uri("/exfil") + "\">"));
            doctype = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<!DOCTYPE VOTABLE SYSTEM \"" + server.uri("/evil.dtd") + "\" [\n"
                    + "  <!ENTITY xxe SYSTEM \"" + file.toUri() + "\">\n"
                    + "  <!ENTITY oob SYSTEM \"" + server.uri("/exfil") + "\">\n"
                    + "  <!ENTITY % remote SYSTEM \"" + server.uri("/evil.dtd") + "\">\n"
                    + "  %remote;\n"
                    + "]>\n";
        }

        private void assertNothingFetched() {
            assertThat(server.requests()).as("requests the parser made").extracting(Request::path)
                    .doesNotContain("/exfil", "/evil.dtd");
        }

        private String everything(Throwable t) {
            StringBuilder sb = new StringBuilder();
            for (Throwable c = t; c != null; c = c.getCause()) {
                sb.append(c).append('\n');
            }
            return sb.toString();
        }

        @Test
        void entityInTableCellNeverReadsTheFile() {
            String doc = doctype + votableHead("OK").substring(votableHead("OK").indexOf("<VOTABLE"))
                    + "<TR><TD>1</TD><TD>&xxe;</TD></TR>\n"
                    + "<TR><TD>2</TD><TD>&oob;</TD></TR>\n"
                    + votableTail(null);
            server.on("/tap/sync", (req, ex) -> ex.sendVotable(doc));

            String seen;
            try {
                TapResult r = tap().runSync(ADQL);
                StringBuilder cells = new StringBuilder();
                for (long row = 0; row < r.rowCount(); row++) {
                    for (int col = 0; col < r.columns().size(); col++) {
                        cells.append(r.cell(row, col)).append('|');
                    }
                }
                seen = cells.toString();
            } catch (IOException e) {
                assertThat(e).isInstanceOf(VoException.class);
                seen = everything(e);
            }

            assertThat(seen).doesNotContain(secret);
            assertNothingFetched();
        }

        @Test
        void entityInErrorMessageNeverReadsTheFile() {
            String doc = doctype
                    + "<VOTABLE version=\"1.4\"><RESOURCE type=\"results\">"
                    + "<INFO name=\"QUERY_STATUS\" value=\"ERROR\">bad query &xxe; &oob;</INFO>"
                    + "</RESOURCE></VOTABLE>";
            server.on("/tap/sync", (req, ex) -> ex.send(400, "application/x-votable+xml", doc));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(QueryException.class);
            assertThat(((VoException) t).detail()).startsWith("bad query");
            assertThat(everything(t)).doesNotContain(secret);
            assertNothingFetched();
        }

        @Test
        void entityInJobErrorSummaryNeverReadsTheFile() {
            FakeJob job = server.fakeJob("/tap/async", "xxe");
            String doc = doctype.replace("VOTABLE", "uws:job")
                    + FaultServer.uwsJob("xxe", "ERROR", "1.1", null, "MARK")
                    .replaceFirst("<\\?xml[^>]*>\\s*", "").replace("MARK", "failed: &xxe; &oob;");
            server.on(job.path(), (req, ex) -> {
                if ("DELETE".equals(req.method())) {
                    ex.send(204, null, new byte[0]);
                } else {
                    ex.send(200, "text/xml", doc);
                }
            });

            Throwable t = catchThrowable(() -> tap().runAsync(ADQL));

            assertThat(t).isExactlyInstanceOf(JobException.class);
            assertThat(((VoException) t).detail()).startsWith("failed:");
            assertThat(everything(t)).doesNotContain(secret);
            assertNothingFetched();
            assertThat(server.requests("DELETE", job.path())).hasSize(1);
        }
    }

    // ------------------------------------------------------------------ 7. overflow

    @Nested
    class Overflow {

        @Test
        void trailingOverflowIsAFlagAndKeepsEveryRow() throws IOException {
            server.on("/tap/sync", (req, ex) -> ex.sendVotable(votable(5, "OK", "OVERFLOW")));

            TapResult r = tap().runSync(TapQuery.of(ADQL).withMaxrec(5));

            assertThat(r.overflowed()).isTrue();
            assertThat(r.queryStatus()).isEqualTo("OVERFLOW");
            assertThat(r.rowCount()).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                assertThat(r.cell(i, 0)).isEqualTo(i + 1);
                assertThat(r.cell(i, 1)).isEqualTo("star-" + (i + 1));
            }
            assertThat(server.requests("POST", "/tap/sync").get(0).param("MAXREC")).isEqualTo("5");
        }

        @Test
        void resultWithoutOverflowIsNotFlagged() throws IOException {
            server.on("/tap/sync", (req, ex) -> ex.sendVotable(votable(5, "OK", null)));

            TapResult r = tap().runSync(ADQL);

            assertThat(r.overflowed()).isFalse();
            assertThat(r.queryStatus()).isEqualTo("OK");
            assertThat(r.rowCount()).isEqualTo(5);
        }

        @Test
        void streamedResultReportsTrailingOverflowAfterTheLastRow() throws IOException {
            server.on("/tap/sync", (req, ex) -> ex.sendVotable(votable(4, "OK", "OVERFLOW")));

            int n = 0;
            try (TapRowStream rows = tap().stream(TapQuery.of(ADQL))) {
                while (rows.next()) {
                    n++;
                }
                assertThat(rows.documentInfo().overflowed()).isTrue();
            }
            assertThat(n).isEqualTo(4);
        }
    }

    // ------------------------------------------------------------------ 8, 12, 13. async jobs

    @Nested
    class AsyncJobs {

        @Test
        void jobEndingInErrorGivesItsMessageAndIsDeleted() {
            String msg = "Query ran into the execution time limit of 600 s";
            FakeJob job = server.fakeJob("/tap/async", "j1")
                    .script(n -> n < 2 ? "EXECUTING" : "ERROR").errorMessage(msg);

            Throwable t = catchThrowable(() -> tap().runAsync(ADQL));

            assertThat(t).isExactlyInstanceOf(JobException.class);
            JobException e = (JobException) t;
            assertThat(e.detail()).isEqualTo(msg);
            assertThat(e.phase()).isEqualTo("ERROR");
            assertNamesUrl(t, server.uri(job.path()));
            assertThat(server.requests("DELETE", job.path())).as("DELETE of the failed job").hasSize(1);
        }

        @Test
        void errorWithoutSummaryMessageIsReadFromTheErrorResource() {
            String msg = "Column 'vmag' is not in table demo.stars; did you mean 'gmag'?";
            FakeJob job = server.fakeJob("/tap/async", "j2")
                    .script(n -> "ERROR").errorMessage("").errorDocument(errorVotable(msg));

            Throwable t = catchThrowable(() -> tap().runAsync(ADQL));

            assertThat(t).isExactlyInstanceOf(JobException.class);
            assertThat(((JobException) t).detail()).isEqualTo(msg);
            assertNamesUrl(t, server.uri(job.path()));
            assertThat(server.requests("GET", job.path() + "/error")).hasSize(1);
            assertThat(server.requests("DELETE", job.path())).hasSize(1);
        }

        @Test
        void jobStartsOnlyWhenThePhaseRunIsPosted() throws IOException {
            // DaCHS keeps a new job PENDING until PHASE=RUN is posted to {job}/phase.
            FakeJob job = server.fakeJob("/tap/async", "dachs1")
                    .script(n -> n < 2 ? "EXECUTING" : "COMPLETED").result(votable(4, "OK", null));

            TapResult r = tap().runAsync(TapQuery.of(ADQL).withTimeout(Duration.ofSeconds(5)));

            assertThat(r.rowCount()).isEqualTo(4);
            List<Request> posts = server.requests("POST", job.path() + "/phase");
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).param("PHASE")).isEqualTo("RUN");
            List<Request> all = server.requests();
            int created = all.indexOf(server.requests("POST", "/tap/async").get(0));
            int run = all.indexOf(posts.get(0));
            int deleted = all.indexOf(server.requests("DELETE", job.path()).get(0));
            assertThat(created).isLessThan(run);
            assertThat(run).isLessThan(deleted);
            assertThat(server.requests("POST", "/tap/async").get(0).param("QUERY")).isEqualTo(ADQL);
        }

        @Test
        void cancellingWhilePollingDeletesTheJob() throws Exception {
            FakeJob job = server.fakeJob("/tap/async", "poll").version(null).script(n -> "EXECUTING");
            assertCancelDeletes(job, true);
        }

        @Test
        void cancellingDuringABlockingWaitDeletesTheJob() throws Exception {
            FakeJob job = server.fakeJob("/tap/async", "wait").version("1.1").honourWait(true)
                    .script(n -> "EXECUTING");
            assertCancelDeletes(job, false);
        }

        private void assertCancelDeletes(FakeJob job, boolean interrupt) throws Exception {
            ExecutorService exec = Executors.newSingleThreadExecutor();
            try {
                CompletableFuture<TapResult> f = tap(Duration.ofSeconds(8), Duration.ofSeconds(15))
                        .runAsyncLater(TapQuery.of(ADQL), exec);
                Optional<Request> executing = server.awaitRequest(Duration.ofSeconds(3),
                        r -> r.method().equals("GET") && r.path().equals(job.path()) && job.fetches() >= 2);
                if (executing.isEmpty()) {
                    fail("the job was never seen executing; requests: " + server.requests());
                }

                long t0 = System.nanoTime();
                assertThat(f.cancel(interrupt)).isTrue();

                assertThat(f.isCancelled()).isTrue();
                assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
                Optional<Request> delete = server.awaitRequest(Duration.ofSeconds(2), "DELETE", job.path());
                assertThat(delete).as("DELETE after cancel; requests: %s", server.requests()).isPresent();
                assertThat(Duration.ofNanos(delete.get().received() - t0)).isLessThan(Duration.ofSeconds(2));
                exec.shutdown();
                assertThat(exec.awaitTermination(3, TimeUnit.SECONDS)).as("worker finished").isTrue();
            } finally {
                exec.shutdownNow();
            }
        }
    }

    // ------------------------------------------------------------------ 10. redirects

    @Nested
    class Redirects {

        @Test
        void syncRedirectLoopIsAProtocolError() {
            server.on("/tap/sync", (req, ex) -> ex.redirect(303, "/tap/a"));
            server.on("/tap/a", (req, ex) -> ex.redirect(302, "/tap/b"));
            server.on("/tap/b", (req, ex) -> ex.redirect(302, "/tap/a"));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(ProtocolException.class);
            assertThat(((VoException) t).detail()).contains("redirect loop");
            assertNamesUrl(t, sync());
            assertThat(server.requests()).hasSizeLessThanOrEqualTo(4);
        }

        @Test
        void syncRedirectToTheResultIsFollowed() throws IOException {
            server.on("/tap/sync", (req, ex) -> ex.redirect(303, "/tap/results/r1"));
            server.on("/tap/results/r1", (req, ex) -> ex.sendVotable(votable(3, "OK", null)));

            assertThat(tap().runSync(ADQL).rowCount()).isEqualTo(3);
            assertThat(server.requests("GET", "/tap/results/r1")).hasSize(1);
        }
    }

    // ------------------------------------------------------------------ 14. gzip

    @Nested
    class Gzip {

        @Test
        void gzipEncodedVotableIsRead() throws IOException {
            server.on("/tap/sync", (req, ex) -> ex.sendGzip(200, "application/x-votable+xml", votable(7, "OK", null)));

            TapResult r = tap().runSync(ADQL);

            assertThat(r.rowCount()).isEqualTo(7);
            assertThat(r.cell(6, 1)).isEqualTo("star-7");
            assertThat(server.requests("POST", "/tap/sync").get(0).header("Accept-Encoding")).contains("gzip");
        }

        @Test
        void gzipEncodedErrorDocumentStillGivesTheServiceMessage() {
            String msg = "MAXREC must be a non-negative integer";
            server.on("/tap/sync", (req, ex) -> ex.sendGzip(400, "application/x-votable+xml", errorVotable(msg)));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).isExactlyInstanceOf(QueryException.class);
            assertThat(((QueryException) t).detail()).isEqualTo(msg);
        }

        @Test
        void gzipStreamCutShortIsAProtocolErrorNotAResult() {
            // The HTTP body is complete (correct Content-Length) but the gzip stream in it is cut.
            byte[] whole = FaultServer.gzip(votable(2000, "OK", null).getBytes(StandardCharsets.UTF_8));
            byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
            server.on("/tap/sync", (req, ex) ->
                    ex.send(200, "application/x-votable+xml", cut, "Content-Encoding", "gzip"));

            Throwable t = catchThrowable(() -> tap().runSync(ADQL));

            assertThat(t).as("failure for a cut gzip stream").isInstanceOf(ProtocolException.class);
            assertNamesUrl(t, sync());
        }
    }
}
