package org.vokit.fanout;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service health memory: per service (access URL), the outcome and latency of its last
 * runs, kept in a small tab-separated file. The engine uses it to start slow services first and
 * to skip a service that failed on each of its last {@value #SKIP_AFTER} runs within 24 hours.
 *
 * <p>File format, one line per run: {@code accessURL <TAB> epochMillis <TAB> ok|fail <TAB>
 * latencyMillis}; the last {@value #KEEP} runs per service are kept. The usual location is
 * {@link #defaultFile(Map, Path)}: {@code $XDG_STATE_HOME/vokit/service-health.tsv}, else
 * {@code ~/.local/state/vokit/service-health.tsv}. Not thread-safe for concurrent processes: the
 * last writer wins (the file is replaced atomically, never half-written).
 */
public final class ServiceHealth {

    /** Consecutive failed runs after which a service is skipped. */
    public static final int SKIP_AFTER = 3;
    /** Runs remembered per service. */
    public static final int KEEP = 10;
    private static final Duration WINDOW = Duration.ofHours(24);

    private final Path file;
    private final Map<String, Deque<Run>> runs = new TreeMap<>();

    private record Run(Instant when, boolean ok, Duration latency) {
    }

    private ServiceHealth(Path file) {
        this.file = file;
    }

    /**
     * Returns the documented default location.
     *
     * @param env the environment (e.g. {@code System.getenv()}), read for {@code XDG_STATE_HOME}
     * @param home the user's home directory
     * @return the file
     */
    public static Path defaultFile(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_STATE_HOME");
        Path dir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("state");
        return dir.resolve("vokit").resolve("service-health.tsv");
    }

    /**
     * Loads the memory from a file; a missing file is an empty memory, unreadable lines are ignored.
     *
     * @param file the file
     * @return the memory
     * @throws IOException if the file exists but cannot be read
     */
    public static synchronized ServiceHealth load(Path file) throws IOException {
        ServiceHealth h = new ServiceHealth(file);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length != 4) {
                    continue;
                }
                try {
                    h.add(f[0], new Run(Instant.ofEpochMilli(Long.parseLong(f[1])), "ok".equals(f[2]),
                            Duration.ofMillis(Long.parseLong(f[3]))));
                } catch (RuntimeException bad) {
                    // a damaged line is forgotten
                }
            }
        }
        return h;
    }

    private void add(String url, Run r) {
        Deque<Run> d = runs.computeIfAbsent(url, k -> new ArrayDeque<>());
        d.addLast(r);
        while (d.size() > KEEP) {
            d.removeFirst();
        }
    }

    /**
     * Remembers one run of a service.
     *
     * @param accessUrl the service
     * @param ok whether it answered
     * @param latency how long it took
     * @param when when
     */
    public synchronized void record(URI accessUrl, boolean ok, Duration latency, Instant when) {
        add(accessUrl.toString(), new Run(when, ok, latency == null ? Duration.ZERO : latency));
    }

    /**
     * Says whether to skip a service.
     *
     * @param accessUrl the service
     * @param now the current time
     * @return why it should be skipped, or null to ask it
     */
    public synchronized String skipReason(URI accessUrl, Instant now) {
        Deque<Run> d = runs.get(accessUrl.toString());
        if (d == null || d.size() < SKIP_AFTER) {
            return null;
        }
        List<Run> last = List.copyOf(d).subList(d.size() - SKIP_AFTER, d.size());
        boolean allFailed = last.stream().noneMatch(Run::ok);
        if (allFailed && !last.get(0).when().isBefore(now.minus(WINDOW))) {
            return "failed on each of its last " + SKIP_AFTER + " runs within 24 h (since " + last.get(0).when()
                    + "); --retry-failed asks it anyway";
        }
        return null;
    }

    /**
     * @param accessUrl the service
     * @return its median latency over the remembered runs, or zero when unknown
     */
    public synchronized Duration typicalLatency(URI accessUrl) {
        Deque<Run> d = runs.get(accessUrl.toString());
        if (d == null || d.isEmpty()) {
            return Duration.ZERO;
        }
        List<Duration> l = d.stream().map(Run::latency).sorted().toList();
        return l.get(l.size() / 2);
    }

    /** @return the file the memory is kept in */
    public Path file() {
        return file;
    }

    /**
     * Writes the memory back (to a temporary file, then moved into place).
     *
     * @throws IOException if it cannot be written
     */
    public synchronized void save() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "service-health", ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Deque<Run>> e : runs.entrySet()) {
                for (Run r : e.getValue()) {
                    w.write(e.getKey() + "\t" + r.when().toEpochMilli() + "\t" + (r.ok() ? "ok" : "fail") + "\t"
                            + r.latency().toMillis() + "\n");
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
