package org.vokit.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

class MergedTableTest {

    private static final List<ColumnInfo> SCHEMA = List.of(new ColumnInfo("id", String.class, null),
            new ColumnInfo("ra", Double.class, null));

    private static StarTable answer(Object[]... rows) {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {new ColumnInfo("x", Integer.class, null),
                new ColumnInfo("y", Float.class, null)});
        for (Object[] r : rows) {
            t.addRow(r);
        }
        return t;
    }

    private static List<Object[]> rows(StarTable t) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                out.add(rs.getRow());
            }
        }
        return out;
    }

    @Test
    void mergesWithProvenanceConvertsTypesAndDropsDiscardedTasks() throws Exception {
        for (StoragePolicy policy : List.of(StoragePolicy.PREFER_DISK, StoragePolicy.PREFER_MEMORY)) {
            MergedTable m = MergedTable.of(SCHEMA, policy);
            FanoutTask a = FanoutTask.sync(URI.create("http://a.test/tap"), "ivo://a", "s.t", "SELECT 1");
            FanoutTask b = FanoutTask.sync(URI.create("http://b.test/tap"), "ivo://b", "u.v", "SELECT 1");
            StarTable ta = answer(new Object[] {7, 1.5f}, new Object[] {8, 2.5f});
            StarTable tb = answer(new Object[] {9, 3.5f});
            int[] counted = new int[1];
            try (RowSequence rs = ta.getRowSequence()) {
                m.accept(a, ta, rs, () -> counted[0]++);
            }
            try (RowSequence rs = tb.getRowSequence()) {
                m.accept(b, tb, rs, () -> counted[0]++);
            }
            m.discard(b);
            List<Object[]> got = rows(m.table());
            assertThat(counted[0]).isEqualTo(3);
            assertThat(got).hasSize(2);
            assertThat(got.get(0)).containsExactly("7", 1.5, "http://a.test/tap", "ivo://a", "s.t");
            assertThat(m.table().getColumnCount()).isEqualTo(5);
        }
    }
}
