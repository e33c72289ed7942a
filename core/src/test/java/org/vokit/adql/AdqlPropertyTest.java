package org.vokit.adql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Randomised checks of the rendering against a small ADQL tokenizer written here, independently
 * of the code under test: every rendered literal or name must be read back as exactly one token
 * that decodes to the original, also when embedded in a whole query.
 */
class AdqlPropertyTest {

    private static final int CASES = 5000;

    /** Pieces that stress quoting; mixed with random code points. */
    private static final String[] HOSTILE = {
        "'", "''", "\"", "\"\"", "\\", "\\'", "\n", "\r", "\r\n", "\t", "--", "-", "/*", "*/", ";",
        "{", "}", "{x}", "{{", "}}", "{v}", " ", "a", "Z", "_", "0", ".", ",", "(", ")", "=",
        "SELECT", "select", "size", "OR 1=1", "\u00e9", "\u2603", "\ud83d\ude00", "\ud834\udd1e",
        "\u2028", "\u0085", "\ufeff", "\u0001", "\u001b", "\u007f", "\u200b", "\uffff", "%", "$$",
    };

    // ---------------------------------------------------------------- the independent tokenizer

    /** A token: kind, decoded text, and the index just after it. */
    record Token(Kind kind, String text, int end) {
    }

    enum Kind { STRING, DELIMITED, WORD, NUMBER, COMMENT, PUNCT }

