package org.vokit.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.vokit.http.VoHttp;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.votable.VotableReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * {@code vokit bench async}: the async TAP round trip of {@link TapService#runAsync(TapQuery)}
 * against the least a client can do with {@code java.net.http} (create, run, {@code WAIT},
 * fetch, delete), in alternation, both over HTTP/1.1 asking for gzip. The raw path checks every
 * status and that its result holds the same rows as vokit's; any failure ends the benchmark
 * before figures are printed.
 */
@Command(name = "async", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Async TAP round trip: vokit's TapService.runAsync vs the raw UWS minimum (create, run, "
                + "WAIT, fetch, delete), alternating raw, vokit, raw, vokit ... after one warm-up of each.",
            "Both use HTTP/1.1 and gzip; every raw status is checked and each raw result must hold the same rows "
                + "as vokit's. Default --timeout: 600 s per round trip."})
final class BenchAsyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--service", paramLabel = "URL", description = "TAP service (default: ${DEFAULT-VALUE}).")
    String service = "http://127.0.0.1:8089/tap";

    @Option(names = "--query", paramLabel = "ADQL", description = "Query (default: ${DEFAULT-VALUE}).")
    String query = "SELECT TOP 40 main_id, ra, dec, vmag FROM vostars.main ORDER BY main_id";

    @Option(names = "--runs", paramLabel = "N", description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
    int runs = 9;

    private static final Pattern PHASE = Pattern.compile("<(?:\\w+:)?phase>\\s*(\\w+)\\s*</");

    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        run.applyDebug();
        timeout = run.timeout(Duration.ofSeconds(600));
        URI base = URI.create(service.strip().replaceAll("/+$", ""));
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("--service '" + service + "' is not an http(s) URL");
        }
        TapQuery q = TapQuery.of(query).withTimeout(timeout);
        // the same HTTP version, redirect policy and content coding as VoHttp
        HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        List<Double> rawTimes = new ArrayList<>();
        List<Double> vokitTimes = new ArrayList<>();
        long rows;
        try (VoHttp http = VoHttp.newDefault()) {
            TapService tap = TapService.builder(base).http(http).build();
            // warm-up, not counted
            rows = compare(rawAsync(raw, base), tap.runAsync(q), 0);
            for (int i = 1; i <= runs; i++) {
                long t0 = System.nanoTime();
                byte[] r = rawAsync(raw, base);
                rawTimes.add((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                TapResult v = tap.runAsync(q);
                vokitTimes.add((System.nanoTime() - t0) / 1e9);
                compare(r, v, i);
            }
        }
        BenchStats r = BenchStats.of(rawTimes);
        BenchStats v = BenchStats.of(vokitTimes);
        BenchStats d = BenchStats.of(BenchStats.differences(vokitTimes, rawTimes));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%nasync TAP round trip, %d runs each (alternating, after one warm-up), %d rows, %s (%s)%n", runs,
                rows, base, BenchStats.machine());
        out.printf("  raw minimum (create, run, WAIT, fetch, delete): %s%n", r.seconds());
        out.printf("  vokit TapService.runAsync (same + parse):      %s%n", v.seconds());
        out.printf("  vokit - raw, paired runs:                      %s (target: median within 0.15 s)%n",
                d.signedSeconds());
        out.flush();
        return 0;
    }

    /** The least a client can do: the protocol's requests, every answer checked, nothing else. */
    private byte[] rawAsync(HttpClient http, URI base) throws IOException, InterruptedException {
        URI list = URI.create(base + "/async");
        String body = "LANG=ADQL&REQUEST=doQuery&QUERY=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        HttpResponse<byte[]> created = send(http, HttpRequest.newBuilder(list)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 303, 302, 201, 200);
        URI job = list.resolve(created.headers().firstValue("Location").orElseThrow(() -> new IOException(
                "raw path: POST " + list + " answered HTTP " + created.statusCode() + " without a Location")));
        try {
            send(http, HttpRequest.newBuilder(URI.create(job + "/phase"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("PHASE=RUN")), 303, 302, 200, 204);
            String phase = "QUEUED";
            long end = System.nanoTime() + timeout.toNanos();
            while (phase.equals("QUEUED") || phase.equals("EXECUTING") || phase.equals("PENDING")) {
                if (System.nanoTime() > end) {
                    throw new IOException("raw path: job " + job + " still " + phase + " after " + timeout);
                }
                String doc = new String(body(send(http, HttpRequest.newBuilder(
                        URI.create(job + "?WAIT=60&PHASE=" + phase)), 200)), StandardCharsets.UTF_8);
                Matcher m = PHASE.matcher(doc);
                phase = m.find() ? m.group(1) : "UNKNOWN";
            }
            if (!phase.equals("COMPLETED")) {
                throw new IOException("raw path: job " + job + " ended in phase " + phase);
            }
            byte[] result = body(send(http, HttpRequest.newBuilder(URI.create(job + "/results/result")), 200));
            delete(http, job);
            return result;
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                delete(http, job);
            } catch (IOException | RuntimeException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
    }

    private void delete(HttpClient http, URI job) throws IOException, InterruptedException {
        send(http, HttpRequest.newBuilder(job).DELETE(), 303, 302, 200, 204);
    }

    private HttpResponse<byte[]> send(HttpClient http, HttpRequest.Builder b, int... ok)
            throws IOException, InterruptedException {
        HttpRequest req = b.header("Accept-Encoding", "gzip").timeout(timeout).build();
        HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (Arrays.stream(ok).noneMatch(s -> s == resp.statusCode())) {
            throw new IOException("raw path: " + req.method() + " " + req.uri() + " answered HTTP " + resp.statusCode());
        }
        return resp;
    }

    private static byte[] body(HttpResponse<byte[]> resp) throws IOException {
        if (resp.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")
                && resp.body().length > 0) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(resp.body()))) {
                return in.readAllBytes();
            }
        }
        return resp.body();
    }

    /**
     * Checks, outside the timings, that the raw result holds the same rows as vokit's.
     *
     * @return the number of rows
     */
    private static long compare(byte[] raw, TapResult vokit, int round) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        VotableReader.read(new ByteArrayInputStream(raw), vokit.source(), new TableSink() {
            @Override
            public void acceptMetadata(StarTable meta) {
            }

            @Override
            public void acceptRow(Object[] row) {
                rows.add(row.clone());
            }

            @Override
            public void endRows() {
            }
        }, true);
        String where = round == 0 ? "the warm-up" : "run " + round;
        if (rows.size() != vokit.rowCount()) {
            throw new IOException("results differ in " + where + ": raw " + rows.size() + " rows, vokit "
                    + vokit.rowCount());
        }
        if (rows.isEmpty()) {
            throw new IOException("the query gave no rows in " + where + ": nothing to compare");
        }
        for (int i = 0; i < rows.size(); i++) {
            Object[] a = rows.get(i);
            if (a.length != vokit.table().getColumnCount()) {
                throw new IOException("results differ in " + where + ": raw " + a.length + " columns, vokit "
                        + vokit.table().getColumnCount());
            }
            for (int c = 0; c < a.length; c++) {
                if (!Objects.deepEquals(a[c], vokit.cell(i, c))) {
                    throw new IOException("results differ in " + where + " at row " + (i + 1) + ", column " + (c + 1)
                            + ": raw " + a[c] + ", vokit " + vokit.cell(i, c));
                }
            }
        }
        return rows.size();
    }
}
