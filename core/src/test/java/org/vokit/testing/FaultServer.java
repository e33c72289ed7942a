package org.vokit.testing;

import java.io.ByteArrayOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * A deliberately misbehaving HTTP/1.1 server for fault tests, on loopback with an ephemeral port.
 *
 * <p>It works on raw sockets so that a handler can do what real servers do on bad days: answer
 * nothing, stop in the middle of a body, announce more bytes than it sends, dribble a byte at a
 * time. Each connection carries one exchange and is closed afterwards ({@code Connection: close}).
 * Tests register a {@link Handler} per path; every request is recorded (method, path, query,
 * headers, body) before its handler runs, so a test can check afterwards what the client did,
 * for example that it deleted its job.
 *
 * <pre>{@code
 * try (FaultServer server = FaultServer.start()) {
 *     server.on("/tap/sync", (req, ex) -> ex.send(500, "text/html", "<h1>down</h1>"));
 *     TapService tap = TapService.of(server.uri("/tap"));
 *     ...
 *     assertThat(server.requests("POST", "/tap/sync")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Handlers that wait ({@link Exchange#hang()}, {@link Exchange#pause(Duration)}) are woken by
 * {@link #close()}, which also closes every open connection, so no test outlives its server.
 * The class also makes the documents VO services send ({@link #votable}, {@link #errorVotable},
 * {@link #uwsJob}) and can play a whole UWS job ({@link #fakeJob}).
 */
public final class FaultServer implements AutoCloseable {

    /** The longest any handler is kept waiting, even if the test forgets to close the server. */
    private static final Duration MAX_HANG = Duration.ofSeconds(30);

    /** Namespace of UWS job documents (the same for UWS 1.0 and 1.1). */
    public static final String UWS_NS = "http://www.ivoa.net/xml/UWS/v1.0";

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Handles a request; when it returns, the connection is closed.
         *
         * @param request what the client sent
         * @param exchange how to answer
         * @throws IOException if writing fails (the client went away)
         */
        void handle(Request request, Exchange exchange) throws IOException;
    }

    /**
     * One request as the server received it.
     *
     * @param method HTTP method
     * @param path the decoded path, without the query
     * @param query the raw query string, or an empty string
     * @param headers headers, names compared case-insensitively (last value wins)
     * @param body the body as UTF-8 text (empty if none)
     * @param received when it arrived, from {@link System#nanoTime()}
     */
    public record Request(String method, String path, String query, Map<String, String> headers, String body,
                          long received) {

        /**
         * Returns a header.
         *
         * @param name the name, any case
         * @return the value, or null
         */
        public String header(String name) {
            return headers.get(name);
        }

        /**
         * Returns the parameters of the query string and of a form body, in order.
         *
         * @return name/value pairs
         */
        public List<Map.Entry<String, String>> params() {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            decodeForm(query, out);
            String ct = headers.getOrDefault("Content-Type", "");
            if (ct.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                decodeForm(body, out);
            }
            return out;
        }

        /**
         * Returns the first value of a parameter, matching its name case-insensitively as UWS does.
         *
         * @param name the parameter name
         * @return the value, or null if absent
         */
        public String param(String name) {
            for (Map.Entry<String, String> e : params()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }

        private static void decodeForm(String s, List<Map.Entry<String, String>> out) {
            if (s == null || s.isEmpty()) {
                return;
            }
            for (String pair : s.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                out.add(Map.entry(URLDecoder.decode(k, StandardCharsets.UTF_8),
                        URLDecoder.decode(v, StandardCharsets.UTF_8)));
            }
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query)
                    + (body.isEmpty() ? "" : " [" + body + "]");
        }
    }

    /** The answering side of one exchange. */
    public final class Exchange {
        private final Socket socket;
        private final OutputStream out;
        private boolean committed;

        private Exchange(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /**
         * Sends a complete text answer with a correct {@code Content-Length}.
         *
         * @param status HTTP status
         * @param contentType the Content-Type
         * @param body the body, sent as UTF-8
         * @param headers further headers as alternating names and values
         * @throws IOException if the client went away
         */
        public void send(int status, String contentType, String body, String... headers) throws IOException {
            send(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
        }

        /**
         * Sends a complete answer with a correct {@code Content-Length}.
         *
         * @param status HTTP status
         * @param contentType the Content-Type, or null for none
         * @param body the body
         * @param headers further headers as alternating names and values
         * @throws IOException if the client went away
         */
        public void send(int status, String contentType, byte[] body, String... headers) throws IOException {
            List<String> h = new ArrayList<>(List.of(headers));
            if (contentType != null) {
                h.add("Content-Type");
                h.add(contentType);
            }
            h.add("Content-Length");
            h.add(Integer.toString(body.length));
            head(status, h.toArray(new String[0]));
            out.write(body);
            out.flush();
        }

        /**
         * Sends a VOTable with status 200.
         *
         * @param votable the document
         * @throws IOException if the client went away
         */
        public void sendVotable(String votable) throws IOException {
            send(200, "application/x-votable+xml", votable);
        }

        /**
         * Sends a body compressed with gzip, declared by {@code Content-Encoding: gzip}.
         *
         * @param status HTTP status
         * @param contentType the Content-Type
         * @param body the uncompressed body
         * @throws IOException if the client went away
         */
        public void sendGzip(int status, String contentType, String body) throws IOException {
            send(status, contentType, gzip(body.getBytes(StandardCharsets.UTF_8)), "Content-Encoding", "gzip");
        }

        /**
         * Sends a redirect.
         *
         * @param status a 3xx status
         * @param location the Location header, absolute or relative
         * @throws IOException if the client went away
         */
        public void redirect(int status, String location) throws IOException {
            send(status, "text/plain", "see " + location, "Location", location);
        }

        /**
         * Writes only the status line and headers (no {@code Content-Length} is added), leaving
         * the body to {@link #raw()}. Without a length or chunking, the body ends when the
         * connection closes.
         *
         * @param status HTTP status
         * @param headers headers as alternating names and values
         * @throws IOException if the client went away
         */
        public void head(int status, String... headers) throws IOException {
            if (committed) {
                throw new IllegalStateException("answer already started");
            }
            committed = true;
            StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                    .append(reason(status)).append("\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            sb.append("Connection: close\r\n\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /**
         * Returns the socket's output stream, to write bytes exactly as a test wants them.
         *
         * @return the raw stream
         */
        public OutputStream raw() {
            committed = true;
            return out;
        }

        /**
         * Writes text to the raw stream and flushes it.
         *
         * @param text the text, as UTF-8
         * @throws IOException if the client went away
         */
        public void write(String text) throws IOException {
            raw().write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /**
         * Writes one HTTP/1.1 chunk (for a {@code Transfer-Encoding: chunked} body).
         *
         * @param text the chunk's content; empty for the last chunk
         * @throws IOException if the client went away
         */
        public void chunk(String text) throws IOException {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            raw().write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /**
         * Keeps the connection open without answering, until the server closes (at most 30 s).
         */
        public void hang() {
            pause(MAX_HANG);
        }

        /**
         * Waits, unless the server closes meanwhile.
         *
         * @param d how long
         * @return true if the whole time passed, false if the server is closing
         */
        public boolean pause(Duration d) {
            try {
                return !closing.await(Math.min(d.toMillis(), MAX_HANG.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * Closes the connection at once, whatever has been written.
         *
         * @throws IOException if closing fails
         */
        public void drop() throws IOException {
            out.flush();
            socket.close();
        }
    }

    private final ServerSocket serverSocket;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger threadNo = new AtomicInteger();

    private FaultServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-server-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.execute(this::acceptLoop);
    }

    /**
     * Starts a server on 127.0.0.1 with a free port. Unknown paths answer 404.
     *
     * @return the running server; close it
     * @throws IOException if no socket can be opened
     */
    public static FaultServer start() throws IOException {
        return new FaultServer();
    }

    /** @return the port the server listens on */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Returns the URL of a path on this server.
     *
     * @param path the path, starting with a slash
     * @return the URL
     */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /**
     * Sets the handler for a path (exact match, query ignored), replacing any earlier one.
     *
     * @param path the path
     * @param handler the handler
     * @return this server
     */
    public FaultServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** @return every request received so far, in order of arrival */
    public List<Request> requests() {
        return List.copyOf(log);
    }

    /**
     * Returns the requests with a method and path.
     *
     * @param method the HTTP method
     * @param path the path
     * @return the matching requests, in order
     */
    public List<Request> requests(String method, String path) {
        return log.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /**
     * Waits until a matching request has arrived.
     *
     * @param max how long to wait at most
     * @param match what to wait for
     * @return the first matching request, or empty if none came in time
     */
    public Optional<Request> awaitRequest(Duration max, Predicate<Request> match) {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            for (Request r : log) {
                if (match.test(r)) {
                    return Optional.of(r);
                }
            }
            if (System.nanoTime() - end >= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Waits until a request with a method and path has arrived.
     *
     * @param max how long to wait at most
     * @param method the HTTP method
     * @param path the path
     * @return the request, or empty if none came in time
     */
    public Optional<Request> awaitRequest(Duration max, String method, String path) {
        return awaitRequest(max, r -> r.method().equals(method) && r.path().equals(path));
    }

    /** Stops listening, wakes every waiting handler and closes every open connection. */
    @Override
    public void close() {
        closing.countDown();
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            open.add(s);
            try {
                pool.execute(() -> serve(s));
            } catch (RuntimeException e) {
                open.remove(s);
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket s) {
        try {
            s.setSoTimeout((int) MAX_HANG.toMillis());
            Request req = readRequest(new BufferedInputStream(s.getInputStream()));
            if (req == null) {
                return;
            }
            log.add(req);
            Exchange ex = new Exchange(s);
            Handler h = handlers.get(req.path());
            try {
                if (h == null) {
                    ex.send(404, "text/plain", "nothing at " + req.path() + " on this fault server");
                } else {
                    h.handle(req, ex);
                }
            } catch (RuntimeException e) {
                if (!ex.committed) {
                    ex.send(500, "text/plain", "fault server handler failed: " + e);
                }
                throw e;
            }
            s.getOutputStream().flush();
            s.shutdownOutput();
        } catch (SocketException e) {
            // the client went away or the server is closing
        } catch (IOException e) {
            // likewise
        } finally {
            open.remove(s);
            closeQuietly(s);
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] first = line.split(" ");
        if (first.length < 2) {
            return null;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("Transfer-Encoding", ""))) {
            body = readChunked(in);
        } else {
            int n = Integer.parseInt(headers.getOrDefault("Content-Length", "0").trim());
            body = in.readNBytes(n);
        }
        String target = first[1];
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String path = URI.create(rawPath).getPath();
        return new Request(first[0], path, query, Collections.unmodifiableMap(headers),
                new String(body, StandardCharsets.UTF_8), System.nanoTime());
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            if (size == null) {
                break;
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                for (String t = readLine(in); t != null && !t.isEmpty(); t = readLine(in)) {
                    // skip trailers
                }
                break;
            }
            out.write(in.readNBytes(n));
            readLine(in);
        }
        return out.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    // ------------------------------------------------------------------ documents

    /**
     * Compresses bytes with gzip.
     *
     * @param data the bytes
     * @return the gzip stream's bytes
     */
    public static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(data);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Escapes text for XML content or attribute values.
     *
     * @param s the text
     * @return the escaped text
     */
    public static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The start of a VOTable result, up to and including {@code <TABLEDATA>}: a DALI
     * {@code QUERY_STATUS} INFO (unless null) and a table of two columns, {@code id} (int) and
     * {@code name} (char).
     *
     * @param statusBefore the QUERY_STATUS value before the table, or null for none
     * @return the text
     */
    public static String votableHead(String statusBefore) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n"
                + "<RESOURCE type=\"results\">\n"
                + (statusBefore == null ? "" : "<INFO name=\"QUERY_STATUS\" value=\"" + statusBefore + "\"/>\n")
                + "<TABLE>\n"
                + "<FIELD name=\"id\" datatype=\"int\"/>\n"
                + "<FIELD name=\"name\" datatype=\"char\" arraysize=\"*\"/>\n"
                + "<DATA><TABLEDATA>\n";
    }

    /**
     * One row of the table that {@link #votableHead} declares: {@code id = i},
     * {@code name = "star-" + i}.
     *
     * @param i the row number
     * @return the {@code TR} element
     */
    public static String votableRow(int i) {
        return "<TR><TD>" + i + "</TD><TD>star-" + i + "</TD></TR>\n";
    }

    /**
     * The end of a VOTable result after the rows, with an optional trailing INFO as DALI services
     * write for overflow.
     *
     * @param statusAfter the QUERY_STATUS value after the table, or null for none
     * @return the text
     */
    public static String votableTail(String statusAfter) {
        return "</TABLEDATA></DATA>\n</TABLE>\n"
                + (statusAfter == null ? "" : "<INFO name=\"QUERY_STATUS\" value=\"" + statusAfter + "\"/>\n")
                + "</RESOURCE>\n</VOTABLE>\n";
    }

    /**
     * A complete VOTable result with rows 1 to {@code rows}.
     *
     * @param rows how many rows
     * @param statusBefore QUERY_STATUS before the table, or null
     * @param statusAfter QUERY_STATUS after the table, or null
     * @return the document
     */
    public static String votable(int rows, String statusBefore, String statusAfter) {
        StringBuilder sb = new StringBuilder(votableHead(statusBefore));
        for (int i = 1; i <= rows; i++) {
            sb.append(votableRow(i));
        }
        return sb.append(votableTail(statusAfter)).toString();
    }

    /**
     * A DALI error document: a VOTable whose {@code QUERY_STATUS} is {@code ERROR} with the
     * message as the INFO's content.
     *
     * @param message the service's message (escaped here)
     * @return the document
     */
    public static String errorVotable(String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n"
                + "<RESOURCE type=\"results\">\n"
                + "<INFO name=\"QUERY_STATUS\" value=\"ERROR\">" + xml(message) + "</INFO>\n"
                + "</RESOURCE>\n</VOTABLE>\n";
    }

    /**
     * A UWS job document as UWS 1.1 describes it.
     *
     * @param jobId the job id
     * @param phase the phase
     * @param version the {@code version} attribute, or null to write a UWS 1.0 document without one
     * @param resultHref the main result's link when COMPLETED, or null for no results
     * @param errorMessage the error summary's message, or null for none; an empty string writes
     *     an error summary without a message
     * @return the document
     */
    public static String uwsJob(String jobId, String phase, String version, String resultHref, String errorMessage) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<uws:job xmlns:uws=\"").append(UWS_NS).append("\"")
                .append(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(version == null ? "" : " version=\"" + version + "\"").append(">\n")
                .append("  <uws:jobId>").append(xml(jobId)).append("</uws:jobId>\n")
                .append("  <uws:runId xsi:nil=\"true\"/>\n")
                .append("  <uws:ownerId xsi:nil=\"true\"/>\n")
                .append("  <uws:phase>").append(phase).append("</uws:phase>\n")
                .append("  <uws:quote xsi:nil=\"true\"/>\n")
                .append("  <uws:creationTime>2030-01-01T00:00:00Z</uws:creationTime>\n")
                .append("  <uws:startTime xsi:nil=\"true\"/>\n")
                .append("  <uws:endTime xsi:nil=\"true\"/>\n")
                .append("  <uws:executionDuration>600</uws:executionDuration>\n")
                .append("  <uws:destruction>2030-01-08T00:00:00Z</uws:destruction>\n")
                .append("  <uws:parameters>\n")
                .append("    <uws:parameter id=\"lang\">ADQL</uws:parameter>\n")
                .append("  </uws:parameters>\n")
                .append("  <uws:results>\n");
        if (resultHref != null) {
            sb.append("    <uws:result id=\"result\" xlink:type=\"simple\" xlink:href=\"")
                    .append(xml(resultHref)).append("\"/>\n");
        }
        sb.append("  </uws:results>\n");
        if (errorMessage != null) {
            sb.append("  <uws:errorSummary type=\"fatal\" hasDetail=\"true\">\n");
            if (!errorMessage.isEmpty()) {
                sb.append("    <uws:message>").append(xml(errorMessage)).append("</uws:message>\n");
            }
            sb.append("  </uws:errorSummary>\n");
        }
        return sb.append("</uws:job>\n").toString();
    }

    // ------------------------------------------------------------------ a scripted UWS job

    /**
     * Mounts one scripted UWS job under a job list, e.g. {@code /tap/async} and {@code j1}:
     * creating (POST to the list), the job document, {@code /phase}, {@code /error},
     * {@code /results/result} and deletion (HTTP DELETE or {@code ACTION=DELETE}).
     *
     * @param listPath the job list's path
     * @param jobId the id the job gets
     * @return the job, PENDING until the client posts {@code PHASE=RUN}
     */
    public FakeJob fakeJob(String listPath, String jobId) {
        return new FakeJob(this, listPath, jobId);
    }

    /**
     * A UWS job played by the server. It stays PENDING until the client posts {@code PHASE=RUN}
     * to {@code {job}/phase} (as DaCHS does); after that, the phase of the n-th fetch of the job
     * document (n counted from 1 after the run) is what the {@link #script} gives, where
     * {@code null} means the job has vanished (404). Deleting it makes it answer 404.
     * All settings may be changed while a test runs.
     */
    public static final class FakeJob {
        private final FaultServer server;
        private final String path;
        private final String jobId;
        private volatile String version = "1.1";
        private volatile IntFunction<String> script = n -> "COMPLETED";
        private volatile boolean honourWait = true;
        private volatile String errorMessage;
        private volatile String errorDocument;
        private volatile String result = votable(3, "OK", null);
        private volatile boolean running;
        private volatile boolean deleted;
        private final AtomicInteger fetches = new AtomicInteger();

        private FakeJob(FaultServer server, String listPath, String jobId) {
            this.server = server;
            this.path = listPath + "/" + jobId;
            this.jobId = jobId;
            server.on(listPath, this::list);
            server.on(path, this::job);
            server.on(path + "/phase", this::phase);
            server.on(path + "/error", this::error);
            server.on(path + "/results/result", this::result);
        }

        /** @return the job's path on the server */
        public String path() {
            return path;
        }

        /**
         * Sets the {@code version} attribute of the job document.
         *
         * @param v {@code "1.1"}, or null for a UWS 1.0 service (no attribute, no WAIT)
         * @return this job
         */
        public FakeJob version(String v) {
            this.version = v;
            return this;
        }

        /**
         * Sets the phases after the run.
         *
         * @param s gives the phase for the n-th fetch (from 1); null means the job has vanished
         * @return this job
         */
        public FakeJob script(IntFunction<String> s) {
            this.script = s;
            return this;
        }

        /**
         * Sets whether a fetch with {@code WAIT} blocks while the job is active: for the WAIT time
         * (at most 5 s), or less if the server closes.
         *
         * @param b true to block as UWS 1.1 says, false to answer at once
         * @return this job
         */
        public FakeJob honourWait(boolean b) {
            this.honourWait = b;
            return this;
        }

        /**
         * Sets the error summary of an ERROR job.
         *
         * @param msg the message; an empty string gives a summary without a message
         * @return this job
         */
        public FakeJob errorMessage(String msg) {
            this.errorMessage = msg;
            return this;
        }

        /**
         * Sets what {@code {job}/error} serves (as a VOTable).
         *
         * @param votable the document, or null for 404
         * @return this job
         */
        public FakeJob errorDocument(String votable) {
            this.errorDocument = votable;
            return this;
        }

        /**
         * Sets the main result.
         *
         * @param votable the document
         * @return this job
         */
        public FakeJob result(String votable) {
            this.result = votable;
            return this;
        }

        /** @return how many times the job document was fetched after the run */
        public int fetches() {
            return fetches.get();
        }

        /** @return whether the client deleted the job */
        public boolean deleted() {
            return deleted;
        }

        private void list(Request req, Exchange ex) throws IOException {
            if (!"POST".equals(req.method())) {
                ex.send(200, "text/xml", "<uws:jobs xmlns:uws=\"" + UWS_NS + "\"/>");
                return;
            }
            ex.redirect(303, server.uri(path).toString());
        }

        private void job(Request req, Exchange ex) throws IOException {
            boolean deleteAction = "POST".equals(req.method()) && "DELETE".equalsIgnoreCase(req.param("ACTION"));
            if ("DELETE".equals(req.method()) || deleteAction) {
                deleted = true;
                ex.redirect(303, server.uri(path.substring(0, path.lastIndexOf('/'))).toString());
                return;
            }
            if (deleted) {
                ex.send(404, "text/plain", "no job " + jobId);
                return;
            }
            String phase = "PENDING";
            if (running) {
                phase = script.apply(fetches.incrementAndGet());
                if (phase == null) {
                    ex.send(404, "text/plain", "Job " + jobId + " is unknown");
                    return;
                }
                String wait = req.param("WAIT");
                if (wait != null && honourWait && ("EXECUTING".equals(phase) || "QUEUED".equals(phase))) {
                    long secs = Math.min(5, Math.max(0, Long.parseLong(wait.trim())));
                    if (!ex.pause(Duration.ofSeconds(secs))) {
                        return;
                    }
                }
            }
            String href = "COMPLETED".equals(phase) ? server.uri(path + "/results/result").toString() : null;
            String err = "ERROR".equals(phase) ? (errorMessage == null ? "" : errorMessage) : null;
            ex.send(200, "text/xml", uwsJob(jobId, phase, version, href, err));
        }

        private void phase(Request req, Exchange ex) throws IOException {
            if ("POST".equals(req.method())) {
                String p = req.param("PHASE");
                if ("RUN".equalsIgnoreCase(p)) {
                    running = true;
                }
                ex.redirect(303, server.uri(path).toString());
                return;
            }
            ex.send(200, "text/plain", running ? "EXECUTING" : "PENDING");
        }

        private void error(Request req, Exchange ex) throws IOException {
            String doc = errorDocument;
            if (doc == null) {
                ex.send(404, "text/plain", "no error document");
            } else {
                ex.send(200, "application/x-votable+xml", doc);
            }
        }

        private void result(Request req, Exchange ex) throws IOException {
            ex.sendVotable(result);
        }
    }
}
