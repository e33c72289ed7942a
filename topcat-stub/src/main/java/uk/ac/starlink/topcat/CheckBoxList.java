package uk.ac.starlink.topcat;

/** Stub of TOPCAT's check box list. */
public abstract class CheckBoxList<T> extends javax.swing.JList<T> {
    private static final long serialVersionUID = 1L;

    CheckBoxList() {
    }

}