    private static final Pattern NUMBER = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)(E[+-]?\\d+)?");

    /** Reads one {@code '...'} literal at {@code start}, per ADQL's character_string_literal. */
    static Token readQuoted(String s, int start, char delimiter, Kind kind) {
        if (s.charAt(start) != delimiter) {
            fail("expected %s at %d in %s", delimiter, start, s);
        }
        StringBuilder decoded = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == delimiter) {
                if (i + 1 < s.length() && s.charAt(i + 1) == delimiter) {
                    decoded.append(c);
                    i += 2;
                    continue;
                }
                return new Token(kind, decoded.toString(), i + 1);
            }
            decoded.append(c);
            i++;
        }
        throw new AssertionError("unterminated quoted token from " + start + " in " + s);
    }

    /** Splits ADQL text into tokens; whitespace is dropped, comments are kept as tokens. */
    static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            Token t;
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
                continue;
            } else if (c == '\'') {
                t = readQuoted(s, i, '\'', Kind.STRING);
            } else if (c == '"') {
                t = readQuoted(s, i, '"', Kind.DELIMITED);
            } else if (s.startsWith("--", i)) {
                int nl = s.indexOf('\n', i);
                int end = nl < 0 ? s.length() : nl;
                t = new Token(Kind.COMMENT, s.substring(i, end), end);
            } else if (s.startsWith("/*", i)) {
                int close = s.indexOf("*/", i + 2);
                int end = close < 0 ? s.length() : close + 2;
                t = new Token(Kind.COMMENT, s.substring(i, end), end);
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')
                        && s.charAt(j) < 0x80) {
                    j++;
                }
                t = new Token(Kind.WORD, s.substring(i, j), j);
            } else if ((c >= '0' && c <= '9') || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                var m = NUMBER.matcher(s).region(i, s.length());
                if (!m.lookingAt()) {
                    throw new AssertionError("bad number at " + i + " in " + s);
                }
                t = new Token(Kind.NUMBER, m.group(), m.end());
            } else {
                t = new Token(Kind.PUNCT, String.valueOf(c), i + 1);
            }
            tokens.add(t);
            i = t.end();
        }
        return tokens;
    }

    // ---------------------------------------------------------------- generators

    private static String hostile(Random r) {
        int pieces = r.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < pieces; k++) {
            switch (r.nextInt(4)) {
                case 0 -> sb.appendCodePoint(randomCodePoint(r));
                default -> sb.append(HOSTILE[r.nextInt(HOSTILE.length)]);
            }
        }
        return sb.toString();
    }

    /** Any code point except NUL and lone surrogates, biased towards ASCII. */
    private static int randomCodePoint(Random r) {
        while (true) {
            int cp = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(0x80);
                case 1 -> r.nextInt(0x10000);
                default -> 0x10000 + r.nextInt(0x100000);
            };
            if (cp != 0 && (cp < 0xd800 || cp > 0xdfff)) {
                return cp;
            }
        }
    }

    // ---------------------------------------------------------------- properties

    @Test
    void stringLiteralsAreOneTokenThatDecodesToTheOriginal() {
        Random r = new Random(20240611L);
        for (int n = 0; n < CASES; n++) {
            String s = hostile(r);
            String lit = Adql.stringLiteral(s);
            Token t = readQuoted(lit, 0, '\'', Kind.STRING);
            assertThat(t.end()).as("end of literal for %s", lit).isEqualTo(lit.length());
            assertThat(t.text()).isEqualTo(s);
        }
    }

    @Test
    void identifiersAreOneTokenThatDecodesToTheOriginal() {
        Random r = new Random(7L);
        int bare = 0;
        int delimited = 0;
        for (int n = 0; n < CASES; n++) {
            String s = hostile(r);
            if (s.isEmpty()) {
                continue;
            }
            String id = Adql.identifier(s);
            if (id.startsWith("\"")) {
                Token t = readQuoted(id, 0, '"', Kind.DELIMITED);
                assertThat(t.end()).as("end of identifier for %s", id).isEqualTo(id.length());
                assertThat(t.text()).isEqualTo(s);
                delimited++;
            } else {
                assertThat(id).isEqualTo(s).matches("[A-Za-z][A-Za-z0-9_]*");
                assertThat(Adql.isReserved(id)).isFalse();
                bare++;
            }
        }
        assertThat(bare).as("some generated names are regular").isPositive();
        assertThat(delimited).isPositive();
    }

    @Test
    void renderedQueriesTokenizeAsIntendedWhateverTheValues() {
        Random r = new Random(42L);
        AdqlTemplate template = AdqlTemplate.of(
                "SELECT {c} FROM {t} WHERE x = {v} AND y IN ({list}) AND z = {w}");
        for (int n = 0; n < CASES; n++) {
            String s = hostile(r);
            String name = s.isEmpty() ? "n" : s;
            String other = hostile(r);
            String schema = hostile(r) + "s";
            String adql = template.identifier("c", name).table("t", schema, name).value("v", s)
                    .values("list", List.of(s, other)).value("w", other).render();
            List<Token> tokens = tokenize(adql);
            List<String> actual = tokens.stream().map(AdqlPropertyTest::describe).toList();
            List<String> expected = new ArrayList<>();
            expected.add("WORD:SELECT");
            expected.add(nameToken(name));
            expected.add("WORD:FROM");
            expected.add(nameToken(schema));
            expected.add("PUNCT:.");
            expected.add(nameToken(name));
            expected.addAll(List.of("WORD:WHERE", "WORD:x", "PUNCT:=", "STRING:" + s, "WORD:AND", "WORD:y",
                    "WORD:IN", "PUNCT:(", "STRING:" + s, "PUNCT:,", "STRING:" + other, "PUNCT:)",
                    "WORD:AND", "WORD:z", "PUNCT:=", "STRING:" + other));
            assertThat(actual).as("tokens of %s", adql).isEqualTo(expected);
        }
    }

    /** How a name must come back from the tokenizer: a bare word if it can, delimited otherwise. */
    private static String nameToken(String name) {
        return Adql.isRegularIdentifier(name) && !Adql.isReserved(name) ? "WORD:" + name : "DELIMITED:" + name;
    }

    private static String describe(Token t) {
        return t.kind() + ":" + t.text();
    }

    @Test
    void numbersFollowTheAdqlGrammarAndReadBackExactly() {
        Random r = new Random(99L);
        Pattern signed = Pattern.compile("-?" + NUMBER.pattern());
        for (int n = 0; n < CASES; n++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(d)) {
                String lit = Adql.numberLiteral(d);
                assertThat(lit).matches(signed);
                assertThat(Double.doubleToLongBits(Double.parseDouble(lit))).isEqualTo(Double.doubleToLongBits(d));
            } else {
                assertThatIllegalArgumentException().isThrownBy(() -> Adql.numberLiteral(d));
            }
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isFinite(f)) {
                String lit = Adql.numberLiteral(f);
                assertThat(lit).matches(signed);
                assertThat(Float.floatToIntBits(Float.parseFloat(lit))).isEqualTo(Float.floatToIntBits(f));
            }
            long l = r.nextLong();
            assertThat(Long.parseLong(Adql.numberLiteral(l))).isEqualTo(l);
            var bd = new java.math.BigDecimal(java.math.BigInteger.valueOf(r.nextLong()), r.nextInt(400) - 200);
            String lit = Adql.numberLiteral(bd);
            assertThat(lit).matches(signed);
            assertThat(new java.math.BigDecimal(lit)).isEqualByComparingTo(bd);
        }
    }

    @Test
    void negativeNumbersNeverOpenAComment() {
        Random r = new Random(3L);
        AdqlTemplate template = AdqlTemplate.of("SELECT x-{a}-{b} FROM t");
        for (int n = 0; n < CASES; n++) {
            Object a = r.nextBoolean() ? (Object) (r.nextLong() >> r.nextInt(64)) : (Object) (r.nextGaussian() * 1e3);
            Object b = r.nextBoolean() ? (Object) (long) r.nextInt() : (Object) (r.nextDouble() - 0.5);
            String adql = template.value("a", a).value("b", b).render();
            List<Token> tokens = tokenize(adql);
            assertThat(tokens).as(adql).noneMatch(t -> t.kind() == Kind.COMMENT);
            assertThat(tokens.get(tokens.size() - 2).text()).isEqualTo("FROM");
        }
    }

    @Test
    void timestampsReadBackToTheSameInstant() {
        Random r = new Random(11L);
        long min = LocalDateTime.of(0, 1, 2, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long max = LocalDateTime.of(9999, 12, 30, 0, 0).toEpochSecond(ZoneOffset.UTC);
        for (int n = 0; n < CASES; n++) {
            long seconds = min + (long) (r.nextDouble() * (max - min));
            int nanos = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((r.nextInt(36) - 18) * 3600 + r.nextInt(4) * 900);
            String lit = Adql.literal(OffsetDateTime.ofInstant(instant, offset));
            assertThat(lit).isEqualTo(Adql.literal(instant))
                    .matches("'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.(\\d{3}|\\d{6}|\\d{9}))?'");
            Token t = readQuoted(lit, 0, '\'', Kind.STRING);
            assertThat(LocalDateTime.parse(t.text()).toInstant(ZoneOffset.UTC)).isEqualTo(instant);
            LocalDate date = LocalDate.ofEpochDay(seconds / 86400);
            assertThat(LocalDate.parse(readQuoted(Adql.literal(date), 0, '\'', Kind.STRING).text())).isEqualTo(date);
        }
    }

    @Test
    void textWithNulOrLoneSurrogateIsAlwaysRefusedAtItsIndex() {
        Random r = new Random(5L);
        char[] bad = {'\0', '\ud800', '\udbff', '\udc00', '\udfff'};
        for (int n = 0; n < CASES; n++) {
            // no supplementary characters, so that the inserted surrogate cannot pair up
            String s = hostile(r).codePoints().filter(cp -> cp < 0x10000).collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString();
            int at = r.nextInt(s.length() + 1);
            String withBad = s.substring(0, at) + bad[r.nextInt(bad.length)] + s.substring(at);
            assertThatIllegalArgumentException().isThrownBy(() -> Adql.literal(withBad))
                    .withMessageContaining("index " + at);
            assertThatIllegalArgumentException().isThrownBy(() -> Adql.identifier(withBad))
                    .withMessageContaining("index " + at);
        }
    }
}
