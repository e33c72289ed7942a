package org.vokit.obscore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/**
 * The right ascension and declination columns of a table of positions.
 *
 * <p>{@link #find} looks, in this order: for columns named by the caller; for the UCDs
 * {@code pos.eq.ra}/{@code pos.eq.dec} (a column also marked {@code meta.main} wins over others,
 * and a table with several unmarked candidates is refused as ambiguous); for the usual names
 * {@code ra}/{@code dec}, {@code RAJ2000}/{@code DEJ2000}, {@code ra_icrs}/{@code dec_icrs}
 * (ignoring case). Values are taken to be ICRS degrees.
 *
 * @param ra the index of the right ascension column
 * @param dec the index of the declination column
 * @param raName its name
 * @param decName its name
 * @param how how the columns were found ({@code named}, {@code UCD} or {@code usual names})
 */
public record PositionColumns(int ra, int dec, String raName, String decName, String how) {

    private static final String[][] USUAL = {{"ra", "dec"}, {"raj2000", "dej2000"}, {"ra_icrs", "dec_icrs"},
        {"ra_deg", "dec_deg"}, {"s_ra", "s_dec"}};

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
        int r = byUcd(table, "pos.eq.ra");
        int d = byUcd(table, "pos.eq.dec");
        if (r >= 0 && d >= 0) {
            return of(table, r, d, "UCD");
        }
        for (String[] pair : USUAL) {
            int rr = byName(table, pair[0]);
            int dd = byName(table, pair[1]);
            if (rr >= 0 && dd >= 0) {
                return of(table, rr, dd, "usual names");
            }
        }
        throw new IllegalArgumentException("cannot tell the position columns of the positions table: no columns with"
                + " the UCDs pos.eq.ra/pos.eq.dec, and none named ra/dec or RAJ2000/DEJ2000; name them with"
                + " --ra-col and --dec-col (the columns are " + names(table) + ")");
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

    /** Finds the column with a UCD: the one marked meta.main, else the only candidate. */
    private static int byUcd(StarTable t, String ucd) {
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            String u = t.getColumnInfo(i).getUCD();
            if (u == null) {
                continue;
            }
            List<String> atoms = new ArrayList<>();
            for (String a : u.toLowerCase(Locale.ROOT).split(";")) {
                atoms.add(a.strip());
            }
            if (!atoms.isEmpty() && atoms.get(0).equals(ucd)) {
                if (atoms.contains("meta.main")) {
                    return i;
                }
                plain.add(i);
            }
        }
        if (plain.size() > 1) {
            List<String> ns = plain.stream().map(i -> t.getColumnInfo(i).getName()).toList();
            throw new IllegalArgumentException("the positions table has several columns with the UCD " + ucd + " "
                    + ns + " and none marked meta.main; choose with --ra-col and --dec-col");
        }
        return plain.isEmpty() ? -1 : plain.get(0);
    }

    private static String names(StarTable t) {
        List<String> ns = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            ns.add(t.getColumnInfo(i).getName());
        }
        return String.join(", ", ns);
    }
}
