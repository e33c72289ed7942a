package org.vokit.adql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An immutable ADQL query with named placeholders, so that no caller ever concatenates user
 * values into a query.
 *
 * <pre>{@code
 * String adql = AdqlTemplate.of("SELECT TOP {n} {col} FROM {table} WHERE name = {name}")
 *         .value("n", 100)
 *         .identifier("col", "size")
 *         .table("table", "ivoa.obscore")
 *         .value("name", userInput)
 *         .render();
 * // SELECT TOP 100 "size" FROM ivoa.obscore WHERE name = 'O''Brien'
 * }</pre>
 *
 * <p><b>Syntax.</b> A placeholder is {@code {name}}, the name matching
 * {@code [A-Za-z_][A-Za-z0-9_]*}; a placeholder may occur several times. A literal brace is
 * written <code>{{</code> or <code>}}</code>, everywhere in the text, including inside quotes. Any other
 * brace is an error.
 *
 * <p><b>Placeholders stand for whole tokens.</b> The template text is the programmer's and is
 * kept as written, but a placeholder inside a string literal, a delimited identifier or a comment
 * of that text ({@code '%{x}%'}, {@code "{x}"}, {@code -- {x}}) is refused by {@link #of}: a value
 * rendered there would not be quoted by the surrounding text and could end it (a quote, a
 * newline) and inject ADQL. Build such values in Java and bind the whole literal instead. For the
 * same reason an unterminated string, delimited identifier or block comment in the text is
 * refused.
 *
 * <p><b>Binding.</b> Each binding method renders its argument at once, through {@link Adql},
 * and returns a new template; the receiver never changes, so a partly bound template can be
 * shared and bound differently by several threads. Binding a key again replaces the earlier
 * binding. Errors in a value (NaN, a NUL character, ...) are reported by the binding method,
 * naming the key.
 *
 * <p><b>Rendering</b> is a single pass over the template text: text produced by a binding is
 * never searched for placeholders again, so a value containing {@code {x}} stays as it is. Where
 * a rendered value meets adjacent text in a way that would change the tokens (two minus signs
 * forming a comment, as in {@code x-{v}} with a negative {@code v}; a slash and an asterisk; two
 * quotes of the same kind merging two literals) a single space is put between them.
 */
public final class AdqlTemplate {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A piece of the parsed template: literal text ({@code key == null}) or a placeholder. */
    private record Segment(String text, String key) {
    }

    private final String text;
    private final List<Segment> segments;
    private final Set<String> placeholders;
    private final boolean endsInLineComment;
    private final Map<String, String> bindings;

    private AdqlTemplate(String text, List<Segment> segments, Set<String> placeholders,
            boolean endsInLineComment, Map<String, String> bindings) {
        this.text = text;
        this.segments = segments;
        this.placeholders = placeholders;
        this.endsInLineComment = endsInLineComment;
        this.bindings = bindings;
    }

    /**
     * Parses a template.
     *
     * @param template ADQL text with {@code {name}} placeholders and <code>{{</code> / <code>}}</code>
     *     for literal braces
     * @return the template, with nothing bound
     * @throws IllegalArgumentException for a stray brace, an invalid placeholder name, a
     *     placeholder inside a quoted part or comment, or an unterminated quoted part or block
     *     comment; the message gives the index in the text
     */
    public static AdqlTemplate of(String template) {
        Objects.requireNonNull(template, "template");
        return new Parser(template).parse();
    }

    /**
     * Binds a value, rendered with {@link Adql#literal(Object)}.
     *
     * @param key the placeholder name
     * @param value the value (string, number, boolean, time, or null for {@code NULL})
     * @return a new template with the binding
     * @throws IllegalArgumentException if the key is not a valid placeholder name or the value
     *     cannot be rendered
     */
    public AdqlTemplate value(String key, Object value) {
        checkKey(key);
        try {
            return bind(key, Adql.literal(value));
        } catch (IllegalArgumentException e) {
            throw bindingFailed(key, e);
        }
    }

    /**
     * Binds a comma-separated list of values, each rendered with {@link Adql#literal(Object)},
     * for use in an {@code IN (...)} list; the parentheses belong in the template text.
     *
     * @param key the placeholder name
     * @param values the values, at least one
     * @return a new template with the binding
     * @throws IllegalArgumentException if the key is not a valid placeholder name, the collection
     *     is empty, or an element cannot be rendered
     */
    public AdqlTemplate values(String key, Collection<?> values) {
        checkKey(key);
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("cannot bind {" + key + "}: the list of values is empty"
                    + " and ADQL has no empty IN list");
        }
        StringJoiner joined = new StringJoiner(", ");
        try {
            for (Object v : values) {
                joined.add(Adql.literal(v));
            }
        } catch (IllegalArgumentException e) {
            throw bindingFailed(key, e);
        }
        return bind(key, joined.toString());
    }

    /**
     * Binds a column name or other unqualified name, rendered with {@link Adql#identifier(String)}.
     *
     * @param key the placeholder name
     * @param name the name as the service lists it
     * @return a new template with the binding
     * @throws IllegalArgumentException if the key is not a valid placeholder name or the name is
     *     not valid
     */
    public AdqlTemplate identifier(String key, String name) {
        checkKey(key);
        Objects.requireNonNull(name, "name");
        try {
            return bind(key, Adql.identifier(name));
        } catch (IllegalArgumentException e) {
            throw bindingFailed(key, e);
        }
    }

    /**
     * Binds a possibly qualified table name, rendered with {@link Adql#tableName(String)}.
     *
     * @param key the placeholder name
     * @param name the table name as {@code TAP_SCHEMA.tables} lists it
     * @return a new template with the binding
     * @throws IllegalArgumentException if the key is not a valid placeholder name or the name is
     *     not valid
     */
    public AdqlTemplate table(String key, String name) {
        checkKey(key);
        Objects.requireNonNull(name, "name");
        try {
            return bind(key, Adql.tableName(name));
        } catch (IllegalArgumentException e) {
            throw bindingFailed(key, e);
        }
    }

    /**
     * Binds a table name given as separate schema and table components, rendered with
     * {@link Adql#tableName(String, String)}.
     *
     * @param key the placeholder name
     * @param schema the schema name
     * @param table the table name
     * @return a new template with the binding
     * @throws IllegalArgumentException if the key is not a valid placeholder name or a component
     *     is not valid
     */
    public AdqlTemplate table(String key, String schema, String table) {
        checkKey(key);
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        try {
            return bind(key, Adql.tableName(schema, table));
        } catch (IllegalArgumentException e) {
            throw bindingFailed(key, e);
        }
    }

    /**
     * Binds another template, which must be fully bound, by inlining its rendering; use it for
     * optional conditions or subqueries. Parentheses, if needed, belong in this template's text.
     * A fragment ending in a {@code --} comment is followed by a newline so the comment cannot
     * swallow what comes after it.
     *
     * @param key the placeholder name
     * @param fragment the template to inline
     * @return a new template with the binding
     * @throws IllegalArgumentException if the key is not a valid placeholder name
     * @throws IllegalStateException if the fragment cannot be rendered (see {@link #render()})
     */
    public AdqlTemplate fragment(String key, AdqlTemplate fragment) {
        checkKey(key);
        Objects.requireNonNull(fragment, "fragment");
        String rendered = fragment.render();
        return bind(key, fragment.endsInLineComment ? rendered + "\n" : rendered);
    }

    /**
     * Renders the query.
     *
     * @return the ADQL text with every placeholder replaced by its binding
     * @throws IllegalStateException if a placeholder is unbound, or a key is bound that does not
     *     occur in the template; the message names them
     */
    public String render() {
        List<String> unbound = new ArrayList<>();
        for (String p : placeholders) {
            if (!bindings.containsKey(p)) {
                unbound.add("{" + p + "}");
            }
        }
        if (!unbound.isEmpty()) {
            throw new IllegalStateException((unbound.size() == 1 ? "unbound placeholder " : "unbound placeholders ")
                    + String.join(", ", unbound) + " in ADQL template: " + text);
        }
        Set<String> unknown = new TreeSet<>(bindings.keySet());
        unknown.removeAll(placeholders);
        if (!unknown.isEmpty()) {
            StringJoiner names = new StringJoiner(", ");
            unknown.forEach(k -> names.add("{" + k + "}"));
            throw new IllegalStateException((unknown.size() == 1 ? "bound key " : "bound keys ") + names
                    + (unknown.size() == 1 ? " does" : " do") + " not occur in ADQL template: " + text);
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * bindings.size());
        boolean previousWasValue = false;
        for (Segment s : segments) {
            boolean isValue = s.key() != null;
            String piece = isValue ? bindings.get(s.key()) : s.text();
            if ((isValue || previousWasValue) && !piece.isEmpty() && out.length() > 0
                    && wouldJoin(out.charAt(out.length() - 1), piece.charAt(0))) {
                out.append(' ');
            }
            out.append(piece);
            previousWasValue = isValue;
        }
        return out.toString();
    }

    /**
     * Returns the template text as given to {@link #of}.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Returns the placeholder names of the template, in order of first occurrence.
     *
     * @return an unmodifiable set of names, without braces
     */
    public Set<String> placeholders() {
        return placeholders;
    }

    /**
     * Returns the keys bound so far.
     *
     * @return an unmodifiable set of keys, without braces
     */
    public Set<String> boundKeys() {
        return bindings.keySet();
    }

    /**
     * Compares templates by text and bindings.
     *
     * @param o the other object
     * @return true if both have the same text and render the same bindings
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof AdqlTemplate t && t.text.equals(text) && t.bindings.equals(bindings);
    }

    /**
     * Hashes the text and bindings.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(text, bindings);
    }

    /**
     * Describes the template for debugging: its text and bound keys, not the bound values.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "AdqlTemplate[" + text + ", bound=" + new TreeSet<>(bindings.keySet()) + "]";
    }

    private AdqlTemplate bind(String key, String rendered) {
        Map<String, String> copy = new HashMap<>(bindings);
        copy.put(key, rendered);
        return new AdqlTemplate(text, segments, placeholders, endsInLineComment, Map.copyOf(copy));
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not a placeholder name;"
                    + " names match [A-Za-z_][A-Za-z0-9_]*");
        }
    }

    private static IllegalArgumentException bindingFailed(String key, IllegalArgumentException e) {
        return new IllegalArgumentException("cannot bind {" + key + "}: " + e.getMessage(), e);
    }

    /** True if the two characters, written next to each other, would form or merge a token. */
    private static boolean wouldJoin(char left, char right) {
        return (left == '-' && right == '-')
                || (left == '/' && right == '*')
                || (left == '\'' && right == '\'')
                || (left == '"' && right == '"');
    }

    /** Splits template text into segments while tracking quotes and comments. */
    private static final class Parser {

        private enum State {
            CODE("code"), STRING("a string literal"), DELIMITED("a delimited identifier"),
            LINE_COMMENT("a -- comment"), BLOCK_COMMENT("a /* */ comment");

            private final String description;

            State(String description) {
                this.description = description;
            }
        }

        private final String t;
        private final List<Segment> segments = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        private final StringBuilder literal = new StringBuilder();
        private State state = State.CODE;
        private int stateStart;

        Parser(String t) {
            this.t = t;
        }

        AdqlTemplate parse() {
            int n = t.length();
            int i = 0;
            while (i < n) {
                char c = t.charAt(i);
                if (c == '{') {
                    if (at(i + 1) == '{') {
                        literal.append('{');
                        i += 2;
                        continue;
                    }
                    int close = t.indexOf('}', i + 1);
                    String name = close < 0 ? "" : t.substring(i + 1, close);
                    if (!NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException("unescaped '{' at index " + i
                                + " of ADQL template (write {{ for a literal brace, {name} for a"
                                + " placeholder): " + t);
                    }
                    if (state != State.CODE) {
                        throw new IllegalArgumentException("placeholder {" + name + "} at index " + i
                                + " is inside " + state.description + " starting at index " + stateStart
                                + "; a placeholder stands for a whole literal or name, e.g. write"
                                + " name = {x}, not name = '{x}': " + t);
                    }
                    flush();
                    segments.add(new Segment(null, name));
                    names.add(name);
                    i = close + 1;
                    continue;
                }
                if (c == '}') {
                    if (at(i + 1) == '}') {
                        literal.append('}');
                        i += 2;
                        continue;
                    }
                    throw new IllegalArgumentException("unescaped '}' at index " + i
                            + " of ADQL template (write }} for a literal brace): " + t);
                }
                i = lex(i, c);
            }
            switch (state) {
                case STRING, DELIMITED, BLOCK_COMMENT -> throw new IllegalArgumentException(
                        "unterminated " + state.description.substring(state.description.indexOf(' ') + 1)
                                + " starting at index " + stateStart + " of ADQL template: " + t);
                default -> {
                }
            }
            flush();
            return new AdqlTemplate(t, List.copyOf(segments), Collections.unmodifiableSet(names),
                    state == State.LINE_COMMENT, Map.of());
        }

        /** Consumes the character at {@code i} (and a partner if it forms a pair); returns the next index. */
        private int lex(int i, char c) {
            char next = at(i + 1);
            switch (state) {
                case CODE -> {
                    if (c == '\'') {
                        enter(State.STRING, i);
                    } else if (c == '"') {
                        enter(State.DELIMITED, i);
                    } else if (c == '-' && next == '-') {
                        enter(State.LINE_COMMENT, i);
                        return take(i, 2);
                    } else if (c == '/' && next == '*') {
                        enter(State.BLOCK_COMMENT, i);
                        return take(i, 2);
                    }
                }
                case STRING, DELIMITED -> {
                    char delimiter = state == State.STRING ? '\'' : '"';
                    if (c == delimiter) {
                        if (next == delimiter) {
                            return take(i, 2);
                        }
                        state = State.CODE;
                    }
                }
                case LINE_COMMENT -> {
                    if (c == '\n' || c == '\r') {
                        state = State.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.CODE;
                        return take(i, 2);
                    }
                }
                default -> throw new AssertionError(state);
            }
            return take(i, 1);
        }

        private void enter(State s, int index) {
            state = s;
            stateStart = index;
        }

        private int take(int i, int count) {
            literal.append(t, i, i + count);
            return i + count;
        }

        private char at(int i) {
            return i < t.length() ? t.charAt(i) : '\0';
        }

        private void flush() {
            if (literal.length() > 0) {
                segments.add(new Segment(literal.toString(), null));
                literal.setLength(0);
            }
        }
    }
}
