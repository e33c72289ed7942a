package org.vokit.aladin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key=value} words of a plugin script command, as Aladin hands them over (the script
 * line split on blanks), checked against the keys the command knows.
 *
 * <pre>{@code
 * ScriptArgs a = ScriptArgs.parse("vicinity", words, Set.of("cone", "ra", "dec", "radius"));
 * double ra = a.number("ra");          // IllegalArgumentException naming the command and key
 * }</pre>
 *
 * <p>Every problem is an {@link IllegalArgumentException} whose message names the command and
 * the word at fault; the plugins turn it into a reply line starting with {@code error:}.
 */
public final class ScriptArgs {

    private final String command;
    private final Map<String, String> values;

    private ScriptArgs(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    /**
     * Parses the words of a script command.
     *
     * @param command the command's name, for messages
     * @param words the words after the command name (null is read as none)
     * @param known the keys the command accepts (lower case)
     * @return the arguments
     * @throws IllegalArgumentException if a word is not {@code key=value}, a key is unknown or
     *     given twice, or a value is empty
     */
    public static ScriptArgs parse(String command, String[] words, Set<String> known) {
        Map<String, String> out = new LinkedHashMap<>();
        if (words != null) {
            for (String w : words) {
                if (w == null || w.isBlank()) {
                    continue;
                }
                int eq = w.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(command + ": '" + w + "' is not key=value (keys: "
                            + String.join(", ", sorted(known)) + ")");
                }
                String key = w.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = w.substring(eq + 1).strip();
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(command + ": unknown argument '" + key + "' (keys: "
                            + String.join(", ", sorted(known)) + ")");
                }
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(command + ": " + key + "= has no value");
                }
                if (out.putIfAbsent(key, value) != null) {
                    throw new IllegalArgumentException(command + ": " + key + "= is given twice");
                }
            }
        }
        return new ScriptArgs(command, Collections.unmodifiableMap(out));
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        Collections.sort(l);
        return l;
    }

    /** @return the command's name */
    public String command() {
        return command;
    }

    /** @return every key given, with its value, in the order given */
    public Map<String, String> values() {
        return values;
    }

    /**
     * @param key a key
     * @return true if it was given
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * Returns a value that must be given.
     *
     * @param key the key
     * @return its value
     * @throws IllegalArgumentException if it is missing
     */
    public String text(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(command + ": missing argument " + key + "=");
        }
        return v;
    }

    /**
     * Returns a value, or a default.
     *
     * @param key the key
     * @param otherwise the default
     * @return its value or the default
     */
    public String text(String key, String otherwise) {
        return values.getOrDefault(key, otherwise);
    }

    /**
     * Returns a finite number that must be given.
     *
     * @param key the key
     * @return its value
     * @throws IllegalArgumentException if it is missing or not a finite number
     */
    public double number(String key) {
        return parseNumber(key, text(key));
    }

    /**
     * Returns a finite number, or a default.
     *
     * @param key the key
     * @param otherwise the default
     * @return its value or the default
     * @throws IllegalArgumentException if it is given and not a finite number
     */
    public double number(String key, double otherwise) {
        return has(key) ? number(key) : otherwise;
    }

    /**
     * Returns comma-separated numbers.
     *
     * @param key the key
     * @param count how many there must be
     * @return the numbers
     * @throws IllegalArgumentException if it is missing, or not {@code count} finite numbers
     */
    public double[] numbers(String key, int count) {
        String[] parts = text(key).split(",", -1);
        if (parts.length != count) {
            throw new IllegalArgumentException(command + ": " + key + "= needs " + count
                    + " numbers separated by commas, not '" + text(key) + "'");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = parseNumber(key, parts[i].strip());
        }
        return v;
    }

    /**
     * Returns an http(s) URL that must be given.
     *
     * @param key the key
     * @return the URL
     * @throws IllegalArgumentException if it is missing or not an absolute http(s) URL
     */
    public URI url(String key) {
        String v = text(key);
        try {
            URI u = new URI(v);
            String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(s.equals("http") || s.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException(command + ": " + key + "= must be an http(s) URL, not '" + v + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(command + ": " + key + "= is not a URL: " + e.getMessage());
        }
    }

    /**
     * Requires exactly one of several keys.
     *
     * @param keys the keys
     * @return the one given
     * @throws IllegalArgumentException if none or more than one is given
     */
    public String oneOf(String... keys) {
        String found = null;
        for (String k : keys) {
            if (has(k)) {
                if (found != null) {
                    throw new IllegalArgumentException(command + ": give only one of " + String.join("=, ", keys)
                            + "=, not both " + found + "= and " + k + "=");
                }
                found = k;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(command + ": missing argument: one of " + String.join("=, ", keys) + "=");
        }
        return found;
    }

    private double parseNumber(String key, String s) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(command + ": " + key + "= is not a number: '" + s + "'");
    }
}
