package org.vokit.datalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.DeadlineException;
import org.vokit.FormatException;
import org.vokit.HttpStatusException;
import org.vokit.VoException;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.testing.FaultServer;
import org.vokit.testing.FaultServer.Request;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

/**
 * DataLink, SODA and previews against a misbehaving service ({@link FaultServer}): a batch that
 * fails must not cost the other rows their links, failures land on the rows they concern,
 * cutouts never leave half-written files, and a failing preview never stops the others.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DatalinkFaultTest {

    private FaultServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FaultServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static VoHttp http() {
        return VoHttp.builder().connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2))
                .maxRetries(0).build();
    }

    private static List<String> ids(Request r) {
        return r.params().stream().filter(e -> e.getKey().equals("ID")).map(Map.Entry::getValue).toList();
    }

    /** A {links} document: for each ID a #this link and a #preview link on this server. */
    private String linksFor(List<String> ids) {
        List<String[]> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new String[] {id, server.uri("/data/" + id).toString(), "", "", "#this", "image/fits", "100"});
            rows.add(new String[] {id, server.uri("/preview/" + id).toString(), "", "", "#preview-image", "image/png"});
        }
        return DatalinkDocumentTest.linksDoc(rows.toArray(new String[0][]));
    }

    /** A table of dataset IDs with a #links descriptor pointing at this server. */
    private DatalinkService serviceFor(String... ids) {
        ColumnInfo col = new ColumnInfo("obs_publisher_did", String.class, null);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {col});
        for (String id : ids) {
            t.addRow(new Object[] {id});
        }
        ServiceDescriptor links = new ServiceDescriptor("links", "links", null, server.uri("/dl/links").toString(),
                "ivo://ivoa.net/std/DataLink#links-1.1", null, null, List.of(new InputParam("ID", null,
                        "obs_publisher_did", "char", "*", null, "meta.id;meta.main", null, null, null, null, null,
                        List.of())));
        return DatalinkService.forTable(t, List.of(links)).orElseThrow().withHttp(http());
    }

    private interface Poison {
        void answer(FaultServer.Exchange ex) throws IOException;
    }

    /** Serves links for any request without the poison ID; a request with it gets the fault. */
    private void linksWithPoison(String poison, Poison fault) {
        server.on("/dl/links", (req, ex) -> {
            List<String> ids = ids(req);
            if (ids.contains(poison)) {
                fault.answer(ex);
            } else {
                ex.sendVotable(linksFor(ids));
            }
        });
    }

    private void assertOthersGotTheirLinks(List<Datalink> all, String poison) {
        assertThat(all).extracting(Datalink::rowIndex).containsExactly(0L, 1L, 2L, 3L, 4L);
        for (Datalink dl : all) {
            if (dl.id().orElseThrow().equals(poison)) {
                assertThat(dl.ok()).isFalse();
                assertThat(dl.links()).isEmpty();
            } else {
                assertThat(dl.ok()).as(dl.toString()).isTrue();
                assertThat(dl.first("#this").orElseThrow().accessUrl()).endsWith("/data/" + dl.id().orElseThrow());
                assertThat(dl.first("#preview").orElseThrow().semantics()).isEqualTo("#preview-image");
            }
        }
        List<Request> reqs = server.requests("POST", "/dl/links");
        assertThat(ids(reqs.get(0))).as("the first request is a batch").hasSize(5);
        assertThat(reqs.subList(1, reqs.size())).as("then one ID per request").allSatisfy(r -> assertThat(ids(r)).hasSize(1));
        assertThat(reqs).hasSize(6);
    }

    @Test
    void aBatchAnswered500IsRetriedRowByRowAndOnlyThePoisonRowFails() throws IOException {
        linksWithPoison("d3", ex -> ex.send(500, "text/plain", "database exploded on d3"));
        List<Datalink> all = serviceFor("d1", "d2", "d3", "d4", "d5").withBatchSize(10).fetchAll();
        assertOthersGotTheirLinks(all, "d3");
        VoException e = all.get(2).failure().orElseThrow();
        assertThat(e).isInstanceOf(HttpStatusException.class).hasMessageContaining("database exploded on d3");
        assertThat(e.uri()).contains(server.uri("/dl/links"));
    }

    @Test
    void aBatchAnsweredWithGarbageIsRetriedRowByRow() throws IOException {
        linksWithPoison("d1", ex -> ex.send(200, "application/x-votable+xml", "<VOTABLE><RESOURCE><TABLE><FIELD"));
        List<Datalink> all = serviceFor("d1", "d2", "d3", "d4", "d5").withBatchSize(10).fetchAll();
        assertOthersGotTheirLinks(all, "d1");
        assertThat(all.get(0).failure().orElseThrow()).isInstanceOf(FormatException.class);
    }

    @Test
    void aBatchThatTimesOutIsRetriedRowByRow() throws IOException {
        linksWithPoison("d5", FaultServer.Exchange::hang);
        long t0 = System.nanoTime();
        List<Datalink> all = serviceFor("d1", "d2", "d3", "d4", "d5").withBatchSize(10)
                .withRequestTimeout(Duration.ofMillis(700)).fetchAll();
        assertOthersGotTheirLinks(all, "d5");
        assertThat(all.get(4).failure().orElseThrow()).isInstanceOf(DeadlineException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aServiceThatAnswersOnlyTheFirstIdIsThenAskedOneIdPerRequest() throws IOException {
        // like a forwarding service that redirects with the first ID only
        server.on("/dl/links", (req, ex) -> ex.sendVotable(linksFor(List.of(ids(req).get(0)))));
        List<Datalink> all = serviceFor("a", "b", "c", "d", "e", "f", "g").withBatchSize(3).fetchAll();
        assertThat(all).allSatisfy(dl -> assertThat(dl.ok()).isTrue());
        assertThat(all).allSatisfy(dl -> assertThat(dl.first("#this").orElseThrow().accessUrl())
                .endsWith("/data/" + dl.id().orElseThrow()));
        List<Integer> sizes = server.requests("POST", "/dl/links").stream().map(r -> ids(r).size()).toList();
        assertThat(sizes).as("one batch of 3, then single IDs only").containsExactly(3, 1, 1, 1, 1, 1, 1);
        assertThat(all.get(0).document().orElseThrow().requestedIds()).containsExactly("a", "b", "c");
        assertThat(all.get(1).document().orElseThrow().requestedIds()).containsExactly("b");
    }

    @Test
    void aServiceRefusingSeveralIdsIsAskedOneIdPerRequestFromThenOn() throws IOException {
        server.on("/dl/links", (req, ex) -> {
            if (ids(req).size() > 1) {
                ex.send(400, "text/plain", "UsageError: only one ID per request");
            } else {
                ex.sendVotable(linksFor(ids(req)));
            }
        });
        List<Datalink> all = serviceFor("a", "b", "c", "d", "e", "f").withBatchSize(3).fetchAll();
        assertThat(all).allSatisfy(dl -> assertThat(dl.ok()).isTrue());
        List<Integer> sizes = server.requests("POST", "/dl/links").stream().map(r -> ids(r).size()).toList();
        assertThat(sizes).containsExactly(3, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void rowsAfterTheOverallDeadlineFailWithoutRequests() throws IOException {
        server.on("/dl/links", (req, ex) -> {
            ex.pause(Duration.ofMillis(400));
            ex.sendVotable(linksFor(ids(req)));
        });
        List<Datalink> all = serviceFor("a", "b", "c", "d", "e", "f").withBatchSize(1)
                .withTimeout(Duration.ofMillis(900)).fetchAll();
        assertThat(all).hasSize(6);
        assertThat(all.get(0).ok()).isTrue();
        assertThat(all.get(5).failure()).get().isInstanceOf(DeadlineException.class);
        assertThat(server.requests("POST", "/dl/links").size()).isLessThan(6);
    }

    @Test
    void aRowWithoutAnIdIsReportedAndTheOthersAreFetched() throws IOException {
        server.on("/dl/links", (req, ex) -> ex.sendVotable(linksFor(ids(req))));
        ColumnInfo col = new ColumnInfo("did", String.class, null);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {col});
        t.addRow(new Object[] {"x1"});
        t.addRow(new Object[] {null});
        t.addRow(new Object[] {"x1"});
        ServiceDescriptor links = new ServiceDescriptor(null, null, null, server.uri("/dl/links").toString(),
                "ivo://ivoa.net/std/datalink#links-1.0", null, null, List.of(new InputParam("ID", null, "did", null,
                        null, null, null, null, null, null, null, null, List.of())));
        List<Datalink> all = DatalinkService.forTable(t, List.of(links)).orElseThrow().withHttp(http()).fetchAll();
        assertThat(all.get(1).failure()).get().isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("row 1").contains("did"));
        assertThat(all.get(0).links()).isEqualTo(all.get(2).links());
        assertThat(ids(server.requests("POST", "/dl/links").get(0))).as("a repeated ID is asked once")
                .containsExactly("x1");
    }

    // ------------------------------------------------------------------ SODA

    private Soda soda() {
        return Soda.of(server.uri("/soda/sync"), "ivo://x.invalid/d1").withHttp(http());
    }

    @Test
    void aTransferCutByTheDeadlineLeavesNoFileAndKeepsTheOldOne(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cut.fits");
        Files.writeString(out, "my earlier cutout");
        server.on("/soda/sync", (req, ex) -> {
            ex.head(200, "Content-Type", "image/fits", "Content-Length", "28800");
            ex.write("SIMPLE  =                    T");
            ex.hang();
        });
        assertThatThrownBy(() -> soda().cutout(SodaQuery.create().circle(10, 20, 0.1), out,
                Deadline.in(Duration.ofMillis(800)))).isInstanceOf(DeadlineException.class);
        assertThat(Files.readString(out)).isEqualTo("my earlier cutout");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cut.fits");
        }
    }

    @Test
    void aServiceSayingNoOverlapInAnErrorIsANoOverlapResult(@TempDir Path dir) throws IOException {
        server.on("/soda/sync", (req, ex) -> ex.send(422, "text/plain", "UsageError: the circle does not overlap the image"));
        Cutout c = soda().cutout(SodaQuery.create().circle(50, 20, 0.1), dir.resolve("c.fits"));
        assertThat(c.noOverlap()).isTrue();
        assertThat(c.file()).isNull();
        assertThat(c.message()).contains("does not overlap");
        assertThat(c.request().toString()).contains("CIRCLE=50+20+0.1");
        assertThat(Files.exists(dir.resolve("c.fits"))).isFalse();
    }

    @Test
    void otherServiceErrorsAreExceptionsWithTheServicesWords(@TempDir Path dir) {
        server.on("/soda/sync", (req, ex) -> ex.send(500, "text/plain", "cutout engine crashed"));
        assertThatThrownBy(() -> soda().cutout(SodaQuery.create().circle(10, 20, 0.1), dir.resolve("c.fits")))
                .isInstanceOf(HttpStatusException.class).hasMessageContaining("cutout engine crashed")
                .hasMessageContaining(server.uri("/soda/sync").toString());
    }

    @Test
    void anErrorVotableWithStatus200IsNotWrittenAsTheCutout(@TempDir Path dir) throws IOException {
        server.on("/soda/sync", (req, ex) -> ex.sendVotable(FaultServer.errorVotable("Cutout is empty")));
        Cutout c = soda().cutout(SodaQuery.create().band(1e-7, 2e-7), dir.resolve("s.vot"));
        assertThat(c.noOverlap()).isTrue();
        server.on("/soda/sync", (req, ex) -> ex.sendVotable(FaultServer.errorVotable("FLUXCALIB unknown")));
        assertThatThrownBy(() -> soda().cutout(SodaQuery.create().band(1e-7, 2e-7), dir.resolve("s.vot")))
                .isInstanceOf(org.vokit.QueryException.class).hasMessageContaining("FLUXCALIB unknown");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    // ------------------------------------------------------------------ previews

    private static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void failingPreviewsAreListedAndTheOthersArrive() throws IOException {
        byte[] good = png(40, 30);
        server.on("/dl/links", (req, ex) -> ex.sendVotable(linksFor(ids(req))));
        server.on("/preview/p1", (req, ex) -> ex.send(200, "image/png", good));
        server.on("/preview/p2", (req, ex) -> ex.send(500, "text/plain", "preview renderer down"));
        server.on("/preview/p3", (req, ex) -> ex.send(200, "image/png", "this is no PNG".getBytes(StandardCharsets.UTF_8)));
        server.on("/preview/p4", (req, ex) -> ex.hang());
        server.on("/preview/p5", (req, ex) -> ex.send(200, "image/png", good));
        List<Datalink> dls = serviceFor("p1", "p2", "p3", "p4", "p5").fetchAll();
        long t0 = System.nanoTime();
        PreviewSet set = Previews.create().withHttp(http()).withParallelism(2)
                .withRequestTimeout(Duration.ofMillis(800)).fetch(dls);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(set.previews()).extracting(Preview::label).containsExactly("p1", "p5");
        assertThat(set.previews().get(0).image().getWidth()).isEqualTo(40);
        assertThat(set.failures()).extracting(PreviewFailure::label).containsExactly("p2", "p3", "p4");
        assertThat(set.failures().get(0).reason()).contains("preview renderer down");
        assertThat(set.failures().get(1).reason()).contains("not an image");
        assertThat(set.failures().get(2).url()).isEqualTo(server.uri("/preview/p4"));
        BufferedImage sheet = set.contactSheet(64, 3);
        assertThat(sheet.getWidth()).isEqualTo(4 + 3 * (64 + 4));
        assertThat(sheet.getHeight()).isEqualTo(4 + 2 * (64 + 16 + 4));
    }

    @Test
    void previewsNeverExceedTheBoundOnParallelRequests() throws IOException {
        byte[] good = png(8, 8);
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String n = "q" + i;
            names.add(n);
            server.on("/preview/" + n, (req, ex) -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                ex.pause(Duration.ofMillis(150));
                now.decrementAndGet();
                ex.send(200, "image/png", good);
            });
        }
        server.on("/dl/links", (req, ex) -> ex.sendVotable(linksFor(ids(req))));
        List<Datalink> dls = serviceFor(names.toArray(new String[0])).fetchAll();
        PreviewSet set = Previews.create().withHttp(http()).withParallelism(3).fetch(dls);
        assertThat(set.previews()).hasSize(8);
        assertThat(set.failures()).isEmpty();
        assertThat(most.get()).isBetween(2, 3);
    }

    @Test
    void theVocabularyRefreshReportsAServiceFailureAndGarbage() {
        server.on("/rdf/datalink/core", (req, ex) -> ex.send(503, "text/plain", "vocabulary server down"));
        assertThatThrownBy(() -> SemanticsVocabulary.fetch(http(), server.uri("/rdf/datalink/core"),
                Deadline.in(Duration.ofSeconds(5)))).isInstanceOf(HttpStatusException.class)
                .hasMessageContaining("vocabulary server down");
        server.on("/rdf/datalink/core", (req, ex) -> ex.redirect(303, "/rdf/datalink/core/2099-01-01/datalink.html"));
        server.on("/rdf/datalink/core/2099-01-01/datalink.html", (req, ex) -> ex.send(200, "text/html", "<html/>"));
        server.on("/rdf/datalink/core/2099-01-01/datalink.desise",
                (req, ex) -> ex.send(200, "application/json", "{\"terms\": [1, 2"));
        assertThatThrownBy(() -> SemanticsVocabulary.fetch(http(), server.uri("/rdf/datalink/core"),
                Deadline.in(Duration.ofSeconds(5)))).isInstanceOf(FormatException.class)
                .hasMessageContaining("datalink.desise");
    }

    @Test
    void theVocabularyRefreshFindsTheDesiseBesideTheHtmlVersion() throws IOException {
        server.on("/rdf/datalink/core", (req, ex) -> ex.redirect(303, "/rdf/datalink/core/2099-01-01/datalink.html"));
        server.on("/rdf/datalink/core/2099-01-01/datalink.html", (req, ex) -> ex.send(200, "text/html", "<html/>"));
        server.on("/rdf/datalink/core/2099-01-01/datalink.desise", (req, ex) -> ex.send(200, "application/json",
                "{\"terms\": {\"preview\": {\"label\": \"P\", \"narrower\": [\"preview-hologram\"]},"
                        + " \"preview-hologram\": {\"label\": \"H\", \"wider\": [\"preview\"]}}}"));
        SemanticsVocabulary v = SemanticsVocabulary.fetch(http(), server.uri("/rdf/datalink/core"),
                Deadline.in(Duration.ofSeconds(5)));
        assertThat(v.withNarrower("#preview")).containsExactly("preview", "preview-hologram");
        assertThat(v.source()).isEqualTo(URI.create(server.uri("/rdf/datalink/core/2099-01-01/datalink.desise")
                .toString()));
    }
}
