package org.vokit.testing;


import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.Response;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.client.SampException;
import org.astrogrid.samp.hub.BasicHubService;
import org.astrogrid.samp.hub.Hub;
import org.astrogrid.samp.hub.HubClient;
import org.astrogrid.samp.xmlrpc.LockInfo;
import org.astrogrid.samp.xmlrpc.StandardClientProfile;
import org.astrogrid.samp.xmlrpc.StandardHubProfile;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;

/**
 * The real desktop applications TOPCAT and Aladin (Debian packages) for end-to-end tests: a
 * private virtual X display (Xvfb), a private SAMP hub running in this JVM, and the two
 * applications as subprocesses on that display, registered with that hub.
 *
 * <p>{@link #require()} mirrors {@link LocalVo#require()}: when a program is missing it runs
 * {@code testing/host-apps/install}; if that does not help, the test fails under {@code CI=true}
 * and is skipped (with the reason) otherwise.
 *
 * <pre>{@code
 * HostApps.require();
 * try (HostApps apps = HostApps.start(HostApps.runDir("MyIT"))) {
 *     apps.startTopcat();
 *     apps.startAladin();
 *     Response r = apps.call(HostApps.ALADIN, new Message("table.load.votable")
 *             .addParam("url", apps.serve(file).toString()).addParam("name", "stars"), Duration.ofSeconds(20));
 *     List<HostApps.AladinPlane> planes = apps.aladinPlanes(Duration.ofSeconds(20));
 *     apps.screenshot(Path.of("target/screenshots/stars.png"));
 * }   // applications, hub and display are gone here
 * }</pre>
 *
 * <p>Nothing is shared with the machine's own desktop: the hub's lockfile is {@code .samp} in a
 * private home directory ({@link #home()}) that both applications get as {@code user.home} (they
 * ignore {@code SAMP_HUB}), and the display number is one no other X server holds. Every wait is
 * bounded; {@link #close()} (and a JVM shutdown hook, in case a test run is cut short) ends the
 * whole process tree of every application and the X server.
 *
 * <p>Aladin 12 answers {@code script.aladin.send} with text that may hold non-ASCII characters
 * (the degree sign in {@code status}), which the SAMP standard forbids and a strict hub rejects,
 * leaving the caller to time out. The private hub therefore replaces such characters in replies
 * by {@code '?'} before checking them (see {@code LenientHubService}); everything else is JSAMP's
 * stock hub. It also reports what it routes to {@link #onHubEvent} listeners, which lets tests and
 * benchmarks see messages between the applications without joining in.
 *
 * <p>Two more Aladin 12.001 defects that tests must live with: it mostly does not reply to a
 * {@code table.load.votable} whose plane is the first of an empty stack (hence the plane
 * {@value #WARMUP_PLANE} that {@link #startAladin()} leaves behind), and now and then not to
 * later ones either, although the plane loads; and it cannot load a one-row catalogue (the plane
 * ends in error). Check planes with {@link #awaitAladinPlane}, not by Aladin's reply.
 */
public final class HostApps implements AutoCloseable {

    /** TOPCAT's SAMP client name. */
    public static final String TOPCAT = "topcat";
    /** Aladin's SAMP client name. */
    public static final String ALADIN = "Aladin";
    /** The plane the harness leaves at the bottom of Aladin's stack (see {@link #startAladin()}). */
    public static final String WARMUP_PLANE = "harness-warmup";
    /** The SAMP name of the harness's own client. */
    public static final String HARNESS = "vokit-harness";

    /** TOPCAT's jar as the Debian package installs it. */
    public static final Path TOPCAT_JAR = Path.of("/usr/share/java/starlink-topcat.jar");
    /** Aladin's jar as the Debian package installs it. */
    public static final Path ALADIN_JAR = Path.of("/usr/share/java/aladin.jar");

    private static final Path XVFB = Path.of("/usr/bin/Xvfb");
    private static final Path XWD = Path.of("/usr/bin/xwd");
    private static final Path XWDTOPNM = Path.of("/usr/bin/xwdtopnm");
    private static final Path PNMTOPNG = Path.of("/usr/bin/pnmtopng");
    private static final List<Path> NEEDED = List.of(TOPCAT_JAR, ALADIN_JAR, XVFB, XWD, XWDTOPNM, PNMTOPNG);

    private static final Duration XVFB_START = Duration.ofSeconds(10);
    private static final Duration APP_START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(5);
    /** Wide, so that Aladin's window covers only the right edge of TOPCAT's control window. */
    private static final String SCREEN = "2560x1024x24";
    /**
     * The applications' own requests to the outside world (Aladin asks its home site for
     * translations at start) go to a proxy on a closed loopback port and fail at once; loopback
     * addresses (hub, served files, the local VO) bypass it.
     */
    private static final List<String> LOOPBACK_ONLY = List.of(
            "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
            "-Dhttp.nonProxyHosts=localhost|127.*|[::1]");
    private static final int FIRST_DISPLAY = 120;
    private static final int LAST_DISPLAY = 399;

