package org.vokit.adql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdqlTemplateTest {

    @Test
    void rendersEveryKindOfBinding() {
        String adql = AdqlTemplate.of("SELECT TOP {n} {col} FROM {table} WHERE name = {name}"
                        + " AND t > {t} AND id IN ({ids}) AND flag = {flag}")
                .value("n", 100)
                .identifier("col", "size")
                .table("table", "ivoa.obscore")
                .value("name", "O'Brien")
                .value("t", Instant.parse("2020-01-02T03:04:05Z"))
                .values("ids", List.of(1, 2L, "x"))
                .value("flag", true)
                .render();
        assertThat(adql).isEqualTo("SELECT TOP 100 \"size\" FROM ivoa.obscore WHERE name = 'O''Brien'"
                + " AND t > '2020-01-02T03:04:05' AND id IN (1, 2, 'x') AND flag = 1");
    }

    @Test
    void hostileValueStaysInsideItsLiteral() {
        String adql = AdqlTemplate.of("SELECT * FROM t WHERE name = {name} AND x = 1")
                .value("name", "x' OR 1=1 --")
                .render();
        assertThat(adql).isEqualTo("SELECT * FROM t WHERE name = 'x'' OR 1=1 --' AND x = 1");
    }

    @Test
    void nullValueRendersAsNullKeyword() {
        assertThat(AdqlTemplate.of("SELECT {v}").value("v", null).render()).isEqualTo("SELECT NULL");
    }

    @Test
    void aPlaceholderMayOccurSeveralTimes() {
        AdqlTemplate t = AdqlTemplate.of("SELECT {c} FROM t ORDER BY {c}").identifier("c", "distance");
        assertThat(t.render()).isEqualTo("SELECT \"distance\" FROM t ORDER BY \"distance\"");
        assertThat(t.placeholders()).containsExactly("c");
    }

    @Test
    void placeholdersAreListedInOrderOfFirstOccurrence() {
        assertThat(AdqlTemplate.of("{b} {a} {b} {_c1}").placeholders()).containsExactly("b", "a", "_c1");
    }

    @Test
    void twoArgumentTableBinding() {
        assertThat(AdqlTemplate.of("SELECT * FROM {t}").table("t", "my schema", "a.b").render())
                .isEqualTo("SELECT * FROM \"my schema\".\"a.b\"");
    }

    // ---------------------------------------------------------------- single pass

    @Test
    void substitutionIsSinglePass() {
        AdqlTemplate t = AdqlTemplate.of("SELECT {a}, {b} FROM t");
        assertThat(t.value("a", "{b}").value("b", 1).render()).isEqualTo("SELECT '{b}', 1 FROM t");
        assertThat(t.identifier("a", "{b}").value("b", 2).render()).isEqualTo("SELECT \"{b}\", 2 FROM t");
        // a fragment's rendering is not searched for placeholders either
        AdqlTemplate fragment = AdqlTemplate.of("'{{b}}'");
        assertThat(fragment.render()).isEqualTo("'{b}'");
        assertThat(t.fragment("a", fragment).value("b", 3).render()).isEqualTo("SELECT '{b}', 3 FROM t");
        // nor is the value bound to a placeholder that occurs after the one it mentions
        assertThat(AdqlTemplate.of("{b} {a}").value("b", 1).value("a", "{a}").render()).isEqualTo("1 '{a}'");
    }

    // ---------------------------------------------------------------- errors at render

    @Test
    void unboundPlaceholderIsNamed() {
        AdqlTemplate t = AdqlTemplate.of("SELECT TOP {n} * FROM {table}").table("table", "x");
        assertThatIllegalStateException().isThrownBy(t::render)
                .withMessageStartingWith("unbound placeholder {n} in ADQL template: SELECT TOP {n}");
    }

    @Test
    void allUnboundPlaceholdersAreNamed() {
        assertThatIllegalStateException().isThrownBy(() -> AdqlTemplate.of("{a} {b} {c}").value("b", 1).render())
                .withMessageStartingWith("unbound placeholders {a}, {c} in ADQL template");
    }

    @Test
    void boundKeyMissingFromTemplateIsNamed() {
        AdqlTemplate t = AdqlTemplate.of("SELECT {a}").value("a", 1).value("zzz", 2);
        assertThatIllegalStateException().isThrownBy(t::render).withMessageContaining("{zzz}")
                .withMessageContaining("not occur");
    }

    @Test
    void fragmentMustBeFullyBound() {
        AdqlTemplate inner = AdqlTemplate.of("x = {v}");
        assertThatIllegalStateException().isThrownBy(() -> AdqlTemplate.of("WHERE {w}").fragment("w", inner))
                .withMessageContaining("{v}");
    }

    // ---------------------------------------------------------------- errors at binding

    @ParameterizedTest
    @MethodSource("badKeys")
    void invalidKeysAreRejected(String key) {
        AdqlTemplate t = AdqlTemplate.of("SELECT 1");
        assertThatIllegalArgumentException().isThrownBy(() -> t.value(key, 1)).withMessageContaining(key);
        assertThatIllegalArgumentException().isThrownBy(() -> t.identifier(key, "x"));
    }

    static Stream<String> badKeys() {
        return Stream.of("", "1a", "a-b", "a b", "{a}", "\u00e9");
    }

    @Test
    void valueErrorsNameTheKey() {
        AdqlTemplate t = AdqlTemplate.of("SELECT {v}, {w}");
        assertThatIllegalArgumentException().isThrownBy(() -> t.value("v", "a\0"))
                .withMessageContaining("{v}").withMessageContaining("index 1");
        assertThatIllegalArgumentException().isThrownBy(() -> t.value("w", Double.NaN))
                .withMessageContaining("{w}").withMessageContaining("NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> t.identifier("v", ""))
                .withMessageContaining("{v}");
        assertThatIllegalArgumentException().isThrownBy(() -> t.table("v", "a..b"))
                .withMessageContaining("{v}");
        assertThatIllegalArgumentException().isThrownBy(() -> t.value("v", new Object()))
                .withMessageContaining("{v}").withMessageContaining("java.lang.Object");
    }

    @Test
    void valuesListMustNotBeEmptyAndEachElementIsChecked() {
        AdqlTemplate t = AdqlTemplate.of("x IN ({ids})");
        assertThatIllegalArgumentException().isThrownBy(() -> t.values("ids", List.of()))
                .withMessageContaining("{ids}").withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> t.values("ids", List.of(1.0, Double.NaN)))
                .withMessageContaining("{ids}").withMessageContaining("NaN");
        assertThat(t.values("ids", Arrays.asList("a'b", null, 2.5)).render()).isEqualTo("x IN ('a''b', NULL, 2.5)");
    }

    // ---------------------------------------------------------------- immutability

    @Test
    void bindingReturnsNewTemplatesAndNeverChangesTheReceiver() {
        AdqlTemplate base = AdqlTemplate.of("SELECT * FROM {t} WHERE id = {id}").table("t", "s.t");
        AdqlTemplate one = base.value("id", 1);
        AdqlTemplate two = base.value("id", 2);
        assertThat(one.render()).endsWith("id = 1");
        assertThat(two.render()).endsWith("id = 2");
        assertThat(base.boundKeys()).containsExactly("t");
        assertThatIllegalStateException().isThrownBy(base::render).withMessageContaining("{id}");
        assertThat(one).isNotSameAs(base).isNotEqualTo(two);
    }

    @Test
    void rebindingReplaces() {
        assertThat(AdqlTemplate.of("{a}").value("a", 1).value("a", "x").render()).isEqualTo("'x'");
    }

    @Test
    void equalityIsByTextAndBindings() {
        AdqlTemplate a = AdqlTemplate.of("SELECT {x}").value("x", 1);
        AdqlTemplate b = AdqlTemplate.of("SELECT {x}").value("x", 1);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(AdqlTemplate.of("SELECT {x}").value("x", 2));
        assertThat(a).isNotEqualTo(AdqlTemplate.of("SELECT  {x}").value("x", 1));
        assertThat(a.toString()).contains("SELECT {x}").contains("x").doesNotContain("1]");
    }

    @Test
    void boundSetsAreUnmodifiable() {
        AdqlTemplate t = AdqlTemplate.of("{a}").value("a", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.placeholders().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.boundKeys().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- template syntax

    @Test
    void doubledBracesAreLiteralEverywhere() {
        assertThat(AdqlTemplate.of("SELECT '{{x}}' AS \"{{y}}\" FROM t -- {{z}}\n").render())
                .isEqualTo("SELECT '{x}' AS \"{y}\" FROM t -- {z}\n");
        assertThat(AdqlTemplate.of("{{{a}}}").value("a", 1).render()).isEqualTo("{1}");
        assertThat(AdqlTemplate.of("SELECT 1").placeholders()).isEmpty();
    }

    static Stream<Arguments> badTemplates() {
        return Stream.of(
                Arguments.of("SELECT { a }", "'{' at index 7"),
                Arguments.of("SELECT {1a}", "'{' at index 7"),
                Arguments.of("SELECT {", "'{' at index 7"),
                Arguments.of("SELECT {a", "'{' at index 7"),
                Arguments.of("SELECT {}", "'{' at index 7"),
                Arguments.of("SELECT a}", "'}' at index 8"),
                Arguments.of("SELECT '{'", "'{' at index 8"),
                Arguments.of("SELECT * FROM t WHERE a = '{x}'", "{x} at index 27 is inside a string literal"),
                Arguments.of("SELECT * FROM t WHERE a LIKE '%{x}%'", "{x} at index 31 is inside a string literal"),
                Arguments.of("SELECT \"{col}\" FROM t", "{col} at index 8 is inside a delimited identifier"),
                Arguments.of("SELECT a -- {x}\nFROM t", "{x} at index 12 is inside a -- comment"),
                Arguments.of("SELECT a /* {x} */ FROM t", "{x} at index 12 is inside a /* */ comment"),
                Arguments.of("SELECT 'it''s {x}'", "inside a string literal starting at index 7"),
                Arguments.of("SELECT 'abc", "unterminated string literal starting at index 7"),
                Arguments.of("SELECT \"abc''", "unterminated delimited identifier starting at index 7"),
                Arguments.of("SELECT 1 /* x", "unterminated /* */ comment starting at index 9"));
    }

    @ParameterizedTest
    @MethodSource("badTemplates")
    void malformedTemplatesAreRejectedWithPosition(String template, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> AdqlTemplate.of(template))
                .withMessageContaining(message);
    }

    @Test
    void placeholdersAfterClosedQuotesAndCommentsAreFine() {
        AdqlTemplate t = AdqlTemplate.of("SELECT 'a''b', \"c\"\"d\" /* {{c}} */ -- note\n  FROM {t}\r-- x\r WHERE x = {v}");
        assertThat(t.placeholders()).containsExactly("t", "v");
        assertThat(t.table("t", "s.t").value("v", 1).render())
                .isEqualTo("SELECT 'a''b', \"c\"\"d\" /* {c} */ -- note\n  FROM s.t\r-- x\r WHERE x = 1");
    }

    @Test
    void quotesInsideCommentsDoNotOpenLiterals() {
        AdqlTemplate t = AdqlTemplate.of("-- don't \"quote\" me\nSELECT {v} /* it's */ , {w}");
        assertThat(t.value("v", 1).value("w", 2).render())
                .isEqualTo("-- don't \"quote\" me\nSELECT 1 /* it's */ , 2");
    }

    @Test
    void minusMinusInsideStringsOfTheTemplateIsNotAComment() {
        AdqlTemplate t = AdqlTemplate.of("SELECT '--' AS a, {v} AS b");
        assertThat(t.value("v", 1).render()).isEqualTo("SELECT '--' AS a, 1 AS b");
    }

    // ---------------------------------------------------------------- token separation

    static Stream<Arguments> separations() {
        return Stream.of(
                Arguments.of("x-{v}", -5, "x- -5"),
                Arguments.of("x - {v}", -5, "x - -5"),
                Arguments.of("x-{v}", 5, "x-5"),
                Arguments.of("x-{v}", -0.5, "x- -0.5"),
                Arguments.of("{v}-1", -5, "-5-1"),
                Arguments.of("1-{v}-{v}", -2, "1- -2- -2"),
                Arguments.of("'a'{v}", "b", "'a' 'b'"),
                Arguments.of("{v}'a'", "b", "'b' 'a'"),
                Arguments.of("{v}{v}", "b", "'b' 'b'"),
                Arguments.of("{v}{v}", -1, "-1-1"));
    }

    @ParameterizedTest
    @MethodSource("separations")
    void adjacentTokensNeverMergeIntoCommentsOrOneLiteral(String template, Object value, String expected) {
        assertThat(AdqlTemplate.of(template).value("v", value).render()).isEqualTo(expected);
    }

    @Test
    void identifiersNeverMergeWithAdjacentQuotes() {
        assertThat(AdqlTemplate.of("\"a\"{c}").identifier("c", "select").render()).isEqualTo("\"a\" \"select\"");
    }

    @Test
    void fragmentsAreSeparatedToo() {
        AdqlTemplate minus = AdqlTemplate.of("a -");
        assertThat(AdqlTemplate.of("{f}-1").fragment("f", minus).render()).isEqualTo("a - -1");
        AdqlTemplate star = AdqlTemplate.of("* 2");
        assertThat(AdqlTemplate.of("x/{f}").fragment("f", star).render()).isEqualTo("x/ * 2");
    }

    @Test
    void fragmentEndingInLineCommentIsClosedByNewline() {
        AdqlTemplate withComment = AdqlTemplate.of("x = 1 -- the usual case");
        assertThat(AdqlTemplate.of("WHERE {w} AND y = {y}").fragment("w", withComment).value("y", 2).render())
                .isEqualTo("WHERE x = 1 -- the usual case\n AND y = 2");
        AdqlTemplate plain = AdqlTemplate.of("x = {v}").value("v", 1);
        assertThat(AdqlTemplate.of("WHERE ({w})").fragment("w", plain).render()).isEqualTo("WHERE (x = 1)");
    }

    @Test
    void textAccessorReturnsTheTemplate() {
        assertThat(AdqlTemplate.of("SELECT {{}}").text()).isEqualTo("SELECT {{}}");
        assertThat(AdqlTemplate.of("SELECT {a}").value("a", 1).boundKeys()).isEqualTo(Set.of("a"));
    }
}
