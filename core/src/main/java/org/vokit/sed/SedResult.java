package org.vokit.sed;

import java.util.List;
import java.util.Locale;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.DefaultValueInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;

/**
 * The outcome of a {@link SedSearch}: the points sorted by wavelength, the tables that failed, the
 * columns or tables left out (with reasons), and how many tables were asked and answered.
 *
 * @param ra the searched right ascension in degrees
 * @param dec the searched declination in degrees
 * @param radiusArcsec the search radius in arcseconds
 * @param points the photometric values, by wavelength
 * @param failures the tables that failed
 * @param skipped columns or tables left out, each with its reason
 * @param asked the number of tables asked
 * @param answered the number that answered (with or without rows)
 */
public record SedResult(double ra, double dec, double radiusArcsec, List<SedPoint> points, List<SedFailure> failures,
                        List<String> skipped, int asked, int answered) {

    /**
     * Copies the lists.
     *
     * @param ra the searched right ascension
     * @param dec the searched declination
     * @param radiusArcsec the radius
     * @param points the points
     * @param failures the failures
     * @param skipped what was left out
     * @param asked tables asked
     * @param answered tables that answered
     */
    public SedResult {
        points = List.copyOf(points);
        failures = List.copyOf(failures);
        skipped = List.copyOf(skipped);
    }

    /**
     * Returns the points as a table: {@code wavelength} (m), {@code value}, {@code unit}, {@code ucd},
     * {@code band}, {@code service}, {@code table}, {@code column}, {@code ra}, {@code dec},
     * {@code separation} (arcsec); the search and each failure are kept as table parameters.
     *
     * @return the table
     */
    public StarTable table() {
        ColumnInfo[] cols = {
            col("wavelength", Double.class, "m", "em.wl", "effective wavelength of the band (vokit's band table)"),
            col("value", Double.class, null, null, "the photometric value as the service gave it"),
            col("unit", String.class, null, "meta.unit", "unit of value"),
            col("ucd", String.class, null, "meta.ucd", "UCD of the column the value comes from"),
            col("band", String.class, null, "instr.bandpass", "the band the UCD names"),
            col("service", String.class, null, "meta.ref.url", "TAP access URL of the service"),
            col("table", String.class, null, "meta.id", "table the value comes from"),
            col("column", String.class, null, "meta.id", "column the value comes from"),
            col("ra", Double.class, "deg", "pos.eq.ra", "position of the source row"),
            col("dec", Double.class, "deg", "pos.eq.dec", "position of the source row"),
            col("separation", Double.class, "arcsec", "pos.angDistance", "distance of the source row from the "
                    + "searched position"),
        };
        RowListStarTable t = new RowListStarTable(cols);
        t.setName("sed");
        for (SedPoint p : points) {
            t.addRow(new Object[] {p.wavelength(), p.value(), p.unit(), p.ucd(), p.band(), p.service().toString(),
                p.table(), p.column(), p.ra(), p.dec(), p.separation()});
        }
        t.setParameter(new DescribedValue(new DefaultValueInfo("sed_query", String.class, "the search"),
                String.format(Locale.ROOT, "ra=%s dec=%s radius=%s arcsec", ra, dec, radiusArcsec)));
        t.setParameter(new DescribedValue(new DefaultValueInfo("tables_asked", Integer.class, null), asked));
        t.setParameter(new DescribedValue(new DefaultValueInfo("tables_answered", Integer.class, null), answered));
        for (int i = 0; i < failures.size(); i++) {
            t.setParameter(new DescribedValue(new DefaultValueInfo("failure_" + (i + 1), String.class,
                    "a table that failed: service table: phase: error: message"), failures.get(i).line()));
        }
        return t;
    }

    private static ColumnInfo col(String name, Class<?> type, String unit, String ucd, String description) {
        ColumnInfo c = new ColumnInfo(name, type, description);
        c.setUnitString(unit);
        c.setUCD(ucd);
        return c;
    }
}