    private static volatile boolean present;

    private final Path dir;
    private final Path home;
    private final Path logs;
    private final List<App> apps = new CopyOnWriteArrayList<>();
    private final List<Consumer<HubEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Path> served = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private Process xvfb;
    private int display = -1;
    private Hub hub;
    private Path lockFile;
    private HubConnection harness;
    private HttpServer fileServer;
    private volatile boolean closed;

    private HostApps(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        deleteTree(this.dir.resolve("home"));
        this.home = Files.createDirectories(this.dir.resolve("home"));
        this.logs = Files.createDirectories(this.dir.resolve("logs"));
        this.shutdownHook = new Thread(this::killAll, "host-apps-cleanup");
    }

    // ------------------------------------------------------------------ presence

    /**
     * Makes sure TOPCAT, Aladin, Xvfb and the screenshot tools are installed, running
     * {@code testing/host-apps/install} if needed. Fails the test under {@code CI=true} when
     * they stay missing, skips it otherwise.
     */
    public static synchronized void require() {
        if (present || missing().isEmpty()) {
            present = true;
            return;
        }
        String why;
        Path install = findUp("testing/host-apps/install");
        if (install == null) {
            why = "testing/host-apps/install not found above " + Path.of("").toAbsolutePath();
        } else {
            why = runInstall(install);
            if (why == null && missing().isEmpty()) {
                present = true;
                return;
            }
            if (why == null) {
                why = "testing/host-apps/install finished but " + missing() + " still missing";
            }
        }
        Ci.missing("TOPCAT, Aladin and Xvfb: " + why);
    }

