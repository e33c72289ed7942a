package org.vokit.aladin;

import cds.aladin.Aladin;
import cds.aladin.AladinData;
import cds.aladin.AladinException;
import cds.aladin.Obj;
import cds.aladin.Source;
import java.awt.Component;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.swing.JDialog;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * What the plugins ask of the running Aladin, through its public plugin API only: new
 * catalogue and image planes from bytes, the selected sources, messages in its console, and
 * dialogs over its window.
 */
final class AladinHost {

    /** How long a new plane may take to load. */
    static final Duration LOAD = Duration.ofSeconds(60);

    private final Aladin aladin;

    AladinHost(Aladin aladin) {
        this.aladin = aladin;
    }

    /** @return Aladin's main window, or null */
    Component window() {
        return aladin == null ? null : aladin.f;
    }

    /**
     * A source the user has selected in the view.
     *
     * @param plane the name of its catalogue plane
     * @param ra its right ascension in degrees
     * @param dec its declination in degrees
     * @param names its column names
     * @param values its values, as Aladin holds them
     */
    record Selected(String plane, double ra, double dec, String[] names, String[] values) {
    }

    /**
     * Hands a table to Aladin as a new catalogue plane and waits until it has loaded.
     *
     * @param table the rows
     * @param name the plane's name
     * @return the number of objects in the new plane
     * @throws IOException if Aladin cannot load it, or not in time
     */
    long addCatalogue(StarTable table, String name) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new VOTableWriter(DataFormat.TABLEDATA, true).writeStarTable(table, buf);
        // Aladin parses in the background: hand it bytes, never a stream that gets closed
        aladin.putVOTable(new ByteArrayInputStream(buf.toByteArray()), name);
        AladinData d = await(name);
        try {
            return d.getNbObj();
        } catch (AladinException e) {
            throw new IOException("Aladin cannot count the objects of plane " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands a FITS image to Aladin as a new image plane and waits until it has loaded.
     *
     * @param fits the file
     * @param name the plane's name
     * @return width and height of the new plane, in pixels
     * @throws IOException if Aladin cannot load it, or not in time
     */
    long[] addImage(Path fits, String name) throws IOException {
        aladin.putFITS(new ByteArrayInputStream(Files.readAllBytes(fits)), name);
        AladinData d = await(name);
        try {
            return new long[] {d.getWidth(), d.getHeight()};
        } catch (AladinException e) {
            throw new IOException("Aladin cannot tell the size of plane " + name + ": " + e.getMessage(), e);
        }
    }

    private AladinData await(String name) throws IOException {
        long end = System.nanoTime() + LOAD.toNanos();
        String last = "not created";
        while (System.nanoTime() < end) {
            try {
                AladinData d = aladin.getAladinData(name);
                String err = d.getError();
                if (err != null && !err.isBlank()) {
                    throw new IOException("Aladin could not load plane " + name + ": " + err);
                }
                if (d.isReady()) {
                    return d;
                }
                last = "still loading";
            } catch (AladinException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while Aladin loads plane " + name);
            }
        }
        throw new IOException("Aladin did not load plane " + name + " within " + LOAD.toSeconds() + " s (" + last + ")");
    }

    /**
     * Lists the sources selected in the view, over every catalogue plane.
     *
     * @return the selected sources, in stack order
     */
    List<Selected> selectedSources() {
        List<Selected> out = new ArrayList<>();
        for (AladinData d : planes()) {
            try {
                for (Iterator<Obj> it = d.iteratorObj(); it.hasNext();) {
                    Obj o = it.next();
                    if (o != null && o.isSelected()) {
                        String[] names = o instanceof Source s ? s.getNames() : new String[0];
                        String[] values = o instanceof Source s ? s.getValues() : new String[0];
                        out.add(new Selected(d.getLabel(), o.getRa(), o.getDec(), names, values));
                    }
                }
            } catch (AladinException | RuntimeException e) {
                // not a catalogue, or a plane that went away meanwhile
            }
        }
        return out;
    }

    /**
     * The planes of the stack, through {@code calque.getPlan(i)} (public API with no list of
     * planes otherwise; Aladin's {@code status} command would wait for the script thread, which
     * may be the one asking).
     */
    private List<AladinData> planes() {
        List<AladinData> out = new ArrayList<>();
        if (aladin.calque == null) {
            return out;
        }
        for (int i = 0; i < 4096; i++) {
            cds.aladin.Plan p;
            try {
                p = aladin.calque.getPlan(i);
            } catch (RuntimeException e) {
                break; // past the end of the stack
            }
            if (p == null) {
                continue;
            }
            try {
                AladinData d = new AladinData(aladin, p);
                if (d.getLabel() != null && !d.getLabel().isEmpty()) {
                    out.add(d);
                }
            } catch (AladinException | RuntimeException e) {
                // an empty slot
            }
        }
        return out;
    }

    /**
     * Returns the centre of the current view. The public plugin API has none, so this asks the
     * view by reflection ({@code view.getCurrentView().getCooCentre()}, Aladin 12).
     *
     * @return RA and Dec in degrees, or null if unknown
     */
    double[] viewCentre() {
        try {
            java.lang.reflect.Field vf = Aladin.class.getDeclaredField("view");
            vf.setAccessible(true);
            Object view = vf.get(aladin);
            java.lang.reflect.Method cur = view.getClass().getDeclaredMethod("getCurrentView");
            cur.setAccessible(true);
            Object simple = cur.invoke(view);
            java.lang.reflect.Method centre = simple.getClass().getDeclaredMethod("getCooCentre");
            centre.setAccessible(true);
            Object coo = centre.invoke(simple);
            if (coo == null) {
                return null;
            }
            double ra = coo.getClass().getField("al").getDouble(coo);
            double dec = coo.getClass().getField("del").getDouble(coo);
            return Double.isFinite(ra) && Double.isFinite(dec) ? new double[] {ra, dec} : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes a line to Aladin's console.
     *
     * @param text the message
     */
    void info(String text) {
        SwingUtilities.invokeLater(() -> {
            if (aladin.console != null) {
                aladin.console.printInfo("vokit: " + text);
            }
        });
    }

    /**
     * Writes an error to Aladin's console.
     *
     * @param text the message
     */
    void error(String text) {
        SwingUtilities.invokeLater(() -> {
            if (aladin.console != null) {
                aladin.console.printError("vokit: " + text);
            }
        });
    }

    /**
     * Shows an error in a dialog over Aladin's window, without blocking the caller (nor the
     * rest of Aladin: the dialog is not modal).
     *
     * @param title the dialog's title
     * @param text the message
     */
    void showError(String title, String text) {
        SwingUtilities.invokeLater(() -> {
            JOptionPane pane = new JOptionPane(text, JOptionPane.ERROR_MESSAGE);
            JDialog d = pane.createDialog(window(), title);
            d.setName(Names.ERROR_DIALOG);
            d.setModal(false);
            d.setVisible(true);
        });
    }
}
