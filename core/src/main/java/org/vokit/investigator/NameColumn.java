package org.vokit.investigator;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Where a table keeps its objects' names or identifiers: the column with UCD
 * {@code meta.id;meta.main}, else any {@code meta.id} UCD (not {@code meta.id.cross} and the
 * like), else a column with a usual name ({@code main_id}, {@code name}, {@code id},
 * {@code object}, {@code designation}, ...). Used to look a typed name up in a table the user
 * already has, without an internet name resolver.
 *
 * @param index the column's index
 * @param how how it was found, for messages (e.g. {@code "UCD meta.id;meta.main"})
 */
public record NameColumn(int index, String how) {

    private static final List<String> NAMES = List.of("main_id", "name", "id", "object", "obj_name", "objname",
            "object_name", "source_name", "designation", "target_name", "target", "source_id", "obj_id", "objid");

    /** What {@link #find} looks for, for error messages. */
    public static final String LOOKED_FOR = "UCD meta.id;meta.main, any meta.id UCD, or a column named main_id, name,"
            + " id, object, designation, ...";

    /**
     * Finds the name column of a table.
     *
     * @param table the table
     * @return the column, or empty if none is recognisable
     */
    public static Optional<NameColumn> find(StarTable table) {
        int n = table.getColumnCount();
        for (int i = 0; i < n; i++) {
            if (ucd(table.getColumnInfo(i)).equals("meta.id;meta.main")) {
                return Optional.of(new NameColumn(i, "UCD meta.id;meta.main"));
            }
        }
        for (int i = 0; i < n; i++) {
            String u = ucd(table.getColumnInfo(i));
            if (u.equals("meta.id") || u.startsWith("meta.id;")) {
                return Optional.of(new NameColumn(i, "UCD " + u));
            }
        }
        for (String name : NAMES) {
            for (int i = 0; i < n; i++) {
                String cn = table.getColumnInfo(i).getName();
                if (cn != null && cn.strip().equalsIgnoreCase(name)) {
                    return Optional.of(new NameColumn(i, "column name " + cn.strip()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the first row whose name equals the given one, ignoring case and runs of blanks
     * ({@code "hd  1234"} finds {@code "HD 1234"}); failing that, the first row whose name equals it
     * once blanks are removed altogether ({@code "M31"} finds {@code "M 31"}).
     *
     * @param table the table this column belongs to
     * @param name the name to find
     * @return the row index (from 0), or empty if no row has that name
     * @throws IOException if the table cannot be read
     */
    public OptionalLong row(StarTable table, String name) throws IOException {
        String want = normalise(name);
        String squeezed = want.replace(" ", "");
        if (want.isEmpty()) {
            return OptionalLong.empty();
        }
        long loose = -1;
        try (RowSequence rs = table.getRowSequence()) {
            for (long i = 0; rs.next(); i++) {
                Object cell = rs.getCell(index);
                if (cell == null) {
                    continue;
                }
                String have = normalise(cell instanceof char[] c ? new String(c) : cell.toString());
                if (have.equals(want)) {
                    return OptionalLong.of(i);
                }
                if (loose < 0 && have.replace(" ", "").equals(squeezed)) {
                    loose = i;
                }
            }
        }
        return loose < 0 ? OptionalLong.empty() : OptionalLong.of(loose);
    }

    private static String normalise(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String ucd(ColumnInfo c) {
        String u = c.getUCD();
        return u == null ? "" : u.strip().toLowerCase(Locale.ROOT);
    }
}
