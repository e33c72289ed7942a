package org.vokit.samp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.httpd.HttpServer;
import org.vokit.http.VoHttp;
import uk.ac.starlink.table.StarTable;

/**
 * A registration with a SAMP hub: sending tables, images, spectra, positions, highlights and
 * selections to other clients, and answering the messages they send.
 *
 * <pre>{@code
 * try (SampConnection samp = SampConnection.builder()
 *         .name("my-script").description("Finds bright stars")
 *         .on(MTypes.COORD_POINT_AT_SKY, msg -> { show(msg.requireDouble("ra"), msg.requireDouble("dec")); return null; })
 *         .connect()) {                                   // the standard hub: ~/.samp
 *     samp.sendTable(result.table(), "bright stars", SampTarget.client("topcat"));
 *     samp.pointAt(10.0, 20.0, SampTarget.subscribed());
 * }                                                       // unregistered here
 * }</pre>
 *
 * <p><b>The hub</b> is chosen explicitly: a lockfile ({@link Builder#lockFile}, {@link Builder#lockUrl})
 * or any JSAMP {@link ClientProfile}; by default the Standard Profile lockfile {@code .samp} in
 * the user's home directory. ({@link #standardLockUrl} maps a {@code SAMP_HUB} setting onto it;
 * nothing here reads the environment by itself.)
 *
 * <p><b>Sending.</b> Every send is a SAMP call that waits, within one deadline, for each
 * recipient's reply. A target naming a client ({@link SampTarget#client}) that is missing or not
 * subscribed raises {@link NoSuchClientException} listing the clients that are there; its
 * {@code samp.error} reply raises {@link SampErrorException} and its silence
 * {@link SampTimeoutException}. A broadcast ({@link SampTarget#subscribed}) returns every reply,
 * successful or not, and fails only if nobody is subscribed. Local tables are served as
 * BINARY2 VOTables by an HTTP server on the loopback interface, under unguessable paths.
 * SAMP strings are ASCII: other characters in parameters are transliterated
 * ({@link #sampString}).
 *
 * <p><b>Receiving.</b> {@link #on} binds a {@link SampHandler} to an MType and declares the
 * subscription. Handlers run on the connection's own threads (one queue per MType), every call
 * gets a reply, and handler exceptions are logged and answered with {@code samp.error}; they
 * never reach the hub's threads. The hub's callbacks are parsed by vokit's safe XML parser on a
 * server bound to loopback.
 *
 * <p><b>Lifetime.</b> {@link #close()} unregisters, stops the connection's threads and takes
 * back its shutdown hook: nothing of it is left in the JVM. Until then a JVM shutdown hook
 * unregisters too, so that an interrupted program leaves no zombie client behind (registered
 * with {@link Builder#shutdownHooks}, by default the JVM's own). Instances are thread-safe.
 *
 * <p>The work is shared between package-private parts that each read alone: sending
 * ({@code SampSender}), receiving ({@code SampReceiver}), the served tables
 * ({@code SharedTables}), SAMP's value rules ({@code SampValues}) and opening a connection
 * ({@code SampConnector}); this class holds the lifetime and the public face.
 */
