package org.vokit.samp;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.astrogrid.samp.ErrInfo;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Response;
import org.astrogrid.samp.Subscriptions;
import org.astrogrid.samp.client.CallableClient;
import org.astrogrid.samp.client.HubConnection;

/**
 * The receiving half of a {@link SampConnection}: the handlers bound to MTypes, the
 * subscriptions declared to the hub, and the dispatch of what the hub delivers. Each MType's
 * handler runs on a lane of its own (one thread, a bounded queue), never on the hub's thread;
 * every call gets a reply, {@code samp.error} when the handler fails; pings and the hub's
 * shutdown and disconnection messages are answered here; replies to this connection's own calls
 * go to its sending half.
 */
final class SampReceiver {

    private static final System.Logger LOG = System.getLogger(SampConnection.class.getName());
    private static final int LANE_QUEUE = 256;

    private final SampConnection conn;
    private final HubConnection hub;
    private final SampSender sender;
    private final String name;
    private final Map<String, SampHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final Object subscriptionLock = new Object();

    SampReceiver(SampConnection conn, HubConnection hub, SampSender sender, String name,
                 Map<String, SampHandler> initial) {
        this.conn = conn;
        this.hub = hub;
        this.sender = sender;
        this.name = name;
        this.handlers.putAll(initial);
    }

    /** Stops the handler threads; queued messages are dropped. */
    void shutdown() {
        lanes.values().forEach(ExecutorService::shutdownNow);
    }

    void on(String mtype, SampHandler handler) throws SampException {
        Objects.requireNonNull(mtype, "mtype");
        Objects.requireNonNull(handler, "handler");
        conn.checkOpen();
        synchronized (subscriptionLock) {
            handlers.put(mtype, handler);
            declareSubscriptions();
        }
    }

    void off(String mtype) throws SampException {
        conn.checkOpen();
        synchronized (subscriptionLock) {
            if (handlers.remove(mtype) != null) {
                declareSubscriptions();
            }
        }
    }

    Set<String> subscriptions() {
        Set<String> s = new LinkedHashSet<>(handlers.keySet());
        s.add(MTypes.PING);
        s.add(MTypes.HUB_SHUTDOWN);
        s.add(MTypes.HUB_DISCONNECT);
        return s;
    }

    void declareSubscriptions() throws SampException {
        Subscriptions subs = new Subscriptions();
        for (String m : subscriptions()) {
            subs.addMType(m);
        }
        try {
            hub.declareSubscriptions(subs);
        } catch (org.astrogrid.samp.client.SampException e) {
            throw conn.hubFailure("the hub refused the subscriptions", e);
        }
    }

    final class Callable implements CallableClient {
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
            if (!sender.complete(msgTag, response)) {
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
                    conn.lost(m.mtype());
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
            LOG.log(Level.WARNING, "SAMP handler for " + m.mtype() + " from " + m.senderId() + " failed: " + SampValues.text(t));
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
        reply(m, Response.createSuccessResponse(result == null ? Map.of() : SampValues.toSampMap(result)));
    }

    private void replyError(SampMessage m, Throwable t) {
        if (!m.isCall()) {
            return;
        }
        ErrInfo err = new ErrInfo();
        err.setErrortxt(SampValues.sampString(SampValues.text(t)));
        err.setCode(SampValues.sampString(t.getClass().getSimpleName()));
        reply(m, Response.createErrorResponse(err));
    }

    private void reply(SampMessage m, Response r) {
        if (!conn.isConnected()) {
            return;
        }
        try {
            hub.reply(m.msgId(), r);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not reply to " + m.mtype() + " from " + m.senderId() + ": " + e.getMessage());
        }
    }
}
