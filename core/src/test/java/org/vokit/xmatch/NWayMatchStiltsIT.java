package org.vokit.xmatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.testing.Ci;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableWriter;
import uk.ac.starlink.table.formats.CsvTableWriter;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * {@link NWayMatch} against the real STILTS {@code tmatchn multimode=group} (the Debian package,
 * installed by {@code testing/host-apps/install}) on catalogues generated here with fixed seeds: the
 * same groups, in the same order, with the same column names. The catalogues contain chains, pairs
 * just inside and just outside the radius, several rows of one catalogue in one group, positions at
 * both poles and across RA 0/360.
 *
 * <p>STILTS 3.4.7 misses some pairs that straddle RA 0/360 when their separation is close to the
 * radius ({@link #stiltsMissesSomePairsAcrossRaZero}). Groups do not change when every RA is turned by
 * the same angle, so for the random catalogues STILTS is also given the catalogues turned by 180° in
 * RA, where those pairs are ordinary ones, and vokit must agree with that answer.
 */
class NWayMatchStiltsIT {

    private static final Path STILTS = Path.of("/usr/bin/stilts");
    private static final double ARCSEC_DEG = 1.0 / 3600;

    @TempDir
    Path dir;

    @BeforeAll
    static void needStilts() throws Exception {
        if (!Files.isExecutable(STILTS)) {
            Path install = findUp("testing/host-apps/install");
            if (install != null) {
                Process p = new ProcessBuilder(install.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                p.waitFor(10, TimeUnit.MINUTES);
            }
        }
        if (!Files.isExecutable(STILTS)) {
            Ci.missing("STILTS (Debian package 'stilts', installed by testing/host-apps/install) at " + STILTS);
        }
    }

    @Test
    void randomClusteredCataloguesGiveStiltsGroups() throws Exception {
        for (long seed = 101; seed <= 104; seed++) {
            Random rnd = new Random(seed);
            double radius = 0.5 + rnd.nextDouble() * 5;
            List<Positions> cats = SkyGrouperTest.clustered(rnd, 3 + (int) (seed % 2), 400, radius);
            compare(cats, radius, "seed" + seed, List.of("fits", "votable", "csv", "fits"), 180);
        }
    }

    @Test
    void chainsNearThresholdPolesAndWrapAround() throws Exception {
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        List<double[]> c = new ArrayList<>();
        // a chain A-B-C along the equator 0.9" apart: A and C 1.8" apart, one group
        a.add(new double[] {20, 0});
        b.add(new double[] {20 + 0.9 * ARCSEC_DEG, 0});
        c.add(new double[] {20 + 1.8 * ARCSEC_DEG, 0});
        // just inside and just outside 1" along RA on the equator
        a.add(new double[] {40, 0});
        b.add(new double[] {40 + 0.9999 * ARCSEC_DEG, 0});
        a.add(new double[] {60, 0});
        b.add(new double[] {60 + 1.0001 * ARCSEC_DEG, 0});
        // just inside and just outside along Dec at dec 60
        a.add(new double[] {80, 60});
        c.add(new double[] {80, 60 + 0.9999 * ARCSEC_DEG});
        a.add(new double[] {81, 60});
        c.add(new double[] {81, 60 - 1.0001 * ARCSEC_DEG});
        // across RA 0/360
        a.add(new double[] {359.99999, -30});
        b.add(new double[] {0.00001, -30});
        c.add(new double[] {359.9999, -30});
        // through both poles (0.7" apart across the pole) and at the pole itself
        a.add(new double[] {10, 90 - 0.35 * ARCSEC_DEG});
        b.add(new double[] {190, 90 - 0.35 * ARCSEC_DEG});
        c.add(new double[] {123, 90});
        a.add(new double[] {45, -90 + 0.4 * ARCSEC_DEG});
        c.add(new double[] {225, -90 + 0.4 * ARCSEC_DEG});
        // two rows of A in one group (0.5" apart) linked through B
        a.add(new double[] {100, 10});
        a.add(new double[] {100 + 0.5 * ARCSEC_DEG / Math.cos(Math.toRadians(10)), 10});
        b.add(new double[] {100 + 0.8 * ARCSEC_DEG / Math.cos(Math.toRadians(10)), 10});
        List<Positions> cats = List.of(toPositions(a), toPositions(b), toPositions(c));
        Groups mine = compare(cats, 1.0, "edges", List.of("votable", "csv", "fits"), 0);
        // the independent reference agrees too, and the chain really is one group of three
        assertThat(SkyGrouperTest.asList(mine)).isEqualTo(SkyGrouperTest.reference(cats, 1.0));
        assertThat(SkyGrouperTest.asList(mine)).contains(List.of(0, 0, 0));
    }

    @Test
    void stiltsMissesSomePairsAcrossRaZero() throws Exception {
        // 4.07" apart across RA 0 (haversine), radius 4.11": a pair, which vokit links and STILTS finds
        // when both catalogues are turned by 10 degrees in RA
        double[][] a = {{359.99970322287334, -67.24284373354526}, {100, 89.99999}};
        double[][] b = {{0.0026069143313520726, -67.24270895808684}, {10, 89.99999}};
        List<Positions> cats = List.of(toPositions(List.of(a)), toPositions(List.of(b)));
        double radius = 4.110944017514461;
        assertThat(Math.toDegrees(separationRad(a[0], b[0])) * 3600).isBetween(4.07, 4.08);
        Groups mine = compare(cats, radius, "wrap-turned", List.of("csv"), 10);
        assertThat(SkyGrouperTest.asList(mine)).containsExactly(List.of(0, 0), List.of(1, 1));
        // STILTS 3.4.7 on the same two files unturned returns only the polar group (checked by hand,
        // 2026-12-04); not asserted, so that a fixed STILTS does not fail this test
    }

    /**
     * Writes the catalogues, runs both tools and compares; returns vokit's groups. STILTS reads the
     * catalogues turned by {@code turnDeg} in RA.
     */
    private Groups compare(List<Positions> cats, double radius, String name, List<String> formats, double turnDeg)
            throws Exception {
        List<Path> files = new ArrayList<>();
        List<Path> turned = new ArrayList<>();
        for (int t = 0; t < cats.size(); t++) {
            String fmt = formats.get(t % formats.size());
            files.add(writeFile(cats.get(t), t, name + "-" + (t + 1), fmt, 0));
            turned.add(turnDeg == 0 ? files.get(t) : writeFile(cats.get(t), t, name + "-turned-" + (t + 1), fmt, turnDeg));
        }
        NWayMatch.Builder b = NWayMatch.builder().radiusArcsec(radius);
        for (Path f : files) {
            b.input(f.getFileName().toString(), NWayMatch.open(f));
        }
        NWayMatch.Result r = b.build().run();
        StarTable stilts = runStilts(turned, radius, dir.resolve(name + "-stilts.vot"));
        List<String> myCols = new ArrayList<>();
        for (int i = 0; i < r.table().getColumnCount(); i++) {
            myCols.add(r.table().getColumnInfo(i).getName());
        }
        List<String> theirCols = new ArrayList<>();
        for (int i = 0; i < stilts.getColumnCount(); i++) {
            theirCols.add(stilts.getColumnInfo(i).getName());
        }
        assertThat(myCols).as(name + ": columns").isEqualTo(theirCols);
        assertThat(ids(r.table(), cats.size())).as(name + ": groups (row ids per input)")
                .isEqualTo(ids(stilts, cats.size()));
        assertThat(r.groups().count()).as(name + ": some groups").isGreaterThan(0);
        return r.groups();
    }

    private static StarTable runStilts(List<Path> files, double radius, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(STILTS.toString(), "tmatchn", "nin=" + files.size(),
                "multimode=group", "matcher=sky", "params=" + radius, "out=" + out, "ofmt=votable"));
        for (int t = 0; t < files.size(); t++) {
            String f = files.get(t).toString();
            cmd.add("in" + (t + 1) + "=" + f);
            cmd.add("ifmt" + (t + 1) + "=" + (f.endsWith(".csv") ? "csv" : f.endsWith(".vot") ? "votable" : "fits"));
            cmd.add("values" + (t + 1) + "=ra dec");
        }
        Path log = out.resolveSibling(out.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("stilts finished").isTrue();
        assertThat(p.exitValue()).as("stilts status; log: %s", Files.readString(log)).isZero();
        return NWayMatch.open(out);
    }

    /** The id column of each input, per output row (null where a group lacks that input). */
    private static List<List<Object>> ids(StarTable t, int inputs) throws IOException {
        int[] cols = new int[inputs];
        for (int k = 0; k < inputs; k++) {
            cols[k] = -1;
            for (int i = 0; i < t.getColumnCount(); i++) {
                if (t.getColumnInfo(i).getName().equals("id_" + (k + 1))) {
                    cols[k] = i;
                }
            }
            assertThat(cols[k]).as("column id_%d", k + 1).isNotNegative();
        }
        List<List<Object>> out = new ArrayList<>();
        try (RowSequence seq = t.getRowSequence()) {
            while (seq.next()) {
                List<Object> row = new ArrayList<>();
                for (int c : cols) {
                    Object v = seq.getCell(c);
                    row.add(v == null ? null : ((Number) v).longValue());
                }
                out.add(row);
            }
        }
        return out;
    }

    private Path writeFile(Positions p, int t, String stem, String fmt, double turnDeg) throws IOException {
        Path f = dir.resolve(stem + "." + (fmt.equals("votable") ? "vot" : fmt));
        double[] ra = new double[p.size()];
        for (int i = 0; i < ra.length; i++) {
            ra[i] = turnDeg == 0 ? p.ra(i) : (p.ra(i) + turnDeg) % 360;
        }
        write(table(new Positions(ra, p.dec()), t), f, fmt);
        return f;
    }

    private static double separationRad(double[] p, double[] q) {
        double d1 = Math.toRadians(p[1]);
        double d2 = Math.toRadians(q[1]);
        double sd = Math.sin((d2 - d1) / 2);
        double sa = Math.sin(Math.toRadians(q[0] - p[0]) / 2);
        return 2 * Math.asin(Math.sqrt(sd * sd + sa * sa * Math.cos(d1) * Math.cos(d2)));
    }

    private static StarTable table(Positions p, int t) {
        ColumnInfo id = new ColumnInfo("id", Integer.class, "row index");
        ColumnInfo ra = new ColumnInfo("ra", Double.class, "right ascension");
        ra.setUCD("pos.eq.ra;meta.main");
        ColumnInfo dec = new ColumnInfo("dec", Double.class, "declination");
        dec.setUCD("pos.eq.dec;meta.main");
        ColumnInfo extra = new ColumnInfo("flux" + (t + 1), Double.class, "a column only this input has");
        RowListStarTable out = new RowListStarTable(new ColumnInfo[] {id, ra, dec, extra});
        for (int i = 0; i < p.size(); i++) {
            out.addRow(new Object[] {i, p.ra(i), p.dec(i), (double) i * 0.5});
        }
        return out;
    }

    private static void write(StarTable t, Path f, String fmt) throws IOException {
        StarTableWriter w = switch (fmt) {
            case "fits" -> new uk.ac.starlink.fits.FitsTableWriter();
            case "csv" -> new CsvTableWriter();
            default -> new VOTableWriter(DataFormat.TABLEDATA, true);
        };
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f))) {
            w.writeStarTable(t, os);
        }
    }

    private static Positions toPositions(List<double[]> radec) {
        double[] ra = new double[radec.size()];
        double[] dec = new double[radec.size()];
        for (int i = 0; i < ra.length; i++) {
            ra[i] = radec.get(i)[0];
            dec[i] = radec.get(i)[1];
        }
        return new Positions(ra, dec);
    }

    private static Path findUp(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve(relative);
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        return null;
    }
}
