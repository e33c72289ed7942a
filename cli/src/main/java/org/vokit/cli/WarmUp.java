package org.vokit.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vokit.http.VoHttp;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * Start-up in parallel: while the main thread builds the command line (picocli reads the
 * command's annotations), a daemon thread initializes what a networked command needs next:
 * logging, the HTTP client's classes, the XML parser and STIL's VOTable reader (by reading a
 * two-row document held in memory). It touches no file, network or output, keeps nothing, and
 * ignores its own failures; the command does all of it again for real, only faster.
 */
final class WarmUp {

    private static final String DOC = "<?xml version='1.0'?><VOTABLE version='1.4' "
            + "xmlns='http://www.ivoa.net/xml/VOTable/v1.3'><RESOURCE type='results'>"
            + "<INFO name='QUERY_STATUS' value='OK'/><TABLE>"
            + "<FIELD name='id' datatype='char' arraysize='*'/><FIELD name='ra' datatype='double' unit='deg'"
            + " ucd='pos.eq.ra;meta.main'/><FIELD name='mag' datatype='float'/><FIELD name='n' datatype='long'/>"
            + "<DATA><TABLEDATA><TR><TD>a</TD><TD>10.5</TD><TD>3.5</TD><TD>1</TD></TR>"
            + "<TR><TD>b</TD><TD>11.5</TD><TD/><TD>2</TD></TR></TABLEDATA></DATA>"
            + "</TABLE></RESOURCE></VOTABLE>";

    private WarmUp() {
    }

    /**
     * Starts the warm-up thread.
     *
     * @param command the command's name (the first argument)
     */
    static void start(String command) {
        Thread t = new Thread(() -> {
            try {
                Class<?> c = Main.commandClass(command);
                if (c != null) {
                    annotations(c, 0);
                }
            } catch (RuntimeException | LinkageError ignored) {
                // only a head start
            }
            run();
        }, "vokit-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    /**
     * Reads the annotations of a command's fields, and of its mixins' and argument groups', ahead
     * of picocli: Java makes a proxy class for each annotation type on first use, which the
     * start-up archive cannot hold, and this way the main thread finds them made.
     */
    private static void annotations(Class<?> c, int depth) {
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
            if (f.getAnnotations().length > 0 && depth < 3 && !f.getType().isPrimitive()
                    && f.getType().getName().startsWith("org.vokit.")) {
                annotations(f.getType(), depth + 1);
            }
        }
    }

    /** Does the warm-up work in the calling thread (for the launcher's training run). */
    static void run() {
        try {
            quietStil();
            try (VoHttp http = VoHttp.newDefault()) {
                VotableReader.read(new ByteArrayInputStream(DOC.getBytes(StandardCharsets.UTF_8)),
                        URI.create("http://127.0.0.1/warm-up"), new TableSink() {
                            @Override
                            public void acceptMetadata(StarTable meta) {
                            }

                            @Override
                            public void acceptRow(Object[] row) {
                            }

                            @Override
                            public void endRows() {
                            }
                        }, true);
            }
        } catch (IOException | RuntimeException | LinkageError ignored) {
            // only a head start: the command does the same work itself and reports its own failures
        }
    }

    /** STIL reports routine decisions at INFO; a command-line user wants only real problems. */
    static void quietStil() {
        Logger.getLogger("uk.ac.starlink").setLevel(Level.WARNING);
    }
}
