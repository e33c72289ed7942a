package uk.ac.starlink.topcat;

/** Stub of TOPCAT's control window. */
public class ControlWindow extends AuxWindow {
    private static final long serialVersionUID = 1L;

    ControlWindow() {
        super(null, null);
    }


    public static ControlWindow getInstance() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public TopcatModel addTable(uk.ac.starlink.table.StarTable table, String location, boolean select) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public TopcatModel getCurrentModel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public javax.swing.ListModel<TopcatModel> getTablesListModel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public uk.ac.starlink.table.StarTableFactory getTableFactory() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public javax.swing.JList<TopcatModel> getTablesList() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public javax.swing.JToolBar getToolBar() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
