package org.vokit.registry;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A table of a resource as the registry describes it ({@code rr.res_table} with its columns
 * from {@code rr.table_column}).
 *
 * @param name the table name, qualified as the service's TAP_SCHEMA has it
 * @param title the title, or null
 * @param description the description, or null
 * @param utype the table utype (e.g. {@code ivo://ivoa.net/std/obscore#table-1.1}), or null
 * @param type the table type ({@code base_table}, {@code view}, {@code output}), or null
 * @param columns the columns
 */
public record RegTable(String name, String title, String description, String utype, String type,
                       List<RegColumn> columns) {

    /**
     * Copies the column list.
     *
     * @param name the table name
     * @param title the title, or null
     * @param description the description, or null
     * @param utype the table utype, or null
     * @param type the table type, or null
     * @param columns the columns
     */
    public RegTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }

    /**
     * Tells whether the table can be queried: every type but {@code output}, which VODataService
     * uses for tables that only describe a service's responses.
     *
     * @return whether it is queryable
     */
    public boolean isQueryable() {
        return type == null || !type.strip().toLowerCase(Locale.ROOT).equals("output");
    }

    /**
     * Finds a column by name, ignoring case.
     *
     * @param columnName the name
     * @return the column, if present
     */
    public Optional<RegColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    /**
     * Returns the columns whose UCD matches, ignoring case.
     *
     * @param ucd the UCD, e.g. {@code pos.pm;pos.eq.ra}
     * @return the columns, possibly none
     */
    public List<RegColumn> columnsWithUcd(String ucd) {
        return columns.stream().filter(c -> c.ucd() != null && c.ucd().equalsIgnoreCase(ucd)).toList();
    }
}
