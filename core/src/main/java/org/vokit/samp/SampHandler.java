package org.vokit.samp;

import java.util.Map;

/**
 * Handles incoming messages of one MType; bind it with {@link SampConnection#on}.
 *
 * <p>Handlers run on a thread of the connection, never on the thread that received the message
 * from the hub, so they may take their time (one MType's messages are handled one after the
 * other, different MTypes in parallel). For a call, the returned map becomes the
 * {@code samp.result} of a {@code samp.ok} reply; a thrown exception becomes a
 * {@code samp.error} reply whose {@code samp.errortxt} is the exception's message. Either way the
 * sender gets an answer and the exception is logged, never passed to the hub.
 */
@FunctionalInterface
public interface SampHandler {

    /**
     * Handles a message.
     *
     * @param message the message and its sender
     * @return the result for the reply (strings, lists and maps; numbers and booleans are sent as
     *     SAMP strings); null or an empty map for no result
     * @throws Exception to reply with {@code samp.error}
     */
    Map<String, ?> handle(SampMessage message) throws Exception;
}
