package uk.ac.starlink.topcat;

/** Stub of TOPCAT's main class. */
public class Driver {
    public static void main(String[] args) {
        throw new UnsupportedOperationException("compile-only stub of TOPCAT");
    }
}