    private static List<Path> missing() {
        List<Path> out = new ArrayList<>();
        for (Path p : NEEDED) {
            if (!Files.exists(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Path findUp(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve(relative);
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        return null;
    }

    private static String runInstall(Path install) {
        try {
            Path log = Files.createTempFile("vokit-host-apps-install", ".log");
            Process p = new ProcessBuilder(install.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return install + " did not finish within 10 minutes (log: " + log + ")";
            }
            if (p.exitValue() != 0) {
                return install + " exited with " + p.exitValue() + ":\n" + tail(log, 2000);
            }
            return null;
        } catch (IOException e) {
            return "could not run " + install + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while installing the host applications";
        }
    }

    // ------------------------------------------------------------------ start and stop

    /**
     * Makes a fresh directory for one run under {@code target/host-apps/}, so that runs in
     * parallel (several builds of one tree) never share a home directory or lockfile, and the
     * logs stay behind as test artefacts.
     *
     * @param prefix the start of its name, e.g. the test class's simple name
     * @return the new directory
     * @throws IOException if it cannot be made
     */
    public static Path runDir(String prefix) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "host-apps"));
        return Files.createTempDirectory(base, prefix + "-").toAbsolutePath();
    }

    /**
     * Starts a private X display and a private SAMP hub, and registers the harness's own client.
     *
     * @param dir a directory of this run alone (see {@link #runDir}) for the private home
     *     directory ({@code home/}, holding the lockfile; emptied first) and the logs
     *     ({@code logs/}, kept after {@link #close()})
     * @return the running session; close it
     * @throws IOException if the display or the hub cannot be started
     */
    public static HostApps start(Path dir) throws IOException {
        HostApps h = new HostApps(dir);
        Runtime.getRuntime().addShutdownHook(h.shutdownHook);
        try {
            h.startXvfb();
            h.startHub();
            return h;
        } catch (IOException | RuntimeException e) {
            h.close();
            throw e;
        }
    }

    private void startXvfb() throws IOException {
        Path log = logs.resolve("xvfb.log");
        Files.deleteIfExists(log);
        for (int n = FIRST_DISPLAY; n <= LAST_DISPLAY; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            // -displayfd 1: the server writes the display number to stdout once it accepts clients
            Process p = new ProcessBuilder(XVFB.toString(), ":" + n, "-displayfd", "1", "-screen", "0", SCREEN,
                    "-nolisten", "tcp", "-noreset")
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String line = readLine(p, XVFB_START);
            if (line != null && line.strip().equals(Integer.toString(n))) {
                xvfb = p;
                display = n;
                return;
            }
            // lost a race for this display number, or the server failed: try the next number
            destroyTree(p.toHandle());
        }
        throw new IOException("could not start Xvfb on any display :" + FIRST_DISPLAY + "..:" + LAST_DISPLAY
                + "; log " + log + ":\n" + tail(log, 1500));
    }

    /** Reads one line of a process's standard output within a time limit; null on timeout or end. */
    private static String readLine(Process p, Duration limit) {
        CompletableFuture<String> first = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
                first.complete(r.readLine());
                // keep draining so that the server never blocks on a full pipe
                while (r.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                first.complete(null);
            }
        }, "xvfb-stdout");
        t.setDaemon(true);
        t.start();
        try {
            return first.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void startHub() throws IOException {
        lockFile = home.resolve(".samp");
        LenientHubService service = new LenientHubService(new Random(), listeners);
        service.start();
        hub = new Hub(service);
        XmlRpcKit kit = XmlRpcKit.INTERNAL;
        hub.startProfile(new StandardHubProfile(kit.getClientFactory(), kit.getServerFactory(), lockFile.toFile(),
                StandardHubProfile.createSecret()));
        harness = register(HARNESS);
    }

    /**
     * Registers a new client with the private hub through its Standard Profile lockfile (the way
     * an application would), declaring only a name. The harness uses it for synchronous calls,
     * which need no callback.
     *
     * @param name the client's {@code samp.name}
     * @return the connection; unregister it when done
     * @throws SampException if the hub refuses
     */
    public HubConnection register(String name) throws SampException {
        HubConnection c = clientProfile().register();
        if (c == null) {
            throw new SampException("no hub behind " + lockFile);
        }
        Metadata meta = new Metadata();
        meta.setName(name);
        c.declareMetadata(meta);
        return c;
    }

    /** @return a JSAMP profile that reads this session's lockfile, nothing else */
    public ClientProfile clientProfile() {
        URI lock = lockFile.toUri();
        return new StandardClientProfile(XmlRpcKit.INTERNAL) {
            @Override
            public LockInfo getLockInfo() throws IOException {
                return Files.exists(lockFile) ? LockInfo.readLockFile(lock.toURL()) : null;
            }
        };
    }

    /**
     * Starts TOPCAT ({@code -nohub}: it joins the private hub) and waits until it has registered
     * and subscribed to {@code table.load.votable}. It runs under {@link TopcatDriver}, so that
     * {@link #topcat(String, Duration)} can make it send tables and highlight rows itself.
     *
     * @return the running application
     * @throws IOException if it cannot be started or does not register in time (the message
     *     holds the tail of its output)
     */
    public App startTopcat() throws IOException {
        String driver;
        try {
            driver = Path.of(TopcatDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate the TOPCAT driver class", e);
        }
        return startTopcat(TopcatDriver.class.getName(), List.of(Path.of(driver)), List.of(), List.of());
    }

    /**
     * Starts TOPCAT ({@code -nohub}) under another driver, with more jars on its class path
     * (a plugin) and more JVM options (e.g. {@code -Dtopcat.exttools=...}). The driver must
     * speak the protocol of {@link TopcatDriver} (commands on standard input, answers appended
     * to the file named by {@code vokit.topcat.answers}), so that {@link #topcat} reaches it.
     *
     * @param driverClass the main class, which starts TOPCAT with the arguments it is given
     * @param classpath jars and class directories after TOPCAT's jar (the driver's among them)
     * @param jvmOptions more JVM options
     * @param args more arguments for TOPCAT after {@code -nohub} (e.g. table files)
     * @return the running application
     * @throws IOException as for {@link #startTopcat()}
     */
    public App startTopcat(String driverClass, List<Path> classpath, List<String> jvmOptions, List<String> args)
            throws IOException {
        Path answers = logs.resolve("topcat-answers.txt");
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx768m", "-Duser.home=" + home,
                "-Dvokit.topcat.answers=" + answers));
        cmd.addAll(LOOPBACK_ONLY);
        cmd.addAll(jvmOptions);
        StringBuilder cp = new StringBuilder(TOPCAT_JAR.toString());
        for (Path p : classpath) {
            cp.append(java.io.File.pathSeparator).append(p.toAbsolutePath());
        }
        // the real TOPCAT, plus the small driver that makes it act as a user would (see TopcatDriver)
        cmd.addAll(List.of("-cp", cp.toString(), driverClass, "-nohub"));
        cmd.addAll(args);
        App app = startApp(TOPCAT, cmd, true);
        app.answers = answers;
        return app;
    }

