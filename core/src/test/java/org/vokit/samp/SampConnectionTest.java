package org.vokit.samp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.vokit.testing.TestHub;
import org.vokit.testing.FakeClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.astrogrid.samp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;

/**
 * {@link SampConnection} against a real JSAMP hub in this JVM, with plain JSAMP clients playing
 * TOPCAT and Aladin: sending (tables read back by STIL, positions, highlights, selections),
 * picking recipients, errors and timeouts, receiving with handlers, and the connection's life.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SampConnectionTest {

    @TempDir
    static Path dir;

    private static TestHub hub;

    @BeforeAll
    static void startHub() throws IOException {
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        hub = TestHub.start(dir);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    private SampConnection connect(String name) throws IOException {
        return hub.connection(name).callTimeout(Duration.ofSeconds(10)).connect();
    }

    static StarTable sampleTable() {
        ColumnInfo id = new ColumnInfo("main_id", String.class, "identifier");
        id.setUCD("meta.id;meta.main");
        ColumnInfo ra = new ColumnInfo("ra", Double.class, "right ascension");
        ra.setUCD("pos.eq.ra;meta.main");
        ra.setUnitString("deg");
        ColumnInfo dec = new ColumnInfo("dec", Double.class, "declination");
        dec.setUCD("pos.eq.dec;meta.main");
        dec.setUnitString("deg");
        ColumnInfo n = new ColumnInfo("n", Integer.class, "a count");
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {id, ra, dec, n});
        t.addRow(new Object[] {"VKS-00001", 10.0, 20.0, 1});
        t.addRow(new Object[] {"Ångström & <tag> \"double\"", 150.0, 2.2, null});
        t.addRow(new Object[] {"日本語", 359.999, -5.0, -7});
        t.setName("sample");
        return t;
    }

    static List<List<Object>> rows(StarTable t) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        try (uk.ac.starlink.table.RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                out.add(Arrays.asList(rs.getRow()));
            }
        }
        return out;
    }

    @Test
    void declaresMetadataAndUnregistersOnClose() throws Exception {
        try (FakeClient topcat = hub.fake("topcat")) {
            String id;
            try (SampConnection conn = hub.connection("vokit-meta").description("a test client")
                    .iconUrl(URI.create("http://127.0.0.1/icon.png")).version("9.9").metadata("vokit.test", "yes")
                    .connect()) {
                id = conn.selfId();
                assertThat(Arrays.asList(topcat.connection().getRegisteredClients())).contains(id);
                Map<?, ?> meta = topcat.connection().getMetadata(id);
                assertThat(meta.get("samp.name")).isEqualTo("vokit-meta");
                assertThat(meta.get("samp.description.text")).isEqualTo("a test client");
                assertThat(meta.get("samp.icon.url")).isEqualTo("http://127.0.0.1/icon.png");
                assertThat(meta.get("vokit.version")).isEqualTo("9.9");
                assertThat(meta.get("vokit.test")).isEqualTo("yes");
                assertThat(conn.clients()).extracting(SampClient::id).contains(topcat.id());
                assertThat(conn.client("TOPCAT").id()).isEqualTo(topcat.id());
            }
            assertThat(Arrays.asList(topcat.connection().getRegisteredClients())).doesNotContain(id);
        }
    }

    @Test
    void sendsATableTheReceiverReadsBackWithStil() throws Exception {
        StarTable table = sampleTable();
        AtomicReference<StarTable> loaded = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        try (FakeClient topcat = hub.fake("topcat", MTypes.TABLE_LOAD_VOTABLE);
             SampConnection conn = connect("vokit-sender")) {
            topcat.answer(MTypes.TABLE_LOAD_VOTABLE, r -> {
                try {
                    String url = r.param("url");
                    HttpResponse<String> raw = HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                    body.set(raw.body());
                    loaded.set(Tables.randomTable(new StarTableFactory(true).makeStarTable(url, "votable")));
                    return Map.of("rows", Long.toString(loaded.get().getRowCount()));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            SampDelivery d = conn.sendTable(table, "sample stars", SampTarget.client("TopCat"));
            assertThat(d.replies()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(SampReply.Status.OK);
                assertThat(r.client().id()).isEqualTo(topcat.id());
                assertThat(r.result()).containsEntry("rows", "3");
            });
            FakeClient.Received msg = topcat.received(MTypes.TABLE_LOAD_VOTABLE).get(0);
            assertThat(msg.param("name")).isEqualTo("sample stars");
            assertThat(msg.param("table-id")).isEqualTo(d.param("table-id")).startsWith("vokit-");
            URI url = URI.create(msg.param("url"));
            assertThat(url.getScheme()).isEqualTo("http");
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(body.get()).contains("<BINARY2>");
            StarTable back = loaded.get();
            assertThat(back.getColumnCount()).isEqualTo(4);
            assertThat(back.getColumnInfo(1).getUCD()).isEqualTo("pos.eq.ra;meta.main");
            assertThat(rows(back)).isEqualTo(rows(table));
            // fetched twice by the receiver (raw, then by STIL), not a third time
            assertThat(conn.awaitFetches(d.url(), 2, Duration.ofSeconds(5))).isTrue();
            assertThat(conn.awaitFetches(d.url(), 3, Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void textOutsideSampsAsciiIsTransliteratedInsteadOfRefusedByTheHub() throws Exception {
        assertThat(SampConnection.sampString("plain text")).isEqualTo("plain text");
        assertThat(SampConnection.sampString("Ångström r=0.05° 日本")).isEqualTo("Angstrom r=0.05deg ??");
        try (FakeClient topcat = hub.fake("topcat", MTypes.TABLE_LOAD_VOTABLE);
             SampConnection conn = connect("vokit-ascii")) {
            conn.on("x.test.fail", m -> {
                throw new IllegalStateException("naïve file café.vot");
            });
            SampDelivery d = conn.sendTable(sampleTable(), "Ångström field 10°", SampTarget.client("topcat"));
            assertThat(d.allSucceeded()).isTrue();
            assertThat(topcat.received(MTypes.TABLE_LOAD_VOTABLE).get(0).param("name"))
                    .isEqualTo("Angstrom field 10deg");
            Response r = topcat.call(conn.selfId(), "x.test.fail", Map.of(), 10);
            assertThat(r.getErrInfo().getErrortxt()).isEqualTo("naive file cafe.vot");
        }
    }

    @Test
    void sendsPositionsHighlightsSelectionsImagesAndSpectra() throws Exception {
        try (FakeClient aladin = hub.fake("Aladin", MTypes.COORD_POINT_AT_SKY, MTypes.TABLE_HIGHLIGHT_ROW,
                MTypes.TABLE_SELECT_ROWLIST, MTypes.IMAGE_LOAD_FITS, MTypes.SPECTRUM_LOAD_SSA_GENERIC);
             SampConnection conn = connect("vokit-pointer")) {
            SampTarget to = SampTarget.name("aladin");
            conn.pointAt(10.0012, -20.5, to);
            conn.highlightRow("t1", URI.create("http://127.0.0.1/t1.vot"), 42, to);
            conn.selectRows("t1", URI.create("http://127.0.0.1/t1.vot"), List.of(1L, 5L, 8L), to);
            conn.sendImage(URI.create("http://127.0.0.1:8089/getproduct/voimg/data/img.fits"), "an image", to);
            conn.sendSpectrum(URI.create("http://127.0.0.1:8089/getproduct/vospec/data/spec-001.fits"), "a spectrum",
                    Map.of("Access.Format", "application/fits"), to);

            FakeClient.Received p = aladin.received(MTypes.COORD_POINT_AT_SKY).get(0);
            assertThat(Double.parseDouble(p.param("ra"))).isEqualTo(10.0012);
            assertThat(Double.parseDouble(p.param("dec"))).isEqualTo(-20.5);
            FakeClient.Received h = aladin.received(MTypes.TABLE_HIGHLIGHT_ROW).get(0);
            assertThat(h.param("table-id")).isEqualTo("t1");
            assertThat(h.param("row")).isEqualTo("42");
            assertThat(h.param("url")).isEqualTo("http://127.0.0.1/t1.vot");
            FakeClient.Received s = aladin.received(MTypes.TABLE_SELECT_ROWLIST).get(0);
            assertThat(s.params().get("row-list")).isEqualTo(List.of("1", "5", "8"));
            FakeClient.Received i = aladin.received(MTypes.IMAGE_LOAD_FITS).get(0);
            assertThat(i.param("url")).endsWith("/img.fits");
            assertThat(i.param("name")).isEqualTo("an image");
            FakeClient.Received sp = aladin.received(MTypes.SPECTRUM_LOAD_SSA_GENERIC).get(0);
            Map<?, ?> meta = (Map<?, ?>) sp.params().get("meta");
            assertThat(meta.get("Access.Format")).isEqualTo("application/fits");
            assertThat(meta.get("Access.Reference")).isEqualTo(sp.param("url"));
            assertThat(p.senderId()).isEqualTo(conn.selfId());
        }
    }

    @Test
    void picksClientsByIdByNameOrEveryoneSubscribed() throws Exception {
        try (FakeClient topcat = hub.fake("topcat", MTypes.COORD_POINT_AT_SKY);
             FakeClient aladin = hub.fake("Aladin", MTypes.COORD_POINT_AT_SKY);
             FakeClient deaf = hub.fake("deaf", "x.other");
             SampConnection conn = connect("vokit-picker")) {
            SampDelivery byId = conn.pointAt(1, 2, SampTarget.client(aladin.id()));
            assertThat(byId.replies()).extracting(r -> r.client().id()).containsExactly(aladin.id());
            SampDelivery all = conn.pointAt(3, 4, SampTarget.subscribed());
            assertThat(all.replies()).extracting(r -> r.client().id())
                    .containsExactlyInAnyOrder(topcat.id(), aladin.id());
            assertThat(all.allSucceeded()).isTrue();
            assertThat(deaf.received(MTypes.COORD_POINT_AT_SKY)).isEmpty();
            assertThat(topcat.received(MTypes.COORD_POINT_AT_SKY)).hasSize(1);
            assertThat(aladin.received(MTypes.COORD_POINT_AT_SKY)).hasSize(2);
        }
    }

    @Test
    void aMissingClientIsAnErrorNamingTheClientsThatAreThere() throws Exception {
        try (FakeClient topcat = hub.fake("topcat", MTypes.TABLE_LOAD_VOTABLE);
             SampConnection conn = connect("vokit-lonely")) {
            NoSuchClientException e = catchThrowableOfType(NoSuchClientException.class,
                    () -> conn.sendTable(sampleTable(), "x", SampTarget.client("Aladin")));
            assertThat(e.getMessage()).contains("Aladin").contains("topcat (" + topcat.id() + ")");
            assertThat(e.present()).extracting(SampClient::id).contains(topcat.id());
            assertThat(e.uri()).contains(conn.hubUrl());

            NoSuchClientException notSub = catchThrowableOfType(NoSuchClientException.class,
                    () -> conn.pointAt(1, 2, SampTarget.client("topcat")));
            assertThat(notSub.getMessage()).contains("topcat (" + topcat.id() + ") is not subscribed to "
                    + MTypes.COORD_POINT_AT_SKY);

            assertThatThrownBy(() -> conn.pointAt(1, 2, SampTarget.subscribed()))
                    .isInstanceOf(NoSuchClientException.class)
                    .hasMessageContaining("no SAMP client is subscribed to coord.pointAt.sky")
                    .hasMessageContaining("topcat");
        }
    }

    @Test
    void anErrorReplyRaisesTheRecipientsMessageAndABroadcastReportsIt() throws Exception {
        try (FakeClient topcat = hub.fake("topcat", MTypes.IMAGE_LOAD_FITS);
             FakeClient aladin = hub.fake("Aladin", MTypes.IMAGE_LOAD_FITS);
             SampConnection conn = connect("vokit-err")) {
            topcat.answer(MTypes.IMAGE_LOAD_FITS, r -> {
                throw new IllegalStateException("cannot read " + r.param("url") + ": not FITS");
            });
            URI url = URI.create("http://127.0.0.1/not.fits");
            assertThatThrownBy(() -> conn.sendImage(url, "x", SampTarget.client("topcat")))
                    .isInstanceOf(SampErrorException.class)
                    .hasMessageContaining("cannot read http://127.0.0.1/not.fits: not FITS")
                    .satisfies(e -> assertThat(((SampErrorException) e).reply().client().id()).isEqualTo(topcat.id()));
            SampDelivery all = conn.sendImage(url, "x", SampTarget.subscribed());
            assertThat(all.replies()).hasSize(2);
            assertThat(all.allSucceeded()).isFalse();
            assertThat(all.replies()).filteredOn(r -> r.client().id().equals(topcat.id())).singleElement()
                    .satisfies(r -> assertThat(r.describe()).contains("error").contains("not FITS"));
            assertThat(all.replies()).filteredOn(r -> r.client().id().equals(aladin.id())).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(SampReply.Status.OK));
        }
    }

    @Test
    void aSilentRecipientTimesOutWithinTheTimeAllowed() throws Exception {
        try (FakeClient topcat = hub.fake("topcat", MTypes.COORD_POINT_AT_SKY);
             SampConnection conn = hub.connection("vokit-impatient").callTimeout(Duration.ofMillis(700)).connect()) {
            topcat.silent(MTypes.COORD_POINT_AT_SKY);
            long t0 = System.nanoTime();
            SampTimeoutException e = catchThrowableOfType(SampTimeoutException.class,
                    () -> conn.pointAt(1, 2, SampTarget.client("topcat")));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e.getMessage()).contains("topcat").contains("did not answer").contains("PT0.7S");
            assertThat(ms).isBetween(600L, 5000L);
        }
    }

    @Test
    void handlersReplyWithTheirResultOrTheExceptionsMessage() throws Exception {
        try (FakeClient topcat = hub.fake("topcat");
             SampConnection conn = connect("vokit-handler")) {
            conn.on("x.test.echo", m -> Map.of("echo", m.requireParam("text"), "n", 3, "flag", true));
            conn.on("x.test.fail", m -> {
                throw new IllegalArgumentException("row 7 does not exist");
            });
            conn.on("x.test.npe", m -> {
                Object o = null;
                return Map.of("x", o.toString());
            });
            Response ok = topcat.call(conn.selfId(), "x.test.echo", Map.of("text", "hello"), 10);
            assertThat(ok.isOK()).isTrue();
            assertThat((Object) ok.getResult()).isEqualTo(Map.of("echo", "hello", "n", "3", "flag", "1"));

            Response bad = topcat.call(conn.selfId(), "x.test.fail", Map.of(), 10);
            assertThat(bad.getStatus()).isEqualTo(Response.ERROR_STATUS);
            assertThat(bad.getErrInfo().getErrortxt()).isEqualTo("row 7 does not exist");

            Response npe = topcat.call(conn.selfId(), "x.test.npe", Map.of(), 10);
            assertThat(npe.getStatus()).isEqualTo(Response.ERROR_STATUS);
            assertThat(npe.getErrInfo().getErrortxt()).isNotBlank();
            assertThat(npe.getErrInfo().getCode()).isEqualTo("NullPointerException");

            Response missing = topcat.call(conn.selfId(), "x.test.echo", Map.of(), 10);
            assertThat(missing.getErrInfo().getErrortxt()).contains("text");

            Response ping = topcat.call(conn.selfId(), MTypes.PING, Map.of(), 10);
            assertThat(ping.isOK()).isTrue();

            assertThat(conn.subscriptions()).contains("x.test.echo", MTypes.PING);
            conn.off("x.test.echo");
            assertThat(topcat.connection().getSubscriptions(conn.selfId()).isSubscribed("x.test.echo")).isFalse();
        }
    }

    @Test
    void notificationsReachHandlersAndSlowHandlersDoNotBlockOtherMTypes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch notified = new CountDownLatch(1);
        AtomicReference<SampMessage> note = new AtomicReference<>();
        try (FakeClient topcat = hub.fake("topcat");
             SampConnection conn = connect("vokit-lanes")) {
            conn.on("x.test.slow", m -> {
                slowStarted.countDown();
                release.await(20, TimeUnit.SECONDS);
                return Map.of("slow", "done");
            });
            conn.on("x.test.quick", m -> Map.of("quick", "yes"));
            conn.on("x.test.note", m -> {
                note.set(m);
                notified.countDown();
                return null;
            });
            Thread slowCaller = new Thread(() -> {
                try {
                    topcat.call(conn.selfId(), "x.test.slow", Map.of(), 25);
                } catch (IOException e) {
                    // checked below through the latch
                }
            });
            slowCaller.start();
            assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Response quick = topcat.call(conn.selfId(), "x.test.quick", Map.of(), 5);
            assertThat((Object) quick.getResult()).isEqualTo(Map.of("quick", "yes"));
            topcat.notify(conn.selfId(), "x.test.note", Map.of("k", "v"));
            assertThat(notified.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(note.get().isCall()).isFalse();
            assertThat(note.get().param("k")).isEqualTo("v");
            assertThat(note.get().senderId()).isEqualTo(topcat.id());
            release.countDown();
            slowCaller.join(10_000);
        }
    }

    @Test
    void tellsLocalSendersFromUnknownOnes() throws Exception {
        try (FakeClient topcat = hub.fake("topcat");
             SampConnection conn = connect("vokit-local")) {
            assertThat(conn.isLocalSender(topcat.id())).isTrue();
            assertThat(conn.isLocalSender("c9999")).isFalse();
            assertThat(conn.isLocalSender(null)).isFalse();
        }
    }

    @Test
    void withoutAHubTheErrorSaysSo(@TempDir Path empty) {
        assertThatThrownBy(() -> SampConnection.builder().lockFile(empty.resolve(".samp")).connect())
                .isInstanceOf(SampException.class)
                .hasMessageContaining("no SAMP hub is running")
                .hasMessageContaining(empty.resolve(".samp").toUri().toString());
    }

    @Test
    void noticesWhenTheHubShutsDown(@TempDir Path own) throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        TestHub second = TestHub.start(own);
        try (SampConnection conn = second.connection("vokit-orphan").connect()) {
            conn.onDisconnect(gone::countDown);
            assertThat(conn.isConnected()).isTrue();
            second.close();
            assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(conn.isConnected()).isFalse();
            assertThatThrownBy(conn::clients).isInstanceOf(SampException.class).hasMessageContaining("gone away");
        }
    }

    @Test
    void aClosedConnectionRefusesWork() throws Exception {
        SampConnection conn = connect("vokit-closed");
        conn.close();
        conn.close();
        assertThat(conn.isConnected()).isFalse();
        assertThatThrownBy(conn::clients).isInstanceOf(SampException.class).hasMessageContaining("closed");
    }

    @Test
    void mapsSampHubOntoTheLockfile() {
        Path home = Path.of("/home/someone");
        assertThat(SampConnection.standardLockUrl(Map.of(), home)).isEqualTo(home.resolve(".samp").toUri());
        assertThat(SampConnection.standardLockUrl(Map.of("SAMP_HUB", "std-lockurl:file:///tmp/lock"), home))
                .isEqualTo(URI.create("file:///tmp/lock"));
        assertThatThrownBy(() -> SampConnection.standardLockUrl(Map.of("SAMP_HUB", "web-samp"), home))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std-lockurl");
    }

    @Test
    void aProgramThatExitsWithoutClosingLeavesNoClientBehind() throws Exception {
        try (FakeClient watcher = hub.fake("watcher")) {
            String exited = runChild("exit");
            assertThat(Arrays.asList(watcher.connection().getRegisteredClients())).doesNotContain(exited);
            // control: a process killed without running shutdown hooks does leave its client behind,
            // so the check above can tell the difference
            String halted = runChild("halt");
            assertThat(Arrays.asList(watcher.connection().getRegisteredClients())).contains(halted);
        }
    }

    private static String runChild(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitWithoutClosing.class.getName(), hub.lockFile().toString(), mode)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("registered ")).findFirst()
                .map(l -> l.substring("registered ".length()).strip()).orElseThrow(() -> new AssertionError(out));
    }

    /**
     * Registers, prints its id and exits without closing ({@code exit}: shutdown hooks run and
     * must unregister) or halts ({@code halt}: no hooks run).
     */
    public static final class ExitWithoutClosing {
        /**
         * Entry point.
         *
         * @param args the lockfile path and the mode
         * @throws IOException if registration fails
         */
        public static void main(String[] args) throws IOException {
            java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
            SampConnection conn = SampConnection.builder().name("vokit-zombie").lockFile(Path.of(args[0])).connect();
            System.out.println("registered " + conn.selfId());
            System.out.flush();
            if ("halt".equals(args[1])) {
                Runtime.getRuntime().halt(0);
            }
            System.exit(0);
        }
    }
}
