package org.vokit.tap;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.vokit.votable.ColumnMeta;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.Info;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * A complete TAP result held locally (in memory or in STIL's scratch storage, depending on the
 * service's {@link uk.ac.starlink.table.StoragePolicy}), with what the service said about it.
 *
 * <p>A truncated result is not an error: {@link #overflowed()} tells whether the service cut it
 * at the row limit.
 */
public final class TapResult {

    private final StarTable table;
    private final DocumentInfo info;
    private final URI source;

    /**
     * Wraps a table and its document information.
     *
     * @param table the rows, random access
     * @param info the document's INFOs and status
     * @param source where the result came from
     */
    public TapResult(StarTable table, DocumentInfo info, URI source) {
        this.table = table;
        this.info = info;
        this.source = source;
    }

    /** @return the table, with random access to its rows */
    public StarTable table() {
        return table;
    }

    /** @return the number of rows */
    public long rowCount() {
        return table.getRowCount();
    }

    /** @return true if the service truncated the result at the row limit */
    public boolean overflowed() {
        return info.overflowed();
    }

    /** @return the DALI QUERY_STATUS ({@code OK}, {@code OVERFLOW}), or null if the service gave none */
    public String queryStatus() {
        return info.queryStatus();
    }

    /** @return every INFO of the result document */
    public List<Info> infos() {
        return info.infos();
    }

    /** @return the document information */
    public DocumentInfo documentInfo() {
        return info;
    }

    /** @return where the result came from (the sync endpoint or the job's result URL) */
    public URI source() {
        return source;
    }

    /**
     * Returns the columns' metadata.
     *
     * @return one entry per column
     */
    public List<ColumnMeta> columns() {
        List<ColumnMeta> out = new ArrayList<>();
        for (int i = 0; i < table.getColumnCount(); i++) {
            out.add(ColumnMeta.of(table.getColumnInfo(i)));
        }
        return out;
    }

    /**
     * Finds a column by name, case-insensitively.
     *
     * @param name the column name
     * @return its index, or -1
     */
    public int columnIndex(String name) {
        for (int i = 0; i < table.getColumnCount(); i++) {
            if (table.getColumnInfo(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Finds the first column with a UCD, case-insensitively.
     *
     * @param ucd the UCD, e.g. {@code pos.eq.ra;meta.main}
     * @return its index, or -1
     */
    public int columnIndexByUcd(String ucd) {
        for (int i = 0; i < table.getColumnCount(); i++) {
            String u = table.getColumnInfo(i).getUCD();
            if (u != null && u.equalsIgnoreCase(ucd)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns one cell.
     *
     * @param row row index
     * @param column column index
     * @return the value (null for a NULL)
     * @throws IOException if the storage cannot be read
     */
    public Object cell(long row, int column) throws IOException {
        return table.getCell(row, column);
    }

    /**
     * Returns a sequential reader over the rows.
     *
     * @return a row sequence; close it after use
     * @throws IOException if the storage cannot be read
     */
    public RowSequence rows() throws IOException {
        return table.getRowSequence();
    }

    @Override
    public String toString() {
        return "TapResult[" + rowCount() + " rows x " + table.getColumnCount() + " columns"
                + (overflowed() ? ", overflowed" : "") + " from " + source + "]";
    }
}
