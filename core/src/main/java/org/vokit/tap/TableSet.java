package org.vokit.tap;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.vokit.FormatException;
import org.vokit.VoException;
import org.vokit.internal.Dom;
import org.vokit.internal.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * The tables a TAP service offers, grouped by schema: what its VOSI tables endpoint
 * ({@code vosi:tableset} with VODataService content) or its {@code TAP_SCHEMA} says.
 *
 * <p>Some services list tables without their columns and serve each table's columns at
 * {@code /tables/NAME} (DaCHS does this for large table sets, and always with
 * {@code ?detail=min}): {@link TableMeta#hasColumns()} tells which tables still need that, and
 * {@link #withTable(TableMeta)} or {@link #merge(TableSet)} give a new set with the details
 * filled in. Instances are immutable.
 *
 * <pre>{@code
 * TableSet set = TableSet.parse(in, tablesUrl);
 * TableMeta t = set.table("main").orElseThrow();          // finds vostars.main
 * if (!t.hasColumns()) {
 *     set = set.withTable(TableSet.parse(fetch(tablesUrl + "/" + t.name()), ...).tables().get(0));
 * }
 * }</pre>
 *
 * @param schemas the schemas, in document order
 */
public record TableSet(List<SchemaMeta> schemas) {

    /** Schema name used for tables whose schema is not known. */
    public static final String DEFAULT_SCHEMA = "default";

    /** The ADQL query whose result {@link #fromTapSchema(StarTable, StarTable)} expects as its first table. */
    public static final String TAP_SCHEMA_TABLES_QUERY =
            "SELECT schema_name, table_name, table_type, description, utype FROM TAP_SCHEMA.tables";

    /** The ADQL query whose result {@link #fromTapSchema(StarTable, StarTable)} expects as its second table. */
    public static final String TAP_SCHEMA_COLUMNS_QUERY =
            "SELECT table_name, column_name, description, unit, ucd, utype, datatype, arraysize, xtype, "
            + "principal, indexed, std FROM TAP_SCHEMA.columns";

    /**
     * Copies the schema list.
     *
     * @param schemas the schemas, in document order
     */
    public TableSet {
        schemas = List.copyOf(schemas);
    }

    /**
     * Returns a set without tables.
     *
     * @return the empty set
     */
    public static TableSet empty() {
        return new TableSet(List.of());
    }

    /**
     * Parses a VOSI tables document: a {@code tableset}, or a lone {@code table} as services
     * return for {@code /tables/NAME} (its schema is taken from the qualified table name).
     *
     * @param in the document; not closed by this method
     * @param source where it came from, for messages (may be null)
     * @return the table set
     * @throws FormatException if the document is not XML or its root is neither
     *     {@code tableset} nor {@code table}
     * @throws VoException if reading the stream failed
     */
    public static TableSet parse(InputStream in, URI source) throws IOException {
        Document doc = SafeXml.parse(in, source, "VOSI tables document");
        Element root = doc.getDocumentElement();
        String name = root == null ? null : Dom.localName(root);
        if ("table".equals(name)) {
            return empty().withTable(parseTable(root));
        }
        if (!"tableset".equals(name)) {
            String what = root == null ? "missing" : "<" + root.getTagName() + ">"
                    + (root.getNamespaceURI() == null ? " (no namespace)" : " in namespace " + root.getNamespaceURI());
            throw new FormatException("not a VOSI tables document: the root element is " + what
                    + ", expected <tableset> or <table>", source, null);
        }
        List<SchemaMeta> schemas = new ArrayList<>();
        for (Element s : Dom.children(root, "schema")) {
            List<TableMeta> tables = new ArrayList<>();
            for (Element t : Dom.children(s, "table")) {
                tables.add(parseTable(t));
            }
            String schemaName = text(Dom.child(s, "name"));
            schemas.add(new SchemaMeta(schemaName == null ? DEFAULT_SCHEMA : schemaName, text(Dom.child(s, "title")),
                    text(Dom.child(s, "description")), text(Dom.child(s, "utype")), tables));
        }
        TableSet set = new TableSet(schemas);
        // tolerate tables written directly under the tableset
        for (Element t : Dom.children(root, "table")) {
            set = set.withTable(parseTable(t));
        }
        return set;
    }

    private static TableMeta parseTable(Element t) {
        List<ColumnDesc> columns = new ArrayList<>();
        for (Element c : Dom.children(t, "column")) {
            columns.add(parseColumn(c));
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (Element k : Dom.children(t, "foreignKey")) {
            List<KeyColumn> pairs = new ArrayList<>();
            for (Element fk : Dom.children(k, "fkColumn")) {
                pairs.add(new KeyColumn(text(Dom.child(fk, "fromColumn")), text(Dom.child(fk, "targetColumn"))));
            }
            keys.add(new ForeignKey(text(Dom.child(k, "targetTable")), pairs, text(Dom.child(k, "description")),
                    text(Dom.child(k, "utype"))));
        }
        String name = text(Dom.child(t, "name"));
        return new TableMeta(name == null ? "" : name, text(Dom.child(t, "title")), text(Dom.child(t, "description")),
                text(Dom.child(t, "utype")), t.hasAttribute("type") ? blankToNull(t.getAttribute("type")) : null,
                parseLong(text(Dom.child(t, "nrows"))), columns, keys);
    }

    private static ColumnDesc parseColumn(Element c) {
        Element type = Dom.child(c, "dataType");
        String datatype = null;
        String arraysize = null;
        String xtype = null;
        if (type != null) {
            datatype = text(type);
            arraysize = blankToNull(type.getAttribute("arraysize"));
            if (arraysize == null) {
                arraysize = blankToNull(type.getAttribute("size")); // vs:TAPType
            }
            xtype = blankToNull(type.getAttribute("extendedType"));
        }
        if (xtype == null) {
            xtype = text(Dom.child(c, "xtype"));
        }
        List<String> flags = new ArrayList<>();
        for (Element f : Dom.children(c, "flag")) {
            String flag = text(f);
            if (flag != null) {
                flags.add(flag);
            }
        }
        String std = c.hasAttribute("std") ? c.getAttribute("std").strip() : "";
        Boolean isStd = std.isEmpty() ? null : Boolean.valueOf("true".equalsIgnoreCase(std) || "1".equals(std));
        String name = text(Dom.child(c, "name"));
        return new ColumnDesc(name == null ? "" : name, text(Dom.child(c, "description")), text(Dom.child(c, "unit")),
                text(Dom.child(c, "ucd")), text(Dom.child(c, "utype")), datatype, arraysize, xtype, flags, isStd);
    }

    /**
     * Builds a table set from the results of {@link #TAP_SCHEMA_TABLES_QUERY} and
     * {@link #TAP_SCHEMA_COLUMNS_QUERY}. Result columns are found by name, ignoring case; only
     * {@code table_name} (in both) and {@code column_name} are required, any other may be missing.
     * A table without a {@code schema_name} goes into the schema its qualified name starts with.
     * Columns keep the order of the rows; TAP_SCHEMA's {@code principal} and {@code indexed}
     * become the flags "principal" and "indexed". TAP 1.0's {@code size} column stands in for a
     * missing {@code arraysize}.
     *
     * @param tables the rows of TAP_SCHEMA.tables
     * @param columns the rows of TAP_SCHEMA.columns
     * @return the table set
     * @throws FormatException if a required result column is missing
     * @throws IOException if reading the rows failed
     */
    public static TableSet fromTapSchema(StarTable tables, StarTable columns) throws IOException {
        Map<String, List<ColumnDesc>> columnsByTable = new LinkedHashMap<>();
        Map<String, String> tableNames = new LinkedHashMap<>();
        int cTable = required(columns, "table_name", "TAP_SCHEMA.columns");
        int cName = required(columns, "column_name", "TAP_SCHEMA.columns");
        int cDesc = find(columns, "description");
        int cUnit = find(columns, "unit");
        int cUcd = find(columns, "ucd");
        int cUtype = find(columns, "utype");
        int cType = find(columns, "datatype");
        int cSize = find(columns, "arraysize");
        int cSize10 = find(columns, "size");
        int cXtype = find(columns, "xtype");
        int cPrincipal = find(columns, "principal");
        int cIndexed = find(columns, "indexed");
        int cStd = find(columns, "std");
        try (RowSequence rows = columns.getRowSequence()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                String table = str(row, cTable);
                String name = str(row, cName);
                if (table == null || name == null) {
                    continue;
                }
                List<String> flags = new ArrayList<>();
                if (Boolean.TRUE.equals(bool(row, cPrincipal))) {
                    flags.add("principal");
                }
                if (Boolean.TRUE.equals(bool(row, cIndexed))) {
                    flags.add("indexed");
                }
                String arraysize = str(row, cSize);
                if (arraysize == null && cSize < 0) {
                    arraysize = str(row, cSize10);
                }
                String key = table.toLowerCase(Locale.ROOT);
                tableNames.putIfAbsent(key, table);
                columnsByTable.computeIfAbsent(key, k -> new ArrayList<>()).add(new ColumnDesc(name,
                        str(row, cDesc), str(row, cUnit), str(row, cUcd), str(row, cUtype), str(row, cType),
                        arraysize, str(row, cXtype), flags, bool(row, cStd)));
            }
        }
        int tSchema = find(tables, "schema_name");
        int tName = required(tables, "table_name", "TAP_SCHEMA.tables");
        int tType = find(tables, "table_type");
        int tDesc = find(tables, "description");
        int tUtype = find(tables, "utype");
        Map<String, List<TableMeta>> bySchema = new LinkedHashMap<>();
        Map<String, String> schemaNames = new LinkedHashMap<>();
        try (RowSequence rows = tables.getRowSequence()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                String name = str(row, tName);
                if (name == null) {
                    continue;
                }
                String schema = str(row, tSchema);
                if (schema == null) {
                    schema = schemaOf(name);
                }
                List<ColumnDesc> cols = columnsByTable.remove(name.toLowerCase(Locale.ROOT));
                TableMeta t = new TableMeta(name, null, str(row, tDesc), str(row, tUtype), str(row, tType),
                        OptionalLong.empty(), cols == null ? List.of() : cols, List.of());
                String key = schema.toLowerCase(Locale.ROOT);
                schemaNames.putIfAbsent(key, schema);
                bySchema.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<String, List<ColumnDesc>> e : columnsByTable.entrySet()) {
            String name = tableNames.get(e.getKey());
            String schema = schemaOf(name);
            String key = schema.toLowerCase(Locale.ROOT);
            schemaNames.putIfAbsent(key, schema);
            bySchema.computeIfAbsent(key, k -> new ArrayList<>()).add(new TableMeta(name, null, null, null, null,
                    OptionalLong.empty(), e.getValue(), List.of()));
        }
        List<SchemaMeta> schemas = new ArrayList<>();
        for (Map.Entry<String, List<TableMeta>> e : bySchema.entrySet()) {
            schemas.add(new SchemaMeta(schemaNames.get(e.getKey()), null, null, null, e.getValue()));
        }
        return new TableSet(schemas);
    }

    /**
     * Returns every table of every schema, in document order.
     *
     * @return the tables
     */
    public List<TableMeta> tables() {
        return schemas.stream().flatMap(s -> s.tables().stream()).toList();
    }

    /**
     * Finds a table by name, ignoring case and double quotes. A qualified name
     * ("vostars.main") matches a table of that full name, or a table "main" listed in schema
     * "vostars"; an unqualified name ("main") also matches the last part of a qualified table
     * name, the first such table in document order winning.
     *
     * @param name the table name, qualified or not
     * @return the table, if there is one
     */
    public Optional<TableMeta> table(String name) {
        String wanted = norm(name);
        for (SchemaMeta s : schemas) {
            for (TableMeta t : s.tables()) {
                if (norm(t.name()).equals(wanted) || key(s.name(), t.name()).equals(wanted)) {
                    return Optional.of(t);
                }
            }
        }
        if (wanted.indexOf('.') < 0) {
            for (TableMeta t : tables()) {
                if (norm(t.unqualifiedName()).equals(wanted)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a schema by name, ignoring case.
     *
     * @param name the schema name
     * @return the schema, if there is one
     */
    public Optional<SchemaMeta> schema(String name) {
        String wanted = norm(name);
        return schemas.stream().filter(s -> norm(s.name()).equals(wanted)).findFirst();
    }

    /**
     * Returns the tables listed without columns, whose details must be fetched separately.
     *
     * @return the tables, in document order
     */
    public List<TableMeta> tablesWithoutColumns() {
        return tables().stream().filter(t -> !t.hasColumns()).toList();
    }

    /**
     * Returns a set with one table added or filled in. A table of the same full name (ignoring
     * case) is replaced, in place, by the incoming one, except that a description with columns
     * is never replaced by one without: then the existing table only gains metadata it lacked.
     * Either way, fields the winning description leaves empty are taken from the other one.
     * A new table goes into the schema its qualified name starts with (created if need be),
     * or into {@value #DEFAULT_SCHEMA}.
     *
     * @param table the table
     * @return the new set
     */
    public TableSet withTable(TableMeta table) {
        Objects.requireNonNull(table, "table");
        return put(schemaOf(table.name()), table);
    }

    /**
     * Returns a set with another set's schemas and tables merged in: tables as by
     * {@link #withTable(TableMeta)} (an unqualified table name is taken to be in the schema it
     * is listed in), schemas matched by name (ignoring case) with their empty title,
     * description and utype taken from the other set, and new schemas appended.
     *
     * @param other the set to merge in
     * @return the new set
     */
    public TableSet merge(TableSet other) {
        TableSet result = this;
        for (SchemaMeta incoming : other.schemas()) {
            List<SchemaMeta> out = new ArrayList<>(result.schemas());
            int i = indexOfSchema(out, incoming.name());
            if (i >= 0) {
                SchemaMeta e = out.get(i);
                out.set(i, new SchemaMeta(e.name(), or(e.title(), incoming.title()),
                        or(e.description(), incoming.description()), or(e.utype(), incoming.utype()), e.tables()));
            } else {
                out.add(new SchemaMeta(incoming.name(), incoming.title(), incoming.description(), incoming.utype(),
                        List.of()));
            }
            result = new TableSet(out);
            for (TableMeta t : incoming.tables()) {
                result = result.put(incoming.name(), t);
            }
        }
        return result;
    }

    /** Replaces (combining) the table with the same key, or adds the table to a schema. */
    private TableSet put(String schema, TableMeta table) {
        String wanted = key(schema, table.name());
        List<SchemaMeta> out = new ArrayList<>(schemas);
        for (int i = 0; i < out.size(); i++) {
            SchemaMeta s = out.get(i);
            List<TableMeta> ts = new ArrayList<>(s.tables());
            for (int j = 0; j < ts.size(); j++) {
                if (key(s.name(), ts.get(j).name()).equals(wanted)) {
                    ts.set(j, combine(ts.get(j), table));
                    out.set(i, s.withTables(ts));
                    return new TableSet(out);
                }
            }
        }
        int i = indexOfSchema(out, schema);
        if (i >= 0) {
            List<TableMeta> ts = new ArrayList<>(out.get(i).tables());
            ts.add(table);
            out.set(i, out.get(i).withTables(ts));
        } else {
            out.add(new SchemaMeta(schema, null, null, null, List.of(table)));
        }
        return new TableSet(out);
    }

    /** The table's identity: its name if qualified, else schema.name; normalised. */
    private static String key(String schema, String tableName) {
        String n = norm(tableName);
        return n.indexOf('.') >= 0 ? n : norm(schema) + "." + n;
    }

    private static int indexOfSchema(List<SchemaMeta> list, String name) {
        for (int i = 0; i < list.size(); i++) {
            if (norm(list.get(i).name()).equals(norm(name))) {
                return i;
            }
        }
        return -1;
    }

    private static TableMeta combine(TableMeta existing, TableMeta incoming) {
        boolean incomingWins = incoming.hasColumns() || !existing.hasColumns();
        TableMeta a = incomingWins ? incoming : existing;
        TableMeta b = incomingWins ? existing : incoming;
        return new TableMeta(a.name(), or(a.title(), b.title()), or(a.description(), b.description()),
                or(a.utype(), b.utype()), or(a.type(), b.type()), a.nrows().isPresent() ? a.nrows() : b.nrows(),
                a.columns(), a.foreignKeys().isEmpty() ? b.foreignKeys() : a.foreignKeys());
    }

    // ------------------------------------------------------------------ helpers

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static String schemaOf(String tableName) {
        String n = tableName.strip();
        int i = n.lastIndexOf('.');
        if (i <= 0) {
            return DEFAULT_SCHEMA;
        }
        String s = n.substring(0, i);
        return s.replace("\"", "");
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static String text(Element e) {
        return e == null ? null : blankToNull(e.getTextContent());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OptionalLong parseLong(String s) {
        if (s == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            try {
                return OptionalLong.of((long) Double.parseDouble(s.strip()));
            } catch (NumberFormatException e2) {
                return OptionalLong.empty();
            }
        }
    }

    private static int find(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (name.equalsIgnoreCase(t.getColumnInfo(i).getName())) {
                return i;
            }
        }
        return -1;
    }

    private static int required(StarTable t, String name, String what) throws FormatException {
        int i = find(t, name);
        if (i < 0) {
            List<String> have = new ArrayList<>();
            for (int j = 0; j < t.getColumnCount(); j++) {
                have.add(t.getColumnInfo(j).getName());
            }
            throw new FormatException("the " + what + " result has no " + name + " column (it has " + have + ")",
                    null, null);
        }
        return i;
    }

    private static String str(Object[] row, int i) {
        if (i < 0 || row[i] == null) {
            return null;
        }
        return blankToNull(row[i].toString());
    }

    private static Boolean bool(Object[] row, int i) {
        if (i < 0 || row[i] == null) {
            return null;
        }
        Object v = row[i];
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "1", "true", "t", "yes", "y" -> Boolean.TRUE;
            case "0", "false", "f", "no", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    // ------------------------------------------------------------------ value types

    /**
     * One schema: a named group of tables.
     *
     * @param name the schema name ({@value TableSet#DEFAULT_SCHEMA} if the service gave none)
     * @param title a display title, or null
     * @param description a description, or null
     * @param utype the schema's utype, or null
     * @param tables the tables, in document order
     */
    public record SchemaMeta(String name, String title, String description, String utype, List<TableMeta> tables) {

        /**
         * Copies the table list.
         *
         * @param name the schema name
         * @param title a display title, or null
         * @param description a description, or null
         * @param utype the schema's utype, or null
         * @param tables the tables, in document order
         */
        public SchemaMeta {
            Objects.requireNonNull(name, "name");
            tables = List.copyOf(tables);
        }

        /**
         * Returns this schema with other tables.
         *
         * @param newTables the tables
         * @return the new schema
         */
        public SchemaMeta withTables(List<TableMeta> newTables) {
            return new SchemaMeta(name, title, description, utype, newTables);
        }
    }

    /**
     * One table.
     *
     * @param name the name as the service gives it, normally qualified with the schema
     * @param title a display title, or null
     * @param description a description, or null
     * @param utype the table's utype, or null
     * @param type the table's role: "table", "view", "output", or null when not given
     * @param nrows the approximate number of rows, when the service states it
     * @param columns the columns; empty when the service listed the table without them
     * @param foreignKeys the foreign keys
     */
    public record TableMeta(String name, String title, String description, String utype, String type,
                            OptionalLong nrows, List<ColumnDesc> columns, List<ForeignKey> foreignKeys) {

        /**
         * Copies the lists.
         *
         * @param name the name as the service gives it, normally qualified with the schema
         * @param title a display title, or null
         * @param description a description, or null
         * @param utype the table's utype, or null
         * @param type the table's role: "table", "view", "output", or null when not given
         * @param nrows the approximate number of rows, when the service states it
         * @param columns the columns; empty when the service listed the table without them
         * @param foreignKeys the foreign keys
         */
        public TableMeta {
            Objects.requireNonNull(name, "name");
            nrows = nrows == null ? OptionalLong.empty() : nrows;
            columns = List.copyOf(columns);
            foreignKeys = List.copyOf(foreignKeys);
        }

        /**
         * Tells whether the columns of this table are known.
         *
         * @return false when the service listed the table without columns
         */
        public boolean hasColumns() {
            return !columns.isEmpty();
        }

        /**
         * Finds a column by name, ignoring case and double quotes.
         *
         * @param columnName the column name
         * @return the column, if there is one
         */
        public Optional<ColumnDesc> column(String columnName) {
            String wanted = norm(columnName);
            return columns.stream().filter(c -> norm(c.name()).equals(wanted)).findFirst();
        }

        /**
         * Returns the name without schema (the part after the last dot outside quotes).
         *
         * @return e.g. "main" for "vostars.main"
         */
        public String unqualifiedName() {
            boolean quoted = false;
            int cut = -1;
            for (int i = 0; i < name.length(); i++) {
                char ch = name.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == '.' && !quoted) {
                    cut = i;
                }
            }
            return name.substring(cut + 1);
        }
    }

    /**
     * One column of a table.
     *
     * @param name the column name
     * @param description a description, or null
     * @param unit the unit, or null
     * @param ucd the UCD, or null
     * @param utype the utype, or null
     * @param datatype the data type as given (a VOTable type such as "double", or for old
     *     services an ADQL type such as "VARCHAR"), or null
     * @param arraysize the VOTable arraysize (or the size of an ADQL type), or null for scalars
     * @param xtype the extended type (e.g. "timestamp", "polygon"), or null
     * @param flags the flags as given: "indexed", "primary", "nullable" from VOSI tables;
     *     "principal" and "indexed" from TAP_SCHEMA
     * @param std whether the column is defined by a standard; null when not stated
     */
    public record ColumnDesc(String name, String description, String unit, String ucd, String utype,
                             String datatype, String arraysize, String xtype, List<String> flags, Boolean std) {

        /**
         * Copies the flags.
         *
         * @param name the column name
         * @param description a description, or null
         * @param unit the unit, or null
         * @param ucd the UCD, or null
         * @param utype the utype, or null
         * @param datatype the data type as given, or null
         * @param arraysize the VOTable arraysize
         * @param xtype the extended type (e.g. "timestamp", "polygon"), or null
         * @param flags the flags as given
         * @param std whether the column is defined by a standard; null when not stated
         */
        public ColumnDesc {
            Objects.requireNonNull(name, "name");
            flags = List.copyOf(flags);
        }

        /**
         * Tells whether the column has a flag, ignoring case.
         *
         * @param flag e.g. "indexed"
         * @return whether the flag is present
         */
        public boolean hasFlag(String flag) {
            return flags.stream().anyMatch(f -> f.equalsIgnoreCase(flag));
        }

        /**
         * Tells whether the column is indexed.
         *
         * @return whether the "indexed" flag is present
         */
        public boolean isIndexed() {
            return hasFlag("indexed");
        }

        /**
         * Tells whether the column is (part of) the primary key.
         *
         * @return whether the "primary" flag is present
         */
        public boolean isPrimary() {
            return hasFlag("primary");
        }

        /**
         * Tells whether the column may hold NULL.
         *
         * @return whether the "nullable" flag is present
         */
        public boolean isNullable() {
            return hasFlag("nullable");
        }

        /**
         * Tells whether TAP_SCHEMA marks the column as principal (shown by default).
         *
         * @return whether the "principal" flag is present
         */
        public boolean isPrincipal() {
            return hasFlag("principal");
        }
    }

    /**
     * A foreign key: columns of this table that join with another table.
     *
     * @param targetTable the table the key points to
     * @param columns the column pairs
     * @param description a description, or null
     * @param utype the key's utype, or null
     */
    public record ForeignKey(String targetTable, List<KeyColumn> columns, String description, String utype) {

        /**
         * Copies the column pairs.
         *
         * @param targetTable the table the key points to
         * @param columns the column pairs
         * @param description a description, or null
         * @param utype the key's utype, or null
         */
        public ForeignKey {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One column pair of a foreign key.
     *
     * @param fromColumn the column in the table holding the key
     * @param targetColumn the column in the target table
     */
    public record KeyColumn(String fromColumn, String targetColumn) {
    }
}
