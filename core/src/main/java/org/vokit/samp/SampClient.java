package org.vokit.samp;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.astrogrid.samp.Subscriptions;

/**
 * A client registered with the hub, as the hub described it at the time of asking.
 *
 * @param id the hub-assigned public id (for example {@code c3})
 * @param name the declared {@code samp.name}, or null if the client declared none
 * @param metadata every metadata item it declared (strings, lists and maps)
 * @param subscriptions the MTypes (possibly wildcards such as {@code table.load.*}) it subscribes to
 */
public record SampClient(String id, String name, Map<String, Object> metadata, Set<String> subscriptions) {

    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param name the name, or null
     * @param metadata the metadata
     * @param subscriptions the subscriptions
     */
    public SampClient {
        Objects.requireNonNull(id, "id");
        metadata = Map.copyOf(metadata);
        subscriptions = Set.copyOf(subscriptions);
    }

    /**
     * Tells whether the client subscribes to an MType, directly or through a wildcard.
     *
     * @param mtype a concrete MType such as {@code table.load.votable}
     * @return true if a message of that type would be delivered to it
     */
    public boolean isSubscribed(String mtype) {
        for (String pattern : subscriptions) {
            if (Subscriptions.matchLevel(pattern, mtype) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether the client is called so, ignoring case ({@code topcat} matches
     * {@code TOPCAT}).
     *
     * @param other a name
     * @return true if the declared name equals it, case-insensitively
     */
    public boolean isNamed(String other) {
        return name != null && name.equalsIgnoreCase(other);
    }

    /**
     * Returns "name (id)", or the id alone for a client without a name.
     *
     * @return a short description for messages
     */
    public String describe() {
        return name == null ? id : name + " (" + id + ")";
    }
}
