package org.vokit.vowide;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How services fared in earlier VO-wide runs, kept in a small text file between runs: for each
 * service the latest outcomes (time, answered or not, time taken). A service that failed on each
 * of its last {@value #FAILURES_TO_SKIP} runs within {@link #SKIP_WINDOW} is worth skipping, and
 * services known to be slow are best started first.
 *
 * <p>The file holds one line per outcome, tab-separated: access URL, epoch milliseconds,
 * {@code ok} or {@code failed}, milliseconds taken. Instances are not thread-safe; load, use and
 * save from one thread.
 */
public final class ServiceHealth {

    /** How many failures in a row make a service skipped. */
    public static final int FAILURES_TO_SKIP = 3;
    /** How recent those failures must be. */
    public static final Duration SKIP_WINDOW = Duration.ofHours(24);
    private static final int KEPT = 10;

    /** One outcome. */
    private record Outcome(Instant when, boolean ok, Duration took) {
    }

    private final Path file;
    private final Map<String, List<Outcome>> byService = new LinkedHashMap<>();

    private ServiceHealth(Path file) {
        this.file = file;
    }

    /**
     * Reads the file (a missing file is an empty history; unreadable lines are ignored).
     *
     * @param file the file
     * @return the history
     * @throws IOException if the file exists but cannot be read
     */
    public static ServiceHealth load(Path file) throws IOException {
        ServiceHealth h = new ServiceHealth(Objects.requireNonNull(file, "file"));
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.split("\t");
                if (p.length != 4) {
                    continue;
                }
                try {
                    h.add(p[0], new Outcome(Instant.ofEpochMilli(Long.parseLong(p[1])), p[2].equals("ok"),
                            Duration.ofMillis(Long.parseLong(p[3]))));
                } catch (NumberFormatException e) {
                    // a damaged line is forgotten
                }
            }
        }
        return h;
    }

    /** @return the file this history is kept in */
    public Path file() {
        return file;
    }

    /**
     * Tells whether a service failed on each of its last {@value #FAILURES_TO_SKIP} runs, all
     * within {@link #SKIP_WINDOW} of {@code now}.
     *
     * @param service the access URL
     * @param now the time of the new run
     * @return whether to skip it
     */
    public boolean failingRecently(URI service, Instant now) {
        List<Outcome> all = byService.getOrDefault(service.toString(), List.of());
        if (all.size() < FAILURES_TO_SKIP) {
            return false;
        }
        for (Outcome o : all.subList(all.size() - FAILURES_TO_SKIP, all.size())) {
            if (o.ok() || o.when().isBefore(now.minus(SKIP_WINDOW))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns how long the service usually takes to answer: the median of its answered runs.
     *
     * @param service the access URL
     * @return the typical time, if it ever answered
     */
    public Optional<Duration> typicalLatency(URI service) {
        List<Duration> ok = byService.getOrDefault(service.toString(), List.of()).stream().filter(Outcome::ok)
                .map(Outcome::took).sorted().toList();
        return ok.isEmpty() ? Optional.empty() : Optional.of(ok.get(ok.size() / 2));
    }

    /**
     * Orders services slowest first (by typical latency; services never seen answer keep their
     * order after the known ones).
     *
     * @param services the access URLs
     * @param <T> what is ordered
     * @param url how to get each one's access URL
     * @return a new list
     */
    public <T> List<T> slowestFirst(List<T> services, java.util.function.Function<T, URI> url) {
        List<T> out = new ArrayList<>(services);
        out.sort(Comparator.comparing((T t) -> typicalLatency(url.apply(t)).orElse(Duration.ZERO)).reversed());
        return out;
    }

    /**
     * Records an outcome.
     *
     * @param service the access URL
     * @param when when the run happened
     * @param ok whether the service answered
     * @param took how long it took
     */
    public void record(URI service, Instant when, boolean ok, Duration took) {
        add(service.toString(), new Outcome(when, ok, took == null ? Duration.ZERO : took));
    }

    /**
     * Writes the file (whole, then moved into place), creating its folder.
     *
     * @throws IOException if it cannot be written
     */
    public void save() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".service-health", ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, List<Outcome>> e : byService.entrySet()) {
                for (Outcome o : e.getValue()) {
                    w.write(e.getKey() + "\t" + o.when().toEpochMilli() + "\t" + (o.ok() ? "ok" : "failed") + "\t"
                            + o.took().toMillis() + "\n");
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void add(String url, Outcome o) {
        List<Outcome> list = byService.computeIfAbsent(url, k -> new ArrayList<>());
        list.add(o);
        list.sort(Comparator.comparing(Outcome::when));
        while (list.size() > KEPT) {
            list.remove(0);
        }
    }
}
