package org.vokit.aladin;

import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.vokit.VoException;

/**
 * What every plugin action shares: running a script command so that it always answers one
 * ASCII line, and reporting failures in Aladin's console (and, for menu actions, a dialog).
 */
final class Actions {

    /** The longest reply line. */
    static final int MAX_LINE = 400;

    private Actions() {
    }

    /** The work of one action; returns the reply line. */
    @FunctionalInterface
    interface Work {
        /**
         * Does the work.
         *
         * @return the reply line, starting with the number of rows or objects put in the new plane
         * @throws Exception if it fails
         */
        String run() throws Exception;
    }

    /**
     * Runs a script command: the reply is the work's line; bad arguments give {@code error: ...};
     * a failing service gives {@code 0 ...; failed: ...}, also written to Aladin's console.
     * Never throws, never returns null.
     *
     * @param host Aladin
     * @param command the command's name
     * @param work the work
     * @return one ASCII line
     */
    static String script(AladinHost host, String command, Work work) {
        String line;
        try {
            line = work.run();
            host.info(line);
        } catch (IllegalArgumentException e) {
            line = "error: " + message(e);
            host.error(line);
        } catch (InterruptedException | InterruptedIOException e) {
            line = "0 rows; cancelled: " + command + " was interrupted";
            host.error(line);
        } catch (RuntimeException | LinkageError e) {
            line = "error: internal: " + e;
            host.error(line);
        } catch (Exception e) {
            line = "0 rows; failed: " + message(e);
            host.error(line);
        }
        return oneLine(line);
    }

    /**
     * Runs a menu action with a progress window and Cancel; failures go to the console and an
     * error dialog.
     *
     * @param host Aladin
     * @param title the action's title
     * @param work the work
     * @return the reply line (as a script command would give it)
     */
    static String menu(AladinHost host, String title, Work work) {
        return menu(host, title, p -> { }, work);
    }

    /**
     * Runs a menu action with a progress window and Cancel, handing the window to the action so
     * that it can show how far it is; failures go to the console and an error dialog.
     *
     * @param host Aladin
     * @param title the action's title
     * @param onOpen receives the progress window before the work starts
     * @param work the work
     * @return the reply line (as a script command would give it)
     */
    static String menu(AladinHost host, String title, java.util.function.Consumer<ProgressWindow> onOpen, Work work) {
        ProgressWindow p = ProgressWindow.open(host.window(), title, title + "\u2026");
        onOpen.accept(p);
        String line;
        try {
            line = script(host, title, work);
        } finally {
            p.close();
            Thread.interrupted(); // a late Cancel must not leak into Aladin's thread
        }
        if (p.cancelled()) {
            host.error(title + ": cancelled");
        } else if (failed(line)) {
            host.showError("vokit: " + title, line);
        }
        return line;
    }

    /**
     * Tells whether a reply line reports a failure.
     *
     * @param line the line
     * @return true for {@code error: ...} and for a line naming failed services
     */
    static boolean failed(String line) {
        return line.startsWith("error:") || (line.contains("; failed: ") && !line.endsWith("; failed: none"))
                || line.contains("; cancelled:");
    }

    /**
     * Says what went wrong, with the URL and the service's message when vokit knows them.
     *
     * @param e the failure
     * @return one line
     */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        if (e instanceof VoException v && v.uri().isPresent() && !m.contains(v.uri().get().toString())) {
            m = m + " [" + v.uri().get() + "]";
        }
        return m;
    }

    /**
     * Makes a reply one ASCII line of bounded length.
     *
     * @param s the text
     * @return the line
     */
    static String oneLine(String s) {
        String t = CutoutJob.ascii(s.replaceAll("\\s+", " ").strip());
        return t.length() <= MAX_LINE ? t : t.substring(0, MAX_LINE - 3) + "...";
    }

    /** @return a private directory for downloaded files, made on first use */
    static Path workDir() throws java.io.IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(base, "vokit-aladin-");
    }

    /** @return "row" or "rows" after a count */
    static String rows(long n) {
        return n + (n == 1 ? " row" : " rows");
    }

    /**
     * Quotes a plane name for a reply line.
     *
     * @param name the name
     * @return it in double quotes
     */
    static String quote(String name) {
        return "\"" + name.replace('"', '\'') + "\"";
    }

    /** @return a string for a lower-case key */
    static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
