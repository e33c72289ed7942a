package org.vokit.osgi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} arguments of a Gogo command, checked against the options the
 * command knows: an unknown option, a missing value or a stray word is an error naming it.
 */
final class Args {

    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * Parses arguments.
     *
     * @param command the command, for messages (e.g. {@code vo:tap})
     * @param args the words after the command
     * @param valued options that take a value
     * @param flags options without a value
     * @return the parsed arguments
     * @throws IllegalArgumentException naming the offending word
     */
    static Args parse(String command, String[] args, Set<String> valued, Set<String> flags) {
        Args a = new Args(command);
        for (int i = 0; i < args.length; i++) {
            String w = args[i];
            if (flags.contains(w)) {
                a.values.computeIfAbsent(w, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(w)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(command + ": " + w + " needs a value");
                }
                a.values.computeIfAbsent(w, k -> new ArrayList<>()).add(args[++i]);
            } else if (w.startsWith("-")) {
                throw new IllegalArgumentException(command + ": unknown option " + w + "; known: "
                        + String.join(" ", new java.util.TreeSet<>(union(valued, flags))));
            } else {
                throw new IllegalArgumentException(command + ": unexpected argument '" + w
                        + "' (quote values that contain spaces)");
            }
        }
        return a;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /**
     * @param option the option
     * @return its last value, or null if it was not given
     */
    String get(String option) {
        List<String> v = values.get(option);
        return v == null ? null : v.get(v.size() - 1);
    }

    /**
     * @param option the option
     * @return its value
     * @throws IllegalArgumentException if it was not given
     */
    String require(String option) {
        String v = get(option);
        if (v == null) {
            throw new IllegalArgumentException(command + ": " + option + " is required");
        }
        return v;
    }

    /**
     * @param option the option
     * @return every value given, in order (empty if none)
     */
    List<String> all(String option) {
        return values.getOrDefault(option, List.of());
    }

    /**
     * @param flag the flag
     * @return whether it was given
     */
    boolean has(String flag) {
        return values.containsKey(flag);
    }

    /**
     * @param option the option
     * @param fallback the value when it is absent
     * @return the value as a number
     * @throws IllegalArgumentException if it is not a number
     */
    double number(String option, double fallback) {
        String v = get(option);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": " + option + " '" + v + "' is not a number");
        }
    }
}
