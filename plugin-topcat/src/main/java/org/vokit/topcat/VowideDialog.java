package org.vokit.topcat;

import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JTextField;
import javax.swing.event.ListSelectionListener;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.http.VoHttp;
import org.vokit.investigator.SkyPosition;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.vowide.VoWideQuery;
import org.vokit.vowide.VoWideResume;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.topcat.ControlWindow;
import uk.ac.starlink.topcat.TopcatListener;
import uk.ac.starlink.topcat.TopcatModel;

/**
 * "VO-wide query…": every TAP table the registry lists with columns matching a UCD pattern (SQL
 * LIKE, or a preset such as proper motions or photometry), asked for its rows in a cone, merged
 * into one table. The cone's centre is the highlighted row of the current table, a typed RA/Dec
 * (degrees or sexagesimal), or an object name looked up in the current table's identifier column
 * (see {@link PositionChoice}). Cancel also deletes the services' remote jobs (the fan-out
 * engine's cancel); "Retry failed services" asks again only the services that failed, keeping
 * the other rows (as {@code vokit vowide --resume} does).
 */
final class VowideDialog extends DiscoveryDialog {

    private static final long serialVersionUID = 1L;

    static final String TITLE = "VO-wide query";
    /** Presets offered in the UCD box (it also takes any pattern). */
    static final String[] PRESETS = {"pos.pm%", "phot.mag%", "phot.flux%", "pos.parallax%", "spect.dopplerVeloc%"};

    private final JComboBox<String> ucd = new JComboBox<>(PRESETS);
    private final JRadioButton fromRow = new JRadioButton("Highlighted row");
    private final JRadioButton fromTyped = new JRadioButton("Typed RA, Dec");
    private final JRadioButton fromName = new JRadioButton("Name in the current table");
    private final JTextField ra = new JTextField(12);
    private final JTextField dec = new JTextField(12);
    private final JTextField object = new JTextField(16);
    private final JLabel where = new JLabel(" ");
    private final JTextField radius = new JTextField(8);
    /** Only the row source depends on the highlight (the name look-up need not scan on every event). */
    private final transient TopcatListener rowListener = e -> {
        if (fromRow.isSelected()) {
            refresh();
        }
    };
    private final transient ListSelectionListener tableListener = e -> follow();
    private transient TopcatModel watched;
    /** What the search being started asks for (set on the event thread before the worker starts). */
    private volatile Ask ask;
    /** The last run, for "Retry failed services" (null before the first, or after a cancel). */
    private volatile Last last;
    /** Rows the last retry kept from the run before. */
    private volatile long keptRows;

    /** What one search asks. */
    private record Ask(String pattern, PositionChoice.Resolved position, double radius, String radiusText) {
    }

    /** What the last run found and how, kept so that its failed services can be asked again. */
    private record Last(Ask ask, String registry, StarTable merged, List<Failure> failures,
                        List<VoWideQuery.ServiceTables> services) {
    }

    VowideDialog(Component parent) {
        super(parent, TITLE);
        ucd.setEditable(true);
        ucd.setName("ucd");
        fromRow.setName("from-row");
        fromTyped.setName("from-typed");
        fromName.setName("from-name");
        ra.setName("ra");
        dec.setName("dec");
        object.setName("object");
        where.setName("position");
        radius.setName("radius");
        ButtonGroup g = new ButtonGroup();
        JPanel choice = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        for (JRadioButton b : List.of(fromRow, fromTyped, fromName)) {
            g.add(b);
            choice.add(b);
            b.addActionListener(e -> refresh());
        }
        radius.setText(TopcatEdge.prefs().get("radius", "0.1"));
        addField("UCD pattern (SQL LIKE)", ucd);
        addField("Position from", choice);
        addField("RA (deg or h:m:s, ICRS)", ra);
        addField("Dec (deg or d:m:s, ICRS)", dec);
        addField("Object name", object);
        addField("Cone centre", where);
        addField("Radius (deg)", radius);
        TopcatModel tm = ControlWindow.getInstance().getCurrentModel();
        (tm != null && tm.getActivatedSubset().getRowIndex() >= 0 ? fromRow : fromTyped).setSelected(true);
        // typing a position or a name chooses it
        typingChooses(ra, fromTyped);
        typingChooses(dec, fromTyped);
        typingChooses(object, fromName);
        // follow TOPCAT's current table and its highlighted row while the dialog shows
        addComponentListener(new ComponentAdapter() {
            @Override
            public void componentShown(ComponentEvent e) {
                ControlWindow.getInstance().getTablesList().addListSelectionListener(tableListener);
                follow();
            }

            @Override
            public void componentHidden(ComponentEvent e) {
                ControlWindow.getInstance().getTablesList().removeListSelectionListener(tableListener);
                watch(null);
            }
        });
        refresh();
        pack();
    }

    private void typingChooses(JTextField f, JRadioButton b) {
        TopcatEdge.onEdit(f, () -> {
            if (!f.getText().isBlank()) {
                b.setSelected(true);
            }
            refresh();
        });
    }

    /** Listens to the current table's row highlights (TOPCAT's activated row). */
    private void follow() {
        watch(ControlWindow.getInstance().getCurrentModel());
        refresh();
    }

