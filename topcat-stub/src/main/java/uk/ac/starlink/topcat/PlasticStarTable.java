package uk.ac.starlink.topcat;

/** Stub of TOPCAT's data model table. */
public class PlasticStarTable extends uk.ac.starlink.table.ColumnStarTable {

    PlasticStarTable() {
    }

    @Override
    public long getRowCount() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
