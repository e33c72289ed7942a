package org.vokit.xmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowAccess;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableBuilder;
import uk.ac.starlink.table.TableFormatException;

/**
 * N-way grouping of tables by sky position, as STILTS {@code tmatchn multimode=group}: one output row
 * per group of rows linked (friends of friends) within a radius, with rows from at least two inputs;
 * the columns of input {@code k} follow each other, and names that occur in more than one input
 * (case-insensitively) get the suffix {@code _k} (1-based), as STILTS's default {@code fixcols=dups}.
 * A group with several rows of one input shows its first (lowest) row of that input.
 *
 * <pre>{@code
 * NWayMatch.Result r = NWayMatch.builder()
 *         .input("a.fits", NWayMatch.open(Path.of("a.fits")))
 *         .input("b.vot", NWayMatch.open(Path.of("b.vot")))
 *         .radiusArcsec(1.0)
 *         .build().run();
 * StarTable grouped = r.table();   // r.groups().count() rows
 * }</pre>
 *
 * <p>Positions are read in one streaming pass per input (inputs in parallel) into primitive arrays;
 * the grouping is {@link SkyGrouper}'s. The output rows are fetched on demand: directly from inputs
 * with random access (FITS files are mapped), otherwise from a second streaming pass that keeps only
 * the rows some group needs (STIL's adaptive storage: memory, then disk).
 */
public final class NWayMatch {

    private final List<String> labels;
    private final List<StarTable> tables;
    private final double radiusArcsec;
    private final String raName;
    private final String decName;
    private final ProgressListener progress;
    private final int threads;

    private NWayMatch(Builder b) {
        this.labels = List.copyOf(b.labels);
        this.tables = List.copyOf(b.tables);
        this.radiusArcsec = b.radiusArcsec;
        this.raName = b.raName;
        this.decName = b.decName;
        this.progress = b.progress;
        this.threads = b.threads;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a table file in any format STIL reads, choosing the reader from the content (FITS,
     * VOTable, ECSV, …) and else from the file name (CSV, IPAC, ASCII, …).
     *
     * @param file the file
     * @return the table (random access when the format allows it cheaply, e.g. FITS)
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if the file does not exist or is not a table
     */
    public static StarTable open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        StarTableFactory f = new StarTableFactory(false);
        String name = file.getFileName().toString();
        try {
            return f.makeStarTable(file.toString());
        } catch (TableFormatException byContent) {
            // formats that cannot be told by their content (CSV, ASCII, IPAC, ...): by the file name
            for (TableBuilder b : f.getKnownBuilders()) {
                if (b.looksLikeFile(name)) {
                    try {
                        return f.makeStarTable(file.toString(), b.getFormatName());
                    } catch (TableFormatException e) {
                        throw new IllegalArgumentException(file + " is not a " + b.getFormatName() + " table: "
                                + e.getMessage());
                    }
                }
            }
            throw new IllegalArgumentException(file + " is not a table STIL can read: " + byContent.getMessage());
        }
    }

    /**
     * Reads the positions, groups them and prepares the output table.
     *
     * @return the groups and the output table
     * @throws IOException if an input cannot be read
     * @throws IllegalArgumentException if an input has no position columns
     * @throws InterruptedException if interrupted while reading
     */
    public Result run() throws IOException, InterruptedException {
        int nt = tables.size();
        PositionColumns[] cols = new PositionColumns[nt];
        for (int t = 0; t < nt; t++) {
            cols[t] = PositionColumns.find(tables.get(t), labels.get(t), raName, decName);
        }
        List<Positions> positions = readAll(cols);
        long t0 = System.nanoTime();
        String task = "group";
        ProgressListener.deliver(progress, ProgressEvent.started(task, null));
        Groups groups = SkyGrouper.group(positions, radiusArcsec, (name, count, nanos) -> ProgressListener.deliver(
                progress, new ProgressEvent(ProgressEvent.Kind.ROWS, task, null, count, null, name,
                        Duration.ofNanos(System.nanoTime() - t0))));
        positions = null;
        ProgressListener.deliver(progress, ProgressEvent.finished(task, null, groups.count(),
                Duration.ofNanos(System.nanoTime() - t0)));
        RowSource[] sources = new RowSource[nt];
        for (int t = 0; t < nt; t++) {
            sources[t] = tables.get(t).isRandom() ? new RandomSource(tables.get(t))
                    : Collected.of(tables.get(t), labels.get(t), groups, t, progress);
        }
        return new Result(groups, new GroupTable(tables, groups, sources));
    }

