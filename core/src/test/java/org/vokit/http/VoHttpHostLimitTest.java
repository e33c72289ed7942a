package org.vokit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vokit.DeadlineException;
import org.vokit.testing.FaultServer;

/**
 * The per-host limit on requests in flight, against a slow server: never more than the limit at
 * once, and a wait that counts against the caller's deadline.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VoHttpHostLimitTest {

    private FaultServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = FaultServer.start();
        server.on("/slow", (req, ex) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            ex.pause(Duration.ofMillis(400));
            inFlight.decrementAndGet();     // before the answer: the client cannot be done earlier
            ex.send(200, "text/plain", "slow answer");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String get(VoHttp http, Deadline deadline) throws IOException {
        try (VoResponse r = http.sendOk(VoRequest.get(server.uri("/slow")), deadline)) {
            return new String(r.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private int concurrently(VoHttp http, int n) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(callers.submit(() -> get(http, Deadline.in(Duration.ofSeconds(20)))));
            }
            for (Future<String> f : all) {
                assertThat(f.get()).isEqualTo("slow answer");
            }
            return most.get();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void tenSlowRequestsToOneHostNeverExceedTheDefaultOfFour() throws Exception {
        try (VoHttp http = VoHttp.newDefault()) {
            assertThat(http.maxRequestsPerHost()).isEqualTo(4);
            assertThat(concurrently(http, 10)).as("most requests in the server at once").isEqualTo(4);
        }
        assertThat(server.requests("GET", "/slow")).hasSize(10);
    }

    @Test
    void theLimitIsConfigurable() throws Exception {
        try (VoHttp http = VoHttp.builder().maxRequestsPerHost(2).build()) {
            assertThat(concurrently(http, 6)).isEqualTo(2);
        }
    }

    @Test
    void theSharedClientAppliesTheLimitAcrossHandles() throws Exception {
        List<VoHttp> handles = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                VoHttp h = VoHttp.shared();
                handles.add(h);
                all.add(callers.submit(() -> get(h, Deadline.in(Duration.ofSeconds(20)))));
            }
            for (Future<String> f : all) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
            handles.forEach(VoHttp::close);
        }
        assertThat(most.get()).isEqualTo(4);
    }

    @Test
    void aCallerWhoseDeadlinePassesWhileWaitingGetsADeadlineException() throws Exception {
        try (VoHttp http = VoHttp.builder().maxRequestsPerHost(1).build()) {
            ExecutorService first = Executors.newSingleThreadExecutor();
            try {
                Future<String> busy = first.submit(() -> get(http, Deadline.in(Duration.ofSeconds(20))));
                server.awaitRequest(Duration.ofSeconds(5), "GET", "/slow").orElseThrow();

                Throwable t = catchThrowable(() -> get(http, Deadline.in(Duration.ofMillis(150))));

                assertThat(t).isInstanceOf(DeadlineException.class)
                        .hasMessageContaining("waiting").hasMessageContaining("127.0.0.1");
                assertThat(((DeadlineException) t).allowed()).isEqualTo(Duration.ofMillis(150));
                assertThat(busy.get()).isEqualTo("slow answer");
                assertThat(server.requests("GET", "/slow")).as("the waiting request was never sent").hasSize(1);
            } finally {
                first.shutdownNow();
            }
        }
    }

    @Test
    void aFailedRequestGivesItsPlaceBack() throws Exception {
        server.on("/broken", (req, ex) -> ex.drop());
        try (VoHttp http = VoHttp.builder().maxRequestsPerHost(1).build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(catchThrowable(() -> http.send(VoRequest.get(server.uri("/broken")),
                        Deadline.in(Duration.ofSeconds(5))).close())).isInstanceOf(IOException.class);
            }
            assertThat(get(http, Deadline.in(Duration.ofSeconds(5)))).isEqualTo("slow answer");
        }
    }
}
