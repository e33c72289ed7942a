package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's configurator base class. */
public abstract class AbstractActivatorConfigurator implements ActivatorConfigurator {
    protected AbstractActivatorConfigurator(javax.swing.JComponent panel) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    @Override
    public javax.swing.JComponent getPanel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    @Override
    public void addActionListener(java.awt.event.ActionListener l) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    @Override
    public void removeActionListener(java.awt.event.ActionListener l) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    protected uk.ac.starlink.topcat.ActionForwarder getActionForwarder() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
