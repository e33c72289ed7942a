package org.vokit.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.vokit.adql.AdqlTemplate;
import org.vokit.http.VoHttp;
import org.vokit.osgi.launcher.VokitFelix;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampTarget;
import org.vokit.tap.TapService;
import org.vokit.testing.FakeClient;
import org.vokit.testing.LocalVo;
import org.vokit.testing.QuirkyVo;
import org.vokit.testing.TestHub;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;

/**
 * The distribution in {@code target/felix-dist} in a real Apache Felix: every bundle resolves
 * and is active; a TAP query against the local VO runs through the service registry (the
 * {@code vo:tap} command and the {@link VoClients} service); the investigator, started by
 * {@code vo:investigate start} through Config Admin, answers a highlight over a real JSAMP hub;
 * and updating, stopping and uninstalling vokit's bundles leaves neither threads nor a hub
 * registration behind.
 *
 * <p>Everything the framework does runs on threads of one thread group, so that the threads it
 * starts can be counted apart from the test's own (hub, clients).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FelixIT {

    private static final Path DIST = Path.of("target/felix-dist");
    private static final Set<String> VOKIT_BUNDLES = Set.of("org.vokit.osgi", "org.vokit.core",
            "uk.ac.starlink.stil", "org.astrogrid.samp");
    private static final String INVESTIGATOR = "vokit-investigator";
    private static final String TEMPLATE = "SELECT main_id, ra, dec FROM vostars.main"
            + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))";

    @TempDir
    Path tmp;

    private final ThreadGroup group = new ThreadGroup("felix-under-test");
    private ExecutorService inFramework;
    private Framework fw;
    private TestHub hub;

    @BeforeEach
    void setUp() throws IOException {
        LocalVo.require();
        assertThat(DIST.resolve("bundle")).as("the distribution (built by mvn package)").isDirectory();
        inFramework = Executors.newSingleThreadExecutor(r -> new Thread(group, r, "felix-test-driver"));
        hub = TestHub.start(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fw != null && fw.getState() == Bundle.ACTIVE) {
            inside(() -> {
                fw.stop();
                fw.waitForStop(30_000);
                return null;
            });
        }
        inFramework.shutdownNow();
        hub.close();
    }

    @Test
    void bundlesResolveServeQueriesAndInvestigationsAndLeaveNothingBehind() throws Exception {
        long expectedNear = countStars(10.0, 20.0, 0.05);
        assertThat(expectedNear).as("stars near (10, 20) in the local VO").isPositive();
        Map<String, Long> received = new ConcurrentHashMap<>();
        FakeClient receiver = hub.fake("receiver", MTypes.TABLE_LOAD_VOTABLE);
        receiver.answer(MTypes.TABLE_LOAD_VOTABLE, r -> {
            try {
                StarTable t = Tables.randomTable(new StarTableFactory(true).makeStarTable(r.param("url"), "votable"));
                received.put(r.param("name"), t.getRowCount());
                return Map.of();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        SampConnection topcat = hub.connection("topcat").callTimeout(Duration.ofSeconds(20)).connect();
        try {
            // the framework and the third-party bundles, then the thread baseline
            List<Bundle> vokit = inside(this::startFrameworkAndInfrastructure);
            assertThat(vokit).extracting(Bundle::getSymbolicName).containsExactlyInAnyOrderElementsOf(VOKIT_BUNDLES);
            Set<Thread> baseline = threadsOfFramework();
            inside(() -> {
                for (Bundle b : vokit) {
                    b.start();
                }
                return null;
            });
            for (Bundle b : fw.getBundleContext().getBundles()) {
                assertThat(b.getState()).as(b.getSymbolicName() + " is ACTIVE").isEqualTo(Bundle.ACTIVE);
            }

            // a TAP query through the Gogo command (which uses the VoClients service)
            String csv = command("vo:tap --service " + LocalVo.tap() + " --query \"" + nearQuery() + "\" --format csv");
            assertThat(csv.lines().count() - 1).as("rows of vo:tap (CSV minus header)").isEqualTo(expectedNear);
            // and directly through the service, as another bundle would
            assertThat(rowsThroughService(nearQuery())).isEqualTo(expectedNear);
            // the VO-wide engine through its service: registry, then every table with proper motions
            // the registry also lists the VO-wide test front's quirk services (fronts of the same
            // DaCHS stars): they run here, broken ones healed, so every listed table answers
            long tables = QuirkyVo.listedTables(LocalVo.tap(), "pos.pm%");
            String vowide;
            try (QuirkyVo front = QuirkyVo.start()) {
                front.heal(QuirkyVo.Quirk.ERROR_500, QuirkyVo.Quirk.HANGING, QuirkyVo.Quirk.TRUNCATED);
                vowide = command("vo:vowide --registry " + LocalVo.tap() + " --ucd 'pos.pm%' --ra 10 --dec 20"
                        + " --sr 0.05 --format csv");
            }
            assertThat(vowide.lines().filter(l -> l.contains("," + LocalVo.tap() + ",")).count())
                    .as("VO-wide rows:\n" + vowide).isEqualTo(expectedNear);
            assertThat(vowide).containsPattern("(\\d+)/\\1 services answered, " + expectedNear * tables + " rows")
                    .doesNotContain("failed: ");
            assertThatThrownBy(() -> command("vo:tap --service " + LocalVo.tap() + "/sync --query \"SELECT 1\""))
                    .hasMessageContaining("without /sync");

            // the investigator, started through Config Admin, answers a highlight
            String started = command("vo:investigate start --hub " + hub.lockUrl() + " --target receiver --tap "
                    + LocalVo.tap() + " --query-template \"" + TEMPLATE + "\" --radius 0.05");
            assertThat(started).startsWith("started: client ");
            String investigator = investigatorId(receiver);
            assertThat(started).contains(investigator);
            investigate(topcat, investigator, received);
            assertThat(received).hasSize(1);
            assertThat(received.values()).containsExactly(expectedNear);
            assertThat(command("vo:investigate status")).contains("results to receiver").contains("1 row")
                    .doesNotContain("not running");

            // update the services bundle: the component comes back with the kept configuration
            Bundle services = vokit.stream().filter(b -> b.getSymbolicName().equals("org.vokit.osgi")).findFirst()
                    .orElseThrow();
            inside(() -> {
                services.update();
                return null;
            });
            String again = awaitInvestigator(receiver, investigator);
            assertThat(again).as("a new registration after the update").isNotEqualTo(investigator);
            assertThat(registered(receiver)).doesNotContain(investigator);
            received.clear();
            investigate(topcat, again, received);
            assertThat(received.values()).containsExactly(expectedNear);

            // stop it by command, then stop and uninstall every vokit bundle
            assertThat(command("vo:investigate stop")).contains("stopped");
            assertThat(names(receiver)).doesNotContain(INVESTIGATOR);
            assertThat(command("vo:investigate start --hub " + hub.lockUrl() + " --target receiver --cone '"
                    + LocalVo.url("/vostars/q/cone/scs.xml?") + "'")).startsWith("started: ");
            assertThat(names(receiver)).contains(INVESTIGATOR);
            inside(() -> {
                for (Bundle b : vokit) {
                    b.stop();
                }
                for (Bundle b : vokit) {
                    b.uninstall();
                }
                fw.adapt(org.osgi.framework.wiring.FrameworkWiring.class).refreshBundles(null);
                return null;
            });
            assertThat(names(receiver)).as("hub registrations after the bundles stopped").doesNotContain(INVESTIGATOR);
            Set<Thread> left = awaitThreadsBack(baseline, Duration.ofSeconds(20));
            // STIL starts one "cleaner" thread per class loader that never ends (it ignores
            // interrupts) and offers no way to stop it: the one thread we cannot account for.
            Set<Thread> stils = new HashSet<>();
            for (Thread t : left) {
                if (isStilCleaner(t)) {
                    stils.add(t);
                }
            }
            left.removeAll(stils);
            assertThat(stils).as("STIL's cleaner threads").hasSizeLessThanOrEqualTo(1);
            assertThat(left).as("threads left by vokit's bundles: " + describe(left)).isEmpty();
        } finally {
            topcat.close();
            receiver.close();
        }
    }

    @Test
    void oneCommandRunsThroughTheLauncherAndFailuresSayWhat() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VokitFelix.run(DIST, new String[] {"-c", "vo:tap --service " + LocalVo.tap()
            + " --query \"SELECT TOP 4 main_id FROM vostars.main ORDER BY main_id\" --format csv"},
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("exit status; stderr: " + err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("main_id", "VKS-00001", "VKS-00002", "VKS-00003", "VKS-00004");

        err.reset();
        status = VokitFelix.run(DIST, new String[] {"-c", "vo:tap --service " + LocalVo.tap()
            + " --query \"SELECT nothing FROM nowhere\""}, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nowhere");

        err.reset();
        status = VokitFelix.run(DIST, new String[] {"-c", "vo:reg --registry " + LocalVo.tap() + " --bogus 1"},
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
    }

    @Test
    void theLauncherScriptRunsOneCommandAndExitsWithItsStatus() throws Exception {
        Path script = DIST.resolve("vokit-felix").toAbsolutePath();
        assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
        Process ok = new ProcessBuilder(script.toString(), "-c", "vo:reg --registry " + LocalVo.tap()
                + " --servicetype tap").redirectErrorStream(true).start();
        String text = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).as(text).isZero();
        assertThat(text).contains("ivo://vokit.test/tap").contains(LocalVo.tap().toString());
        Process bad = new ProcessBuilder(script.toString(), "-c", "vo:nosuch").redirectErrorStream(true).start();
        String why = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).as(why).isNotZero();
        assertThat(why).contains("vo:nosuch");
    }

    // ------------------------------------------------------------------ framework

    private List<Bundle> startFrameworkAndInfrastructure() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("gosh.args", "--nointeractive");
        FrameworkFactory f = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        fw = f.newFramework(config);
        fw.start();
        BundleContext ctx = fw.getBundleContext();
        List<Bundle> vokit = new ArrayList<>();
        List<Bundle> others = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(DIST.resolve("bundle"), "*.jar")) {
            for (Path jar : jars) {
                Bundle b = ctx.installBundle(jar.toAbsolutePath().toUri().toString());
                (VOKIT_BUNDLES.contains(b.getSymbolicName()) ? vokit : others).add(b);
            }
        }
        for (Bundle b : others) {
            b.start();
        }
        return vokit;
    }

    private <T> T inside(Callable<T> task) throws Exception {
        try {
            return inFramework.submit(task).get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private String command(String line) throws Exception {
        return inside(() -> VokitFelix.execute(fw.getBundleContext(), line, InputStream.nullInputStream(),
                new PrintStream(OutputStreamNull.INSTANCE), new PrintStream(OutputStreamNull.INSTANCE)));
    }

    /** Runs a query through the {@link VoClients} service found by name, as another bundle would. */
    private long rowsThroughService(String adql) throws Exception {
        return inside(() -> {
            BundleContext ctx = fw.getBundleContext();
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.vokit.osgi.VoClients", null);
            assertThat(refs).as("VoClients services").hasSize(1);
            Object clients = ctx.getService(refs[0]);
            try {
                Object tap = call(clients, "tap", new Class<?>[] {URI.class}, LocalVo.tap());
                Object result = call(tap, "runSync", new Class<?>[] {String.class}, adql);
                return (Long) call(result, "rowCount", new Class<?>[0]);
            } finally {
                ctx.ungetService(refs[0]);
            }
        });
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = target.getClass().getMethod(name, types);
        m.setAccessible(true);
        return m.invoke(target, args);
    }

    private Set<Thread> threadsOfFramework() {
        Thread[] all = new Thread[group.activeCount() + 64];
        int n = group.enumerate(all, true);
        Set<Thread> live = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (all[i].isAlive()) {
                live.add(all[i]);
            }
        }
        return live;
    }

    private Set<Thread> awaitThreadsBack(Set<Thread> baseline, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        Set<Thread> extra;
        do {
            extra = threadsOfFramework();
            extra.removeAll(baseline);
            extra.removeIf(FelixIT::isStilCleaner);
            if (extra.isEmpty()) {
                return threadsOfFramework().stream().filter(t -> !baseline.contains(t))
                        .collect(java.util.stream.Collectors.toSet());
            }
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        return extra;
    }

    private static boolean isStilCleaner(Thread t) {
        return t.getName().equals("cleaner") && Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals("uk.ac.starlink.util.Cleaner"));
    }

    private static String describe(Set<Thread> threads) {
        StringBuilder b = new StringBuilder();
        for (Thread t : threads) {
            b.append("\n  ").append(t.getName());
            StackTraceElement[] st = t.getStackTrace();
            for (int i = 0; i < Math.min(6, st.length); i++) {
                b.append("\n    at ").append(st[i]);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ SAMP

    private static List<String> registered(FakeClient c) throws IOException {
        return Arrays.asList(c.connection().getRegisteredClients());
    }

    private static List<String> names(FakeClient c) throws IOException {
        List<String> names = new ArrayList<>();
        for (String id : registered(c)) {
            Object name = c.connection().getMetadata(id).get("samp.name");
            names.add(String.valueOf(name));
        }
        return names;
    }

    private static String investigatorId(FakeClient c) throws IOException {
        for (String id : registered(c)) {
            if (INVESTIGATOR.equals(c.connection().getMetadata(id).get("samp.name"))) {
                return id;
            }
        }
        throw new AssertionError("no " + INVESTIGATOR + " on the hub; clients: " + names(c));
    }

    private static String awaitInvestigator(FakeClient c, String not) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            for (String id : registered(c)) {
                if (!id.equals(not) && INVESTIGATOR.equals(c.connection().getMetadata(id).get("samp.name"))) {
                    return id;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the investigator did not register again; clients: " + names(c));
    }

    private static void investigate(SampConnection topcat, String investigator, Map<String, Long> received)
            throws Exception {
        SampDelivery d = topcat.sendTable(targets(), "targets", "targets-1", SampTarget.id(investigator));
        assertThat(d.allSucceeded()).as("table sent to the investigator").isTrue();
        topcat.highlightRow(d.param("table-id"), d.url(), 0, SampTarget.id(investigator));
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (received.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(received).as("result tables sent to the receiver").isNotEmpty();
    }

    /** One target, VKS-00001's neighbourhood at (10, 20). */
    private static StarTable targets() {
        ColumnInfo id = new ColumnInfo("main_id", String.class, null);
        ColumnInfo ra = new ColumnInfo("ra", Double.class, null);
        ra.setUCD("pos.eq.ra;meta.main");
        ra.setUnitString("deg");
        ColumnInfo dec = new ColumnInfo("dec", Double.class, null);
        dec.setUCD("pos.eq.dec;meta.main");
        dec.setUnitString("deg");
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {id, ra, dec});
        t.addRow(new Object[] {"target", 10.0, 20.0});
        return t;
    }

    // ------------------------------------------------------------------ expectations

    private static String nearQuery() {
        return AdqlTemplate.of(TEMPLATE).value("ra", 10.0).value("dec", 20.0).value("radius", 0.05).render();
    }

    private static long countStars(double ra, double dec, double r) throws IOException {
        try (VoHttp http = VoHttp.builder().build()) {
            TapService tap = TapService.builder(LocalVo.tap()).http(http).build();
            String q = AdqlTemplate.of("SELECT COUNT(*) AS n FROM vostars.main"
                    + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {r}))")
                    .value("ra", ra).value("dec", dec).value("r", r).render();
            return ((Number) tap.runSync(q).cell(0, 0)).longValue();
        }
    }

    /** Discards what is written. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
