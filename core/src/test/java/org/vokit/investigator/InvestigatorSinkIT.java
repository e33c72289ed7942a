package org.vokit.investigator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.vokit.testing.TestHub;
import org.vokit.testing.FakeClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.adql.AdqlTemplate;
import org.vokit.dal.scs.ConeService;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressTally;
import org.vokit.samp.MTypes;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import org.vokit.testing.Threads;

/**
 * The investigator's results going where the host wants them: a sink of the host's own gets each
 * table with its description, progress is reported per search, the SAMP sink points its target
 * only when asked, and closing leaves no thread behind. Real local VO, real JSAMP hub.
 */
class InvestigatorSinkIT {

    private static final double R = 0.05;
    private static final String TEMPLATE = "SELECT * FROM vostars.main WHERE 1=CONTAINS(POINT('ICRS', ra, dec),"
            + " CIRCLE('ICRS', {ra}, {dec}, {radius}))";
    private static final String CONE = "/vostars/q/cone/scs.xml?";

    @TempDir
    static Path dir;

    private static TestHub hub;
    private static VoHttp http;
    private static TapService tap;

    @BeforeAll
    static void start() throws IOException {
        LocalVo.require();
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        hub = TestHub.start(dir);
        http = VoHttp.newDefault();
        tap = TapService.builder(LocalVo.tap()).http(http).build();
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (http != null) {
            http.close();
        }
    }

    private static long starsWithin(double ra, double dec, double r) throws IOException {
        String adql = AdqlTemplate.of("SELECT COUNT(*) AS n FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {r}))")
                .value("ra", ra).value("dec", dec).value("r", r).render();
        return ((Number) tap.runSync(adql).cell(0, 0)).longValue();
    }

    @Test
    void aHostSinkGetsEachTableWithItsDescriptionAndProgressIsReportedPerSearch() throws Exception {
        List<ResultTable> got = new CopyOnWriteArrayList<>();
        List<ProgressEvent> progress = new CopyOnWriteArrayList<>();
        ProgressTally tally = new ProgressTally();
        ResultSink host = r -> {
            got.add(r);
            return "the host's table list";
        };
        List<InvestigatorEvent> events = new CopyOnWriteArrayList<>();
        try (Investigator inv = Investigator.builder().lockFile(hub.lockFile()).sink(host).radius(R)
                .search(TapVicinitySearch.of(tap, TEMPLATE)).search(ConeVicinitySearch.of(LocalVo.url(CONE), http))
                .listener(events::add).progress(progress::add).start()) {
            assertThat(inv.sink()).isSameAs(host);
            assertThat(inv.target()).isNull();
            inv.addListener(e -> { });
            long run = inv.investigate(SkyPosition.of(10, 20));
            assertThat(inv.awaitIdle(Duration.ofSeconds(40))).isTrue();

            long stars = starsWithin(10, 20, R);
            assertThat(stars).isPositive();
            assertThat(got).as("events %s", events).hasSize(2).allSatisfy(r -> {
                assertThat(r.run()).isEqualTo(run);
                assertThat(r.position()).isEqualTo(SkyPosition.of(10, 20));
                assertThat(r.radius()).isEqualTo(R);
                assertThat(r.rows()).isEqualTo(stars);
                assertThat(r.table().getRowCount()).isEqualTo(stars);
                assertThat(r.service().toString()).startsWith(LocalVo.BASE);
                assertThat(r.name()).startsWith(r.search() + " 10.0000 +20.0000");
            });
            assertThat(got).extracting(ResultTable::search).containsExactlyInAnyOrder("vostars.main tap",
                    "vostars cone");
            assertThat(events).filteredOn(e -> e.kind() == InvestigatorEvent.Kind.RESULT_SENT).hasSize(2)
                    .allSatisfy(e -> assertThat(e.detail()).isEqualTo("the host's table list"));

            progress.forEach(tally::onEvent);
            assertThat(progress).filteredOn(e -> e.kind() == ProgressEvent.Kind.STARTED).hasSize(2);
            assertThat(progress).filteredOn(e -> e.kind() == ProgressEvent.Kind.FINISHED).hasSize(2)
                    .allSatisfy(e -> {
                        assertThat(e.rows()).isEqualTo(stars);
                        assertThat(e.task()).startsWith("#" + run + " ");
                        assertThat(e.source()).startsWith(LocalVo.BASE);
                    });
            assertThat(tally.snapshot().finished()).isEqualTo(2);
            assertThat(tally.snapshot().rows()).isEqualTo(2 * stars);
        }
    }

