package uk.ac.starlink.topcat;

/** Stub of TOPCAT's activation outcome. */
public class Outcome {
    protected Outcome(boolean success, String message) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public static Outcome success(String message) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }

    public static Outcome failure(String message) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
