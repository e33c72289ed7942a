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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback front to the local DaCHS whose services misbehave on purpose, one quirk per fixed
 * port, for VO-wide tests: everything not named by the quirk is forwarded to the real DaCHS
 * (so the data stay the real server's). Start it with {@link #start()}, close it after.
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
        REJECTS_CAST(8096);

        private final int port;

        Quirk(int port) {
            this.port = port;
        }

        /** @return the TAP base URL of this quirk's service */
        public URI tap() {
            return URI.create("http://127.0.0.1:" + port + "/tap");
        }
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final URI target;

    private QuirkyVo(URI target) {
        this.target = target;
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

    private void handle(Quirk q, HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            String bodyText = java.net.URLDecoder.decode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            String query = ex.getRequestURI().getRawQuery();
            String all = bodyText + " " + (query == null ? "" : java.net.URLDecoder.decode(query, StandardCharsets.UTF_8));
            boolean isQuery = path.endsWith("/sync");
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
