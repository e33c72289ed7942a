package org.vokit.samp;

import static org.assertj.core.api.Assertions.assertThat;

import org.vokit.testing.TestHub;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.testing.Threads;

/**
 * What a {@link SampConnection} leaves behind when closed: no shutdown hook (checked through the
 * hook registration the test controls) and no thread (counted), after it has sent, received and
 * served a table. Real JSAMP hub in this JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SampConnectionLifetimeTest {

    @TempDir
    static Path dir;

    private static TestHub hub;

    /** Hooks kept in a list instead of the JVM's, so that the test can see them. */
    static final class RecordingHooks implements ShutdownHooks {
        final List<Thread> registered = new CopyOnWriteArrayList<>();
        final List<Thread> removed = new CopyOnWriteArrayList<>();

        @Override
        public void add(Thread hook) {
            registered.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            if (registered.remove(hook)) {
                removed.add(hook);
            }
        }
    }

    @BeforeAll
    static void startHub() throws IOException {
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        hub = TestHub.start(dir);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void closeTakesItsShutdownHookBack() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        SampConnection c = hub.connection("hooked").shutdownHooks(hooks).connect();
        assertThat(hooks.registered).hasSize(1);
        assertThat(hooks.registered.get(0).getName()).contains("hooked");
        assertThat(hooks.registered.get(0).isAlive()).as("a hook is not started before shutdown").isFalse();

        c.close();

        assertThat(hooks.registered).as("hooks left after close").isEmpty();
        assertThat(hooks.removed).hasSize(1);
        c.close();
        assertThat(hooks.removed).as("closing twice").hasSize(1);
    }

    @Test
    void noHookIsRegisteredWhenNotWanted() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (SampConnection c = hub.connection("unhooked").shutdownHooks(hooks).unregisterOnShutdown(false)
                .connect()) {
            assertThat(c.isConnected()).isTrue();
            assertThat(hooks.registered).isEmpty();
        }
        assertThat(hooks.removed).isEmpty();
    }

    @Test
    void closingLeavesNoThreadBehind() throws Exception {
        // a first round, so that the hub's own threads for serving clients exist before the count
        exchange();
        Set<Thread> before = Threads.live();

        exchange();

        List<String> left = Threads.awaitGone(before, Duration.ofSeconds(10));
        assertThat(left).as("threads left after closing both connections").isEmpty();
    }

    /** Two connections: one serves a table to the other and calls its handler; both are closed. */
    private static void exchange() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (SampConnection a = hub.connection("sender").shutdownHooks(hooks).callTimeout(Duration.ofSeconds(10))
                .connect();
             SampConnection b = hub.connection("receiver").shutdownHooks(hooks).callTimeout(Duration.ofSeconds(10))
                     .on("vokit.test.echo", m -> Map.of("echo", m.requireParam("text")))
                     .on(MTypes.TABLE_LOAD_VOTABLE, m -> {
                         java.net.URL url = new java.net.URL(m.requireParam("url"));
                         try (java.io.InputStream in = url.openStream()) {
                             return Map.of("bytes", Long.toString(in.transferTo(java.io.OutputStream.nullOutputStream())));
                         }
                     })
                     .connect()) {
            SampDelivery echo = a.call(SampTarget.client("receiver"), "vokit.test.echo", Map.of("text", "hello"));
            assertThat(echo.replies().get(0).result()).containsEntry("echo", "hello");
            SampDelivery table = a.sendTable(SampConnectionTest.sampleTable(), "sample", SampTarget.client("receiver"));
            assertThat(table.allSucceeded()).isTrue();
            assertThat(hooks.registered).hasSize(2);
        }
        assertThat(hooks.registered).isEmpty();
    }
}
