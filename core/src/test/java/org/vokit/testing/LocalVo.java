package org.vokit.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The project's local VO (GAVO DaCHS on loopback, see {@code local-vo/README.md}) for
 * integration tests. {@link #require()} finds it running or starts it with
 * {@code local-vo/start}; when that fails, the test fails under {@code CI=true} and is skipped
 * (with the reason) otherwise.
 */
public final class LocalVo {

    /** The server's base URL; {@code VOKIT_VO_URL} overrides it. */
    public static final String BASE = strip(System.getenv().getOrDefault("VOKIT_VO_URL", "http://127.0.0.1:8089"));

    private static volatile boolean up;

    private LocalVo() {
    }

    /** @return the TAP base URL */
    public static URI tap() {
        return URI.create(BASE + "/tap");
    }

    /**
     * Returns a URL on the server.
     *
     * @param path the path, starting with a slash
     * @return the URL
     */
    public static URI url(String path) {
        return URI.create(BASE + path);
    }

    /**
     * Makes sure the local VO answers, starting it if needed.
     */
    public static synchronized void require() {
        if (up || answers()) {
            up = true;
            return;
        }
        String why;
        Path start = findStartScript();
        if (start == null) {
            why = "local-vo/start not found above " + Path.of("").toAbsolutePath();
        } else {
            why = runStart(start);
            if (why == null && answers()) {
                up = true;
                return;
            }
            if (why == null) {
                why = "local-vo/start finished but TAP at " + tap() + " does not answer";
            }
        }
        Ci.missing("the local VO: " + why);
    }

    private static boolean answers() {
        try {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<Void> r = c.send(HttpRequest.newBuilder(URI.create(tap() + "/capabilities"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path findStartScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("local-vo/start");
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        return null;
    }

    private static String runStart(Path start) {
        try {
            Path log = Files.createTempFile("vokit-local-vo-start", ".log");
            Process p = new ProcessBuilder(start.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "local-vo/start did not finish within 10 minutes (log: " + log + ")";
            }
            if (p.exitValue() != 0) {
                String tail = Files.readString(log);
                tail = tail.length() > 2000 ? tail.substring(tail.length() - 2000) : tail;
                return "local-vo/start exited with " + p.exitValue() + ":\n" + tail;
            }
            return null;
        } catch (IOException e) {
            return "could not run " + start + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while starting the local VO";
        }
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
