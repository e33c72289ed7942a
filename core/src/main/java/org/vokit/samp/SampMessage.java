package org.vokit.samp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message received from another client.
 *
 * @param mtype the MType, for example {@code table.load.votable}
 * @param params the parameters (SAMP values: strings, lists and maps)
 * @param senderId the public id of the sender, as the hub reported it
 * @param msgId the hub's message id for a call, or null for a notification (which gets no reply)
 */
public record SampMessage(String mtype, Map<String, Object> params, String senderId, String msgId) {

    /**
     * Validates and copies the components.
     *
     * @param mtype the MType
     * @param params the parameters
     * @param senderId the sender's id
     * @param msgId the message id, or null
     */
    public SampMessage {
        Objects.requireNonNull(mtype, "mtype");
        Objects.requireNonNull(senderId, "senderId");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** @return true for a call, which is answered; false for a notification */
    public boolean isCall() {
        return msgId != null;
    }

    /**
     * Returns a string parameter.
     *
     * @param name the parameter name
     * @return the value, or null if absent
     * @throws IllegalArgumentException if the value is not a string
     */
    public String param(String name) {
        Object v = params.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IllegalArgumentException(mtype + " parameter '" + name + "' is not a string");
    }

    /**
     * Returns a required string parameter.
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalArgumentException if it is absent or not a string
     */
    public String requireParam(String name) {
        String v = param(name);
        if (v == null) {
            throw new IllegalArgumentException(mtype + " needs the parameter '" + name + "'");
        }
        return v;
    }

    /**
     * Returns a required numeric parameter (SAMP sends numbers as strings).
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalArgumentException if it is absent or not a finite number
     */
    public double requireDouble(String name) {
        String v = requireParam(name);
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(mtype + " parameter '" + name + "' is not a number: '" + v + "'");
        }
    }

    /**
     * Returns a required integer parameter (SAMP sends integers as strings).
     *
     * @param name the parameter name
     * @return the value
     * @throws IllegalArgumentException if it is absent or not an integer
     */
    public long requireLong(String name) {
        String v = requireParam(name);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(mtype + " parameter '" + name + "' is not an integer: '" + v + "'");
        }
    }

    /**
     * Returns a list parameter.
     *
     * @param name the parameter name
     * @return the list, or an empty list if absent
     * @throws IllegalArgumentException if the value is not a list
     */
    public List<?> listParam(String name) {
        Object v = params.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(mtype + " parameter '" + name + "' is not a list");
    }
}
