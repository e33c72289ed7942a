package org.vokit.registry;

import java.util.Objects;

/**
 * Who to write to about a resource, from its {@code contact} role in {@code rr.res_role}:
 * the place to report a broken service.
 *
 * @param name the person or organisation
 * @param email the e-mail address, or null
 * @param telephone the telephone number, or null
 */
public record Contact(String name, String email, String telephone) {

    /**
     * Checks the name is present.
     *
     * @param name the person or organisation
     * @param email the e-mail address, or null
     * @param telephone the telephone number, or null
     */
    public Contact {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Formats the contact in one line: {@code Name (telephone) <email>}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        if (telephone != null && !telephone.isBlank()) {
            sb.append(" (").append(telephone).append(')');
        }
        if (email != null && !email.isBlank()) {
            sb.append(" <").append(email).append('>');
        }
        return sb.toString();
    }
}
