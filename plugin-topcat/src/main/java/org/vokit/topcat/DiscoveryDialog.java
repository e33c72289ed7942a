package org.vokit.topcat;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GridBagLayout;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.prefs.Preferences;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.progress.ProgressTally;
import uk.ac.starlink.table.StarTable;

/**
 * A VO menu dialog that runs a search over many services: its own fields above, the registry
 * and per-service timeout (remembered in TOPCAT's preferences), a progress panel (services done
 * and failed, rows so far), Search and Cancel, and the failure report. The search runs on its own
 * thread; Cancel interrupts it, which stops every service's request. The merged result becomes a
 * new TOPCAT table.
 */
abstract class DiscoveryDialog extends JDialog {

    private static final long serialVersionUID = 1L;

    /** The default registry: a public RegTAP service (users set their own; tests a local one). */
    static final String DEFAULT_REGISTRY = "http://reg.g-vo.org/tap";

    final JPanel fields = new JPanel(new GridBagLayout());
    final JTextField registry = new JTextField(30);
    final JTextField timeout = new JTextField(6);
    private final JLabel progress = new JLabel("Not started");
    private final JProgressBar bar = new JProgressBar();
    private final JTextArea failures = new JTextArea(6, 50);
    private final JButton search = new JButton("Search");
    private final JButton cancel = new JButton("Cancel");
    private final JButton retry = new JButton("Retry failed services");
    private volatile ProgressTally tally = new ProgressTally();
    private final Timer ticker = new Timer(250, e -> showProgress());
    private int row;
    private volatile Thread worker;
    private volatile Runnable canceller;
    private volatile String lastResult = "";

