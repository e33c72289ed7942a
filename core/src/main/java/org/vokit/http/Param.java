package org.vokit.http;

import java.util.Objects;

/**
 * One name/value pair of an HTTP form or query string. Names may repeat in a request
 * (for example several {@code UPLOAD} or {@code ID} parameters).
 *
 * @param name parameter name, sent as given
 * @param value parameter value
 */
public record Param(String name, String value) {

    /**
     * Validates the components.
     *
     * @param name parameter name
     * @param value parameter value
     */
    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
