package org.vokit.dal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.vokit.testing.FaultServer.errorVotable;
import static org.vokit.testing.FaultServer.votableHead;
import static org.vokit.testing.FaultServer.votableRow;
import static org.vokit.testing.FaultServer.xml;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.AccessException;
import org.vokit.DeadlineException;
import org.vokit.FormatException;
import org.vokit.HttpStatusException;
import org.vokit.ProtocolException;
import org.vokit.QueryException;
import org.vokit.VoException;
import org.vokit.dal.scs.ConeQuery;
import org.vokit.dal.scs.ConeService;
import org.vokit.dal.ssa.SsaRecord;
import org.vokit.dal.ssa.SsaService;
import org.vokit.http.VoHttp;
import org.vokit.testing.FaultServer;

/**
 * Simple DAL services and dataset downloads against an in-JVM server that misbehaves: no answer,
 * error statuses, garbage, truncation, cone-search error forms, and downloads that fail, redirect
 * to local files or hang. No partial download may be left behind.
 */
class DalFaultTest {

    private FaultServer server;
    private VoHttp http;

    @BeforeEach
    void start() throws IOException {
        server = FaultServer.start();
        http = VoHttp.builder().requestTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private ConeService cone() {
        return ConeService.of(server.uri("/scs?"), http).withTimeout(Duration.ofSeconds(5));
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static void assertNames(Throwable t, URI url) {
        assertThat(t).isInstanceOf(VoException.class);
        assertThat(((VoException) t).uri()).contains(url);
    }

    // ------------------------------------------------------------ searches

    @Test
    void serviceThatNeverAnswersFailsAtTheQueryTimeout() {
        server.on("/scs", (req, ex) -> ex.hang());
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> cone().search(ConeQuery.of(10, 20, 1).withTimeout(Duration.ofSeconds(1))));
        assertThat(t).isInstanceOf(DeadlineException.class);
        assertThat(((DeadlineException) t).allowed()).isEqualTo(Duration.ofSeconds(1));
        assertNames(t, server.uri("/scs?"));
        assertThat(since(t0)).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
    }

    @Test
    void slowBodyIsCutAtTheOverallDeadline() {
        server.on("/scs", (req, ex) -> {
            ex.head(200, "Content-Type", "application/x-votable+xml");
            ex.write(votableHead("OK"));
            for (int i = 1; i < 100 && ex.pause(Duration.ofMillis(200)); i++) {
                ex.write(votableRow(i));
            }
        });
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> cone().search(ConeQuery.of(10, 20, 1).withTimeout(Duration.ofSeconds(1))));
        assertThat(t).isInstanceOf(DeadlineException.class);
        assertThat(since(t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void httpErrorWithAnHtmlPageKeepsStatusAndText() {
        server.on("/scs", (req, ex) -> ex.send(500, "text/html", "<html><body><h1>Database exploded</h1></body></html>"));
        Throwable t = catchThrowable(() -> cone().search(10, 20, 1));
        assertThat(t).isInstanceOf(HttpStatusException.class).hasMessageContaining("Database exploded");
        assertThat(((HttpStatusException) t).status()).isEqualTo(500);
        assertNames(t, server.uri("/scs?"));
    }

    @Test
    void httpErrorWithAnErrorVotableIsTheServicesMessage() {
        server.on("/scs", (req, ex) -> ex.send(400, "application/x-votable+xml", errorVotable("SR is too large")));
        Throwable t = catchThrowable(() -> cone().search(10, 20, 1));
        assertThat(t).isExactlyInstanceOf(QueryException.class);
        assertThat(((QueryException) t).detail()).isEqualTo("SR is too large");
    }

    @Test
    void coneSearchErrorParamIsTheServicesMessage() {
        server.on("/scs", (req, ex) -> ex.send(200, "text/xml", "<?xml version=\"1.0\"?><VOTABLE version=\"1.1\">"
                + "<RESOURCE><PARAM name=\"Error\" datatype=\"char\" arraysize=\"*\" value=\"Catalogue &lt;offline&gt;\"/>"
                + "</RESOURCE></VOTABLE>"));
        Throwable t = catchThrowable(() -> cone().search(10, 20, 1));
        assertThat(t).isExactlyInstanceOf(QueryException.class);
        assertThat(((QueryException) t).detail()).isEqualTo("Catalogue <offline>");
    }

    @Test
    void garbageAndHtmlWithStatus200AreFormatErrors() {
        server.on("/scs", (req, ex) -> ex.send(200, "application/x-votable+xml", "\u0000\u0001 not xml at all"));
        assertThat(catchThrowable(() -> cone().search(10, 20, 1))).isInstanceOf(FormatException.class);
        server.on("/scs", (req, ex) -> ex.send(200, "text/html", "<html><p>Please log in</p></html>"));
        assertThat(catchThrowable(() -> cone().search(10, 20, 1))).isInstanceOf(FormatException.class)
                .hasMessageContaining("HTML").hasMessageContaining("Please log in");
    }

    @Test
    void truncatedAnswerIsAnError() {
        server.on("/scs", (req, ex) -> {
            ex.head(200, "Content-Type", "application/x-votable+xml", "Content-Length", "100000");
            ex.write(votableHead("OK") + votableRow(1) + votableRow(2));
            ex.drop();
        });
        Throwable t = catchThrowable(() -> cone().search(10, 20, 1));
        assertThat(t).isInstanceOfAny(AccessException.class, FormatException.class);
    }

    @Test
    void metadataRequestFailuresAreReported() {
        server.on("/scs", (req, ex) -> ex.send(503, "text/plain", "down for maintenance"));
        Throwable t = catchThrowable(() -> cone().params());
        assertThat(t).isInstanceOf(HttpStatusException.class).hasMessageContaining("down for maintenance");
        assertThat(server.requests("GET", "/scs")).allSatisfy(r -> assertThat(r.query()).contains("FORMAT=METADATA"));
    }

    // ------------------------------------------------------------ downloads

    /** Serves an SSA result whose records point at the given access URLs, with the given formats. */
    private List<SsaRecord> records(String... urlsAndFormats) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < urlsAndFormats.length; i += 2) {
            rows.append("<TR><TD>ivo://test/~?spec-").append(i / 2 + 1).append(".fits</TD><TD>")
                    .append(xml(urlsAndFormats[i])).append("</TD><TD>").append(xml(urlsAndFormats[i + 1]))
                    .append("</TD></TR>");
        }
        String doc = "<?xml version=\"1.0\"?><VOTABLE version=\"1.3\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">"
                + "<RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>"
                + "<FIELD name=\"did\" datatype=\"char\" arraysize=\"*\" utype=\"ssa:Curation.PublisherDID\"/>"
                + "<FIELD name=\"acref\" datatype=\"char\" arraysize=\"*\" utype=\"ssa:Access.Reference\"/>"
                + "<FIELD name=\"fmt\" datatype=\"char\" arraysize=\"*\" utype=\"ssa:Access.Format\"/>"
                + "<DATA><TABLEDATA>" + rows + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        server.on("/ssa", (req, ex) -> ex.send(200, "application/x-votable+xml", doc));
        return SsaService.of(server.uri("/ssa?"), http).search(1, 2, 0.1).records();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void missingDatasetLeavesNoFile(@TempDir Path dir) throws IOException {
        server.on("/data/gone", (req, ex) -> ex.send(404, "text/plain", "no such dataset"));
        SsaRecord r = records(server.uri("/data/gone").toString(), "application/fits").get(0);
        Throwable t = catchThrowable(() -> r.download(dir));
        assertThat(t).isInstanceOf(HttpStatusException.class).hasMessageContaining("no such dataset");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void failedDownloadKeepsAnEarlierFileOfTheSameName(@TempDir Path dir) throws IOException {
        server.on("/data/cut", (req, ex) -> {
            ex.head(200, "Content-Type", "application/fits", "Content-Length", "28800");
            ex.write("SIMPLE  =                    T");
            ex.drop();
        });
        SsaRecord r = records(server.uri("/data/cut").toString(), "application/fits").get(0);
        Path earlier = dir.resolve(r.suggestedFileName());
        Files.writeString(earlier, "precious");
        Throwable t = catchThrowable(() -> r.download(dir));
        assertThat(t).isInstanceOf(AccessException.class);
        assertThat(files(dir)).containsExactly("spec-1.fits");
        assertThat(Files.readString(earlier)).isEqualTo("precious");
    }

    @Test
    void stalledDownloadEndsAtItsDeadline(@TempDir Path dir) throws IOException {
        server.on("/data/slow", (req, ex) -> {
            ex.head(200, "Content-Type", "application/fits");
            for (int i = 0; i < 100 && ex.pause(Duration.ofMillis(100)); i++) {
                ex.write("x");
            }
        });
        SsaRecord r = records(server.uri("/data/slow").toString(), "application/fits").get(0);
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> r.download(dir, Duration.ofSeconds(1)));
        assertThat(t).isInstanceOf(DeadlineException.class);
        assertThat(since(t0)).isLessThan(Duration.ofSeconds(4));
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void redirectToALocalFileIsRefused(@TempDir Path dir) throws IOException {
        server.on("/data/sneaky", (req, ex) -> ex.redirect(302, "file:///etc/passwd"));
        SsaRecord r = records(server.uri("/data/sneaky").toString(), "text/plain").get(0);
        Throwable t = catchThrowable(() -> r.download(dir));
        assertThat(t).isInstanceOf(ProtocolException.class);
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void nonHttpAccessUrlIsNeverFollowed(@TempDir Path dir) throws IOException {
        SsaRecord r = records("file:///etc/passwd", "text/plain").get(0);
        assertThat(r.accessUrl()).contains(URI.create("file:///etc/passwd"));
        Throwable t = catchThrowable(() -> r.download(dir));
        assertThat(t).isInstanceOf(ProtocolException.class).hasMessageContaining("non-http");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void noContentIsNotADataset(@TempDir Path dir) throws IOException {
        server.on("/data/empty", (req, ex) -> ex.send(204, null, new byte[0]));
        SsaRecord r = records(server.uri("/data/empty").toString(), "application/fits").get(0);
        assertThat(catchThrowable(() -> r.download(dir))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("204");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void missingFormatTakesTheExtensionFromTheAnswer(@TempDir Path dir) throws IOException {
        server.on("/data/preview", (req, ex) -> ex.send(200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        SsaRecord r = records(server.uri("/data/preview").toString(), "None").get(0);
        assertThat(r.accessFormat()).isEmpty();
        assertThat(r.suggestedFileName()).isEqualTo("spec-1.fits").doesNotEndWith(".None");
        Path p = r.download(dir);
        assertThat(p.getFileName().toString()).isEqualTo("spec-1.png");
        assertThat(files(dir)).containsExactly("spec-1.png");
    }
}
