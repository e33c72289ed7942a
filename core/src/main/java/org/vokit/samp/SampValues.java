package org.vokit.samp;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAMP's value rules in one place: what may travel in a SAMP map (ASCII strings, lists and
 * maps), how other values are converted, and the small text helpers the connection's parts share.
 */
final class SampValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SampValues() {
    }

    static String text(Throwable t) {
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }

    /**
     * Converts a result into SAMP's types: strings, lists and maps. Numbers become their decimal
     * text, booleans {@code "1"} or {@code "0"} (as the SAMP standard suggests); nulls are left out.
     */
    static Map<String, Object> toSampMap(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            Object v = toSamp(e.getValue());
            if (e.getKey() != null && v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static Object toSamp(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String str) {
            return sampString(str);
        }
        if (v instanceof URI u) {
            return u.toASCIIString();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object x = toSamp(e.getValue());
                if (e.getKey() != null && x != null) {
                    out.put(e.getKey().toString(), x);
                }
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                Object x = toSamp(o);
                if (x != null) {
                    out.add(x);
                }
            }
            return out;
        }
        return v.toString();
    }

    /**
     * Makes a string legal in SAMP, whose strings may hold only ASCII characters 0x20 to 0x7f,
     * tab, newline and carriage return: accents are dropped ({@code Å} becomes {@code A}), the
     * degree sign becomes {@code deg}, other characters become {@code ?}.
     *
     * @param s any text
     * @return the text as SAMP can carry it
     */
    static String sampString(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            plain = isSampChar(s.charAt(i));
        }
        if (plain) {
            return s;
        }
        String t = java.text.Normalizer.normalize(s.replace("\u00b0", "deg"), java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        StringBuilder sb = new StringBuilder(t.length());
        t.codePoints().forEach(cp -> sb.append(cp < 0x10000 && isSampChar((char) cp) ? (char) cp
                : Character.isWhitespace(cp) || Character.isISOControl(cp) ? ' ' : '?'));
        return sb.toString();
    }

    private static boolean isSampChar(char c) {
        return (c >= 0x20 && c <= 0x7f) || c == '\t' || c == '\n' || c == '\r';
    }

    static String safe(String name) {
        String s = name == null ? "table" : name.replaceAll("[^A-Za-z0-9._-]+", "_");
        s = s.replaceAll("^[._]+", "");
        if (s.length() > 40) {
            s = s.substring(0, 40);
        }
        return s.isEmpty() ? "table" : s;
    }

    static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
