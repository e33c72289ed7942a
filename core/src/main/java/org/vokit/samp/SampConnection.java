package org.vokit.samp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.astrogrid.samp.ErrInfo;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.Response;
import org.astrogrid.samp.Subscriptions;
import org.astrogrid.samp.client.CallableClient;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.httpd.HttpServer;
import org.astrogrid.samp.httpd.ResourceHandler;
import org.astrogrid.samp.httpd.ServerResource;
import org.astrogrid.samp.xmlrpc.LockInfo;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.samp.internal.CallbackServer;
import org.vokit.samp.internal.LockfileProfile;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

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
 * <p><b>Lifetime.</b> {@link #close()} unregisters. Until then a JVM shutdown hook unregisters
 * too, so that an interrupted program leaves no zombie client behind. Instances are thread-safe.
 */
public final class SampConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SampConnection.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LANE_QUEUE = 256;

    private final HubConnection hub;
    private final URI hubUrl;
    private final URI lockUrl;
    private final boolean hubLocal;
    private final HttpServer httpServer;
    private final ResourceHandler resources;
    private final Duration callTimeout;
    private final int maxShared;
    private final String name;
    private final Map<String, Object> metadata;
    private final Map<String, SampHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final List<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();
    private final Deque<URL> shared = new ArrayDeque<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> fetchCounts = new ConcurrentHashMap<>();
    private final AtomicLong tags = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object subscriptionLock = new Object();
    private final String tagPrefix;
    private volatile boolean connected = true;
    private Thread shutdownHook;

    private SampConnection(Builder b, HubConnection hub, URI hubUrl, URI lockUrl, HttpServer httpServer) {
        this.hub = hub;
        this.hubUrl = hubUrl;
        this.lockUrl = lockUrl;
        this.hubLocal = hubUrl != null && isLocalHost(hubUrl.getHost());
        this.httpServer = httpServer;
        this.resources = new ResourceHandler(httpServer, "/shared");
        httpServer.addHandler(resources);
        this.callTimeout = b.callTimeout;
        this.maxShared = b.maxShared;
        this.name = b.name;
        this.metadata = b.metadata();
        this.handlers.putAll(b.handlers);
        this.tagPrefix = "vokit-" + token(4) + "-";
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

    // ------------------------------------------------------------------ clients

    /**
     * Lists the other registered clients (including the hub itself), as the hub describes them now.
     *
     * @return the clients, in the hub's order
     * @throws SampException if the hub cannot be asked
     */
    public List<SampClient> clients() throws SampException {
        checkOpen();
        try {
            List<SampClient> out = new ArrayList<>();
            for (String id : hub.getRegisteredClients()) {
                out.add(describe(id));
            }
            return out;
        } catch (org.astrogrid.samp.client.SampException e) {
            throw hubFailure("could not list the registered clients", e);
        }
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
        List<SampClient> all = clients();
        List<SampClient> found = match(SampTarget.client(idOrName), all);
        if (found.isEmpty()) {
            throw new NoSuchClientException("no SAMP client '" + idOrName + "'; " + present(all), hubUrl, all);
        }
        return found.get(0);
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
        List<SampClient> all = clients();
        if (target.kind() == SampTarget.Kind.SUBSCRIBED) {
            List<SampClient> subs = all.stream().filter(c -> c.isSubscribed(mtype)).toList();
            if (subs.isEmpty()) {
                throw new NoSuchClientException("no SAMP client is subscribed to " + mtype + "; " + present(all),
                        hubUrl, all);
            }
            return subs;
        }
        List<SampClient> found = match(target, all);
        if (found.isEmpty()) {
            throw new NoSuchClientException("no SAMP " + target + " is registered; " + present(all), hubUrl, all);
        }
        List<SampClient> listening = found.stream().filter(c -> c.isSubscribed(mtype)).toList();
        if (listening.isEmpty()) {
            String who = found.stream().map(SampClient::describe).collect(Collectors.joining(", "));
            String subs = all.stream().filter(c -> c.isSubscribed(mtype)).map(SampClient::describe)
                    .collect(Collectors.joining(", "));
            throw new NoSuchClientException(who + (found.size() == 1 ? " is" : " are") + " not subscribed to "
                    + mtype + "; " + (subs.isEmpty() ? "no client is" : "subscribed: " + subs), hubUrl, all);
        }
        return listening;
    }

    private static List<SampClient> match(SampTarget target, List<SampClient> all) {
        String v = target.value();
        return switch (target.kind()) {
            case ID -> all.stream().filter(c -> c.id().equals(v)).toList();
            case NAME -> all.stream().filter(c -> c.isNamed(v)).toList();
            case ID_OR_NAME -> {
                List<SampClient> byId = all.stream().filter(c -> c.id().equals(v)).toList();
                yield byId.isEmpty() ? all.stream().filter(c -> c.isNamed(v)).toList() : byId;
            }
            case SUBSCRIBED -> all;
        };
    }

    private static String present(List<SampClient> all) {
        if (all.isEmpty()) {
            return "no other clients are registered";
        }
        return "clients present: " + all.stream().map(SampClient::describe).collect(Collectors.joining(", "));
    }

    private SampClient describe(String id) throws org.astrogrid.samp.client.SampException {
        Map<String, Object> meta = new LinkedHashMap<>();
        Metadata m = hub.getMetadata(id);
        if (m != null) {
            for (Object e : m.entrySet()) {
                Map.Entry<?, ?> en = (Map.Entry<?, ?>) e;
                if (en.getKey() != null && en.getValue() != null) {
                    meta.put(en.getKey().toString(), en.getValue());
                }
            }
        }
        Set<String> subs = new LinkedHashSet<>();
        Subscriptions s = hub.getSubscriptions(id);
        if (s != null) {
            for (Object k : s.keySet()) {
                subs.add(k.toString());
            }
        }
        Object n = meta.get(Metadata.NAME_KEY);
        return new SampClient(id, n instanceof String str ? str : null, meta, subs);
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
        Objects.requireNonNull(mtype, "mtype");
        Objects.requireNonNull(handler, "handler");
        checkOpen();
        synchronized (subscriptionLock) {
            handlers.put(mtype, handler);
            declareSubscriptions();
        }
    }

    /**
     * Removes the handler of an MType and withdraws the subscription.
     *
     * @param mtype the MType as bound
     * @throws SampException if the hub refuses the new subscriptions
     */
    public void off(String mtype) throws SampException {
        checkOpen();
        synchronized (subscriptionLock) {
            if (handlers.remove(mtype) != null) {
                declareSubscriptions();
            }
        }
    }

    /** @return the MTypes this connection is subscribed to, including the built-in ones */
    public Set<String> subscriptions() {
        Set<String> s = new LinkedHashSet<>(handlers.keySet());
        s.add(MTypes.PING);
        s.add(MTypes.HUB_SHUTDOWN);
        s.add(MTypes.HUB_DISCONNECT);
        return s;
    }

    private void declareSubscriptions() throws SampException {
        Subscriptions subs = new Subscriptions();
        for (String m : subscriptions()) {
            subs.addMType(m);
        }
        try {
            hub.declareSubscriptions(subs);
        } catch (org.astrogrid.samp.client.SampException e) {
            throw hubFailure("the hub refused the subscriptions", e);
        }
    }

    private final class Callable implements CallableClient {
        @Override
        public void receiveNotification(String senderId, Message msg) {
            dispatch(toMessage(msg, senderId, null));
        }

        @Override
        public void receiveCall(String senderId, String msgId, Message msg) {
            dispatch(toMessage(msg, senderId, msgId));
        }

        @Override
        public void receiveResponse(String responderId, String msgTag, Response response) {
            CompletableFuture<Response> f = pending.remove(msgTag);
            if (f != null) {
                f.complete(response);
            } else {
                LOG.log(Level.DEBUG, "late or unknown SAMP reply {0} from {1}", msgTag, responderId);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static SampMessage toMessage(Message msg, String senderId, String msgId) {
        Map<String, Object> params = new LinkedHashMap<>();
        Map<?, ?> raw = msg.getParams();
        if (raw != null) {
            for (Map.Entry<?, ?> e : raw.entrySet()) {
                if (e.getKey() != null && e.getValue() != null) {
                    params.put(e.getKey().toString(), e.getValue());
                }
            }
        }
        String mtype = msg.getMType();
        return new SampMessage(mtype == null ? "" : mtype, params, senderId == null ? "" : senderId, msgId);
    }

    private void dispatch(SampMessage m) {
        try {
            switch (m.mtype()) {
                case MTypes.PING -> {
                    replyOk(m, Map.of());
                    return;
                }
                case MTypes.HUB_SHUTDOWN, MTypes.HUB_DISCONNECT -> {
                    replyOk(m, Map.of());
                    lost(m.mtype());
                    return;
                }
                default -> {
                    // handled below
                }
            }
            String key = handlerKey(m.mtype());
            if (key == null) {
                replyError(m, new IllegalStateException(name + " is not subscribed to " + m.mtype()));
                return;
            }
            SampHandler h = handlers.get(key);
            ExecutorService lane = lanes.computeIfAbsent(key, this::newLane);
            try {
                lane.execute(() -> runHandler(h, m));
            } catch (RejectedExecutionException e) {
                replyError(m, new IllegalStateException(name + " is too busy to handle " + m.mtype() + " now"));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not dispatch SAMP message " + m.mtype(), e);
        }
    }

    private String handlerKey(String mtype) {
        if (handlers.containsKey(mtype)) {
            return mtype;
        }
        String best = null;
        int bestLevel = -1;
        for (String pattern : handlers.keySet()) {
            int level = Subscriptions.matchLevel(pattern, mtype);
            if (level > bestLevel) {
                best = pattern;
                bestLevel = level;
            }
        }
        return best;
    }

    private ExecutorService newLane(String mtype) {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(LANE_QUEUE), r -> {
                    Thread t = new Thread(r, "vokit-samp " + name + " " + mtype);
                    t.setDaemon(true);
                    return t;
                });
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }

    private void runHandler(SampHandler h, SampMessage m) {
        Map<String, ?> result;
        try {
            result = h.handle(m);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "SAMP handler for " + m.mtype() + " from " + m.senderId() + " failed: " + text(t));
            LOG.log(Level.DEBUG, "handler failure", t);
            replyError(m, t);
            if (t instanceof Error e && !(t instanceof AssertionError)) {
                throw e;
            }
            return;
        }
        replyOk(m, result);
    }

    private void replyOk(SampMessage m, Map<String, ?> result) {
        if (!m.isCall()) {
            return;
        }
        reply(m, Response.createSuccessResponse(result == null ? Map.of() : toSampMap(result)));
    }

    private void replyError(SampMessage m, Throwable t) {
        if (!m.isCall()) {
            return;
        }
        ErrInfo err = new ErrInfo();
        err.setErrortxt(sampString(text(t)));
        err.setCode(sampString(t.getClass().getSimpleName()));
        reply(m, Response.createErrorResponse(err));
    }

    private void reply(SampMessage m, Response r) {
        if (!isConnected()) {
            return;
        }
        try {
            hub.reply(m.msgId(), r);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not reply to " + m.mtype() + " from " + m.senderId() + ": " + e.getMessage());
        }
    }

    private static String text(Throwable t) {
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }

    /**
     * Converts a result into SAMP's types: strings, lists and maps. Numbers become their decimal
     * text, booleans {@code "1"} or {@code "0"} (as the SAMP standard suggests); nulls are left out.
     */
    static Map<String, Object> toSampMap(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            Object v = toSamp(e.getValue());
            if (e.getKey() != null && v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static Object toSamp(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String str) {
            return sampString(str);
        }
        if (v instanceof URI u) {
            return u.toASCIIString();
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object x = toSamp(e.getValue());
                if (e.getKey() != null && x != null) {
                    out.put(e.getKey().toString(), x);
                }
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                Object x = toSamp(o);
                if (x != null) {
                    out.add(x);
                }
            }
            return out;
        }
        return v.toString();
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
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            plain = isSampChar(s.charAt(i));
        }
        if (plain) {
            return s;
        }
        String t = java.text.Normalizer.normalize(s.replace("\u00b0", "deg"), java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        StringBuilder sb = new StringBuilder(t.length());
        t.codePoints().forEach(cp -> sb.append(cp < 0x10000 && isSampChar((char) cp) ? (char) cp
                : Character.isWhitespace(cp) || Character.isISOControl(cp) ? ' ' : '?'));
        return sb.toString();
    }

    private static boolean isSampChar(char c) {
        return (c >= 0x20 && c <= 0x7f) || c == '\t' || c == '\n' || c == '\r';
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
        return call(target, mtype, params, callTimeout);
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
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mtype, "mtype");
        Deadline deadline = Deadline.in(timeout);
        List<SampClient> to = recipients(target, mtype);
        Map<String, Object> sampParams = toSampMap(params == null ? Map.of() : params);
        Message msg = new Message(mtype, sampParams);
        List<String> sentTags = new ArrayList<>();
        List<SampReply> replies = new ArrayList<>();
        try {
            Map<SampClient, CompletableFuture<Response>> futures = new LinkedHashMap<>();
            for (SampClient c : to) {
                String tag = tagPrefix + tags.incrementAndGet();
                CompletableFuture<Response> f = new CompletableFuture<>();
                pending.put(tag, f);     // before the call: a quick reply must find it
                sentTags.add(tag);
                try {
                    hub.call(c.id(), tag, msg);
                    futures.put(c, f);
                } catch (org.astrogrid.samp.client.SampException e) {
                    pending.remove(tag);
                    if (target.isSpecific()) {
                        throw new SampException("the hub would not deliver " + mtype + " to " + c.describe() + ": "
                                + text(e), hubUrl, e);
                    }
                    replies.add(new SampReply(c, mtype, SampReply.Status.ERROR, Map.of(),
                            "the hub would not deliver the call: " + text(e)));
                }
            }
            for (Map.Entry<SampClient, CompletableFuture<Response>> e : futures.entrySet()) {
                replies.add(await(e.getKey(), mtype, e.getValue(), deadline, timeout));
            }
        } finally {
            sentTags.forEach(pending::remove);
        }
        if (target.isSpecific()) {
            for (SampReply r : replies) {
                if (r.status() == SampReply.Status.TIMEOUT) {
                    throw new SampTimeoutException(r.client(), mtype, timeout, hubUrl);
                }
                if (r.status() == SampReply.Status.ERROR) {
                    throw new SampErrorException(r, hubUrl);
                }
            }
        }
        return new SampDelivery(mtype, sampParams, replies);
    }

    private SampReply await(SampClient c, String mtype, CompletableFuture<Response> f, Deadline deadline,
            Duration timeout) throws IOException {
        Response r;
        try {
            long nanos = deadline.remaining().toNanos();
            r = f.get(Math.max(1, nanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new SampReply(c, mtype, SampReply.Status.TIMEOUT, Map.of(), "no reply within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while waiting for " + c.describe()
                    + " to answer " + mtype);
            ie.initCause(e);
            throw ie;
        } catch (ExecutionException e) {
            throw new SampException("lost the hub while waiting for " + c.describe() + " to answer " + mtype + ": "
                    + text(e.getCause()), hubUrl, e.getCause());
        }
        String status = r.getStatus();
        ErrInfo err = r.getErrInfo();
        String errText = err == null ? null : err.getErrortxt();
        Map<String, Object> result = new LinkedHashMap<>();
        Map<?, ?> raw = r.getResult();
        if (raw != null) {
            raw.forEach((k, v) -> {
                if (k != null && v != null) {
                    result.put(k.toString(), v);
                }
            });
        }
        SampReply.Status st = Response.OK_STATUS.equals(status) ? SampReply.Status.OK
                : Response.WARNING_STATUS.equals(status) ? SampReply.Status.WARNING : SampReply.Status.ERROR;
        if (st == SampReply.Status.ERROR && errText == null) {
            errText = "no error text (status " + status + ")";
        }
        return new SampReply(c, mtype, st, result, errText);
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
        List<SampClient> to = recipients(target, mtype);
        Message msg = new Message(mtype, toSampMap(params == null ? Map.of() : params));
        for (SampClient c : to) {
            try {
                hub.notify(c.id(), msg);
            } catch (org.astrogrid.samp.client.SampException e) {
                throw hubFailure("could not notify " + c.describe() + " of " + mtype, e);
            }
        }
        return to;
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
        return sendTable(table, name, null, target);
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
        return sendTable(table, name, tableId, target, callTimeout);
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
        Objects.requireNonNull(table, "table");
        String n = name != null ? name : table.getName() != null ? table.getName() : "table";
        recipients(target, MTypes.TABLE_LOAD_VOTABLE);     // fail before serving anything
        URI url = shareTable(table, n);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url.toASCIIString());
        p.put("table-id", tableId != null ? tableId : "vokit-" + token(6));
        p.put("name", n);
        return call(target, MTypes.TABLE_LOAD_VOTABLE, p, timeout);
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
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        String mtype = path.endsWith(".fits") || path.endsWith(".fit") || path.endsWith(".fts")
                ? MTypes.TABLE_LOAD_FITS : MTypes.TABLE_LOAD_VOTABLE;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url.toASCIIString());
        p.put("table-id", tableId != null ? tableId : url.toASCIIString());
        p.put("name", name);
        return call(target, mtype, p);
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
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url.toASCIIString());
        p.put("image-id", url.toASCIIString());
        p.put("name", name);
        return call(target, MTypes.IMAGE_LOAD_FITS, p);
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
        Map<String, Object> m = new LinkedHashMap<>();
        if (meta != null) {
            m.putAll(meta);
        }
        m.putIfAbsent("Access.Reference", url.toASCIIString());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url.toASCIIString());
        p.put("spectrum-id", url.toASCIIString());
        p.put("name", name);
        p.put("meta", m);
        return call(target, MTypes.SPECTRUM_LOAD_SSA_GENERIC, p);
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
        if (!Double.isFinite(ra) || !Double.isFinite(dec) || dec < -90 || dec > 90) {
            throw new IllegalArgumentException("not a sky position: ra=" + ra + ", dec=" + dec);
        }
        return call(target, MTypes.COORD_POINT_AT_SKY, Map.of("ra", Double.toString(ra), "dec", Double.toString(dec)));
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
        if (row < 0) {
            throw new IllegalArgumentException("row index must not be negative: " + row);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("table-id", tableId);
        p.put("url", url == null ? null : url.toASCIIString());
        p.put("row", Long.toString(row));
        return call(target, MTypes.TABLE_HIGHLIGHT_ROW, p);
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
        List<String> list = new ArrayList<>();
        for (Long r : rows) {
            if (r == null || r < 0) {
                throw new IllegalArgumentException("row indices must be non-negative: " + rows);
            }
            list.add(Long.toString(r));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("table-id", tableId);
        p.put("url", url == null ? null : url.toASCIIString());
        p.put("row-list", list);
        return call(target, MTypes.TABLE_SELECT_ROWLIST, p);
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
        Objects.requireNonNull(table, "table");
        checkOpenUnchecked();
        String file = safe(name) + "-" + token(8) + ".vot";
        VotableResource res = new VotableResource(table);
        URL url = resources.addResource(file, res);
        fetchCounts.put(url.getPath(), res.fetches);
        synchronized (shared) {
            shared.addLast(url);
            while (shared.size() > maxShared) {
                URL old = shared.removeFirst();
                fetchCounts.remove(old.getPath());
                try {
                    resources.removeResource(old);
                } catch (IllegalArgumentException e) {
                    // already gone
                }
            }
        }
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("JSAMP made an invalid URL: " + url, e);
        }
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
        java.util.concurrent.atomic.AtomicInteger n = fetchCounts.get(url.getPath());
        if (n == null) {
            return false;
        }
        long end = System.nanoTime() + max.toNanos();
        synchronized (n) {
            while (n.get() < times) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                n.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** Streams a table as a BINARY2 VOTable each time it is fetched. */
    private static final class VotableResource implements ServerResource {
        private final StarTable table;
        final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();

        VotableResource(StarTable table) {
            this.table = table;
        }

        @Override
        public String getContentType() {
            return "application/x-votable+xml";
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeBody(OutputStream out) throws IOException {
            new VOTableWriter(DataFormat.BINARY2, true).writeStarTable(table, out);
            out.flush();
            synchronized (fetches) {
                fetches.incrementAndGet();
                fetches.notifyAll();
            }
        }
    }

    private static String safe(String name) {
        String s = name == null ? "table" : name.replaceAll("[^A-Za-z0-9._-]+", "_");
        s = s.replaceAll("^[._]+", "");
        if (s.length() > 40) {
            s = s.substring(0, 40);
        }
        return s.isEmpty() ? "table" : s;
    }

    private static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------ lifetime

    private void checkOpen() throws SampException {
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

    private SampException hubFailure(String what, Exception e) {
        return new SampException(what + ": " + text(e), hubUrl, e);
    }

    private void lost(String why) {
        if (!connected) {
            return;
        }
        connected = false;
        LOG.log(Level.INFO, "SAMP connection " + name + " ended by the hub (" + why + ")");
        failPending("the hub ended the connection (" + why + ")");
        for (Runnable r : disconnectListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "disconnect listener failed", e);
            }
        }
    }

    private void failPending(String why) {
        SampException ex = new SampException(why, hubUrl);
        for (String tag : new ArrayList<>(pending.keySet())) {
            CompletableFuture<Response> f = pending.remove(tag);
            if (f != null) {
                f.completeExceptionally(ex);
            }
        }
    }

    /**
     * Unregisters from the hub, stops serving tables and stops the handler threads. Calls waiting
     * for replies fail. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds the work done
            }
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
        failPending("the SAMP connection was closed");
        lanes.values().forEach(ExecutorService::shutdownNow);
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
        private String name = "vokit";
        private String description;
        private URI iconUrl;
        private URI documentationUrl;
        private String version;
        private final Map<String, String> extra = new LinkedHashMap<>();
        private final Map<String, SampHandler> handlers = new LinkedHashMap<>();
        private URI lockUrl;
        private ClientProfile profile;
        private Duration callTimeout = Duration.ofSeconds(30);
        private boolean shutdownHook = true;
        private int maxShared = 64;
        private VoHttp http;

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

        private Map<String, Object> metadata() {
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
            URI lock = lockUrl;
            if (profile == null && lock == null) {
                lock = Path.of(System.getProperty("user.home"), ".samp").toUri();
            }
            HttpServer server = new HttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            server.setDaemon(true);
            server.start();
            VoHttp ownHttp = null;
            try {
                CallbackServer callbacks = new CallbackServer(server);
                ClientProfile p = profile;
                URI hubUrl = null;
                String scheme = lock == null || lock.getScheme() == null ? "" : lock.getScheme().toLowerCase(Locale.ROOT);
                if (http == null && (scheme.equals("http") || scheme.equals("https"))) {
                    ownHttp = VoHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
                }
                if (p == null) {
                    LockfileProfile lp = new LockfileProfile(lock, XmlRpcKit.INTERNAL.getClientFactory(), callbacks,
                            http != null ? http : ownHttp);
                    LockInfo info;
                    try {
                        info = lp.getLockInfo();
                    } catch (IOException e) {
                        throw new SampException("cannot read the SAMP lockfile: " + text(e), lock, e);
                    }
                    if (info == null) {
                        throw new SampException("no SAMP hub is running (no lockfile at " + lock
                                + "); start TOPCAT, Aladin or a SAMP hub first", lock);
                    }
                    try {
                        hubUrl = info.getXmlrpcUrl().toURI();
                    } catch (URISyntaxException | RuntimeException e) {
                        throw new SampException("the SAMP lockfile names no usable hub URL", lock, e);
                    }
                    p = lp;
                }
                HubConnection hc;
                try {
                    hc = p.register();
                } catch (org.astrogrid.samp.client.SampException e) {
                    throw new SampException("could not register with the SAMP hub"
                            + (hubUrl != null ? " (a stale lockfile " + lock + "?)" : "") + ": " + text(e),
                            hubUrl != null ? hubUrl : lock, e);
                }
                if (hc == null) {
                    throw new SampException("no SAMP hub is running", lock);
                }
                SampConnection conn = new SampConnection(this, hc, hubUrl, lock, server);
                try {
                    hc.setCallable(conn.new Callable());
                    hc.declareMetadata(toSampMap(conn.metadata));
                    conn.declareSubscriptions();
                } catch (org.astrogrid.samp.client.SampException e) {
                    conn.close();
                    throw new SampException("the SAMP hub refused the set-up: " + text(e), hubUrl, e);
                } catch (IOException | RuntimeException e) {
                    conn.close();
                    throw e;
                }
                if (shutdownHook) {
                    Thread hook = new Thread(conn::release, "vokit-samp-unregister " + name);
                    conn.shutdownHook = hook;
                    Runtime.getRuntime().addShutdownHook(hook);
                }
                LOG.log(Level.DEBUG, "registered with the SAMP hub at {0} as {1} ({2})", hubUrl, conn.selfId(), name);
                return conn;
            } catch (IOException | RuntimeException e) {
                server.stop();
                throw e;
            } finally {
                if (ownHttp != null) {
                    ownHttp.close();
                }
            }
        }
    }
}
