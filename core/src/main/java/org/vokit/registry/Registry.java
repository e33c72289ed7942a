package org.vokit.registry;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.vokit.DeadlineException;
import org.vokit.HttpStatusException;
import org.vokit.QueryException;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.tap.TableSet;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.RowSequence;

/**
 * A VO registry reached through RegTAP: a TAP service holding the relational registry schema
 * {@code rr}. It finds resources (services and data collections) by {@link Constraint}s and
 * returns them as {@link RegistryResource}s, from which services are opened.
 *
 * <pre>{@code
 * Registry reg = Registry.of("http://127.0.0.1:8089/tap");      // or Registry.of(Registry.DEFAULT_ENDPOINT)
 * for (RegistryResource r : reg.search(Keywords.of("stars"), ServiceType.of("scs"))) {
 *     System.out.println(r.ivoid() + " " + r.title() + " " + r.accessModes());
 * }
 * TapService tap = reg.resolve("ivo://vokit.test/tap").orElseThrow().tapService();
 * String adql = reg.renderQuery(Ucd.of("pos.pm%"));               // what a search would send
 * }</pre>
 *
 * <p>A search is one query to the registry: the capabilities, interfaces, subjects and contacts
 * of the resources found are aggregated on the server with RegTAP's {@code ivo_string_agg}. A
 * registry that does not declare that function gets a second query fetching them for
 * all resources found at once, never one query per resource. Constraints are rendered for the
 * features the registry declares in its capabilities (UNION, the RegTAP functions), which are
 * fetched once and kept.
 *
 * <p>Instances are immutable in their configuration and thread-safe. Nothing here reads
 * environment variables: a program that honours {@code IVOA_REGISTRY} passes its value to
 * {@link #of(String)}. Failures are {@link org.vokit.VoException}s naming the registry's URL and
 * carrying its own message.
 */
public final class Registry implements AutoCloseable {

    /**
     * The well-known public RegTAP service of GAVO, a default for users (the one pyVO uses).
     */
    public static final URI DEFAULT_ENDPOINT = URI.create("http://reg.g-vo.org/tap");

    /** How many identifiers go into one detail query of a search without aggregation. */
    static final int IVOID_CHUNK = 500;

    /** The row limit asked for queries whose rows must all arrive (details, tables). */
    static final long DETAIL_MAXREC = 10_000_000L;

    private static final System.Logger LOG = System.getLogger(Registry.class.getPackageName());

    private final TapService tap;
    private final Duration timeout;
    private final OptionalLong maxrec;
    private final RenderContext fixedFeatures;
    private final AtomicReference<RenderContext> features = new AtomicReference<>();
    private final AtomicReference<Set<String>> tables = new AtomicReference<>();

    private Registry(Builder b) {
        this.timeout = b.timeout;
        TapService.Builder tb = TapService.builder(b.endpoint).syncTimeout(b.timeout);
        if (b.http != null) {
            tb.http(b.http);
        }
        this.tap = tb.build();
        this.maxrec = b.maxrec;
        this.fixedFeatures = b.features;
    }

    /**
     * Makes a registry client with default settings.
     *
     * @param tapUrl the RegTAP service's TAP base URL
     * @return the registry
     */
    public static Registry of(String tapUrl) {
        return builder(URI.create(Objects.requireNonNull(tapUrl, "tapUrl").strip())).build();
    }

    /**
     * Makes a registry client with default settings.
     *
     * @param tapUrl the RegTAP service's TAP base URL, e.g. {@link #DEFAULT_ENDPOINT}
     * @return the registry
     */
    public static Registry of(URI tapUrl) {
        return builder(tapUrl).build();
    }

    /**
     * Starts configuring a registry client.
     *
     * @param tapUrl the RegTAP service's TAP base URL (http or https)
     * @return a builder
     */
    public static Builder builder(URI tapUrl) {
        return new Builder(tapUrl);
    }

    /**
     * Returns the RegTAP service's TAP base URL.
     *
     * @return the URL
     */
    public URI endpoint() {
        return tap.baseUrl();
    }

    /**
     * Returns the HTTP client, which services opened from this registry's records share.
     *
     * @return the client
     */
    public VoHttp http() {
        return tap.http();
    }

    /**
     * Returns the RegTAP service as a TAP service, for hand-written RegTAP queries.
     *
     * @return the TAP service (its capabilities, once fetched, are kept)
     */
    public TapService tapService() {
        return tap;
    }

