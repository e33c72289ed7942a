package uk.ac.starlink.topcat;

/** Stub of TOPCAT's table model event (its code constants are left out: they would be inlined). */
public class TopcatEvent {

    public TopcatEvent(TopcatModel model, int code, Object datum) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public TopcatModel getModel() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public int getCode() {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
