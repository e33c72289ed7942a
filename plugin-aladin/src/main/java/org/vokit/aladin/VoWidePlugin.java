package org.vokit.aladin;

import cds.aladin.Aladin;
import cds.aladin.AladinPlugin;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vokit.datalink.SodaQuery;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.MergedTable;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressListener;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.vowide.VoWideQuery;
import uk.ac.starlink.table.StarTable;

/**
 * Tool › Plugins › vokit › <b>VO-wide query around the view centre…</b>, and the script command
 * {@code vowide}: every TAP table the registry knows with columns of a UCD (e.g. proper motions,
 * {@code pos.pm%}) is queried inside a cone, in parallel, and the rows arrive as one catalogue
 * plane with provenance columns.
 *
 * <pre>
 * vowide registry=http://127.0.0.1:8089/tap ucd=pos.pm% ra=40 dec=40 sr=60 timeout=5
 * </pre>
 *
 * <p>The reply begins with the number of rows in the new plane, then the engine's summary and
 * the tables that failed.
 */
public class VoWidePlugin extends AladinPlugin {

    /** The script command. */
    static final String COMMAND = "vowide";

    /** The keys the script command accepts. */
    static final Set<String> KEYS = Set.of("registry", "ucd", "ra", "dec", "sr", "timeout", "parallel", "name");

    private Map<String, String> last = Map.of("registry", "", "ucd", "pos.pm%", "sr", "1", "timeout", "30");

    /** Makes the plugin (Aladin calls this). */
    public VoWidePlugin() {
        // Aladin sets the field aladin afterwards
    }

    @Override
    public void setAladin(Aladin a) {
        super.setAladin(a);
        Siblings.register(this, a);
    }

    @Override
    public String menu() {
        return "VO-wide query around the view centre\u2026";
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
        return "Queries every TAP table of the registry with columns of a UCD inside a cone, in parallel, and loads"
                + " the merged rows as one catalogue plane.";
    }

    @Override
    public String scriptCommand() {
        return COMMAND;
    }

    @Override
    public String scriptHelp() {
        return "vowide registry=URL ucd=PATTERN ra=DEG dec=DEG sr=DEG [timeout=S] [parallel=N] [name=PLANE]";
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
            double[] centre = host.viewCentre();
            Map<String, String> values = new Form(COMMAND, "vokit: VO-wide query",
                    "Every TAP table of the registry with columns of this UCD, around the view centre.")
                    .field("registry", "Registry (RegTAP) URL", last.get("registry"))
                    .field("ucd", "UCD pattern", last.get("ucd"))
                    .field("ra", "RA (deg)", centre == null ? "" : Double.toString(centre[0]))
                    .field("dec", "Dec (deg)", centre == null ? "" : Double.toString(centre[1]))
                    .field("sr", "Radius (deg)", last.get("sr"))
                    .field("timeout", "Time per service (s)", last.get("timeout"))
                    .ask(host.window());
            if (values == null) {
                return;
            }
            last = Map.copyOf(values);
            ProgressWindow[] window = new ProgressWindow[1];
            Actions.menu(host, "VO-wide query", p -> window[0] = p,
                    () -> run(host, ScriptArgs.parse(COMMAND, Form.words(values), KEYS), window[0]));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            host.error("VO-wide query failed: " + e);
            host.showError("vokit: VO-wide query", String.valueOf(e));
        }
    }

    private static String run(AladinHost host, ScriptArgs a, ProgressWindow window) throws IOException {
        URI registry = a.url("registry");
        String ucd = a.text("ucd");
        double ra = a.number("ra");
        double dec = a.number("dec");
        double sr = a.number("sr");
        if (dec < -90 || dec > 90 || sr <= 0 || sr > 180) {
            throw new IllegalArgumentException(COMMAND + ": dec= must be in [-90, 90] and sr= in (0, 180]");
        }
        double seconds = a.number("timeout", 30);
        int parallel = (int) a.number("parallel", 4);
        if (seconds <= 0 || parallel < 1) {
            throw new IllegalArgumentException(COMMAND + ": timeout= and parallel= must be positive");
        }
        Duration timeout = Duration.ofMillis((long) (seconds * 1000));
        String name = a.text("name", String.format(Locale.ROOT, "vowide %s %.4f %+.4f r%s", ucd, ra, dec,
                SodaQuery.number(sr)));
        try (VoHttp http = VoHttp.newDefault();
                Fanout engine = Fanout.builder().http(http).parallel(parallel).taskTimeout(timeout).build()) {
            if (window != null) {
                window.onCancel(engine::cancel);
            }
            Registry reg = Registry.builder(registry).http(http).timeout(timeout).build();
            VoWideQuery q;
            try {
                q = VoWideQuery.builder(reg, ucd).cone(ra, dec, sr).http(http).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(COMMAND + ": " + e.getMessage());
            }
            MergedTable sink = MergedTable.of(q.columns());
            ProgressTally tally = new ProgressTally();
            ProgressListener listener = e -> {
                tally.onEvent(e);
                if (window != null) {
                    ProgressTally.Snapshot s = tally.snapshot();
                    window.progress(s.done(), s.tasks());
                    window.say(s.line("services"));
                }
            };
            VoWideQuery.Result r;
            try {
                r = q.run(engine, sink, listener);
            } catch (IOException e) {
                return "0 rows; failed: registry " + registry + ": " + Actions.message(e);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("cancelled");
            }
            String summary = r.report().summary() + "; failed: " + (r.report().failures().isEmpty() ? "none"
                    : String.join(", ", r.report().failures().stream().map(VoWidePlugin::describe).toList()));
            StarTable t = sink.table();
            if (t.getRowCount() == 0) {
                return "0 rows; no new plane: " + Actions.quote(name) + " found nothing; " + summary;
            }
            long n = host.addCatalogue(t, name);
            return Actions.rows(n) + " in new plane " + Actions.quote(name) + "; " + summary;
        }
    }

    private static String describe(Failure f) {
        return f.task() + " at " + f.accessUrl() + ": " + f.phase().name().toLowerCase(Locale.ROOT) + " "
                + f.errorClass() + ": " + f.message();
    }
}
