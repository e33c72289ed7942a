package org.vokit.adql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one place where vokit turns Java values and names into ADQL text.
 *
 * <p>Every value a user supplies reaches a query through {@link #literal(Object)} (or one of its
 * typed variants) and every column or table name through {@link #identifier(String)} or
 * {@link #tableName(String)}; whole queries are assembled with {@link AdqlTemplate}, never by
 * concatenation or {@code String.format}.
 *
 * <p>The rendering follows ADQL 2.1:
 * <ul>
 * <li>strings become {@code '...'} with each single quote doubled. Nothing else is escaped: a
 *     backslash is an ordinary character in ADQL, and newlines, control characters, {@code --},
 *     {@code /*}, {@code ;} and any Unicode text stay as they are inside the quotes. Only text
 *     that cannot be sent at all is refused: the NUL character, which databases cannot store,
 *     and unpaired UTF-16 surrogates, which have no UTF-8 encoding and would silently turn into
 *     {@code ?} on the wire;</li>
 * <li>numbers become plain digits ({@code 42}, {@code -7}) or a decimal/exponent form
 *     ({@code 0.5}, {@code 1.0E-5}); NaN and infinities have no ADQL form and are refused;</li>
 * <li>points in time become string literals in the DALI timestamp form
 *     {@code 'yyyy-MM-ddTHH:mm:ss[.fff]'}, in UTC, without a zone suffix;</li>
 * <li>booleans become {@code 1} and {@code 0}: ADQL 2.1 has no boolean literal, and TAP services
 *     expose boolean-like columns as integers;</li>
 * <li>{@code null} becomes {@code NULL};</li>
 * <li>names that are regular identifiers and not reserved words are written bare; all others
 *     become delimited identifiers ({@code "..."}, inner double quotes doubled).</li>
 * </ul>
 *
 * <p>A negative number starts with a minus sign: written straight after another minus it would
 * open an SQL comment ({@code x--5}). {@link AdqlTemplate} separates such tokens for you; code
 * that places the returned text itself must do the same.
 *
 * <p>All methods are static, side-effect free and thread-safe.
 */
public final class Adql {

    /** SQL-92 words reserved by ADQL 2.1 (section 2.1.2 of the standard). */
    private static final List<String> SQL_RESERVED = List.of(
            "ABSOLUTE", "ACTION", "ADD", "ALL", "ALLOCATE", "ALTER", "AND", "ANY", "ARE", "AS", "ASC",
            "ASSERTION", "AT", "AUTHORIZATION", "AVG",
            "BEGIN", "BETWEEN", "BIT", "BIT_LENGTH", "BOTH", "BY",
            "CASCADE", "CASCADED", "CASE", "CAST", "CATALOG", "CHAR", "CHARACTER", "CHARACTER_LENGTH",
            "CHAR_LENGTH", "CHECK", "CLOSE", "COALESCE", "COLLATE", "COLLATION", "COLUMN", "COMMIT",
            "CONNECT", "CONNECTION", "CONSTRAINT", "CONSTRAINTS", "CONTINUE", "CONVERT",
            "CORRESPONDING", "COUNT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR",
            "DATE", "DAY", "DEALLOCATE", "DECIMAL", "DECLARE", "DEFAULT", "DEFERRABLE", "DEFERRED",
            "DELETE", "DESC", "DESCRIBE", "DESCRIPTOR", "DIAGNOSTICS", "DISCONNECT", "DISTINCT",
            "DOMAIN", "DOUBLE", "DROP",
            "ELSE", "END", "END-EXEC", "ESCAPE", "EXCEPT", "EXCEPTION", "EXEC", "EXECUTE", "EXISTS",
            "EXTERNAL", "EXTRACT",
            "FALSE", "FETCH", "FIRST", "FLOAT", "FOR", "FOREIGN", "FOUND", "FROM", "FULL",
            "GET", "GLOBAL", "GO", "GOTO", "GRANT", "GROUP",
            "HAVING", "HOUR",
            "IDENTITY", "IMMEDIATE", "IN", "INDICATOR", "INITIALLY", "INNER", "INPUT", "INSENSITIVE",
            "INSERT", "INT", "INTEGER", "INTERSECT", "INTERVAL", "INTO", "IS", "ISOLATION",
            "JOIN", "KEY",
            "LANGUAGE", "LAST", "LEADING", "LEFT", "LEVEL", "LIKE", "LOCAL", "LOWER",
            "MATCH", "MAX", "MIN", "MINUTE", "MODULE", "MONTH",
            "NAMES", "NATIONAL", "NATURAL", "NCHAR", "NEXT", "NO", "NOT", "NULL", "NULLIF", "NUMERIC",
            "OCTET_LENGTH", "OF", "ON", "ONLY", "OPEN", "OPTION", "OR", "ORDER", "OUTER", "OUTPUT",
            "OVERLAPS",
            "PAD", "PARTIAL", "POSITION", "PRECISION", "PREPARE", "PRESERVE", "PRIMARY", "PRIOR",
            "PRIVILEGES", "PROCEDURE", "PUBLIC",
            "READ", "REAL", "REFERENCES", "RELATIVE", "RESTRICT", "REVOKE", "RIGHT", "ROLLBACK", "ROWS",
            "SCHEMA", "SCROLL", "SECOND", "SECTION", "SELECT", "SESSION", "SESSION_USER", "SET", "SIZE",
            "SMALLINT", "SOME", "SPACE", "SQL", "SQLCODE", "SQLERROR", "SQLSTATE", "SUBSTRING", "SUM",
            "SYSTEM_USER",
            "TABLE", "TEMPORARY", "THEN", "TIME", "TIMESTAMP", "TIMEZONE_HOUR", "TIMEZONE_MINUTE", "TO",
            "TRAILING", "TRANSACTION", "TRANSLATE", "TRANSLATION", "TRIM", "TRUE",
            "UNION", "UNIQUE", "UNKNOWN", "UPDATE", "UPPER", "USAGE", "USER", "USING",
            "VALUE", "VALUES", "VARCHAR", "VARYING", "VIEW",
            "WHEN", "WHENEVER", "WHERE", "WITH", "WORK", "WRITE",
            "YEAR", "ZONE");

    /**
     * Words ADQL adds: mathematical, trigonometric and geometric function names, {@code TOP}, and
     * the ADQL 2.1 additions ({@code BIGINT}, {@code ILIKE}, {@code IN_UNIT}, {@code OFFSET}).
     * {@code REGION} is deprecated in 2.1 but still reserved by 2.0 parsers.
     */
    private static final List<String> ADQL_RESERVED = List.of(
            "ABS", "ACOS", "AREA", "ASIN", "ATAN", "ATAN2", "BIGINT", "BOX", "CEILING", "CENTROID",
            "CIRCLE", "CONTAINS", "COORD1", "COORD2", "COORDSYS", "COS", "DEGREES", "DISTANCE", "EXP",
            "FLOOR", "ILIKE", "INTERSECTS", "IN_UNIT", "LOG", "LOG10", "MOD", "OFFSET", "PI", "POINT",
            "POLYGON", "POWER", "RADIANS", "RAND", "REGION", "ROUND", "SIN", "SQRT", "TAN", "TOP",
            "TRUNCATE");

    private static final Set<String> RESERVED;

    static {
        List<String> all = new ArrayList<>(SQL_RESERVED);
        all.addAll(ADQL_RESERVED);
        RESERVED = Set.copyOf(all);
    }

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    /** Largest |scale| of a BigDecimal still written without an exponent. */
    private static final int MAX_PLAIN_SCALE = 64;

    private Adql() {
    }

    /**
     * Renders a value as an ADQL literal, choosing the form from its type.
     *
     * <table>
     * <caption>Accepted types</caption>
     * <tr><th>Java type</th><th>ADQL</th><th>see</th></tr>
     * <tr><td>{@code null}</td><td>{@code NULL}</td><td></td></tr>
     * <tr><td>{@link CharSequence}</td><td>{@code 'it''s'}</td><td>{@link #stringLiteral}</td></tr>
     * <tr><td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@link BigInteger},
     *     {@code Float}, {@code Double}, {@link BigDecimal}</td><td>{@code 42}, {@code 0.25},
     *     {@code 1.0E-7}</td><td>{@link #numberLiteral}</td></tr>
     * <tr><td>{@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime},
     *     {@link LocalDateTime}, {@link LocalDate}</td><td>{@code '2020-01-02T03:04:05.123'}</td>
     *     <td>{@link #timestampLiteral}</td></tr>
     * <tr><td>{@code Boolean}</td><td>{@code 1} or {@code 0}</td><td>{@link #booleanLiteral}</td></tr>
     * </table>
     *
     * @param value the value, or null
     * @return the literal, ready to stand as one token in a query
     * @throws IllegalArgumentException if the type is not one of the above (the message names it),
     *     or the value has no ADQL form (NaN, infinity, NUL character, unpaired surrogate, year
     *     outside 0000&ndash;9999)
     */
    public static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof CharSequence s) {
            return stringLiteral(s.toString());
        }
        if (value instanceof Number n) {
            return numberLiteral(n);
        }
        if (value instanceof Boolean b) {
            return booleanLiteral(b);
        }
        if (value instanceof TemporalAccessor t) {
            return timestampLiteral(t);
        }
        throw new IllegalArgumentException("cannot render a " + value.getClass().getName()
                + " as an ADQL literal; supported are strings, numbers, booleans, java.time points"
                + " in time and dates, and null");
    }

    /**
     * Renders a string literal: the text between single quotes, each single quote doubled.
     * Backslashes, newlines, other control characters, comment markers and non-ASCII text are
     * kept unchanged; ADQL has no other escape.
     *
     * @param value the text
     * @return the quoted literal
     * @throws IllegalArgumentException if the text contains a NUL character or an unpaired
     *     surrogate (the message gives its index)
     */
    public static String stringLiteral(String value) {
        Objects.requireNonNull(value, "value");
        checkText(value, "string");
        return quote(value, '\'');
    }

    /**
     * Renders a number. Integral types give plain digits with an optional leading minus;
     * {@code Float} and {@code Double} give the shortest decimal that reads back to the same
     * value ({@code 0.1}, {@code 1.0E-5}); {@link BigDecimal} gives its exact value, as plain
     * digits unless the exponent is very large.
     *
     * @param value the number
     * @return digits, optionally signed, with an optional fraction and exponent
     * @throws IllegalArgumentException for NaN or an infinity (the message names the value), or
     *     for a {@code Number} subclass other than the eight listed in {@link #literal(Object)}
     */
    public static String numberLiteral(Number value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double d) {
            requireFinite(d);
            return Double.toString(d);
        }
        if (value instanceof Float f) {
            requireFinite(f.doubleValue());
            return Float.toString(f);
        }
        if (value instanceof BigDecimal bd) {
            return decimal(bd);
        }
        throw new IllegalArgumentException("cannot render a " + value.getClass().getName()
                + " as an ADQL number; use Byte, Short, Integer, Long, BigInteger, Float, Double"
                + " or BigDecimal");
    }

    /**
     * Renders a boolean. ADQL 2.1 has no boolean literal (nor a boolean column type); services
     * store flags as integers, so {@code true} becomes {@code 1} and {@code false} {@code 0}.
     *
     * @param value the flag
     * @return {@code 1} or {@code 0}
     */
    public static String booleanLiteral(boolean value) {
        return value ? "1" : "0";
    }

    /**
     * Renders a point in time or a date as a DALI timestamp string literal. Values carrying an
     * offset or zone ({@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime}, or any
     * accessor supporting {@link ChronoField#INSTANT_SECONDS}) are converted to UTC; a
     * {@link LocalDateTime} is taken to be UTC already, as DALI specifies. A {@link LocalDate}
     * gives {@code 'yyyy-MM-dd'}. Fractional seconds appear only when non-zero, with 3, 6 or 9
     * digits, whichever is enough: {@code '2020-01-02T03:04:05'}, {@code '2020-01-02T03:04:05.120'}.
     *
     * @param time the time
     * @return the quoted timestamp, without a zone suffix
     * @throws IllegalArgumentException for a type that does not fix a date (a {@code LocalTime},
     *     a {@code Year}, ...) or a UTC year outside 0000&ndash;9999
     */
    public static String timestampLiteral(TemporalAccessor time) {
        Objects.requireNonNull(time, "time");
        if (time instanceof LocalDate d) {
            requireYear(d.getYear(), time);
            return "'" + DATE.format(d) + "'";
        }
        LocalDateTime utc;
        try {
            if (time instanceof LocalDateTime ldt) {
                utc = ldt;
            } else if (time instanceof OffsetDateTime odt) {
                utc = odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } else if (time instanceof ZonedDateTime zdt) {
                utc = zdt.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } else if (time.isSupported(ChronoField.INSTANT_SECONDS)) {
                utc = LocalDateTime.ofInstant(Instant.from(time), ZoneOffset.UTC);
            } else {
                throw new IllegalArgumentException("cannot render a " + time.getClass().getName()
                        + " as an ADQL timestamp: it does not fix a date; use Instant, OffsetDateTime,"
                        + " ZonedDateTime, LocalDateTime or LocalDate");
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("cannot render " + time + " as an ADQL timestamp: "
                    + e.getMessage(), e);
        }
        requireYear(utc.getYear(), time);
        StringBuilder sb = new StringBuilder(32).append('\'').append(DATE_TIME.format(utc));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String nine = Integer.toString(1_000_000_000 + nanos).substring(1);
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            sb.append('.').append(nine, 0, digits);
        }
        return sb.append('\'').toString();
    }

    /**
     * Renders a column name, table-name component or alias: bare if it is a regular identifier
     * that is not reserved, otherwise as a delimited identifier. The name is taken exactly as
     * the service lists it (for example in {@code TAP_SCHEMA.columns}); do not pass it already
     * quoted, since quotes would become part of the name.
     *
     * <p>A delimited identifier is case-sensitive while a bare one is not, so a reserved word
     * such as {@code size} becomes {@code "size"}, which matches only a column stored in lower
     * case, the usual convention of TAP services.
     *
     * @param name the name, not empty
     * @return the name as ADQL
     * @throws IllegalArgumentException if the name is empty or contains a NUL character or an
     *     unpaired surrogate
     */
    public static String identifier(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an ADQL identifier cannot be empty");
        }
        checkText(name, "identifier");
        if (isRegularIdentifier(name) && !isReserved(name)) {
            return name;
        }
        return quote(name, '"');
    }

    /**
     * Renders a possibly qualified table name such as {@code ivoa.obscore}, {@code TAP_UPLOAD.mine},
     * {@code "odd schema"."odd.table"} or {@code cat.schema.table}. The name is split on the dots
     * that lie outside double quotes into at most three components (catalog, schema, table).
     * A component that starts with a double quote must be a complete, valid delimited identifier
     * and is kept exactly as written; any other component must not contain a double quote and
     * is rendered with {@link #identifier(String)}. Nothing is trimmed.
     *
     * <p>The form is ambiguous for names that contain a dot: {@code a.b} always means table
     * {@code b} in schema {@code a}, never a table named {@code a.b}. Write such a name
     * delimited ({@code "a.b"}) or use {@link #tableName(String, String)}, which takes the
     * components separately. The same holds for a name that starts with a double quote.
     *
     * @param name the table name as TAP services list it in {@code TAP_SCHEMA.tables}
     * @return the table name as ADQL
     * @throws IllegalArgumentException if a component is empty, a delimited component is not
     *     closed or is followed by something other than a dot, an undelimited component
     *     contains a double quote, there are more than three components, or the text contains
     *     a NUL character or an unpaired surrogate
     */
    public static String tableName(String name) {
        Objects.requireNonNull(name, "name");
        List<String> parts = new ArrayList<>(3);
        int n = name.length();
        int i = 0;
        while (true) {
            if (i == n || name.charAt(i) == '.') {
                throw new IllegalArgumentException("empty component at index " + i
                        + " of table name " + quote(name, '"'));
            }
            if (name.charAt(i) == '"') {
                int close = closingQuote(name, i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated delimited identifier at index " + i
                            + " of table name " + quote(name, '"'));
                }
                if (close == i + 1) {
                    throw new IllegalArgumentException("empty delimited identifier at index " + i
                            + " of table name " + quote(name, '"'));
                }
                String part = name.substring(i, close + 1);
                checkText(part, "table name");
                parts.add(part);
                i = close + 1;
                if (i < n && name.charAt(i) != '.') {
                    throw new IllegalArgumentException("expected '.' after the delimited identifier,"
                            + " found '" + name.charAt(i) + "' at index " + i + " of table name "
                            + quote(name, '"'));
                }
            } else {
                int dot = name.indexOf('.', i);
                int end = dot < 0 ? n : dot;
                String raw = name.substring(i, end);
                int q = raw.indexOf('"');
                if (q >= 0) {
                    throw new IllegalArgumentException("double quote at index " + (i + q)
                            + " inside an undelimited component of table name " + quote(name, '"')
                            + "; delimit the whole component or use tableName(schema, table)");
                }
                parts.add(identifier(raw));
                i = end;
            }
            if (i == n) {
                break;
            }
            i++; // the dot
        }
        if (parts.size() > 3) {
            throw new IllegalArgumentException("table name " + quote(name, '"') + " has " + parts.size()
                    + " components; ADQL allows at most catalog.schema.table");
        }
        return String.join(".", parts);
    }

    /**
     * Renders a table name from its schema and table components, each taken literally (a dot
     * inside either is part of the name): {@code tableName("ivoa", "obscore")} gives
     * {@code ivoa.obscore}, {@code tableName("my schema", "a.b")} gives {@code "my schema"."a.b"}.
     *
     * @param schema the schema name
     * @param table the table name within the schema
     * @return {@code schema.table} as ADQL
     * @throws IllegalArgumentException if a component is empty or not valid text (see
     *     {@link #identifier(String)})
     */
    public static String tableName(String schema, String table) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        return identifier(schema) + "." + identifier(table);
    }

    /**
     * Tells whether a name has the form of an ADQL regular identifier: an ASCII letter followed
     * by ASCII letters, digits and underscores. Reserved words have this form too; see
     * {@link #isReserved(String)}.
     *
     * @param name the name
     * @return true for a regular identifier
     */
    public static boolean isRegularIdentifier(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || !isAsciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether a word is reserved in ADQL 2.1 (SQL-92 keywords plus ADQL's function names
     * and keywords), ignoring ASCII case.
     *
     * @param word the word
     * @return true if it may not be used as a bare identifier
     */
    public static boolean isReserved(String word) {
        Objects.requireNonNull(word, "word");
        StringBuilder upper = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c > 0x7f) {
                return false;
            }
            upper.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        }
        return RESERVED.contains(upper.toString());
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Wraps text in the delimiter, doubling each occurrence of it. */
    private static String quote(String text, char delimiter) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append(delimiter);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == delimiter) {
                sb.append(c);
            }
            sb.append(c);
        }
        return sb.append(delimiter).toString();
    }

    /** Index of the double quote closing the delimited identifier opened at {@code open}, or -1. */
    private static int closingQuote(String s, int open) {
        int i = open + 1;
        while (i < s.length()) {
            if (s.charAt(i) == '"') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Refuses text that cannot travel in a query: NUL and unpaired surrogates. */
    private static void checkText(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException("the " + what + " contains a NUL character (U+0000)"
                        + " at index " + i + "; databases cannot store it");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw unpaired(what, c, i);
            }
            if (Character.isLowSurrogate(c)) {
                throw unpaired(what, c, i);
            }
        }
    }

    private static IllegalArgumentException unpaired(String what, char c, int index) {
        return new IllegalArgumentException("the " + what + " contains an unpaired surrogate U+"
                + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index " + index
                + "; it is not valid Unicode text and cannot be encoded");
    }

    private static void requireFinite(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("cannot render " + d
                    + " as an ADQL literal: ADQL has no NaN or infinity");
        }
    }

    private static void requireYear(int year, TemporalAccessor original) {
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("cannot render " + original
                    + " as an ADQL timestamp: its UTC year " + year + " is outside 0000-9999");
        }
    }

    private static String decimal(BigDecimal bd) {
        if (Math.abs(bd.scale()) <= MAX_PLAIN_SCALE) {
            return bd.toPlainString();
        }
        // Scientific form; ADQL accepts an exponent sign, but drop the redundant '+'.
        return bd.toString().replace("E+", "E");
    }
}
