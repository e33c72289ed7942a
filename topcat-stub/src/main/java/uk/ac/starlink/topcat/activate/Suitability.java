package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's suitability levels. */
public enum Suitability {
    ACTIVE, SUGGESTED, PRESENT, AVAILABLE, DISABLED, NONE
}
