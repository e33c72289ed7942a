package org.vokit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.testing.LocalVo;
import org.vokit.testing.Threads;

/**
 * Closing a client leaves no thread behind (the JDK client's selector and workers, and the
 * deadline watchdog), on the Java version the tests run on; the shared client lives as long as
 * one of its handles is open.
 */
class VoHttpLifecycleIT {

    @BeforeAll
    static void vo() {
        LocalVo.require();
    }

    private static String capabilities(VoHttp http) throws IOException {
        // a bounded deadline, so that the body is guarded by the watchdog thread
        try (VoResponse r = http.sendOk(VoRequest.get(LocalVo.url("/tap/capabilities")),
                Deadline.in(Duration.ofSeconds(30)))) {
            return new String(r.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void closingABuiltClientStopsEveryThreadItStarted() throws Exception {
        Set<Thread> before = Threads.live();
        VoHttp http = VoHttp.newDefault();
        assertThat(capabilities(http)).contains("capabilit");
        List<String> running = Threads.added(before);
        assertThat(running).as("threads while in use").anyMatch(n -> n.equals("vokit-http-deadline"))
                .anyMatch(n -> n.endsWith("-SelectorManager"));

        http.close();

        assertThat(Threads.awaitGone(before, Duration.ofSeconds(5))).as("threads left after close").isEmpty();
        assertThat(http.isClosed()).isTrue();
        assertThat(catchThrowable(() -> capabilities(http))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        http.close();   // twice does nothing
    }

    @Test
    void theSharedClientStopsWhenItsLastHandleIsClosed() throws Exception {
        Set<Thread> before = Threads.live();
        VoHttp a = VoHttp.shared();
        VoHttp b = VoHttp.shared();
        assertThat(a.isShared()).isTrue();
        capabilities(a);
        capabilities(b);
        int whileOpen = Threads.added(before).size();

        a.close();
        assertThat(capabilities(b)).as("the other handle still works").contains("capabilit");
        assertThat(Threads.added(before)).as("threads kept for the open handle").isNotEmpty();
        b.close();

        assertThat(Threads.awaitGone(before, Duration.ofSeconds(5))).as("threads left after the last close")
                .isEmpty();
        assertThat(whileOpen).as("two handles cost one client").isLessThanOrEqualTo(6);

        try (VoHttp again = VoHttp.shared()) {
            assertThat(capabilities(again)).as("a new shared client after the old one stopped").contains("capabilit");
        }
        assertThat(Threads.awaitGone(before, Duration.ofSeconds(5))).isEmpty();
    }
}
