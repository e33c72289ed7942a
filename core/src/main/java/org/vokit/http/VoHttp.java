package org.vokit.http;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.vokit.AccessException;
import org.vokit.DeadlineException;
import org.vokit.HttpStatusException;
import org.vokit.ProtocolException;
import org.vokit.VoException;
import org.vokit.internal.LazySsl;

/**
 * The HTTP layer every vokit protocol client shares: one {@link HttpClient}, a connect timeout,
 * a per-request timeout, an overall {@link Deadline} per call, gzip, redirects (with loop
 * detection), polite retries on {@code 429}/{@code 503} with {@code Retry-After}, and a debug log
 * line giving each request as an equivalent {@code curl} command.
 *
 * <p>Instances are immutable and thread-safe; build one with {@link #builder()} and share it.
 * Blocking calls honour interruption (they throw {@link InterruptedIOException} and keep the
 * thread's interrupt flag set).
 */
public final class VoHttp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(VoHttp.class.getName());

    /** The default User-Agent, following the IVOA software identification note. */
    public static final String DEFAULT_USER_AGENT = "vokit/0.1 (Java " + Runtime.version().feature() + ")";

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String userAgent;
    private final int maxRedirects;
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final Object watchdogLock = new Object();
    private ScheduledExecutorService watchdog;

    private VoHttp(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.userAgent = b.userAgent;
        this.maxRedirects = b.maxRedirects;
        this.maxRetries = b.maxRetries;
        this.maxRetryWait = b.maxRetryWait;
        HttpClient.Builder cb = HttpClient.newBuilder();
        if (b.sslContext != null) {
            cb.sslContext(b.sslContext);
        } else {
            // the JDK's default TLS set-up, loaded on the first https request rather than now
            cb.sslContext(LazySsl.context()).sslParameters(LazySsl.parameters());
        }
        cb.connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (b.executor != null) {
            cb.executor(b.executor);
        }
        this.client = cb.build();
    }

    /**
     * Returns a builder with sensible defaults: 10 s to connect, 5 min per request,
     * 10 redirects, 3 retries waiting at most 30 s each.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a new client with the default settings.
     *
     * @return the client
     */
    public static VoHttp newDefault() {
        return builder().build();
    }

    /**
     * Releases the client's background threads now instead of when it is garbage-collected.
     * Requests in flight fail. A short-lived program should close its client before it exits:
     * on Java 17 the JVM waits up to 300 ms at exit for a thread still blocked in native code,
     * such as the HTTP client's selector.
     *
     * <p>On Java 21 and later this is {@code HttpClient.close()}. On Java 17, which has no such
     * method, the selector is shut down only if the runtime opens {@code java.net.http} to vokit
     * ({@code --add-opens java.net.http/jdk.internal.net.http=ALL-UNNAMED}, as the {@code vokit}
     * launcher does); otherwise nothing happens and the threads end on their own later.
     */
    @Override
    public void close() {
        Object c = client;
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing the HTTP client failed: " + e);
            }
            return;
        }
        try {
            java.lang.reflect.Field impl = client.getClass().getDeclaredField("impl");
            impl.setAccessible(true);
            Object clientImpl = impl.get(client);
            java.lang.reflect.Field selmgr = clientImpl.getClass().getDeclaredField("selmgr");
            selmgr.setAccessible(true);
            Object selector = selmgr.get(clientImpl);
            java.lang.reflect.Method shutdown = selector.getClass().getDeclaredMethod("shutdown");
            shutdown.setAccessible(true);
            shutdown.invoke(selector);
        } catch (ReflectiveOperationException | RuntimeException notPermitted) {
            LOG.log(Level.TRACE, "HTTP client threads left to end by themselves: " + notPermitted);
        }
        synchronized (watchdogLock) {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
        }
    }

    /** @return the per-request timeout */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the User-Agent sent with every request */
    public String userAgent() {
        return userAgent;
    }

    /**
     * Sends a request and returns the answer, whatever its status (redirects are followed when
     * the request asks for it). The caller must close the response.
     *
     * @param request the request
     * @param deadline the overall deadline; the body stream is closed when it passes
     * @return the response
     * @throws VoException if the service cannot be reached, times out, or loops on redirects
     * @throws InterruptedIOException if the thread is interrupted
     */
    public VoResponse send(VoRequest request, Deadline deadline) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(deadline, "deadline");
        VoRequest current = request;
        Set<URI> seen = new HashSet<>();
        seen.add(current.uri());
        int retries = 0;
        for (int hops = 0; ; ) {
            VoResponse resp = sendOnce(current, deadline);
            int st = resp.status();
            if ((st == 429 || st == 503) && retries < maxRetries) {
                Optional<Duration> wait = retryAfter(resp);
                if (wait.isPresent() && wait.get().compareTo(maxRetryWait) <= 0
                        && wait.get().compareTo(deadline.remaining()) < 0) {
                    resp.close();
                    retries++;
                    LOG.log(Level.DEBUG, "HTTP {0} from {1}; retrying after {2}", st, current.uri(), wait.get());
                    sleep(wait.get());
                    continue;
                }
            }
            if (!current.followRedirects() || !resp.isRedirect() || st == 304) {
                return resp;
            }
            String location = resp.header("Location").orElse(null);
            resp.close();
            if (location == null) {
                throw new ProtocolException("HTTP " + st + " redirect without a Location header", current.uri());
            }
            URI next;
            try {
                next = current.uri().resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("redirect to a malformed Location '" + location + "'", current.uri(), e);
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ProtocolException("refusing a redirect to " + next + ": only http and https are followed",
                        current.uri());
            }
            if (++hops > maxRedirects || !seen.add(next)) {
                throw new ProtocolException("redirect loop (" + hops + " redirects, last to " + next + ")",
                        request.uri());
            }
            boolean keepMethod = st == 307 || st == 308;
            current = keepMethod
                    ? new VoRequest(current.method(), next, current.params(), current.parts(), true)
                    : VoRequest.get(next);
        }
    }

    /**
     * Sends a request and requires a 2xx answer.
     *
     * @param request the request
     * @param deadline the overall deadline
     * @return the successful response; the caller closes it
     * @throws HttpStatusException for a non-2xx status, with an excerpt of the body
     * @throws VoException for other failures
     */
    public VoResponse sendOk(VoRequest request, Deadline deadline) throws IOException {
        return send(request, deadline).requireSuccess();
    }

    private VoResponse sendOnce(VoRequest req, Deadline deadline) throws IOException {
        if (deadline.expired()) {
            throw new DeadlineException("deadline passed before the request was sent", req.uri(),
                    deadline.allowed(), null);
        }
        HttpRequest httpReq = toHttpRequest(req, deadline);
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, Curl.command(req.method(), req.uri(), req.params(), describeParts(req)));
        }
        CompletableFuture<HttpResponse<InputStream>> future =
                client.sendAsync(httpReq, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> resp;
        try {
            Duration wait = deadline.cap(requestTimeout);
            resp = wait == null ? future.get() : future.get(wait.toNanos() + 1_000_000L, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while waiting for " + req.uri());
            ie.initCause(e);
            throw ie;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(req, deadline, e);
        } catch (CancellationException e) {
            throw new AccessException("request cancelled", req.uri(), e);
        } catch (ExecutionException e) {
            throw mapFailure(req, deadline, e.getCause());
        }
        InputStream body = resp.body();
        String enc = resp.headers().firstValue("Content-Encoding").orElse("");
        body = new GuardedInputStream(body, req.uri(), deadline);
        if ("gzip".equalsIgnoreCase(enc.trim()) && resp.statusCode() != 204 && resp.statusCode() != 304) {
            body = new GunzipOnRead(body, req.uri());
        }
        return new VoResponse(resp.statusCode(), req.uri(), resp.headers(), body);
    }

    private VoException timeout(VoRequest req, Deadline deadline, Throwable cause) {
        Duration perReq = requestTimeout;
        boolean overall = deadline.isBounded() && deadline.expired();
        String what = overall ? "overall deadline of " + deadline.allowed() : "request timeout of " + perReq;
        return new DeadlineException("no answer within the " + what, req.uri(),
                overall ? deadline.allowed() : perReq, cause);
    }

    private VoException mapFailure(VoRequest req, Deadline deadline, Throwable t) {
        if (t instanceof VoException ve) {
            return ve;
        }
        if (t instanceof HttpConnectTimeoutException && (deadline.expired()
                || (deadline.cap(requestTimeout) != null && deadline.cap(requestTimeout).compareTo(connectTimeout) < 0))) {
            // the connection attempt was cut short by the request timeout or the overall deadline
            return timeout(req, deadline, t);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new DeadlineException("could not connect within " + connectTimeout, req.uri(), connectTimeout, t);
        }
        if (t instanceof HttpTimeoutException) {
            return timeout(req, deadline, t);
        }
        if (t instanceof ConnectException) {
            return new AccessException("connection refused or unreachable", req.uri(), t);
        }
        String msg = t == null ? "unknown failure" : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new AccessException("request failed: " + msg, req.uri(), t);
    }

    private HttpRequest toHttpRequest(VoRequest req, Deadline deadline) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder()
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "gzip");
        Duration timeout = deadline.cap(requestTimeout);
        if (timeout != null) {
            b.timeout(timeout.isZero() ? Duration.ofMillis(1) : timeout);
        }
        switch (req.method()) {
            case "GET", "DELETE" -> {
                URI target = withQuery(req.uri(), req.params());
                b.uri(target).method(req.method(), HttpRequest.BodyPublishers.noBody());
            }
            case "POST" -> {
                b.uri(req.uri());
                if (req.parts().isEmpty()) {
                    b.header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(formEncode(req.params()),
                                    StandardCharsets.UTF_8));
                } else {
                    String boundary = "vokit-" + UUID.randomUUID();
                    b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(req, boundary)));
                }
            }
            default -> throw new IllegalArgumentException("unsupported method " + req.method());
        }
        return b.build();
    }

    /**
     * Appends parameters to a URL's query string.
     *
     * @param uri the URL, possibly with a query already
     * @param params parameters to append
     * @return the combined URL
     */
    public static URI withQuery(URI uri, List<Param> params) {
        if (params.isEmpty()) {
            return uri;
        }
        String s = uri.toString();
        String sep = s.contains("?") ? (s.endsWith("?") || s.endsWith("&") ? "" : "&") : "?";
        return URI.create(s + sep + formEncode(params));
    }

    /**
     * Encodes parameters as {@code application/x-www-form-urlencoded}.
     *
     * @param params the parameters
     * @return the encoded string
     */
    public static String formEncode(List<Param> params) {
        StringBuilder sb = new StringBuilder();
        for (Param p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.value(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static byte[] multipart(VoRequest req, String boundary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Param p : req.params()) {
            writeAscii(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + headerSafe(p.name()) + "\"\r\n\r\n");
            out.write(p.value().getBytes(StandardCharsets.UTF_8));
            writeAscii(out, "\r\n");
        }
        for (Part part : req.parts()) {
            StringBuilder h = new StringBuilder("--").append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"").append(headerSafe(part.name())).append('"');
            if (part.fileName() != null) {
                h.append("; filename=\"").append(headerSafe(part.fileName())).append('"');
            }
            h.append("\r\n");
            if (part.contentType() != null) {
                h.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            h.append("\r\n");
            writeAscii(out, h.toString());
            try (InputStream in = part.open()) {
                in.transferTo(out);
            }
            writeAscii(out, "\r\n");
        }
        writeAscii(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static String headerSafe(String s) {
        return s.replace("\"", "%22").replace("\r", "").replace("\n", "");
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> describeParts(VoRequest req) {
        List<String> out = new ArrayList<>();
        for (Part p : req.parts()) {
            out.add(p.name() + "=" + p.describeValue());
        }
        return out;
    }

    static Optional<Duration> retryAfter(VoResponse resp) {
        Optional<String> h = resp.header("Retry-After");
        if (h.isEmpty()) {
            return Optional.empty();
        }
        String v = h.get().trim();
        try {
            long secs = Long.parseLong(v);
            return secs < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(secs));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private ScheduledExecutorService watchdog() {
        synchronized (watchdogLock) {
            if (watchdog == null) {
                ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "vokit-http-deadline");
                    t.setDaemon(true);
                    return t;
                });
                ex.setRemoveOnCancelPolicy(true);
                watchdog = ex;
            }
            return watchdog;
        }
    }

    /**
     * A body stream that is closed when the deadline passes, and that reports that as a
     * {@link DeadlineException} rather than as a truncated document.
     */
    private final class GuardedInputStream extends FilterInputStream {
        private final URI uri;
        private final Deadline deadline;
        private final ScheduledFuture<?> timer;
        private volatile boolean timedOut;

        GuardedInputStream(InputStream in, URI uri, Deadline deadline) {
            super(in);
            this.uri = uri;
            this.deadline = deadline;
            if (deadline.isBounded()) {
                long nanos = deadline.remaining().toNanos();
                this.timer = watchdog().schedule(() -> {
                    timedOut = true;
                    try {
                        in.close();
                    } catch (IOException e) {
                        // the reader will see the failure
                    }
                }, nanos, TimeUnit.NANOSECONDS);
            } else {
                this.timer = null;
            }
        }

        private IOException fail(IOException e) {
            if (timedOut || deadline.expired()) {
                return new DeadlineException("transfer not finished within the overall deadline of "
                        + deadline.allowed(), uri, deadline.allowed(), e);
            }
            if (e instanceof VoException) {
                return e;
            }
            return new AccessException("connection broke while reading the answer: " + e.getMessage(), uri, e);
        }

        private int check(int n) throws IOException {
            if (n < 0 && timedOut) {
                throw fail(new IOException("closed at deadline"));
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            try {
                return check(super.read());
            } catch (IOException e) {
                throw fail(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return check(super.read(b, off, len));
            } catch (IOException e) {
                throw fail(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (timer != null) {
                timer.cancel(false);
            }
            super.close();
        }
    }

    /**
     * Decompresses a gzip body, opening the gzip stream only when the first byte is asked for:
     * an empty body (which some services send with {@code Content-Encoding: gzip}, e.g. for
     * "no content") reads as empty instead of failing on a missing gzip header.
     */
    private static final class GunzipOnRead extends InputStream {
        private final InputStream raw;
        private final URI uri;
        private InputStream in;

        GunzipOnRead(InputStream raw, URI uri) {
            this.raw = raw;
            this.uri = uri;
        }

        private InputStream open() throws IOException {
            if (in == null) {
                java.io.PushbackInputStream pb = new java.io.PushbackInputStream(raw, 1);
                int first = pb.read();
                if (first < 0) {
                    in = InputStream.nullInputStream();
                } else {
                    pb.unread(first);
                    try {
                        in = new GZIPInputStream(pb, 65536);
                    } catch (IOException e) {
                        if (e instanceof VoException) {
                            throw e;
                        }
                        throw new ProtocolException("gzip-encoded body is not valid gzip: " + e.getMessage(), uri, e);
                    }
                }
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return open().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    /** Builder of {@link VoHttp} clients. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private String userAgent = DEFAULT_USER_AGENT;
        private int maxRedirects = 10;
        private int maxRetries = 3;
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private Executor executor;
        private javax.net.ssl.SSLContext sslContext;

        private Builder() {
        }

        /**
         * Sets the TLS context for https (for example one trusting a private certificate
         * authority). By default the JDK's default context is used, initialised on first use.
         *
         * @param context the context
         * @return this builder
         */
        public Builder sslContext(javax.net.ssl.SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /**
         * Sets the time allowed to open a connection.
         *
         * @param d the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /**
         * Sets the time allowed for one request until its response headers arrive.
         *
         * @param d the timeout
         * @return this builder
         */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /**
         * Sets the User-Agent header.
         *
         * @param ua the value
         * @return this builder
         */
        public Builder userAgent(String ua) {
            this.userAgent = Objects.requireNonNull(ua, "userAgent");
            return this;
        }

        /**
         * Sets how many redirects one request may follow.
         *
         * @param n the limit
         * @return this builder
         */
        public Builder maxRedirects(int n) {
            this.maxRedirects = Math.max(0, n);
            return this;
        }

        /**
         * Sets how many times a request answered by 429 or 503 with {@code Retry-After} is retried.
         *
         * @param n the limit
         * @return this builder
         */
        public Builder maxRetries(int n) {
            this.maxRetries = Math.max(0, n);
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} that is honoured by waiting.
         *
         * @param d the longest wait
         * @return this builder
         */
        public Builder maxRetryWait(Duration d) {
            this.maxRetryWait = Objects.requireNonNull(d, "maxRetryWait");
            return this;
        }

        /**
         * Sets the executor the HTTP client uses for its asynchronous work.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** @return a new client */
        public VoHttp build() {
            return new VoHttp(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
