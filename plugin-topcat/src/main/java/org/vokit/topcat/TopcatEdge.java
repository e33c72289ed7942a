package org.vokit.topcat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;
import javax.swing.SwingUtilities;
import org.vokit.investigator.PositionColumns;
import org.vokit.investigator.SkyPosition;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.topcat.ControlWindow;
import uk.ac.starlink.topcat.TopcatModel;

/** What the plugin's actions share: TOPCAT's table list, its preferences, rows' positions, messages. */
final class TopcatEdge {

    private TopcatEdge() {
    }

    /**
     * The preferences node where the plugin keeps its settings (registry URL, radius, timeouts),
     * inside TOPCAT's own preferences.
     *
     * @return the node
     */
    static Preferences prefs() {
        return Preferences.userNodeForPackage(ControlWindow.class).node("vokit");
    }

    /**
     * Loads a table into TOPCAT as a new table (random access first, off the event thread) and
     * waits until TOPCAT lists it.
     *
     * @param table the table
     * @param name the name TOPCAT shows
     * @throws IOException if the table cannot be read
     */
    static void addTable(StarTable table, String name) throws IOException {
        StarTable random = Tables.randomTable(table);
        random.setName(name);
        onEdt(() -> ControlWindow.getInstance().addTable(random, name, true));
    }

    /**
     * Runs something on the event thread and waits for it.
     *
     * @param r what to run
     * @throws IOException if it fails or the wait is interrupted
     */
    static void onEdt(Runnable r) throws IOException {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
            return;
        }
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while handing a table to TOPCAT");
        } catch (InvocationTargetException e) {
            throw new IOException("TOPCAT refused the table: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The names of a table's columns.
     *
     * @param tm the TOPCAT table
     * @return the names, in order
     */
    static List<String> columnNames(TopcatModel tm) {
        StarTable t = tm.getDataModel();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            out.add(t.getColumnInfo(i).getName());
        }
        return out;
    }

    /**
     * Finds a column by name, ignoring case.
     *
     * @param t the table
     * @param name the name
     * @return its index, or -1
     */
    static int column(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            ColumnInfo c = t.getColumnInfo(i);
            if (c.getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Guesses the RA and Dec columns (UCDs, then usual names) as core's investigator does.
     *
     * @param tm the TOPCAT table
     * @return RA and Dec column names, if found
     */
    static Optional<String[]> guessPosition(TopcatModel tm) {
        StarTable t = tm.getDataModel();
        return PositionColumns.find(t).map(p -> new String[] {
            t.getColumnInfo(p.raIndex()).getName(), t.getColumnInfo(p.decIndex()).getName()});
    }

    /**
     * Reads a row's position from two columns in degrees.
     *
     * @param t the table
     * @param raCol RA column name
     * @param decCol Dec column name
     * @param row the row
     * @return the position
     * @throws IOException if a column is missing or a cell is blank
     */
    static SkyPosition position(StarTable t, String raCol, String decCol, long row) throws IOException {
        int ra = column(t, raCol);
        int dec = column(t, decCol);
        if (ra < 0 || dec < 0) {
            throw new IOException("no column " + (ra < 0 ? raCol : decCol) + " in the table");
        }
        Object r = t.getCell(row, ra);
        Object d = t.getCell(row, dec);
        if (!(r instanceof Number) || !(d instanceof Number)
                || Double.isNaN(((Number) r).doubleValue()) || Double.isNaN(((Number) d).doubleValue())) {
            throw new IOException("row " + (row + 1) + " has no position in " + raCol + "/" + decCol);
        }
        return SkyPosition.of(((Number) r).doubleValue(), ((Number) d).doubleValue());
    }

    /**
     * Words for a failure: core's exceptions name the service's URL in their message.
     *
     * @param what what was being done
     * @param e the failure
     * @return one line of text
     */
    static String describe(String what, Throwable e) {
        StringBuilder b = new StringBuilder(what).append(" failed: ");
        String m = e.getMessage();
        b.append(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
        return b.toString();
    }

    /**
     * Parses a positive number typed into a field.
     *
     * @param field the field's label
     * @param text the text
     * @return the number
     * @throws IllegalArgumentException naming the field
     */
    static double positive(String field, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(field + " must be a positive number, not \"" + text.strip() + "\"");
    }

    /**
     * Lower-cases for matching.
     *
     * @param s text
     * @return lower case
     */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Calls back whenever a text field's text changes (typed, pasted or set).
     *
     * @param field the field
     * @param then what to do
     */
    static void onEdit(javax.swing.JTextField field, Runnable then) {
        field.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                then.run();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                then.run();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                then.run();
            }
        });
    }

    /**
     * Adds a labelled row to a form laid out with a {@link java.awt.GridBagLayout}: the label at
     * the left, the field stretching to the right.
     *
     * @param form the form
     * @param y the row
     * @param label the label, without its colon
     * @param field the field
     */
    static void formRow(javax.swing.JPanel form, int y, String label, javax.swing.JComponent field) {
        java.awt.GridBagConstraints g = new java.awt.GridBagConstraints();
        g.gridy = y;
        g.anchor = java.awt.GridBagConstraints.WEST;
        g.insets = new java.awt.Insets(2, 4, 2, 4);
        form.add(new javax.swing.JLabel(label + ": "), g);
        g.gridx = 1;
        g.fill = java.awt.GridBagConstraints.HORIZONTAL;
        g.weightx = 1;
        form.add(field, g);
    }
}
