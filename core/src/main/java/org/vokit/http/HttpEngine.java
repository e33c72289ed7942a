package org.vokit.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vokit.DeadlineException;
import org.vokit.internal.LazySsl;

/**
 * What a {@link VoHttp} handle works with and what costs threads: the JDK client, its executor,
 * the deadline watchdog and the per-host request limits. Handles count as users; the engine
 * stops everything when the last user lets go.
 */
final class HttpEngine {

    private static final System.Logger LOG = System.getLogger(VoHttp.class.getName());
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");
    private static final AtomicInteger ENGINES = new AtomicInteger();

    final HttpClient client;
    final Duration connectTimeout;
    private final int maxPerHost;
    private final ThreadPoolExecutor ownExecutor;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private ScheduledThreadPoolExecutor watchdog;
    private int users = 1;
    private boolean closed;

    HttpEngine(Duration connectTimeout, int maxPerHost, Executor executor, javax.net.ssl.SSLContext sslContext) {
        this.connectTimeout = connectTimeout;
        this.maxPerHost = maxPerHost;
        HttpClient.Builder cb = HttpClient.newBuilder();
        if (sslContext != null) {
            cb.sslContext(sslContext);
        } else {
            // the JDK's default TLS set-up, loaded on the first https request rather than now
            cb.sslContext(LazySsl.context()).sslParameters(LazySsl.parameters());
        }
        cb.connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (executor != null) {
            this.ownExecutor = null;
            cb.executor(executor);
        } else {
            int engine = ENGINES.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            this.ownExecutor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), r -> {
                        Thread t = new Thread(r, "vokit-http-" + engine + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            cb.executor(ownExecutor);
        }
        this.client = cb.build();
    }

    /** @return the most requests in flight to one host at once */
    int maxPerHost() {
        return maxPerHost;
    }

    /**
     * Adds a user, unless the engine has already stopped.
     *
     * @return false if it has stopped (the caller makes a new one)
     */
    boolean retain() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            users++;
            return true;
        }
    }

    /** Lets go of one use; the last one stops the engine. */
    void release() {
        synchronized (lock) {
            if (closed || --users > 0) {
                return;
            }
            closed = true;
        }
        shutdown();
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    ScheduledExecutorService watchdog() {
        synchronized (lock) {
            if (watchdog == null) {
                ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "vokit-http-deadline");
                    t.setDaemon(true);
                    return t;
                });
                ex.setRemoveOnCancelPolicy(true);
                ex.setKeepAliveTime(10, TimeUnit.SECONDS);
                ex.allowCoreThreadTimeOut(true);
                watchdog = ex;
            }
            return watchdog;
        }
    }

    /**
     * Waits, within the deadline, until fewer than the limit of requests to the URL's host are in
     * flight, and takes a place.
     *
     * @param uri the request's URL
     * @param deadline the caller's deadline, which the wait counts against
     * @return the place; run it once to give the place back
     * @throws DeadlineException if the deadline passes first
     * @throws InterruptedIOException if the thread is interrupted
     */
    Runnable acquire(URI uri, Deadline deadline) throws IOException {
        String key = hostKey(uri);
        Semaphore s = hosts.computeIfAbsent(key, k -> new Semaphore(maxPerHost, true));
        try {
            if (!s.tryAcquire()) {
                LOG.log(Level.DEBUG, "{0} requests in flight to {1}; waiting for one to end", maxPerHost, key);
                if (deadline.isBounded()) {
                    if (!s.tryAcquire(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS)) {
                        throw new DeadlineException("deadline of " + deadline.allowed() + " passed while waiting"
                                + " for one of the " + maxPerHost + " requests in flight to " + key + " to end",
                                uri, deadline.allowed(), null);
                    }
                } else {
                    s.acquire();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while waiting to send to " + key);
            ie.initCause(e);
            throw ie;
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                s.release();
            }
        };
    }

    static String hostKey(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * Stops the watchdog, the executor and the client's selector thread, on every Java version,
     * and waits briefly for them to end.
     */
    private void shutdown() {
        ScheduledThreadPoolExecutor w;
        synchronized (lock) {
            w = watchdog;
        }
        if (w != null) {
            w.shutdownNow();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        closeClient();
        try {
            if (w != null) {
                w.awaitTermination(1, TimeUnit.SECONDS);
            }
            if (ownExecutor != null) {
                ownExecutor.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClient() {
        Object c = client;
        if (c instanceof AutoCloseable) {
            // Java 21+: HttpClient.shutdownNow() and awaitTermination(Duration), called
            // reflectively because vokit compiles for Java 17
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(client);
                HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(client, Duration.ofSeconds(1));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.DEBUG, "closing the HTTP client failed: " + e);
            }
            return;
        }
        Thread selector = selectorThread();
        try {
            // with --add-opens java.net.http/jdk.internal.net.http=ALL-UNNAMED (as the launcher has)
            java.lang.reflect.Field impl = client.getClass().getDeclaredField("impl");
            impl.setAccessible(true);
            Object clientImpl = impl.get(client);
            java.lang.reflect.Field selmgr = clientImpl.getClass().getDeclaredField("selmgr");
            selmgr.setAccessible(true);
            Object manager = selmgr.get(clientImpl);
            java.lang.reflect.Method shutdown = manager.getClass().getDeclaredMethod("shutdown");
            shutdown.setAccessible(true);
            shutdown.invoke(manager);
        } catch (ReflectiveOperationException | RuntimeException notPermitted) {
            // Java 17 without the opening: the selector thread leaves its loop when interrupted
            // and then closes its selector and connections
            if (selector != null) {
                selector.interrupt();
            } else {
                LOG.log(Level.DEBUG, "HTTP client threads left to end by themselves: " + notPermitted);
            }
        }
        if (selector != null && selector != Thread.currentThread()) {
            try {
                selector.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Finds the JDK client's selector thread, named after the id its {@code toString} ends with. */
    private Thread selectorThread() {
        Matcher m = CLIENT_ID.matcher(String.valueOf(client));
        if (!m.find()) {
            return null;
        }
        String name = "HttpClient-" + m.group(1) + "-SelectorManager";
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (name.equals(t.getName())) {
                return t;
            }
        }
        return null;
    }
}
