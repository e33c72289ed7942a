package org.vokit.obscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

/** Finding the position columns of a positions table. */
class PositionColumnsTest {

    private static RowListStarTable table(String... nameUcd) {
        ColumnInfo[] cs = new ColumnInfo[nameUcd.length];
        for (int i = 0; i < nameUcd.length; i++) {
            String[] p = nameUcd[i].split("=", 2);
            cs[i] = new ColumnInfo(p[0], Double.class, null);
            if (p.length > 1) {
                cs[i].setUCD(p[1]);
            }
        }
        return new RowListStarTable(cs);
    }

    @Test
    void metaMainWinsOverOtherUcdMatches() {
        PositionColumns p = PositionColumns.find(table("ra_obs=pos.eq.ra", "alpha=pos.eq.ra;meta.main",
                "dec_obs=pos.eq.dec", "delta=POS.EQ.DEC;META.MAIN"), null, null);
        assertThat(p.raName()).isEqualTo("alpha");
        assertThat(p.decName()).isEqualTo("delta");
        assertThat(p.how()).contains("meta.main");
    }

    @Test
    void usualNamesWhenThereAreNoUcds() {
        PositionColumns p = PositionColumns.find(table("id", "RAJ2000", "DEJ2000"), null, null);
        assertThat(p.ra()).isEqualTo(1);
        assertThat(p.dec()).isEqualTo(2);
        assertThat(p.how()).contains("RAJ2000/DEJ2000");
    }

    @Test
    void namedColumnsWin() {
        PositionColumns p = PositionColumns.find(table("ra=pos.eq.ra;meta.main", "dec=pos.eq.dec;meta.main", "x", "y"),
                "X", "y");
        assertThat(p.raName()).isEqualTo("x");
        assertThat(p.how()).isEqualTo("named");
    }

    @Test
    void textColumnsWithSexagesimalValuesAreRead() throws Exception {
        ColumnInfo ra = new ColumnInfo("ra", String.class, null);
        ColumnInfo dec = new ColumnInfo("dec", String.class, null);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {ra, dec});
        t.addRow(new Object[] {"00 40 00", "+20 30 00"});
        Obscore.Upload up = Obscore.upload(t, PositionColumns.find(t, null, null));
        assertThat((Double) up.table().getCell(0, 1)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) up.table().getCell(0, 2)).isCloseTo(20.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> PositionColumns.find(table("a", "b"), null, null))
                .hasMessageContaining("--ra-col").hasMessageContaining("(the columns are a, b)");
        assertThatThrownBy(() -> PositionColumns.find(table("a", "b"), "a", "zz"))
                .hasMessageContaining("no column 'zz'");
        assertThatThrownBy(() -> PositionColumns.find(table("a", "b"), "a", null))
                .hasMessageContaining("both");
    }
}
