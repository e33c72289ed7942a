package org.vokit.aladin;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;

/**
 * A small window that shows what an action is doing, with a Cancel button that interrupts the
 * thread doing the work (vokit's HTTP requests abort when their thread is interrupted). Safe to
 * call from any thread; it never blocks the caller.
 */
final class ProgressWindow implements AutoCloseable {

    private final Thread worker;
    private volatile JDialog dialog;
    private volatile JLabel label;
    private volatile JProgressBar bar;
    private volatile boolean cancelled;
    private volatile Runnable onCancel;

    private ProgressWindow(Thread worker) {
        this.worker = worker;
    }

    /**
     * Opens the window for the calling thread's work.
     *
     * @param owner the window it belongs to
     * @param title its title
     * @param text the first line shown
     * @return the window; close it when the work is over
     */
    static ProgressWindow open(Component owner, String title, String text) {
        ProgressWindow p = new ProgressWindow(Thread.currentThread());
        SwingUtilities.invokeLater(() -> p.build(owner, title, text));
        return p;
    }

    private void build(Component owner, String title, String text) {
        java.awt.Window w = owner instanceof java.awt.Window ow ? ow
                : owner == null ? null : SwingUtilities.getWindowAncestor(owner);
        JDialog d = new JDialog(w, title, java.awt.Dialog.ModalityType.MODELESS);
        d.setName(Names.PROGRESS);
        label = new JLabel(text);
        bar = new JProgressBar();
        bar.setIndeterminate(true);
        JButton cancel = new JButton("Cancel");
        cancel.setName(Names.CANCEL);
        cancel.addActionListener(e -> cancel());
        JPanel body = new JPanel(new BorderLayout(6, 6));
        body.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
        body.add(label, BorderLayout.NORTH);
        body.add(bar, BorderLayout.CENTER);
        JPanel south = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        south.add(cancel);
        body.add(south, BorderLayout.SOUTH);
        d.getContentPane().add(body);
        d.setSize(460, 130);
        d.setLocationRelativeTo(owner);
        d.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        dialog = d;
        d.setVisible(true);
    }

    /**
     * Shows a new line of text.
     *
     * @param text the text
     */
    void say(String text) {
        SwingUtilities.invokeLater(() -> {
            if (label != null) {
                label.setText(text);
            }
        });
    }

    /**
     * Shows how far the work is.
     *
     * @param done tasks finished
     * @param total tasks in all
     */
    void progress(int done, int total) {
        SwingUtilities.invokeLater(() -> {
            if (bar != null && total > 0) {
                bar.setIndeterminate(false);
                bar.setMaximum(total);
                bar.setValue(done);
                bar.setStringPainted(true);
                bar.setString(done + " / " + total);
            }
        });
    }

    /** Cancels the work: runs the cancel hook, and interrupts the thread that opened the window. */
    void cancel() {
        cancelled = true;
        say("Cancelling\u2026");
        Runnable r = onCancel;
        if (r != null) {
            r.run();
        }
        worker.interrupt();
    }

    /**
     * Sets what Cancel does besides interrupting the worker (e.g. cancel an engine's tasks).
     *
     * @param hook the action, or null
     */
    void onCancel(Runnable hook) {
        onCancel = hook;
    }

    /** @return true if the user pressed Cancel */
    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void close() {
        SwingUtilities.invokeLater(() -> {
            if (dialog != null) {
                dialog.dispose();
            }
        });
    }
}
