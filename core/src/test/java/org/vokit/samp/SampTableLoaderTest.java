package org.vokit.samp;

import static org.assertj.core.api.Assertions.assertThat;

import org.vokit.testing.TestHub;
import org.vokit.testing.FakeClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.astrogrid.samp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.http.VoHttp;
import org.vokit.testing.FaultServer;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * {@link SampTableLoader} behind a {@code table.load.votable} handler, called by a plain JSAMP
 * client: local files only from local senders and only readable regular files, http(s) with a
 * size limit, every other scheme refused, and every refusal answered with a reply saying why.
 * Faulty web servers are played by {@link FaultServer}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SampTableLoaderTest {

    private static final String STRICT = "x.test.load.strict";

    @TempDir
    static Path dir;

    private static TestHub hub;
    private static Path votableFile;

    private FakeClient topcat;
    private SampConnection conn;
    private FaultServer web;
    private VoHttp http;

    @BeforeAll
    static void startHub() throws IOException {
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        hub = TestHub.start(dir);
        votableFile = dir.resolve("sample.vot");
        try (OutputStream out = Files.newOutputStream(votableFile)) {
            new VOTableWriter(DataFormat.TABLEDATA, true).writeStarTable(SampConnectionTest.sampleTable(), out);
        }
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @BeforeEach
    void connect() throws IOException {
        web = FaultServer.start();
        topcat = hub.fake("topcat");
        conn = hub.connection("vokit-loader").connect();
        http = VoHttp.builder().connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(3)).build();
        SampTableLoader trusting = SampTableLoader.builder(conn).http(http).maxBytes(20_000).build();
        SampTableLoader strict = SampTableLoader.builder(id -> false).http(http).build();
        conn.on(MTypes.TABLE_LOAD_VOTABLE, m -> rows(trusting.loadVotable(m)));
        conn.on(STRICT, m -> rows(strict.loadVotable(m)));
    }

    @AfterEach
    void close() {
        conn.close();
        topcat.close();
        web.close();
        http.close();
    }

    private static Map<String, Object> rows(StarTable t) {
        return Map.of("rows", Long.toString(t.getRowCount()));
    }

    private Response load(String mtype, String url) throws IOException {
        return topcat.call(conn.selfId(), mtype, Map.of("url", url, "table-id", "t", "name", "n"), 15);
    }

    private static String error(Response r) {
        assertThat(r.getStatus()).as("status of %s", r).isEqualTo(Response.ERROR_STATUS);
        return r.getErrInfo().getErrortxt();
    }

    @Test
    void readsALocalFileForAClientOnThisHost() throws Exception {
        Response r = load(MTypes.TABLE_LOAD_VOTABLE, votableFile.toUri().toString());
        assertThat(r.isOK()).as(String.valueOf(r)).isTrue();
        assertThat((Object) r.getResult()).isEqualTo(Map.of("rows", "3"));
    }

    @Test
    void refusesALocalFileForASenderNotKnownToBeLocal() throws Exception {
        String url = votableFile.toUri().toString();
        assertThat(error(load(STRICT, url))).contains("refused to read " + url)
                .contains("sender " + topcat.id() + " is not known to be one");
    }

    @Test
    void refusesFilesThatAreNotReadableRegularFilesAndOtherHosts() throws Exception {
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, dir.resolve("missing.vot").toUri().toString())))
                .contains("not a regular file this user can read");
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, dir.toUri().toString())))
                .contains("not a regular file this user can read");
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, "file://elsewhere.example/etc/hostname")))
                .contains("names another host");
    }

    @Test
    void refusesOtherSchemesSayingWhy() throws Exception {
        for (String url : new String[] {"jar:" + votableFile.toUri() + "!/x.vot", "ftp://127.0.0.1/x.vot",
                "data:text/xml;base64,PFZPVEFCTEUvPg==", "/etc/hostname"}) {
            assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, url))).as(url)
                    .contains("only http, https and (for clients on this host) file URLs are read");
        }
    }

    @Test
    void readsHttpAndEnforcesTheSizeLimit() throws Exception {
        web.on("/small.vot", (req, ex) -> ex.sendVotable(FaultServer.votable(4, "OK", null)));
        web.on("/big.vot", (req, ex) -> ex.sendVotable(FaultServer.votable(2000, "OK", null)));
        web.on("/big-unannounced.vot", (req, ex) -> {
            ex.head(200, "Content-Type", "application/x-votable+xml");
            ex.write(FaultServer.votable(2000, "OK", null));
        });
        Response small = load(MTypes.TABLE_LOAD_VOTABLE, web.uri("/small.vot").toString());
        assertThat((Object) small.getResult()).isEqualTo(Map.of("rows", "4"));
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, web.uri("/big.vot").toString())))
                .contains("larger than the limit of 20000 bytes");
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, web.uri("/big-unannounced.vot").toString())))
                .contains("larger than the limit of 20000 bytes");
    }

    @Test
    void reportsTheServersOwnErrorAndNeverFollowsARedirectToAFile() throws Exception {
        web.on("/broken.vot", (req, ex) -> ex.send(500, "text/plain", "disk on fire"));
        web.on("/sneaky.vot", (req, ex) -> ex.redirect(302, votableFile.toUri().toString()));
        web.on("/timeout.vot", (req, ex) -> ex.hang());
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, web.uri("/broken.vot").toString())))
                .contains("500").contains("disk on fire");
        Response sneaky = load(MTypes.TABLE_LOAD_VOTABLE, web.uri("/sneaky.vot").toString());
        assertThat(error(sneaky)).doesNotContain("VKS-00001");
        assertThat(sneaky.getResult()).isNullOrEmpty();
        long t0 = System.nanoTime();
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, web.uri("/timeout.vot").toString())))
                .containsIgnoringCase("timeout");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aDocumentThatIsNotAVotableIsAnErrorReply() throws Exception {
        Path html = dir.resolve("page.html");
        Files.writeString(html, "<html><body>hello</body></html>", StandardCharsets.UTF_8);
        assertThat(error(load(MTypes.TABLE_LOAD_VOTABLE, html.toUri().toString()))).contains("not a VOTable");
    }
}
