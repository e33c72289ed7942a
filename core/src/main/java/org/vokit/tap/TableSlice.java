package org.vokit.tap;

import java.io.IOException;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.WrapperStarTable;

/**
 * Rows {@code [from, to)} of a random-access table, as a table of their own.
 */
final class TableSlice extends WrapperStarTable {

    private final long from;
    private final long to;

    TableSlice(StarTable base, long from, long to) {
        super(base);
        if (!base.isRandom()) {
            throw new IllegalArgumentException("slicing needs a random-access table");
        }
        this.from = from;
        this.to = to;
    }

    @Override
    public long getRowCount() {
        return to - from;
    }

    @Override
    public Object getCell(long irow, int icol) throws IOException {
        return super.getCell(from + irow, icol);
    }

    @Override
    public Object[] getRow(long irow) throws IOException {
        return super.getRow(from + irow);
    }

    @Override
    public RowSequence getRowSequence() {
        return new RowSequence() {
            private long next = from;
            private long current = -1;

            @Override
            public boolean next() {
                if (next >= to) {
                    return false;
                }
                current = next++;
                return true;
            }

            @Override
            public Object getCell(int icol) throws IOException {
                return baseTable.getCell(current, icol);
            }

            @Override
            public Object[] getRow() throws IOException {
                return baseTable.getRow(current);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public uk.ac.starlink.table.RowSplittable getRowSplittable() throws IOException {
        return uk.ac.starlink.table.Tables.getDefaultRowSplittable(this);
    }

    @Override
    public uk.ac.starlink.table.RowAccess getRowAccess() {
        return new uk.ac.starlink.table.RowAccess() {
            private long row = -1;

            @Override
            public void setRowIndex(long irow) {
                row = irow;
            }

            @Override
            public Object getCell(int icol) throws IOException {
                return baseTable.getCell(from + row, icol);
            }

            @Override
            public Object[] getRow() throws IOException {
                return baseTable.getRow(from + row);
            }

            @Override
            public void close() {
            }
        };
    }
}
