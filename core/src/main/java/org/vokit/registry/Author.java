package org.vokit.registry;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.vokit.adql.Adql;

/**
 * Resources by a person or organisation in a role ({@code rr.res_role}): by default their
 * creators (authors). The name is a {@code LIKE} pattern matched case-insensitively where the
 * service allows it; since the VO writes names in many ways, generous wildcards help
 * ({@code %Hubble%}).
 *
 * @param pattern the name pattern, stripped, white space runs made single spaces
 * @param role the base role: {@code creator}, {@code contributor}, {@code publisher} or
 *     {@code contact}
 */
public record Author(String pattern, String role) implements Constraint {

    /** The base roles RegTAP knows. */
    public static final List<String> ROLES = List.of("creator", "contributor", "publisher", "contact");

    /**
     * Checks the pattern and the role. Runs of white space in the pattern become one space
     * (names are not split over lines, and some services refuse a line break in a literal).
     *
     * @param pattern the name pattern
     * @param role the base role
     * @throws IllegalArgumentException if the pattern is blank or the role unknown
     */
    public Author {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(role, "role");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("an author pattern must not be blank");
        }
        pattern = pattern.strip().replaceAll("\\s+", " ");
        Adql.stringLiteral(pattern);
        role = role.strip().toLowerCase(Locale.ROOT);
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; known roles: " + String.join(", ", ROLES));
        }
    }

    /**
     * Matches resources with a creator whose name matches the pattern.
     *
     * @param pattern e.g. {@code "%Demleitner%"}
     * @return the constraint
     */
    public static Author of(String pattern) {
        return new Author(pattern, "creator");
    }

    /**
     * Matches resources with someone in another role.
     *
     * @param pattern the name pattern
     * @param role {@code creator}, {@code contributor}, {@code publisher} or {@code contact}
     * @return the constraint
     */
    public static Author withRole(String pattern, String role) {
        return new Author(pattern, role);
    }

    @Override
    public String toAdql(RenderContext ctx) {
        return ctx.ivoidIn("rr.res_role", ctx.template("base_role = {r} AND ").value("r", role).render()
                + ctx.noCaseMatch("role_name", pattern));
    }
}
