package org.vokit.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.astrogrid.samp.hub.Hub;
import org.astrogrid.samp.hub.HubProfile;
import org.astrogrid.samp.hub.HubServiceMode;
import org.astrogrid.samp.xmlrpc.StandardHubProfile;
import org.astrogrid.samp.xmlrpc.XmlRpcKit;
import org.vokit.samp.SampConnection;

/**
 * A real JSAMP hub running in the test's JVM, Standard Profile only, with its lockfile in a
 * directory the test owns (never the user's {@code ~/.samp}).
 *
 * <pre>{@code
 * try (TestHub hub = TestHub.start(tempDir);
 *      FakeClient aladin = hub.fake("Aladin", "table.load.votable");
 *      SampConnection conn = hub.connection("vokit-test").connect()) { ... }
 * }</pre>
 */
public final class TestHub implements AutoCloseable {

    private final Hub hub;
    private final Path lockFile;

    private TestHub(Hub hub, Path lockFile) {
        this.hub = hub;
        this.lockFile = lockFile;
    }

    /**
     * Starts a hub whose lockfile is {@code dir/samp-hub}.
     *
     * @param dir a directory of the test's own
     * @return the running hub; close it
     * @throws IOException if the hub cannot start
     */
    public static TestHub start(Path dir) throws IOException {
        Path lock = dir.resolve("samp-hub");
        Files.deleteIfExists(lock);
        XmlRpcKit kit = XmlRpcKit.INTERNAL;
        StandardHubProfile profile = new StandardHubProfile(kit.getClientFactory(), kit.getServerFactory(),
                lock.toFile(), StandardHubProfile.createSecret());
        Hub hub = Hub.runHub(HubServiceMode.NO_GUI, new HubProfile[] {profile}, new HubProfile[0]);
        return new TestHub(hub, lock);
    }

    /** @return the lockfile */
    public Path lockFile() {
        return lockFile;
    }

    /** @return the lockfile's URL */
    public URI lockUrl() {
        return lockFile.toUri();
    }

    /**
     * Returns a connection builder pointed at this hub.
     *
     * @param name the client name
     * @return the builder
     */
    public SampConnection.Builder connection(String name) {
        return SampConnection.builder().name(name).lockFile(lockFile);
    }

    /**
     * Registers a raw JSAMP client playing another application.
     *
     * @param name its name, e.g. {@code topcat} or {@code Aladin}
     * @param mtypes the MTypes it subscribes to
     * @return the client; close it (or the hub)
     * @throws IOException if registration fails
     */
    public FakeClient fake(String name, String... mtypes) throws IOException {
        return FakeClient.register(lockUrl(), name, mtypes);
    }

    /** Shuts the hub down (clients are told) and removes the lockfile. */
    @Override
    public void close() {
        hub.shutdown();
    }
}
