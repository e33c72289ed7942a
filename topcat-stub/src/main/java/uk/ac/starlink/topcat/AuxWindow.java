package uk.ac.starlink.topcat;

/** Stub of TOPCAT's window base class. */
public class AuxWindow extends javax.swing.JFrame {
    private static final long serialVersionUID = 1L;

    public AuxWindow(String title, java.awt.Component parent) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

}
