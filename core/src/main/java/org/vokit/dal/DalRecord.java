package org.vokit.dal;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of a {@link DalResults}, read on demand, with accessors that find values by column
 * name, UCD or utype. Protocol records ({@code ConeRecord}, {@code SiaRecord}, ...) add typed
 * accessors for what their standard defines.
 *
 * <p>Accessors never do network I/O. A NULL cell, an empty string and a missing column all read
 * as an empty optional.
 */
public class DalRecord {

    private final DalResults<?> results;
    private final int row;

    /**
     * Makes the record of a row.
     *
     * @param results the results
     * @param row the row index
     */
    public DalRecord(DalResults<?> results, int row) {
        this.results = Objects.requireNonNull(results, "results");
        this.row = row;
    }

    /** @return the results this record belongs to */
    public final DalResults<?> results() {
        return results;
    }

    /** @return the row index, from 0 */
    public final int row() {
        return row;
    }

    /**
     * Returns a cell by column index.
     *
     * @param column the column index
     * @return the value, or null for a NULL
     */
    public final Object get(int column) {
        return results.cell(row, column);
    }

    /**
     * Returns a cell by column name (ignoring case).
     *
     * @param name the column name
     * @return the value, or null for a NULL or a missing column
     */
    public final Object get(String name) {
        int c = results.columnIndex(name);
        return c < 0 ? null : get(c);
    }

    /**
     * Returns a cell as text.
     *
     * @param name the column name
     * @return the value as text (arrays as {@code [a, b]}), if present and not blank
     */
    public final Optional<String> getString(String name) {
        return asString(get(name));
    }

    /**
     * Returns a cell as a number.
     *
     * @param name the column name
     * @return the value, if present and numeric (or a string holding a number)
     */
    public final OptionalDouble getDouble(String name) {
        return asDouble(get(name));
    }

    /**
     * Returns the value of the first column found by the locators (tried in order).
     *
     * @param locators ways to find the column
     * @return the value, if the column exists and the cell is not NULL
     */
    public final Optional<Object> find(FieldLocator... locators) {
        return find(List.of(locators));
    }

    /**
     * Returns the value of the first column found by the locators.
     *
     * @param locators ways to find the column, tried in order
     * @return the value, if the column exists and the cell is not NULL
     */
    public final Optional<Object> find(List<FieldLocator> locators) {
        int c = results.column(locators);
        return c < 0 ? Optional.empty() : Optional.ofNullable(get(c));
    }

    /**
     * Returns the value of a located column as text.
     *
     * @param locators ways to find the column, tried in order
     * @return the text, if present and not blank
     */
    public final Optional<String> findString(List<FieldLocator> locators) {
        return find(locators).flatMap(DalRecord::asString);
    }

    /**
     * Returns the value of a located column as a number.
     *
     * @param locators ways to find the column, tried in order
     * @return the number, if present
     */
    public final OptionalDouble findDouble(List<FieldLocator> locators) {
        return asDouble(find(locators).orElse(null));
    }

    /**
     * Returns the value of a located column as an instant: an MJD (or, by its size or
     * {@code xtype="jd"}, a JD) number, or an ISO 8601 string.
     *
     * @param locators ways to find the column, tried in order
     * @return the instant, if present and readable as a time
     */
    public final Optional<Instant> findInstant(List<FieldLocator> locators) {
        int c = results.column(locators);
        return c < 0 ? Optional.empty() : Times.toInstant(get(c), results.columnInfo(c));
    }

    /**
     * Returns the value of the first column with a UCD.
     *
     * @param ucd the UCD, ignoring case
     * @return the value, if present
     */
    public final Optional<Object> byUcd(String ucd) {
        return find(FieldLocator.ucd(ucd));
    }

    /**
     * Returns the value of the first column with a utype.
     *
     * @param utype the utype, ignoring case and namespace prefix
     * @return the value, if present
     */
    public final Optional<Object> byUtype(String utype) {
        return find(FieldLocator.utype(utype));
    }

    static Optional<String> asString(Object v) {
        if (v == null) {
            return Optional.empty();
        }
        String s;
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                sb.append(i > 0 ? ", " : "").append(Array.get(v, i));
            }
            s = sb.append(']').toString();
        } else {
            s = v.toString().strip();
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    static OptionalDouble asDouble(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) ? OptionalDouble.empty() : OptionalDouble.of(d);
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                double d = Double.parseDouble(s.strip());
                return Double.isNaN(d) ? OptionalDouble.empty() : OptionalDouble.of(d);
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[row " + row + " of " + results.source() + "]";
    }
}
