package org.vokit.investigator;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Where a table keeps its positions: the right ascension and declination columns, found by UCD
 * ({@code pos.eq.ra;meta.main}/{@code pos.eq.dec;meta.main}), then by UCD1
 * ({@code POS_EQ_RA_MAIN}/{@code POS_EQ_DEC_MAIN}, as SCS services write), then by any
 * {@code pos.eq.ra}/{@code pos.eq.dec} UCD, then by the usual names ({@code ra}, {@code raj2000},
 * {@code ra_icrs}, {@code s_ra}, ... and {@code dec}, {@code dej2000}, {@code de}, ...).
 * Values may be numbers in degrees, radians or hours (from the column's unit) or sexagesimal text.
 *
 * @param raIndex the RA column's index
 * @param decIndex the declination column's index
 * @param how how they were found, for messages (e.g. {@code "UCD pos.eq.ra;meta.main"})
 */
public record PositionColumns(int raIndex, int decIndex, String how) {

    private static final List<String> RA_NAMES = List.of("ra", "raj2000", "_raj2000", "ra_icrs", "ra2000",
            "ra_j2000", "radeg", "ra_deg", "s_ra", "alpha", "alpha_j2000", "ra_d", "ra2000_deg");
    private static final List<String> DEC_NAMES = List.of("dec", "dej2000", "_dej2000", "decj2000", "de",
            "dec_icrs", "de_icrs", "dec2000", "dec_j2000", "dedeg", "decdeg", "dec_deg", "s_dec", "delta",
            "delta_j2000", "dec_d", "dec2000_deg");

    /** What {@link #find} looks for, for error messages. */
    public static final String LOOKED_FOR = "UCD pos.eq.ra;meta.main / pos.eq.dec;meta.main, UCD1 POS_EQ_RA_MAIN /"
            + " POS_EQ_DEC_MAIN, any pos.eq.ra / pos.eq.dec UCD, or columns named ra/dec, raj2000/dej2000, ...";

    /**
     * Finds the position columns of a table.
     *
     * @param table the table
     * @return the columns, or empty if the table has no recognisable pair
     */
    public static Optional<PositionColumns> find(StarTable table) {
        int n = table.getColumnCount();
        record Rule(String how, Predicate<ColumnInfo> ra, Predicate<ColumnInfo> dec) {
        }
        List<Rule> rules = List.of(
                new Rule("UCD pos.eq.ra;meta.main", c -> ucd(c).equals("pos.eq.ra;meta.main"),
                        c -> ucd(c).equals("pos.eq.dec;meta.main")),
                new Rule("UCD1 POS_EQ_RA_MAIN", c -> ucd(c).equals("pos_eq_ra_main"),
                        c -> ucd(c).equals("pos_eq_dec_main")),
                new Rule("UCD pos.eq.ra", c -> ucd(c).startsWith("pos.eq.ra") && !ucd(c).contains("stat.error"),
                        c -> ucd(c).startsWith("pos.eq.dec") && !ucd(c).contains("stat.error")));
        for (Rule r : rules) {
            int ra = first(table, n, r.ra());
            int dec = first(table, n, r.dec());
            if (ra >= 0 && dec >= 0) {
                return Optional.of(new PositionColumns(ra, dec, r.how()));
            }
        }
        int ra = byName(table, n, RA_NAMES);
        int dec = byName(table, n, DEC_NAMES);
        if (ra >= 0 && dec >= 0) {
            return Optional.of(new PositionColumns(ra, dec, "column names " + table.getColumnInfo(ra).getName()
                    + "/" + table.getColumnInfo(dec).getName()));
        }
        return Optional.empty();
    }

    private static String ucd(ColumnInfo c) {
        String u = c.getUCD();
        return u == null ? "" : u.strip().toLowerCase(Locale.ROOT);
    }

    private static int first(StarTable t, int n, Predicate<ColumnInfo> p) {
        for (int i = 0; i < n; i++) {
            if (p.test(t.getColumnInfo(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int byName(StarTable t, int n, List<String> names) {
        for (String name : names) {
            for (int i = 0; i < n; i++) {
                String cn = t.getColumnInfo(i).getName();
                if (cn != null && cn.strip().equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Reads the position of one row.
     *
     * @param table the table these columns belong to
     * @param row the row index, from 0
     * @return the position, or empty if a cell is empty or not a position
     * @throws IOException if the table cannot be read
     * @throws IndexOutOfBoundsException if the row does not exist
     */
    public Optional<SkyPosition> position(StarTable table, long row) throws IOException {
        long count = table.getRowCount();
        if (row < 0 || (count >= 0 && row >= count)) {
            throw new IndexOutOfBoundsException("row " + row + " is not in the table's " + count + " rows");
        }
        Object raCell;
        Object decCell;
        if (table.isRandom()) {
            raCell = table.getCell(row, raIndex);
            decCell = table.getCell(row, decIndex);
        } else {
            try (RowSequence rs = table.getRowSequence()) {
                long i = -1;
                while (i < row) {
                    if (!rs.next()) {
                        throw new IndexOutOfBoundsException("row " + row + " is not in the table");
                    }
                    i++;
                }
                raCell = rs.getCell(raIndex);
                decCell = rs.getCell(decIndex);
            }
        }
        double ra = angle(raCell, table.getColumnInfo(raIndex).getUnitString(), true);
        double dec = angle(decCell, table.getColumnInfo(decIndex).getUnitString(), false);
        if (!Double.isFinite(ra) || !Double.isFinite(dec) || dec < -90 || dec > 90) {
            return Optional.empty();
        }
        return Optional.of(new SkyPosition(ra, dec));
    }

    /**
     * Converts a cell to degrees.
     *
     * @param cell a number or text
     * @param unit the column's unit, or null
     * @param isRa true for right ascension (sexagesimal text is then in hours)
     * @return the angle in degrees, or NaN
     */
    static double angle(Object cell, String unit, boolean isRa) {
        String u = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
        if (cell instanceof Number num) {
            double v = num.doubleValue();
            return switch (u) {
                case "rad", "radian", "radians" -> Math.toDegrees(v);
                case "h", "hour", "hours", "hr", "hourangle" -> v * 15;
                case "arcmin" -> v / 60;
                case "arcsec" -> v / 3600;
                default -> v;
            };
        }
        if (cell instanceof String s && !s.isBlank()) {
            String t = s.strip();
            try {
                return angle(Double.parseDouble(t), unit, isRa);
            } catch (NumberFormatException e) {
                double sex = sexagesimal(t);
                boolean degreesUnit = u.startsWith("deg") || u.equals("d:m:s");
                return isRa && !degreesUnit ? sex * 15 : sex;
            }
        }
        return Double.NaN;
    }

    private static double sexagesimal(String t) {
        String[] parts = t.replaceAll("[hHdDmMsS:'\"°]", " ").strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            return Double.NaN;
        }
        try {
            boolean negative = parts[0].startsWith("-");
            double v = Math.abs(Double.parseDouble(parts[0]));
            v += Double.parseDouble(parts[1]) / 60;
            if (parts.length == 3) {
                v += Double.parseDouble(parts[2]) / 3600;
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
