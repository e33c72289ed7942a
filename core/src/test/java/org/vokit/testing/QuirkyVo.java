package org.vokit.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback front to the local DaCHS whose services misbehave on purpose, one quirk per fixed
 * port, for VO-wide tests: everything not named by the quirk is forwarded to the real DaCHS
 * (so the data stay the real server's). Start it with {@link #start()}, close it after.
 *
 * <p>The local registry lists every quirk as a TAP service of its own ({@link Quirk#ivoid()},
 * access URL {@link Quirk#tap()}; see {@code local-vo/rd/rr/*.csv}), so registry searches find
 * them; they answer only while a front runs, otherwise the connection is refused.
 */
public final class QuirkyVo implements AutoCloseable {

    /** The quirks, each on its own port of 127.0.0.1. */
    public enum Quirk {
        /** Capabilities without TAPRegExt language features (no UNION, CAST, IN_UNIT). */
        NO_FEATURES(8091),
        /** Every request answered about 1 s late. */
        SLOW(8092),
        /** Queries answered by a 500 with a message. */
        ERROR_500(8093),
        /** Queries never answered. */
        HANGING(8094),
        /** Query results cut in the middle of the VOTable. */
        TRUNCATED(8095),
        /** Advertises CAST (like DaCHS) but rejects queries using it with a 400 error VOTable. */
        REJECTS_CAST(8096),
        /** Forwards everything; the registry lists only {@code voquirks.int_ids}, whose id is an integer. */
        INT_IDS(8097),
        /**
         * Lists {@code vostars.main} and {@code voquirks.int_ids} in its {@code /tables} under the
         * names of {@link QuirkyVo#DELIMITED_TABLES} (which must be delimited in ADQL) and maps
         * those names back in the queries it forwards (POSTed forms).
         */
        DELIMITED(8098);

        private final int port;

        Quirk(int port) {
            this.port = port;
        }

        /** @return the ivoid under which the local registry lists this quirk's service */
        public String ivoid() {
            return "ivo://vokit.test/quirks/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** @return the port on 127.0.0.1 */
        public int port() {
            return port;
        }

        /** @return the TAP base URL of this quirk's service */
        public URI tap() {
            return URI.create("http://127.0.0.1:" + port + "/tap");
        }
    }

    /**
     * The tables of {@link Quirk#DELIMITED}: the name as ADQL (as its {@code /tables} lists it) to
     * the DaCHS table behind it. The registry writes the first as is and the second undelimited
     * ({@code Quirky.Star Numbers}), as real registries do both.
     */
    public static final Map<String, String> DELIMITED_TABLES = Map.of(
            "\"J/vokit/Stars\"", "vostars.main",
            "Quirky.\"Star Numbers\"", "voquirks.int_ids");

    private final List<HttpServer> servers = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<Quirk, java.util.concurrent.atomic.AtomicInteger> queries = new java.util.EnumMap<>(Quirk.class);
    private final java.util.Set<Quirk> healed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final URI target;

    private QuirkyVo(URI target) {
        this.target = target;
        for (Quirk q : Quirk.values()) {
            queries.put(q, new java.util.concurrent.atomic.AtomicInteger());
        }
    }

    /**
     * @param q a quirk
     * @return how many queries ({@code /sync} or {@code /async} POSTs) its service received so far
     */
    public int queries(Quirk q) {
        return queries.get(q).get();
    }

    /**
     * Makes quirks behave from now on: their services forward everything unchanged (e.g. to
     * show that a resumed run asks again and gets what failed before).
     *
     * @param qs the quirks to heal
     */
    public void heal(Quirk... qs) {
        healed.addAll(List.of(qs));
    }

    /**
     * Starts every quirk's service in front of the local DaCHS.
     *
     * @return the running front
     * @throws IOException if a port is taken
     */
    public static QuirkyVo start() throws IOException {
        QuirkyVo vo = new QuirkyVo(URI.create(LocalVo.BASE));
        try {
            for (Quirk q : Quirk.values()) {
                HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", q.port), 50);
                s.setExecutor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "quirky-vo-" + q);
                    t.setDaemon(true);
                    return t;
                }));
                s.createContext("/", ex -> vo.handle(q, ex));
                s.start();
                vo.servers.add(s);
            }
        } catch (IOException e) {
            vo.close();
            throw e;
        }
        return vo;
    }

    private void handle(Quirk given, HttpExchange ex) throws IOException {
        Quirk q = healed.contains(given) ? null : given;
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            String bodyText = java.net.URLDecoder.decode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            String query = ex.getRequestURI().getRawQuery();
            String all = bodyText + " " + (query == null ? "" : java.net.URLDecoder.decode(query, StandardCharsets.UTF_8));
            boolean isQuery = path.endsWith("/sync");
            if (isQuery || path.endsWith("/async") && "POST".equals(ex.getRequestMethod())) {
                queries.get(given).incrementAndGet();
            }
            if (q == Quirk.SLOW) {
                pause(1000);
            }
            if (isQuery && q == Quirk.ERROR_500) {
                send(ex, 500, "text/plain", "simulated internal error: the database is down".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (isQuery && q == Quirk.HANGING) {
                pause(120_000);
                return;
            }
            if (isQuery && q == Quirk.REJECTS_CAST && all.toUpperCase(java.util.Locale.ROOT).contains("CAST(")) {
                send(ex, 400, "application/x-votable+xml", ("<?xml version='1.0'?><VOTABLE version='1.3' "
                        + "xmlns='http://www.ivoa.net/xml/VOTable/v1.3'><RESOURCE type='results'>"
                        + "<INFO name='QUERY_STATUS' value='ERROR'>Could not parse your query: CAST is not "
                        + "supported here</INFO></RESOURCE></VOTABLE>").getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)));
            String ct = ex.getRequestHeaders().getFirst("Content-Type");
            if (isQuery && q == Quirk.DELIMITED && (ct == null || ct.startsWith("application/x-www-form-urlencoded"))) {
                body = undelimit(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            if ("POST".equals(ex.getRequestMethod())) {
                b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type",
                        ct == null ? "application/x-www-form-urlencoded" : ct);
            }
            HttpResponse<byte[]> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] out = resp.body();
            String type = resp.headers().firstValue("Content-Type").orElse("application/octet-stream");
            if (q == Quirk.NO_FEATURES && path.endsWith("/capabilities")) {
                out = new String(out, StandardCharsets.UTF_8).replaceAll("(?s)<languageFeatures.*?</languageFeatures>", "")
                        .getBytes(StandardCharsets.UTF_8);
            }
            if (q == Quirk.DELIMITED && path.endsWith("/tables")) {
                String doc = new String(out, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> e : DELIMITED_TABLES.entrySet()) {
                    doc = doc.replace("<name>" + e.getValue() + "</name>", "<name>" + e.getKey() + "</name>");
                }
                out = doc.getBytes(StandardCharsets.UTF_8);
            }
            if (isQuery && q == Quirk.TRUNCATED) {
                ex.getResponseHeaders().add("Content-Type", type);
                ex.sendResponseHeaders(resp.statusCode(), 0);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out, 0, out.length / 2);
                }
                return;
            }
            send(ex, resp.statusCode(), type, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Rewrites the QUERY of a form: the delimited names outside string literals become DaCHS's. */
    private static String undelimit(String form) {
        StringBuilder out = new StringBuilder();
        for (String pair : form.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.equalsIgnoreCase("QUERY")) {
                value = mapNames(value);
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(java.net.URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String mapNames(String adql) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < adql.length()) {
            char c = adql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < adql.length() && !(adql.charAt(end) == '\'' && (end + 1 >= adql.length()
                        || adql.charAt(end + 1) != '\''))) {
                    end += adql.charAt(end) == '\'' ? 2 : 1;
                }
                out.append(adql, i, Math.min(end + 1, adql.length()));
                i = end + 1;
                continue;
            }
            for (Map.Entry<String, String> e : DELIMITED_TABLES.entrySet()) {
                // bare parts match ignoring case, the delimited part exactly (as ADQL says)
                String k = e.getKey();
                int q = k.indexOf('"');
                if (adql.regionMatches(true, i, k, 0, q) && adql.startsWith(k.substring(q), i + q)) {
                    out.append(e.getValue());
                    i += e.getKey().length();
                    continue outer;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private void pause(long ms) {
        try {
            closing.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        for (HttpServer s : servers) {
            s.stop(0);
        }
    }
}
