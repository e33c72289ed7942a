package org.vokit.samp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.astrogrid.samp.httpd.HttpServer;
import org.astrogrid.samp.xmlrpc.SampXmlRpcHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub-callback XML-RPC server: SAMP values in and out, faults for garbage, loopback only,
 * and no external entities (a request trying to read a local file gets nothing from it).
 */
class CallbackServerTest {

    private HttpServer http;
    private CallbackServer server;
    private final AtomicReference<List<Object>> seen = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        http = new HttpServer(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
        http.setDaemon(true);
        http.start();
        server = new CallbackServer(http);
        server.addHandler(new SampXmlRpcHandler() {
            @Override
            public boolean canHandleCall(String method) {
                return method.startsWith("samp.client.");
            }

            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public Object handleCall(String method, List params, Object reqInfo) {
                seen.set(new java.util.ArrayList<Object>(params));
                return Map.of("echo", params.isEmpty() ? "" : params.get(0), "a&b", List.of("<x>", "y"));
            }
        });
    }

    @AfterEach
    void stop() {
        http.stop();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getEndpoint().toURI())
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "text/xml").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void parsesSampValuesAndWritesEscapedReplies() throws Exception {
        HttpResponse<String> r = post("<?xml version='1.0'?><methodCall><methodName>samp.client.receiveCall"
                + "</methodName><params><param><value>plain &amp; simple</value></param>"
                + "<param><value><string>s</string></value></param>"
                + "<param><value><struct><member><name>samp.mtype</name><value>x.y</value></member>"
                + "<member><name>samp.params</name><value><struct><member><name>row-list</name><value><array>"
                + "<data><value>1</value><value><string>2</string></value></data></array></value></member>"
                + "</struct></value></member></struct></value></param></params></methodCall>");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat((Object) seen.get()).isEqualTo(List.of("plain & simple", "s",
                Map.of("samp.mtype", "x.y", "samp.params", Map.of("row-list", List.of("1", "2")))));
        assertThat(r.body()).contains("<methodResponse>").contains("plain &amp; simple")
                .contains("<name>a&amp;b</name>").contains("&lt;x&gt;").doesNotContain("<fault>");
    }

    @Test
    void neverReadsExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET-CONTENT");
        HttpResponse<String> r = post("<?xml version='1.0'?><!DOCTYPE methodCall [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]><methodCall><methodName>samp.client.receiveCall</methodName>"
                + "<params><param><value>&x;</value></param></params></methodCall>");
        String everything = r.body() + seen.get();
        assertThat(everything).doesNotContain("SECRET-CONTENT");
    }

    @Test
    void answersGarbageAndUnknownMethodsWithFaults() throws Exception {
        assertThat(post("not xml").body()).contains("<fault>");
        assertThat(post("<methodCall><methodName>other.method</methodName></methodCall>").body())
                .contains("<fault>").contains("unknown XML-RPC method other.method");
        assertThat(seen.get()).isNull();
    }

    @Test
    void listensOnLoopbackUnderAnUnguessablePath() throws Exception {
        URI u = server.getEndpoint().toURI();
        assertThat(InetAddress.getByName(u.getHost()).isLoopbackAddress()).isTrue();
        assertThat(u.getPath()).matches("/xmlrpc-[0-9a-f]{24}");
        assertThat(http.getSocket().getInetAddress().isLoopbackAddress()).isTrue();
        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                u.resolve("/xmlrpc")).POST(HttpRequest.BodyPublishers.ofString("<methodCall/>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }
}
