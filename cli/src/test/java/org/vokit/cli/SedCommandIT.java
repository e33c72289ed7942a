package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.samp.MTypes;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.FakeClient;
import org.vokit.testing.FaultServer;
import org.vokit.testing.LocalVo;
import org.vokit.testing.QuirkyVo;
import org.vokit.testing.TestHub;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;

/**
 * {@code vokit sed} in this JVM against the local VO's registry and DaCHS (the README example), its
 * exit statuses for bad input and a broken registry, and {@code --samp} to a client on a real JSAMP hub.
 */
class SedCommandIT {

    private static final String REG = LocalVo.tap().toString();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void vo() {
        LocalVo.require();
    }

    private static Run vokit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * The README example, with the registry's quirk services running (they are fronts of the same
     * DaCHS table): every table that answers gives the stars' magnitudes, the 500, hanging and
     * truncated ones fail, and the exit status says so.
     */
    @Test
    void readmeExampleWritesEveryMagnitudeOfTheStarsInTheCircle() throws Exception {
        // independently: how many (service, table) pairs the registry lists with magnitudes
        TapResult listed = TapService.of(LocalVo.tap()).runSync("SELECT DISTINCT access_url, table_name "
                + "FROM rr.capability NATURAL JOIN rr.interface NATURAL JOIN rr.res_table NATURAL JOIN rr.table_column "
                + "WHERE standard_id LIKE 'ivo://ivoa.net/std/tap%' AND intf_role = 'std' AND ucd LIKE 'phot.mag;em.%'");
        long tables = listed.rowCount();
        assertThat(tables).isGreaterThan(3);
        Path out = dir.resolve("sed.vot");
        Run r;
        try (QuirkyVo front = QuirkyVo.start()) {
            r = vokit("sed", "--registry", REG, "--ra", "10", "--dec", "20", "--radius", "40", "--timeout", "5",
                    "--out", out.toString());
        }
        assertThat(r.status()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains(tables + " tables asked, " + (tables - 3) + " answered, 3 failed");
        for (QuirkyVo.Quirk q : List.of(QuirkyVo.Quirk.ERROR_500, QuirkyVo.Quirk.HANGING, QuirkyVo.Quirk.TRUNCATED)) {
            assertThat(r.err()).contains("sed: failed: " + q.tap());
        }
        StarTable t = new StarTableFactory().makeStarTable(out.toString(), "votable");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            names.add(t.getColumnInfo(i).getName());
        }
        assertThat(names).contains("wavelength", "value", "unit", "ucd", "service", "table", "column");
        // as many values per answering table as non-null magnitudes in the same circle, asked directly
        TapResult direct = TapService.of(LocalVo.tap()).runSync("SELECT bmag, vmag, jmag, hmag, kmag FROM vostars.main "
                + "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, " + (40 / 3600.0) + "))");
        long values = 0;
        try (RowSequence s = direct.table().getRowSequence()) {
            while (s.next()) {
                for (Object o : s.getRow()) {
                    values += o == null ? 0 : 1;
                }
            }
        }
        assertThat(values).isGreaterThan(0);
        assertThat(Tables.randomTable(t).getRowCount()).isEqualTo(values * (tables - 3));
    }

    @Test
    void badInputAndABrokenRegistry() throws IOException {
        Run dec = vokit("sed", "--registry", REG, "--ra", "10", "--dec", "100");
        assertThat(dec.status()).isEqualTo(2);
        assertThat(dec.err()).contains("declination");
        Run url = vokit("sed", "--registry", "ftp://x", "--ra", "10", "--dec", "10");
        assertThat(url.status()).isEqualTo(2);
        try (FaultServer bad = FaultServer.start()) {
            bad.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "registry down"));
            bad.on("/tap/capabilities", (req, ex) -> ex.send(500, "text/plain", "registry down"));
            Run r = vokit("sed", "--registry", bad.uri("/tap").toString(), "--ra", "10", "--dec", "20", "--timeout", "5");
            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("registry down");
        }
    }

    @Test
    void sendsTheTableToASampClient() throws Exception {
        try (TestHub hub = TestHub.start(dir);
             FakeClient topcat = hub.fake("topcat", MTypes.TABLE_LOAD_VOTABLE)) {
            StarTable[] got = new StarTable[1];
            topcat.answer(MTypes.TABLE_LOAD_VOTABLE, m -> {
                try {
                    got[0] = Tables.randomTable(new StarTableFactory(true).makeStarTable(m.param("url"), "votable"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return Map.of();
            });
            Run r = vokit("sed", "--registry", REG, "--ra", "10", "--dec", "20", "--radius", "40", "--samp", "topcat",
                    "--hub", hub.lockFile().toString(), "--out", dir.resolve("s.csv").toString());
            // 4: the registry's quirk services fail (refused, or broken if a test front runs)
            assertThat(r.status()).as(r.err()).isEqualTo(4);
            assertThat(r.err()).contains("sent to topcat");
            assertThat(got[0]).isNotNull();
            assertThat(got[0].getRowCount()).isEqualTo(
                    Tables.randomTable(new StarTableFactory().makeStarTable(dir.resolve("s.csv").toString(), "csv"))
                            .getRowCount());
        }
    }
}
