package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * The progress of one long piece of work (an async job, downloads) on standard error: on a
 * terminal a live line, redrawn in place, with the phase, the time elapsed and the rows so far;
 * otherwise nothing until {@link #finish(String)} prints a one-line summary. Whether standard
 * error is a terminal is given, so that both behaviours can be tested.
 */
final class ProgressLine implements AutoCloseable {

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long start;
    private final AtomicLong rows = new AtomicLong(-1);
    private volatile String phase = "starting";
    private volatile int shown;
    private ScheduledExecutorService ticker;
    private boolean finished;

    /**
     * Makes a progress line; nothing is redrawn until {@link #startTicking()} or an update.
     *
     * @param err standard error
     * @param label what is shown first, e.g. {@code vokit tap}
     * @param terminal whether {@code err} is a terminal
     * @param nanos the clock, {@code System::nanoTime} outside tests
     */
    ProgressLine(PrintWriter err, String label, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /**
     * A progress line on the process's standard error, live if it is a terminal.
     *
     * @param err standard error
     * @param label what is shown first
     * @return the line, ticking once a second on a terminal
     */
    static ProgressLine onStandardError(PrintWriter err, String label) {
        return new ProgressLine(err, label, System.console() != null, System::nanoTime).startTicking();
    }

    /** Redraws the line every 500 ms (on a terminal only) so that the elapsed time moves. */
    synchronized ProgressLine startTicking() {
        if (terminal && ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vokit-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** @param phase what is happening now, e.g. {@code EXECUTING} */
    void phase(String phase) {
        this.phase = phase;
        redraw();
    }

    /** @param n the rows (or items) done so far */
    void rows(long n) {
        rows.set(n);
    }

    /** @return the line as it is drawn now */
    String line() {
        long r = rows.get();
        return label + ": " + phase + ", " + elapsed() + (r >= 0 ? ", " + r + (r == 1 ? " row" : " rows") : "");
    }

    private String elapsed() {
        double s = (nanos.getAsLong() - start) / 1e9;
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** Draws the line in place (on a terminal only). */
    synchronized void redraw() {
        if (!terminal || finished) {
            return;
        }
        String l = line();
        err.print("\r" + l + " ".repeat(Math.max(0, shown - l.length())));
        err.flush();
        shown = l.length();
    }

    /**
     * Prints a message line above the live line (which is redrawn after it).
     *
     * @param message the line
     */
    synchronized void println(String message) {
        if (terminal && shown > 0 && !finished) {
            err.print("\r" + " ".repeat(shown) + "\r");
        }
        err.println(message);
        err.flush();
        shown = 0;
        redraw();
    }

    /**
     * Ends the line with a summary: it replaces the live line on a terminal and is the only
     * output otherwise.
     *
     * @param outcome e.g. {@code job COMPLETED}
     */
    synchronized void finish(String outcome) {
        if (finished) {
            return;
        }
        stop();
        long r = rows.get();
        String l = label + ": " + outcome + " after " + elapsed() + (r >= 0 ? ", " + r + (r == 1 ? " row" : " rows") : "");
        err.println((terminal ? "\r" : "") + l + " ".repeat(Math.max(0, shown - l.length())));
        err.flush();
        finished = true;
    }

    /** Stops redrawing; on a terminal the live line is wiped (when no summary was printed). */
    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        stop();
        if (terminal && shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
        }
        finished = true;
    }

    private void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    /**
     * A sink counting the rows that pass into this line.
     *
     * @param sink where the rows go
     * @return the counting sink
     */
    TableSink counting(TableSink sink) {
        return new TableSink() {
            private long n;

            @Override
            public void acceptMetadata(StarTable meta) throws uk.ac.starlink.table.TableFormatException {
                rows(0);
                sink.acceptMetadata(meta);
            }

            @Override
            public void acceptRow(Object[] row) throws IOException {
                sink.acceptRow(row);
                rows(++n);
            }

            @Override
            public void endRows() throws IOException {
                sink.endRows();
            }
        };
    }
}
