package org.vokit.samp;

import java.util.Map;
import java.util.Objects;

/**
 * One recipient's answer to a call.
 *
 * @param client the recipient
 * @param mtype the MType of the call
 * @param status how it answered
 * @param result the {@code samp.result} map (empty unless OK or WARNING)
 * @param errorText the {@code samp.errortxt}, or null
 */
public record SampReply(SampClient client, String mtype, Status status, Map<String, Object> result,
                        String errorText) {

    /** How a recipient answered. */
    public enum Status {
        /** {@code samp.ok}. */
        OK,
        /** {@code samp.warning}: done, with a complaint in the error text. */
        WARNING,
        /** {@code samp.error}: not done; the error text says why. */
        ERROR,
        /** No answer within the time allowed. */
        TIMEOUT
    }

    /**
     * Validates and copies the components.
     *
     * @param client the recipient
     * @param mtype the MType
     * @param status the status
     * @param result the result
     * @param errorText the error text, or null
     */
    public SampReply {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(status, "status");
        result = result == null ? Map.of() : Map.copyOf(result);
    }

    /** @return true for OK and WARNING, the answers of a recipient that did what was asked */
    public boolean isSuccess() {
        return status == Status.OK || status == Status.WARNING;
    }

    /**
     * Returns a one-line description: "topcat (c1): ok", "Aladin (c2): error: cannot read ...".
     *
     * @return the description
     */
    public String describe() {
        String s = client.describe() + ": " + status.name().toLowerCase(java.util.Locale.ROOT);
        return errorText == null || errorText.isEmpty() ? s : s + ": " + errorText;
    }
}
