package org.vokit.investigator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

/** Finding a table's name column and a typed name in it; parsing typed positions. */
class NameColumnTest {

    private static ColumnInfo col(String name, Class<?> type, String ucd) {
        ColumnInfo c = new ColumnInfo(name, type, null);
        c.setUCD(ucd);
        return c;
    }

    @Test
    void theMainIdUcdWinsOverOtherIdsAndNames() {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            col("name", String.class, null), col("cross", String.class, "meta.id.cross"),
            col("oid", Long.class, "meta.id"), col("star", String.class, "meta.id;meta.main")});
        assertThat(NameColumn.find(t)).hasValueSatisfying(c -> {
            assertThat(c.index()).isEqualTo(3);
            assertThat(c.how()).isEqualTo("UCD meta.id;meta.main");
        });
    }

    @Test
    void anyMetaIdThenUsualNamesThenNothing() {
        RowListStarTable byUcd = new RowListStarTable(new ColumnInfo[] {
            col("name", String.class, null), col("cross", String.class, "meta.id.cross"), col("oid", Long.class, "meta.id")});
        assertThat(NameColumn.find(byUcd)).hasValueSatisfying(c -> assertThat(c.index()).isEqualTo(2));
        RowListStarTable byName = new RowListStarTable(new ColumnInfo[] {
            col("ra", Double.class, null), col("MAIN_ID", String.class, null), col("name", String.class, null)});
        assertThat(NameColumn.find(byName)).hasValueSatisfying(c -> {
            assertThat(c.index()).isEqualTo(1);
            assertThat(c.how()).isEqualTo("column name MAIN_ID");
        });
        assertThat(NameColumn.find(new RowListStarTable(new ColumnInfo[] {col("ra", Double.class, null)}))).isEmpty();
    }

    @Test
    void namesMatchIgnoringCaseAndBlanksExactMatchesFirst() throws IOException {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {col("main_id", String.class, null)});
        t.addRow(new Object[] {"HD 1234"});
        t.addRow(new Object[] {null});
        t.addRow(new Object[] {"M 31"});
        t.addRow(new Object[] {"M31"});
        NameColumn c = NameColumn.find(t).orElseThrow();
        assertThat(c.row(t, "hd   1234")).hasValue(0);
        assertThat(c.row(t, " m31 ")).hasValue(3);
        assertThat(c.row(t, "HD1234")).hasValue(0);
        assertThat(c.row(t, "HD 12345")).isEmpty();
        assertThat(c.row(t, "  ")).isEmpty();
    }

    @Test
    void typedPositionsInDegreesOrSexagesimal() {
        assertThat(SkyPosition.parse("10.5", "-20.25")).isEqualTo(SkyPosition.of(10.5, -20.25));
        SkyPosition m31 = SkyPosition.parse("00:42:44.3", "+41:16:09");
        assertThat(m31.ra()).isCloseTo((42 + 44.3 / 60) / 60 * 15, within(1e-9));
        assertThat(m31.dec()).isCloseTo(41 + 16 / 60.0 + 9 / 3600.0, within(1e-9));
        assertThat(SkyPosition.parse("0h42m44.3s", "41d16m09s")).isEqualTo(m31);
        assertThat(SkyPosition.parse("10d30m", "-0 30 0")).isEqualTo(SkyPosition.of(10.5, -0.5));
        assertThatThrownBy(() -> SkyPosition.parse("ten", "20")).hasMessageContaining("RA \"ten\"");
        assertThatThrownBy(() -> SkyPosition.parse("10", "95")).hasMessageContaining("between -90 and 90");
        assertThatThrownBy(() -> SkyPosition.parse("10", "")).hasMessageContaining("both RA and Dec");
    }
}
