package uk.ac.starlink.topcat;

/** Stub of TOPCAT's safety level. */
public enum Safety {
    SAFE, UNSAFE
}
