package org.vokit.topcat;

import java.io.IOException;
import java.util.OptionalLong;
import org.vokit.investigator.NameColumn;
import org.vokit.investigator.PositionColumns;
import org.vokit.investigator.SkyPosition;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.topcat.TopcatModel;

/**
 * Where a search's position comes from in TOPCAT: the highlighted (activated) row of the current
 * table, a typed RA/Dec, or an object name looked up in the current table's identifier column.
 * RA/Dec columns are found by UCD, then by usual names, and read in their units or sexagesimal
 * ({@link PositionColumns}); the identifier column by UCD {@code meta.id;meta.main}, then names
 * ({@link NameColumn}). There is no internet name resolver: a Sesame look-up would be a fourth
 * {@link Source}, left out on purpose (the plugin's tests talk only to loopback). Every method
 * throws an {@link IllegalArgumentException} whose message tells the user what is missing.
 */
final class PositionChoice {

    private PositionChoice() {
    }

    /** The three sources. */
    enum Source {
        /** The current table's highlighted row. */
        ROW,
        /** RA and Dec as typed. */
        TYPED,
        /** A name looked up in the current table. */
        NAME
    }

    /**
     * A position and how it was found.
     *
     * @param position the cone centre
     * @param label short words for the result's table name (e.g. {@code "stars.vot row 2"})
     * @param how longer words for the dialog
     */
    record Resolved(SkyPosition position, String label, String how) {
        /** @return one line for the dialog */
        String describe() {
            return position.format() + "  (" + how + ")";
        }
    }

    /**
     * The typed position.
     *
     * @param ra RA text, degrees or sexagesimal hours
     * @param dec Dec text, degrees or sexagesimal degrees
     * @return the position, labelled as typed
     */
    static Resolved typed(String ra, String dec) {
        SkyPosition p = SkyPosition.parse(ra, dec);
        return new Resolved(p, ra.strip() + " " + dec.strip(), "typed");
    }

    /**
     * The highlighted row's position.
     *
     * @param tm the current table, or null
     * @return the position
     */
    static Resolved highlighted(TopcatModel tm) {
        if (tm == null) {
            throw new IllegalArgumentException("No current table: load one (and select it in the control window),"
                    + " or type RA and Dec");
        }
        long row = tm.getActivatedSubset().getRowIndex();
        if (row < 0) {
            throw new IllegalArgumentException("No highlighted row in " + tm.getLabel()
                    + ": click a row in its table view or a point in a plot");
        }
        return at(tm, row, tm.getLabel() + " row " + (row + 1), "row " + (row + 1) + " of " + tm.getLabel());
    }

    /**
     * The position of the row of the current table that has the given name.
     *
     * @param tm the current table, or null
     * @param name the name typed
     * @return the position, labelled with the name
     */
    static Resolved named(TopcatModel tm, String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("Type an object name to look up in the current table");
        }
        if (tm == null) {
            throw new IllegalArgumentException("No current table to look " + n + " up in: load one");
        }
        StarTable t = tm.getDataModel();
        NameColumn c = NameColumn.find(t).orElseThrow(() -> new IllegalArgumentException(tm.getLabel()
                + " has no name column (looked for " + NameColumn.LOOKED_FOR + ")"));
        String col = t.getColumnInfo(c.index()).getName();
        OptionalLong row;
        try {
            row = c.row(t, n);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + tm.getLabel() + ": " + e.getMessage(), e);
        }
        if (row.isEmpty()) {
            throw new IllegalArgumentException("No row of " + tm.getLabel() + " has " + col + " = \"" + n + "\"");
        }
        long r = row.getAsLong();
        return at(tm, r, n, n + " found in " + tm.getLabel() + " column " + col + ", row " + (r + 1));
    }

    private static Resolved at(TopcatModel tm, long row, String label, String how) {
        StarTable t = tm.getDataModel();
        PositionColumns cols = PositionColumns.find(t).orElseThrow(() -> new IllegalArgumentException(tm.getLabel()
                + " has no RA/Dec columns (looked for " + PositionColumns.LOOKED_FOR + ")"));
        String names = t.getColumnInfo(cols.raIndex()).getName() + "/" + t.getColumnInfo(cols.decIndex()).getName();
        try {
            SkyPosition p = cols.position(t, row).orElseThrow(() -> new IllegalArgumentException("Row " + (row + 1)
                    + " of " + tm.getLabel() + " has no position in " + names));
            return new Resolved(p, label, how + ", " + names);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + tm.getLabel() + ": " + e.getMessage(), e);
        }
    }
}
