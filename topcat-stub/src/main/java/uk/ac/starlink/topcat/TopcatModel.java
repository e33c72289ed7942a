package uk.ac.starlink.topcat;

/** Stub of TOPCAT's table model. */
public class TopcatModel {

    TopcatModel() {
    }

    public PlasticStarTable getDataModel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public uk.ac.starlink.table.StarTable getApparentStarTable() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public String getLabel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public uk.ac.starlink.topcat.activate.ActivationWindow getActivationWindow() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public SingleRowSubset getActivatedSubset() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void highlightRow(long lrow) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void addTopcatListener(TopcatListener l) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void removeTopcatListener(TopcatListener l) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