public final class SampConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SampConnection.class.getName());

    private final HubConnection hub;
    private final URI hubUrl;
    private final URI lockUrl;
    private final boolean hubLocal;
    private final HttpServer httpServer;
    private final Duration callTimeout;
    private final String name;
    private final SampSender sender;
    private final SampReceiver receiver;
    private final SharedTables tables;
    private final List<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean connected = true;
    private Thread shutdownHook;
    private ShutdownHooks hooks;

    SampConnection(Builder b, HubConnection hub, URI hubUrl, URI lockUrl, HttpServer httpServer) {
        this.hub = hub;
        this.hubUrl = hubUrl;
        this.lockUrl = lockUrl;
        this.hubLocal = hubUrl != null && isLocalHost(hubUrl.getHost());
        this.httpServer = httpServer;
        this.callTimeout = b.callTimeout;
        this.name = b.name;
        this.tables = new SharedTables(httpServer, b.maxShared);
        this.sender = new SampSender(this, hub, hubUrl, callTimeout);
        this.receiver = new SampReceiver(this, hub, sender, name, b.handlers);
    }

    /**
     * Starts configuring a connection.
     *
     * @return a builder; the default name is {@code vokit}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the Standard Profile lockfile as the SAMP standard locates it: the
     * {@code std-lockurl:} value of {@code SAMP_HUB} if set, otherwise {@code .samp} in the home
     * directory. The caller passes the environment and the home directory in, so a command line
     * can map them onto {@link Builder#lockUrl}.
     *
     * @param env the environment (for example {@code System.getenv()})
     * @param home the user's home directory
     * @return the lockfile's URL
     * @throws IllegalArgumentException if {@code SAMP_HUB} is set to something other than a
     *     {@code std-lockurl:} URL
     */
    public static URI standardLockUrl(Map<String, String> env, Path home) {
        String hubloc = env.get("SAMP_HUB");
        if (hubloc != null && !hubloc.isBlank()) {
            String v = hubloc.strip();
            if (!v.startsWith("std-lockurl:")) {
                throw new IllegalArgumentException("SAMP_HUB=" + v + " is not a std-lockurl: value;"
                        + " only the Standard Profile is supported");
            }
            try {
                return new URI(v.substring("std-lockurl:".length()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("SAMP_HUB holds an invalid URL: " + v, e);
            }
        }
        return home.resolve(".samp").toUri();
    }

    // ------------------------------------------------------------------ identity

    /** @return the public id the hub gave this client */
    public String selfId() {
        return hub.getRegInfo().getSelfId();
    }

    /** @return the hub's own client id */
    public String hubId() {
        return hub.getRegInfo().getHubId();
    }

    /** @return the name this client declared */
    public String name() {
        return name;
    }

    /** @return the hub's XML-RPC endpoint, or null if a custom profile hides it */
    public URI hubUrl() {
        return hubUrl;
    }

    /** @return the lockfile the hub was found through, or null for a custom profile */
    public URI lockUrl() {
        return lockUrl;
    }

    /** @return the time a call waits for replies unless told otherwise */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** @return true until {@link #close()}, a hub shutdown or a disconnection by the hub */
    public boolean isConnected() {
        return connected && !closed.get();
    }

    /**
     * Registers an action run when the hub shuts down or disconnects this client (not on
     * {@link #close()}).
     *
     * @param listener the action; it runs on a connection thread and must not block for long
     */
    public void onDisconnect(Runnable listener) {
        disconnectListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Lists the other registered clients (including the hub itself), as the hub describes them now.
     *
     * @return the clients, in the hub's order
     * @throws SampException if the hub cannot be asked
     */
    public List<SampClient> clients() throws SampException {
        return sender.clients();
    }

    /**
     * Finds one client by id or, failing that, by name (ignoring case).
     *
     * @param idOrName for example {@code c2}, {@code topcat} or {@code Aladin}
     * @return the client
     * @throws NoSuchClientException if there is none; the message lists the clients present
     * @throws SampException if the hub cannot be asked
     */
    public SampClient client(String idOrName) throws SampException {
        return sender.client(idOrName);
    }

    /**
     * Resolves a target for an MType into the clients a message would go to.
     *
     * @param target whom to send to
     * @param mtype the MType to be sent
     * @return the recipients, never empty
     * @throws NoSuchClientException if the target matches nobody, or nobody it matches is
     *     subscribed to the MType; the message says who is there
     * @throws SampException if the hub cannot be asked
     */
    public List<SampClient> recipients(SampTarget target, String mtype) throws SampException {
        return sender.recipients(target, mtype);
    }

    /**
     * Tells whether a sender may be trusted with local files: it is registered with this
     * connection's hub, and that hub is a Standard Profile hub on this host (whose clients are
     * processes of the user who can read the lockfile). Web Profile clients are vetted by the
     * hub, which in JSAMP also refuses to forward local URLs they did not receive.
     *
     * @param senderId the sender's public id
     * @return true if the sender is a client on this host
     */
    public boolean isLocalSender(String senderId) {
        if (!hubLocal || senderId == null || !isConnected()) {
            return false;
        }
        try {
            return Arrays.asList(hub.getRegisteredClients()).contains(senderId);
        } catch (org.astrogrid.samp.client.SampException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Binds a handler to an MType (or an MType wildcard such as {@code table.load.*}) and
     * declares the subscription to the hub. A later binding of the same MType replaces it.
     *
     * @param mtype the MType
     * @param handler the handler
     * @throws SampException if the hub refuses the subscriptions
     */
    public void on(String mtype, SampHandler handler) throws SampException {
        receiver.on(mtype, handler);
    }

    /**
     * Removes the handler of an MType and withdraws the subscription.
     *
     * @param mtype the MType as bound
     * @throws SampException if the hub refuses the new subscriptions
     */
    public void off(String mtype) throws SampException {
        receiver.off(mtype);
    }

    /** @return the MTypes this connection is subscribed to, including the built-in ones */
    public Set<String> subscriptions() {
        return receiver.subscriptions();
    }

    /**
     * Makes a string legal in SAMP, whose strings may hold only ASCII characters 0x20 to 0x7f,
     * tab, newline and carriage return: accents are dropped ({@code Å} becomes {@code A}), the
     * degree sign becomes {@code deg}, other characters become {@code ?}.
     *
     * @param s any text
     * @return the text as SAMP can carry it
     */
    public static String sampString(String s) {
        return SampValues.sampString(s);
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a call and waits for the replies, up to {@link #callTimeout()}.
     *
     * @param target whom to send to
     * @param mtype the MType
     * @param params the parameters (converted to SAMP strings, lists and maps)
     * @return what was sent and every reply
     * @throws NoSuchClientException if nobody matches the target
     * @throws SampErrorException if a specific target answered {@code samp.error}
     * @throws SampTimeoutException if a specific target did not answer in time
     * @throws InterruptedIOException if the thread is interrupted while waiting
     * @throws SampException for other failures
     */
    public SampDelivery call(SampTarget target, String mtype, Map<String, ?> params) throws IOException {
        return sender.call(target, mtype, params);
    }

    /**
     * Sends a call and waits for the replies within one deadline for all recipients.
     *
     * @param target whom to send to
     * @param mtype the MType
     * @param params the parameters
     * @param timeout the time allowed for all replies
     * @return what was sent and every reply
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery call(SampTarget target, String mtype, Map<String, ?> params, Duration timeout)
            throws IOException {
        return sender.call(target, mtype, params, timeout);
    }

    /**
     * Sends a notification, which gets no reply.
     *
     * @param target whom to send to
     * @param mtype the MType
     * @param params the parameters
     * @return the recipients
     * @throws SampException if nobody matches the target or the hub refuses
     */
    public List<SampClient> notify(SampTarget target, String mtype, Map<String, ?> params) throws SampException {
        return sender.notify(target, mtype, params);
    }

    /**
     * Serves a table as a BINARY2 VOTable and sends {@code table.load.votable} with a new table id.
     *
     * @param table the table; it is read again each time a recipient fetches it
     * @param name the name the recipient shows (null for the table's own name)
     * @param target whom to send to
     * @return the delivery; its {@code table-id} and {@code url} identify the table in later
     *     highlight and selection messages
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery sendTable(StarTable table, String name, SampTarget target) throws IOException {
        return sender.sendTable(table, name, target);
    }

    /**
     * Serves a table as a BINARY2 VOTable and sends {@code table.load.votable}.
     *
     * @param table the table
     * @param name the name the recipient shows (null for the table's own name)
     * @param tableId the table id (null for a new unique one)
     * @param target whom to send to
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery sendTable(StarTable table, String name, String tableId, SampTarget target)
            throws IOException {
        return sender.sendTable(table, name, tableId, target);
    }

    /**
     * Serves a table as a BINARY2 VOTable and sends {@code table.load.votable}, waiting at most
     * the given time for the replies.
     *
     * @param table the table
     * @param name the name the recipient shows (null for the table's own name)
     * @param tableId the table id (null for a new unique one)
     * @param target whom to send to
     * @param timeout the time allowed for the replies
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery sendTable(StarTable table, String name, String tableId, SampTarget target, Duration timeout)
            throws IOException {
        return sender.sendTable(table, name, tableId, target, timeout);
    }

    /**
     * Sends a table that is already at a URL: {@code table.load.fits} if the path ends in
     * {@code .fits}, {@code .fit} or {@code .fts}, otherwise {@code table.load.votable}.
     *
     * @param url where the recipient reads it
     * @param name the name to show, or null
     * @param tableId the table id (null for the URL itself)
     * @param target whom to send to
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery sendTableUrl(URI url, String name, String tableId, SampTarget target) throws IOException {
        return sender.sendTableUrl(url, name, tableId, target);
    }

    /**
     * Sends {@code image.load.fits}.
     *
     * @param url the image's URL
     * @param name the name to show, or null
     * @param target whom to send to
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery sendImage(URI url, String name, SampTarget target) throws IOException {
        return sender.sendImage(url, name, target);
    }

    /**
     * Sends {@code spectrum.load.ssa-generic}.
     *
     * @param url the spectrum's URL
     * @param name the name to show, or null
     * @param meta SSA metadata (e.g. {@code Access.Format}), or null; {@code Access.Reference}
     *     is added
     * @param target whom to send to
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery sendSpectrum(URI url, String name, Map<String, String> meta, SampTarget target)
            throws IOException {
        return sender.sendSpectrum(url, name, meta, target);
    }

    /**
     * Sends {@code coord.pointAt.sky}.
     *
     * @param ra right ascension in degrees (ICRS)
     * @param dec declination in degrees (ICRS)
     * @param target whom to send to
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery pointAt(double ra, double dec, SampTarget target) throws IOException {
        return sender.pointAt(ra, dec, target);
    }

    /**
     * Sends {@code table.highlight.row}.
     *
     * @param tableId the table's id as it was loaded
     * @param url the table's URL as it was loaded
     * @param row the row index, from 0
     * @param target whom to send to
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery highlightRow(String tableId, URI url, long row, SampTarget target) throws IOException {
        return sender.highlightRow(tableId, url, row, target);
    }

    /**
     * Sends {@code table.select.rowList}.
     *
     * @param tableId the table's id as it was loaded
     * @param url the table's URL as it was loaded
     * @param rows the row indices, from 0
     * @param target whom to send to
     * @return the delivery
     * @throws IOException as for {@link #call(SampTarget, String, Map)}
     */
    public SampDelivery selectRows(String tableId, URI url, Collection<Long> rows, SampTarget target)
            throws IOException {
        return sender.selectRows(tableId, url, rows, target);
    }

    /**
     * Serves a table as a BINARY2 VOTable on this connection's loopback HTTP server, until the
     * connection closes or more than the configured number of resources are shared (the oldest
     * then answers 410 Gone).
     *
     * @param table the table
     * @param name a name that appears in the URL (sanitised)
     * @return the URL
     */
    public URI shareTable(StarTable table, String name) {
        checkOpenUnchecked();
        return tables.shareTable(table, name);
    }

    /**
     * Waits until a table shared by this connection has been fetched completely a number of
     * times, for example once by each recipient that accepted it: a program that is about to
     * exit calls this so that a recipient which answered before reading still gets the table.
     *
     * @param url a URL from {@link #shareTable} or a delivery of {@link #sendTable}
     * @param times how many complete fetches to wait for
     * @param max the longest wait
     * @return true if it was fetched that often in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitFetches(URI url, int times, Duration max) throws InterruptedException {
        return tables.awaitFetches(url, times, max);
    }

    // ------------------------------------------------------------------ lifetime

    SampReceiver receiver() {
        return receiver;
    }

    void checkOpen() throws SampException {
        if (closed.get()) {
            throw new SampException("the SAMP connection is closed", hubUrl);
        }
        if (!connected) {
            throw new SampException("the SAMP hub has gone away", hubUrl);
        }
    }

    private void checkOpenUnchecked() {
        if (closed.get()) {
            throw new IllegalStateException("the SAMP connection is closed");
        }
    }

    SampException hubFailure(String what, Exception e) {
        return new SampException(what + ": " + SampValues.text(e), hubUrl, e);
    }

    /** The hub ended the connection (shutdown or disconnection): calls fail, listeners hear of it. */
    void lost(String why) {
        if (!connected) {
            return;
        }
        connected = false;
        LOG.log(Level.INFO, "SAMP connection " + name + " ended by the hub (" + why + ")");
        sender.failPending("the hub ended the connection (" + why + ")");
        for (Runnable r : disconnectListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "disconnect listener failed", e);
            }
        }
    }

    /** Registers the hook that unregisters at JVM shutdown unless {@link #close()} comes first. */
    synchronized void installShutdownHook(ShutdownHooks where) {
        Thread hook = new Thread(this::release, "vokit-samp-unregister " + name);
        where.add(hook);
        this.hooks = where;
        this.shutdownHook = hook;
    }

    /**
     * Unregisters from the hub, stops serving tables, stops the handler threads and takes back
     * the shutdown hook. Calls waiting for replies fail. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread hook;
        ShutdownHooks where;
        synchronized (this) {
            hook = shutdownHook;
            where = hooks;
            shutdownHook = null;
        }
        if (hook != null && Thread.currentThread() != hook) {
            where.remove(hook);
        }
        release();
    }

    private synchronized void release() {
        boolean wasConnected = connected;
        connected = false;
        if (wasConnected) {
            try {
                hub.unregister();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "unregistering failed: " + e.getMessage());
            }
        }
        sender.failPending("the SAMP connection was closed");
        receiver.shutdown();
        httpServer.stop();
    }

    @Override
    public String toString() {
        return "SampConnection[" + name + (closed.get() ? ", closed" : ", " + hubUrl) + "]";
    }

    private static boolean isLocalHost(String host) {
        if (host == null) {
            return false;
        }
        try {
            InetAddress addr = InetAddress.getByName(host);
            return addr.isLoopbackAddress() || addr.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(addr) != null;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ builder

    /** Configures and opens a {@link SampConnection}. */
    public static final class Builder {
        String name = "vokit";
        private String description;
        private URI iconUrl;
        private URI documentationUrl;
        private String version;
        private final Map<String, String> extra = new LinkedHashMap<>();
        final Map<String, SampHandler> handlers = new LinkedHashMap<>();
        URI lockUrl;
        ClientProfile profile;
        Duration callTimeout = Duration.ofSeconds(30);
        boolean shutdownHook = true;
        int maxShared = 64;
        ShutdownHooks hooks = ShutdownHooks.RUNTIME;
        VoHttp http;

        private Builder() {
        }

        /**
         * Sets the client name other applications show ({@code samp.name}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a SAMP client needs a name");
            }
            this.name = name.strip();
            return this;
        }

        /**
         * Sets {@code samp.description.text}.
         *
         * @param text the description
         * @return this builder
         */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /**
         * Sets {@code samp.icon.url}.
         *
         * @param url the icon's URL
         * @return this builder
         */
        public Builder iconUrl(URI url) {
            this.iconUrl = url;
            return this;
        }

        /**
         * Sets {@code samp.documentation.url}.
         *
         * @param url the documentation's URL
         * @return this builder
         */
        public Builder documentationUrl(URI url) {
            this.documentationUrl = url;
            return this;
        }

        /**
         * Sets the version, declared as metadata item {@code vokit.version}.
         *
         * @param version the version text
         * @return this builder
         */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /**
         * Adds another metadata item.
         *
         * @param key the key (not in the reserved {@code samp.} namespace)
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            if (key.startsWith("samp.")) {
                throw new IllegalArgumentException("'samp.' keys are set by their own builder methods: " + key);
            }
            extra.put(key, value);
            return this;
        }

        /**
         * Binds a handler before connecting, so that the first subscription declaration
         * already includes it.
         *
         * @param mtype the MType or wildcard
         * @param handler the handler
         * @return this builder
         */
        public Builder on(String mtype, SampHandler handler) {
            handlers.put(Objects.requireNonNull(mtype, "mtype"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Finds the hub through a Standard Profile lockfile URL.
         *
         * @param url a {@code file:} (or {@code http(s):}) URL of the lockfile
         * @return this builder
         */
        public Builder lockUrl(URI url) {
            this.lockUrl = Objects.requireNonNull(url, "url");
            this.profile = null;
            return this;
        }

        /**
         * Finds the hub through a Standard Profile lockfile.
         *
         * @param file the lockfile
         * @return this builder
         */
        public Builder lockFile(Path file) {
            return lockUrl(file.toAbsolutePath().toUri());
        }

        /**
         * Uses any JSAMP client profile (for example the Web Profile) instead of a lockfile.
         * Callbacks then go through that profile's own XML-RPC server, and no sender counts as
         * local for {@link #isLocalSender}.
         *
         * @param p the profile
         * @return this builder
         */
        public Builder profile(ClientProfile p) {
            this.profile = Objects.requireNonNull(p, "profile");
            this.lockUrl = null;
            return this;
        }

        /**
         * Sets how long calls wait for replies by default.
         *
         * @param d the timeout
         * @return this builder
         */
        public Builder callTimeout(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive: " + d);
            }
            this.callTimeout = d;
            return this;
        }

        /**
         * Sets whether a JVM shutdown hook unregisters the client (default true).
         *
         * @param b true to unregister on shutdown
         * @return this builder
         */
        public Builder unregisterOnShutdown(boolean b) {
            this.shutdownHook = b;
            return this;
        }

        /**
         * Sets where the shutdown hook is registered (default {@link ShutdownHooks#RUNTIME});
         * {@link SampConnection#close()} takes it back from there.
         *
         * @param h the hooks
         * @return this builder
         */
        public Builder shutdownHooks(ShutdownHooks h) {
            this.hooks = Objects.requireNonNull(h, "hooks");
            return this;
        }

        /**
         * Sets how many shared tables stay available at once (default 64).
         *
         * @param n the limit, at least 1
         * @return this builder
         */
        public Builder maxSharedResources(int n) {
            this.maxShared = Math.max(1, n);
            return this;
        }

        /**
         * Sets the HTTP client used to read an {@code http(s)} lockfile.
         *
         * @param client the client
         * @return this builder
         */
        public Builder http(VoHttp client) {
            this.http = client;
            return this;
        }

        Map<String, Object> metadata() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(Metadata.NAME_KEY, name);
            if (description != null) {
                m.put(Metadata.DESCTEXT_KEY, description);
            }
            if (iconUrl != null) {
                m.put(Metadata.ICONURL_KEY, iconUrl.toString());
            }
            if (documentationUrl != null) {
                m.put(Metadata.DOCURL_KEY, documentationUrl.toString());
            }
            if (version != null) {
                m.put("vokit.version", version);
            }
            m.putAll(extra);
            return m;
        }


        /**
         * Registers with the hub.
         *
         * @return the open connection
         * @throws SampException if no hub is running or the hub refuses the registration
         * @throws IOException if the local HTTP server cannot be started
         */
        public SampConnection connect() throws IOException {
            return SampConnector.connect(this);
        }
    }
}
