package org.vokit.vowide;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * One column of a VO-wide result: its name, the UCD that finds it in each table, its unit and
 * type. A UCD holding {@code %} is a pattern ({@code LIKE}-style); otherwise a table's column
 * matches when its UCD is the same, ignoring case and a {@code meta.main} atom, and columns with
 * {@code meta.main} are preferred.
 *
 * @param name the output column's name
 * @param ucd the UCD (or pattern) looked for
 * @param unit the output unit, or null to keep each service's values as they are
 * @param type {@code double}, {@code long} or {@code string}
 * @param required whether a table without such a column is left out (otherwise the cell is null)
 */
public record SchemaColumn(String name, String ucd, String unit, String type, boolean required) {

    /**
     * Checks the components.
     *
     * @param name the name
     * @param ucd the UCD
     * @param unit the unit, or null
     * @param type the type
     * @param required whether it is required
     */
    public SchemaColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ucd, "ucd");
        type = type == null ? "double" : type.strip().toLowerCase(Locale.ROOT);
        if (!List.of("double", "long", "string").contains(type)) {
            throw new IllegalArgumentException("column " + name + ": type must be double, long or string, not " + type);
        }
        unit = unit == null || unit.isBlank() ? null : unit.strip();
    }

    /**
     * The course's schema: an identifier, the position, and the columns a UCD pattern asks for
     * ({@code pmra}/{@code pmde} in mas/yr for {@code pos.pm%}; otherwise one column named
     * {@code value} matching the pattern).
     *
     * @param ucdPattern the pattern of the search
     * @return the columns
     */
    public static List<SchemaColumn> defaults(String ucdPattern) {
        List<SchemaColumn> cols = new ArrayList<>();
        cols.add(new SchemaColumn("id", "meta.id", null, "string", false));
        cols.add(new SchemaColumn("ra", "pos.eq.ra", "deg", "double", true));
        cols.add(new SchemaColumn("dec", "pos.eq.dec", "deg", "double", true));
        String p = ucdPattern.strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("pos.pm")) {
            cols.add(new SchemaColumn("pmra", "pos.pm;pos.eq.ra", "mas/yr", "double", true));
            cols.add(new SchemaColumn("pmde", "pos.pm;pos.eq.dec", "mas/yr", "double", true));
        } else {
            cols.add(new SchemaColumn("value", p.contains("%") ? p : p, null, "double", true));
        }
        return cols;
    }

    /**
     * Reads a schema from a table (any format STIL reads) with columns {@code name}, {@code ucd},
     * and optionally {@code unit}, {@code type} and {@code required}.
     *
     * @param table the table
     * @param source where it came from, for messages
     * @return the columns, in order
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the row and column at fault
     */
    public static List<SchemaColumn> read(StarTable table, String source) throws IOException {
        int name = index(table, "name", source, true);
        int ucd = index(table, "ucd", source, true);
        int unit = index(table, "unit", source, false);
        int type = index(table, "type", source, false);
        int req = index(table, "required", source, false);
        List<SchemaColumn> cols = new ArrayList<>();
        try (RowSequence rs = table.getRowSequence()) {
            int row = 0;
            while (rs.next()) {
                row++;
                Object[] r = rs.getRow();
                String n = text(r[name]);
                String u = text(r[ucd]);
                if (n == null || u == null) {
                    throw new IllegalArgumentException(source + " row " + row + ": name and ucd are needed");
                }
                try {
                    cols.add(new SchemaColumn(n, u, unit < 0 ? null : text(r[unit]),
                            type < 0 ? null : text(r[type]),
                            req < 0 || r[req] == null || !"false".equalsIgnoreCase(String.valueOf(r[req]).strip())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(source + " row " + row + ": " + e.getMessage());
                }
            }
        }
        if (cols.isEmpty()) {
            throw new IllegalArgumentException(source + ": the schema has no rows");
        }
        return cols;
    }

    /**
     * Tells whether a column's UCD matches this column's.
     *
     * @param columnUcd a table column's UCD (may be null)
     * @return whether it matches
     */
    public boolean matches(String columnUcd) {
        if (columnUcd == null) {
            return false;
        }
        String c = stripMain(columnUcd);
        String want = stripMain(ucd);
        if (want.contains("%") || want.contains("_")) {
            String regex = ("\\Q" + want + "\\E").replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q");
            return c.matches(regex);
        }
        return c.equals(want);
    }

    /**
     * Encodes the column for a result's parameters, so that a later run can read it back.
     *
     * @return {@code name|ucd|unit|type|required}
     */
    public String encode() {
        return String.join("|", name, ucd, unit == null ? "" : unit, type, Boolean.toString(required));
    }

    /**
     * Decodes {@link #encode()}.
     *
     * @param text the text
     * @return the column
     */
    public static SchemaColumn decode(String text) {
        String[] p = text.split("\\|", -1);
        if (p.length != 5) {
            throw new IllegalArgumentException("not an encoded schema column: " + text);
        }
        return new SchemaColumn(p[0], p[1], p[2], p[3], Boolean.parseBoolean(p[4]));
    }

    /** @return the output column's description */
    public ColumnInfo columnInfo() {
        Class<?> cls = switch (type) {
            case "long" -> Long.class;
            case "string" -> String.class;
            default -> Double.class;
        };
        ColumnInfo info = new ColumnInfo(name, cls, "The column with UCD " + ucd + " of each table");
        info.setUCD(ucd.contains("%") ? null : ucd);
        info.setUnitString(unit);
        return info;
    }

    static boolean hasMain(String ucd) {
        for (String atom : ucd.split(";")) {
            if (atom.strip().equalsIgnoreCase("meta.main")) {
                return true;
            }
        }
        return false;
    }

    private static String stripMain(String ucd) {
        List<String> atoms = new ArrayList<>();
        for (String atom : ucd.split(";")) {
            String a = atom.strip().toLowerCase(Locale.ROOT);
            if (!a.isEmpty() && !a.equals("meta.main")) {
                atoms.add(a);
            }
        }
        return String.join(";", atoms);
    }

    private static int index(StarTable t, String name, String source, boolean needed) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        if (needed) {
            throw new IllegalArgumentException(source + ": the schema needs a column '" + name
                    + "' (columns: name, ucd, unit, type, required)");
        }
        return -1;
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = String.valueOf(o).strip();
        return s.isEmpty() ? null : s;
    }
}
