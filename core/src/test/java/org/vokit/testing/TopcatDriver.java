package org.vokit.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.ListModel;
import javax.swing.SwingUtilities;

/**
 * Runs the real TOPCAT (from its Debian jar, in its own JVM) and lets a test make it do what a user
 * would do with the mouse, through TOPCAT's own code: send its current table to a SAMP client (the
 * items of its "Interop &gt; Send Table to" menu) and highlight a row as its "Send Row Index"
 * activation does (a {@code table.highlight.row} notification to every subscribed client).
 *
 * <p>Commands arrive one per line on standard input ({@code tables}, {@code send CLIENT},
 * {@code highlight ROW}); each answer ({@code OK ...} or {@code ERROR ...}) is appended as one
 * line to the file named by the system property {@code vokit.topcat.answers}, since TOPCAT's own
 * output goes to standard output. TOPCAT's classes are reached by reflection, so this compiles
 * without them. The other arguments are TOPCAT's own (e.g. {@code -nohub}).
 */
public final class TopcatDriver {

    private TopcatDriver() {
    }

    /**
     * Starts TOPCAT and serves commands until standard input closes.
     *
     * @param args TOPCAT's arguments
     * @throws Exception if TOPCAT cannot start
     */
    public static void main(String[] args) throws Exception {
        Path answers = Path.of(System.getProperty("vokit.topcat.answers"));
        Class.forName("uk.ac.starlink.topcat.Driver").getMethod("main", String[].class).invoke(null, (Object) args);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.strip().split("\\s+", 2);
            Object[] result = new Object[1];
            try {
                SwingUtilities.invokeAndWait(() -> {
                    try {
                        result[0] = "OK " + run(words);
                    } catch (Exception | LinkageError e) {
                        result[0] = "ERROR " + e;
                    }
                });
            } catch (Exception e) {
                result[0] = "ERROR " + e;
            }
            try (Writer w = Files.newBufferedWriter(answers, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                w.write(String.valueOf(result[0]).replace('\n', ' ') + "\n");
            }
        }
        System.exit(0);
    }

    private static Object run(String[] words) throws Exception {
        Class<?> cwClass = Class.forName("uk.ac.starlink.topcat.ControlWindow");
        Object cw = cwClass.getMethod("getInstance").invoke(null);
        Object comm = cwClass.getMethod("getCommunicator").invoke(cw);
        switch (words[0]) {
            case "tables":
                return ((ListModel<?>) cwClass.getMethod("getTablesListModel").invoke(cw)).getSize();
            case "send": {
                Object tx = comm.getClass().getMethod("getTableTransmitter").invoke(comm);
                JMenu menu = (JMenu) tx.getClass().getMethod("createSendMenu").invoke(tx);
                StringBuilder seen = new StringBuilder();
                for (int i = 0; i < menu.getItemCount(); i++) {
                    JMenuItem item = menu.getItem(i);
                    String text = item == null ? null : item.getText();
                    if (text == null) {
                        continue;
                    }
                    seen.append(" [").append(text).append(']');
                    if (words.length > 1 && text.toLowerCase(Locale.ROOT).contains(words[1].toLowerCase(Locale.ROOT))) {
                        item.doClick();
                        return "sent with menu item " + text;
                    }
                }
                throw new IllegalStateException("no menu item for " + (words.length > 1 ? words[1] : "?") + ":" + seen);
            }
            case "highlight": {
                Object model = cwClass.getMethod("getCurrentModel").invoke(cw);
                Object activity = comm.getClass().getMethod("createRowActivity").invoke(comm);
                for (Method m : activity.getClass().getMethods()) {
                    if (m.getName().equals("highlightRow") && m.getParameterCount() == 2) {
                        m.setAccessible(true);
                        m.invoke(activity, model, Long.parseLong(words[1]));
                        return "highlighted row " + words[1];
                    }
                }
                throw new IllegalStateException("TOPCAT's row activity has no highlightRow");
            }
            default:
                throw new IllegalArgumentException("unknown command " + words[0]);
        }
    }
}
