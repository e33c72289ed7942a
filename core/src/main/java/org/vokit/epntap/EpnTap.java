package org.vokit.epntap;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.vokit.FormatException;
import org.vokit.adql.AdqlTemplate;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.FanoutSink;
import org.vokit.fanout.FanoutTask;
import org.vokit.fanout.MergedTable;
import org.vokit.progress.ProgressListener;
import org.vokit.registry.Registry;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StoragePolicy;

/**
 * Global EPN-TAP discovery (course section 8.1): find every EPN-TAP table in the registry and run
 * one {@link EpnQuery} over all of them, with the rows merged into one table.
 *
 * <pre>{@code
 * Registry reg = Registry.of("http://127.0.0.1:8089/tap");
 * List<EpnTable> tables = EpnTap.discover(reg);
 * EpnQuery q = EpnQuery.builder().target("Mars").productTypes("sp").build();
 * MergedTable rows = EpnTap.result(StoragePolicy.ADAPTIVE);
 * FanoutReport report;
 * try (Fanout engine = Fanout.builder().parallel(8).taskTimeout(Duration.ofSeconds(60)).build()) {
 *     report = EpnTap.search(tables, q, engine, rows, ProgressListener.NONE);
 * }
 * StarTable granules = rows.table();
 * report.failures().forEach(f -> System.err.println(f.line()));
 * }</pre>
 *
 * <p>Discovery is one registry query: tables whose utype is the legacy
 * {@value #LEGACY_UTYPE} or starts with {@value #UTYPE_PREFIX}, of resources with an auxiliary
 * TAP capability ({@code tap#aux}). That is how EPN-TAP tables are registered: each in a record of
 * its own (title, authors, description) that points to the TAP service hosting it; the hosting
 * service's own record, which lists the table again, has a plain TAP capability and is not matched,
 * so each table is found once.
 *
 * <p>The search runs through the fan-out engine ({@link org.vokit.fanout.Fanout}), one task per
 * table. The merged table ({@link #result}) has {@link #COLUMNS} — the mandatory EPN-TAP 2.0
 * columns and the common optional access columns; a column a table lacks is null there, and other
 * columns are left out — followed by the engine's provenance columns.
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
     * Makes an empty merged result for {@link #search}: the {@link #COLUMNS}, matched by name in
     * each table's answer (a column a table lacks is null), then the provenance columns
     * {@value MergedTable#SERVICE_URL}, {@value MergedTable#IVOID} and {@value MergedTable#TABLE_NAME}.
     *
     * @param policy where rows are kept (e.g. {@link StoragePolicy#ADAPTIVE})
     * @return the sink
     */
    public static MergedTable result(StoragePolicy policy) {
        return MergedTable.byName(COLUMNS, policy);
    }

    /**
     * Runs a query over tables through the fan-out engine, one task per table, and merges the rows.
     *
     * @param tables the tables (e.g. from {@link #discover})
     * @param query the query
     * @param engine the engine (its limits, timeouts, health memory and HTTP client apply)
     * @param sink where the rows go, usually {@link #result}
     * @param listener progress events, or null
     * @return the report: which tables answered, which failed (with the query each was sent)
     */
    public static FanoutReport search(List<EpnTable> tables, EpnQuery query, Fanout engine, FanoutSink sink,
                                      ProgressListener listener) {
        return engine.run(tasks(tables, query), sink, listener);
    }

    /**
     * Makes the per-table tasks of a search. Each service's capabilities are read once (by the
     * first of its tasks to run) to learn whether it has {@code ivo_hashlist_has}; a service
     * whose capabilities cannot be read is sent the portable {@code LIKE} form. The failure report
     * keeps the form that was sent, so a resumed run asks the same.
     *
     * @param tables the tables
     * @param query the query
     * @return one task per table, labelled with the table name (and a number where two share it)
     */
    public static List<FanoutTask> tasks(List<EpnTable> tables, EpnQuery query) {
        Objects.requireNonNull(query, "query");
        Map<URI, CompletableFuture<Boolean>> udf = new ConcurrentHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<FanoutTask> tasks = new ArrayList<>();
        for (EpnTable t : tables) {
            int n = seen.merge(t.tableName(), 1, Integer::sum);
            String label = n == 1 ? t.tableName() : t.tableName() + " [" + n + "]";
            TapQuery q = TapQuery.of(query.toAdql(t.tableName(), true));
            if (query.maxrec().isPresent()) {
                q = q.withMaxrec(query.maxrec().getAsLong());
            }
            FanoutTask.Exchange adapt = new FanoutTask.Exchange() {
                @Override
                public TapQuery adapt(TapService service, TapQuery sent) throws IOException {
                    boolean has = hasHashListUdf(service, udf);
                    return has ? sent : new TapQuery(query.toAdql(t.tableName(), false), sent.lang(), sent.maxrec(),
                            sent.responseFormat(), sent.uploads(), sent.extraParams(), sent.runId(), sent.timeout());
                }
            };
            tasks.add(new FanoutTask(label, t.serviceUrl(), t.ivoid(), t.tableName(), q, false, adapt));
        }
        return tasks;
    }

    private static boolean hasHashListUdf(TapService svc, Map<URI, CompletableFuture<Boolean>> memo)
            throws java.io.InterruptedIOException {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> known = memo.putIfAbsent(svc.baseUrl(), mine);
        if (known == null) {
            boolean udf;
            try {
                udf = svc.capabilities().supportsUdf("ivo_hashlist_has");
            } catch (java.io.InterruptedIOException e) {
                memo.remove(svc.baseUrl(), mine);
                mine.completeExceptionally(e);
                throw e;
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "no capabilities from " + svc.baseUrl() + " (" + e.getMessage()
                        + "); using LIKE for hash lists");
                udf = false;
            }
            mine.complete(udf);
            return udf;
        }
        try {
            return known.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while another task read the capabilities");
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
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
