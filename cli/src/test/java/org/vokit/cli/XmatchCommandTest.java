package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.xmatch.NWayMatch;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableWriter;
import uk.ac.starlink.table.formats.CsvTableWriter;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * {@code vokit xmatch} in this JVM on three small tables in three formats whose groups are known by
 * construction (the README example), and its answers to bad input. The comparison with STILTS itself
 * is {@code org.vokit.xmatch.NWayMatchStiltsIT}.
 */
class XmatchCommandTest {

    private static final double AS = 1.0 / 3600;

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    private static Run vokit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void readmeExampleGroupsThreeFormats() throws Exception {
        // source 1 in all three, source 2 in a and c only (via RAJ2000/DEJ2000 names), a chain for source 3
        // (a-b 0.8", b-c 0.8", a-c 1.6"), and unrelated rows
        write(dir.resolve("a.fits"), table("lon", "lat", true, new double[][] {{10, 20}, {30, -5}, {50, 45}, {70, 0}}),
                new uk.ac.starlink.fits.FitsTableWriter());
        write(dir.resolve("b.vot"), table("RAJ2000", "DEJ2000", false,
                new double[][] {{10 + 0.3 * AS, 20}, {50, 45 + 0.8 * AS}, {200, 0}}), new VOTableWriter());
        write(dir.resolve("c.csv"), table("ra", "dec", false,
                new double[][] {{300, 1}, {30, -5 + 0.4 * AS}, {10, 20 - 0.5 * AS}, {50, 45 + 1.6 * AS}}),
                new CsvTableWriter());
        Path out = dir.resolve("groups.fits");
        Run r = vokit("xmatch", "--in", dir.resolve("a.fits").toString(), "--in", dir.resolve("b.vot").toString(),
                "--in", dir.resolve("c.csv").toString(), "--radius", "1", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("3 groups");
        StarTable t = NWayMatch.open(out);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            names.add(t.getColumnInfo(i).getName());
        }
        assertThat(names).containsExactly("id_1", "lon", "lat", "id_2", "RAJ2000", "DEJ2000", "id_3", "ra", "dec");
        List<String> rows = new ArrayList<>();
        try (RowSequence s = t.getRowSequence()) {
            while (s.next()) {
                rows.add(s.getCell(0) + "," + s.getCell(3) + "," + s.getCell(6));
            }
        }
        assertThat(rows).containsExactly("0,0,2", "1,null,1", "2,1,3");
    }

    @Test
    void badInputExitsWithTwoAndSaysWhat() throws Exception {
        write(dir.resolve("a.csv"), table("ra", "dec", false, new double[][] {{1, 1}}), new CsvTableWriter());
        write(dir.resolve("nopos.csv"), table("x", "y", false, new double[][] {{1, 1}}), new CsvTableWriter());
        String a = dir.resolve("a.csv").toString();
        Run one = vokit("xmatch", "--in", a, "--radius", "1");
        assertThat(one.status()).isEqualTo(2);
        assertThat(one.err()).contains("at least twice");
        Run radius = vokit("xmatch", "--in", a, "--in", a, "--radius", "-1");
        assertThat(radius.status()).isEqualTo(2);
        assertThat(radius.err()).contains("--radius");
        Run missing = vokit("xmatch", "--in", a, "--in", dir.resolve("nothere.fits").toString(), "--radius", "1");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("nothere.fits: no such file");
        Run nopos = vokit("xmatch", "--in", a, "--in", dir.resolve("nopos.csv").toString(), "--radius", "1");
        assertThat(nopos.status()).isEqualTo(2);
        assertThat(nopos.err()).contains("nopos.csv: no right ascension column").contains("--ra-col");
        Run named = vokit("xmatch", "--in", a, "--in", a, "--radius", "1", "--ra-col", "nope", "--dec-col", "dec");
        assertThat(named.status()).isEqualTo(2);
        assertThat(named.err()).contains("no column 'nope'");
        Run withCols = vokit("xmatch", "--in", dir.resolve("nopos.csv").toString(), "--in",
                dir.resolve("nopos.csv").toString(), "--radius", "1", "--ra-col", "x", "--dec-col", "y",
                "--format", "csv");
        assertThat(withCols.status()).as(withCols.err()).isZero();
        assertThat(withCols.err()).contains("1 groups");
    }

    private static StarTable table(String ra, String dec, boolean ucds, double[][] pos) {
        ColumnInfo id = new ColumnInfo("id", Integer.class, null);
        ColumnInfo a = new ColumnInfo(ra, Double.class, null);
        ColumnInfo d = new ColumnInfo(dec, Double.class, null);
        if (ucds) {
            // names that would not be found: the UCDs must be used
            a.setUCD("pos.eq.ra;meta.main");
            d.setUCD("pos.eq.dec;meta.main");
        }
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {id, a, d});
        for (int i = 0; i < pos.length; i++) {
            t.addRow(new Object[] {i, pos[i][0], pos[i][1]});
        }
        return t;
    }

    private static void write(Path f, StarTable t, StarTableWriter w) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f))) {
            w.writeStarTable(t, os);
        }
    }
}
