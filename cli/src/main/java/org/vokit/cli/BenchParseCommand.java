package org.vokit.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.vokit.votable.VotableReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RandomStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableBuilder;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * {@code vokit bench parse}: rows per second reading a synthetic BINARY2 VOTable, vokit's
 * reader against STIL's own streaming reader, in alternation on the same file.
 */
@Command(name = "parse", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rows/s reading a BINARY2 VOTable, vokit's VotableReader vs STIL's own streaming reader "
                + "(alternating, after one warm-up round of each).")
final class BenchParseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", description = "Measured runs of each reader (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--rows", paramLabel = "N", description = "Rows in the file (default: ${DEFAULT-VALUE}).")
    int rows = 1_000_000;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || rows < 1) {
            throw new IllegalArgumentException("--runs and --rows must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path file = Files.createTempFile("vokit-bench", ".vot");
        try {
            long t0 = System.nanoTime();
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                new VOTableWriter(DataFormat.BINARY2, true, VOTableVersion.V14).writeStarTable(syntheticTable(rows), os);
            }
            double written = (System.nanoTime() - t0) / 1e9;
            List<Double> stil = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                CountingSink a = new CountingSink();
                t0 = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    new VOTableBuilder().streamStarTable(in, a, null);
                }
                double ts = (System.nanoTime() - t0) / 1e9;
                CountingSink b = new CountingSink();
                t0 = System.nanoTime();
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    VotableReader.read(in, file.toUri(), b, true);
                }
                double to = (System.nanoTime() - t0) / 1e9;
                if (a.rows != rows || b.rows != rows || a.hash != b.hash) {
                    throw new IOException("the readers disagree: STIL read " + a.rows + " rows (cell hash " + a.hash
                            + "), vokit " + b.rows + " rows (cell hash " + b.hash + "), the file has " + rows);
                }
                if (i > 0) {
                    // the first round warms up the JIT for both readers
                    stil.add(ts);
                    ours.add(to);
                }
            }
            BenchStats s = BenchStats.of(stil);
            BenchStats o = BenchStats.of(ours);
            BenchStats r = BenchStats.of(BenchStats.ratios(ours, stil));
            out.printf("%nparsing a %d-row BINARY2 VOTable (%.1f MB, written in %.1f s), %d runs each, alternating (%s)%n",
                    rows, Files.size(file) / 1e6, written, runs, BenchStats.machine());
            out.printf("  STIL VOTableBuilder.streamStarTable: %s = %,.0f rows/s%n", s.seconds(), rows / s.median());
            out.printf("  vokit VotableReader.read:            %s = %,.0f rows/s%n", o.seconds(), rows / o.median());
            out.printf("  vokit / STIL time: %.3f (paired runs: min %.3f, max %.3f; target: at most 1.10)%n",
                    o.median() / s.median(), r.min(), r.max());
            out.flush();
        } finally {
            Files.deleteIfExists(file);
        }
        return 0;
    }

    private static StarTable syntheticTable(long n) {
        ColumnInfo[] cols = {
            new ColumnInfo("source_id", Long.class, "identifier"),
            new ColumnInfo("ra", Double.class, "right ascension"),
            new ColumnInfo("dec", Double.class, "declination"),
            new ColumnInfo("pmra", Float.class, null),
            new ColumnInfo("pmdec", Float.class, null),
            new ColumnInfo("mag", Float.class, null),
            new ColumnInfo("flag", Short.class, null),
            new ColumnInfo("name", String.class, null),
        };
        cols[1].setUCD("pos.eq.ra;meta.main");
        cols[2].setUCD("pos.eq.dec;meta.main");
        return new RandomStarTable() {
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
            public Object getCell(long irow, int icol) {
                Random r = new Random(irow * 31 + icol);
                return switch (icol) {
                    case 0 -> irow * 1000 + 17;
                    case 1 -> r.nextDouble() * 360;
                    case 2 -> r.nextDouble() * 180 - 90;
                    case 3, 4 -> (float) r.nextGaussian() * 10;
                    case 5 -> irow % 50 == 0 ? null : (Object) (float) (10 + r.nextDouble() * 10);
                    case 6 -> (short) (irow % 7);
                    default -> "S" + irow;
                };
            }
        };
    }

    /** Counts rows and touches every cell so that no reader gets away with lazy decoding. */
    private static final class CountingSink implements TableSink {
        long rows;
        long hash;

        @Override
        public void acceptMetadata(StarTable meta) {
        }

        @Override
        public void acceptRow(Object[] row) {
            rows++;
            for (Object o : row) {
                if (o != null) {
                    hash = 31 * hash + o.hashCode();
                }
            }
        }

        @Override
        public void endRows() {
        }
    }
}
