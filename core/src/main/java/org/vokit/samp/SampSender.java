package org.vokit.samp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.astrogrid.samp.ErrInfo;
import org.astrogrid.samp.Message;
import org.astrogrid.samp.Metadata;
import org.astrogrid.samp.Response;
import org.astrogrid.samp.Subscriptions;
import org.astrogrid.samp.client.HubConnection;
import org.vokit.http.Deadline;
import uk.ac.starlink.table.StarTable;

/**
 * The sending half of a {@link SampConnection}: who is there ({@link #clients()},
 * {@link #recipients}), calls that wait for every recipient's reply within one deadline,
 * notifications, and the standard messages (tables, images, spectra, positions, highlights,
 * selections). Replies arrive through {@link #complete}, called by the receiving half; the tag of
 * each call is unique to this connection, so a reply finds its own call. The public methods of
 * {@link SampConnection} document the behaviour.
 */
final class SampSender {

    private final SampConnection conn;
    private final HubConnection hub;
    private final URI hubUrl;
    private final Duration callTimeout;
    private final String tagPrefix = "vokit-" + SampValues.token(4) + "-";
    private final AtomicLong tags = new AtomicLong();
    private final Map<String, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();

    SampSender(SampConnection conn, HubConnection hub, URI hubUrl, Duration callTimeout) {
        this.conn = conn;
        this.hub = hub;
        this.hubUrl = hubUrl;
        this.callTimeout = callTimeout;
    }

    /**
     * Hands a reply to the call waiting for it.
     *
     * @return false if no call is waiting (a late or unknown reply)
     */
    boolean complete(String msgTag, Response response) {
        CompletableFuture<Response> f = pending.remove(msgTag);
        if (f == null) {
            return false;
        }
        f.complete(response);
        return true;
    }

    /** Makes every call still waiting fail. */
    void failPending(String why) {
        SampException ex = new SampException(why, hubUrl);
        for (String tag : new ArrayList<>(pending.keySet())) {
            CompletableFuture<Response> f = pending.remove(tag);
            if (f != null) {
                f.completeExceptionally(ex);
            }
        }
    }

    // ------------------------------------------------------------------ clients

    List<SampClient> clients() throws SampException {
        conn.checkOpen();
        try {
            List<SampClient> out = new ArrayList<>();
            for (String id : hub.getRegisteredClients()) {
                out.add(describe(id));
            }
            return out;
        } catch (org.astrogrid.samp.client.SampException e) {
            throw conn.hubFailure("could not list the registered clients", e);
        }
    }

    SampClient client(String idOrName) throws SampException {
        List<SampClient> all = clients();
        List<SampClient> found = match(SampTarget.client(idOrName), all);
        if (found.isEmpty()) {
            throw new NoSuchClientException("no SAMP client '" + idOrName + "'; " + present(all), hubUrl, all);
        }
        return found.get(0);
    }

    List<SampClient> recipients(SampTarget target, String mtype) throws SampException {
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


    // ------------------------------------------------------------------ sending

    SampDelivery call(SampTarget target, String mtype, Map<String, ?> params) throws IOException {
        return call(target, mtype, params, callTimeout);
    }

    SampDelivery call(SampTarget target, String mtype, Map<String, ?> params, Duration timeout)
            throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mtype, "mtype");
        Deadline deadline = Deadline.in(timeout);
        List<SampClient> to = recipients(target, mtype);
        Map<String, Object> sampParams = SampValues.toSampMap(params == null ? Map.of() : params);
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
                                + SampValues.text(e), hubUrl, e);
                    }
                    replies.add(new SampReply(c, mtype, SampReply.Status.ERROR, Map.of(),
                            "the hub would not deliver the call: " + SampValues.text(e)));
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
                    + SampValues.text(e.getCause()), hubUrl, e.getCause());
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

    List<SampClient> notify(SampTarget target, String mtype, Map<String, ?> params) throws SampException {
        List<SampClient> to = recipients(target, mtype);
        Message msg = new Message(mtype, SampValues.toSampMap(params == null ? Map.of() : params));
        for (SampClient c : to) {
            try {
                hub.notify(c.id(), msg);
            } catch (org.astrogrid.samp.client.SampException e) {
                throw conn.hubFailure("could not notify " + c.describe() + " of " + mtype, e);
            }
        }
        return to;
    }

    SampDelivery sendTable(StarTable table, String name, SampTarget target) throws IOException {
        return sendTable(table, name, null, target);
    }

    SampDelivery sendTable(StarTable table, String name, String tableId, SampTarget target)
            throws IOException {
        return sendTable(table, name, tableId, target, callTimeout);
    }

    SampDelivery sendTable(StarTable table, String name, String tableId, SampTarget target, Duration timeout)
            throws IOException {
        Objects.requireNonNull(table, "table");
        String n = name != null ? name : table.getName() != null ? table.getName() : "table";
        recipients(target, MTypes.TABLE_LOAD_VOTABLE);     // fail before serving anything
        URI url = conn.shareTable(table, n);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url.toASCIIString());
        p.put("table-id", tableId != null ? tableId : "vokit-" + SampValues.token(6));
        p.put("name", n);
        return call(target, MTypes.TABLE_LOAD_VOTABLE, p, timeout);
    }

    SampDelivery sendTableUrl(URI url, String name, String tableId, SampTarget target) throws IOException {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        String mtype = path.endsWith(".fits") || path.endsWith(".fit") || path.endsWith(".fts")
                ? MTypes.TABLE_LOAD_FITS : MTypes.TABLE_LOAD_VOTABLE;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url.toASCIIString());
        p.put("table-id", tableId != null ? tableId : url.toASCIIString());
        p.put("name", name);
        return call(target, mtype, p);
    }

    SampDelivery sendImage(URI url, String name, SampTarget target) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url.toASCIIString());
        p.put("image-id", url.toASCIIString());
        p.put("name", name);
        return call(target, MTypes.IMAGE_LOAD_FITS, p);
    }

    SampDelivery sendSpectrum(URI url, String name, Map<String, String> meta, SampTarget target)
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

    SampDelivery pointAt(double ra, double dec, SampTarget target) throws IOException {
        if (!Double.isFinite(ra) || !Double.isFinite(dec) || dec < -90 || dec > 90) {
            throw new IllegalArgumentException("not a sky position: ra=" + ra + ", dec=" + dec);
        }
        return call(target, MTypes.COORD_POINT_AT_SKY, Map.of("ra", Double.toString(ra), "dec", Double.toString(dec)));
    }

    SampDelivery highlightRow(String tableId, URI url, long row, SampTarget target) throws IOException {
        if (row < 0) {
            throw new IllegalArgumentException("row index must not be negative: " + row);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("table-id", tableId);
        p.put("url", url == null ? null : url.toASCIIString());
        p.put("row", Long.toString(row));
        return call(target, MTypes.TABLE_HIGHLIGHT_ROW, p);
    }

    SampDelivery selectRows(String tableId, URI url, Collection<Long> rows, SampTarget target)
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

}
