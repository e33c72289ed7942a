package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.vokit.testing.TestHub;
import org.vokit.testing.FakeClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.adql.AdqlTemplate;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampClient;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampTarget;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

/**
 * {@code vokit investigate} against the local VO and a JSAMP hub on a private lockfile: in this
 * JVM (a row highlighted by a client playing TOPCAT brings one log line per search and the
 * non-empty results at a client playing Aladin; interrupting stops it), and through the
 * {@code ./vokit} launcher (SIGTERM, as Ctrl-C, unregisters it).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class InvestigateCommandIT {

    private static final String CONE = LocalVo.url("/vostars/q/cone/scs.xml?").toString();
    private static final String TEMPLATE = "SELECT main_id, ra, dec FROM vostars.main"
            + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))";

    @TempDir
    static Path dir;

    private static TestHub hub;

    @BeforeAll
    static void start() throws IOException {
        LocalVo.require();
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        hub = TestHub.start(dir);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static void waitFor(BooleanSupplier cond, Duration max, Object what) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(cond.getAsBoolean()).as("waited %s for: %s", max, what).isTrue();
    }

    private static RowListStarTable targets() {
        ColumnInfo ra = new ColumnInfo("RAJ2000", Double.class, null);
        ColumnInfo dec = new ColumnInfo("DEJ2000", Double.class, null);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {ra, dec});
        t.addRow(new Object[] {10.0, 20.0});
        return t;
    }

    @Test
    void logsOneLinePerSearchAndStopsWhenInterrupted() throws Exception {
        AtomicInteger tables = new AtomicInteger();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] status = {-1};
        try (FakeClient aladin = hub.fake("Aladin", MTypes.TABLE_LOAD_VOTABLE);
             SampConnection topcat = hub.connection("topcat").connect()) {
            aladin.answer(MTypes.TABLE_LOAD_VOTABLE, m -> {
                tables.incrementAndGet();
                return Map.of();
            });
            Thread cli = new Thread(() -> status[0] = Main.run(new String[] {"investigate",
                "--hub", hub.lockUrl().toString(), "--name", "vokit-investigator-cli", "--radius", "0.05",
                "--cone", CONE, "--tap", LocalVo.tap().toString(), "--query-template", TEMPLATE,
                "--cone", "http://127.0.0.1:1/nothing/scs.xml?", "--timeout", "20"},
                    new PrintWriter(out, true), new PrintWriter(err, true)), "vokit-investigate-test");
            cli.start();
            waitFor(() -> out.toString().contains("Ctrl-C to stop"), Duration.ofSeconds(20), out);
            assertThat(out.toString()).contains("results go to Aladin")
                    .contains("vostars.main tap, vostars cone, nothing cone");

            SampClient inv = topcat.client("vokit-investigator-cli");
            SampDelivery d = topcat.sendTable(targets(), "targets", SampTarget.id(inv.id()));
            // DaCHS on the shared local VO may answer a sync query with a transient "stale lock on the
            // jobs table" error while other tests run jobs: a run hit by exactly that is repeated
            String tag = null;
            for (int run = 1; run <= 3; run++) {
                String t = "#" + run + " ";
                topcat.highlightRow(d.param("table-id"), d.url(), 0, SampTarget.id(inv.id()));
                waitFor(() -> out.toString().lines().filter(l -> l.contains(t)).count() >= 4, Duration.ofSeconds(30),
                        out);
                tag = t;
                if (out.toString().lines().noneMatch(l -> l.contains(t) && l.contains("stale lock"))) {
                    break;
                }
            }
            String run = tag;
            long stars = ((Number) TapService.of(LocalVo.tap()).runSync(AdqlTemplate.of(
                    "SELECT COUNT(*) FROM vostars.main WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                    + " CIRCLE('ICRS', 10.0, 20.0, 0.05))").render()).cell(0, 0)).longValue();
            String log = out.toString();
            assertThat(log).contains(run + "investigating 10.0000 +20.0000 r=0.05deg (3 searches)")
                    .contains(run + "vostars cone: sent 'vostars cone 10.0000 +20.0000 r=0.05deg' (" + stars + " rows)")
                    .contains(run + "vostars.main tap: sent 'vostars.main tap 10.0000 +20.0000 r=0.05deg' (" + stars
                            + " rows)")
                    .containsPattern(run + "nothing cone: failed after [0-9.]+ s: .*127\\.0\\.0\\.1:1");
            assertThat(log.lines().filter(l -> l.contains(run)).count()).as(log).isEqualTo(4);
            assertThat(tables.get()).isEqualTo(run.equals("#1 ") ? 2 : tables.get()).isGreaterThanOrEqualTo(2);
            assertThat(aladin.received(MTypes.TABLE_LOAD_VOTABLE).stream().filter(m -> m.param("name")
                    .endsWith(" 10.0000 +20.0000 r=0.05deg"))).hasSize(tables.get());

            cli.interrupt();
            cli.join(10_000);
            assertThat(cli.isAlive()).isFalse();
            assertThat(status[0]).as(err.toString()).isZero();
            assertThat(topcat.clients()).extracting(SampClient::name).doesNotContain("vokit-investigator-cli");
        }
    }

    @Test
    void exitsWithStatusOneWhenTheHubGoesAway() throws Exception {
        Path own = Files.createDirectories(dir.resolve("own-hub"));
        TestHub second = TestHub.start(own);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] status = {-1};
        Thread cli = new Thread(() -> status[0] = Main.run(new String[] {"investigate", "--hub",
            second.lockFile().toString(), "--cone", CONE}, new PrintWriter(out, true), new PrintWriter(err, true)));
        try {
            cli.start();
            waitFor(() -> out.toString().contains("Ctrl-C to stop"), Duration.ofSeconds(20), out);
        } finally {
            second.close();
        }
        cli.join(15_000);
        assertThat(cli.isAlive()).isFalse();
        assertThat(status[0]).isEqualTo(1);
        assertThat(err.toString()).contains("vokit investigate: ").contains("the SAMP hub went away");
        assertThat(out.toString()).contains("the SAMP hub went away");
    }

    @Test
    void withoutSearchesItIsAUsageError() {
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"investigate", "--hub", hub.lockUrl().toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("vokit investigate: give at least one search");
        StringWriter err2 = new StringWriter();
        int bad = Main.run(new String[] {"investigate", "--hub", hub.lockUrl().toString(), "--tap",
            LocalVo.tap().toString(), "--query-template", "SELECT * FROM t WHERE x = {name}"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true));
        assertThat(bad).isEqualTo(2);
        assertThat(err2.toString()).contains("unknown placeholder {name}");
    }

    @Test
    void theLauncherUnregistersWhenTerminated() throws Exception {
        Path launcher = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("vokit")) && Files.isDirectory(d.resolve("cli"))) {
                launcher = d.resolve("vokit");
                break;
            }
        }
        assertThat(launcher).as("./vokit launcher").isNotNull();
        Path log = dir.resolve("investigate.log");
        Process p = new ProcessBuilder(launcher.toString(), "investigate", "--hub", hub.lockFile().toString(),
                "--name", "vokit-investigator-process", "--cone", CONE)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (SampConnection watcher = hub.connection("watcher").connect()) {
            waitFor(() -> read(log).contains("Ctrl-C to stop"), Duration.ofSeconds(30), log);
            assertThat(watcher.clients()).extracting(SampClient::name).contains("vokit-investigator-process");
            p.destroy();                       // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(read(log)).contains("stopped; unregistered from the hub");
            assertThat(watcher.clients()).extracting(SampClient::name).doesNotContain("vokit-investigator-process");
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

}
