package org.vokit.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.vokit.adql.Adql;

/**
 * Resources by IVOA identifier, the registry's primary key. RegTAP stores identifiers in lower
 * case, so they are lower-cased here too. Several identifiers match any of them.
 *
 * @param ivoids the identifiers, lower case
 */
public record Ivoid(List<String> ivoids) implements Constraint {

    /**
     * Checks and lower-cases the identifiers.
     *
     * @param ivoids the identifiers
     * @throws IllegalArgumentException if there is none, or one does not start with {@code ivo://}
     *     or contains white space
     */
    public Ivoid {
        Objects.requireNonNull(ivoids, "ivoids");
        List<String> clean = new ArrayList<>();
        for (String id : ivoids) {
            Objects.requireNonNull(id, "ivoid");
            String s = id.strip().toLowerCase(Locale.ROOT);
            if (!s.startsWith("ivo://") || s.length() == "ivo://".length()
                    || s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException("'" + id + "' is not an IVOA identifier (ivo://...)");
            }
            Adql.stringLiteral(s);
            clean.add(s);
        }
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("give at least one IVOA identifier");
        }
        ivoids = List.copyOf(clean);
    }

    /**
     * Makes the constraint.
     *
     * @param ivoids one or more identifiers
     * @return the constraint
     */
    public static Ivoid of(String... ivoids) {
        return new Ivoid(Arrays.asList(ivoids));
    }

    @Override
    public String toAdql(RenderContext ctx) {
        if (ivoids.size() == 1) {
            return ctx.template("ivoid = {id}").value("id", ivoids.get(0)).render();
        }
        return ctx.template("ivoid IN ({ids})").values("ids", ivoids).render();
    }
}
