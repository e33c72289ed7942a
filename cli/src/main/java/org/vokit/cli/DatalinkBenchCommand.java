package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.datalink.Datalink;
import org.vokit.datalink.DatalinkService;
import org.vokit.datalink.ServiceDescriptor;
import org.vokit.http.VoHttp;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

/**
 * {@code vokit bench datalink}: times fetching the datalinks of N rows one request per row
 * against batches of several IDs per request, in alternation. A row whose links could not be
 * fetched fails the benchmark: its times are not printed.
 */
@Command(name = "datalink", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time fetching the datalinks of --rows rows: one request per row vs --batch IDs per request, "
                + "alternating after one warm-up of each.",
            "The rows cycle through the dataset IDs of --query's result (whose datalink service descriptor is used).",
            "A row whose links fail stops the benchmark (exit status 1)."})
final class DatalinkBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--service", paramLabel = "URL", description = "TAP service (default: ${DEFAULT-VALUE}).")
    String service = "http://127.0.0.1:8089/tap";

    @Option(names = "--query", paramLabel = "ADQL", description = "Query whose rows carry datalinks "
            + "(default: ${DEFAULT-VALUE}).")
    String query = "SELECT pub_did FROM voimg.main ORDER BY pub_did";

    @Option(names = "--rows", paramLabel = "N", description = "Rows to fetch datalinks for (default: ${DEFAULT-VALUE}).")
    int rows = 100;

    @Option(names = "--batch", paramLabel = "N", description = "IDs per request when batching (default: ${DEFAULT-VALUE}).")
    int batch = 25;

    @Option(names = {"--runs", "--repeat"}, paramLabel = "N",
            description = "Measured runs of each kind (default: ${DEFAULT-VALUE}).")
    int repeat = 5;

    @Override
    public Integer call() throws IOException {
        if (rows < 1 || batch < 2 || repeat < 1) {
            throw new IllegalArgumentException("--rows and --repeat must be at least 1, --batch at least 2");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (VoHttp http = VoHttp.newDefault()) {
            TapResult r = TapService.builder(DatalinkCommand.url("--service", service)).http(http).build()
                    .runSync(query);
            DatalinkService found = DatalinkService.forResult(r).orElseThrow(() -> new IllegalArgumentException(
                    "the result of --query declares no datalink service with an ID column"));
            ServiceDescriptor links = found.linksDescriptor().orElseThrow(() -> new IllegalArgumentException(
                    "the result of --query links rows by access URL, which cannot be batched"));
            int idCol = found.idColumn();
            List<Object> ids = new ArrayList<>();
            for (long i = 0; i < r.rowCount(); i++) {
                ids.add(r.cell(i, idCol));
            }
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("--query gave no rows");
            }
            RowListStarTable t = new RowListStarTable(new ColumnInfo[] {r.table().getColumnInfo(idCol)});
            for (int i = 0; i < rows; i++) {
                t.addRow(new Object[] {ids.get(i % ids.size())});
            }
            out.printf("datalinks of %d rows (%d distinct datasets) from %s%n", rows, ids.size(),
                    found.endpoint().map(URI::toString).orElse("?"));
            DatalinkService one = DatalinkService.forTable(t, List.of(links)).orElseThrow().withHttp(http)
                    .withBatchSize(1);
            DatalinkService many = DatalinkService.forTable(t, List.of(links)).orElseThrow().withHttp(http)
                    .withBatchSize(batch);
            List<Double> perRow = new ArrayList<>();
            List<Double> batched = new ArrayList<>();
            long[] requests = new long[2];
            for (int k = 0; k <= repeat; k++) {
                // k = 0 is the warm-up of each, not counted
                double a = fetch(one, requests, 0);
                double b = fetch(many, requests, 1);
                if (k > 0) {
                    perRow.add(a);
                    batched.add(b);
                }
            }
            BenchStats a = BenchStats.of(perRow);
            BenchStats b = BenchStats.of(batched);
            out.printf("  one request per row:  %s (%d requests)%n", a.seconds(), requests[0]);
            out.printf("  batches of %-3d        %s (%d requests)%n", batch, b.seconds(), requests[1]);
            out.printf("  batched / per row: %.2f (%d runs each, alternating after one warm-up)%n",
                    b.median() / a.median(), repeat);
            out.flush();
        }
        return 0;
    }

    /** Fetches every row's links once; returns the seconds taken, and fails if any row failed. */
    private double fetch(DatalinkService s, long[] requests, int slot) throws IOException {
        long t0 = System.nanoTime();
        List<Datalink> all = s.fetchAll();
        double secs = (System.nanoTime() - t0) / 1e9;
        List<Datalink> failed = all.stream().filter(dl -> !dl.ok()).toList();
        if (!failed.isEmpty() || all.size() != rows) {
            throw new IOException((failed.isEmpty() ? all.size() + " of " + rows + " rows came back"
                    : failed.size() + " of " + rows + " rows failed, the first (row " + (failed.get(0).rowIndex() + 1)
                    + "): " + Failures.describe(failed.get(0).failure().orElseThrow()))
                    + " (batch size " + (slot == 0 ? 1 : batch) + ")");
        }
        requests[slot] = all.stream().map(dl -> dl.document().orElse(null)).filter(d -> d != null).distinct().count();
        return secs;
    }
}
