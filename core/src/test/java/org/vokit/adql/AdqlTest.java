package org.vokit.adql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdqlTest {

    // ---------------------------------------------------------------- literal(): dispatch by type

    static Stream<Arguments> literals() {
        return Stream.of(
                Arguments.of(null, "NULL"),
                Arguments.of("abc", "'abc'"),
                Arguments.of("", "''"),
                Arguments.of("it's", "'it''s'"),
                Arguments.of("''", "''''''"),
                Arguments.of(new StringBuilder("sb"), "'sb'"),
                Arguments.of("a\\b", "'a\\b'"),
                Arguments.of("a\\'b", "'a\\''b'"),
                Arguments.of("x' OR 1=1 --", "'x'' OR 1=1 --'"),
                Arguments.of("/* c */;", "'/* c */;'"),
                Arguments.of("line1\nline2\r\n", "'line1\nline2\r\n'"),
                Arguments.of("\u0001\u001f\u007f", "'\u0001\u001f\u007f'"),
                Arguments.of("M\u00e9lanie \u2603 \ud83d\ude00", "'M\u00e9lanie \u2603 \ud83d\ude00'"),
                Arguments.of("\"q\"", "'\"q\"'"),
                Arguments.of((byte) -5, "-5"),
                Arguments.of((short) 300, "300"),
                Arguments.of(42, "42"),
                Arguments.of(Long.MIN_VALUE, "-9223372036854775808"),
                Arguments.of(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"),
                Arguments.of(0.5, "0.5"),
                Arguments.of(-2.25, "-2.25"),
                Arguments.of(1e-5, "1.0E-5"),
                Arguments.of(6.02e23, "6.02E23"),
                Arguments.of(-0.0, "-0.0"),
                Arguments.of(0.1f, "0.1"),
                Arguments.of(Double.MIN_VALUE, "4.9E-324"),
                Arguments.of(new BigDecimal("123.4500"), "123.4500"),
                Arguments.of(new BigDecimal("1E+3"), "1000"),
                Arguments.of(new BigDecimal("-0.000001"), "-0.000001"),
                Arguments.of(new BigDecimal("1E-100"), "1E-100"),
                Arguments.of(new BigDecimal("1.5E+200"), "1.5E200"),
                Arguments.of(true, "1"),
                Arguments.of(false, "0"),
                Arguments.of(Instant.parse("2020-01-02T03:04:05.123Z"), "'2020-01-02T03:04:05.123'"),
                Arguments.of(LocalDate.of(2020, 1, 2), "'2020-01-02'"));
    }

    @ParameterizedTest
    @MethodSource("literals")
    void literalRendersByType(Object value, String expected) {
        assertThat(Adql.literal(value)).isEqualTo(expected);
    }

    static Stream<Object> unsupported() {
        return Stream.of(new Object(), List.of(1), new char[] {'a'}, 'c', new AtomicLong(3),
                LocalTime.NOON, Year.of(2020), new java.util.Date(0), ZoneOffset.UTC);
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void literalRejectsOtherTypesNamingThem(Object value) {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.literal(value))
                .withMessageContaining(value.getClass().getName());
    }

    // ---------------------------------------------------------------- numbers

    static Stream<Arguments> notFinite() {
        return Stream.of(
                Arguments.of(Double.NaN, "NaN"),
                Arguments.of(Double.POSITIVE_INFINITY, "Infinity"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-Infinity"),
                Arguments.of(Float.NaN, "NaN"),
                Arguments.of(Float.POSITIVE_INFINITY, "Infinity"),
                Arguments.of(Float.NEGATIVE_INFINITY, "-Infinity"));
    }

    @ParameterizedTest
    @MethodSource("notFinite")
    void nanAndInfinitiesAreRejectedNamingTheValue(Number value, String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.numberLiteral(value))
                .withMessageContaining(name);
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.literal(value))
                .withMessageContaining(name);
    }

    @Test
    void numberLiteralRejectsUnknownNumberSubclasses() {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.numberLiteral(new AtomicLong(1)))
                .withMessageContaining("AtomicLong");
    }

    @Test
    void booleanLiteralIsOneOrZero() {
        assertThat(Adql.booleanLiteral(true)).isEqualTo("1");
        assertThat(Adql.booleanLiteral(false)).isEqualTo("0");
    }

    // ---------------------------------------------------------------- timestamps

    static Stream<Arguments> timestamps() {
        return Stream.of(
                Arguments.of(Instant.parse("2020-01-02T03:04:05Z"), "'2020-01-02T03:04:05'"),
                Arguments.of(Instant.parse("2020-01-02T03:04:05.120Z"), "'2020-01-02T03:04:05.120'"),
                Arguments.of(Instant.parse("2020-01-02T03:04:05.000123Z"), "'2020-01-02T03:04:05.000123'"),
                Arguments.of(Instant.parse("2020-01-02T03:04:05.123456789Z"),
                        "'2020-01-02T03:04:05.123456789'"),
                Arguments.of(Instant.parse("2020-01-02T00:00:00Z"), "'2020-01-02T00:00:00'"),
                // offsets and zones are converted to UTC, across a date boundary
                Arguments.of(OffsetDateTime.parse("2020-01-02T05:04:05.5+02:00"), "'2020-01-02T03:04:05.500'"),
                Arguments.of(OffsetDateTime.parse("2019-12-31T23:30:00-04:00"), "'2020-01-01T03:30:00'"),
                Arguments.of(ZonedDateTime.of(2020, 1, 1, 22, 30, 0, 0, ZoneId.of("America/New_York")),
                        "'2020-01-02T03:30:00'"),
                // summer time: Paris is UTC+2 in July
                Arguments.of(ZonedDateTime.of(2021, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
                        "'2021-07-01T10:00:00'"),
                Arguments.of(ZonedDateTime.of(2021, 7, 1, 12, 0, 0, 0, ZoneId.of("Asia/Kolkata")),
                        "'2021-07-01T06:30:00'"),
                // local date-times are UTC already (DALI)
                Arguments.of(LocalDateTime.of(2020, 1, 2, 3, 4, 5), "'2020-01-02T03:04:05'"),
                Arguments.of(LocalDate.of(999, 12, 31), "'0999-12-31'"),
                Arguments.of(LocalDateTime.of(0, 1, 1, 0, 0), "'0000-01-01T00:00:00'"),
                Arguments.of(LocalDateTime.of(9999, 12, 31, 23, 59, 59), "'9999-12-31T23:59:59'"));
    }

    @ParameterizedTest
    @MethodSource("timestamps")
    void timestampsAreDaliUtcWithoutZone(java.time.temporal.TemporalAccessor time, String expected) {
        assertThat(Adql.timestampLiteral(time)).isEqualTo(expected);
        assertThat(Adql.literal(time)).isEqualTo(expected);
    }

    @Test
    void timestampYearMustFitFourDigitsAfterConversion() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Adql.timestampLiteral(LocalDateTime.of(10000, 1, 1, 0, 0)))
                .withMessageContaining("10000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Adql.timestampLiteral(LocalDate.of(-1, 1, 1)))
                .withMessageContaining("-1");
        // 9999-12-31T23:00-05:00 is already year 10000 in UTC
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Adql.timestampLiteral(OffsetDateTime.of(9999, 12, 31, 23, 0, 0, 0,
                        ZoneOffset.ofHours(-5))))
                .withMessageContaining("10000");
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.timestampLiteral(Instant.MAX));
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.timestampLiteral(Instant.MIN));
    }

    @Test
    void timestampRejectsTypesWithoutADate() {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.timestampLiteral(LocalTime.NOON))
                .withMessageContaining("LocalTime");
    }

    // ---------------------------------------------------------------- strings: what is refused

    @Test
    void nulIsRejectedWithItsPosition() {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.stringLiteral("ab\0c"))
                .withMessageContaining("NUL").withMessageContaining("index 2");
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.literal("\0"))
                .withMessageContaining("index 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.identifier("col\0"))
                .withMessageContaining("index 3");
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.tableName("s.\"t\0\""))
                .withMessageContaining("NUL");
    }

    @Test
    void unpairedSurrogatesAreRejectedWithTheirPosition() {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.stringLiteral("a\ud83d"))
                .withMessageContaining("U+D83D").withMessageContaining("index 1");
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.stringLiteral("\ude00b"))
                .withMessageContaining("index 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.identifier("x\ude00\ud83d"))
                .withMessageContaining("index 1");
    }

    @Test
    void typedVariantsRejectNull() {
        assertThatNullPointerException().isThrownBy(() -> Adql.stringLiteral(null));
        assertThatNullPointerException().isThrownBy(() -> Adql.numberLiteral(null));
        assertThatNullPointerException().isThrownBy(() -> Adql.timestampLiteral(null));
        assertThatNullPointerException().isThrownBy(() -> Adql.identifier(null));
        assertThatNullPointerException().isThrownBy(() -> Adql.tableName(null));
    }

    // ---------------------------------------------------------------- identifiers

    static Stream<Arguments> identifiers() {
        return Stream.of(
                // regular, not reserved: bare
                Arguments.of("ra", "ra"),
                Arguments.of("dec", "dec"),
                Arguments.of("obs_id", "obs_id"),
                Arguments.of("Mag_G2", "Mag_G2"),
                Arguments.of("x", "x"),
                Arguments.of("selected", "selected"),
                Arguments.of("s_region", "s_region"),
                Arguments.of("t_min", "t_min"),
                // reserved, any case: delimited, case kept
                Arguments.of("select", "\"select\""),
                Arguments.of("SELECT", "\"SELECT\""),
                Arguments.of("SIZE", "\"SIZE\""),
                Arguments.of("size", "\"size\""),
                Arguments.of("distance", "\"distance\""),
                Arguments.of("region", "\"region\""),
                Arguments.of("Point", "\"Point\""),
                Arguments.of("top", "\"top\""),
                Arguments.of("offset", "\"offset\""),
                Arguments.of("ilike", "\"ilike\""),
                Arguments.of("in_unit", "\"in_unit\""),
                Arguments.of("bigint", "\"bigint\""),
                Arguments.of("log10", "\"log10\""),
                Arguments.of("coord1", "\"coord1\""),
                Arguments.of("date", "\"date\""),
                Arguments.of("value", "\"value\""),
                Arguments.of("user", "\"user\""),
                Arguments.of("first", "\"first\""),
                // not regular: delimited
                Arguments.of("_x", "\"_x\""),
                Arguments.of("1abc", "\"1abc\""),
                Arguments.of("a b", "\"a b\""),
                Arguments.of("a-b", "\"a-b\""),
                Arguments.of("a.b", "\"a.b\""),
                Arguments.of("a\"b", "\"a\"\"b\""),
                Arguments.of("\"", "\"\"\"\""),
                Arguments.of("it's", "\"it's\""),
                Arguments.of("\u00e9toile", "\"\u00e9toile\""),
                Arguments.of(" ra", "\" ra\""),
                Arguments.of("a;DROP", "\"a;DROP\""),
                Arguments.of("x--", "\"x--\""));
    }

    @ParameterizedTest
    @MethodSource("identifiers")
    void identifierIsBareOnlyWhenRegularAndNotReserved(String name, String expected) {
        assertThat(Adql.identifier(name)).isEqualTo(expected);
    }

    @Test
    void emptyIdentifierIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.identifier(""))
                .withMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "SELECT", "Select", "size", "distance", "REGION", "top", "offset",
        "ilike", "in_unit", "contains", "intersects", "polygon", "circle", "box", "centroid", "area",
        "coordsys", "coord2", "atan2", "truncate", "pi", "rand", "null", "true", "false", "timestamp",
        "varchar", "double", "precision", "coalesce", "lower", "upper", "cast", "END-EXEC", "zone"})
    void reservedWordsAreRecognisedIgnoringCase(String word) {
        assertThat(Adql.isReserved(word)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ra", "dec", "obscore", "name", "mag", "flux", "id", "source_id", "regions",
        "selection", "sizes", "topp", "x", "\u017felect", "s\u0131ze", ""})
    void otherWordsAreNotReserved(String word) {
        // includes non-ASCII look-alikes whose Unicode upper case is a keyword
        assertThat(Adql.isReserved(word)).isFalse();
    }

    static Stream<Arguments> regularity() {
        return Stream.of(
                Arguments.of("a", true), Arguments.of("Z9", true), Arguments.of("a_b_1", true),
                Arguments.of("select", true), Arguments.of("", false), Arguments.of("_a", false),
                Arguments.of("9a", false), Arguments.of("a b", false), Arguments.of("a-b", false),
                Arguments.of("a.b", false), Arguments.of("\u00e9", false), Arguments.of("a\u00e9", false),
                Arguments.of("\"a\"", false), Arguments.of("a$", false),
                Arguments.of("\uff41", false)); // fullwidth 'a' is a letter, but not a Latin one
    }

    @ParameterizedTest
    @MethodSource("regularity")
    void regularIdentifiersAreAsciiLetterThenLettersDigitsUnderscores(String name, boolean regular) {
        assertThat(Adql.isRegularIdentifier(name)).isEqualTo(regular);
    }

    // ---------------------------------------------------------------- table names

    static Stream<Arguments> tableNames() {
        return Stream.of(
                Arguments.of("obscore", "obscore"),
                Arguments.of("ivoa.obscore", "ivoa.obscore"),
                Arguments.of("TAP_UPLOAD.mine", "TAP_UPLOAD.mine"),
                Arguments.of("gaiadr3.gaia_source", "gaiadr3.gaia_source"),
                Arguments.of("\"odd schema\".\"odd.table\"", "\"odd schema\".\"odd.table\""),
                Arguments.of("cat.schema.table", "cat.\"schema\".\"table\""),
                Arguments.of("a.select", "a.\"select\""),
                Arguments.of("my schema.t", "\"my schema\".t"),
                Arguments.of("\"a\"\"b\".t", "\"a\"\"b\".t"),
                Arguments.of("\"x\"", "\"x\""),
                Arguments.of("s.\"Mixed.Case\"", "s.\"Mixed.Case\""),
                Arguments.of("\"\"\"\"", "\"\"\"\""),
                Arguments.of("s.t\u00e9", "s.\"t\u00e9\""));
    }

    @ParameterizedTest
    @MethodSource("tableNames")
    void tableNameSplitsOnDotsOutsideQuotes(String name, String expected) {
        assertThat(Adql.tableName(name)).isEqualTo(expected);
    }

    static Stream<Arguments> badTableNames() {
        return Stream.of(
                Arguments.of("", "empty component at index 0"),
                Arguments.of(".", "empty component at index 0"),
                Arguments.of("a.", "empty component at index 2"),
                Arguments.of(".a", "empty component at index 0"),
                Arguments.of("a..b", "empty component at index 2"),
                Arguments.of("\"abc", "unterminated"),
                Arguments.of("s.\"abc\"\"", "unterminated"),
                Arguments.of("\"a\"b", "expected '.'"),
                Arguments.of("\"a\" .b", "expected '.'"),
                Arguments.of("a\"b.c", "double quote at index 1"),
                Arguments.of("s.t\"", "double quote at index 3"),
                Arguments.of("\"\".t", "empty delimited identifier"),
                Arguments.of("a.b.c.d", "4 components"));
    }

    @ParameterizedTest
    @MethodSource("badTableNames")
    void malformedTableNamesAreRejected(String name, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.tableName(name))
                .withMessageContaining(message);
    }

    @Test
    void twoArgumentTableNameTakesComponentsLiterally() {
        assertThat(Adql.tableName("ivoa", "obscore")).isEqualTo("ivoa.obscore");
        assertThat(Adql.tableName("my schema", "a.b")).isEqualTo("\"my schema\".\"a.b\"");
        assertThat(Adql.tableName("\"s\"", "t")).isEqualTo("\"\"\"s\"\"\".t");
        assertThat(Adql.tableName("tap_schema", "tables")).isEqualTo("tap_schema.tables");
        assertThat(Adql.tableName("public", "table")).isEqualTo("\"public\".\"table\"");
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.tableName("s", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> Adql.tableName("", "t"));
    }
}
