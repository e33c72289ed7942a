package org.vokit.votable;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.ValueInfo;

/**
 * The metadata of one result column, as the VOTable {@code FIELD} declared it.
 *
 * @param name column name
 * @param datatype VOTable datatype (e.g. {@code double}, {@code char}), or null
 * @param arraysize VOTable arraysize, or null
 * @param unit unit string, or null
 * @param ucd UCD, or null
 * @param utype utype, or null
 * @param xtype extended type (e.g. {@code timestamp}), or null
 * @param description description, or null
 */
public record ColumnMeta(String name, String datatype, String arraysize, String unit, String ucd, String utype,
                         String xtype, String description) {

    /**
     * Extracts the metadata STIL keeps for a column.
     *
     * @param info STIL's column description
     * @return the metadata
     */
    public static ColumnMeta of(ColumnInfo info) {
        return new ColumnMeta(info.getName(), aux(info, "Datatype"), arraysize(info), info.getUnitString(),
                info.getUCD(), info.getUtype(), info.getXtype(), info.getDescription());
    }

    private static String aux(ColumnInfo info, String name) {
        for (DescribedValue dv : info.getAuxData()) {
            ValueInfo vi = dv.getInfo();
            if (name.equalsIgnoreCase(vi.getName()) && dv.getValue() != null) {
                return dv.getValue().toString();
            }
        }
        return null;
    }

    private static String arraysize(ColumnInfo info) {
        int[] shape = info.getShape();
        if (shape == null || !info.isArray()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(shape[i] < 0 ? "*" : Integer.toString(shape[i]));
        }
        return sb.toString();
    }
}
