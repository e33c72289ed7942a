package uk.ac.starlink.topcat;

/** Stub of TOPCAT's table model listener. */
public interface TopcatListener extends java.util.EventListener {

    void modelChanged(TopcatEvent evt);
}
