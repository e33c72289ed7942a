package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.vokit.testing.TestHub;
import org.vokit.testing.FakeClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.samp.MTypes;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * {@code vokit samp send} and {@code vokit samp clients} in this JVM against a real JSAMP hub on a
 * private lockfile, with plain JSAMP clients playing TOPCAT and Aladin.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SampCommandTest {

    @TempDir
    static Path dir;

    private static TestHub hub;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void startHub() throws IOException {
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        hub = TestHub.start(dir);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    private static Run vokit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (!all.contains("--hub")) {
            all.add("--hub");
            all.add(hub.lockFile().toString());
        }
        int status = Main.run(all.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Path writeTable(Path file) throws IOException {
        ColumnInfo id = new ColumnInfo("main_id", String.class, null);
        ColumnInfo ra = new ColumnInfo("ra", Double.class, null);
        ColumnInfo dec = new ColumnInfo("dec", Double.class, null);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {id, ra, dec});
        for (int i = 1; i <= 25; i++) {
            t.addRow(new Object[] {String.format("VKS-%05d", i), 10 + i / 100.0, 20 - i / 100.0});
        }
        try (OutputStream os = Files.newOutputStream(file)) {
            new VOTableWriter(DataFormat.TABLEDATA, true).writeStarTable(t, os);
        }
        return file;
    }

    private static List<List<Object>> rows(StarTable t) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                out.add(Arrays.asList(rs.getRow()));
            }
        }
        return out;
    }

    @Test
    void listsTheClientsWithTheirSubscriptionCounts() throws Exception {
        try (FakeClient topcat = hub.fake("topcat", MTypes.TABLE_LOAD_VOTABLE, MTypes.TABLE_HIGHLIGHT_ROW);
             FakeClient aladin = hub.fake("Aladin", MTypes.IMAGE_LOAD_FITS)) {
            Path csv = dir.resolve("clients.csv");
            Run r = vokit("samp", "clients", "--out", csv.toString());
            assertThat(r.status()).as(r.err()).isZero();
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("id,name,subscriptions");
            // each fake also subscribes to samp.app.ping
            assertThat(lines).contains(topcat.id() + ",topcat,3", aladin.id() + ",Aladin,2");
            assertThat(lines).anyMatch(l -> l.startsWith("hub,"));
        }
    }

    @Test
    void sendsALocalTableThatTheRecipientReadsBack() throws Exception {
        Path file = writeTable(dir.resolve("stars.vot"));
        StarTable[] got = new StarTable[1];
        try (FakeClient topcat = hub.fake("topcat", MTypes.TABLE_LOAD_VOTABLE)) {
            topcat.answer(MTypes.TABLE_LOAD_VOTABLE, m -> {
                try {
                    got[0] = Tables.randomTable(new StarTableFactory(true).makeStarTable(m.param("url"), "votable"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return Map.of();
            });
            Run r = vokit("samp", "send", "table", file.toString(), "--to", "TOPCAT", "--name", "my stars");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo("topcat (" + topcat.id() + "): ok");
            FakeClient.Received msg = topcat.received(MTypes.TABLE_LOAD_VOTABLE).get(0);
            assertThat(msg.param("name")).isEqualTo("my stars");
            assertThat(msg.param("url")).startsWith("http://127.0.0.1:");
            assertThat(rows(got[0])).isEqualTo(rows(new StarTableFactory().makeStarTable(file.toString(), "votable")));
            assertThat(got[0].getRowCount()).isEqualTo(25);
        }
    }

    @Test
    void sendsAnImageUrlToEveryClientSubscribedAndASpectrumFileAsAFileUrl() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec-001.fits"), "SIMPLE  =                    T");
        try (FakeClient topcat = hub.fake("topcat", MTypes.IMAGE_LOAD_FITS);
             FakeClient aladin = hub.fake("Aladin", MTypes.IMAGE_LOAD_FITS, MTypes.SPECTRUM_LOAD_SSA_GENERIC)) {
            String img = "http://127.0.0.1:8089/getproduct/voimg/data/img-f10p20-11-V.fits";
            Run r = vokit("samp", "send", "image", img);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out().lines()).containsExactlyInAnyOrder("topcat (" + topcat.id() + "): ok",
                    "Aladin (" + aladin.id() + "): ok");
            assertThat(aladin.received(MTypes.IMAGE_LOAD_FITS).get(0).param("url")).isEqualTo(img);

            Run s = vokit("samp", "send", "spectrum", spec.toString(), "--to", "aladin");
            assertThat(s.status()).as(s.err()).isZero();
            FakeClient.Received m = aladin.received(MTypes.SPECTRUM_LOAD_SSA_GENERIC).get(0);
            assertThat(m.param("url")).isEqualTo(spec.toUri().toString());
            assertThat(m.param("name")).isEqualTo("spec-001.fits");
            assertThat(((Map<?, ?>) m.params().get("meta")).get("Access.Format")).isEqualTo("application/fits");
        }
    }

    @Test
    void failuresAreOneLineWithTheRightStatus() throws Exception {
        try (FakeClient topcat = hub.fake("topcat", MTypes.IMAGE_LOAD_FITS)) {
            topcat.answer(MTypes.IMAGE_LOAD_FITS, m -> {
                throw new IllegalStateException("not a FITS image");
            });
            String img = "http://127.0.0.1:8089/x.fits";
            Run missing = vokit("samp", "send", "image", img, "--to", "Aladin");
            assertThat(missing.status()).isEqualTo(1);
            assertThat(missing.err().lines()).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("vokit samp send: ").contains("no SAMP client 'Aladin'")
                    .contains("topcat (" + topcat.id() + ")"));

            Run refused = vokit("samp", "send", "image", img, "--to", "topcat");
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("not a FITS image");

            Run broadcast = vokit("samp", "send", "image", img);
            assertThat(broadcast.status()).isEqualTo(1);
            assertThat(broadcast.out()).contains("error: not a FITS image");
            assertThat(broadcast.err()).contains("1 of 1 recipients did not accept the image");

            Run kind = vokit("samp", "send", "movie", img);
            assertThat(kind.status()).isEqualTo(2);
            assertThat(kind.err()).contains("KIND must be table, image or spectrum");

            Run nofile = vokit("samp", "send", "table", dir.resolve("none.vot").toString());
            assertThat(nofile.status()).isEqualTo(2);
            assertThat(nofile.err()).contains("no such file");

            Run nohub = vokit("samp", "clients", "--hub", dir.resolve("elsewhere/.samp").toString());
            assertThat(nohub.status()).isEqualTo(1);
            assertThat(nohub.err()).startsWith("vokit samp clients: ").contains("no SAMP hub is running");
        }
    }
}
