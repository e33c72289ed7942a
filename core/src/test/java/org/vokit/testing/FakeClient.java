package org.vokit.testing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.astrogrid.samp.ErrInfo;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.Response;
import org.astrogrid.samp.Subscriptions;
import org.astrogrid.samp.client.CallableClient;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.xmlrpc.LockInfo;
import org.astrogrid.samp.xmlrpc.StandardClientProfile;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;

/**
 * A plain JSAMP client (no vokit code on its side) that plays another application in tests: it
 * registers under a name with given subscriptions, records every message, and answers calls as
 * told ({@code samp.ok} with an empty result unless an {@link #answer} says otherwise).
 */
public final class FakeClient implements AutoCloseable {

    /**
     * One message as this client received it.
     *
     * @param senderId the sender's id
     * @param msgId the message id (null for a notification)
     * @param mtype the MType
     * @param params the parameters
     * @param received when it arrived ({@link System#nanoTime()})
     */
    public record Received(String senderId, String msgId, String mtype, Map<String, Object> params, long received) {
        /**
         * Returns a string parameter.
         *
         * @param name the name
         * @return the value, or null
         */
        public String param(String name) {
            Object v = params.get(name);
            return v == null ? null : v.toString();
        }
    }

    private final HubConnection conn;
    private final String name;
    private final List<Received> inbox = new ArrayList<>();
    private final Map<String, Function<Received, Map<String, Object>>> answers = new ConcurrentHashMap<>();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();

    private FakeClient(HubConnection conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    static FakeClient register(URI lockUrl, String name, String... mtypes) throws IOException {
        StandardClientProfile profile = new StandardClientProfile(XmlRpcKit.INTERNAL) {
            @Override
            public LockInfo getLockInfo() throws IOException {
                return LockInfo.readLockFile(lockUrl.toURL());
            }
        };
        HubConnection c = profile.register();
        if (c == null) {
            throw new IOException("no hub at " + lockUrl);
        }
        FakeClient fake = new FakeClient(c, name);
        c.setCallable(fake.new Callable());
        Metadata meta = new Metadata();
        meta.setName(name);
        meta.setDescriptionText("a fake " + name + " for vokit's tests");
        c.declareMetadata(meta);
        Subscriptions subs = new Subscriptions();
        subs.addMType("samp.app.ping");
        for (String m : mtypes) {
            subs.addMType(m);
        }
        c.declareSubscriptions(subs);
        return fake;
    }

    /** @return the id the hub gave this client */
    public String id() {
        return conn.getRegInfo().getSelfId();
    }

    /** @return the name it registered with */
    public String name() {
        return name;
    }

    /** @return the underlying JSAMP connection, for hub queries */
    public HubConnection connection() {
        return conn;
    }

    /**
     * Sets how calls of an MType are answered: the function's map is the {@code samp.result};
     * an exception it throws becomes a {@code samp.error} with the exception's message.
     *
     * @param mtype the MType
     * @param f the answer
     * @return this client
     */
    public FakeClient answer(String mtype, Function<Received, Map<String, Object>> f) {
        answers.put(mtype, f);
        return this;
    }

    /**
     * Makes calls of an MType go unanswered.
     *
     * @param mtype the MType
     * @return this client
     */
    public FakeClient silent(String mtype) {
        silent.add(mtype);
        return this;
    }

    /**
     * Returns the messages of an MType received so far.
     *
     * @param mtype the MType
     * @return the messages, in order of arrival
     */
    public List<Received> received(String mtype) {
        synchronized (inbox) {
            return inbox.stream().filter(r -> r.mtype().equals(mtype)).toList();
        }
    }

    /**
     * Waits until at least n messages of an MType have arrived.
     *
     * @param mtype the MType
     * @param n how many
     * @param max the longest wait
     * @return the messages of that MType (at least n unless the wait timed out)
     * @throws InterruptedException if interrupted
     */
    public List<Received> await(String mtype, int n, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (inbox) {
            while (true) {
                List<Received> got = inbox.stream().filter(r -> r.mtype().equals(mtype)).toList();
                long left = end - System.nanoTime();
                if (got.size() >= n || left <= 0) {
                    return got;
                }
                inbox.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Calls another client through the hub and waits for the reply (the hub's synchronous call).
     *
     * @param recipientId the recipient's id
     * @param mtype the MType
     * @param params the parameters
     * @param timeoutSeconds the time allowed
     * @return the response
     * @throws IOException if the hub fails or the call times out
     */
    public Response call(String recipientId, String mtype, Map<String, ?> params, int timeoutSeconds)
            throws IOException {
        return conn.callAndWait(recipientId, new Message(mtype, new LinkedHashMap<>(params)), timeoutSeconds);
    }

    /**
     * Notifies another client.
     *
     * @param recipientId the recipient's id
     * @param mtype the MType
     * @param params the parameters
     * @throws IOException if the hub fails
     */
    public void notify(String recipientId, String mtype, Map<String, ?> params) throws IOException {
        conn.notify(recipientId, new Message(mtype, new LinkedHashMap<>(params)));
    }

    /** Unregisters. */
    @Override
    public void close() {
        try {
            conn.unregister();
        } catch (IOException e) {
            // the hub may be gone already
        }
    }

    private final class Callable implements CallableClient {
        @Override
        public void receiveNotification(String senderId, Message msg) {
            record(senderId, null, msg);
        }

        @Override
        public void receiveCall(String senderId, String msgId, Message msg) throws Exception {
            Received r = record(senderId, msgId, msg);
            if (silent.contains(r.mtype())) {
                return;
            }
            Function<Received, Map<String, Object>> f = answers.get(r.mtype());
            Response resp;
            try {
                Map<String, Object> result = f == null ? Map.of() : f.apply(r);
                resp = Response.createSuccessResponse(result == null ? Map.of() : result);
            } catch (RuntimeException e) {
                ErrInfo err = new ErrInfo();
                err.setErrortxt(e.getMessage() == null ? e.toString() : e.getMessage());
                resp = Response.createErrorResponse(err);
            }
            conn.reply(msgId, resp);
        }

        @Override
        public void receiveResponse(String responderId, String msgTag, Response response) {
            // calls are made with the hub's callAndWait
        }

        @SuppressWarnings("unchecked")
        private Received record(String senderId, String msgId, Message msg) {
            Map<String, Object> params = new LinkedHashMap<>();
            if (msg.getParams() != null) {
                params.putAll((Map<String, Object>) msg.getParams());
            }
            Received r = new Received(senderId, msgId, msg.getMType(), params, System.nanoTime());
            synchronized (inbox) {
                inbox.add(r);
                inbox.notifyAll();
            }
            return r;
        }
    }
}
