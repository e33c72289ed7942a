package org.vokit.epntap;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.vokit.FormatException;
import org.vokit.adql.AdqlTemplate;
import org.vokit.discovery.RunReport;
import org.vokit.discovery.ServiceTask;
import org.vokit.discovery.TaskRunner;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressListener;
import org.vokit.registry.Registry;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * Global EPN-TAP discovery (course section 8.1): find every EPN-TAP table in the registry and run
 * one {@link EpnQuery} over all of them, with the rows merged into one table.
 *
 * <pre>{@code
 * Registry reg = Registry.of("http://127.0.0.1:8089/tap");
 * List<EpnTable> tables = EpnTap.discover(reg);
 * EpnQuery q = EpnQuery.builder().target("Mars").productTypes("sp").build();
 * RunReport report = EpnTap.search(tables, q, reg.http(), runner, sink, ProgressListener.NONE);
 * }</pre>
 *
 * <p>Discovery is one registry query: tables whose utype is the legacy
 * {@value #LEGACY_UTYPE} or starts with {@value #UTYPE_PREFIX}, of resources with an auxiliary
 * TAP capability ({@code tap#aux}). That is how EPN-TAP tables are registered: each in a record of
 * its own (title, authors, description) that points to the TAP service hosting it; the hosting
 * service's own record, which lists the table again, has a plain TAP capability and is not matched,
 * so each table is found once.
 *
 * <p>The merged table has the provenance columns followed by {@link #COLUMNS}: the mandatory
 * EPN-TAP 2.0 columns and the common optional access columns; a column a table lacks is null
 * there, and other columns are left out.
 */
public final class EpnTap {

    /** The table utype of EPN-TAP 2 tables registered before the IVOA standard. */
    public static final String LEGACY_UTYPE = "ivo://vopdc.obspm/std/epncore#schema-2.0";

    /** The prefix of the table utypes of the IVOA EPN-TAP 2.x standard. */
    public static final String UTYPE_PREFIX = "ivo://ivoa.net/std/epntap#table-2.";

    private static final String TAP_AUX = "ivo://ivoa.net/std/tap#aux";

    private static final System.Logger LOG = System.getLogger(EpnTap.class.getPackageName());

    /** The columns of the merged result (after the provenance columns). */
    public static final List<ColumnInfo> COLUMNS = columns();

    private EpnTap() {
    }

    /**
     * Returns the registry query {@link #discover} sends.
     *
     * @return the ADQL
     */
    public static String discoveryQuery() {
        return AdqlTemplate.of("SELECT DISTINCT res.ivoid, res.res_title, intf.access_url, tab.table_name,"
                        + " tab.table_utype"
                        + " FROM rr.resource AS res"
                        + " JOIN rr.capability AS cap ON cap.ivoid = res.ivoid"
                        + " JOIN rr.interface AS intf ON intf.ivoid = cap.ivoid AND intf.cap_index = cap.cap_index"
                        + " JOIN rr.res_table AS tab ON tab.ivoid = res.ivoid"
                        + " WHERE cap.standard_id = {aux} AND intf.intf_type = {paramhttp}"
                        + " AND (tab.table_utype = {legacy} OR tab.table_utype LIKE {current})"
                        + " ORDER BY res.ivoid, tab.table_name")
                .value("aux", TAP_AUX).value("paramhttp", "vs:paramhttp").value("legacy", LEGACY_UTYPE)
                .value("current", UTYPE_PREFIX + "%").render();
    }

    /**
     * Finds the EPN-TAP tables the registry knows, one entry per table (the first http(s) access
     * URL where a resource has several).
     *
     * @param registry the registry
     * @return the tables, ordered by resource identifier and table name
     * @throws IOException if the registry fails
     */
    public static List<EpnTable> discover(Registry registry) throws IOException {
        TapResult r = registry.tapService().runSync(TapQuery.of(discoveryQuery()));
        if (r.overflowed()) {
            LOG.log(Level.WARNING, "the registry at " + registry.endpoint() + " cut the EPN-TAP table list at its"
                    + " row limit");
        }
        int iIvoid = column(r, "ivoid", registry);
        int iTitle = column(r, "res_title", registry);
        int iUrl = column(r, "access_url", registry);
        int iTable = column(r, "table_name", registry);
        int iUtype = column(r, "table_utype", registry);
        Map<String, EpnTable> out = new LinkedHashMap<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                String ivoid = str(rows.getCell(iIvoid));
                String url = str(rows.getCell(iUrl));
                String table = str(rows.getCell(iTable));
                URI u = httpUrl(url);
                if (ivoid == null || table == null || u == null) {
                    LOG.log(Level.DEBUG, "skipping registry row " + ivoid + " " + url + " " + table);
                    continue;
                }
                out.putIfAbsent(ivoid + "\u0000" + table.toLowerCase(Locale.ROOT),
                        new EpnTable(ivoid, str(rows.getCell(iTitle)), u, table, str(rows.getCell(iUtype))));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Runs a query over tables, in parallel through the runner, and writes the merged rows.
     * Each service's capabilities are read once to learn whether it has {@code ivo_hashlist_has};
     * a service whose capabilities cannot be read is queried with the portable {@code LIKE} form.
     *
     * @param tables the tables (e.g. from {@link #discover})
     * @param query the query
     * @param http the HTTP client the services share
     * @param runner runs the per-table tasks
     * @param sink where the merged table goes
     * @param listener progress events
     * @return the report: which tables answered, which failed
     * @throws IOException if the sink fails
     * @throws InterruptedException if interrupted
     */
    public static RunReport search(List<EpnTable> tables, EpnQuery query, VoHttp http, TaskRunner runner,
                                   TableSink sink, ProgressListener listener) throws IOException, InterruptedException {
        return runner.run(tasks(tables, query, http), COLUMNS, sink, listener);
    }

    /**
     * Makes the per-table tasks of a search, for a runner of one's own.
     *
     * @param tables the tables
     * @param query the query
     * @param http the HTTP client
     * @return one task per table
     */
    public static List<ServiceTask> tasks(List<EpnTable> tables, EpnQuery query, VoHttp http) {
        Objects.requireNonNull(query, "query");
        Map<URI, TapService> services = new ConcurrentHashMap<>();
        List<ServiceTask> tasks = new ArrayList<>();
        for (EpnTable t : tables) {
            TapService svc = services.computeIfAbsent(t.serviceUrl(), u -> TapService.builder(u).http(http).build());
            tasks.add(new ServiceTask(t.tableName(), t.serviceUrl(), t.ivoid(), t.tableName(),
                    (rows, timeout) -> runOne(svc, t, query, rows, timeout)));
        }
        return tasks;
    }

    private static void runOne(TapService svc, EpnTable t, EpnQuery query, ServiceTask.Rows rows, Duration timeout)
            throws IOException {
        boolean udf;
        try {
            udf = svc.capabilities().supportsUdf("ivo_hashlist_has");
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "no capabilities from " + svc.baseUrl() + " (" + e.getMessage()
                    + "); using LIKE for hash lists");
            udf = false;
        }
        TapQuery q = TapQuery.of(query.toAdql(t.tableName(), udf)).withTimeout(timeout);
        if (query.maxrec().isPresent()) {
            q = q.withMaxrec(query.maxrec().getAsLong());
        }
        TapResult r = svc.runSync(q);
        StarTable table = r.table();
        int[] map = new int[COLUMNS.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = -1;
            for (int c = 0; c < table.getColumnCount(); c++) {
                if (table.getColumnInfo(c).getName().equalsIgnoreCase(COLUMNS.get(i).getName())) {
                    map[i] = c;
                    break;
                }
            }
        }
        try (RowSequence seq = r.rows()) {
            while (seq.next()) {
                Object[] in = seq.getRow();
                Object[] out = new Object[map.length];
                for (int i = 0; i < map.length; i++) {
                    out[i] = map[i] < 0 ? null : convert(in[map[i]], COLUMNS.get(i).getContentClass(), svc, i);
                }
                rows.accept(out);
            }
        }
        if (r.overflowed()) {
            LOG.log(Level.WARNING, t.tableName() + " at " + svc.baseUrl() + " cut its answer at the row limit");
        }
    }

    private static Object convert(Object v, Class<?> to, TapService svc, int col) throws FormatException {
        if (v == null) {
            return null;
        }
        if (to == String.class) {
            return v instanceof char[] cs ? new String(cs) : v.toString();
        }
        if (v instanceof Number n) {
            if (to == Double.class) {
                double d = n.doubleValue();
                return Double.isNaN(d) ? null : d;
            }
            if (to == Integer.class) {
                return n.intValue();
            }
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return to == Integer.class ? (Object) Integer.valueOf(s.strip()) : (Object) Double.valueOf(s.strip());
            } catch (NumberFormatException e) {
                throw new FormatException("column " + COLUMNS.get(col).getName() + " holds '" + s
                        + "', not a number", svc.syncUrl(), e);
            }
        }
        return null;
    }

    private static int column(TapResult r, String name, Registry registry) throws FormatException {
        int i = r.columnIndex(name);
        if (i < 0) {
            throw new FormatException("the registry's answer has no column " + name, registry.tapService().syncUrl(), null);
        }
        return i;
    }

    private static String str(Object o) {
        if (o == null) {
            return null;
        }
        String s = (o instanceof char[] cs ? new String(cs) : o.toString()).strip();
        return s.isEmpty() ? null : s;
    }

    private static URI httpUrl(String s) {
        if (s == null) {
            return null;
        }
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static List<ColumnInfo> columns() {
        List<ColumnInfo> cs = new ArrayList<>();
        String[] text = {"granule_uid", "granule_gid", "obs_id", "dataproduct_type", "target_name", "target_class"};
        for (String n : text) {
            cs.add(col(n, String.class, null));
        }
        String[][] doubles = {{"time_min", "d"}, {"time_max", "d"}, {"time_sampling_step_min", "s"},
            {"time_sampling_step_max", "s"}, {"time_exp_min", "s"}, {"time_exp_max", "s"},
            {"spectral_range_min", "Hz"}, {"spectral_range_max", "Hz"}, {"spectral_sampling_step_min", "Hz"},
            {"spectral_sampling_step_max", "Hz"}, {"spectral_resolution_min", null}, {"spectral_resolution_max", null},
            {"c1min", null}, {"c1max", null}, {"c2min", null}, {"c2max", null}, {"c3min", null}, {"c3max", null}};
        for (String[] d : doubles) {
            cs.add(col(d[0], Double.class, d[1]));
        }
        cs.add(col("s_region", String.class, null));
        for (String n : new String[] {"c1_resol_min", "c1_resol_max", "c2_resol_min", "c2_resol_max", "c3_resol_min",
            "c3_resol_max"}) {
            cs.add(col(n, Double.class, null));
        }
        cs.add(col("spatial_frame_type", String.class, null));
        for (String n : new String[] {"incidence_min", "incidence_max", "emergence_min", "emergence_max", "phase_min",
            "phase_max"}) {
            cs.add(col(n, Double.class, "deg"));
        }
        for (String n : new String[] {"instrument_host_name", "instrument_name", "measurement_type"}) {
            cs.add(col(n, String.class, null));
        }
        cs.add(col("processing_level", Integer.class, null));
        for (String n : new String[] {"creation_date", "modification_date", "release_date", "service_title",
            "access_url", "access_format", "thumbnail_url"}) {
            cs.add(col(n, String.class, null));
        }
        return List.copyOf(cs);
    }

    private static ColumnInfo col(String name, Class<?> type, String unit) {
        ColumnInfo c = new ColumnInfo(name, type, "EPN-TAP 2.0 " + name);
        if (unit != null) {
            c.setUnitString(unit);
        }
        return c;
    }
}
