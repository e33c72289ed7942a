package uk.ac.starlink.topcat.activate;

/** Stub of one entry of TOPCAT's activation window. */
public class ActivationEntry {

    ActivationEntry() {
    }

    public ActivationType getType() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public ActivatorConfigurator getConfigurator() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public javax.swing.JComponent getLogPanel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
