package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's saved configurator state. */
public class ConfigState {
    public ConfigState() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void saveText(String key, javax.swing.text.JTextComponent field) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void restoreText(String key, javax.swing.text.JTextComponent field) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void saveSelection(String key, javax.swing.JComboBox<?> box) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void restoreSelection(String key, javax.swing.JComboBox<?> box) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
