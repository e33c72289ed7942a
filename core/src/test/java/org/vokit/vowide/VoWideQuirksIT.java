package org.vokit.vowide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vokit.fanout.Failure;
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
 * VO-wide planning and running against the real DaCHS and the quirky loopback front (the
 * services are given directly; they are not (yet) in the local registry).
 */
class VoWideQuirksIT {

    @Test
    void healthyServicesAnswerAndEachQuirkEndsWhereItShould() throws Exception {
        LocalVo.require();
        try (QuirkyVo front = QuirkyVo.start()) {
            Registry reg = Registry.of(LocalVo.tap());
            VoWideQuery q = VoWideQuery.builder(reg, "pos.pm%").cone(10, 20, 1).build();
            List<VoWideQuery.ServiceTables> services = new ArrayList<>();
            services.add(new VoWideQuery.ServiceTables(LocalVo.tap(), Map.of("vostars.main", "ivo://vokit.test/tap")));
            for (Quirk k : Quirk.values()) {
                services.add(new VoWideQuery.ServiceTables(k.tap(),
                        Map.of("vostars.main", "ivo://vokit.test/quirk/" + k.name().toLowerCase())));
            }
            // the two slow parts of planning (1 s) stay inside the metadata timeout
            VoWideQuery.Plan plan = q.plan(services);
            assertThat(plan.problems()).isEmpty();
            MergedTable merged = MergedTable.of(q.columns());
            VoWideQuery.Result r;
            try (Fanout engine = Fanout.builder().parallel(8).taskTimeout(Duration.ofSeconds(4)).build()) {
                r = q.runPlan(engine, plan, merged, null, System.nanoTime());
            }
            TapResult want = TapService.of(LocalVo.tap()).runSync("SELECT main_id FROM vostars.main WHERE "
                    + "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 1))");
            long n = want.rowCount();
            assertThat(n).isGreaterThan(100);
            // DaCHS, NO_FEATURES, SLOW and REJECTS_CAST (asked again without CAST) answer
            assertThat(r.report().answered()).as(r.report().summary()).isEqualTo(4);
            assertThat(r.report().rows()).isEqualTo(4 * n);
            assertThat(r.notes()).anySatisfy(s -> assertThat(s).contains(Quirk.REJECTS_CAST.tap().toString())
                    .contains("rejected"));
            assertThat(r.report().failures()).extracting(Failure::accessUrl)
                    .containsExactlyInAnyOrder(Quirk.ERROR_500.tap(), Quirk.HANGING.tap(), Quirk.TRUNCATED.tap());
            assertThat(phase(r, Quirk.ERROR_500.tap())).isEqualTo(Failure.Phase.QUERY);
            assertThat(message(r, Quirk.ERROR_500.tap())).contains("the database is down");
            assertThat(phase(r, Quirk.HANGING.tap())).isEqualTo(Failure.Phase.TIMEOUT);
            assertThat(phase(r, Quirk.TRUNCATED.tap())).isEqualTo(Failure.Phase.READ);
            assertThat(r.report().exitStatus()).isEqualTo(4);
            StarTable t = merged.table();
            long fromNoFeatures = 0;
            try (RowSequence rs = t.getRowSequence()) {
                while (rs.next()) {
                    if (Quirk.NO_FEATURES.tap().toString().equals(rs.getCell(5))) {
                        fromNoFeatures++;
                        assertThat(rs.getCell(0)).isInstanceOf(String.class);
                        assertThat(rs.getCell(6)).isEqualTo("ivo://vokit.test/quirk/no_features");
                    }
                }
            }
            assertThat(fromNoFeatures).isEqualTo(n);
        }
    }

    private static Failure.Phase phase(VoWideQuery.Result r, URI u) {
        return r.report().failures().stream().filter(f -> f.accessUrl().equals(u)).findFirst().orElseThrow().phase();
    }

    private static String message(VoWideQuery.Result r, URI u) {
        return r.report().failures().stream().filter(f -> f.accessUrl().equals(u)).findFirst().orElseThrow().message();
    }
}
