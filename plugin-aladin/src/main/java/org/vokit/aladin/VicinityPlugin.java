package org.vokit.aladin;

import cds.aladin.Aladin;
import cds.aladin.AladinPlugin;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.vokit.http.VoHttp;

/**
 * Tool › Plugins › vokit › <b>Vicinity search around the selected source…</b>, and the script
 * command {@code vicinity}: one cone search, SIA 1 or TAP service around a position, the
 * result as a new catalogue plane named after the query.
 *
 * <pre>
 * vicinity cone=http://127.0.0.1:8089/vostars/q/cone/scs.xml? ra=10 dec=20 radius=0.1
 * vicinity sia=http://127.0.0.1:8089/voimg/q/im/siap.xml? ra=10 dec=20 radius=0.1
 * vicinity tap=http://127.0.0.1:8089/tap table=vostars.main ra=150 dec=2.2 radius=0.05
 * vicinity tap=URL query=SELECT%20*%20FROM%20t%20WHERE%20...{ra}...{dec}...{radius} ra=.. dec=.. radius=..
 * </pre>
 *
 * <p>The reply begins with the number of rows in the new plane ({@code 33 rows in new plane
 * "vostars cone 10.0000 +20.0000 r0.1"; failed: none}); a failing service gives {@code 0 rows;
 * failed: ...}, bad arguments {@code error: ...}.
 */
public class VicinityPlugin extends AladinPlugin {

    /** The script command. */
    static final String COMMAND = "vicinity";

    private Map<String, String> last = Map.of("radius", "0.05");

    /** Makes the plugin (Aladin calls this). */
    public VicinityPlugin() {
        // Aladin sets the field aladin afterwards
    }

    @Override
    public void setAladin(Aladin a) {
        super.setAladin(a);
        Siblings.register(this, a);
    }

    @Override
    public String menu() {
        return "Vicinity search around the selected source\u2026";
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
        return "Searches one cone search, SIA or TAP service around the selected source (or a position)"
                + " and loads the result as a catalogue plane named after the query.";
    }

    @Override
    public String scriptCommand() {
        return COMMAND;
    }

    @Override
    public String scriptHelp() {
        return "vicinity cone=URL|sia=URL|tap=URL [table=T [racol=ra] [deccol=dec] | query=ADQL%20TEMPLATE]"
                + " ra=DEG dec=DEG radius=DEG [maxrec=N] [timeout=S] [name=PLANE]";
    }

    @Override
    public boolean inSeparatedThread() {
        return true;
    }

    @Override
    public String execScriptCommand(String[] words) {
        AladinHost host = new AladinHost(aladin);
        return Actions.script(host, COMMAND, () -> run(host, ScriptArgs.parse(COMMAND, words, Vicinity.KEYS)));
    }

    @Override
    public void exec() {
        AladinHost host = new AladinHost(aladin);
        try {
            List<AladinHost.Selected> sel = host.selectedSources();
            if (sel.isEmpty()) {
                host.error("Vicinity search: no source is selected; click one in the view first");
                host.showError("vokit: Vicinity search", "Select a source in the view first (click on it).");
                return;
            }
            AladinHost.Selected s = sel.get(0);
            Map<String, String> values = new Form(COMMAND, "vokit: Vicinity search",
                    "Around " + s.plane() + " source at " + String.format(java.util.Locale.ROOT, "%.5f %+.5f",
                            s.ra(), s.dec()) + "; give ONE of the three services.")
                    .field("cone", "Cone search URL", last.get("cone"))
                    .field("sia", "SIA URL", last.get("sia"))
                    .field("tap", "TAP URL", last.get("tap"))
                    .field("table", "TAP table (with ra, dec columns)", last.get("table"))
                    .field("radius", "Radius (deg)", last.get("radius"))
                    .field("ra", "RA (deg)", Double.toString(s.ra()))
                    .field("dec", "Dec (deg)", Double.toString(s.dec()))
                    .ask(host.window());
            if (values == null) {
                return;
            }
            last = Map.copyOf(values);
            Actions.menu(host, "Vicinity search",
                    () -> run(host, ScriptArgs.parse(COMMAND, Form.words(values), Vicinity.KEYS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            host.error("Vicinity search failed: " + e);
            host.showError("vokit: Vicinity search", String.valueOf(e));
        }
    }

    private static String run(AladinHost host, ScriptArgs a) throws IOException {
        Vicinity.Outcome o;
        try (VoHttp http = VoHttp.newDefault()) {
            o = Vicinity.run(a, http);
        } catch (IOException e) {
            String kind = a.oneOf("cone", "sia", "tap");
            URI url = a.url(kind);
            return "0 rows; failed: " + kind + " " + url + ": " + Actions.message(e);
        }
        if (o.rows() == 0) {
            return "0 rows; no new plane: " + Actions.quote(o.plane()) + " found nothing; failed: none";
        }
        long n = host.addCatalogue(o.table(), o.plane());
        return Actions.rows(n) + " in new plane " + Actions.quote(o.plane())
                + (o.overflowed() ? "; overflow: the service stopped at its row limit" : "") + "; failed: none";
    }
}
