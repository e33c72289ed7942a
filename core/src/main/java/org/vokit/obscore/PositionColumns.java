package org.vokit.obscore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/**
 * The right ascension and declination columns of a table of positions.
 *
 * <p>{@link #find} takes the columns named by the caller, else those the investigator's rules find
 * ({@link org.vokit.investigator.PositionColumns#find}: UCD {@code pos.eq.ra;meta.main} first,
 * then UCD1, then any {@code pos.eq.ra}/{@code pos.eq.dec}, then the usual names {@code ra}/{@code dec},
 * {@code RAJ2000}/{@code DEJ2000}, ...). Values are read as that class reads them (degrees, or
 * radians/hours by the column's unit, or sexagesimal text), in ICRS.
 *
 * @param ra the index of the right ascension column
 * @param dec the index of the declination column
 * @param raName its name
 * @param decName its name
 * @param how how the columns were found ({@code named}, or the investigator's description such as
 *     {@code UCD pos.eq.ra;meta.main})
 */
public record PositionColumns(int ra, int dec, String raName, String decName, String how) {

    /**
     * Checks the components.
     *
     * @param ra the RA column index
     * @param dec the Dec column index
     * @param raName the RA column name
     * @param decName the Dec column name
     * @param how how they were found
     */
    public PositionColumns {
        Objects.requireNonNull(raName, "raName");
        Objects.requireNonNull(decName, "decName");
    }

    /**
     * Finds the position columns of a table.
     *
     * @param table the table
     * @param raCol the RA column's name as the user gave it, or null to search
     * @param decCol the Dec column's name, or null to search (give both or neither)
     * @return the columns
     * @throws IllegalArgumentException if they cannot be found, naming the table's columns
     */
    public static PositionColumns find(StarTable table, String raCol, String decCol) {
        Objects.requireNonNull(table, "table");
        if ((raCol == null) != (decCol == null)) {
            throw new IllegalArgumentException("give both the RA and the Dec column, or neither");
        }
        if (raCol != null) {
            int r = byName(table, raCol);
            int d = byName(table, decCol);
            if (r < 0 || d < 0) {
                throw new IllegalArgumentException("the positions table has no column '" + (r < 0 ? raCol : decCol)
                        + "'; its columns are " + names(table));
            }
            return of(table, r, d, "named");
        }
        java.util.Optional<org.vokit.investigator.PositionColumns> found =
                org.vokit.investigator.PositionColumns.find(table);
        if (found.isPresent()) {
            return of(table, found.get().raIndex(), found.get().decIndex(), found.get().how());
        }
        throw new IllegalArgumentException("cannot tell the position columns of the positions table: looked for "
                + org.vokit.investigator.PositionColumns.LOOKED_FOR + "; name them with --ra-col and --dec-col"
                + " (the columns are " + names(table) + ")");
    }

    private static PositionColumns of(StarTable t, int r, int d, String how) {
        for (int i : new int[] {r, d}) {
            ColumnInfo c = t.getColumnInfo(i);
            if (!Number.class.isAssignableFrom(c.getContentClass()) && c.getContentClass() != String.class) {
                throw new IllegalArgumentException("column " + c.getName() + " of the positions table holds "
                        + c.getContentClass().getSimpleName() + " values, not positions in degrees");
            }
        }
        return new PositionColumns(r, d, t.getColumnInfo(r).getName(), t.getColumnInfo(d).getName(), how);
    }

    private static int byName(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        return -1;
    }

    private static String names(StarTable t) {
        List<String> ns = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            ns.add(t.getColumnInfo(i).getName());
        }
        return String.join(", ", ns);
    }
}
