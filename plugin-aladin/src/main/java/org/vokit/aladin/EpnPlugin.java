package org.vokit.aladin;

import cds.aladin.Aladin;
import cds.aladin.AladinPlugin;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntBinaryOperator;
import org.vokit.epntap.EpnQuery;
import org.vokit.epntap.EpnTable;
import org.vokit.epntap.EpnTap;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressListener;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * Tool › Plugins › vokit › <b>EPN-TAP discovery…</b>, and the script command {@code epn}: every
 * EPN-TAP (Solar System) table the registry knows is queried in parallel, and the granules
 * found arrive as one catalogue plane with provenance columns.
 *
 * <pre>
 * epn registry=http://127.0.0.1:8089/tap target=Mars product=sp
 * </pre>
 *
 * <p>The reply begins with the number of rows in the new plane ({@code 2 rows in new plane
 * "epn Mars sp"; 1 of 1 tables answered; failed: none}); tables that fail are named after
 * {@code failed:}, and never spoil the others' rows.
 */
public class EpnPlugin extends AladinPlugin {

    /** The script command. */
    static final String COMMAND = "epn";

    /** The keys the script command accepts. */
    static final Set<String> KEYS = Set.of("registry", "target", "product", "instrument", "maxrec", "timeout",
            "parallel", "name");

    private Map<String, String> last = Map.of("registry", "", "target", "Mars", "product", "sp", "timeout", "30");

    /** Makes the plugin (Aladin calls this). */
    public EpnPlugin() {
        // Aladin sets the field aladin afterwards
    }

    @Override
    public void setAladin(Aladin a) {
        super.setAladin(a);
        Siblings.register(this, a);
    }

    @Override
    public String menu() {
        return "EPN-TAP discovery\u2026";
    }

    @Override
    public String category() {
        return "vokit";
    }

    @Override
    public String author() {
        return "vokit";
    }

    @Override
    public String description() {
        return "Queries every EPN-TAP table the registry knows, in parallel, and loads the granules found as one"
                + " catalogue plane.";
    }

    @Override
    public String scriptCommand() {
        return COMMAND;
    }

    @Override
    public String scriptHelp() {
        return "epn registry=URL [target=NAME] [product=CODE] [instrument=NAME] [maxrec=N] [timeout=S]"
                + " [parallel=N] [name=PLANE]";
    }

    @Override
    public boolean inSeparatedThread() {
        return true;
    }

    @Override
    public String execScriptCommand(String[] words) {
        AladinHost host = new AladinHost(aladin);
        return Actions.script(host, COMMAND, () -> run(host, ScriptArgs.parse(COMMAND, words, KEYS), null));
    }

    @Override
    public void exec() {
        AladinHost host = new AladinHost(aladin);
        try {
            Map<String, String> values = new Form(COMMAND, "vokit: EPN-TAP discovery",
                    "Every EPN-TAP table of the registry, in parallel.")
                    .field("registry", "Registry (RegTAP) URL", last.get("registry"))
                    .field("target", "Target name", last.get("target"))
                    .field("product", "Product type (im, sp, ...)", last.get("product"))
                    .field("timeout", "Time per table (s)", last.get("timeout"))
                    .ask(host.window());
            if (values == null) {
                return;
            }
            last = Map.copyOf(values);
            ProgressWindow[] window = new ProgressWindow[1];
            Actions.menu(host, "EPN-TAP discovery", p -> window[0] = p,
                    () -> run(host, ScriptArgs.parse(COMMAND, Form.words(values), KEYS),
                            (done, total) -> {
                                if (window[0] != null) {
                                    window[0].progress(done, total);
                                }
                                return 0;
                            }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            host.error("EPN-TAP discovery failed: " + e);
            host.showError("vokit: EPN-TAP discovery", String.valueOf(e));
        }
    }

    private static String run(AladinHost host, ScriptArgs a, IntBinaryOperator progress)
            throws IOException, InterruptedException {
        URI registry = a.url("registry");
        EpnQuery.Builder b = EpnQuery.builder();
        if (a.has("target")) {
            b.target(a.text("target").split(","));
        }
        if (a.has("product")) {
            b.productTypes(a.text("product").split(","));
        }
        if (a.has("instrument")) {
            b.instrument(a.text("instrument"));
        }
        if (a.has("maxrec")) {
            b.maxrec((long) a.number("maxrec"));
        }
        EpnQuery query;
        try {
            query = b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COMMAND + ": " + e.getMessage());
        }
        double seconds = a.number("timeout", 30);
        int parallel = (int) a.number("parallel", 4);
        if (seconds <= 0 || parallel < 1) {
            throw new IllegalArgumentException(COMMAND + ": timeout= and parallel= must be positive");
        }
        Duration timeout = Duration.ofMillis((long) (seconds * 1000));
        String name = a.text("name", "epn" + (a.has("target") ? " " + a.text("target") : "")
                + (a.has("product") ? " " + a.text("product") : ""));
        try (VoHttp http = VoHttp.newDefault()) {
            List<EpnTable> tables;
            try {
                tables = EpnTap.discover(Registry.builder(registry).http(http).timeout(timeout).build());
            } catch (IOException e) {
                return "0 rows; failed: registry " + registry + ": " + Actions.message(e);
            }
            if (tables.isEmpty()) {
                return "0 rows; no new plane: the registry at " + registry + " lists no EPN-TAP tables; failed: none";
            }
            ProgressTally tally = new ProgressTally();
            tally.expect(tables.size());
            ProgressListener listener = e -> {
                tally.onEvent(e);
                if (progress != null) {
                    ProgressTally.Snapshot s = tally.snapshot();
                    progress.applyAsInt(s.done(), s.tasks());
                }
            };
            MergedTable store = EpnTap.result(StoragePolicy.PREFER_MEMORY);
            FanoutReport report;
            try (Fanout engine = Fanout.builder().http(http).parallel(parallel).taskTimeout(timeout).build()) {
                report = EpnTap.search(tables, query, engine, store, listener);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("cancelled");
            }
            StarTable t = EpnPositions.add(store.table());
            String summary = report.answered() + " of " + report.tasks() + " tables answered; failed: "
                    + (report.failures().isEmpty() ? "none"
                            : String.join(", ", report.failures().stream().map(Failure::line).toList()));
            if (t.getRowCount() == 0) {
                return "0 rows; no new plane: " + Actions.quote(name) + " found nothing; " + summary;
            }
            long n = host.addCatalogue(t, name);
            return Actions.rows(n) + " in new plane " + Actions.quote(name) + "; " + summary;
        }
    }
}
