package org.vokit.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.vokit.adql.Adql;

/**
 * Resources with a table column whose UCD matches a pattern ({@code LIKE}: {@code %} stands
 * for any characters, {@code _} for one), e.g. {@code pos.pm%} for proper motions or
 * {@code phot.mag;em.ir.%} for infrared magnitudes. RegTAP stores UCDs in lower case, so the
 * patterns are lower-cased. Several patterns match resources with any of them.
 *
 * <p>This selects resources; to find the tables themselves (and the TAP services to query
 * them) use {@link Registry#tapTablesWithUcd(String, Constraint...)}.
 *
 * @param patterns the patterns, lower case
 */
public record Ucd(List<String> patterns) implements Constraint {

    /**
     * Checks and lower-cases the patterns.
     *
     * @param patterns the patterns
     * @throws IllegalArgumentException if there is none, or one is blank, contains white space or
     *     is not sendable text
     */
    public Ucd {
        Objects.requireNonNull(patterns, "patterns");
        List<String> clean = new ArrayList<>();
        for (String p : patterns) {
            Objects.requireNonNull(p, "pattern");
            String s = p.strip().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a UCD pattern must not be blank");
            }
            if (s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException("'" + p + "' is not a UCD pattern: UCDs contain no white space");
            }
            Adql.stringLiteral(s);
            clean.add(s);
        }
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("give at least one UCD pattern");
        }
        patterns = List.copyOf(clean);
    }

    /**
     * Makes the constraint.
     *
     * @param patterns one or more UCD patterns
     * @return the constraint
     */
    public static Ucd of(String... patterns) {
        return new Ucd(Arrays.asList(patterns));
    }

    @Override
    public String toAdql(RenderContext ctx) {
        List<String> likes = new ArrayList<>();
        for (String p : patterns) {
            likes.add(ctx.template("ucd LIKE {p}").value("p", p).render());
        }
        return ctx.ivoidIn("rr.table_column", String.join(" OR ", likes));
    }
}
