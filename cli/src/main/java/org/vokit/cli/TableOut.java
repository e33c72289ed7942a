package org.vokit.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import uk.ac.starlink.table.StarTableOutput;
import uk.ac.starlink.table.StarTableWriter;
import uk.ac.starlink.table.TableFormatException;
import uk.ac.starlink.table.TableSink;

/**
 * Writes a table in any format STIL writes, to a file or standard output, streaming rows as
 * they arrive. A file is written beside its destination and moved into place only when complete,
 * so a failed query never destroys a user's earlier result.
 */
final class TableOut implements AutoCloseable {

    /** Writers that produce their output in one pass, so rows can go straight through. */
    private static final java.util.Set<String> ONE_PASS = java.util.Set.of("votable", "votable-tabledata",
            "votable-binary-inline", "votable-binary2-inline", "csv", "csv-noheader", "tst", "ecsv");

    private final OutputStream stream;
    private final StarTableWriter writer;
    private final TableSink sink;
    private final Path target;
    private final Path temp;
    private boolean committed;

    private TableOut(OutputStream stream, StarTableWriter writer, TableSink sink, Path target, Path temp) {
        this.stream = stream;
        this.writer = writer;
        this.sink = sink;
        this.target = target;
        this.temp = temp;
    }

    /**
     * Opens an output.
     *
     * @param out the file, or null for standard output
     * @param format a STIL output format name, or null to infer it from the file name (VOTable
     *     for standard output)
     * @return the output
     * @throws IOException if the format is unknown or the file cannot be created
     */
    static TableOut open(Path out, String format) throws IOException {
        StarTableWriter writer = writer(format, out);
        if (out == null) {
            OutputStream os = new BufferedOutputStream(new NonClosing(System.out), 1 << 16);
            return new TableOut(os, writer, sink(os, writer), null, null);
        }
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output directory does not exist: " + dir);
        }
        Path temp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE), 1 << 16);
        return new TableOut(os, writer, sink(os, writer), abs, temp);
    }

    /**
     * Finds the writer for a format name, or for a file name when no format is given. The
     * common formats are made directly: building STIL's full list of writers costs tens of
     * milliseconds of start-up, which a command-line tool feels.
     */
    static StarTableWriter writer(String format, Path out) throws IOException {
        String name = format != null ? format.toLowerCase(java.util.Locale.ROOT)
                : out == null ? "votable" : byExtension(out.getFileName().toString());
        if (name != null) {
            StarTableWriter w = common(name);
            if (w != null) {
                return w;
            }
        }
        StarTableOutput sto = new StarTableOutput();
        try {
            return format != null ? sto.getHandler(format)
                    : sto.getHandler(StarTableOutput.AUTO_HANDLER, out.getFileName().toString());
        } catch (TableFormatException e) {
            if (format == null) {
                throw new IllegalArgumentException("cannot tell the output format from the file name '"
                        + out.getFileName() + "': give --format");
            }
            throw new IllegalArgumentException("unknown output format '" + format + "'; known formats: "
                    + String.join(", ", sto.getKnownFormats().stream().map(f -> f.toLowerCase(java.util.Locale.ROOT))
                            .filter(f -> !f.equals("jdbc")).toList()));
        }
    }

    private static StarTableWriter common(String name) {
        return switch (name) {
            case "votable" -> new uk.ac.starlink.votable.VOTableWriter();
            case "csv" -> new uk.ac.starlink.table.formats.CsvTableWriter();
            case "fits" -> new uk.ac.starlink.votable.UnifiedFitsTableWriter();
            case "ecsv" -> new uk.ac.starlink.ecsv.EcsvTableWriter();
            case "text" -> new uk.ac.starlink.table.formats.TextTableWriter();
            case "tst" -> new uk.ac.starlink.table.formats.TstTableWriter();
            case "ipac" -> new uk.ac.starlink.table.formats.IpacTableWriter();
            case "ascii" -> new uk.ac.starlink.table.formats.AsciiTableWriter();
            default -> null;
        };
    }

    private static String byExtension(String file) {
        String f = file.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".vot") || f.endsWith(".votable") || f.endsWith(".xml")) {
            return "votable";
        }
        if (f.endsWith(".fits") || f.endsWith(".fit") || f.endsWith(".fts")) {
            return "fits";
        }
        if (f.endsWith(".csv")) {
            return "csv";
        }
        if (f.endsWith(".ecsv")) {
            return "ecsv";
        }
        if (f.endsWith(".tst")) {
            return "tst";
        }
        if (f.endsWith(".tbl") || f.endsWith(".ipac")) {
            return "ipac";
        }
        return null;
    }

    TableSink sink() {
        return sink;
    }

    /**
     * Writes a whole table directly, without the sink's buffering: for tables that can be read more
     * than once (the FITS writer reads twice). Use either this or {@link #sink()}, then commit.
     *
     * @param table the table
     * @throws IOException if writing fails
     */
    void write(uk.ac.starlink.table.StarTable table) throws IOException {
        writer.writeStarTable(table, stream);
    }

    /**
     * Returns a sink writing to a stream: rows go straight through for one-pass formats; formats
     * such as FITS, which must know the row count first, go through STIL's scratch storage
     * (memory, then disk).
     */
    static TableSink sink(OutputStream os, StarTableWriter writer) {
        if (ONE_PASS.contains(writer.getFormatName().toLowerCase(java.util.Locale.ROOT))) {
            return new uk.ac.starlink.table.StreamTableSink() {
                @Override
                protected void scanTable(uk.ac.starlink.table.StarTable table) throws IOException {
                    writer.writeStarTable(table, os);
                }
            };
        }
        uk.ac.starlink.table.RowStore store = uk.ac.starlink.table.StoragePolicy.ADAPTIVE.makeRowStore();
        return new TableSink() {
            @Override
            public void acceptMetadata(uk.ac.starlink.table.StarTable meta)
                    throws uk.ac.starlink.table.TableFormatException {
                store.acceptMetadata(meta);
            }

            @Override
            public void acceptRow(Object[] row) throws IOException {
                store.acceptRow(row);
            }

            @Override
            public void endRows() throws IOException {
                store.endRows();
                writer.writeStarTable(store.getStarTable(), os);
            }
        };
    }

    /**
     * Finishes the output: flushes it and, for a file, moves it into place.
     *
     * @throws IOException if writing fails
     */
    void commit() throws IOException {
        stream.flush();
        if (target != null) {
            stream.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                stream.close();
            } finally {
                if (temp != null) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /** Keeps standard output open when the table writer closes its stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