    /**
     * Makes TOPCAT act through its own code, as a user would with the mouse: {@code send CLIENT}
     * sends its current table with its "Send Table to" menu, {@code highlight ROW} highlights a
     * row of its current table and notifies every client subscribed to {@code table.highlight.row}
     * (what its "Send Row Index" activation does).
     *
     * @param command the command
     * @param max how long to wait for TOPCAT's answer
     * @return TOPCAT's answer, after {@code OK}
     * @throws IOException if TOPCAT answers an error or not in time
     */
    public String topcat(String command, Duration max) throws IOException {
        App app = apps.stream().filter(a -> TOPCAT.equals(a.name()) && a.control != null).findFirst()
                .orElseThrow(() -> new IOException("TOPCAT was not started by this harness"));
        int before = Files.exists(app.answers) ? Files.readAllLines(app.answers).size() : 0;
        app.control.write(command + "\n");
        app.control.flush();
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            List<String> lines = Files.exists(app.answers) ? Files.readAllLines(app.answers) : List.of();
            if (lines.size() > before) {
                String answer = lines.get(before);
                if (!answer.startsWith("OK")) {
                    throw new IOException("TOPCAT could not '" + command + "': " + answer);
                }
                return answer.substring(2).strip();
            }
            sleep(50);
        }
        throw new IOException("TOPCAT did not answer '" + command + "' within " + max + "; its output:\n"
                + app.logTail(2000));
    }

    /**
     * Starts Aladin offline ({@code -local -noreleasetest -nolog}, joining the private hub with
     * {@code -nohub}), waits until it runs script commands sent through the hub, and loads a
     * two-row table as plane {@value #WARMUP_PLANE}: a table loaded into an empty stack gets no
     * reply from Aladin 12, later ones do.
     *
     * @return the running application
     * @throws IOException if it cannot be started or does not register in time
     */
    public App startAladin() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx768m", "-Duser.home=" + home));
        cmd.addAll(LOOPBACK_ONLY);
        cmd.addAll(List.of("-jar", ALADIN_JAR.toString(), "-local", "-noreleasetest", "-nolog", "-nohub",
                "-nobookmarks"));
        App app = startApp(ALADIN, cmd, false);
        warmUpAladin();
        return app;
    }

    /**
     * Aladin 12 answers {@code table.load.votable} only once the plane has loaded, through a
     * listener it attaches after starting the load. A table loaded into an empty plane stack
     * mostly finishes another way, and its reply never comes (the plane itself does arrive); the
     * same happens again after the stack has been emptied. So the harness loads a two-row table
     * first and leaves its plane ({@value #WARMUP_PLANE}) at the bottom of the stack.
     */
    private void warmUpAladin() throws IOException {
        Path vot = dir.resolve("harness-warmup.vot");
        Files.writeString(vot, """
                <?xml version="1.0" encoding="UTF-8"?>
                <VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
                <RESOURCE type="results">
                <TABLE name="harness-warmup">
                <FIELD name="id" datatype="char" arraysize="*" ucd="meta.id;meta.main"/>
                <FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/>
                <FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main"/>
                <DATA>
                <TABLEDATA>
                <TR><TD>a</TD><TD>10.0</TD><TD>20.0</TD></TR>
                <TR><TD>b</TD><TD>10.1</TD><TD>20.1</TD></TR>
                </TABLEDATA>
                </DATA>
                </TABLE>
                </RESOURCE>
                </VOTABLE>
                """, StandardCharsets.UTF_8);
        Message load = new Message("table.load.votable").addParam("url", serve(vot).toString())
                .addParam("table-id", WARMUP_PLANE).addParam("name", WARMUP_PLANE);
        try {
            harness().callAndWait(clientId(ALADIN), load, 3);
        } catch (SampException e) {
            // the reply that does not come: the plane is what counts
        }
        awaitAladinPlane(WARMUP_PLANE, Duration.ofSeconds(20));
    }

    private App startApp(String name, List<String> command, boolean controlled) throws IOException {
        requireOpen();
        List<String> before = clientIds(name);
        Path log = logs.resolve(name.toLowerCase(Locale.ROOT) + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(controlled ? ProcessBuilder.Redirect.PIPE
                        : ProcessBuilder.Redirect.from(new File("/dev/null")))
                .directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("DISPLAY", ":" + display);
        env.put("HOME", home.toString());
        env.remove("SAMP_HUB");
        long t0 = System.nanoTime();
        Process p = pb.start();
        App app = new App(name, p, log);
        if (controlled) {
            app.control = new java.io.BufferedWriter(new java.io.OutputStreamWriter(p.getOutputStream(),
                    StandardCharsets.UTF_8));
        }
        apps.add(app);
        String mtype = ALADIN.equals(name) ? "script.aladin.send" : "table.load.votable";
        long end = t0 + APP_START.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited with " + p.exitValue() + " before registering with the hub;"
                        + " its output (" + log + "):\n" + tail(log, 3000));
            }
            if (app.clientId() == null) {
                for (String id : clientIds(name)) {
                    if (!before.contains(id) && subscribed(id, mtype)) {
                        app.registered(id, null);
                    }
                }
            }
            // registered is not ready: Aladin subscribes before its windows exist, and drops a
            // message that arrives then (a NullPointerException in its log, no reply ever)
            if (app.clientId() != null && answers(app)) {
                app.registered(app.clientId(), Duration.ofNanos(System.nanoTime() - t0));
                return app;
            }
            sleep(100);
        }
        throw new IOException(name + (app.clientId() == null
                ? " did not register with the hub (subscribed to " + mtype + ")"
                : " registered as " + app.clientId() + " but did not answer") + " within "
                + APP_START.toSeconds() + " s; its output (" + log + "):\n" + tail(log, 3000));
    }

    /** One short probe: Aladin runs a script command, TOPCAT answers a ping. */
    private boolean answers(App app) {
        Message probe = ALADIN.equals(app.name())
                ? new Message("script.aladin.send").addParam("script", "sync")
                : new Message("samp.app.ping");
        try {
            return harness().callAndWait(app.clientId(), probe, 2).isOK();
        } catch (SampException e) {
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Ends every application (whole process trees), the hub, the file server and the display.
     * Safe to call more than once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs killAll itself
        }
    }

    private synchronized void killAll() {
        for (App a : apps) {
            destroyTree(a.process.toHandle());
        }
        if (harness != null) {
            try {
                harness.unregister();
            } catch (SampException | RuntimeException e) {
                // the hub is going anyway
            }
            harness = null;
        }
        if (hub != null) {
            hub.shutdown();
            hub = null;
        }
        if (fileServer != null) {
            fileServer.stop(0);
            fileServer = null;
        }
        if (xvfb != null) {
            destroyTree(xvfb.toHandle());
            xvfb = null;
        }
    }

    /** Asks a process and its descendants to end, and kills whatever is left after a bounded wait. */
    private static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        root.descendants().forEach(all::add);
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + STOP.toNanos();
        for (ProcessHandle h : all) {
            long left = end - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // still alive: killed below
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ accessors

    /** @return the X display number the applications use (as in {@code DISPLAY=:N}) */
    public int display() {
        return display;
    }

    /** @return the private home directory (the applications' {@code user.home}) */
    public Path home() {
        return home;
    }

    /** @return the private hub's Standard Profile lockfile */
    public Path lockFile() {
        return lockFile;
    }

    /** @return the directory with the X server's and the applications' output */
    public Path logs() {
        return logs;
    }

    /** @return the applications started so far */
    public List<App> apps() {
        return List.copyOf(apps);
    }

    // ------------------------------------------------------------------ hub

    /**
     * Returns the ids of the registered clients that declared a name.
     *
     * @param name the {@code samp.name}
     * @return their public ids, in the hub's order (oldest first)
     * @throws SampException if the hub does not answer
     */
    public List<String> clientIds(String name) throws SampException {
        HubConnection c = harness();
        List<String> out = new ArrayList<>();
        for (String id : c.getRegisteredClients()) {
            Metadata m = c.getMetadata(id);
            if (m != null && name.equals(m.getName())) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * Returns the newest registered client with a name.
     *
     * @param name the {@code samp.name}
     * @return its public id
     * @throws SampException if none is registered
     */
    public String clientId(String name) throws SampException {
        List<String> ids = clientIds(name);
        if (ids.isEmpty()) {
            throw new SampException("no client named " + name + " is registered; there are " + clientNames());
        }
        return ids.get(ids.size() - 1);
    }

    /**
     * Waits until a client with a name is registered and subscribed to an MType.
     *
     * @param name its {@code samp.name}
     * @param mtype an MType it must subscribe to
     * @param limit how long to wait
     * @return its public id
     * @throws IOException if it does not appear in time
     */
    public String awaitClient(String name, String mtype, Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        do {
            for (String id : clientIds(name)) {
                if (subscribed(id, mtype)) {
                    return id;
                }
            }
            sleep(50);
        } while (System.nanoTime() < end);
        throw new IOException("no client named " + name + " subscribed to " + mtype + " within " + limit
                + "; registered: " + clientNames());
    }

    /** @return id to name of every registered client but the harness's own (the hub is one) */
    public Map<String, String> clientNames() throws SampException {
        HubConnection c = harness();
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : c.getRegisteredClients()) {
            Metadata m = c.getMetadata(id);
            out.put(id, m == null ? null : m.getName());
        }
        return out;
    }

    private boolean subscribed(String id, String mtype) throws SampException {
        Map<?, ?> subs = harness().getSubscriptions(id);
        return subs != null && subs.containsKey(mtype);
    }

    /**
     * Sends a message to the newest client with a name and waits for its reply.
     *
     * @param name the recipient's {@code samp.name}
     * @param message the message
     * @param limit how long to wait for the reply (rounded up to whole seconds, as SAMP counts)
     * @return the reply, successful or not
     * @throws SampException if the recipient is missing or does not reply in time
     */
    public Response call(String name, Message message, Duration limit) throws SampException {
        int secs = (int) Math.max(1, (limit.toMillis() + 999) / 1000);
        return harness().callAndWait(clientId(name), message, secs);
    }

    /**
     * Runs an Aladin script command through {@code script.aladin.send}.
     *
     * @param script one or more Aladin commands, separated by {@code ;}
     * @param limit how long to wait
     * @return the text Aladin returns ({@code samp.result.script.result}), never null
     * @throws SampException if Aladin fails or does not answer in time
     */
    public String aladinScript(String script, Duration limit) throws SampException {
        Response r = call(ALADIN, new Message("script.aladin.send").addParam("script", script), limit);
        if (!r.isOK()) {
            throw new SampException("Aladin refused script '" + script + "': " + r.getErrInfo());
        }
        Map<?, ?> result = r.getResult();
        Object text = result == null ? null : result.get("script.result");
        return text == null ? "" : text.toString();
    }

    /**
     * Lists Aladin's planes: waits for pending loads ({@code sync}), then parses {@code status}.
     *
     * @param limit how long to wait for each of the two commands
     * @return the planes, top of the stack first
     * @throws SampException if Aladin does not answer
     */
    public List<AladinPlane> aladinPlanes(Duration limit) throws SampException {
        aladinScript("sync", limit);
        return AladinPlane.parse(aladinScript("status", limit));
    }

    /**
     * Waits until Aladin shows a plane with a name ({@link AladinPlane#ready()}), polling its
     * {@code status}.
     *
     * @param name the plane's name ({@code PlaneID})
     * @param limit how long to wait in all
     * @return the plane
     * @throws IOException if it does not appear in time, or Aladin reports that it failed
     */
    public AladinPlane awaitAladinPlane(String name, Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        List<AladinPlane> planes;
        do {
            planes = AladinPlane.parse(aladinScript("status", Duration.ofSeconds(10)));
            for (AladinPlane p : planes) {
                if (p.name().equals(name) && p.ready()) {
                    return p;
                }
                if (p.name().equals(name) && p.failed()) {
                    throw new IOException("Aladin failed to load plane " + p + "; its output ends with:\n"
                            + apps.stream().filter(a -> a.name().equals(ALADIN)).findFirst()
                                    .map(a -> a.logTail(1500)).orElse(""));
                }
            }
            sleep(25);
        } while (System.nanoTime() < end);
        throw new IOException("Aladin has no plane " + name + " after " + limit + "; it has " + planes);
    }

    /**
     * Adds a listener that sees every message as the private hub routes it, and every reply.
     * It runs on the hub's threads: keep it short.
     *
     * @param listener the listener
     */
    public void onHubEvent(Consumer<HubEvent> listener) {
        listeners.add(listener);
    }

    private HubConnection harness() throws SampException {
        HubConnection c = harness;
        if (c == null) {
            throw new SampException("the host-apps session is closed");
        }
        return c;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the host-apps session is closed");
        }
    }

    // ------------------------------------------------------------------ files and screenshots

    /**
     * Serves a file over HTTP on the loopback interface, the way a SAMP sender shares a table.
     *
     * @param file the file
     * @return its URL
     * @throws IOException if the server cannot start
     */
    public synchronized URI serve(Path file) throws IOException {
        requireOpen();
        if (fileServer == null) {
            fileServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            fileServer.createContext("/files/", this::serveFile);
            fileServer.start();
        }
        String key = UUID.randomUUID() + "/" + file.getFileName();
        served.put(key, file.toAbsolutePath());
        InetSocketAddress a = fileServer.getAddress();
        return URI.create("http://127.0.0.1:" + a.getPort() + "/files/" + key);
    }

    private void serveFile(HttpExchange ex) throws IOException {
        try (ex) {
            String key = ex.getRequestURI().getPath().substring("/files/".length());
            Path f = served.get(key);
            if (f == null || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/x-votable+xml");
            long len = Files.size(f);
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, len == 0 ? -1 : len);
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(f, out);
            }
        }
    }

    /**
     * Saves a screenshot of the whole display as PNG ({@code xwd}, {@code xwdtopnm},
     * {@code pnmtopng}).
     *
     * @param png where to write it; parent directories are created
     * @return {@code png}
     * @throws IOException if a tool fails or takes more than 20 s
     */
    public Path screenshot(Path png) throws IOException {
        requireOpen();
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path xwd = Files.createTempFile(dir, "shot", ".xwd");
        Path pnm = Files.createTempFile(dir, "shot", ".pnm");
        Path tmp = Files.createTempFile(parent, ".shot", ".png");
        try {
            run(List.of(XWD.toString(), "-root", "-silent", "-display", ":" + display, "-out", xwd.toString()), null);
            run(List.of(XWDTOPNM.toString(), xwd.toString()), pnm);
            run(List.of(PNMTOPNG.toString(), pnm.toString()), tmp);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return png;
        } finally {
            Files.deleteIfExists(xwd);
            Files.deleteIfExists(pnm);
            Files.deleteIfExists(tmp);
        }
    }

    private void run(List<String> command, Path stdout) throws IOException {
        Path err = Files.createTempFile(dir, "tool", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
            Process p = pb.start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                destroyTree(p.toHandle());
                throw new IOException(command.get(0) + " took more than 20 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.ISO_8859_1).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Returns the end of a text file.
     *
     * @param file the file
     * @param chars how many characters at most
     * @return its last characters, or a note that it cannot be read
     */
    public static String tail(Path file, int chars) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - chars);
            byte[] b = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
        }
    }

    // ------------------------------------------------------------------ nested types

    /** A desktop application started by the harness. */
    public static final class App {
        private final String name;
        private final Process process;
        private final Path log;
        private volatile String clientId;
        private volatile Duration startup;
        /** Commands to the TOPCAT driver, or null. */
        private java.io.BufferedWriter control;
        /** Where the TOPCAT driver answers, or null. */
        private Path answers;

        App(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        void registered(String id, Duration took) {
            this.clientId = id;
            this.startup = took;
        }

        /** @return its SAMP name */
        public String name() {
            return name;
        }

        /** @return its SAMP public id */
        public String clientId() {
            return clientId;
        }

        /** @return the time from starting the process to its first answer through the hub */
        public Duration startup() {
            return startup;
        }

        /** @return the process (the JVM it runs in) */
        public Process process() {
            return process;
        }

        /** @return the file holding its standard output and error */
        public Path log() {
            return log;
        }

        /**
         * @param chars how many characters at most
         * @return the end of its output
         */
        public String logTail(int chars) {
            return tail(log, chars);
        }

        @Override
        public String toString() {
            return name + "[pid " + process.pid() + ", " + clientId + "]";
        }
    }

    /**
     * One plane of Aladin's stack, as its {@code status} command describes it.
     *
     * @param name the plane's name ({@code PlaneID})
     * @param number its position ({@code PlaneNb})
     * @param type {@code Catalog}, {@code Image}, …
     * @param status the status words ({@code shown}, {@code selected}, …)
     * @param objects the number of objects of a catalogue plane ({@code NbObj}), -1 if not given
     */
    public record AladinPlane(String name, int number, String type, String status, long objects) {

        /** @return true for a catalogue plane */
        public boolean isCatalog() {
            return "Catalog".equalsIgnoreCase(type);
        }

        /**
         * Tells whether Aladin shows the plane: a plane Aladin is still loading is listed as
         * {@code hidden} with no objects, a failed one as {@code error}.
         *
         * @return true if the status says {@code shown} and not {@code error}
         */
        public boolean ready() {
            List<String> words = List.of(status.toLowerCase(Locale.ROOT).split("\\s+"));
            return words.contains("shown") && !failed();
        }

        /** @return true if Aladin reports that loading the plane failed */
        public boolean failed() {
            return List.of(status.toLowerCase(Locale.ROOT).split("\\s+")).contains("error");
        }

        /**
         * Parses the output of Aladin's {@code status} command.
         *
         * @param status the text
         * @return the planes (views and other blocks are left out), names unquoted
         */
        public static List<AladinPlane> parse(String status) {
            List<AladinPlane> out = new ArrayList<>();
            Map<String, String> block = new LinkedHashMap<>();
            for (String line : (status + "\n\n").split("\\R", -1)) {
                // Aladin 12 does not always end an image plane's block with a blank line: a new
                // PlaneID or ViewID starts a new block too
                String head = line.strip();
                boolean next = (head.startsWith("PlaneID") || head.startsWith("ViewID")) && !block.isEmpty();
                if (line.isBlank() || next) {
                    if (block.containsKey("PlaneID")) {
                        out.add(new AladinPlane(unquote(block.get("PlaneID")), parseInt(block.get("PlaneNb")),
                                block.getOrDefault("Type", ""), block.getOrDefault("Status", ""),
                                parseLong(block.get("NbObj"))));
                    }
                    block.clear();
                    if (!next) {
                        continue;
                    }
                }
                String t = line.strip();
                int sp = firstBlank(t);
                if (sp > 0) {
                    block.put(t.substring(0, sp), t.substring(sp).strip());
                } else {
                    block.put(t, "");
                }
            }
            return Collections.unmodifiableList(out);
        }

        /** Aladin quotes names that hold blanks: {@code PlaneID "a b"}. */
        private static String unquote(String s) {
            return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        }

        private static int firstBlank(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isWhitespace(s.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }

        private static int parseInt(String s) {
            return (int) parseLong(s);
        }

        private static long parseLong(String s) {
            if (s == null) {
                return -1;
            }
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /**
     * A message or reply as the private hub handled it.
     *
     * @param kind what happened
     * @param nanos {@link System#nanoTime()} when the hub handled it
     * @param senderId the sender's id (for a reply: the responder's)
     * @param recipientId the recipient's id (for a reply: the original sender's), or null for a
     *     broadcast
     * @param mtype the MType (for a reply: that of the message answered, when known)
     * @param map the message's parameters, or the reply
     * @param msgId the hub's id of the call, the same in the call's event and in its reply's (for a
     *     synchronous call one made up by this hub); null for notifications and broadcasts
     */
    public record HubEvent(Kind kind, long nanos, String senderId, String recipientId, String mtype, Map<?, ?> map,
                           String msgId) {

        /** What the hub did. */
        public enum Kind {
            /** routed a call (asynchronous or synchronous) to one client */
            CALL,
            /** routed a notification to one client */
            NOTIFY,
            /** routed a call or a notification to every subscribed client */
            BROADCAST,
            /** passed a reply back to the caller */
            REPLY
        }
    }

    /**
     * JSAMP's stock hub service, with two additions for tests: it reports what it routes to the
     * session's listeners, and it replaces characters that SAMP strings may not hold in replies
     * (Aladin's {@code status} text holds a degree sign) before the stock check rejects them.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class LenientHubService extends BasicHubService {
        private final List<Consumer<HubEvent>> listeners;
        private final Map<String, String[]> calls = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong syncCalls = new java.util.concurrent.atomic.AtomicLong();

        LenientHubService(Random random, List<Consumer<HubEvent>> listeners) {
            super(random);
            this.listeners = listeners;
        }

        @Override
        protected String call(HubClient caller, String recipientId, String msgTag, Map message) throws SampException {
            long routed = System.nanoTime();
            String msgId = super.call(caller, recipientId, msgTag, message);
            calls.put(msgId, new String[] {recipientId, mtype(message)});
            emit(HubEvent.Kind.CALL, routed, caller.getId(), recipientId, message, msgId);
            return msgId;
        }

        @Override
        protected Response callAndWait(HubClient caller, String recipientId, Map message, int timeout)
                throws SampException {
            String msgId = "sync-" + syncCalls.incrementAndGet();
            emit(HubEvent.Kind.CALL, System.nanoTime(), caller.getId(), recipientId, message, msgId);
            Response r = super.callAndWait(caller, recipientId, message, timeout);
            fire(new HubEvent(HubEvent.Kind.REPLY, System.nanoTime(), recipientId, caller.getId(), mtype(message), r,
                    msgId));
            return r;
        }

        @Override
        protected void notify(HubClient caller, String recipientId, Map message) throws SampException {
            emit(HubEvent.Kind.NOTIFY, System.nanoTime(), caller.getId(), recipientId, message, null);
            super.notify(caller, recipientId, message);
        }

        @Override
        protected Map callAll(HubClient caller, String msgTag, Map message) throws SampException {
            emit(HubEvent.Kind.BROADCAST, System.nanoTime(), caller.getId(), null, message, null);
            Map ids = super.callAll(caller, msgTag, message);
            for (Object e : ids.entrySet()) {
                Map.Entry<?, ?> en = (Map.Entry<?, ?>) e;
                calls.put(String.valueOf(en.getValue()), new String[] {String.valueOf(en.getKey()), mtype(message)});
            }
            return ids;
        }

        @Override
        protected List notifyAll(HubClient caller, Map message) throws SampException {
            emit(HubEvent.Kind.BROADCAST, System.nanoTime(), caller.getId(), null, message, null);
            return super.notifyAll(caller, message);
        }

        @Override
        protected void reply(HubClient responder, String msgId, Map response) throws SampException {
            Map clean = (Map) clean(response);
            String[] call = calls.remove(msgId);
            if (call != null) {
                fire(new HubEvent(HubEvent.Kind.REPLY, System.nanoTime(), responder.getId(), null, call[1], clean,
                        msgId));
            }
            super.reply(responder, msgId, clean);
        }

        private void emit(HubEvent.Kind kind, long nanos, String from, String to, Map<?, ?> message, String msgId) {
            if (!listeners.isEmpty()) {
                Object params = message.get("samp.params");
                fire(new HubEvent(kind, nanos, from, to, mtype(message),
                        params instanceof Map<?, ?> m ? m : Map.of(), msgId));
            }
        }

        private void fire(HubEvent e) {
            for (Consumer<HubEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    // a test's listener must not break the hub
                }
            }
        }

        private static String mtype(Map<?, ?> message) {
            Object m = message.get("samp.mtype");
            return m == null ? null : m.toString();
        }

        /** A copy with every string reduced to the characters SAMP allows. */
        private static Object clean(Object o) {
            if (o instanceof String s) {
                StringBuilder b = null;
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    boolean ok = c == 0x09 || c == 0x0a || c == 0x0d || (c >= 0x20 && c <= 0x7f);
                    if (!ok && b == null) {
                        b = new StringBuilder(s.substring(0, i));
                    }
                    if (b != null) {
                        b.append(ok ? c : '?');
                    }
                }
                return b == null ? s : b.toString();
            }
            if (o instanceof Map<?, ?> m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(clean(k), clean(v)));
                return out;
            }
            if (o instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(clean(v)));
                return out;
            }
            return o;
        }
    }
}
