package org.vokit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vokit.AccessException;
import org.vokit.DeadlineException;
import org.vokit.ProtocolException;
import org.vokit.VoException;
import org.vokit.testing.FaultServer;

/**
 * The HTTP layer against a misbehaving server: redirect loops and chains, refused connections,
 * retries, bad gzip.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class VoHttpFaultTest {

    private FaultServer server;
    private VoHttp http;

    @BeforeEach
    void start() throws IOException {
        server = FaultServer.start();
        http = VoHttp.builder().connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(3))
                .maxRedirects(5).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private VoResponse get(String path) throws IOException {
        return http.send(VoRequest.get(server.uri(path)), Deadline.in(Duration.ofSeconds(5)));
    }

    private void chain(int length) {
        for (int i = 0; i < length; i++) {
            String next = "/chain/" + (i + 1);
            server.on("/chain/" + i, (req, ex) -> ex.redirect(302, next));
        }
        server.on("/chain/" + length, (req, ex) -> ex.send(200, "text/plain", "end of the chain"));
    }

    @Test
    void redirectLoopIsAProtocolErrorNamingTheLoop() {
        server.on("/a", (req, ex) -> ex.redirect(302, "/b"));
        server.on("/b", (req, ex) -> ex.redirect(302, server.uri("/a").toString()));

        Throwable t = catchThrowable(() -> get("/a").close());

        assertThat(t).isExactlyInstanceOf(ProtocolException.class);
        assertThat(((VoException) t).detail()).contains("redirect loop").contains(server.uri("/a").toString());
        assertThat(t.getMessage()).contains(server.uri("/a").toString());
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void chainLongerThanTheLimitFails() {
        chain(20);

        Throwable t = catchThrowable(() -> get("/chain/0").close());

        assertThat(t).isExactlyInstanceOf(ProtocolException.class);
        assertThat(((VoException) t).detail()).contains("redirect");
        assertThat(t.getMessage()).contains(server.uri("/chain/0").toString());
        assertThat(server.requests()).as("requests before giving up with a limit of 5").hasSize(6);
    }

    @Test
    void chainWithinTheLimitIsFollowed() throws IOException {
        chain(5);

        try (VoResponse r = get("/chain/0")) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.uri()).isEqualTo(server.uri("/chain/5"));
            assertThat(r.text(100)).isEqualTo("end of the chain");
        }
    }

    @Test
    void redirectWithoutLocationIsAProtocolError() {
        server.on("/nowhere", (req, ex) -> ex.send(302, "text/plain", "moved, but I will not say where"));

        Throwable t = catchThrowable(() -> get("/nowhere").close());

        assertThat(t).isExactlyInstanceOf(ProtocolException.class);
        assertThat(((VoException) t).detail()).contains("Location");
        assertThat(t.getMessage()).contains(server.uri("/nowhere").toString());
    }

    @Test
    void redirectsToOtherSchemesOrGarbageAreRefused() {
        server.on("/to-file", (req, ex) -> ex.redirect(302, "file:///etc/passwd"));
        server.on("/to-garbage", (req, ex) -> ex.redirect(302, "http://bad host/%%%"));

        Throwable file = catchThrowable(() -> get("/to-file").close());
        assertThat(file).isExactlyInstanceOf(ProtocolException.class);
        assertThat(((VoException) file).detail()).contains("file:///etc/passwd").contains("only http and https");

        Throwable garbage = catchThrowable(() -> get("/to-garbage").close());
        assertThat(garbage).isExactlyInstanceOf(ProtocolException.class);
        assertThat(((VoException) garbage).detail()).contains("malformed Location");
    }

    @Test
    void refusedConnectionIsAnAccessException() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + port + "/tap/sync");

        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> http.send(VoRequest.get(dead), Deadline.in(Duration.ofSeconds(5))).close());

        assertThat(t).isExactlyInstanceOf(AccessException.class);
        assertThat(t.getMessage()).contains(dead.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterLongerThanTheDeadlineIsNotWaitedFor() throws IOException {
        server.on("/busy", (req, ex) -> ex.send(503, "text/plain", "busy", "Retry-After", "5"));

        long t0 = System.nanoTime();
        try (VoResponse r = http.send(VoRequest.get(server.uri("/busy")), Deadline.in(Duration.ofSeconds(2)))) {
            assertThat(r.status()).isEqualTo(503);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retriesStopAtTheLimit() throws IOException {
        server.on("/busy", (req, ex) -> ex.send(429, "text/plain", "still busy", "Retry-After", "0"));
        VoHttp twice = VoHttp.builder().requestTimeout(Duration.ofSeconds(3)).maxRetries(2).build();

        try (VoResponse r = twice.send(VoRequest.get(server.uri("/busy")), Deadline.in(Duration.ofSeconds(5)))) {
            assertThat(r.status()).isEqualTo(429);
        }

        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void gzipDeclaredButNotGzipIsAProtocolError() {
        server.on("/fake-gzip", (req, ex) -> ex.send(200, "text/plain", "plain text, not gzip",
                "Content-Encoding", "gzip"));

        // the gzip stream is opened on the first read, so the failure comes from reading
        Throwable t = catchThrowable(() -> {
            try (VoResponse r = get("/fake-gzip")) {
                r.text(100);
            }
        });

        assertThat(t).isExactlyInstanceOf(ProtocolException.class);
        assertThat(((VoException) t).detail()).contains("gzip");
        assertThat(t.getMessage()).contains(server.uri("/fake-gzip").toString());
    }

    @Test
    void emptyBodiesDeclaredGzipReadAsEmpty() throws IOException {
        // DaCHS answers a SODA cutout that misses the data with an empty 204 marked gzip
        server.on("/nothing", (req, ex) -> ex.send(204, "text/plain", "", "Content-Encoding", "gzip"));
        server.on("/empty", (req, ex) -> ex.send(200, "text/plain", "", "Content-Encoding", "gzip"));
        try (VoResponse r = get("/nothing")) {
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.text(100)).isEmpty();
        }
        try (VoResponse r = get("/empty")) {
            assertThat(r.text(100)).isEmpty();
        }
    }

    @Test
    void deadlinePassedBeforeSendingFailsWithoutARequest() throws InterruptedException {
        server.on("/x", (req, ex) -> ex.send(200, "text/plain", "x"));
        Deadline d = Deadline.in(Duration.ofMillis(1));
        Thread.sleep(5);

        Throwable t = catchThrowable(() -> http.send(VoRequest.get(server.uri("/x")), d).close());

        assertThat(t).isExactlyInstanceOf(DeadlineException.class);
        assertThat(server.requests()).isEmpty();
    }
}
