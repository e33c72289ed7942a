package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's activation window. */
public class ActivationWindow extends uk.ac.starlink.topcat.AuxWindow {
    private static final long serialVersionUID = 1L;

    public ActivationWindow(uk.ac.starlink.topcat.TopcatModel model, java.awt.Component parent) {
        super(null, parent);
    }


    public void activateRow(long row, ActivationMeta meta) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public static ActivationType[] getOptionActivationTypes() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
