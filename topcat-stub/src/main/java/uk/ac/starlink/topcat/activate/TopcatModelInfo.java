package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's table information for activation. */
public class TopcatModelInfo {

    TopcatModelInfo() {
    }

    public uk.ac.starlink.topcat.TopcatModel getTopcatModel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public boolean tableHasSkyCoords() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
