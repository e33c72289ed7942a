package org.vokit.uws;

import java.util.Locale;

/**
 * The execution phase of a UWS job.
 */
public enum Phase {
    /** Accepted, not yet asked to run. */
    PENDING,
    /** Asked to run, waiting for resources. */
    QUEUED,
    /** Running. */
    EXECUTING,
    /** Finished successfully; results are available. */
    COMPLETED,
    /** Finished with an error; see the error summary. */
    ERROR,
    /** Stopped by the client or the operator. */
    ABORTED,
    /** The service does not know. */
    UNKNOWN,
    /** Held by the service, waiting for a client action (UWS 1.1). */
    HELD,
    /** Suspended by the service (UWS 1.1). */
    SUSPENDED,
    /** Finished; results deleted, metadata kept (UWS 1.1). */
    ARCHIVED;

    /**
     * Parses a phase name leniently (case and surrounding white space are ignored).
     *
     * @param text the phase as the service wrote it
     * @return the phase; {@link #UNKNOWN} for anything unrecognised
     */
    public static Phase parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /**
     * Tells whether the job will not change phase by itself any more.
     *
     * @return true for COMPLETED, ERROR, ABORTED and ARCHIVED
     */
    public boolean isFinal() {
        return this == COMPLETED || this == ERROR || this == ABORTED || this == ARCHIVED;
    }

    /**
     * Tells whether the job is on its way and worth waiting for.
     *
     * @return true for QUEUED and EXECUTING
     */
    public boolean isActive() {
        return this == QUEUED || this == EXECUTING;
    }
}
