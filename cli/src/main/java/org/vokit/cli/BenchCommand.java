package org.vokit.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.votable.VotableReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RandomStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableBuilder;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * {@code vokit bench}: prints the figures the project's speed targets are checked by.
 * Benchmarks, not tests: they measure and print, they do not pass or fail.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure vokit against the protocol minimum and other tools, and print the figures.",
            "async: async TAP round trip vs the raw UWS minimum (create, run, WAIT, fetch, delete).",
            "parse: rows/s reading a BINARY2 VOTable, vokit vs STIL's own reader.",
            "startup: whole-process time of ./vokit tap vs STILTS tapquery on a small sync query."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "WHAT", arity = "0..*", description = "async, parse, startup (default: all).")
    List<String> what = new ArrayList<>();

    @Option(names = "--service", paramLabel = "URL", description = "TAP service (default: the local VO).")
    String service = "http://127.0.0.1:8089/tap";

    @Option(names = "--runs", description = "Repetitions per measurement (default: ${DEFAULT-VALUE}).")
    int runs = 10;

    @Option(names = "--rows", description = "Rows in the parsing benchmark (default: ${DEFAULT-VALUE}).")
    int rows = 1_000_000;

    @Option(names = "--query", description = "Query for the async and startup benchmarks (default: ${DEFAULT-VALUE}).")
    String query = "SELECT TOP 40 main_id, ra, dec, vmag FROM vostars.main ORDER BY main_id";

    @Option(names = "--vokit", paramLabel = "PATH", description = "The vokit launcher for the startup benchmark.")
    Path launcher = Path.of("vokit");

    @Option(names = "--stilts", paramLabel = "PATH", description = "STILTS launcher (default: ${DEFAULT-VALUE}).")
    String stilts = "stilts";

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        List<String> todo = what.isEmpty() ? List.of("async", "parse", "startup") : what;
        out.printf("vokit bench on %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        for (String w : todo) {
            switch (w) {
                case "async" -> async();
                case "parse" -> parse();
                case "startup" -> startup();
                default -> throw new IllegalArgumentException("unknown benchmark '" + w + "': async, parse or startup");
            }
            out.flush();
        }
        return 0;
    }

    // ------------------------------------------------------------------ async

    private void async() throws Exception {
        TapService tap = TapService.of(service);
        HttpClient raw = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        rawAsync(raw);
        tap.runAsync(query);
        List<Double> vokitTimes = new ArrayList<>();
        List<Double> rawTimes = new ArrayList<>();
        long rowsSeen = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            TapResult r = tap.runAsync(query);
            vokitTimes.add(secs(t0));
            rowsSeen = r.rowCount();
            t0 = System.nanoTime();
            rawAsync(raw);
            rawTimes.add(secs(t0));
        }
        out.printf("%nasync TAP round trip, %d runs, %d rows each, %s%n", runs, rowsSeen, service);
        out.printf("  raw minimum (create, run, WAIT, fetch, delete): median %.3f s, best %.3f s%n",
                median(rawTimes), Collections.min(rawTimes));
        out.printf("  vokit TapService.runAsync (same + parse):      median %.3f s, best %.3f s%n",
                median(vokitTimes), Collections.min(vokitTimes));
        out.printf("  overhead over the minimum: %+.3f s (target: within 0.15 s)%n",
                median(vokitTimes) - median(rawTimes));
    }

    private static final Pattern PHASE = Pattern.compile("<(?:\\w+:)?phase>\\s*(\\w+)\\s*</");

    /** The least a client can do: the protocol's requests and nothing else. */
    private void rawAsync(HttpClient http) throws Exception {
        String body = "LANG=ADQL&REQUEST=doQuery&QUERY=" + java.net.URLEncoder.encode(query, "UTF-8");
        HttpResponse<Void> created = http.send(HttpRequest.newBuilder(URI.create(service + "/async"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        URI job = URI.create(service + "/async").resolve(created.headers().firstValue("Location").orElseThrow());
        http.send(HttpRequest.newBuilder(URI.create(job + "/phase"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("PHASE=RUN")).build(), HttpResponse.BodyHandlers.discarding());
        String phase = "QUEUED";
        while (phase.equals("QUEUED") || phase.equals("EXECUTING") || phase.equals("PENDING")) {
            String doc = http.send(HttpRequest.newBuilder(URI.create(job + "?WAIT=60&PHASE=" + phase)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = PHASE.matcher(doc);
            phase = m.find() ? m.group(1) : "UNKNOWN";
        }
        if (!phase.equals("COMPLETED")) {
            throw new IOException("raw job ended " + phase);
        }
        http.send(HttpRequest.newBuilder(URI.create(job + "/results/result")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        http.send(HttpRequest.newBuilder(job).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    // ------------------------------------------------------------------ parse

    private void parse() throws Exception {
        Path file = Files.createTempFile("vokit-bench", ".vot");
        try {
            long t0 = System.nanoTime();
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                new VOTableWriter(DataFormat.BINARY2, true, VOTableVersion.V14).writeStarTable(syntheticTable(rows), os);
            }
            out.printf("%nparsing a %d-row BINARY2 VOTable (%.1f MB, written in %.1f s)%n", rows,
                    Files.size(file) / 1e6, secs(t0));
            List<Double> stil = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            for (int i = 0; i < Math.max(3, runs / 2) + 1; i++) {
                CountingSink a = new CountingSink();
                t0 = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    new VOTableBuilder().streamStarTable(in, a, null);
                }
                double ts = secs(t0);
                CountingSink b = new CountingSink();
                t0 = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    VotableReader.read(in, file.toUri(), b, true);
                }
                double to = secs(t0);
                if (a.rows != rows || b.rows != rows) {
                    throw new IOException("row counts differ: STIL " + a.rows + ", vokit " + b.rows);
                }
                if (i > 0) {
                    // the first round warms up the JIT for both readers
                    stil.add(ts);
                    ours.add(to);
                }
            }
            double ms = median(stil);
            double mo = median(ours);
            out.printf("  STIL VOTableBuilder.streamStarTable: median %.3f s = %,.0f rows/s%n", ms, rows / ms);
            out.printf("  vokit VotableReader.read:            median %.3f s = %,.0f rows/s%n", mo, rows / mo);
            out.printf("  vokit / STIL time: %.3f (target: at most 1.10)%n", mo / ms);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static StarTable syntheticTable(long n) {
        ColumnInfo[] cols = {
            new ColumnInfo("source_id", Long.class, "identifier"),
            new ColumnInfo("ra", Double.class, "right ascension"),
            new ColumnInfo("dec", Double.class, "declination"),
            new ColumnInfo("pmra", Float.class, null),
            new ColumnInfo("pmdec", Float.class, null),
            new ColumnInfo("mag", Float.class, null),
            new ColumnInfo("flag", Short.class, null),
            new ColumnInfo("name", String.class, null),
        };
        cols[1].setUCD("pos.eq.ra;meta.main");
        cols[2].setUCD("pos.eq.dec;meta.main");
        return new RandomStarTable() {
            @Override
            public int getColumnCount() {
                return cols.length;
            }

            @Override
            public ColumnInfo getColumnInfo(int i) {
                return cols[i];
            }

            @Override
            public long getRowCount() {
                return n;
            }

            @Override
            public Object getCell(long irow, int icol) {
                Random r = new Random(irow * 31 + icol);
                return switch (icol) {
                    case 0 -> irow * 1000 + 17;
                    case 1 -> r.nextDouble() * 360;
                    case 2 -> r.nextDouble() * 180 - 90;
                    case 3, 4 -> (float) r.nextGaussian() * 10;
                    case 5 -> irow % 50 == 0 ? null : (Object) (float) (10 + r.nextDouble() * 10);
                    case 6 -> (short) (irow % 7);
                    default -> "S" + irow;
                };
            }
        };
    }

    /** Counts rows and touches every cell so that no reader gets away with lazy decoding. */
    private static final class CountingSink implements TableSink {
        long rows;
        long hash;

        @Override
        public void acceptMetadata(StarTable meta) {
        }

        @Override
        public void acceptRow(Object[] row) {
            rows++;
            for (Object o : row) {
                if (o != null) {
                    hash += o.hashCode();
                }
            }
        }

        @Override
        public void endRows() {
        }
    }

    // ---------------------------------------------------------------- startup

    private void startup() throws Exception {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--vokit " + launcher + " is not an executable launcher");
        }
        List<String> vk = List.of(launcher.toAbsolutePath().toString(), "tap", "--service", service, "--query", query,
                "--format", "csv");
        // sync=true: tapquery runs asynchronously by default, vokit tap synchronously
        List<String> st = List.of(stilts, "tapquery", "tapurl=" + service, "adql=" + query, "sync=true", "ofmt=csv",
                "out=-");
        boolean haveStilts = run(st) >= 0;
        if (run(vk) < 0) {
            throw new IllegalStateException("'" + String.join(" ", vk) + "' failed; is the service up?");
        }
        List<Double> v = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double tv = run(vk);
            if (tv < 0) {
                throw new IllegalStateException("'" + String.join(" ", vk) + "' failed during the benchmark");
            }
            v.add(tv);
            if (haveStilts) {
                s.add(run(st));
            }
        }
        out.printf("%nwhole-process time of a small sync query (%d runs each, interleaved)%n", runs);
        out.printf("  ./vokit tap:      median %.3f s, best %.3f s%n", median(v), Collections.min(v));
        if (haveStilts) {
            out.printf("  stilts tapquery:  median %.3f s, best %.3f s%n", median(s), Collections.min(s));
            out.printf("  vokit / stilts: %.2f (target: at most 1.0, aim 0.5)%n", median(v) / median(s));
        } else {
            out.printf("  stilts tapquery: not measured: '%s' could not be run (Debian package 'stilts')%n", stilts);
        }
    }

    /** Runs a command to completion; returns seconds, or -1 if it could not start or failed. */
    private static double run(List<String> cmd) throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue() == 0 ? secs(t0) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

}
