package org.vokit.discovery;

import java.util.List;
import uk.ac.starlink.table.ColumnInfo;

/**
 * The provenance columns that start every row of a merged result: which service, which registry
 * resource and which table the row came from.
 */
public final class Provenance {

    /** The access URL of the service that gave the row. */
    public static final ColumnInfo SERVICE_URL = column("service_url",
            "Access URL of the TAP service the row came from", "meta.ref.url");
    /** The registry identifier of the resource the row came from. */
    public static final ColumnInfo IVOID = column("ivoid", "IVOA identifier of the resource the row came from",
            "meta.ref.ivoid");
    /** The table queried. */
    public static final ColumnInfo TABLE = column("table_name", "Table the row came from", "meta.id;meta.table");

    /** The three columns, in order. */
    public static final List<ColumnInfo> COLUMNS = List.of(SERVICE_URL, IVOID, TABLE);

    private Provenance() {
    }

    /**
     * Returns the provenance cells of a task's rows.
     *
     * @param task the task
     * @return service URL, ivoid, table
     */
    public static Object[] cells(ServiceTask task) {
        return new Object[] {task.serviceUrl().toString(), task.ivoid(), task.table()};
    }

    private static ColumnInfo column(String name, String description, String ucd) {
        ColumnInfo c = new ColumnInfo(name, String.class, description);
        c.setUCD(ucd);
        return new ColumnInfo(c);
    }
}
