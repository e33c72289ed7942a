package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vokit bench startup}: the whole-process time of {@code ./vokit tap} against STILTS
 * {@code tapquery} on the same small synchronous query, run in alternation (the order swapped
 * every round). A run counts only if it exits with status 0 and writes the same number of CSV
 * lines as the other tool; any other run stops the benchmark with an error naming it.
 */
@Command(name = "startup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Whole-process time of ./vokit tap vs STILTS tapquery (sync=true, CSV) on a small query, "
                + "alternating after one warm-up of each; target: vokit at most 0.5x STILTS.",
            "A run that fails or writes a different number of lines stops the benchmark (exit status 1). Default --timeout (each run): 60 s."})
final class BenchStartupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--service", paramLabel = "URL", description = "TAP service (default: ${DEFAULT-VALUE}).")
    String service = "http://127.0.0.1:8089/tap";

    @Option(names = "--query", paramLabel = "ADQL", description = "Query (default: ${DEFAULT-VALUE}).")
    String query = "SELECT TOP 40 main_id, ra, dec, vmag FROM vostars.main ORDER BY main_id";

    @Option(names = "--runs", paramLabel = "N", description = "Measured runs of each tool (default: ${DEFAULT-VALUE}).")
    int runs = 11;

    @Option(names = "--vokit", paramLabel = "PATH", description = "The vokit launcher (default: ${DEFAULT-VALUE}).")
    Path launcher = Path.of("vokit");

    @Option(names = "--stilts", paramLabel = "PATH", description = "The STILTS launcher (default: ${DEFAULT-VALUE}).")
    String stilts = "stilts";

    @picocli.CommandLine.Mixin
    RunOptions run;

    /** Time allowed for each run, from {@code --timeout} (default 60 s, documented in the description). */
    private long timeoutSeconds = 60;

    /** One tool's command line and what it produced. */
    private record Tool(String name, List<String> command) {
    }

    @Override
    public Integer call() throws Exception {
        run.applyDebug();
        timeoutSeconds = run.timeout(Duration.ofSeconds(60)).toSeconds();
        if (runs < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("--runs and --timeout must be at least 1");
        }
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--vokit " + launcher + " is not an executable launcher");
        }
        Tool vk = new Tool("./vokit tap", List.of(launcher.toAbsolutePath().toString(), "tap", "--service", service,
                "--query", query, "--format", "csv"));
        // sync=true: tapquery runs asynchronously by default, vokit tap synchronously
        Tool st = new Tool("stilts tapquery", List.of(stilts, "tapquery", "tapurl=" + service, "adql=" + query,
                "sync=true", "ofmt=csv", "out=-"));
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempFile("vokit-bench-startup", ".csv");
        try {
            long lines = run(vk, scratch, -1);
            boolean haveStilts;
            try {
                run(st, scratch, lines);
                haveStilts = true;
            } catch (CannotStart e) {
                haveStilts = false;
            }
            List<Double> v = new ArrayList<>();
            List<Double> s = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                if (haveStilts && i % 2 == 1) {
                    s.add(timed(st, scratch, lines));
                }
                v.add(timed(vk, scratch, lines));
                if (haveStilts && i % 2 == 0) {
                    s.add(timed(st, scratch, lines));
                }
            }
            BenchStats sv = BenchStats.of(v);
            out.printf("%nwhole-process time of a small sync query (%d CSV lines), %d runs each, alternating after"
                    + " one warm-up of each (%s)%n", lines, runs, BenchStats.machine());
            out.printf("  ./vokit tap:      %s%n", sv.seconds());
            if (haveStilts) {
                BenchStats ss = BenchStats.of(s);
                BenchStats ratio = BenchStats.of(BenchStats.ratios(v, s));
                out.printf("  stilts tapquery:  %s%n", ss.seconds());
                out.printf("  vokit / stilts: %.2f (ratio of medians; paired runs: median %.2f, min %.2f, max %.2f;"
                        + " target: at most 0.5)%n", sv.median() / ss.median(), ratio.median(), ratio.min(),
                        ratio.max());
            } else {
                out.printf("  stilts tapquery: not measured: '%s' could not be started (Debian package 'stilts')%n",
                        stilts);
            }
            out.flush();
        } finally {
            Files.deleteIfExists(scratch);
        }
        return 0;
    }

    /** Thrown when a tool's executable cannot be started at all. */
    private static final class CannotStart extends IOException {
        CannotStart(String message, IOException cause) {
            super(message, cause);
        }
    }

    private double timed(Tool tool, Path scratch, long lines) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run(tool, scratch, lines);
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Runs a tool to completion, its output to a scratch file.
     *
     * @param lines the number of output lines expected, or -1 for any number above one
     * @return the number of output lines
     * @throws IOException naming the tool and what went wrong, if it failed
     */
    private long run(Tool tool, Path scratch, long lines) throws IOException, InterruptedException {
        Path err = Files.createTempFile("vokit-bench-startup", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(tool.command()).redirectOutput(scratch.toFile()).redirectError(err.toFile())
                        .start();
            } catch (IOException e) {
                throw new CannotStart(tool.name() + " could not be started: " + e.getMessage(), e);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new IOException(tool.name() + " did not finish within " + Duration.ofSeconds(timeoutSeconds));
            }
            if (p.exitValue() != 0) {
                String msg = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new IOException(tool.name() + " failed with exit status " + p.exitValue()
                        + (msg.isEmpty() ? "" : ": " + Failures.oneLine(msg.length() > 400 ? msg.substring(0, 400)
                                + "..." : msg)));
            }
            long n;
            try (var s = Files.lines(scratch, StandardCharsets.UTF_8)) {
                n = s.count();
            }
            if (lines < 0 ? n < 2 : n != lines) {
                throw new IOException(tool.name() + " wrote " + n + " lines, expected "
                        + (lines < 0 ? "a header and at least one row" : lines));
            }
            return n;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
