package org.vokit.aladin;

import java.io.IOException;
import java.util.Locale;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Places EPN-TAP granules in Aladin, which draws only tables with positions: two columns with
 * the centre of each granule's {@code c1}/{@code c2} ranges, marked as the table's main
 * position. For the {@code celestial} frame these are right ascension and declination; for the
 * {@code body} frame they are longitude and latitude on the target, which is how Aladin shows
 * planetary surfaces. Granules in other frames (cartesian, ...) get no position.
 */
final class EpnPositions {

    /** Names of the added columns. */
    static final String LON = "c1_centre";
    /** Names of the added columns. */
    static final String LAT = "c2_centre";

    private EpnPositions() {
    }

    /**
     * Adds the two position columns.
     *
     * @param t the merged EPN-TAP result
     * @return a copy with the columns, or {@code t} if it lacks the c1/c2 ranges
     * @throws IOException if the rows cannot be read
     */
    static StarTable add(StarTable t) throws IOException {
        int c1min = column(t, "c1min");
        int c1max = column(t, "c1max");
        int c2min = column(t, "c2min");
        int c2max = column(t, "c2max");
        int frame = column(t, "spatial_frame_type");
        if (c1min < 0 || c1max < 0 || c2min < 0 || c2max < 0 || frame < 0) {
            return t;
        }
        int n = t.getColumnCount();
        ColumnInfo[] cols = new ColumnInfo[n + 2];
        for (int i = 0; i < n; i++) {
            cols[i] = t.getColumnInfo(i);
        }
        ColumnInfo lon = new ColumnInfo(LON, Double.class,
                "Centre of c1 (longitude on the body, or RA for the celestial frame)");
        lon.setUnitString("deg");
        lon.setUCD("pos.eq.ra;meta.main");
        ColumnInfo lat = new ColumnInfo(LAT, Double.class,
                "Centre of c2 (latitude on the body, or Dec for the celestial frame)");
        lat.setUnitString("deg");
        lat.setUCD("pos.eq.dec;meta.main");
        cols[n] = lon;
        cols[n + 1] = lat;
        RowListStarTable out = new RowListStarTable(cols);
        out.setName(t.getName());
        out.setParameters(t.getParameters());
        try (RowSequence rows = t.getRowSequence()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                Object[] wide = new Object[n + 2];
                System.arraycopy(row, 0, wide, 0, n);
                String f = row[frame] == null ? "" : row[frame].toString().strip().toLowerCase(Locale.ROOT);
                if (f.equals("body") || f.equals("celestial")) {
                    Double a = number(row[c1min]);
                    Double b = number(row[c1max]);
                    Double c = number(row[c2min]);
                    Double d = number(row[c2max]);
                    if (a != null && b != null && c != null && d != null) {
                        double hi = b < a ? b + 360 : b;
                        wide[n] = ((a + hi) / 2) % 360;
                        wide[n + 1] = (c + d) / 2;
                    }
                }
                out.addRow(wide);
            }
        }
        return out;
    }

    private static Double number(Object o) {
        if (o instanceof Number x && Double.isFinite(x.doubleValue())) {
            return x.doubleValue();
        }
        return null;
    }

    private static int column(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (name.equalsIgnoreCase(t.getColumnInfo(i).getName())) {
                return i;
            }
        }
        return -1;
    }
}