    DiscoveryDialog(Component parent, String title) {
        super(SwingUtilities.getWindowAncestor(parent), title);
        setName(title);
        Preferences p = TopcatEdge.prefs();
        registry.setText(p.get("registry", DEFAULT_REGISTRY));
        timeout.setText(p.get("serviceTimeout", "60"));
        registry.setName("registry");
        timeout.setName("timeout");
        progress.setName("progress");
        failures.setName("failures");
        search.setName("search");
        cancel.setName("cancel");
        retry.setName("retry");
        retry.setEnabled(false);
        retry.setToolTipText("Ask again only the services that failed; keep the other rows");
        failures.setEditable(false);
        cancel.setEnabled(false);
        addField("Registry (RegTAP URL)", registry);
        addField("Timeout per service (s)", timeout);
        JPanel south = new JPanel(new BorderLayout());
        JPanel status = new JPanel(new BorderLayout());
        status.add(progress, BorderLayout.NORTH);
        status.add(bar, BorderLayout.CENTER);
        south.add(status, BorderLayout.NORTH);
        south.add(new JScrollPane(failures), BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        JButton close = new JButton("Close");
        close.setName("close");
        buttons.add(search);
        buttons.add(cancel);
        if (offersRetry()) {
            buttons.add(retry);
        }
        buttons.add(close);
        south.add(buttons, BorderLayout.SOUTH);
        getContentPane().add(fields, BorderLayout.NORTH);
        getContentPane().add(south, BorderLayout.CENTER);
        search.addActionListener(e -> start(false));
        retry.addActionListener(e -> start(true));
        cancel.addActionListener(e -> cancel());
        close.addActionListener(e -> setVisible(false));
    }

    final void addField(String label, java.awt.Component c) {
        TopcatEdge.formRow(fields, row++, label, (javax.swing.JComponent) c);
    }

    /**
     * What a search found.
     *
     * @param table the merged rows
     * @param tasks services (or tables) asked
     * @param answered how many answered
     * @param rows rows found
     * @param failures one line per failed service, naming it and its message
     */
    record Found(StarTable table, int tasks, int answered, long rows, List<String> failures) {
    }

    /**
     * Runs the search (on the worker thread).
     *
     * @param registry the registry's TAP URL
     * @param perService the time each service may take
     * @param tally progress
     * @return what was found
     * @throws IOException if the search cannot run at all
     * @throws InterruptedException if cancelled
     */
    abstract Found search(String registry, Duration perService, ProgressTally tally)
            throws IOException, InterruptedException;

    /**
     * Sets what Cancel does besides interrupting the search's thread (e.g. deleting remote jobs).
     *
     * @param r the action, or null
     */
    void onCancel(Runnable r) {
        canceller = r;
    }

    /**
     * Runs a search through the fan-out engine and maps its report.
     *
     * @param perService per-task timeout
     * @param rows the merged result the search fills (e.g. {@code EpnTap.result(...)})
     * @param how the search
     * @return what was found
     * @throws IOException if it cannot run
     * @throws InterruptedException if cancelled
     */
    static Found bounded(Duration perService, MergedTable rows, BoundedRun how) throws IOException, InterruptedException {
        FanoutReport r;
        try (Fanout engine = Fanout.builder().taskTimeout(perService).build()) {
            r = how.run(engine, rows);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
        List<String> failures = new java.util.ArrayList<>();
        for (Failure f : r.failures()) {
            failures.add(f.line());
        }
        return new Found(rows.table(), r.tasks(), r.answered(), r.rows(), failures);
    }

    /** A search run by {@link #bounded}. */
    interface BoundedRun {
        /**
         * @param engine the fan-out engine
         * @param rows the sink
         * @return the report
         * @throws IOException if it cannot run
         */
        FanoutReport run(Fanout engine, MergedTable rows) throws IOException;
    }

    /**
     * Checks the fields (on the event thread) and remembers them.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    abstract void check();

    /** @return the name of the new table, after what was asked */
    abstract String tableName();

    /** @return true if this dialog has a "Retry failed services" button (a constant per class) */
    boolean offersRetry() {
        return false;
    }

    /** @return true when the last run left failed services that {@link #retry} can ask again */
    boolean canRetry() {
        return false;
    }

    /** @return the name of the table a retry makes */
    String retryName() {
        throw new UnsupportedOperationException("no retry in " + getTitle());
    }

    /**
     * Asks again only the services that failed in the last run (on the worker thread), keeping
     * the rows of the others.
     *
     * @param perService the time each service may take
     * @param tally progress
     * @return the merged result: the kept rows and the new answers
     * @throws IOException if it cannot run at all
     * @throws InterruptedException if cancelled
     */
    Found retry(Duration perService, ProgressTally tally) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("no retry in " + getTitle());
    }

    /**
     * Says what a run found, in one line.
     *
     * @param r what it found
     * @param again true for a retry
     * @return e.g. {@code "120 rows from 3 of 4 services, 1 failed"}
     */
    String summary(Found r, boolean again) {
        return r.rows() + " rows from " + r.answered() + " of " + r.tasks() + " services, " + r.failures().size()
                + " failed";
    }

    /** @return what the last run did, one line (for tests and the status line) */
    String lastResult() {
        return lastResult;
    }

    /** @return true while a search runs */
    boolean running() {
        return worker != null;
    }

    private void start(boolean again) {
        Duration perService;
        String name;
        try {
            if (again && !canRetry()) {
                throw new IllegalArgumentException("Nothing to retry: the last search had no failed services");
            }
            if (!again) {
                check();
            }
            perService = Duration.ofMillis((long) (TopcatEdge.positive("Timeout", timeout.getText()) * 1000));
            name = again ? retryName() : tableName();
        } catch (IllegalArgumentException e) {
            // shown after the click has returned, as the other error dialogs are
            SwingUtilities.invokeLater(() -> JOptionPane.showMessageDialog(this, e.getMessage(), getTitle(),
                    JOptionPane.ERROR_MESSAGE));
            return;
        }
        String regUrl = registry.getText().strip();
        TopcatEdge.prefs().put("registry", regUrl);
        TopcatEdge.prefs().put("serviceTimeout", timeout.getText().strip());
        failures.setText("");
        tally = new ProgressTally();
        search.setEnabled(false);
        retry.setEnabled(false);
        cancel.setEnabled(true);
        bar.setIndeterminate(true);
        ticker.start();
        Thread t = new Thread(() -> work(regUrl, perService, name, again), "vokit-" + getTitle());
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    private void work(String regUrl, Duration perService, String name, boolean again) {
        String result;
        String error = null;
        StringBuilder report = new StringBuilder();
        try {
            TopcatEdge.prefs().flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // remembered next time TOPCAT's JVM flushes its preferences
        }
        try {
            Found r = again ? retry(perService, tally) : search(regUrl, perService, tally);
            showProgressLater();
            for (String f : r.failures()) {
                report.append(f).append('\n');
            }
            StarTable table = r.table();
            if (Thread.currentThread().isInterrupted()) {
                result = "Cancelled";
            } else {
                TopcatEdge.addTable(table, name);
                result = summary(r, again) + "; loaded as " + name;
                if (r.tasks() > 0 && r.answered() == 0 && !r.failures().isEmpty()) {
                    error = "Every service failed; the first: " + r.failures().get(0);
                }
            }
        } catch (InterruptedException | java.io.InterruptedIOException e) {
            result = "Cancelled";
        } catch (IOException | RuntimeException e) {
            result = TopcatEdge.describe(getTitle(), e);
            error = result;
        }
        String fr = result;
        String err = error;
        SwingUtilities.invokeLater(() -> finished(fr, report.toString(), err));
    }

    private void cancel() {
        Runnable c = canceller;
        if (c != null) {
            c.run();
        }
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    private void finished(String result, String report, String error) {
        worker = null;
        ticker.stop();
        showProgress();
        bar.setIndeterminate(false);
        progress.setText("<html>" + progress.getText().replace("<html>", "") + "<br>" + result);
        failures.setText(report.isEmpty() ? "No failures" : report);
        search.setEnabled(true);
        retry.setEnabled(canRetry());
        cancel.setEnabled(false);
        lastResult = result;
        if (error != null) {
            JOptionPane.showMessageDialog(this, error, getTitle(), JOptionPane.ERROR_MESSAGE);
        }
    }

    private void showProgressLater() {
        SwingUtilities.invokeLater(this::showProgress);
    }

    private void showProgress() {
        ProgressTally.Snapshot s = tally.snapshot();
        progress.setText(s.line("services"));
        if (s.tasks() > 0) {
            bar.setIndeterminate(false);
            bar.setMaximum(s.tasks());
            bar.setValue(s.done());
        }
    }

    /**
     * Parses an optional positive number.
     *
     * @param label field label
     * @param f field
     * @return the number, or null when blank
     */
    static Double optional(String label, JTextField f) {
        return f.getText().isBlank() ? null : TopcatEdge.positive(label, f.getText());
    }

    /**
     * Lists items for a combo box.
     *
     * @param items items
     * @return an array
     */
    static String[] items(List<String> items) {
        return items.toArray(new String[0]);
    }
}
