package org.vokit.datalink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vokit.ProtocolException;
import org.vokit.QueryException;
import org.vokit.VoException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.VOStarTable;

/**
 * A synchronous SODA service bound to one dataset: its endpoint, the dataset's {@code ID} and any
 * other fixed parameters, and (when known) the service descriptor that lists the parameters the
 * service takes with their ranges.
 *
 * <p>Three ways to get one, matching the three places SODA is offered:
 * <ul>
 * <li>from a DataLink document: the descriptor that the {@code #proc}/{@code #cutout} sibling of
 *     a dataset's {@code #this} link names ({@link Datalink#soda()},
 *     {@link DatalinkDocument#soda(String)}), also when the document is the dataset itself;</li>
 * <li>from a descriptor attached to a result table (dataset level), its {@code ID} parameter
 *     filled from the row's column that the descriptor's {@code ref} names
 *     ({@link #forRow(ServiceDescriptor, StarTable, long)});</li>
 * <li>from a bare endpoint and an ID ({@link #of(URI, String)}).</li>
 * </ul>
 *
 * <p>{@link #cutout(SodaQuery, Path)} streams the result to a file (written beside it, moved into
 * place when complete) within a deadline; a request that misses the data gives a
 * {@link Cutout} with {@link Cutout#noOverlap()} rather than an exception. Instances are
 * immutable.
 */
public final class Soda {

    /** How long a cutout may take unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** Service messages that mean "the request misses the data". */
    static final Pattern NO_OVERLAP = Pattern.compile("(?i)(\\bno|\\bnot|n't|without)\\s+(any\\s+)?overlap"
            + "|nooverlap|empty\\s+cut-?out|cut-?out\\s+(is\\s+)?empty|no\\s+(pixels|data)\\s+(in|within|inside)"
            + "|outside\\s+(of\\s+)?(the\\s+)?(image|data|dataset|footprint|coverage|bounds)");

    private static final long CHECK_VOTABLE_BELOW = 1 << 20;

    private final URI endpoint;
    private final ServiceDescriptor descriptor;
    private final List<Param> fixed;
    private final VoHttp http;
    private final Duration timeout;

