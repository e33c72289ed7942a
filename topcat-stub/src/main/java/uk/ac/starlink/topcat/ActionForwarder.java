package uk.ac.starlink.topcat;

/** Stub of TOPCAT's action forwarder. */
public class ActionForwarder implements java.awt.event.ActionListener {
    @Override
    public void actionPerformed(java.awt.event.ActionEvent e) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
