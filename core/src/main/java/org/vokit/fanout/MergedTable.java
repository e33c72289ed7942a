package org.vokit.fanout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.WrapperRowSequence;
import uk.ac.starlink.table.WrapperStarTable;

/**
 * A {@link FanoutSink} that merges every answer into one table with provenance: the columns of a
 * fixed schema (matched by position: column {@code i} of an answer goes to schema column
 * {@code i}, or {@linkplain #byName by name}; numbers and strings converted to the schema's type),
 * then {@value #SERVICE_URL}, {@value #IVOID} and {@value #TABLE_NAME}. Rows go to a {@link StoragePolicy} row store as they
 * arrive (by default on disk, so memory does not grow with the number of services or rows); the
 * rows of a task that failed half-way are left out of {@link #table()}.
 */
public final class MergedTable implements FanoutSink {

    /** The provenance column holding the service's access URL. */
    public static final String SERVICE_URL = "service_url";
    /** The provenance column holding the service's ivoid. */
    public static final String IVOID = "ivoid";
    /** The provenance column holding the table queried. */
    public static final String TABLE_NAME = "table_name";
    /**
     * An answer column of this name after the schema's columns overrides the task's ivoid in the
     * provenance (for queries that cover several resources, e.g. a UNION).
     */
    public static final String PROV_IVOID = "prov_ivoid";
    /** An answer column of this name after the schema's columns overrides the task's table. */
    public static final String PROV_TABLE = "prov_table";

    private final List<ColumnInfo> schema;
    private final RowStore store;
    private final Map<FanoutTask, Integer> ids = new ConcurrentHashMap<>();
    private final Set<Integer> discarded = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final boolean byName;
    private boolean ended;

    private MergedTable(List<ColumnInfo> schema, StoragePolicy policy, boolean byName) {
        this.schema = List.copyOf(schema);
        this.byName = byName;
        this.store = policy.makeRowStore();
        List<ColumnInfo> all = new ArrayList<>();
        for (ColumnInfo c : schema) {
            all.add(new ColumnInfo(c));
        }
        all.add(new ColumnInfo(SERVICE_URL, String.class, "Access URL of the TAP service that gave the row"));
        all.add(new ColumnInfo(IVOID, String.class, "Registry identifier of that service"));
        all.add(new ColumnInfo(TABLE_NAME, String.class, "Table that gave the row"));
        all.add(new ColumnInfo("_task", Integer.class, "internal"));
        try {
            store.acceptMetadata(new uk.ac.starlink.table.RowListStarTable(all.toArray(new ColumnInfo[0])));
        } catch (IOException e) {
            throw new IllegalStateException("row store refused the metadata", e);
        }
    }

    /**
     * Makes a merged table kept on disk.
     *
     * @param schema the result columns (names, types, units, UCDs) in query order
     * @return the sink
     */
    public static MergedTable of(List<ColumnInfo> schema) {
        return new MergedTable(schema, StoragePolicy.PREFER_DISK, false);
    }

    /**
     * Makes a merged table kept where a policy says (e.g. {@link StoragePolicy#PREFER_MEMORY} for small results).
     *
     * @param schema the result columns
     * @param policy where rows are kept
     * @return the sink
     */
    public static MergedTable of(List<ColumnInfo> schema, StoragePolicy policy) {
        return new MergedTable(schema, policy, false);
    }

    /**
     * Makes a merged table that matches an answer's columns to the schema by name (ignoring
     * case) rather than by position: a schema column the answer lacks is null, answer columns
     * outside the schema are left out. For queries such as EPN-TAP's {@code SELECT *}, whose
     * tables share standard column names but not their order or number.
     *
     * @param schema the result columns
     * @param policy where rows are kept
     * @return the sink
     */
    public static MergedTable byName(List<ColumnInfo> schema, StoragePolicy policy) {
        return new MergedTable(schema, policy, true);
    }

    /** @return the result columns, without the provenance columns */
    public List<ColumnInfo> schema() {
        return schema;
    }

    @Override
    public void accept(FanoutTask task, StarTable meta, RowSequence rows, RowCounter counter) throws IOException {
        int id = ids.computeIfAbsent(task, t -> ids.size() + 1);
        int width = schema.size();
        int[] from = new int[width];
        if (byName) {
            for (int i = 0; i < width; i++) {
                from[i] = -1;
                for (int j = 0; j < meta.getColumnCount(); j++) {
                    if (meta.getColumnInfo(j).getName().equalsIgnoreCase(schema.get(i).getName())) {
                        from[i] = j;
                        break;
                    }
                }
            }
        } else {
            if (meta.getColumnCount() < width) {
                throw new org.vokit.FormatException("the answer has " + meta.getColumnCount() + " columns, "
                        + width + " expected", task.accessUrl(), null);
            }
            for (int i = 0; i < width; i++) {
                from[i] = i;
            }
        }
        int provIvoid = -1;
        int provTable = -1;
        for (int j = byName ? 0 : width; j < meta.getColumnCount(); j++) {
            String n = meta.getColumnInfo(j).getName();
            if (PROV_IVOID.equalsIgnoreCase(n)) {
                provIvoid = j;
            } else if (PROV_TABLE.equalsIgnoreCase(n)) {
                provTable = j;
            }
        }
        while (rows.next()) {
            Object[] in = rows.getRow();
            Object[] out = new Object[width + 4];
            for (int i = 0; i < width; i++) {
                out[i] = from[i] < 0 ? null : convert(in[from[i]], schema.get(i).getContentClass());
            }
            out[width] = task.accessUrl().toString();
            out[width + 1] = provIvoid >= 0 && in[provIvoid] != null ? str(in[provIvoid]) : task.ivoid();
            out[width + 2] = provTable >= 0 && in[provTable] != null ? str(in[provTable]) : task.table();
            out[width + 3] = id;
            synchronized (lock) {
                if (ended) {
                    throw new IOException("the merged table is already complete");
                }
                store.acceptRow(out);
            }
            counter.row();
        }
    }

