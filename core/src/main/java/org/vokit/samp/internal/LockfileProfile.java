package org.vokit.samp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.astrogrid.samp.xmlrpc.LockInfo;
import org.astrogrid.samp.xmlrpc.SampXmlRpcClientFactory;
import org.astrogrid.samp.xmlrpc.SampXmlRpcServerFactory;
import org.astrogrid.samp.xmlrpc.StandardClientProfile;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;

/**
 * The SAMP Standard Profile with the lockfile given explicitly, instead of JSAMP's process-wide
 * choice from the {@code SAMP_HUB} environment variable. A {@code file:} lockfile that does not
 * exist means "no hub"; an {@code http(s)} one (a hub publishing its lockfile) is fetched
 * through {@link VoHttp}.
 */
public final class LockfileProfile extends StandardClientProfile {

    private static final int MAX_LOCKFILE = 64 * 1024;

    private final URI lockUrl;
    private final VoHttp http;

    /**
     * Creates the profile.
     *
     * @param lockUrl the lockfile's URL ({@code file:}, {@code http:} or {@code https:})
     * @param clients the XML-RPC client factory used to talk to the hub
     * @param server the XML-RPC server factory for the hub's callbacks
     * @param http the HTTP client for http(s) lockfiles (may be null for a file: lockfile)
     */
    public LockfileProfile(URI lockUrl, SampXmlRpcClientFactory clients, SampXmlRpcServerFactory server,
            VoHttp http) {
        super(clients, server);
        String scheme = lockUrl.getScheme() == null ? "" : lockUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("file") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("a SAMP lockfile URL must be file:, http: or https:, not " + lockUrl);
        }
        this.lockUrl = lockUrl;
        this.http = http;
    }

    /** @return the lockfile's URL */
    public URI lockUrl() {
        return lockUrl;
    }

    /**
     * Reads the lockfile.
     *
     * @return the hub's location and secret, or null if there is no lockfile (no hub running)
     * @throws IOException if the lockfile exists but cannot be read
     */
    @Override
    public LockInfo getLockInfo() throws IOException {
        if ("file".equalsIgnoreCase(lockUrl.getScheme())) {
            Path p = Path.of(lockUrl);
            try (InputStream in = Files.newInputStream(p)) {
                return LockInfo.readLockFile(new ByteArrayInputStream(in.readNBytes(MAX_LOCKFILE)));
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        if (http == null) {
            throw new IOException("no HTTP client to read the lockfile " + lockUrl);
        }
        try (VoResponse r = http.send(VoRequest.get(lockUrl), Deadline.in(Duration.ofSeconds(10)))) {
            if (r.status() == 404) {
                return null;
            }
            r.requireSuccess();
            return LockInfo.readLockFile(new ByteArrayInputStream(r.body().readNBytes(MAX_LOCKFILE)));
        }
    }
}
