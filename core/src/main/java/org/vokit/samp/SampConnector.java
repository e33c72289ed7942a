package org.vokit.samp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.astrogrid.samp.client.ClientProfile;
import org.astrogrid.samp.client.HubConnection;
import org.astrogrid.samp.httpd.HttpServer;
import org.astrogrid.samp.xmlrpc.LockInfo;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;
import org.vokit.http.VoHttp;
import org.vokit.samp.internal.CallbackServer;
import org.vokit.samp.internal.LockfileProfile;

/**
 * How a {@link SampConnection.Builder} opens a connection: it starts the loopback HTTP server
 * (for the hub's callbacks and the shared tables), finds the hub through the lockfile or the
 * given profile, registers, declares metadata and subscriptions, and registers the shutdown hook.
 * Whatever fails on the way is undone: no server, registration or hook is left behind.
 */
final class SampConnector {

    private static final System.Logger LOG = System.getLogger(SampConnection.class.getName());

    private SampConnector() {
    }

    /**
     * Registers with the hub the builder names.
     *
     * @param b the builder
     * @return the open connection
     * @throws IOException as {@link SampConnection.Builder#connect()} says
     */
    static SampConnection connect(SampConnection.Builder b) throws IOException {
        URI lock = b.lockUrl;
        if (b.profile == null && lock == null) {
            lock = Path.of(System.getProperty("user.home"), ".samp").toUri();
        }
        HttpServer server = new HttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        server.setDaemon(true);
        server.start();
        VoHttp ownHttp = null;
        try {
            CallbackServer callbacks = new CallbackServer(server);
            ClientProfile p = b.profile;
            URI hubUrl = null;
            String scheme = lock == null || lock.getScheme() == null ? "" : lock.getScheme().toLowerCase(Locale.ROOT);
            if (b.http == null && (scheme.equals("http") || scheme.equals("https"))) {
                ownHttp = VoHttp.builder().connectTimeout(Duration.ofSeconds(5)).build();
            }
            if (p == null) {
                LockfileProfile lp = new LockfileProfile(lock, XmlRpcKit.INTERNAL.getClientFactory(), callbacks,
                        b.http != null ? b.http : ownHttp);
                LockInfo info;
                try {
                    info = lp.getLockInfo();
                } catch (IOException e) {
                    throw new SampException("cannot read the SAMP lockfile: " + SampValues.text(e), lock, e);
                }
                if (info == null) {
                    throw new SampException("no SAMP hub is running (no lockfile at " + lock
                            + "); start TOPCAT, Aladin or a SAMP hub first", lock);
                }
                try {
                    hubUrl = info.getXmlrpcUrl().toURI();
                } catch (URISyntaxException | RuntimeException e) {
                    throw new SampException("the SAMP lockfile names no usable hub URL", lock, e);
                }
                p = lp;
            }
            HubConnection hc;
            try {
                hc = p.register();
            } catch (org.astrogrid.samp.client.SampException e) {
                throw new SampException("could not register with the SAMP hub"
                        + (hubUrl != null ? " (a stale lockfile " + lock + "?)" : "") + ": " + SampValues.text(e),
                        hubUrl != null ? hubUrl : lock, e);
            }
            if (hc == null) {
                throw new SampException("no SAMP hub is running", lock);
            }
            SampConnection conn = new SampConnection(b, hc, hubUrl, lock, server);
            try {
                hc.setCallable(conn.receiver().new Callable());
                hc.declareMetadata(SampValues.toSampMap(b.metadata()));
                conn.receiver().declareSubscriptions();
            } catch (org.astrogrid.samp.client.SampException e) {
                conn.close();
                throw new SampException("the SAMP hub refused the set-up: " + SampValues.text(e), hubUrl, e);
            } catch (IOException | RuntimeException e) {
                conn.close();
                throw e;
            }
            if (b.shutdownHook) {
                conn.installShutdownHook(b.hooks);
            }
            LOG.log(Level.DEBUG, "registered with the SAMP hub at {0} as {1} ({2})", hubUrl, conn.selfId(), b.name);
            return conn;
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        } finally {
            if (ownHttp != null) {
                ownHttp.close();
            }
        }
    }
}
