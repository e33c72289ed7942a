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
    private final TableSink sink;
    private final Path target;
    private final Path temp;
    private boolean committed;

    private TableOut(OutputStream stream, TableSink sink, Path target, Path temp) {
        this.stream = stream;
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
        StarTableOutput sto = new StarTableOutput();
        StarTableWriter writer;
        try {
            if (format != null) {
                writer = sto.getHandler(format);
            } else if (out != null) {
                writer = sto.getHandler(StarTableOutput.AUTO_HANDLER, out.getFileName().toString());
            } else {
                writer = sto.getHandler("votable");
            }
        } catch (TableFormatException e) {
            throw new IllegalArgumentException("unknown output format '" + format + "'; known formats: "
                    + String.join(", ", sto.getKnownFormats().stream().map(f -> f.toLowerCase(java.util.Locale.ROOT))
                            .filter(f -> !f.equals("jdbc")).toList()));
        }
        if (out == null) {
            OutputStream os = new BufferedOutputStream(new NonClosing(System.out), 1 << 16);
            return new TableOut(os, sink(sto, os, writer), null, null);
        }
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output directory does not exist: " + dir);
        }
        Path temp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE), 1 << 16);
        return new TableOut(os, sink(sto, os, writer), abs, temp);
    }

    /**
     * Returns a sink writing to a stream: directly for one-pass formats, through STIL's scratch
     * storage (memory, then disk) for formats such as FITS that must know the row count first.
     */
    static TableSink sink(StarTableOutput sto, OutputStream os, StarTableWriter writer) {
        if (ONE_PASS.contains(writer.getFormatName().toLowerCase(java.util.Locale.ROOT))) {
            return sto.createOutputSink(os, writer);
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

    TableSink sink() {
        return sink;
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
