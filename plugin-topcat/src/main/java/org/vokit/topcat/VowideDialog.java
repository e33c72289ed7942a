package org.vokit.topcat;

import java.awt.Component;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComboBox;
import javax.swing.JTextField;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.vowide.VoWideQuery;

/**
 * "VO-wide query…": every TAP table the registry lists with columns matching a UCD pattern (SQL
 * LIKE, or a preset such as proper motions or photometry), asked for its rows in a cone, merged
 * into one table. Cancel also deletes the services' remote jobs (the fan-out engine's cancel).
 */
final class VowideDialog extends DiscoveryDialog {

    private static final long serialVersionUID = 1L;

    static final String TITLE = "VO-wide query";
    /** Presets offered in the UCD box (it also takes any pattern). */
    static final String[] PRESETS = {"pos.pm%", "phot.mag%", "phot.flux%", "pos.parallax%", "spect.dopplerVeloc%"};

    private final JComboBox<String> ucd = new JComboBox<>(PRESETS);
    private final JTextField ra = new JTextField(10);
    private final JTextField dec = new JTextField(10);
    private final JTextField radius = new JTextField(8);

    VowideDialog(Component parent, double[] position) {
        super(parent, TITLE);
        ucd.setEditable(true);
        ucd.setName("ucd");
        ra.setName("ra");
        dec.setName("dec");
        radius.setName("radius");
        if (position != null) {
            ra.setText(Double.toString(position[0]));
            dec.setText(Double.toString(position[1]));
        }
        radius.setText(TopcatEdge.prefs().get("radius", "0.1"));
        addField("UCD pattern (SQL LIKE)", ucd);
        addField("RA (deg, ICRS)", ra);
        addField("Dec (deg, ICRS)", dec);
        addField("Radius (deg)", radius);
        pack();
    }

    private String pattern() {
        Object o = ucd.getEditor().getItem();
        String s = o == null ? "" : o.toString().strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Give a UCD pattern, e.g. pos.pm%");
        }
        return s;
    }

    private static double number(String label, JTextField f) {
        try {
            return Double.parseDouble(f.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " must be a number, not \"" + f.getText().strip() + "\"");
        }
    }

    @Override
    void check() {
        pattern();
        double d = number("Dec", dec);
        number("RA", ra);
        if (d < -90 || d > 90) {
            throw new IllegalArgumentException("Dec must lie between -90 and 90, not " + d);
        }
        TopcatEdge.positive("Radius", radius.getText());
        TopcatEdge.prefs().put("radius", radius.getText().strip());
    }

    @Override
    String tableName() {
        return "VO-wide " + pattern() + " " + ra.getText().strip() + " " + dec.getText().strip()
                + " r=" + radius.getText().strip();
    }

    @Override
    Found search(String registry, Duration perService, ProgressTally tally) throws IOException, InterruptedException {
        String p = pattern();
        double r = number("RA", ra);
        double d = number("Dec", dec);
        double sr = TopcatEdge.positive("Radius", radius.getText());
        try (VoHttp http = VoHttp.builder().maxRetries(1).build();
             Fanout engine = Fanout.builder().http(http).taskTimeout(perService).build()) {
            onCancel(engine::cancel);
            try {
                Registry reg = Registry.builder(URI.create(registry)).http(http).timeout(perService).build();
                VoWideQuery q = VoWideQuery.builder(reg, p).cone(r, d, sr).http(http).metadataTimeout(perService)
                        .build();
                long t0 = System.nanoTime();
                VoWideQuery.Plan plan = q.plan(q.discover());
                tally.expect(plan.tasks().size());
                MergedTable merged = MergedTable.of(q.columns());
                FanoutReport report = q.runPlan(engine, plan, merged, tally, t0).report();
                List<String> failures = new ArrayList<>();
                for (Failure f : report.failures()) {
                    failures.add(f.line());
                }
                return new Found(merged.table(), report.tasks(), report.answered(), report.rows(), failures);
            } finally {
                onCancel(null);
            }
        }
    }
}
