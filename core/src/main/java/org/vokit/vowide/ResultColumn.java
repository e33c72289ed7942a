package org.vokit.vowide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import uk.ac.starlink.table.ColumnInfo;

/**
 * One column of a VO-wide result: filled, on each table, from the column with this UCD.
 *
 * @param name the result column's name
 * @param ucd the UCD to look for (exact, case-insensitive; {@code ;meta.main} preferred, see
 *            {@link VoWideQuery}); may be an SQL {@code LIKE} pattern with {@code %}
 * @param unit the result's unit (values are converted to it), or null to keep the table's
 * @param type an ADQL type to cast to on the server (e.g. {@code CHAR(*)}), or null; values are
 *             also converted locally, so a service without CAST still gives a uniform column
 */
public record ResultColumn(String name, String ucd, String unit, String type) {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z ]*(\\((\\*|\\d+)\\))?");

    /**
     * Validates the components.
     *
     * @param name the name
     * @param ucd the UCD
     * @param unit the unit, or null
     * @param type the cast type, or null
     */
    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ucd, "ucd");
        if (name.isBlank() || ucd.isBlank()) {
            throw new IllegalArgumentException("a result column needs a name and a UCD");
        }
        unit = unit == null || unit.isBlank() ? null : unit.strip();
        type = type == null || type.isBlank() ? null : type.strip();
        if (type != null && !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("not an ADQL type: " + type);
        }
    }

    /** @return the Java class values of this column get in the merged table */
    public Class<?> contentClass() {
        if (type != null && type.toUpperCase(Locale.ROOT).matches("(VAR)?CHAR.*|TEXT.*")) {
            return String.class;
        }
        if (type != null && type.toUpperCase(Locale.ROOT).matches("(SMALLINT|INTEGER|BIGINT).*")) {
            return Long.class;
        }
        return ucd.toLowerCase(Locale.ROOT).startsWith("meta.id") ? String.class : Double.class;
    }

    /** @return the column's STIL description */
    public ColumnInfo columnInfo() {
        ColumnInfo c = new ColumnInfo(name, contentClass(), "from the column with UCD " + ucd);
        c.setUCD(ucd.contains("%") ? null : ucd);
        c.setUnitString(unit);
        return c;
    }

    /**
     * Returns the default schema (the course's): an id, ra, dec, and for {@code pos.pm%} the
     * proper motions in RA and Dec; for other patterns, one column {@code value} with the pattern.
     *
     * @param ucdPattern the pattern the tables were found by
     * @return the columns
     */
    public static List<ResultColumn> defaults(String ucdPattern) {
        List<ResultColumn> cols = new ArrayList<>(List.of(
                new ResultColumn("cat_id", "meta.id;meta.main", null, "CHAR(*)"),
                new ResultColumn("ra", "pos.eq.ra;meta.main", "deg", null),
                new ResultColumn("dec", "pos.eq.dec;meta.main", "deg", null)));
        String p = ucdPattern.strip().toLowerCase(Locale.ROOT);
        if (p.startsWith("pos.pm")) {
            cols.add(new ResultColumn("pmra", "pos.pm;pos.eq.ra", "mas/yr", null));
            cols.add(new ResultColumn("pmde", "pos.pm;pos.eq.dec", "mas/yr", null));
        } else {
            cols.add(new ResultColumn("value", ucdPattern.strip(), null, null));
        }
        return List.copyOf(cols);
    }

    /**
     * Reads a schema file: one column per line, {@code name, UCD, unit, type} separated by
     * commas (unit and type may be empty or left out); blank lines and lines starting with
     * {@code #} are ignored. It must define {@code ra} and {@code dec} columns (pos.eq.ra/dec)
     * for the cone.
     *
     * @param file the file
     * @return the columns
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and line of a bad entry
     */
    public static List<ResultColumn> read(Path file) throws IOException {
        List<ResultColumn> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 2 || f.length > 4) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected name, UCD, unit, type but got: "
                        + line);
            }
            try {
                out.add(new ResultColumn(f[0].strip(), f[1].strip(), f.length > 2 ? f[2] : null, f.length > 3 ? f[3] : null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no columns");
        }
        return List.copyOf(out);
    }
}
