package org.vokit.investigator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * Finding RA/Dec columns by UCD, UCD1 and name, and reading positions in the units tables use.
 * The SCS case reads the captured head of a DaCHS cone search response.
 */
class PositionColumnsTest {

    private static ColumnInfo col(String name, Class<?> type, String ucd, String unit) {
        ColumnInfo c = new ColumnInfo(name, type, null);
        c.setUCD(ucd);
        c.setUnitString(unit);
        return c;
    }

    private static StarTable table(ColumnInfo... cols) {
        return new RowListStarTable(cols);
    }

    @Test
    void prefersTheMainPositionUcdOverOtherPositions() throws IOException {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            col("ra", Double.class, "pos.eq.ra", "deg"), col("dec", Double.class, "pos.eq.dec", "deg"),
            col("ra_main", Double.class, "pos.eq.ra;meta.main", "deg"),
            col("de_main", Double.class, "pos.eq.dec;meta.main", "deg")});
        t.addRow(new Object[] {1.0, 2.0, 10.0, 20.0});
        PositionColumns pc = PositionColumns.find(t).orElseThrow();
        assertThat(pc.raIndex()).isEqualTo(2);
        assertThat(pc.decIndex()).isEqualTo(3);
        assertThat(pc.how()).contains("pos.eq.ra;meta.main");
        assertThat(pc.position(t, 0)).contains(SkyPosition.of(10, 20));
    }

    @Test
    void readsUcd1ColumnsOfAConeSearchResponse() throws IOException {
        String doc = "<?xml version='1.0'?><VOTABLE version='1.4' xmlns='http://www.ivoa.net/xml/VOTable/v1.3'>"
                + "<RESOURCE><TABLE><FIELD name='_r' datatype='double' ucd='pos.distance'/>"
                + "<FIELD name='main_id' datatype='char' arraysize='*' ucd='ID_MAIN'/>"
                + "<FIELD name='ra' datatype='double' ucd='POS_EQ_RA_MAIN' unit='deg'/>"
                + "<FIELD name='dec' datatype='double' ucd='POS_EQ_DEC_MAIN' unit='deg'/>"
                + "<DATA><TABLEDATA><TR><TD>0</TD><TD>VKS-00001</TD><TD>10.0</TD><TD>20.0</TD></TR>"
                + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        try (InputStream in = new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))) {
            VotableReader.read(in, URI.create("http://127.0.0.1/scs"), store, true);
        }
        StarTable t = store.getStarTable();
        PositionColumns pc = PositionColumns.find(t).orElseThrow();
        assertThat(pc.how()).isEqualTo("UCD1 POS_EQ_RA_MAIN");
        assertThat(pc.position(t, 0)).contains(SkyPosition.of(10, 20));
    }

    @Test
    void fallsBackToColumnNamesAndConvertsUnits() throws IOException {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            col("name", String.class, null, null), col("RAJ2000", Double.class, null, "h"),
            col("DEJ2000", Double.class, null, "rad")});
        t.addRow(new Object[] {"x", 10.0, Math.toRadians(-30.5)});
        PositionColumns pc = PositionColumns.find(t).orElseThrow();
        assertThat(pc.how()).isEqualTo("column names RAJ2000/DEJ2000");
        SkyPosition p = pc.position(t, 0).orElseThrow();
        assertThat(p.ra()).isCloseTo(150.0, within(1e-9));
        assertThat(p.dec()).isCloseTo(-30.5, within(1e-9));
    }

    @Test
    void readsSexagesimalTextAndRejectsEmptyCells() throws IOException {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            col("ra", String.class, null, null), col("dec", String.class, null, null)});
        t.addRow(new Object[] {"10:00:00", "-05:30:00"});
        t.addRow(new Object[] {"02h30m00s", "+45d15m00s"});
        t.addRow(new Object[] {null, "1"});
        t.addRow(new Object[] {"12.5", "100"});
        PositionColumns pc = PositionColumns.find(t).orElseThrow();
        SkyPosition a = pc.position(t, 0).orElseThrow();
        assertThat(a.ra()).isCloseTo(150.0, within(1e-9));
        assertThat(a.dec()).isCloseTo(-5.5, within(1e-9));
        SkyPosition b = pc.position(t, 1).orElseThrow();
        assertThat(b.ra()).isCloseTo(37.5, within(1e-9));
        assertThat(b.dec()).isCloseTo(45.25, within(1e-9));
        assertThat(pc.position(t, 2)).isEmpty();
        assertThat(pc.position(t, 3)).isEmpty();
        assertThatThrownBy(() -> pc.position(t, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void findsNothingInATableWithoutPositions() {
        assertThat(PositionColumns.find(table(col("flux", Double.class, "phot.flux", "Jy"),
                col("name", String.class, "meta.id", null)))).isEmpty();
        assertThat(PositionColumns.find(table(col("ra", Double.class, null, "deg")))).isEmpty();
    }
}