    private List<Positions> readAll(PositionColumns[] cols) throws IOException, InterruptedException {
        int nt = tables.size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(nt, threads), r -> {
            Thread th = new Thread(r, "xmatch-read");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<Positions>> futures = new ArrayList<>();
            for (int t = 0; t < nt; t++) {
                int k = t;
                futures.add(pool.submit(() -> read(tables.get(k), labels.get(k), cols[k])));
            }
            List<Positions> out = new ArrayList<>();
            for (Future<Positions> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException(c);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Positions read(StarTable table, String label, PositionColumns c) throws IOException {
        long t0 = System.nanoTime();
        String task = "read " + label;
        ProgressListener.deliver(progress, ProgressEvent.started(task, label));
        long n = table.getRowCount();
        double[] ra = new double[n >= 0 ? checkedRows(n, label) : 1 << 16];
        double[] dec = new double[ra.length];
        int rows = 0;
        try {
            if (table.isRandom() && n >= 0) {
                try (RowAccess acc = table.getRowAccess()) {
                    for (; rows < n; rows++) {
                        acc.setRowIndex(rows);
                        ra[rows] = number(acc.getCell(c.ra()));
                        dec[rows] = number(acc.getCell(c.dec()));
                        if ((rows & 0xfffff) == 0xfffff) {
                            tick(task, label, rows + 1, t0);
                        }
                    }
                }
            } else {
                try (RowSequence seq = table.getRowSequence()) {
                    while (seq.next()) {
                        if (rows == ra.length) {
                            ra = Arrays.copyOf(ra, checkedRows(ra.length * 2L, label));
                            dec = Arrays.copyOf(dec, ra.length);
                        }
                        ra[rows] = number(seq.getCell(c.ra()));
                        dec[rows] = number(seq.getCell(c.dec()));
                        rows++;
                        if ((rows & 0xfffff) == 0) {
                            tick(task, label, rows, t0);
                        }
                    }
                }
            }
        } catch (IOException e) {
            ProgressListener.deliver(progress, ProgressEvent.failed(task, label, e,
                    Duration.ofNanos(System.nanoTime() - t0)));
            throw new IOException(label + ": " + e.getMessage(), e);
        }
        ProgressListener.deliver(progress, ProgressEvent.finished(task, label, rows,
                Duration.ofNanos(System.nanoTime() - t0)));
        return ra.length == rows ? new Positions(ra, dec)
                : new Positions(Arrays.copyOf(ra, rows), Arrays.copyOf(dec, rows));
    }

    private void tick(String task, String label, long rows, long t0) {
        ProgressListener.deliver(progress, ProgressEvent.rows(task, label, rows,
                Duration.ofNanos(System.nanoTime() - t0)));
    }

    private static int checkedRows(long n, String label) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(label + ": too many rows (" + n + ")");
        }
        return (int) n;
    }

    private static double number(Object o) {
        return o instanceof Number num ? num.doubleValue() : Double.NaN;
    }

    /** Gives the cells of one input's row. */
    private interface RowSource {
        /** @return a reader for one thread */
        RowReader reader() throws IOException;
    }

    /** Reads rows of one input; not thread-safe. */
    private interface RowReader extends AutoCloseable {
        Object[] row(int index) throws IOException;

        @Override
        void close() throws IOException;
    }

    private record RandomSource(StarTable table) implements RowSource {
        @Override
        public RowReader reader() throws IOException {
            RowAccess acc = table.getRowAccess();
            return new RowReader() {
                @Override
                public Object[] row(int index) throws IOException {
                    acc.setRowIndex(index);
                    return acc.getRow();
                }

                @Override
                public void close() throws IOException {
                    acc.close();
                }
            };
        }
    }

    /** The rows of a sequential-only input that some group needs, kept in STIL's adaptive storage. */
    private record Collected(int[] needed, StarTable store) implements RowSource {

        static Collected of(StarTable table, String label, Groups g, int t, ProgressListener progress)
                throws IOException {
            long t0 = System.nanoTime();
            String task = "collect " + label;
            ProgressListener.deliver(progress, ProgressEvent.started(task, label));
            int[] needed = new int[g.count()];
            int k = 0;
            for (int i = 0; i < g.count(); i++) {
                int m = g.member(i, t);
                if (m >= 0) {
                    needed[k++] = m;
                }
            }
            needed = Arrays.copyOf(needed, k);
            Arrays.sort(needed);
            RowStore store = StoragePolicy.ADAPTIVE.makeRowStore();
            store.acceptMetadata(table);
            try (RowSequence seq = table.getRowSequence()) {
                int row = 0;
                int next = 0;
                while (next < needed.length && seq.next()) {
                    if (row == needed[next]) {
                        store.acceptRow(seq.getRow().clone());
                        next++;
                    }
                    row++;
                }
                if (next < needed.length) {
                    throw new IOException(label + ": the table changed between two reads (row " + needed[next]
                            + " is gone)");
                }
            }
            store.endRows();
            ProgressListener.deliver(progress, ProgressEvent.finished(task, label, needed.length,
                    Duration.ofNanos(System.nanoTime() - t0)));
            return new Collected(needed, store.getStarTable());
        }

        @Override
        public RowReader reader() throws IOException {
            RowAccess acc = store.getRowAccess();
            return new RowReader() {
                @Override
                public Object[] row(int index) throws IOException {
                    int at = Arrays.binarySearch(needed, index);
                    acc.setRowIndex(at);
                    return acc.getRow();
                }

                @Override
                public void close() throws IOException {
                    acc.close();
                }
            };
        }
    }

    /** The output: one row per group, the inputs' columns side by side. */
    private static final class GroupTable extends AbstractStarTable {
        private final Groups groups;
        private final RowSource[] sources;
        private final ColumnInfo[] columns;
        private final int[] start;
        private final int[] width;

        GroupTable(List<StarTable> tables, Groups groups, RowSource[] sources) {
            this.groups = groups;
            this.sources = sources;
            int nt = tables.size();
            start = new int[nt];
            width = new int[nt];
            Map<String, Integer> seen = new HashMap<>();
            for (StarTable t : tables) {
                for (int i = 0; i < t.getColumnCount(); i++) {
                    seen.merge(t.getColumnInfo(i).getName().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
            List<ColumnInfo> cols = new ArrayList<>();
            for (int t = 0; t < nt; t++) {
                StarTable tab = tables.get(t);
                start[t] = cols.size();
                width[t] = tab.getColumnCount();
                Map<String, Integer> inThis = new HashMap<>();
                for (int i = 0; i < tab.getColumnCount(); i++) {
                    inThis.merge(tab.getColumnInfo(i).getName().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
                for (int i = 0; i < tab.getColumnCount(); i++) {
                    ColumnInfo ci = new ColumnInfo(tab.getColumnInfo(i));
                    // a group may lack any one input: every column can be empty
                    ci.setNullable(true);
                    String key = ci.getName().toLowerCase(Locale.ROOT);
                    if (seen.get(key) > inThis.get(key)) {
                        ci.setName(ci.getName() + "_" + (t + 1));
                    }
                    cols.add(ci);
                }
            }
            columns = cols.toArray(new ColumnInfo[0]);
            setName("xmatch");
        }

        @Override
        public int getColumnCount() {
            return columns.length;
        }

        @Override
        public ColumnInfo getColumnInfo(int icol) {
            return columns[icol];
        }

        @Override
        public long getRowCount() {
            return groups.count();
        }

        @Override
        public RowSequence getRowSequence() throws IOException {
            RowReader[] readers = new RowReader[sources.length];
            for (int t = 0; t < sources.length; t++) {
                readers[t] = sources[t].reader();
            }
            Object[] row = new Object[columns.length];
            return new RowSequence() {
                private int g = -1;

                @Override
                public boolean next() throws IOException {
                    if (g + 1 >= groups.count()) {
                        return false;
                    }
                    g++;
                    for (int t = 0; t < readers.length; t++) {
                        int m = groups.member(g, t);
                        if (m < 0) {
                            Arrays.fill(row, start[t], start[t] + width[t], null);
                        } else {
                            System.arraycopy(readers[t].row(m), 0, row, start[t], width[t]);
                        }
                    }
                    return true;
                }

                @Override
                public Object getCell(int icol) {
                    return row[icol];
                }

                @Override
                public Object[] getRow() {
                    return row;
                }

                @Override
                public void close() throws IOException {
                    for (RowReader r : readers) {
                        r.close();
                    }
                }
            };
        }
    }

    /**
     * The result of a match.
     *
     * @param groups the groups (row indices per input)
     * @param table the output table, one row per group; it reads the inputs as it is read, so keep them
     *     open until it has been written
     */
    public record Result(Groups groups, StarTable table) {
    }

    /** Builds an {@link NWayMatch}. */
    public static final class Builder {
        private final List<String> labels = new ArrayList<>();
        private final List<StarTable> tables = new ArrayList<>();
        private double radiusArcsec = Double.NaN;
        private String raName;
        private String decName;
        private ProgressListener progress = ProgressListener.NONE;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /**
         * Adds an input.
         *
         * @param label its name in messages and progress events (e.g. the file name)
         * @param table the table
         * @return this builder
         */
        public Builder input(String label, StarTable table) {
            labels.add(Objects.requireNonNull(label, "label"));
            tables.add(Objects.requireNonNull(table, "table"));
            return this;
        }

        /**
         * @param arcsec the linking radius in arcseconds
         * @return this builder
         */
        public Builder radiusArcsec(double arcsec) {
            this.radiusArcsec = arcsec;
            return this;
        }

        /**
         * Names the position columns of every input instead of finding them by UCD and name.
         *
         * @param ra the RA column's name (degrees), or null to find it
         * @param dec the Dec column's name (degrees), or null to find it
         * @return this builder
         */
        public Builder columns(String ra, String dec) {
            this.raName = ra;
            this.decName = dec;
            return this;
        }

        /**
         * @param listener receives events for the tasks {@code read LABEL}, {@code group} (with ROWS events
         *     naming the phases sort, link and group) and {@code collect LABEL}
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param n inputs read at once (default: the number of processors)
         * @return this builder
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + n);
            }
            this.threads = n;
            return this;
        }

        /**
         * @return the match, ready to run
         * @throws IllegalArgumentException if fewer than two inputs or no positive radius were given
         */
        public NWayMatch build() {
            if (tables.size() < 2) {
                throw new IllegalArgumentException("an N-way match needs at least two inputs, not " + tables.size());
            }
            if (!(radiusArcsec > 0) || Double.isInfinite(radiusArcsec)) {
                throw new IllegalArgumentException("the radius must be a positive number of arcseconds, not "
                        + radiusArcsec);
            }
            return new NWayMatch(this);
        }
    }
}
