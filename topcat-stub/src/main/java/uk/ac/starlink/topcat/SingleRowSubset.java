package uk.ac.starlink.topcat;

/** Stub of TOPCAT's one-row subset (a table's activated, i.e. highlighted, row). */
public class SingleRowSubset extends RowSubset {

    public SingleRowSubset(String name) {
        super(name);
    }

    public long getRowIndex() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    @Override
    public boolean isIncluded(long lrow) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
