package org.vokit.registry;

/**
 * A column of a table as the registry describes it ({@code rr.table_column}).
 *
 * @param name the column name
 * @param description the description, or null
 * @param ucd the UCD (lower case in RegTAP), or null
 * @param unit the unit, or null
 * @param utype the utype, or null
 * @param datatype the data type, e.g. {@code double} or {@code char}, or null
 */
public record RegColumn(String name, String description, String ucd, String unit, String utype, String datatype) {
}