    /**
     * Returns the features constraints are rendered for: read from the registry's capabilities
     * on first use and kept (or as fixed by {@link Builder#features(RenderContext)}). A registry
     * without a VOSI capabilities endpoint (404) is assumed to declare nothing optional.
     *
     * @return the features
     * @throws IOException if the capabilities cannot be fetched or parsed
     */
    public RenderContext features() throws IOException {
        if (fixedFeatures != null) {
            return fixedFeatures;
        }
        RenderContext f = features.get();
        if (f == null) {
            try {
                f = RenderContext.of(tap.capabilities());
            } catch (HttpStatusException e) {
                if (e.status() != 404) {
                    throw e;
                }
                LOG.log(Level.WARNING, "the registry at " + endpoint() + " has no VOSI capabilities (" + e.detail()
                        + "); searching with plain ADQL 2.0");
                f = RenderContext.minimal();
            }
            features.compareAndSet(null, f);
            f = features.get();
        }
        return f;
    }

    /**
     * Returns the {@code rr} tables the registry has, fetched on first use and kept (from
     * {@code TAP_SCHEMA}, or VOSI tables where that fails).
     *
     * @return qualified, lower-case table names such as {@code rr.stc_spatial}
     * @throws IOException if neither source answers
     */
    public Set<String> regTapTables() throws IOException {
        Set<String> t = tables.get();
        if (t == null) {
            Set<String> found = new TreeSet<>();
            try {
                TapResult r = tap.runSync(TapQuery.of("SELECT table_name FROM tap_schema.tables WHERE"
                        + " schema_name = 'rr' OR schema_name = 'RR'").withTimeout(timeout));
                try (RowSequence rows = r.rows()) {
                    while (rows.next()) {
                        addTable(found, Rows.str(rows.getCell(0)));
                    }
                }
            } catch (QueryException e) {
                LOG.log(Level.DEBUG, "TAP_SCHEMA not usable at " + endpoint() + " (" + e.detail() + "); trying VOSI");
                for (TableSet.TableMeta m : tap.tables().tables()) {
                    addTable(found, m.name());
                }
            }
            tables.compareAndSet(null, Set.copyOf(found));
            t = tables.get();
        }
        return t;
    }

