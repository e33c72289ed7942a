package org.vokit.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vokit.adql.Adql;

/**
 * Free-text search: resources whose description or title contains a word (RegTAP's
 * {@code ivo_hasword}, which matches whole words and, depending on the service, their stems) or
 * whose subject keywords contain it (case-insensitive substring match).
 *
 * <p>{@link #of} wants every word to be found (AND), as search engines do; {@link #any} is
 * content with one of them (OR). A word may be a phrase; how services treat phrases varies.
 * The three places are combined with UNION where the service declares it, since query planners
 * handle that far better than OR across tables.
 *
 * @param words the words, stripped, white space runs made single spaces, none empty
 * @param all true if every word must match, false if any word is enough
 */
public record Keywords(List<String> words, boolean all) implements Constraint {

    /**
     * Checks the words: at least one, none blank, each sendable as ADQL text. Runs of white
     * space (tabs, newlines) become one space: some services refuse a line break inside a
     * string literal, and word search ignores the difference.
     *
     * @param words the words
     * @param all true if every word must match, false if any word is enough
     * @throws IllegalArgumentException if there is no word, a word is blank or contains a NUL
     *     character or unpaired surrogate
     */
    public Keywords {
        Objects.requireNonNull(words, "words");
        List<String> clean = new ArrayList<>();
        for (String w : words) {
            Objects.requireNonNull(w, "word");
            String s = w.strip().replaceAll("\\s+", " ");
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a keyword must not be blank");
            }
            Adql.stringLiteral(s);
            clean.add(s);
        }
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("give at least one keyword");
        }
        words = List.copyOf(clean);
    }

    /**
     * Matches resources mentioning every word.
     *
     * @param words one or more words or phrases
     * @return the constraint
     */
    public static Keywords of(String... words) {
        return new Keywords(Arrays.asList(words), true);
    }

    /**
     * Matches resources mentioning at least one of the words.
     *
     * @param words one or more words or phrases
     * @return the constraint
     */
    public static Keywords any(String... words) {
        return new Keywords(Arrays.asList(words), false);
    }

    /**
     * Splits text at white space into words that must all match, as a command line gives them.
     *
     * @param text e.g. {@code "exoplanet merged catalogue"}
     * @return the constraint
     */
    public static Keywords parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        return of(s.isEmpty() ? new String[0] : s.split("\\s+"));
    }

    @Override
    public String toAdql(RenderContext ctx) {
        List<String> perWord = new ArrayList<>();
        for (String w : words) {
            perWord.add(ctx.ivoidInAny(List.of(
                    new RenderContext.Subquery("rr.resource", ctx.hasWord("res_description", w)),
                    new RenderContext.Subquery("rr.resource", ctx.hasWord("res_title", w)),
                    new RenderContext.Subquery("rr.res_subject", ctx.noCaseMatch("res_subject", "%" + w + "%")))));
        }
        return all ? ctx.allOf(perWord) : ctx.anyOf(perWord);
    }
}
