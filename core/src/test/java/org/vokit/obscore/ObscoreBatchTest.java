package org.vokit.obscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vokit.tap.TapCapabilities;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/** Batch sizes from advertised upload limits, on DaCHS's captured capabilities with the limit changed. */
class ObscoreBatchTest {

    private static TapCapabilities caps(String limit) throws IOException {
        String xml;
        try (var in = ObscoreBatchTest.class.getResourceAsStream("caps-no-upload.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        xml = xml.replace("<!--LIMIT-->", limit == null ? "" : limit);
        return TapCapabilities.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://example.org/tap/capabilities"));
    }

    private static Obscore.Upload upload(int rows) throws IOException {
        ColumnInfo ra = new ColumnInfo("ra", Double.class, null);
        ColumnInfo dec = new ColumnInfo("dec", Double.class, null);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {ra, dec});
        for (int i = 0; i < rows; i++) {
            t.addRow(new Object[] {i * 0.1, i % 2 == 0 ? 1.5 : -1.5});
        }
        return Obscore.upload(t, PositionColumns.find(t, null, null));
    }

    private static long bytes(StarTable t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new VOTableWriter(DataFormat.BINARY2, true, VOTableVersion.V13).writeStarTable(t, out);
        return out.size();
    }

    @Test
    void rowLimitIsTakenAsItIs() throws IOException {
        assertThat(Obscore.rowsPerBatch(caps("<uploadLimit><hard unit=\"row\">250</hard></uploadLimit>"),
                upload(1000).table())).isEqualTo(250);
    }

    @Test
    void byteLimitGivesBatchesThatFit() throws IOException {
        Obscore.Upload up = upload(1000);
        int n = Obscore.rowsPerBatch(caps("<uploadLimit><hard unit=\"byte\">8000</hard></uploadLimit>"), up.table());
        assertThat(n).isBetween(10, 999);
        // a batch of n rows, serialised as it is sent, stays under the limit; twice as many would not
        RowListStarTable batch = new RowListStarTable(new ColumnInfo[] {up.table().getColumnInfo(0),
            up.table().getColumnInfo(1), up.table().getColumnInfo(2)});
        for (int i = 0; i < 2 * n; i++) {
            batch.addRow(up.table().getRow(i));
            if (i == n - 1) {
                assertThat(bytes(batch)).isLessThanOrEqualTo(8000);
            }
        }
        assertThat(bytes(batch)).isGreaterThan(6400L);
    }

    @Test
    void hardLimitCountsAndNoLimitMeansTheDefault() throws IOException {
        assertThat(Obscore.rowsPerBatch(caps("<uploadLimit><default unit=\"row\">10</default>"
                + "<hard unit=\"row\">100</hard></uploadLimit>"), upload(5).table())).isEqualTo(100);
        assertThat(Obscore.rowsPerBatch(caps(null), upload(5).table())).isEqualTo(Obscore.DEFAULT_MAX_ROWS);
    }

    @Test
    void uploadKeepsKeysAndSkipsRowsWithoutPositions() throws IOException {
        ColumnInfo ra = new ColumnInfo("RAJ2000", Object.class, null);
        ColumnInfo dec = new ColumnInfo("DEJ2000", Double.class, null);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {ra, dec});
        t.addRow(new Object[] {10.0, 20.0});
        t.addRow(new Object[] {null, 20.0});
        t.addRow(new Object[] {"11.5", 95.0});
        t.addRow(new Object[] {"12.5", -30.0});
        Obscore.Upload up = Obscore.upload(t, new PositionColumns(0, 1, "RAJ2000", "DEJ2000", "named"));
        assertThat(up.skipped()).isEqualTo(2);
        assertThat(up.table().getRowCount()).isEqualTo(2);
        assertThat(up.table().getRow(1)).containsExactly(3L, 12.5, -30.0);
        RowListStarTable empty = new RowListStarTable(new ColumnInfo[] {dec, dec});
        assertThatThrownBy(() -> Obscore.upload(empty, new PositionColumns(0, 1, "a", "b", "named")))
                .hasMessageContaining("none of the 0 rows");
    }

    @Test
    void queryRendersTheClassicalCrossmatch() {
        String adql = ObscoreQuery.builder().radius(0.01).productType("spectrum").minResolvingPower(10000.0).top(2000)
                .build().toAdql("mine");
        assertThat(adql).startsWith("SELECT TOP 2000 mine.row_key")
                .contains("FROM ivoa.obscore AS oc JOIN TAP_UPLOAD.mine AS mine ON 1 = CONTAINS(POINT('ICRS', oc.s_ra,"
                        + " oc.s_dec), CIRCLE('ICRS', mine.up_ra, mine.up_dec, 0.01))")
                .endsWith("WHERE oc.dataproduct_type = 'spectrum' AND oc.em_res_power > 10000.0");
        assertThat(ObscoreQuery.builder().where(ObscoreQuery.Condition.parse("calib_level >= 2"))
                .where(ObscoreQuery.Condition.parse("obs_collection=it's")).where(ObscoreQuery.Condition.parse("size<3"))
                .build().toAdql("mine"))
                .endsWith("WHERE oc.calib_level >= 2.0 AND oc.obs_collection = 'it''s' AND oc.\"size\" < 3.0");
        assertThatThrownBy(() -> ObscoreQuery.Condition.parse("calib_level; DROP TABLE x"))
                .hasMessageContaining("COLUMN OP VALUE");
        assertThatThrownBy(() -> ObscoreQuery.Condition.parse("a != 1")).hasMessageContaining("COLUMN OP VALUE");
        assertThatThrownBy(() -> ObscoreQuery.builder().radius(0).build()).hasMessageContaining("radius");
        assertThatThrownBy(() -> ObscoreQuery.builder().top(0).build()).hasMessageContaining("top");
    }
}
