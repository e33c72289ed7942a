package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.fanout.ResultFile;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;

import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/** {@code vokit vowide} against the local registry and DaCHS (the README example). */
class VowideCliIT {

    private static final String REG = LocalVo.tap().toString();
    private static final String CONE = "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 1))";

    @BeforeAll
    static void setUp() {
        RegCommandIT.setUp();
    }

    private static Set<String> ids(StarTable t, int col) throws Exception {
        Set<String> out = new TreeSet<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                out.add(String.valueOf(rs.getCell(col)));
            }
        }
        return out;
    }

    @Test
    void properMotionsInAConeMatchADirectQueryAndResumeKeepsThem(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pm.vot");
        RegCommandIT.Run r = RegCommandIT.vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--ra", "10",
                "--dec", "20", "--sr", "1", "--no-health", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("0 failed");
        // independently: which registered tables have pos.pm columns, and what do they hold in the cone
        TapService direct = TapService.of(LocalVo.tap());
        TapResult tables = direct.runSync("SELECT DISTINCT table_name FROM rr.table_column NATURAL JOIN rr.res_table "
                + "WHERE ucd LIKE 'pos.pm%'");
        assertThat(tables.rowCount()).as("tables with pos.pm columns in the local registry").isEqualTo(1);
        TapResult want = direct.runSync("SELECT main_id, pmra FROM vostars.main WHERE " + CONE);
        ResultFile.Previous got = ResultFile.read(out);
        assertThat(got.failures()).isEmpty();
        assertThat(got.query()).contains("ucd=pos.pm%");
        assertThat(ids(got.table(), 0)).isEqualTo(ids(want.table(), 0)).hasSizeGreaterThan(100);
        assertThat(got.table().getColumnInfo(5).getName()).isEqualTo("service_url");
        assertThat(ids(got.table(), 5)).containsExactly(REG);

        Path again = dir.resolve("again.vot");
        RegCommandIT.Run r2 = RegCommandIT.vokit("vowide", "--resume", out.toString(), "--no-health", "--out",
                again.toString());
        assertThat(r2.status()).as(r2.err()).isZero();
        assertThat(ids(ResultFile.read(again).table(), 0)).isEqualTo(ids(want.table(), 0));
        assertThat(Files.size(again)).isPositive();
    }

    @Test
    void missingConeIsBadInput() throws Exception {
        RegCommandIT.Run r = RegCommandIT.vokit("vowide", "--registry", REG, "--ucd", "pos.pm%", "--no-health");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--ra");
    }
}
