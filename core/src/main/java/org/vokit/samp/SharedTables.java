package org.vokit.samp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.astrogrid.samp.httpd.HttpServer;
import org.astrogrid.samp.httpd.ResourceHandler;
import org.astrogrid.samp.httpd.ServerResource;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * The tables a {@link SampConnection} serves to its recipients: BINARY2 VOTables on the
 * connection's loopback HTTP server, under unguessable paths, at most a given number at once
 * (the oldest goes first), with a count of complete fetches for programs about to exit.
 */
final class SharedTables {

    private final ResourceHandler resources;
    private final int maxShared;
    private final Deque<URL> shared = new ArrayDeque<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> fetchCounts = new ConcurrentHashMap<>();

    SharedTables(HttpServer server, int maxShared) {
        this.resources = new ResourceHandler(server, "/shared");
        this.maxShared = maxShared;
        server.addHandler(resources);
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
    URI shareTable(StarTable table, String name) {
        Objects.requireNonNull(table, "table");
        String file = SampValues.safe(name) + "-" + SampValues.token(8) + ".vot";
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
    boolean awaitFetches(URI url, int times, Duration max) throws InterruptedException {
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
}
