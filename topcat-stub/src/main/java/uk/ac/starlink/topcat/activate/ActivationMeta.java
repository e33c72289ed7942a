package uk.ac.starlink.topcat.activate;

/** Stub of TOPCAT's activation metadata. */
public abstract class ActivationMeta {
    public static ActivationMeta NORMAL;

    public abstract boolean isInhibitSend();
}
