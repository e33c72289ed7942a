package org.vokit.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal ADQL lexer for the tests: separates string literals from the code around them, so
 * that a test can check that user text appears only inside literals.
 */
final class AdqlText {

    private AdqlText() {
    }

    /**
     * Returns the values of the string literals, unescaped ({@code ''} becomes {@code '}).
     *
     * @param adql the query
     * @return the literals in order
     */
    static List<String> literals(String adql) {
        List<String> out = new ArrayList<>();
        split(adql, out);
        return out;
    }

    /**
     * Returns the query with each string literal replaced by {@code ?}.
     *
     * @param adql the query
     * @return the code outside literals
     */
    static String code(String adql) {
        return split(adql, new ArrayList<>());
    }

    private static String split(String adql, List<String> literals) {
        StringBuilder code = new StringBuilder();
        int i = 0;
        int n = adql.length();
        while (i < n) {
            char c = adql.charAt(i);
            if (c == '\'') {
                StringBuilder lit = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new AssertionError("unterminated string literal in: " + adql);
                    }
                    char d = adql.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < n && adql.charAt(i + 1) == '\'') {
                            lit.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    lit.append(d);
                    i++;
                }
                literals.add(lit.toString());
                code.append('?');
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    /**
     * Checks that parentheses outside literals are balanced.
     *
     * @param adql the query
     * @return true if every opening parenthesis is closed in order
     */
    static boolean balanced(String adql) {
        int depth = 0;
        for (char c : code(adql).toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0;
    }
}
