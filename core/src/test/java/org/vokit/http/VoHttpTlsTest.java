package org.vokit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.AccessException;

/**
 * https through the lazily initialised default TLS context still verifies certificates: a
 * self-signed server is refused by default and accepted only with a context that trusts it.
 */
class VoHttpTlsTest {

    private static HttpsServer server;
    private static KeyStore keys;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Path ks = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverCtx));
        server.createContext("/", ex -> {
            byte[] b = "secure hello".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void anUntrustedCertificateIsRefusedByDefault() {
        VoHttp http = VoHttp.builder().requestTimeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> http.send(VoRequest.get(url()), Deadline.in(Duration.ofSeconds(10))))
                .isInstanceOf(AccessException.class)
                .hasMessageContaining(url().toString());
    }

    @Test
    void theLazyContextUsesWhateverTheDefaultIsWhenFirstNeeded() throws Exception {
        SSLContext before = SSLContext.getDefault();
        VoHttp http = VoHttp.builder().build();
        SSLContext.setDefault(trusting());
        try (VoResponse r = http.sendOk(VoRequest.get(url()), Deadline.in(Duration.ofSeconds(10)))) {
            assertThat(r.text(100)).isEqualTo("secure hello");
        } finally {
            SSLContext.setDefault(before);
        }
    }

    @Test
    void aContextTrustingTheCertificateConnects() throws Exception {
        VoHttp http = VoHttp.builder().sslContext(trusting()).build();
        try (VoResponse r = http.sendOk(VoRequest.get(url()), Deadline.in(Duration.ofSeconds(10)))) {
            assertThat(r.text(100)).isEqualTo("secure hello");
        }
    }

    private static SSLContext trusting() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("srv", keys.getCertificate("srv"));
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
