package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's activator. */
public interface Activator {
    boolean invokeOnEdt();

    uk.ac.starlink.topcat.Outcome activateRow(long row, ActivationMeta meta);
}