    private static void addTable(Set<String> into, String name) {
        if (name == null) {
            return;
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace("\"", "");
        if (!n.contains(".")) {
            n = "rr." + n;
        }
        if (n.startsWith("rr.")) {
            into.add(n);
        }
    }

    // ---------------------------------------------------------------- search

    /**
     * Finds the resources matching all constraints (none: every resource).
     *
     * @param constraints the conditions, combined with AND
     * @return the resources, ordered by IVOA identifier; if the registry cut the answer at its
     *     row limit a warning is logged (use {@link #searchResult} to see it)
     * @throws IOException if the registry fails ({@link QueryException} with its message) or
     *     lacks a table a constraint needs ({@link UnsupportedConstraintException})
     */
    public List<RegistryResource> search(Constraint... constraints) throws IOException {
        SearchResult r = searchResult(constraints);
        if (r.overflowed()) {
            LOG.log(Level.WARNING, "the registry at " + endpoint() + " cut the answer at its row limit; "
                    + r.resources().size() + " resources arrived, more may match");
        }
        return r.resources();
    }

    /**
     * Finds the resources matching all constraints and tells how it went.
     *
     * @param constraints the conditions, combined with AND
     * @return the resources, the overflow flag and the queries sent
     * @throws IOException if the registry fails or lacks a table a constraint needs
     */
    public SearchResult searchResult(Constraint... constraints) throws IOException {
        List<Constraint> cs = list(constraints);
        Deadline deadline = Deadline.in(timeout);
        RenderContext ctx = features();
        checkTables(cs);
        List<String> sent = new ArrayList<>();
        if (Queries.canAggregate(ctx)) {
            String adql = Queries.aggregated(ctx, cs);
            sent.add(adql);
            TapResult r = run(adql, maxrec, deadline);
            Rows.Aggregated parsed = Rows.aggregated(r, endpoint());
            if (parsed.consistent()) {
                return new SearchResult(assemble(parsed.resources(), parsed.parts()), r.overflowed(), sent);
            }
            LOG.log(Level.DEBUG, "aggregated values at " + endpoint() + " could not be read; asking for the"
                    + " capabilities separately");
            return withDetails(parsed.resources(), r.overflowed(), sent, deadline);
        }
        String adql = Queries.resourcesOnly(ctx, cs);
        sent.add(adql);
        TapResult r = run(adql, maxrec, deadline);
        return withDetails(Rows.resources(r, endpoint()), r.overflowed(), sent, deadline);
    }

    private SearchResult withDetails(List<Map<String, String>> resources, boolean overflowed, List<String> sent,
                                     Deadline deadline) throws IOException {
        Map<String, Rows.Parts> details = new LinkedHashMap<>();
        List<String> ivoids = resources.stream().map(m -> m.get("ivoid")).toList();
        boolean cut = overflowed;
        for (int from = 0; from < ivoids.size(); from += IVOID_CHUNK) {
            List<String> chunk = ivoids.subList(from, Math.min(ivoids.size(), from + IVOID_CHUNK));
            String adql = Queries.details(new LinkedHashSet<>(chunk));
            sent.add(adql);
            TapResult r = run(adql, OptionalLong.of(DETAIL_MAXREC), deadline);
            cut |= r.overflowed();
            Rows.details(r, endpoint(), details);
        }
        return new SearchResult(assemble(resources, details), cut, sent);
    }

    private List<RegistryResource> assemble(List<Map<String, String>> resources, Map<String, Rows.Parts> parts) {
        List<RegistryResource> out = new ArrayList<>();
        for (Map<String, String> res : resources) {
            Rows.Parts p = parts.get(res.get("ivoid"));
            out.add(Rows.resource(res, p != null ? p : new Rows.Parts(), this));
        }
        return out;
    }

    /**
     * Finds one resource by its IVOA identifier.
     *
     * @param ivoid the identifier (any case; RegTAP stores it in lower case)
     * @return the resource, or empty if the registry does not know it
     * @throws IOException if the registry fails
     */
    public Optional<RegistryResource> resolve(String ivoid) throws IOException {
        List<RegistryResource> found = search(Ivoid.of(ivoid));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Returns the ADQL {@link #search} would send first, rendered for this registry's features.
     *
     * @param constraints the conditions
     * @return the query
     * @throws IOException if the registry's capabilities cannot be fetched
     */
    public String renderQuery(Constraint... constraints) throws IOException {
        return renderQuery(features(), constraints);
    }

    /**
     * Renders the first query of a search for given features, without any network access.
     *
     * @param features the registry's features
     * @param constraints the conditions
     * @return the query
     */
    public static String renderQuery(RenderContext features, Constraint... constraints) {
        List<Constraint> cs = list(constraints);
        return Queries.canAggregate(features) ? Queries.aggregated(features, cs) : Queries.resourcesOnly(features, cs);
    }

    // ----------------------------------------------------------- VO-wide TAP

    /**
     * Finds the tables that can be queried through TAP and have a column whose UCD matches a
     * pattern, with the access URL of a TAP service serving each: the registry query behind a
     * VO-wide TAP query (course section 7). TAP and {@code tap#aux} capabilities both count;
     * tables declared only as service output ({@code table_type='output'}) do not. Rows whose
     * access URL is not http(s) are left out.
     *
     * @param ucdPattern a UCD {@code LIKE} pattern, e.g. {@code pos.pm%} (lower-cased, as RegTAP
     *     stores UCDs)
     * @param constraints further conditions on the resources (e.g. {@link Spatial})
     * @return the distinct (access URL, table name) pairs, ordered by table name
     * @throws IOException if the registry fails or lacks a table a constraint needs
     */
    public List<TapTable> tapTablesWithUcd(String ucdPattern, Constraint... constraints) throws IOException {
        String adql = renderTapTablesQuery(ucdPattern, constraints);
        checkTables(list(constraints));
        TapResult r = run(adql, OptionalLong.of(DETAIL_MAXREC), Deadline.in(timeout));
        if (r.overflowed()) {
            LOG.log(Level.WARNING, "the registry at " + endpoint() + " cut the table list at its row limit");
        }
        return Rows.tapTables(r, endpoint());
    }

    /**
     * Returns the ADQL {@link #tapTablesWithUcd} sends.
     *
     * @param ucdPattern the UCD pattern
     * @param constraints further conditions on the resources
     * @return the query
     * @throws IOException if the registry's capabilities cannot be fetched
     */
    public String renderTapTablesQuery(String ucdPattern, Constraint... constraints) throws IOException {
        String pattern = Ucd.of(Objects.requireNonNull(ucdPattern, "ucdPattern")).patterns().get(0);
        return Queries.tapTablesWithUcd(features(), pattern, list(constraints));
    }

    // -------------------------------------------------------------- internals

    /** Fetches one resource's tables with their columns, in one query. */
    List<RegTable> fetchTables(String ivoid) throws IOException {
        TapResult r = run(Queries.tables(ivoid), OptionalLong.of(DETAIL_MAXREC), Deadline.in(timeout));
        if (r.overflowed()) {
            LOG.log(Level.WARNING, "the registry at " + endpoint() + " cut the table list of " + ivoid
                    + " at its row limit");
        }
        return Rows.tables(r, endpoint());
    }

    private TapResult run(String adql, OptionalLong limit, Deadline deadline) throws IOException {
        if (deadline.expired()) {
            throw new DeadlineException("the registry search took longer than the " + timeout.toSeconds()
                    + " s allowed", tap.syncUrl(), timeout, null);
        }
        TapQuery q = TapQuery.of(adql).withTimeout(deadline.remaining());
        if (limit.isPresent()) {
            q = q.withMaxrec(limit.getAsLong());
        }
        LOG.log(Level.DEBUG, () -> "RegTAP query to " + endpoint() + ":\n" + adql);
        return tap.runSync(q);
    }

    private void checkTables(List<Constraint> cs) throws IOException {
        Set<String> needed = new TreeSet<>();
        for (Constraint c : cs) {
            for (String t : c.requiredTables()) {
                needed.add(t.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (needed.isEmpty()) {
            return;
        }
        Set<String> have = regTapTables();
        for (String t : needed) {
            if (!have.contains(t)) {
                String who = cs.stream().filter(c -> c.requiredTables().stream()
                        .anyMatch(x -> x.strip().equalsIgnoreCase(t))).map(c -> c.getClass().getSimpleName())
                        .findFirst().orElse("a constraint");
                throw new UnsupportedConstraintException("the registry has no table " + t + ", which the "
                        + who + " constraint needs (an extension of RegTAP 1.1); its rr tables are "
                        + String.join(", ", have), t, endpoint());
            }
        }
    }

    private static List<Constraint> list(Constraint... constraints) {
        Objects.requireNonNull(constraints, "constraints");
        List<Constraint> cs = Arrays.asList(constraints);
        for (Constraint c : cs) {
            Objects.requireNonNull(c, "constraint");
        }
        return List.copyOf(cs);
    }

    /**
     * Gives back the JVM's shared HTTP client if this registry borrowed it (made without
     * {@link Builder#http}); a client given to the builder stays open. The services opened from
     * this registry's records share its client: close the registry after them. Closing twice
     * does nothing.
     */
    @Override
    public void close() {
        tap.close();
    }

    @Override
    public String toString() {
        return "Registry[" + endpoint() + "]";
    }

    /** Builder of {@link Registry} clients. */
    public static final class Builder {
        private final URI endpoint;
        private VoHttp http;
        private Duration timeout = Duration.ofMinutes(2);
        private OptionalLong maxrec = OptionalLong.empty();
        private RenderContext features;

        private Builder(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("a registry needs an http(s) URL, not '" + endpoint + "'");
            }
            this.endpoint = endpoint;
        }

        /**
         * @param client the HTTP client (shared with the services opened from the results)
         * @return this builder
         */
        public Builder http(VoHttp client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @param d the overall time one search (all its queries) may take; default 2 minutes
         * @return this builder
         */
        public Builder timeout(Duration d) {
            Objects.requireNonNull(d, "d");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive: " + d);
            }
            this.timeout = d;
            return this;
        }

        /**
         * @param n the most resources a search asks for (MAXREC); default: the registry's own limit
         * @return this builder
         */
        public Builder maxrec(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxrec must not be negative: " + n);
            }
            this.maxrec = OptionalLong.of(n);
            return this;
        }

        /**
         * Fixes the features constraints are rendered for instead of reading the registry's
         * capabilities (for registries with wrong capabilities, or to test the plain ADQL 2.0
         * path against a full registry).
         *
         * @param f the features
         * @return this builder
         */
        public Builder features(RenderContext f) {
            this.features = Objects.requireNonNull(f, "f");
            return this;
        }

        /** @return the registry client */
        public Registry build() {
            return new Registry(this);
        }
    }
}
