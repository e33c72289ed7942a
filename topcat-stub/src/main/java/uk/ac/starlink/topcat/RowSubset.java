package uk.ac.starlink.topcat;

/** Stub of TOPCAT's row subset. */
public abstract class RowSubset {

    public RowSubset(String name) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public abstract boolean isIncluded(long lrow);
}
