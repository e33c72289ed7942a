package org.vokit.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StoragePolicy;

/** What a resumption keeps, asks again and carries, from an earlier merged table and its report. */
class ResumeTest {

    private static final URI A = URI.create("http://a.test/tap");
    private static final URI B = URI.create("http://b.test/tap");
    private static final URI C = URI.create("http://c.test/tap");

    @Test
    void keepsTheAnsweredRowsAsksTheFailedQueriesAndCarriesTheUnplanned() throws Exception {
        RowListStarTable previous = new RowListStarTable(new ColumnInfo[] {new ColumnInfo("id", String.class, null),
            new ColumnInfo(MergedTable.SERVICE_URL, String.class, null), new ColumnInfo(MergedTable.IVOID, String.class, null),
            new ColumnInfo(MergedTable.TABLE_NAME, String.class, null)});
        previous.addRow(new Object[] {"a1", A.toString(), "ivo://a", "s.t"});
        previous.addRow(new Object[] {"a2", A.toString(), "ivo://a", "s.u"});
        previous.addRow(new Object[] {"b1", B.toString(), "ivo://b", "s.t"});
        // A's table s.u failed half-way (its rows must go), B failed in planning (no query), C timed out
        List<Failure> failures = List.of(
                new Failure("a s.u", A, "ivo://a", "s.u", Failure.Phase.READ, "FormatException", "cut", "SELECT 2"),
                new Failure("b", B, "ivo://b", null, Failure.Phase.DISCOVERY, "AccessException", "refused", null),
                new Failure("c s.t", C, "ivo://c", "s.t", Failure.Phase.TIMEOUT, "DeadlineException", "late", "SELECT 3"));
        Resume again = Resume.of(previous, failures).storage(StoragePolicy.PREFER_MEMORY);
        assertThat(again.tasks()).extracting(FanoutTask::accessUrl).containsExactly(A, C);
        assertThat(again.tasks()).extracting(t -> t.query().adql()).containsExactly("SELECT 2", "SELECT 3");
        assertThat(again.carried()).extracting(Failure::accessUrl).containsExactly(B);
        Resume.Kept kept = again.keep();
        assertThat(kept.kept()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        try (RowSequence rs = kept.merged().table().getRowSequence()) {
            while (rs.next()) {
                ids.add(rs.getCell(0) + "@" + rs.getCell(1) + " " + rs.getCell(3));
            }
        }
        assertThat(ids).containsExactly("a1@" + A + " s.t");
        assertThat(kept.merged().schema()).extracting(ColumnInfo::getName).containsExactly("id");
    }
}
