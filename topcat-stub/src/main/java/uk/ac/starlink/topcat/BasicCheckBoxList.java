package uk.ac.starlink.topcat;

/** Stub of TOPCAT's check box list. */
public class BasicCheckBoxList<T> extends CheckBoxList<T> {
    private static final long serialVersionUID = 1L;

    BasicCheckBoxList() {
    }


    public java.util.List<T> getItems() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public void setChecked(T item, boolean checked) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
