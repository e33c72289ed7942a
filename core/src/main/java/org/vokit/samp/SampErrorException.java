package org.vokit.samp;

import java.net.URI;

/**
 * A recipient answered a call with {@code samp.error}; the message is the recipient's own
 * {@code samp.errortxt}.
 */
public class SampErrorException extends SampException {

    private static final long serialVersionUID = 1L;

    private final transient SampReply reply;

    /**
     * Creates an exception.
     *
     * @param reply the error reply
     * @param hub the hub's URL, or null
     */
    public SampErrorException(SampReply reply, URI hub) {
        super(reply.client().describe() + " answered " + reply.mtype() + " with an error: " + reply.errorText(), hub);
        this.reply = reply;
    }

    /**
     * Returns the reply.
     *
     * @return the error reply, with the recipient and its message
     */
    public SampReply reply() {
        return reply;
    }
}
