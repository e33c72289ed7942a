package org.vokit.samp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * Reads the tables other clients point at in {@code table.load.*} messages, without letting a
 * message make this program read what it should not.
 *
 * <ul>
 * <li>{@code http:} and {@code https:} URLs are fetched through {@link VoHttp}, with a time limit
 *     and a size limit.</li>
 * <li>{@code file:} URLs are read only if the sender is a client on this host (as
 *     {@link SampConnection#isLocalSender} decides: a Standard Profile hub on this machine, whose
 *     lockfile only the user can read) and the file is a regular file the user can read; a
 *     {@code file:} URL naming another host is refused.</li>
 * <li>Every other scheme ({@code jar:}, {@code ftp:}, {@code data:}, ...) is refused.</li>
 * </ul>
 * A refusal is a {@link SampException} whose message says why; thrown from a
 * {@link SampHandler}, it becomes the text of the {@code samp.error} reply.
 */
public final class SampTableLoader implements AutoCloseable {

    private final VoHttp http;
    private final boolean ownsHttp;
    private final Duration timeout;
    private final long maxBytes;
    private final Predicate<String> localSender;

    private SampTableLoader(Builder b) {
        this.ownsHttp = b.http == null;
        this.http = b.http != null ? b.http : VoHttp.newDefault();
        this.timeout = b.timeout;
        this.maxBytes = b.maxBytes;
        this.localSender = b.localSender;
    }

    /**
     * Starts configuring a loader that trusts with local files exactly the senders a connection
     * considers local.
     *
     * @param connection the connection messages arrive on
     * @return a builder
     */
    public static Builder builder(SampConnection connection) {
        return new Builder(connection::isLocalSender);
    }

    /**
     * Starts configuring a loader with an explicit test of which senders may name local files.
     *
     * @param localSender true for the sender ids whose {@code file:} URLs may be read
     * @return a builder
     */
    public static Builder builder(Predicate<String> localSender) {
        return new Builder(localSender);
    }

    /** @return the size limit in bytes */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads the VOTable a {@code table.load.votable} message points at (its {@code url}).
     *
     * @param message the message
     * @return the table, read completely
     * @throws SampException if the URL is refused or too large
     * @throws IOException if it cannot be read or is not a VOTable
     */
    public StarTable loadVotable(SampMessage message) throws IOException {
        String u = message.requireParam("url");
        URI url;
        try {
            url = new URI(u.strip());
        } catch (URISyntaxException e) {
            throw new SampException("not a URL: '" + u + "'", null);
        }
        return loadVotable(url, message.senderId());
    }

    /**
     * Reads a VOTable from a URL sent by a client.
     *
     * @param url the URL
     * @param senderId the sending client's id
     * @return the table, read completely
     * @throws SampException if the URL is refused or too large
     * @throws IOException if it cannot be read or is not a VOTable
     */
    public StarTable loadVotable(URI url, String senderId) throws IOException {
        RowStore store = StoragePolicy.ADAPTIVE.makeRowStore();
        try (InputStream in = open(url, senderId)) {
            VotableReader.read(in, url, store, true);
        }
        return store.getStarTable();
    }

    /**
     * Opens a URL sent by a client, after the checks described above.
     *
     * @param url the URL
     * @param senderId the sending client's id
     * @return the content, limited to {@link #maxBytes()}; the caller closes it
     * @throws SampException if the URL is refused
     * @throws IOException if it cannot be opened
     */
    public InputStream open(URI url, String senderId) throws IOException {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                VoResponse resp = http.send(VoRequest.get(url), Deadline.in(timeout));
                if (!resp.isSuccess()) {
                    throw ServiceErrors.from(resp);
                }
                long declared = resp.header("Content-Length").map(SampTableLoader::parseLong).orElse(-1L);
                if (declared > maxBytes) {
                    resp.close();
                    throw tooLarge(url);
                }
                return new Limited(resp.body(), url);
            }
            case "file" -> {
                Path p = localFile(url, senderId);
                if (Files.size(p) > maxBytes) {
                    throw tooLarge(url);
                }
                return new Limited(Files.newInputStream(p), url);
            }
            default -> throw new SampException("refused to read " + url + ": only http, https and (for clients on"
                    + " this host) file URLs are read", url);
        }
    }

    /** Closes the HTTP client if this loader made its own (none was given to the builder). */
    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    private Path localFile(URI url, String senderId) throws SampException {
        if (!localSender.test(senderId)) {
            throw new SampException("refused to read " + url + ": local files are read only for clients on this"
                    + " host, and sender " + senderId + " is not known to be one", url);
        }
        String host = url.getHost();
        if (url.getAuthority() != null && !url.getAuthority().isEmpty()
                && !"localhost".equalsIgnoreCase(host)) {
            throw new SampException("refused to read " + url + ": it names another host", url);
        }
        Path p;
        try {
            p = Path.of(new URI("file", null, url.getPath(), null));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new SampException("refused to read " + url + ": not a local file path", url);
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new SampException("refused to read " + url + ": not a regular file this user can read", url);
        }
        return p;
    }

    private SampException tooLarge(URI url) {
        return new SampException("refused to read " + url + ": larger than the limit of " + maxBytes + " bytes", url);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Fails once more than the limit has been read. */
    private final class Limited extends FilterInputStream {
        private final URI url;
        private long count;

        Limited(InputStream in, URI url) {
            super(in);
            this.url = url;
        }

        private void add(long n) throws SampException {
            if (n > 0) {
                count += n;
                if (count > maxBytes) {
                    throw tooLarge(url);
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            add(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            add(s);
            return s;
        }
    }

    /** Configures a {@link SampTableLoader}. */
    public static final class Builder {
        private final Predicate<String> localSender;
        private VoHttp http;
        private Duration timeout = Duration.ofMinutes(2);
        private long maxBytes = 512L * 1024 * 1024;

        private Builder(Predicate<String> localSender) {
            this.localSender = Objects.requireNonNull(localSender, "localSender");
        }

        /**
         * Sets the HTTP client (the caller keeps it and closes it). Without one the loader makes
         * its own, closed with the loader.
         *
         * @param client the client
         * @return this builder
         */
        public Builder http(VoHttp client) {
            this.http = client;
            return this;
        }

        /**
         * Sets the time allowed to fetch one table (default 2 minutes).
         *
         * @param d the time
         * @return this builder
         */
        public Builder timeout(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + d);
            }
            this.timeout = d;
            return this;
        }

        /**
         * Sets the largest document read (default 512 MiB).
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive: " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /** @return the loader */
        public SampTableLoader build() {
            return new SampTableLoader(this);
        }
    }
}