    private Soda(URI endpoint, ServiceDescriptor descriptor, List<Param> fixed, VoHttp http, Duration timeout) {
        this.endpoint = endpoint;
        this.descriptor = descriptor;
        this.fixed = List.copyOf(fixed);
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Binds a bare SODA sync endpoint to a dataset; parameters are not checked, since no
     * descriptor says which the service takes.
     *
     * @param endpoint the SODA sync URL
     * @param id the dataset identifier
     * @return the service
     */
    public static Soda of(URI endpoint, String id) {
        DatalinkDocument.requireHttp(endpoint);
        Objects.requireNonNull(id, "id");
        return new Soda(endpoint, null, List.of(new Param("ID", id)), null, DEFAULT_TIMEOUT);
    }

    /**
     * Binds a SODA descriptor to a dataset. The descriptor's parameters with fixed values are
     * sent as they are; {@code ID} is {@code id} if given, else the descriptor's own value.
     *
     * @param descriptor a SODA sync descriptor with an http(s) access URL
     * @param id the dataset identifier, or null to use the descriptor's fixed ID value
     * @return the service
     * @throws IllegalArgumentException if the descriptor has no usable access URL or no ID
     */
    public static Soda of(ServiceDescriptor descriptor, String id) {
        URI url = descriptor.accessUri().orElseThrow(() -> new IllegalArgumentException(
                "the service descriptor " + descriptor + " has no http(s) accessURL"));
        List<Param> p = new ArrayList<>();
        String theId = id != null ? id : descriptor.param("ID").map(InputParam::value).orElse(null);
        if (theId != null) {
            p.add(new Param("ID", theId));
        } else if (descriptor.param("ID").isPresent()) {
            throw new IllegalArgumentException("no dataset ID for " + descriptor);
        }
        for (InputParam ip : descriptor.inputParams()) {
            if (!ip.name().equalsIgnoreCase("ID") && ip.value() != null) {
                p.add(new Param(ip.name(), ip.value()));
            }
        }
        return new Soda(url, descriptor, p, null, DEFAULT_TIMEOUT);
    }

    /**
     * Binds a dataset-level descriptor (attached to a result table) to one row: every input
     * parameter with a {@code ref} takes the value of the referenced column in that row (the
     * column whose FIELD {@code ID} is the ref, or failing that whose name is).
     *
     * @param descriptor the SODA sync descriptor attached to the table
     * @param table the result table (random access)
     * @param row the row index
     * @return the service
     * @throws IOException if the row cannot be read
     * @throws IllegalArgumentException if a referenced column is missing or empty in the row
     */
    public static Soda forRow(ServiceDescriptor descriptor, StarTable table, long row) throws IOException {
        return forCells(descriptor, table, table.getRow(row), row);
    }

    /**
     * Binds a dataset-level descriptor to a row given by its cells.
     *
     * @param descriptor the descriptor
     * @param table the table, for its columns' metadata
     * @param cells the row's cells
     * @param row the row's index, for messages
     * @return the service
     */
    static Soda forCells(ServiceDescriptor descriptor, StarTable table, Object[] cells, long row) {
        URI url = descriptor.accessUri().orElseThrow(() -> new IllegalArgumentException(
                "the service descriptor " + descriptor + " has no http(s) accessURL"));
        List<Param> p = new ArrayList<>();
        for (InputParam ip : descriptor.inputParams()) {
            if (ip.ref() != null) {
                int col = refColumn(ip.ref(), table);
                if (col < 0) {
                    throw new IllegalArgumentException("the service descriptor's parameter " + ip.name()
                            + " refers to column '" + ip.ref() + "', which the table does not have");
                }
                Object v = col < cells.length ? cells[col] : null;
                if (v == null || v.toString().isBlank()) {
                    throw new IllegalArgumentException("row " + row + " has no value in column '"
                            + table.getColumnInfo(col).getName() + "' for parameter " + ip.name());
                }
                p.add(new Param(ip.name(), v.toString()));
            } else if (ip.value() != null) {
                p.add(new Param(ip.name(), ip.value()));
            }
        }
        return new Soda(url, descriptor, p, null, DEFAULT_TIMEOUT);
    }

    /**
     * Finds the column a descriptor's {@code ref} points at: by FIELD {@code ID} (as STIL keeps
     * it), else by name, case-insensitively.
     *
     * @param ref the ref
     * @param table the table
     * @return the column index, or -1
     */
    static int refColumn(String ref, StarTable table) {
        int byId = VOStarTable.getRefColumnIndex(ref, table);
        if (byId >= 0) {
            return byId;
        }
        for (int i = 0; i < table.getColumnCount(); i++) {
            String n = table.getColumnInfo(i).getName();
            if (n != null && n.equalsIgnoreCase(ref)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns a copy using an HTTP client (shared with the caller, who closes it). Without one,
     * each cutout makes its own client and closes it afterwards.
     *
     * @param client the client
     * @return the copy
     */
    public Soda withHttp(VoHttp client) {
        return new Soda(endpoint, descriptor, fixed, Objects.requireNonNull(client, "http"), timeout);
    }

    /**
     * Returns a copy with another overall time allowed for a cutout (request and transfer).
     *
     * @param d the time allowed
     * @return the copy
     */
    public Soda withTimeout(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + d);
        }
        return new Soda(endpoint, descriptor, fixed, http, d);
    }

    /** @return the SODA sync endpoint */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the descriptor, if the service was bound from one */
    public Optional<ServiceDescriptor> descriptor() {
        return Optional.ofNullable(descriptor);
    }

    /** @return the dataset identifier sent as {@code ID}, if any */
    public Optional<String> id() {
        return fixed.stream().filter(p -> p.name().equals("ID")).map(Param::value).findFirst();
    }

    /**
     * Returns the parameters the caller may set, with their ranges (from the descriptor).
     *
     * @return the free input parameters; empty if no descriptor is known
     */
    public List<InputParam> inputParams() {
        return descriptor == null ? List.of() : descriptor.inputParams().stream().filter(InputParam::isFree).toList();
    }

    /**
     * Returns everything a cutout request sends: the bound parameters, then the query's.
     *
     * @param query the cutout
     * @return the parameters
     * @throws IllegalArgumentException if the descriptor does not list a parameter of the query,
     *     or the query sets a parameter the binding fixes
     */
    public List<Param> requestParams(SodaQuery query) {
        List<Param> out = new ArrayList<>(fixed);
        for (Param p : query.params()) {
            if (fixed.stream().anyMatch(f -> f.name().equalsIgnoreCase(p.name()))) {
                throw new IllegalArgumentException(p.name() + " is fixed by the service binding (" + endpoint + ")");
            }
            if (descriptor != null && !descriptor.inputParams().isEmpty() && descriptor.param(p.name()).isEmpty()) {
                throw new IllegalArgumentException("the SODA service at " + endpoint + " does not take " + p.name()
                        + "; it takes " + String.join(", ", inputParams().stream().map(InputParam::name).toList()));
            }
            out.add(p);
        }
        return out;
    }

    /**
     * Returns the cutout request (a GET with the parameters in the query string).
     *
     * @param query the cutout
     * @return the request
     */
    public VoRequest request(SodaQuery query) {
        return VoRequest.get(endpoint, requestParams(query));
    }

    /**
     * Runs a cutout and writes the result to a file, within this service's timeout.
     *
     * @param query the cutout
     * @param out the file; replaced only when the new content is complete
     * @return what happened: written, or no overlap
     * @throws IOException if the service fails (with its message) or the file cannot be written
     */
    public Cutout cutout(SodaQuery query, Path out) throws IOException {
        return cutout(query, out, Deadline.in(timeout));
    }

    /**
     * Runs a cutout and writes the result to a file within a deadline. The body goes to a
     * temporary file in the same directory, moved onto {@code out} when complete; on any
     * failure (including the deadline passing mid-transfer) the temporary file is removed and
     * {@code out} is left as it was.
     *
     * @param query the cutout
     * @param out the file
     * @param deadline the deadline for the request and the transfer
     * @return what happened
     * @throws IOException if the service fails or the file cannot be written
     */
    public Cutout cutout(SodaQuery query, Path out, Deadline deadline) throws IOException {
        Objects.requireNonNull(out, "out");
        VoRequest req = request(query);
        URI shown = VoHttp.withQuery(endpoint, req.params());
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output directory does not exist: " + dir);
        }
        VoHttp client = http != null ? http : VoHttp.newDefault();
        try {
            return cutout(client, req, shown, target, deadline);
        } finally {
            if (http == null) {
                client.close();
            }
        }
    }

    private Cutout cutout(VoHttp client, VoRequest req, URI shown, Path target, Deadline deadline)
            throws IOException {
        VoResponse sent;
        try {
            sent = client.send(req, deadline);
        } catch (ProtocolException e) {
            if (emptyGzipBody(e)) {
                // DaCHS declares Content-Encoding: gzip on its empty 204 answer, which VoHttp cannot open
                return noOverlap(shown, "", "the service sent no data (an empty answer)");
            }
            throw e;
        }
        try (VoResponse resp = sent) {
            if (resp.status() == 204) {
                return noOverlap(shown, resp.contentType(),
                        "the service answered 204 No Content: nothing in the requested region, band or time");
            }
            if (!resp.isSuccess()) {
                VoException e = ServiceErrors.from(resp);
                if (NO_OVERLAP.matcher(e.detail()).find()) {
                    return noOverlap(shown, resp.contentType(), e.detail());
                }
                throw e;
            }
            Path temp = partFile(target);
            try {
                long n;
                try (OutputStream os = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    n = resp.body().transferTo(os);
                }
                if (n == 0) {
                    Files.delete(temp);
                    return noOverlap(shown, resp.contentType(), "the service sent an empty answer");
                }
                String ct = resp.contentType();
                if (ct.toLowerCase(Locale.ROOT).contains("votable") && n <= CHECK_VOTABLE_BELOW) {
                    Optional<String> err = votableError(temp, resp.uri());
                    if (err.isPresent()) {
                        Files.delete(temp);
                        if (NO_OVERLAP.matcher(err.get()).find()) {
                            return noOverlap(shown, ct, err.get());
                        }
                        throw new QueryException(err.get(), resp.uri());
                    }
                }
                move(temp, target);
                return new Cutout(Cutout.Status.WRITTEN, target, n, ct, shown, "");
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Tells whether VoHttp failed to open an empty body declared as gzip. */
    private static boolean emptyGzipBody(ProtocolException e) {
        return e.getCause() instanceof java.io.EOFException && e.detail().startsWith("gzip");
    }

    private static Optional<String> votableError(Path file, URI source) {
        try (InputStream in = Files.newInputStream(file)) {
            VotableReader.read(in, source, null, false);
            return Optional.empty();
        } catch (QueryException e) {
            return Optional.of(e.detail());
        } catch (IOException notAVotable) {
            return Optional.empty();
        }
    }

    /**
     * Names a temporary file beside a target (hidden, unique). It is created by the caller with
     * the default permissions, so the final file gets them too.
     *
     * @param target the final file
     * @return the temporary file's path
     */
    static Path partFile(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime())
                + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt()) + ".part");
    }

    static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Cutout noOverlap(URI request, String contentType, String message) {
        return new Cutout(Cutout.Status.NO_OVERLAP, null, 0, contentType, request, message);
    }

    @Override
    public String toString() {
        return "Soda[" + endpoint + " " + fixed + "]";
    }
}