    /**
     * Adds rows kept from an earlier result (resume): the columns are matched by name.
     *
     * @param previous the earlier merged table (with provenance columns)
     * @param keep which rows to keep, tested on the row's access URL and table name
     * @return the rows added
     * @throws IOException if the earlier table cannot be read
     */
    public long addKept(StarTable previous, java.util.function.BiPredicate<String, String> keep) throws IOException {
        int width = schema.size();
        int[] from = new int[width + 3];
        List<String> names = new ArrayList<>();
        for (ColumnInfo c : schema) {
            names.add(c.getName());
        }
        names.addAll(List.of(SERVICE_URL, IVOID, TABLE_NAME));
        for (int i = 0; i < from.length; i++) {
            from[i] = -1;
            for (int j = 0; j < previous.getColumnCount(); j++) {
                if (previous.getColumnInfo(j).getName().equalsIgnoreCase(names.get(i))) {
                    from[i] = j;
                    break;
                }
            }
        }
        if (from[width] < 0) {
            throw new org.vokit.FormatException("the earlier result has no " + SERVICE_URL + " column", null, null);
        }
        long n = 0;
        try (RowSequence rs = previous.getRowSequence()) {
            while (rs.next()) {
                Object[] in = rs.getRow();
                String url = String.valueOf(in[from[width]]);
                String table = from[width + 2] < 0 || in[from[width + 2]] == null ? null : in[from[width + 2]].toString();
                if (!keep.test(url, table)) {
                    continue;
                }
                Object[] out = new Object[width + 4];
                for (int i = 0; i < width + 3; i++) {
                    Object v = from[i] < 0 ? null : in[from[i]];
                    out[i] = i < width ? convert(v, schema.get(i).getContentClass()) : v == null ? null : v.toString();
                }
                out[width + 3] = 0;
                synchronized (lock) {
                    store.acceptRow(out);
                }
                n++;
            }
        }
        return n;
    }

    @Override
    public void discard(FanoutTask task) {
        Integer id = ids.get(task);
        if (id != null) {
            discarded.add(id);
        }
    }

    /**
     * Ends the rows and returns the merged table (once all tasks have ended). The rows of
     * discarded tasks are left out; the internal bookkeeping column is not shown.
     *
     * @return the table, readable as often as needed
     * @throws IOException if the row store fails
     */
    public StarTable table() throws IOException {
        StarTable stored;
        synchronized (lock) {
            if (!ended) {
                ended = true;
                store.endRows();
            }
            stored = store.getStarTable();
        }
        int last = stored.getColumnCount() - 1;
        Set<Integer> drop = Set.copyOf(discarded);
        return new WrapperStarTable(stored) {
            @Override
            public int getColumnCount() {
                return last;
            }

            @Override
            public long getRowCount() {
                return drop.isEmpty() ? super.getRowCount() : -1;
            }

            @Override
            public boolean isRandom() {
                return drop.isEmpty() && super.isRandom();
            }

            @Override
            public RowSequence getRowSequence() throws IOException {
                return new WrapperRowSequence(stored.getRowSequence()) {
                    @Override
                    public boolean next() throws IOException {
                        while (super.next()) {
                            if (!drop.contains((Integer) super.getCell(last))) {
                                return true;
                            }
                        }
                        return false;
                    }

                    @Override
                    public Object[] getRow() throws IOException {
                        Object[] r = super.getRow();
                        return java.util.Arrays.copyOf(r, last);
                    }
                };
            }
        };
    }

    private static String str(Object v) {
        return v instanceof char[] c ? new String(c) : String.valueOf(v);
    }

    static Object convert(Object v, Class<?> to) {
        if (v == null || to.isInstance(v)) {
            return v;
        }
        if (to == String.class) {
            return v instanceof char[] c ? new String(c) : String.valueOf(v);
        }
        Number n = v instanceof Number num ? num : parse(v);
        if (n == null) {
            return null;
        }
        if (to == Double.class) {
            return n.doubleValue();
        }
        if (to == Float.class) {
            return n.floatValue();
        }
        if (to == Long.class) {
            return n.longValue();
        }
        if (to == Integer.class) {
            return n.intValue();
        }
        if (to == Short.class) {
            return n.shortValue();
        }
        return v;
    }

    private static Number parse(Object v) {
        try {
            return Double.valueOf(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
