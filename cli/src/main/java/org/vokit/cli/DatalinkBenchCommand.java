package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code vokit datalink-bench} (hidden): times fetching the datalinks of N rows one request per
 * row against batches of several IDs per request.
 */
@Command(name = "datalink-bench", hidden = true, mixinStandardHelpOptions = true,
        description = {"Time fetching the datalinks of --rows rows: one request per row, then --batch IDs per request.",
            "The rows cycle through the dataset IDs of --query's result (whose datalink service descriptor is used)."})
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

    @Option(names = "--repeat", paramLabel = "N", description = "Runs of each kind (default: ${DEFAULT-VALUE}).")
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
            for (int b : new int[] {1, batch}) {
                DatalinkService s = DatalinkService.forTable(t, List.of(links)).orElseThrow().withHttp(http)
                        .withBatchSize(b);
                long[] ms = new long[repeat];
                long requests = 0;
                int failed = 0;
                s.fetchAll();
                for (int k = 0; k < repeat; k++) {
                    long t0 = System.nanoTime();
                    List<Datalink> all = s.fetchAll();
                    ms[k] = (System.nanoTime() - t0) / 1_000_000;
                    requests = all.stream().map(dl -> dl.document().orElse(null)).filter(d -> d != null)
                            .distinct().count();
                    failed = (int) all.stream().filter(dl -> !dl.ok()).count();
                }
                Arrays.sort(ms);
                out.printf("  %-22s median %5d ms  min %5d ms  (%d requests, %d rows failed, %d runs after one"
                        + " warm-up)%n", b == 1 ? "one request per row:" : "batches of " + b + ":", ms[repeat / 2],
                        ms[0], requests, failed, repeat);
            }
            out.flush();
        }
        return 0;
    }
}
