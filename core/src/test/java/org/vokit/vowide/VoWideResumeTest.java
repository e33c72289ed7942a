package org.vokit.vowide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vokit.fanout.Failure;
import org.vokit.fanout.MergedTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

/** Which services a VO-wide resumption plans again, and which failures it leaves as they were. */
class VoWideResumeTest {

    private static final URI A = URI.create("http://a.test/tap");
    private static final URI B = URI.create("http://b.test/tap");
    private static final URI C = URI.create("http://c.test/tap");

    private static final List<Failure> FAILURES = List.of(
            new Failure("a s.u", A, "ivo://a", "s.u", Failure.Phase.READ, "FormatException", "cut", "SELECT 2"),
            new Failure("b", B, "ivo://b", null, Failure.Phase.DISCOVERY, "AccessException", "refused", null),
            new Failure("c", C, "ivo://c", null, Failure.Phase.DISCOVERY, "AccessException", "refused", ""),
            // a table left out while planning is not a service that could not be planned
            new Failure("a s.v", A, "ivo://a", "s.v", Failure.Phase.DISCOVERY, "none", "no pos.pm column", null));

    private static RowListStarTable previous() {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {new ColumnInfo("id", String.class, null),
            new ColumnInfo(MergedTable.SERVICE_URL, String.class, null), new ColumnInfo(MergedTable.IVOID, String.class, null),
            new ColumnInfo(MergedTable.TABLE_NAME, String.class, null)});
        t.addRow(new Object[] {"a1", A.toString(), "ivo://a", "s.t"});
        return t;
    }

    @Test
    void unplannedServicesAreThoseThatFailedWithoutTableOrQuery() {
        assertThat(VoWideResume.unplanned(FAILURES)).containsExactlyInAnyOrder(B, C);
    }

    @Test
    void withNothingKnownOnlyTheFailedQueriesAreAskedAgain() {
        VoWideResume again = VoWideResume.of(previous(), FAILURES, null, List.of());
        assertThat(again.askedAgain()).isEqualTo(1);
        assertThat(again.tasks()).isEqualTo(1);
        assertThat(again.replannedServices()).isZero();
    }

    @Test
    void planningAgainNeedsTheQuery() {
        List<VoWideQuery.ServiceTables> known = List.of(new VoWideQuery.ServiceTables(B, Map.of("s.t", "ivo://b")));
        assertThatThrownBy(() -> VoWideResume.of(previous(), FAILURES, null, known))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("query");
    }
}
