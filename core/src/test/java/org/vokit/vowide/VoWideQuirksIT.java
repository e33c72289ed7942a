package org.vokit.vowide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.vokit.fanout.Failure;
import org.vokit.progress.ProgressTally;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.MergedTable;
import org.vokit.registry.Registry;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import org.vokit.testing.QuirkyVo;
import org.vokit.testing.QuirkyVo.Quirk;

import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * VO-wide discovery, planning and running against the local registry, which lists the real
 * DaCHS and every quirk service of {@link QuirkyVo} (running here): the rows of each service
 * that can answer equal a direct query of the DaCHS table behind it, the broken ones end in the
 * failure report.
 */
class VoWideQuirksIT {

    private static final String CONE = "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 1))";
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    @Test
    void everyQuirkServiceIsFoundInTheRegistryAndEndsWhereItShould() throws Exception {
        LocalVo.require();
        TapService dachs = TapService.of(LocalVo.tap());
        // the expectations, straight from DaCHS: the string ids of vostars.main and the integer
        // ids of voquirks.int_ids in the cone (the same stars)
        Set<String> stringIds = column(dachs.runSync("SELECT main_id FROM vostars.main WHERE " + CONE).table(), 0);
        Set<String> intIds = column(dachs.runSync("SELECT star_no FROM voquirks.int_ids WHERE " + CONE).table(), 0);
        assertThat(stringIds).hasSizeGreaterThan(100).allMatch(s -> s.startsWith("VKS-"));
        assertThat(intIds).hasSameSizeAs(stringIds).allMatch(s -> s.matches("\\d+"));

        try (QuirkyVo front = QuirkyVo.start()) {
            VoWideQuery q = VoWideQuery.builder(Registry.of(LocalVo.tap()), "pos.pm%").cone(10, 20, 1).build();
            List<VoWideQuery.ServiceTables> found = q.discover();
            Map<URI, VoWideQuery.ServiceTables> byUrl = found.stream()
                    .collect(Collectors.toMap(VoWideQuery.ServiceTables::accessUrl, s -> s));
            assertThat(byUrl).containsKey(LocalVo.tap());
            for (Quirk k : Quirk.values()) {
                assertThat(byUrl).as("registry lists %s", k).containsKey(k.tap());
                assertThat(Set.copyOf(byUrl.get(k.tap()).tableIvoids().values())).containsExactly(k.ivoid());
            }
            // the delimited names come as the registry writes them: one quoted, one not
            assertThat(byUrl.get(Quirk.DELIMITED.tap()).tableIvoids().keySet())
                    .containsExactlyInAnyOrder("\"J/vokit/Stars\"", "Quirky.Star Numbers");
            assertThat(byUrl.get(Quirk.INT_IDS.tap()).tableIvoids().keySet()).containsExactly("voquirks.int_ids");

            VoWideQuery.Plan plan = q.plan(found);
            assertThat(plan.problems()).isEmpty();
            MergedTable merged = MergedTable.of(q.columns());
            VoWideQuery.Result r;
            ProgressTally tally = new ProgressTally();
            tally.expect(plan.tasks().size());
            long t0 = System.nanoTime();
            try (Fanout engine = Fanout.builder().parallel(12).perHost(12).taskTimeout(TIMEOUT).build()) {
                r = q.runPlan(engine, plan, merged, tally, t0);
            }
            // the hanging service (the front holds it 120 s) is cut at its timeout: the run ends
            // soon after (the generous margin is for a loaded machine, not a speed target)
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT.plusSeconds(10));

            // failures: exactly the three broken services, each with its phase and message
            assertThat(r.report().failures()).extracting(Failure::accessUrl).as(r.report().summary())
                    .containsExactlyInAnyOrder(Quirk.ERROR_500.tap(), Quirk.HANGING.tap(), Quirk.TRUNCATED.tap());
            assertThat(failure(r, Quirk.ERROR_500).phase()).isEqualTo(Failure.Phase.QUERY);
            assertThat(failure(r, Quirk.ERROR_500).message()).contains("the database is down");
            assertThat(failure(r, Quirk.ERROR_500).ivoid()).isEqualTo(Quirk.ERROR_500.ivoid());
            assertThat(failure(r, Quirk.HANGING).phase()).isEqualTo(Failure.Phase.TIMEOUT);
            assertThat(failure(r, Quirk.TRUNCATED).phase()).isEqualTo(Failure.Phase.READ);
            assertThat(r.report().exitStatus()).isEqualTo(4);
            assertThat(r.notes()).anySatisfy(s -> assertThat(s).contains(Quirk.REJECTS_CAST.tap().toString())
                    .contains("rejected"));

            // rows: per (service, table), the ids a direct query of the DaCHS table gives
            Map<String, Set<String>> got = idsByServiceAndTable(merged.table());
            Map<String, Set<String>> want = new TreeMap<>();
            want.put(LocalVo.tap() + " vostars.main", stringIds);
            for (Quirk k : List.of(Quirk.NO_FEATURES, Quirk.SLOW, Quirk.REJECTS_CAST)) {
                want.put(k.tap() + " vostars.main", stringIds);
            }
            // integer ids come out as strings: cast on the server (INT_IDS, DELIMITED) or
            // converted locally (NO_FEATURES, which has no CAST)
            want.put(Quirk.NO_FEATURES.tap() + " voquirks.int_ids", intIds);
            want.put(Quirk.INT_IDS.tap() + " voquirks.int_ids", intIds);
            want.put(Quirk.DELIMITED.tap() + " \"J/vokit/Stars\"", stringIds);
            want.put(Quirk.DELIMITED.tap() + " Quirky.Star Numbers", intIds);
            assertThat(got).isEqualTo(want);
            long rows = want.values().stream().mapToLong(Set::size).sum();
            assertThat(r.report().rows()).isEqualTo(rows);
            assertThat(merged.table().getColumnInfo(0).getContentClass()).isEqualTo(String.class);
            // the progress a user watched ends where the report does: the query asked again
            // without CAST counts once, as answered, with its rows
            ProgressTally.Snapshot seen = tally.snapshot();
            assertThat(seen.failed()).as(seen.line("queries")).isEqualTo(r.report().failures().size());
            assertThat(seen.rows()).as(seen.line("queries")).isEqualTo(rows);
            assertThat(seen.running()).as(seen.line("queries")).isZero();
            // no UNION on NO_FEATURES: one query per table; DELIMITED got one UNION query
            assertThat(front.queries(Quirk.NO_FEATURES)).isEqualTo(2);
            assertThat(front.queries(Quirk.DELIMITED)).as(String.join("\n", r.notes())).isEqualTo(1);
        }
    }

    private static Failure failure(VoWideQuery.Result r, Quirk k) {
        return r.report().failures().stream().filter(f -> f.accessUrl().equals(k.tap())).findFirst().orElseThrow();
    }

    private static Set<String> column(StarTable t, int col) throws Exception {
        Set<String> out = new TreeSet<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                out.add(String.valueOf(rs.getCell(col)));
            }
        }
        return out;
    }

    /** The merged table's ids, keyed by "service_url table_name". */
    static Map<String, Set<String>> idsByServiceAndTable(StarTable t) throws Exception {
        int id = 0;
        int url = -1;
        int table = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            String n = t.getColumnInfo(i).getName();
            if (n.equals(MergedTable.SERVICE_URL)) {
                url = i;
            } else if (n.equals(MergedTable.TABLE_NAME)) {
                table = i;
            }
        }
        Map<String, Set<String>> out = new TreeMap<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                Object v = rs.getCell(id);
                assertThat(v).isInstanceOf(String.class);
                String key = rs.getCell(url) + " " + rs.getCell(table);
                assertThat(out.computeIfAbsent(key, k -> new TreeSet<>()).add((String) v))
                        .as("row %s of %s comes once", v, key).isTrue();
            }
        }
        return out;
    }
}
