package org.vokit.samp;

import java.net.URI;
import java.util.List;

/**
 * The client a message was meant for is not registered with the hub, or is not subscribed to
 * the message's MType. The message names the clients that are there, so that a user sees at once
 * whether the application is not running or is called differently.
 */
public class NoSuchClientException extends SampException {

    private static final long serialVersionUID = 1L;

    private final transient List<SampClient> present;

    /**
     * Creates an exception.
     *
     * @param message what was looked for and what is there
     * @param hub the hub's URL, or null
     * @param present the clients registered at the time (other than the caller)
     */
    public NoSuchClientException(String message, URI hub, List<SampClient> present) {
        super(message, hub);
        this.present = List.copyOf(present);
    }

    /**
     * Returns the clients that were registered when the look-up failed.
     *
     * @return the clients, in the hub's order
     */
    public List<SampClient> present() {
        return present;
    }
}
