package uk.ac.starlink.topcat;

/** Stub of TOPCAT's external tool interface. */
public interface TopcatToolAction extends javax.swing.Action {
    void setParent(java.awt.Component parent);
}
