package org.vokit.samp;

import java.util.Objects;

/**
 * Whom a message goes to: one client picked by name or id, or every client subscribed to the
 * message's MType.
 *
 * <pre>{@code
 * conn.sendTable(table, "bright stars", SampTarget.client("topcat"));   // by name or id
 * conn.pointAt(10.0, 20.0, SampTarget.subscribed());                    // every listener
 * }</pre>
 *
 * @param kind how {@link #value} is matched
 * @param value the name or id; null for {@link Kind#SUBSCRIBED}
 */
public record SampTarget(Kind kind, String value) {

    /** How a target is matched against the registered clients. */
    public enum Kind {
        /** The client with exactly this public id. */
        ID,
        /** Every client whose {@code samp.name} equals this, ignoring case. */
        NAME,
        /** A client id if one matches exactly, otherwise a name (ignoring case). */
        ID_OR_NAME,
        /** Every client subscribed to the MType. */
        SUBSCRIBED
    }

    /**
     * Validates the components.
     *
     * @param kind the kind
     * @param value the name or id (null only for SUBSCRIBED)
     */
    public SampTarget {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SUBSCRIBED) {
            value = null;
        } else if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a SAMP target needs a client name or id");
        } else {
            value = value.strip();
        }
    }

    /**
     * A client by public id.
     *
     * @param id the id the hub gave it
     * @return the target
     */
    public static SampTarget id(String id) {
        return new SampTarget(Kind.ID, id);
    }

    /**
     * Every client with this name, ignoring case ("topcat", "Aladin").
     *
     * @param name the declared {@code samp.name}
     * @return the target
     */
    public static SampTarget name(String name) {
        return new SampTarget(Kind.NAME, name);
    }

    /**
     * A client by id, or else by name, as a user would type it.
     *
     * @param idOrName an id such as {@code c2} or a name such as {@code aladin}
     * @return the target
     */
    public static SampTarget client(String idOrName) {
        return new SampTarget(Kind.ID_OR_NAME, idOrName);
    }

    /**
     * Every client subscribed to the message's MType.
     *
     * @return the target
     */
    public static SampTarget subscribed() {
        return new SampTarget(Kind.SUBSCRIBED, null);
    }

    /** @return true for a target that names one client (by id or name) rather than all listeners */
    public boolean isSpecific() {
        return kind != Kind.SUBSCRIBED;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ID -> "client id " + value;
            case NAME -> "client '" + value + "'";
            case ID_OR_NAME -> "client '" + value + "'";
            case SUBSCRIBED -> "every subscribed client";
        };
    }
}
