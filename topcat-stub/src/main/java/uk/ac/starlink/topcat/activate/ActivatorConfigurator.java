package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's activator configurator. */
public interface ActivatorConfigurator {
    javax.swing.JComponent getPanel();

    Activator getActivator();

    String getConfigMessage();

    void addActionListener(java.awt.event.ActionListener l);

    void removeActionListener(java.awt.event.ActionListener l);

    ConfigState getState();

    void setState(ConfigState state);

    uk.ac.starlink.topcat.Safety getSafety();
}
