package org.vokit.xmatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/**
 * Finds the right ascension and declination columns of a table: by UCD first ({@code pos.eq.ra} /
 * {@code pos.eq.dec}, preferring those marked {@code meta.main}), then by the usual names
 * ({@code ra}/{@code dec}, {@code RAJ2000}/{@code DEJ2000}, {@code RA_ICRS}/{@code DE_ICRS}, …,
 * case-insensitive), unless the caller names the columns.
 *
 * @param ra the index of the RA column
 * @param dec the index of the Dec column
 */
public record PositionColumns(int ra, int dec) {

    /** Usual RA column names, in order of preference. */
    static final List<String> RA_NAMES = List.of("ra", "raj2000", "_raj2000", "ra_icrs", "radeg", "ra_deg",
            "ra2000", "ra_j2000", "s_ra", "alpha", "ra_d");
    /** Usual Dec column names, in order of preference. */
    static final List<String> DEC_NAMES = List.of("dec", "dej2000", "decj2000", "_dej2000", "de_icrs", "dec_icrs",
            "dedeg", "dec_deg", "de2000", "dec2000", "dec_j2000", "s_dec", "delta", "de", "dec_d");

    /**
     * Finds the position columns.
     *
     * @param table the table
     * @param label how to name the table in messages (e.g. its file name)
     * @param raName the RA column's name if the caller gives it, else null
     * @param decName the Dec column's name if the caller gives it, else null
     * @return the columns
     * @throws IllegalArgumentException if a named column is missing or no position columns are found
     */
    public static PositionColumns find(StarTable table, String label, String raName, String decName) {
        int ra = raName != null ? named(table, label, raName) : byUcd(table, "pos.eq.ra");
        int dec = decName != null ? named(table, label, decName) : byUcd(table, "pos.eq.dec");
        if (ra < 0) {
            ra = byName(table, RA_NAMES);
        }
        if (dec < 0) {
            dec = byName(table, DEC_NAMES);
        }
        if (ra < 0 || dec < 0) {
            throw new IllegalArgumentException(label + ": no " + (ra < 0 ? "right ascension" : "declination")
                    + " column found (no column with UCD " + (ra < 0 ? "pos.eq.ra" : "pos.eq.dec")
                    + " nor one of the usual names " + (ra < 0 ? RA_NAMES : DEC_NAMES) + "; columns are "
                    + names(table) + "): name it with --ra-col/--dec-col");
        }
        return new PositionColumns(ra, dec);
    }

    private static int named(StarTable table, String label, String name) {
        for (int i = 0; i < table.getColumnCount(); i++) {
            if (table.getColumnInfo(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(label + ": no column '" + name + "' (columns are " + names(table) + ")");
    }

    private static int byUcd(StarTable table, String atom) {
        int plain = -1;
        for (int i = 0; i < table.getColumnCount(); i++) {
            ColumnInfo ci = table.getColumnInfo(i);
            String ucd = ci.getUCD();
            if (ucd == null || !Number.class.isAssignableFrom(ci.getContentClass())) {
                continue;
            }
            String[] words = ucd.trim().toLowerCase(Locale.ROOT).split("\\s*;\\s*");
            if (!words[0].equals(atom)) {
                continue;
            }
            for (int w = 1; w < words.length; w++) {
                if (words[w].equals("meta.main")) {
                    return i;
                }
            }
            if (plain < 0) {
                plain = i;
            }
        }
        return plain;
    }

    private static int byName(StarTable table, List<String> names) {
        for (String n : names) {
            for (int i = 0; i < table.getColumnCount(); i++) {
                ColumnInfo ci = table.getColumnInfo(i);
                if (ci.getName().equalsIgnoreCase(n) && Number.class.isAssignableFrom(ci.getContentClass())) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static List<String> names(StarTable table) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.getColumnCount(); i++) {
            out.add(table.getColumnInfo(i).getName());
        }
        return out;
    }
}
