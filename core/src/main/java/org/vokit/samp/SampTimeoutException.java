package org.vokit.samp;

import java.net.URI;
import java.time.Duration;

/**
 * A recipient did not answer a call within the time allowed.
 */
public class SampTimeoutException extends SampException {

    private static final long serialVersionUID = 1L;

    private final transient SampClient client;
    private final transient Duration allowed;

    /**
     * Creates an exception.
     *
     * @param client the silent recipient
     * @param mtype the MType of the call
     * @param allowed the time that was allowed
     * @param hub the hub's URL, or null
     */
    public SampTimeoutException(SampClient client, String mtype, Duration allowed, URI hub) {
        super(client.describe() + " did not answer " + mtype + " within " + allowed, hub);
        this.client = client;
        this.allowed = allowed;
    }

    /** @return the recipient that did not answer */
    public SampClient client() {
        return client;
    }

    /** @return the time that was allowed */
    public Duration allowed() {
        return allowed;
    }
}