    @Test
    void failedAndCancelledSearchesAreReportedAsProgress() throws Exception {
        List<ProgressEvent> progress = new CopyOnWriteArrayList<>();
        VicinitySearch broken = new VicinitySearch() {
            @Override
            public String label() {
                return "broken";
            }

            @Override
            public Result search(SkyPosition center, double radius, org.vokit.http.Deadline deadline)
                    throws IOException {
                throw new IOException("no such service");
            }
        };
        java.util.concurrent.atomic.AtomicInteger slowCalls = new java.util.concurrent.atomic.AtomicInteger();
        VicinitySearch slow = new VicinitySearch() {
            @Override
            public String label() {
                return "slow";
            }

            @Override
            public Result search(SkyPosition center, double radius, org.vokit.http.Deadline deadline)
                    throws IOException {
                if (slowCalls.incrementAndGet() > 1) {
                    throw new IOException("only the first call is slow");
                }
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("cancelled");
                }
                throw new IOException("not reached");
            }
        };
        try (Investigator inv = Investigator.builder().lockFile(hub.lockFile()).sink(r -> "nowhere")
                .search(broken).search(slow).progress(progress::add).start()) {
            inv.investigate(SkyPosition.of(10, 20));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // the second run starts once the first is half done: "broken" over, "slow" under way
            while ((progress.stream().noneMatch(e -> e.kind() == ProgressEvent.Kind.STARTED
                    && e.task().equals("#1 slow")) || progress.stream().noneMatch(e -> e.kind().isTerminal()
                    && e.task().equals("#1 broken"))) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            inv.investigate(SkyPosition.of(150, 2.2));      // cancels the first run
            assertThat(inv.awaitIdle(Duration.ofSeconds(20))).isTrue();
            inv.close();
        }
        assertThat(progress).filteredOn(e -> e.kind() == ProgressEvent.Kind.FAILED)
                .anySatisfy(e -> {
                    assertThat(e.task()).isEqualTo("#1 broken");
                    assertThat(e.error()).hasMessageContaining("no such service");
                });
        assertThat(progress).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ProgressEvent.Kind.CANCELLED);
            assertThat(e.task()).isEqualTo("#1 slow");
        });
    }

    @Test
    void theSampSinkPointsItsTargetOnlyWhenAsked() throws Exception {
        for (boolean point : new boolean[] {false, true}) {
            try (FakeClient viewer = hub.fake("viewer-" + point, MTypes.TABLE_LOAD_VOTABLE, MTypes.COORD_POINT_AT_SKY)) {
                viewer.answer(MTypes.TABLE_LOAD_VOTABLE, r -> Map.of());
                try (Investigator inv = Investigator.builder().lockFile(hub.lockFile()).target("viewer-" + point)
                        .pointTarget(point).search(ConeVicinitySearch.of(LocalVo.url(CONE), http)).radius(R).start()) {
                    assertThat(inv.sink()).isInstanceOf(SampResultSink.class);
                    assertThat(((SampResultSink) inv.sink()).pointsAt()).isEqualTo(point);
                    inv.investigate(SkyPosition.of(10, 20));
                    assertThat(inv.awaitIdle(Duration.ofSeconds(40))).isTrue();
                    assertThat(viewer.received(MTypes.TABLE_LOAD_VOTABLE)).hasSize(1);
                    assertThat(viewer.received(MTypes.COORD_POINT_AT_SKY)).hasSize(point ? 1 : 0);
                }
            }
        }
    }

    @Test
    void whereResultsGoMustBeSaidOnce() {
        Throwable none = catchThrowable(() -> Investigator.builder().lockFile(hub.lockFile())
                .search(ConeVicinitySearch.of(LocalVo.url(CONE), http)).start());
        assertThat(none).isInstanceOf(IllegalStateException.class).hasMessageContaining("where results go");
        Throwable both = catchThrowable(() -> Investigator.builder().lockFile(hub.lockFile()).target("Aladin")
                .sink(r -> "x").search(ConeVicinitySearch.of(LocalVo.url(CONE), http)).start());
        assertThat(both).isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
    }

    @Test
    void closingTheInvestigatorLeavesNoThreadOrHookBehind() throws Exception {
        Set<Thread> before = Threads.live();
        List<Thread> hooks = new CopyOnWriteArrayList<>();
        org.vokit.samp.ShutdownHooks recording = new org.vokit.samp.ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                hooks.add(hook);
            }

            @Override
            public void remove(Thread hook) {
                hooks.remove(hook);
            }
        };
        try (ConeService scs = ConeService.of(LocalVo.url(CONE).toString());
             Investigator inv = Investigator.builder().lockFile(hub.lockFile()).sink(r -> "kept")
                     .shutdownHooks(recording).search(ConeVicinitySearch.of(scs)).radius(R).start()) {
            inv.investigate(SkyPosition.of(10, 20));
            assertThat(inv.awaitIdle(Duration.ofSeconds(40))).isTrue();
            assertThat(Threads.added(before)).isNotEmpty();
            assertThat(hooks).as("the investigator's connection unregisters at shutdown").hasSize(1);
        }
        assertThat(hooks).as("hooks left after close").isEmpty();
        assertThat(Threads.awaitGone(before, Duration.ofSeconds(10))).as("threads left after close").isEmpty();
    }
}