    private void watch(TopcatModel tm) {
        if (watched == tm) {
            return;
        }
        if (watched != null) {
            watched.removeTopcatListener(rowListener);
        }
        watched = tm;
        if (tm != null) {
            tm.addTopcatListener(rowListener);
        }
    }

    private PositionChoice.Source source() {
        return fromRow.isSelected() ? PositionChoice.Source.ROW
                : fromName.isSelected() ? PositionChoice.Source.NAME : PositionChoice.Source.TYPED;
    }

    /** Shows the cone centre the search would use now, or why there is none. */
    private void refresh() {
        String text;
        try {
            text = resolve().describe();
        } catch (IllegalArgumentException e) {
            text = e.getMessage();
        }
        where.setText(text);
    }

    private PositionChoice.Resolved resolve() {
        TopcatModel tm = ControlWindow.getInstance().getCurrentModel();
        return switch (source()) {
            case ROW -> PositionChoice.highlighted(tm);
            case NAME -> PositionChoice.named(tm, object.getText());
            case TYPED -> PositionChoice.typed(ra.getText(), dec.getText());
        };
    }

    private String pattern() {
        Object o = ucd.getEditor().getItem();
        String s = o == null ? "" : o.toString().strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Give a UCD pattern, e.g. pos.pm%");
        }
        return s;
    }

    @Override
    void check() {
        String p = pattern();
        PositionChoice.Resolved pos = resolve();
        double r = TopcatEdge.positive("Radius", radius.getText());
        TopcatEdge.prefs().put("radius", radius.getText().strip());
        ask = new Ask(p, pos, r, radius.getText().strip());
    }

    @Override
    String tableName() {
        return name(ask);
    }

    private static String name(Ask a) {
        return "VO-wide " + a.pattern() + " " + a.position().label() + " r=" + a.radiusText();
    }

    @Override
    Found search(String registry, Duration perService, ProgressTally tally) throws IOException, InterruptedException {
        Ask a = ask;
        last = null;
        try (VoHttp http = VoHttp.builder().maxRetries(1).build();
             Fanout engine = Fanout.builder().http(http).taskTimeout(perService).build()) {
            onCancel(engine::cancel);
            try {
                VoWideQuery q = query(a, registry, http, perService);
                long t0 = System.nanoTime();
                List<VoWideQuery.ServiceTables> services = q.discover();
                VoWideQuery.Plan plan = q.plan(services);
                tally.expect(plan.tasks().size());
                MergedTable merged = MergedTable.of(q.columns());
                FanoutReport report = q.runPlan(engine, plan, merged, tally, t0).report();
                StarTable table = merged.table();
                if (!Thread.currentThread().isInterrupted()) {
                    last = new Last(a, registry, table, report.failures(), services);
                }
                return found(table, report);
            } finally {
                onCancel(null);
            }
        }
    }

    private static VoWideQuery query(Ask a, String registry, VoHttp http, Duration perService) {
        Registry reg = Registry.builder(URI.create(registry)).http(http).timeout(perService).build();
        SkyPosition p = a.position().position();
        return VoWideQuery.builder(reg, a.pattern()).cone(p.ra(), p.dec(), a.radius()).http(http)
                .metadataTimeout(perService).build();
    }

    private static Found found(StarTable table, FanoutReport report) {
        List<String> failures = new ArrayList<>();
        for (Failure f : report.failures()) {
            failures.add(f.line());
        }
        return new Found(table, report.tasks(), report.answered(), report.rows(), failures);
    }

    @Override
    String summary(Found r, boolean again) {
        if (!again) {
            return super.summary(r, again);
        }
        return r.rows() + " rows (" + keptRows + " kept, " + (r.rows() - keptRows) + " new) from " + r.answered()
                + " of " + r.tasks() + " services asked again, " + r.failures().size() + " failed";
    }

    @Override
    boolean offersRetry() {
        return true;
    }

    @Override
    boolean canRetry() {
        Last l = last;
        return l != null && !l.failures().isEmpty();
    }

    @Override
    String retryName() {
        return name(last.ask()) + " retried";
    }

    /**
     * Asks again only what failed in the last run: the tasks that failed with their query (as
     * {@code vokit vowide --resume}), and the services whose metadata could not be read (planned
     * again); the rows of the services that answered are kept.
     */
    @Override
    Found retry(Duration perService, ProgressTally tally) throws IOException, InterruptedException {
        Last l = last;
        try (VoHttp http = VoHttp.builder().maxRetries(1).build();
             Fanout engine = Fanout.builder().http(http).taskTimeout(perService).build()) {
            onCancel(engine::cancel);
            try {
                VoWideQuery q = query(l.ask(), l.registry(), http, perService);
                VoWideResume again = VoWideResume.of(l.merged(), l.failures(), q, l.services());
                tally.expect(again.tasks());
                VoWideResume.Outcome o = again.run(engine, tally);
                keptRows = o.kept();
                // the report counts the tasks the kept rows came from; the panel counts those asked now
                FanoutReport r = o.report();
                FanoutReport report = new FanoutReport(r.tasks() - o.keptAnswers(), r.answered() - o.keptAnswers(),
                        r.rows(), r.failures(), r.elapsed());
                StarTable table = o.merged().table();
                if (!Thread.currentThread().isInterrupted()) {
                    last = new Last(l.ask(), l.registry(), table, r.failures(), l.services());
                }
                return found(table, report);
            } finally {
                onCancel(null);
            }
        }
    }
}
