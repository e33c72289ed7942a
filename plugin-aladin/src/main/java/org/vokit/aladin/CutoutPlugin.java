package org.vokit.aladin;

import cds.aladin.Aladin;
import cds.aladin.AladinPlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vokit.http.VoHttp;

/**
 * Tool › Plugins › vokit › <b>SODA cutout of the selected dataset…</b>, and the script command
 * {@code cutout}: the dataset's DataLink document names its SODA service; the cutout arrives
 * as a new image plane (an image) or goes to the SAMP spectrum viewers (a spectrum).
 *
 * <pre>
 * cutout datalink=http://127.0.0.1:8089/voimg/q/dl/dlmeta?ID=... circle=10,20,0.05
 * </pre>
 *
 * <p>The reply begins with the number of images put in the new plane ({@code 1 image in new
 * plane "img-f10p20-11-V cutout 10.0000 +20.0000 r0.05" (11x11 pixels); failed: none}); a cutout
 * that misses the data gives {@code 0 images; no overlap: ...}, a failing service
 * {@code 0 images; failed: ...}, bad arguments {@code error: ...}.
 */
public class CutoutPlugin extends AladinPlugin {

    /** The script command. */
    static final String COMMAND = "cutout";

    private String lastRadius = "0.05";

    /** Makes the plugin (Aladin calls this). */
    public CutoutPlugin() {
        // Aladin sets the field aladin afterwards
    }

    @Override
    public void setAladin(Aladin a) {
        super.setAladin(a);
        Siblings.register(this, a);
    }

    @Override
    public String menu() {
        return "SODA cutout of the selected dataset\u2026";
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
        return "Cuts a circle out of the selected dataset with the SODA service its DataLink document declares,"
                + " and loads the cutout as an image plane.";
    }

    @Override
    public String scriptCommand() {
        return COMMAND;
    }

    @Override
    public String scriptHelp() {
        return "cutout datalink=URL circle=RA,DEC,R [band=LO,HI] [id=DATASET] [timeout=S] [name=PLANE]";
    }

    @Override
    public boolean inSeparatedThread() {
        return true;
    }

    @Override
    public String execScriptCommand(String[] words) {
        AladinHost host = new AladinHost(aladin);
        return Actions.script(host, COMMAND, () -> run(host, ScriptArgs.parse(COMMAND, words, CutoutJob.KEYS)));
    }

    @Override
    public void exec() {
        AladinHost host = new AladinHost(aladin);
        try {
            List<AladinHost.Selected> sel = host.selectedSources();
            if (sel.isEmpty()) {
                host.error("SODA cutout: no dataset is selected; click one in the view first");
                host.showError("vokit: SODA cutout", "Select a dataset in the view first (a row of an image"
                        + " search, e.g. from the vicinity search with sia=).");
                return;
            }
            AladinHost.Selected s = sel.get(0);
            String datalink = Datalinks.find(s.names(), s.values()).orElse("");
            Map<String, String> values = new Form(COMMAND, "vokit: SODA cutout",
                    datalink.isEmpty() ? "The selected row has no DataLink URL: give one." : "Dataset of " + s.plane())
                    .field("datalink", "DataLink URL", datalink)
                    .field("circle", "Circle RA,DEC,R (deg)", String.format(Locale.ROOT, "%s,%s,%s", s.ra(), s.dec(),
                            lastRadius))
                    .ask(host.window());
            if (values == null) {
                return;
            }
            String c = values.getOrDefault("circle", "");
            int comma = c.lastIndexOf(',');
            if (comma > 0) {
                lastRadius = c.substring(comma + 1).strip();
            }
            Actions.menu(host, "SODA cutout",
                    () -> run(host, ScriptArgs.parse(COMMAND, Form.words(values), CutoutJob.KEYS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            host.error("SODA cutout failed: " + e);
            host.showError("vokit: SODA cutout", String.valueOf(e));
        }
    }

    private static String run(AladinHost host, ScriptArgs a) throws IOException {
        CutoutJob.Outcome o;
        Path dir = Actions.workDir();
        try (VoHttp http = VoHttp.newDefault()) {
            o = CutoutJob.run(a, http, dir);
        } catch (IOException e) {
            return "0 images; failed: " + a.text("datalink") + ": " + Actions.message(e);
        }
        if (o.cutout().noOverlap()) {
            return "0 images; no overlap: " + o.cutout().message() + "; failed: none";
        }
        switch (o.kind()) {
            case IMAGE -> {
                long[] wh = host.addImage(o.cutout().file(), o.plane());
                return "1 image in new plane " + Actions.quote(o.plane()) + " (" + wh[0] + "x" + wh[1]
                        + " pixels); failed: none";
            }
            case TABLE -> {
                Path lock = Path.of(System.getProperty("user.home"), ".samp");
                List<String> to = Spectra.send(lock, o.cutout().file(), o.plane());
                return "0 images; " + (to.isEmpty()
                        ? "spectrum " + Actions.quote(o.plane()) + " saved as " + o.cutout().file()
                                + " (no SAMP spectrum viewer connected)"
                        : "spectrum " + Actions.quote(o.plane()) + " sent over SAMP to " + String.join(", ", to))
                        + "; failed: none";
            }
            default -> {
                return "0 images; the cutout (" + o.cutout().contentType() + ") is not an image; saved as "
                        + o.cutout().file() + "; failed: none";
            }
        }
    }
}
