package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.fanout.Failure;
import org.vokit.fanout.MergedTable;
import org.vokit.fanout.ResultFile;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import org.vokit.testing.QuirkyVo;
import org.vokit.testing.QuirkyVo.Quirk;

import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * {@code vokit vowide} against the local registry, which lists the real DaCHS and the quirk
 * services of {@link QuirkyVo} (run here): the rows of every service that can answer equal a
 * direct query of the DaCHS table behind it, the broken ones end in the failure report, and
 * {@code --resume} asks again only those.
 */
class VowideCliIT {

    private static final String REG = LocalVo.tap().toString();
    private static final String CONE = "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 1))";
    private static final Set<Quirk> BROKEN = Set.of(Quirk.ERROR_500, Quirk.HANGING, Quirk.TRUNCATED);

    @BeforeAll
    static void setUp() {
        RegCommandIT.setUp();
    }

    private static Set<String> ids(StarTable t) throws Exception {
        Set<String> out = new TreeSet<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                out.add(String.valueOf(rs.getCell(0)));
            }
        }
        return out;
    }

    /** The ids of a merged result, keyed by "service_url table_name"; each id comes once per key. */
    private static Map<String, Set<String>> idsByServiceAndTable(StarTable t) throws Exception {
        int url = -1;
        int table = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            String n = t.getColumnInfo(i).getName();
            url = n.equals(MergedTable.SERVICE_URL) ? i : url;
            table = n.equals(MergedTable.TABLE_NAME) ? i : table;
        }
        Map<String, Set<String>> out = new TreeMap<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                String key = rs.getCell(url) + " " + rs.getCell(table);
                Object id = rs.getCell(0);
                assertThat(id).isInstanceOf(String.class);
                assertThat(out.computeIfAbsent(key, k -> new TreeSet<>()).add((String) id))
                        .as("%s of %s comes once", id, key).isTrue();
            }
        }
        return out;
    }

    @Test
    void everyRegisteredServiceAnswersOrIsReportedAndResumeAsksOnlyTheFailedOnes(@TempDir Path dir)
            throws Exception {
        TapService direct = TapService.of(LocalVo.tap());
        // independently: the (service, table) pairs the registry lists with pos.pm columns, and
        // what the DaCHS tables behind them hold in the cone
        TapResult listed = direct.runSync("SELECT DISTINCT access_url, table_name FROM rr.capability "
                + "NATURAL JOIN rr.interface NATURAL JOIN rr.res_table NATURAL JOIN rr.table_column "
                + "WHERE standard_id LIKE 'ivo://ivoa.net/std/tap%' AND intf_role = 'std' AND ucd LIKE 'pos.pm%'");
        Set<String> stringIds = ids(direct.runSync("SELECT main_id FROM vostars.main WHERE " + CONE).table());
        Set<String> intIds = ids(direct.runSync("SELECT star_no FROM voquirks.int_ids WHERE " + CONE).table());
        assertThat(stringIds).hasSizeGreaterThan(100).hasSameSizeAs(intIds);
        Map<String, Set<String>> want = new TreeMap<>();
        Map<String, Set<String>> wantAfterResume = new TreeMap<>();
        try (RowSequence rs = listed.rows()) {
            while (rs.next()) {
                String url = String.valueOf(rs.getCell(0));
                String table = String.valueOf(rs.getCell(1));
                // the two tables served by DaCHS, under the names the registry gives them
                Set<String> rows = table.equals("vostars.main") || table.equals("\"J/vokit/Stars\"") ? stringIds
                        : table.equals("voquirks.int_ids") || table.equals("Quirky.Star Numbers") ? intIds : null;
                assertThat(rows).as("a DaCHS table behind %s at %s", table, url).isNotNull();
                wantAfterResume.put(url + " " + table, rows);
                if (BROKEN.stream().noneMatch(q -> q.tap().toString().equals(url))) {
                    want.put(url + " " + table, rows);
                }
            }
        }
        assertThat(wantAfterResume.keySet()).anyMatch(k -> k.startsWith(REG + " "));
        for (Quirk q : Quirk.values()) {
            assertThat(wantAfterResume.keySet()).as("the registry lists %s", q).anyMatch(k -> k.startsWith(q.tap() + " "));
        }

        try (QuirkyVo front = QuirkyVo.start()) {
            Path out = dir.resolve("pm.vot");
            RegCommandIT.Run r = RegCommandIT.vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--ra", "10",
                    "--dec", "20", "--sr", "1", "--no-health", "--timeout", "4", "--out", out.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).contains("3 failed").contains("the database is down");
            for (Quirk q : BROKEN) {
                assertThat(r.err()).contains("vokit vowide: failure report (3 failed").contains("\n  " + q.tap());
            }
            ResultFile.Previous got = ResultFile.read(out);
            assertThat(got.query()).contains("ucd=pos.pm%");
            assertThat(got.failures()).extracting(Failure::accessUrl)
                    .containsExactlyInAnyOrder(Quirk.ERROR_500.tap(), Quirk.HANGING.tap(), Quirk.TRUNCATED.tap());
            assertThat(phase(got, Quirk.ERROR_500)).isEqualTo(Failure.Phase.QUERY);
            assertThat(phase(got, Quirk.HANGING)).isEqualTo(Failure.Phase.TIMEOUT);
            assertThat(phase(got, Quirk.TRUNCATED)).isEqualTo(Failure.Phase.READ);
            assertThat(idsByServiceAndTable(got.table())).isEqualTo(want);

            // the broken services recover; a resumed run asks them, and only them, again
            front.heal(BROKEN.toArray(Quirk[]::new));
            Map<Quirk, Integer> before = new EnumMap<>(Quirk.class);
            for (Quirk q : Quirk.values()) {
                before.put(q, front.queries(q));
            }
            Path again = dir.resolve("pm2.vot");
            RegCommandIT.Run r2 = RegCommandIT.vokit("vowide", "--resume", out.toString(), "--no-health",
                    "--timeout", "4", "--out", again.toString());
            assertThat(r2.status()).as(r2.err()).isZero();
            assertThat(r2.err()).contains("3 tasks asked again");
            for (Quirk q : Quirk.values()) {
                assertThat(front.queries(q)).as("queries to %s", q).isEqualTo(before.get(q) + (BROKEN.contains(q) ? 1 : 0));
            }
            ResultFile.Previous resumed = ResultFile.read(again);
            assertThat(resumed.failures()).isEmpty();
            assertThat(idsByServiceAndTable(resumed.table())).isEqualTo(wantAfterResume);
        }
    }

    /**
     * What a user sees when the test front does not run: each quirk service is refused while it is
     * planned and reported (phase DISCOVERY), the real service's rows are written, exit status 4;
     * once the services are up, {@code --resume} plans and asks those services, and only them.
     */
    @Test
    void refusedServicesAreReportedAndResumePlansThemAgain(@TempDir Path dir) throws Exception {
        TapService direct = TapService.of(LocalVo.tap());
        Set<String> stringIds = ids(direct.runSync("SELECT main_id FROM vostars.main WHERE " + CONE).table());
        long tables = QuirkyVo.listedTables(LocalVo.tap(), "pos.pm%");
        Path out = dir.resolve("refused.vot");
        RegCommandIT.Run r;
        try (AutoCloseable down = QuirkyVo.down()) {
            r = RegCommandIT.vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--ra", "10", "--dec", "20",
                    "--sr", "1", "--no-health", "--timeout", "10", "--out", out.toString());
        }
        assertThat(r.status()).as(r.err()).isEqualTo(4);
        ResultFile.Previous got = ResultFile.read(out);
        assertThat(got.failures()).extracting(Failure::accessUrl).containsExactlyInAnyOrder(
                java.util.Arrays.stream(Quirk.values()).map(Quirk::tap).toArray(URI[]::new));
        for (Failure f : got.failures()) {
            assertThat(f.phase()).isEqualTo(Failure.Phase.DISCOVERY);
            assertThat(f.message()).as(f.line()).contains("refused");
            assertThat(f.ivoid()).startsWith("ivo://vokit.test/quirks/");
            assertThat(r.err()).contains("\n  " + f.line());
        }
        assertThat(idsByServiceAndTable(got.table())).isEqualTo(Map.of(REG + " vostars.main", stringIds));

        try (QuirkyVo front = QuirkyVo.start()) {
            front.heal(BROKEN.toArray(Quirk[]::new));
            Path again = dir.resolve("again.vot");
            RegCommandIT.Run r2 = RegCommandIT.vokit("vowide", "--resume", out.toString(), "--no-health",
                    "--timeout", "10", "--out", again.toString());
            assertThat(r2.status()).as(r2.err()).isZero();
            assertThat(r2.err()).contains("0 tasks asked again, " + Quirk.values().length + " services planned again");
            ResultFile.Previous resumed = ResultFile.read(again);
            assertThat(resumed.failures()).isEmpty();
            Map<String, Set<String>> byTable = idsByServiceAndTable(resumed.table());
            // every listed (service, table) answered, the real service's rows came once
            assertThat(byTable).hasSize((int) tables).containsEntry(REG + " vostars.main", stringIds);
            assertThat(byTable.values()).allMatch(v -> v.size() == stringIds.size());
        }
    }

    private static Failure.Phase phase(ResultFile.Previous p, Quirk q) {
        return p.failures().stream().filter(f -> f.accessUrl().equals(q.tap())).findFirst().orElseThrow().phase();
    }

    @Test
    void missingConeIsBadInput() throws Exception {
        RegCommandIT.Run r = RegCommandIT.vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--no-health");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--ra");
    }
}
