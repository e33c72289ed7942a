package org.vokit.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vokit.xmatch.NWayMatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RandomStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * {@code vokit bench xmatch}: generates catalogues and times {@code vokit xmatch} against
 * STILTS {@code tmatchn multimode=group} on the same files, alternating, under {@code /usr/bin/time -v}
 * for the peak memory; checks that both found the same groups. A benchmark, not a test: it prints
 * figures, and fails only when a run fails or the groups differ.
 */
@Command(name = "xmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time ./vokit xmatch against stilts tmatchn multimode=group on generated catalogues.",
            "Each catalogue holds --rows rows: 80 %% are the same true sources (row i of every catalogue comes from "
                + "source i) scattered by 0.3 arcsec, 20 %% are unrelated positions; uniform over the sky."})
final class XmatchBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", description = "Rows per catalogue (default: ${DEFAULT-VALUE}).")
    int rows = 1_000_000;

    @Option(names = "--tables", paramLabel = "N", description = "Catalogues (default: ${DEFAULT-VALUE}).")
    int tables = 3;

    @Option(names = "--radius", paramLabel = "ARCSEC", description = "Match radius (default: ${DEFAULT-VALUE}).")
    double radius = 1.0;

    @Option(names = "--runs", paramLabel = "N", description = "Runs of each tool, alternating (default: ${DEFAULT-VALUE}).")
    int runs = 3;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the catalogues and results go "
            + "(default: a new temporary directory, deleted afterwards).")
    Path dir;

    @Option(names = "--vokit", paramLabel = "PATH", description = "The vokit launcher (default: ${DEFAULT-VALUE}).")
    Path launcher = Path.of("vokit");

    @Option(names = "--stilts", paramLabel = "PATH", description = "STILTS launcher (default: ${DEFAULT-VALUE}).")
    String stilts = "stilts";

    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || tables < 2 || runs < 1) {
            throw new IllegalArgumentException("--rows and --runs must be at least 1, --tables at least 2");
        }
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--vokit " + launcher + " is not an executable launcher");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temp = dir == null;
        Path work = temp ? Files.createTempDirectory("vokit-xmatch-bench") : Files.createDirectories(dir);
        try {
            out.printf(Locale.ROOT, "bench xmatch: %d catalogues x %,d rows, radius %s arcsec, %d cores, load: %s%n",
                    tables, rows, radius, Runtime.getRuntime().availableProcessors(), load());
            List<Path> files = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < tables; t++) {
                Path f = work.resolve("cat" + (t + 1) + ".fits");
                if (!Files.exists(f)) {
                    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                        new uk.ac.starlink.fits.FitsTableWriter().writeStarTable(catalogue(t, rows), os);
                    }
                }
                files.add(f);
            }
            out.printf(Locale.ROOT, "  catalogues ready in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, work);
            out.flush();
            Path vOut = work.resolve("vokit.fits");
            Path sOut = work.resolve("stilts.fits");
            List<String> vk = new ArrayList<>(List.of("/usr/bin/time", "-v", launcher.toAbsolutePath().toString(),
                    "xmatch", "--radius", Double.toString(radius), "--out", vOut.toString()));
            List<String> st = new ArrayList<>(List.of("/usr/bin/time", "-v", stilts, "tmatchn", "nin=" + tables,
                    "multimode=group", "matcher=sky", "params=" + radius, "out=" + sOut, "ofmt=fits"));
            for (int t = 0; t < tables; t++) {
                vk.add("--in");
                vk.add(files.get(t).toString());
                st.add("in" + (t + 1) + "=" + files.get(t));
                st.add("values" + (t + 1) + "=ra dec");
            }
            List<double[]> v = new ArrayList<>();
            List<double[]> s = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // alternate which tool goes first
                if (i % 2 == 0) {
                    v.add(measure(vk, work, "vokit"));
                    s.add(measure(st, work, "stilts"));
                } else {
                    s.add(measure(st, work, "stilts"));
                    v.add(measure(vk, work, "vokit"));
                }
                out.printf(Locale.ROOT, "  run %d: vokit %.1f s %,d MB   stilts %.1f s %,d MB   (load: %s)%n", i + 1,
                        v.get(i)[0], (long) v.get(i)[1] / 1024, s.get(i)[0], (long) s.get(i)[1] / 1024, load());
                out.flush();
            }
            long groups = sameGroups(vOut, sOut, tables);
            out.printf(Locale.ROOT, "  same groups in both outputs: %,d groups%n", groups);
            out.printf(Locale.ROOT, "  vokit xmatch:   median %.1f s (%.1f-%.1f), peak RSS median %,d MB%n", median(v, 0),
                    min(v, 0), max(v, 0), (long) median(v, 1) / 1024);
            out.printf(Locale.ROOT, "  stilts tmatchn: median %.1f s (%.1f-%.1f), peak RSS median %,d MB%n", median(s, 0),
                    min(s, 0), max(s, 0), (long) median(s, 1) / 1024);
            out.printf(Locale.ROOT, "  vokit / stilts time: %.2f (target: at most 0.5)%n", median(v, 0) / median(s, 0));
            return 0;
        } finally {
            if (temp) {
                try (var paths = Files.walk(work)) {
                    paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Runs a command under /usr/bin/time -v; returns {seconds, max RSS in kB}; a failed run fails the bench. */
    private static double[] measure(List<String> cmd, Path work, String name) throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(name + " did not finish within 30 minutes (log: " + log + ")");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String text = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IOException(name + " failed with status " + p.exitValue() + "; log " + log + ":\n"
                    + text.substring(Math.max(0, text.length() - 3000)));
        }
        Matcher m = MAX_RSS.matcher(text);
        if (!m.find()) {
            throw new IOException("no peak memory in /usr/bin/time's report for " + name + " (log: " + log + ")");
        }
        return new double[] {secs, Double.parseDouble(m.group(1))};
    }

    /** Compares the id columns of both outputs row by row; returns the number of groups. */
    private static long sameGroups(Path a, Path b, int tables) throws IOException {
        StarTable ta = NWayMatch.open(a);
        StarTable tb = NWayMatch.open(b);
        if (ta.getRowCount() != tb.getRowCount()) {
            throw new IOException("different numbers of groups: vokit " + ta.getRowCount() + ", stilts "
                    + tb.getRowCount());
        }
        int[] ca = idColumns(ta, tables);
        int[] cb = idColumns(tb, tables);
        long row = 0;
        try (RowSequence sa = ta.getRowSequence(); RowSequence sb = tb.getRowSequence()) {
            while (sa.next() & sb.next()) {
                for (int t = 0; t < tables; t++) {
                    Object x = sa.getCell(ca[t]);
                    Object y = sb.getCell(cb[t]);
                    if (!java.util.Objects.equals(x, y)) {
                        throw new IOException("groups differ at row " + row + ", input " + (t + 1) + ": vokit " + x
                                + ", stilts " + y);
                    }
                }
                row++;
            }
        }
        return row;
    }

    private static int[] idColumns(StarTable t, int tables) throws IOException {
        int[] c = new int[tables];
        for (int k = 0; k < tables; k++) {
            c[k] = -1;
            for (int i = 0; i < t.getColumnCount(); i++) {
                if (t.getColumnInfo(i).getName().equals("id_" + (k + 1))) {
                    c[k] = i;
                }
            }
            if (c[k] < 0) {
                throw new IOException("no column id_" + (k + 1) + " in " + t.getName());
            }
        }
        return c;
    }

    /**
     * Catalogue {@code t}: row i is, with probability 0.8, true source i (uniform on the sphere, from a
     * seed shared by all catalogues) scattered by 0.3 arcsec; otherwise an unrelated position.
     */
    static StarTable catalogue(int t, int n) {
        ColumnInfo[] cols = {
            new ColumnInfo("id", Long.class, "row identifier (catalogue * 10^9 + row)"),
            new ColumnInfo("ra", Double.class, "right ascension"),
            new ColumnInfo("dec", Double.class, "declination"),
            new ColumnInfo("mag", Float.class, "a magnitude"),
        };
        cols[1].setUCD("pos.eq.ra;meta.main");
        cols[1].setUnitString("deg");
        cols[2].setUCD("pos.eq.dec;meta.main");
        cols[2].setUnitString("deg");
        return new RandomStarTable() {
            private long cachedRow = -1;
            private final double[] cached = new double[3];

            @Override
            public int getColumnCount() {
                return cols.length;
            }

            @Override
            public ColumnInfo getColumnInfo(int i) {
                return cols[i];
            }

            @Override
            public long getRowCount() {
                return n;
            }

            @Override
            public synchronized Object getCell(long irow, int icol) {
                if (irow != cachedRow) {
                    Random truth = new Random(irow * 7919 + 13);
                    Random own = new Random(irow * 104729 + t * 31 + 7);
                    double ra;
                    double dec;
                    if (own.nextDouble() < 0.8) {
                        ra = truth.nextDouble() * 360;
                        dec = Math.toDegrees(Math.asin(truth.nextDouble() * 2 - 1));
                        double sigma = 0.3 / 3600;
                        double cos = Math.max(1e-9, Math.cos(Math.toRadians(dec)));
                        ra = ((ra + own.nextGaussian() * sigma / cos) % 360 + 360) % 360;
                        dec = Math.max(-90, Math.min(90, dec + own.nextGaussian() * sigma));
                    } else {
                        ra = own.nextDouble() * 360;
                        dec = Math.toDegrees(Math.asin(own.nextDouble() * 2 - 1));
                    }
                    cached[0] = ra;
                    cached[1] = dec;
                    cached[2] = 10 + own.nextDouble() * 10;
                    cachedRow = irow;
                }
                return switch (icol) {
                    case 0 -> t * 1_000_000_000L + irow;
                    case 1 -> cached[0];
                    case 2 -> cached[1];
                    default -> (float) cached[2];
                };
            }
        };
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<double[]> xs, int k) {
        List<Double> s = new ArrayList<>();
        for (double[] x : xs) {
            s.add(x[k]);
        }
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<double[]> xs, int k) {
        return xs.stream().mapToDouble(x -> x[k]).min().orElse(Double.NaN);
    }

    private static double max(List<double[]> xs, int k) {
        return xs.stream().mapToDouble(x -> x[k]).max().orElse(Double.NaN);
    }
}
