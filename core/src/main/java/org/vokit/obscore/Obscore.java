package org.vokit.obscore;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.vokit.FormatException;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.FanoutSink;
import org.vokit.fanout.FanoutTask;
import org.vokit.fanout.MergedTable;
import org.vokit.progress.ProgressListener;
import org.vokit.registry.DataModel;
import org.vokit.registry.Registry;
import org.vokit.registry.RegistryResource;
import org.vokit.registry.ServiceSelectionException;
import org.vokit.tap.TapCapabilities;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * Global ObsCore discovery for a list of positions: find the ObsCore services in the registry,
 * upload the positions to each one that accepts uploads and merge the datasets found.
 *
 * <pre>{@code
 * Registry reg = Registry.of("http://127.0.0.1:8089/tap");
 * StarTable mine = ...;                                       // any table with positions
 * Obscore.Upload up = Obscore.upload(mine, PositionColumns.find(mine, null, null));
 * ObscoreQuery q = ObscoreQuery.builder().radius(0.01).productType("spectrum").build();
 * MergedTable found = Obscore.result(StoragePolicy.ADAPTIVE);
 * try (Fanout engine = Fanout.builder().parallel(8).perHost(4).taskTimeout(Duration.ofSeconds(60)).build()) {
 *     FanoutReport r = Obscore.search(Obscore.discover(reg), up, q, 0, engine, found, ProgressListener.NONE);
 *     r.failures().forEach(f -> System.err.println(f.line()));
 * }
 * StarTable datasets = found.table();
 * }</pre>
 *
 * <p>Only what the match needs travels (course section 8.3): a row key (the row's index in the
 * input, from 0) and the two coordinates; join the result back to the input on {@code row_key}.
 * Each service gets the positions in batches whose size follows from its advertised upload
 * limit ({@link #rowsPerBatch}); a service that declares no upload method is skipped, and one that
 * fails never spoils the others' rows. The services are asked through the fan-out engine
 * ({@link org.vokit.fanout.Fanout}), one task per service (see {@link #tasks(List, Upload, String,
 * OptionalLong, int)} for why not one per batch).
 */
public final class Obscore {

    /** The upload's name in the query. */
    public static final String UPLOAD_NAME = "mine";

    /** Batch size when a service states no upload limit. */
    public static final int DEFAULT_MAX_ROWS = 50_000;

    /** Share of a byte limit the upload may use (the rest is left for the request's other parts). */
    private static final double BYTE_LIMIT_SHARE = 0.8;

    private static final System.Logger LOG = System.getLogger(Obscore.class.getPackageName());

    /** The columns of the merged result (after the provenance columns). */
    public static final List<ColumnInfo> COLUMNS = columns();

    private Obscore() {
    }

    /**
     * An ObsCore service as the registry lists it.
     *
     * @param ivoid the resource that led to it
     * @param serviceUrl the TAP access URL
     */
    public record ObscoreService(String ivoid, URI serviceUrl) {
        /**
         * Checks the components.
         *
         * @param ivoid the identifier
         * @param serviceUrl the URL
         */
        public ObscoreService {
            Objects.requireNonNull(ivoid, "ivoid");
            Objects.requireNonNull(serviceUrl, "serviceUrl");
        }
    }

    /**
     * The table that is uploaded: the row key and the positions of the input rows that have one.
     *
     * @param table the upload table ({@value ObscoreQuery#KEY}, {@value ObscoreQuery#UP_RA},
     *     {@value ObscoreQuery#UP_DEC})
     * @param columns the input's position columns
     * @param skipped input rows left out because a coordinate was missing or not a number
     */
    public record Upload(StarTable table, PositionColumns columns, long skipped) {
    }

    /**
     * Finds the ObsCore services of the registry: resources declaring the ObsCore data model (in a
     * TAP capability or by a table utype), each with its TAP access URL ({@code tap#aux} included),
     * one entry per distinct URL.
     *
     * @param registry the registry
     * @return the services, by resource identifier
     * @throws IOException if the registry fails
     */
    public static List<ObscoreService> discover(Registry registry) throws IOException {
        Map<URI, ObscoreService> out = new LinkedHashMap<>();
        for (RegistryResource r : registry.search(DataModel.of("obscore"))) {
            try {
                URI u = r.serviceLax("tap");
                out.putIfAbsent(u, new ObscoreService(r.ivoid(), u));
            } catch (ServiceSelectionException e) {
                LOG.log(Level.DEBUG, r.ivoid() + " declares ObsCore but has no TAP interface: " + e.getMessage());
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Makes the upload table of a positions table.
     *
     * @param input the positions
     * @param columns its position columns (see {@link PositionColumns#find})
     * @return the upload
     * @throws IOException if the input cannot be read
     * @throws IllegalArgumentException if no row has a usable position
     */
    public static Upload upload(StarTable input, PositionColumns columns) throws IOException {
        ColumnInfo key = new ColumnInfo(ObscoreQuery.KEY, Long.class, "Index of the row in the positions table, from 0");
        key.setUCD("meta.id");
        ColumnInfo ra = new ColumnInfo(ObscoreQuery.UP_RA, Double.class, "Right ascension of the position");
        ra.setUnitString("deg");
        ra.setUCD("pos.eq.ra;meta.main");
        ColumnInfo dec = new ColumnInfo(ObscoreQuery.UP_DEC, Double.class, "Declination of the position");
        dec.setUnitString("deg");
        dec.setUCD("pos.eq.dec;meta.main");
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {key, ra, dec});
        long skipped = 0;
        StarTable in = input.isRandom() ? input : uk.ac.starlink.table.Tables.randomTable(input);
        org.vokit.investigator.PositionColumns reader =
                new org.vokit.investigator.PositionColumns(columns.ra(), columns.dec(), columns.how());
        long i = 0;
        for (long n = in.getRowCount(); i < n; i++) {
            Optional<org.vokit.investigator.SkyPosition> p = reader.position(in, i);
            if (p.isEmpty()) {
                skipped++;
            } else {
                t.addRow(new Object[] {i, p.get().ra(), p.get().dec()});
            }
        }
        if (t.getRowCount() == 0) {
            throw new IllegalArgumentException("none of the " + i + " rows of the positions table has a usable position"
                    + " in " + columns.raName() + "/" + columns.decName());
        }
        return new Upload(t, columns, skipped);
    }

    /**
     * Chooses how many rows to upload per request from a service's advertised upload limit: the
     * row limit as it is, or for a byte limit as many rows as fit in {@value #BYTE_LIMIT_SHARE}
     * of it, measured on the upload's own VOTable serialisation. The hard limit counts where
     * both are given.
     *
     * @param caps the service's capabilities
     * @param upload the upload table
     * @return the rows per request, at least 1, at most {@link #DEFAULT_MAX_ROWS} when the
     *     service states no limit
     * @throws IOException if the table cannot be serialised
     */
    public static int rowsPerBatch(TapCapabilities caps, StarTable upload) throws IOException {
        Optional<TapCapabilities.DataLimit> lim = caps.uploadLimit().hard().or(() -> caps.uploadLimit().defaultValue());
        if (lim.isEmpty()) {
            return DEFAULT_MAX_ROWS;
        }
        TapCapabilities.DataLimit l = lim.get();
        if (l.unit() == TapCapabilities.DataUnit.ROWS) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, l.value()));
        }
        long rows = upload.getRowCount();
        ColumnInfo[] infos = new ColumnInfo[upload.getColumnCount()];
        for (int i = 0; i < infos.length; i++) {
            infos[i] = upload.getColumnInfo(i);
        }
        long empty = votableBytes(new RowListStarTable(infos));
        long full = votableBytes(upload);
        double perRow = rows > 0 ? Math.max(1.0, (double) (full - empty) / rows) : 64.0;
        double room = l.value() * BYTE_LIMIT_SHARE - empty;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(room / perRow)));
    }

    private static long votableBytes(StarTable t) throws IOException {
        long[] n = new long[1];
        OutputStream count = new OutputStream() {
            @Override
            public void write(int b) {
                n[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                n[0] += len;
            }
        };
        new VOTableWriter(DataFormat.BINARY2, true, VOTableVersion.V13).writeStarTable(t, count);
        return n[0];
    }

    /**
     * Makes an empty merged result for {@link #search}: the {@link #COLUMNS}, matched by name,
     * then the provenance columns {@value MergedTable#SERVICE_URL}, {@value MergedTable#IVOID} and
     * {@value MergedTable#TABLE_NAME}.
     *
     * @param policy where rows are kept (e.g. {@link StoragePolicy#ADAPTIVE})
     * @return the sink
     */
    public static MergedTable result(StoragePolicy policy) {
        return MergedTable.byName(COLUMNS, policy);
    }

    /**
     * Runs the search over services through the fan-out engine and merges the rows.
     *
     * @param services the services (e.g. from {@link #discover})
     * @param upload the positions to upload
     * @param query the query
     * @param rowsPerBatch rows per request; 0 to size batches from each service's upload limit
     * @param engine the engine (its limits, timeouts, health memory and HTTP client apply)
     * @param sink where the rows go, usually {@link #result}
     * @param listener progress events, or null
     * @return the report; a service that declares no upload method is in it as skipped
     */
    public static FanoutReport search(List<ObscoreService> services, Upload upload, ObscoreQuery query,
                                      int rowsPerBatch, Fanout engine, FanoutSink sink, ProgressListener listener) {
        return engine.run(tasks(services, upload, query, rowsPerBatch), sink, listener);
    }

    /**
     * Makes the per-service tasks of a search.
     *
     * @param services the services
     * @param upload the positions
     * @param query the query
     * @param rowsPerBatch rows per request, or 0 to follow each service's upload limit
     * @return one task per service
     */
    public static List<FanoutTask> tasks(List<ObscoreService> services, Upload upload, ObscoreQuery query,
                                         int rowsPerBatch) {
        Objects.requireNonNull(query, "query");
        return tasks(services, upload, query.toAdql(UPLOAD_NAME), query.top(), rowsPerBatch);
    }

    /**
     * Makes the per-service tasks for a query already rendered, e.g. the one kept in an earlier
     * result to resume from.
     *
     * <p><b>One task per service, not per batch.</b> A task reads the service's capabilities
     * (skipping, as {@link FanoutTask.NotApplicable}, a service with no upload method), sizes the
     * batches from its advertised upload limit ({@link #rowsPerBatch}) and sends them one after
     * the other. So the engine's per-service timeout covers all of a service's batches, the
     * per-host limit is never exceeded by one service's batches, {@code top} caps the rows of the
     * service as a whole, a service gives all its rows or none (a failed batch fails the service),
     * and a resumed run asks failed services again as wholes.
     *
     * @param services the services
     * @param upload the positions
     * @param adql the query, reading the positions from {@code TAP_UPLOAD.}{@value #UPLOAD_NAME}
     * @param top the most rows kept per service, or empty for all
     * @param rowsPerBatch rows per request, or 0 to follow each service's upload limit
     * @return one task per service, labelled with its access URL
     */
    public static List<FanoutTask> tasks(List<ObscoreService> services, Upload upload, String adql, OptionalLong top,
                                         int rowsPerBatch) {
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(adql, "adql");
        if (rowsPerBatch < 0) {
            throw new IllegalArgumentException("rowsPerBatch must not be negative: " + rowsPerBatch);
        }
        List<FanoutTask> tasks = new ArrayList<>();
        for (ObscoreService s : services) {
            tasks.add(new FanoutTask(s.serviceUrl().toString(), s.serviceUrl(), s.ivoid(), ObscoreQuery.TABLE,
                    TapQuery.of(adql), false, new Sliced(upload, top, rowsPerBatch)));
        }
        return tasks;
    }

    /** Sends one service the positions in batches sized from its upload limit. */
    private static final class Sliced implements FanoutTask.Exchange {
        private final Upload upload;
        private final OptionalLong top;
        private final int fixedBatch;
        private volatile TapCapabilities caps;

        Sliced(Upload upload, OptionalLong top, int fixedBatch) {
            this.upload = upload;
            this.top = top;
            this.fixedBatch = fixedBatch;
        }

        @Override
        public TapQuery adapt(TapService svc, TapQuery query) throws IOException {
            TapCapabilities c = svc.capabilities();
            if (!c.supportsUpload()) {
                throw new FanoutTask.NotApplicable("the service declares no upload method in its capabilities");
            }
            caps = c;
            return query;
        }

        @Override
        public TapResult send(TapService svc, TapQuery query) throws IOException {
            TapCapabilities c = caps != null ? caps : svc.capabilities();
            int batch = fixedBatch > 0 ? fixedBatch : rowsPerBatch(c, upload.table());
            TapResult r = svc.runSliced(query, UPLOAD_NAME, upload.table(), batch);
            if (r.columnIndex(ObscoreQuery.KEY) < 0) {
                throw new FormatException("the answer has no " + ObscoreQuery.KEY + " column", svc.syncUrl(), null);
            }
            if (r.overflowed()) {
                LOG.log(Level.WARNING, svc.baseUrl() + " cut its answer at the row limit");
            }
            long limit = top.orElse(Long.MAX_VALUE);
            if (r.rowCount() <= limit && r.rowCount() >= 0) {
                return r;
            }
            StarTable t = r.table();
            ColumnInfo[] infos = new ColumnInfo[t.getColumnCount()];
            for (int i = 0; i < infos.length; i++) {
                infos[i] = t.getColumnInfo(i);
            }
            RowListStarTable head = new RowListStarTable(infos);
            try (RowSequence seq = t.getRowSequence()) {
                for (long n = 0; n < limit && seq.next(); n++) {
                    head.addRow(seq.getRow());
                }
            }
            return new TapResult(head, r.documentInfo(), r.source());
        }
    }

    private static List<ColumnInfo> columns() {
        List<ColumnInfo> cs = new ArrayList<>();
        cs.add(col(ObscoreQuery.KEY, Long.class, null, "meta.id", "Index of the matched row in the positions table"));
        cs.add(col("pos_ra", Double.class, "deg", "pos.eq.ra", "Right ascension of the matched position"));
        cs.add(col("pos_dec", Double.class, "deg", "pos.eq.dec", "Declination of the matched position"));
        cs.add(col("dist", Double.class, "deg", "pos.angDistance", "Distance from the position to the dataset centre"));
        cs.add(col("obs_publisher_did", String.class, null, "meta.ref.ivoid", "Dataset identifier"));
        cs.add(col("obs_id", String.class, null, "meta.id", "Observation identifier"));
        cs.add(col("obs_collection", String.class, null, "meta.id", "Collection"));
        cs.add(col("dataproduct_type", String.class, null, "meta.code.class", "Product type"));
        cs.add(col("calib_level", Integer.class, null, "meta.code;obs.calib", "Calibration level"));
        cs.add(col("target_name", String.class, null, "meta.id;src", "Target"));
        cs.add(col("s_ra", Double.class, "deg", "pos.eq.ra;meta.main", "Dataset centre, right ascension"));
        cs.add(col("s_dec", Double.class, "deg", "pos.eq.dec;meta.main", "Dataset centre, declination"));
        cs.add(col("s_fov", Double.class, "deg", "phys.angSize;instr.fov", "Field of view"));
        cs.add(col("t_min", Double.class, "d", "time.start;obs.exposure", "Start time (MJD)"));
        cs.add(col("t_max", Double.class, "d", "time.end;obs.exposure", "End time (MJD)"));
        cs.add(col("em_min", Double.class, "m", "em.wl;stat.min", "Shortest wavelength"));
        cs.add(col("em_max", Double.class, "m", "em.wl;stat.max", "Longest wavelength"));
        cs.add(col("em_res_power", Double.class, null, "spect.resolution", "Resolving power"));
        cs.add(col("access_url", String.class, null, "meta.ref.url", "Where to get the dataset"));
        cs.add(col("access_format", String.class, null, "meta.code.mime", "Format of the dataset"));
        cs.add(col("access_estsize", Long.class, "kbyte", "phys.size;meta.file", "Estimated size"));
        cs.add(col("facility_name", String.class, null, "meta.id;instr.tel", "Facility"));
        cs.add(col("instrument_name", String.class, null, "meta.id;instr", "Instrument"));
        return List.copyOf(cs);
    }

    private static ColumnInfo col(String name, Class<?> type, String unit, String ucd, String description) {
        ColumnInfo c = new ColumnInfo(name, type, description);
        if (unit != null) {
            c.setUnitString(unit);
        }
        c.setUCD(ucd);
        return c;
    }
}
