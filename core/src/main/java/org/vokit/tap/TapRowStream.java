package org.vokit.tap;

import java.io.IOException;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.OnceRowPipe;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * Rows of a TAP result read as they arrive, without keeping them: the document is parsed on a
 * background thread and handed over row by row. Close the stream to abort the transfer early.
 *
 * <pre>{@code
 * try (TapRowStream rows = tap.stream(TapQuery.of("SELECT ra, dec FROM big.table"))) {
 *     while (rows.next()) {
 *         double ra = ((Number) rows.getCell(0)).doubleValue();
 *     }
 *     boolean cut = rows.documentInfo().overflowed();
 * }
 * }</pre>
 */
public final class TapRowStream implements RowSequence {

    private final OnceRowPipe pipe;
    private final StarTable meta;
    private final Thread reader;
    private final Runnable abort;
    private final InfoHolder holder;

    TapRowStream(OnceRowPipe pipe, StarTable meta, Thread reader, Runnable abort, InfoHolder holder) {
        this.pipe = pipe;
        this.meta = meta;
        this.reader = reader;
        this.abort = abort;
        this.holder = holder;
    }

    /** Receives the document information, or the failure, from the reading thread. */
    static final class InfoHolder {
        volatile DocumentInfo info;
        volatile IOException error;
    }

    /**
     * Returns the table's metadata (columns, parameters); its rows are this stream's.
     *
     * @return a metadata-only table
     */
    public StarTable metadata() {
        return meta;
    }

    @Override
    public boolean next() throws IOException {
        boolean more;
        try {
            more = pipe.next();
        } catch (IOException e) {
            throw holder.error != null ? holder.error : e;
        }
        if (!more && holder.error != null) {
            throw holder.error;
        }
        return more;
    }

    @Override
    public Object getCell(int icol) throws IOException {
        return pipe.getCell(icol);
    }

    @Override
    public Object[] getRow() throws IOException {
        return pipe.getRow();
    }

    /**
     * Returns what the document said about itself (complete only after the last row was read,
     * since the overflow flag follows the table).
     *
     * @return the information, or null if the document was not read to its end
     * @throws IOException if the reading thread is interrupted while finishing
     */
    public DocumentInfo documentInfo() throws IOException {
        if (holder.info == null) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
        return holder.info;
    }

    /** Stops reading and aborts the transfer if it is still going on. */
    @Override
    public void close() {
        pipe.close();
        abort.run();
    }
}
