package org.vokit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vokit.DeadlineException;
import org.vokit.FormatException;
import org.vokit.HttpStatusException;
import org.vokit.QueryException;
import org.vokit.VoException;
import org.vokit.http.VoHttp;
import org.vokit.testing.FaultServer;

/**
 * A registry that misbehaves ({@link FaultServer}): garbage, HTTP errors, silence, a missing
 * capabilities document, a missing RegTAP extension table. Each must end in the right
 * {@link VoException}, naming the URL and carrying the service's words, quickly.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RegistryFaultTest {

    private FaultServer server;
    private String capabilities;

    @BeforeEach
    void start() throws IOException {
        server = FaultServer.start();
        try (InputStream in = getClass().getResourceAsStream("dachs-capabilities.xml")) {
            capabilities = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server.on("/reg/capabilities", (req, ex) -> ex.send(200, "text/xml", capabilities));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Registry registry(Duration requestTimeout, Duration overall) {
        VoHttp http = VoHttp.builder().connectTimeout(Duration.ofSeconds(1)).requestTimeout(requestTimeout).build();
        return Registry.builder(server.uri("/reg")).http(http).timeout(overall).build();
    }

    private Registry registry() {
        return registry(Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    private URI sync() {
        return server.uri("/reg/sync");
    }

    private static void assertNamesUrl(Throwable t, URI url) {
        assertThat(t).isInstanceOf(VoException.class);
        assertThat(t.getMessage()).contains(url.toString());
        assertThat(((VoException) t).uri()).contains(url);
    }

    @Test
    void garbageInsteadOfAVotableIsAFormatException() {
        server.on("/reg/sync", (req, ex) -> ex.send(200, "application/x-votable+xml", "<VOTABLE><oops"));
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> registry().search(Keywords.of("stars")));
        assertThat(t).isInstanceOf(FormatException.class);
        assertNamesUrl(t, sync());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.requests("POST", "/reg/sync")).hasSize(1);
    }

    @Test
    void garbageCapabilitiesAreAFormatException() {
        server.on("/reg/capabilities", (req, ex) -> ex.send(200, "text/xml", "this is not XML"));
        Throwable t = catchThrowable(() -> registry().search(Ucd.of("pos.pm%")));
        assertThat(t).isInstanceOf(FormatException.class);
        assertNamesUrl(t, server.uri("/reg/capabilities"));
        assertThat(server.requests("POST", "/reg/sync")).as("nothing searched").isEmpty();
    }

    @Test
    void anInternalServerErrorIsAnHttpStatusExceptionWithTheBody() {
        server.on("/reg/sync", (req, ex) -> ex.send(500, "text/html",
                "<html><body><h1>Internal error</h1><p>registry database is down</p></body></html>"));
        Throwable t = catchThrowable(() -> registry().search(ServiceType.of("tap")));
        assertThat(t).isInstanceOf(HttpStatusException.class);
        assertThat(((HttpStatusException) t).status()).isEqualTo(500);
        assertThat(((VoException) t).detail()).contains("registry database is down").doesNotContain("<p>");
        assertNamesUrl(t, sync());
    }

    @Test
    void aRegistryThatNeverAnswersFailsAtTheRequestTimeout() throws IOException {
        server.on("/reg/sync", (req, ex) -> ex.hang());
        Registry reg = registry(Duration.ofSeconds(1), Duration.ofSeconds(10));
        reg.features();
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> reg.search(Keywords.of("stars")));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(t).isInstanceOf(DeadlineException.class);
        assertNamesUrl(t, sync());
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }

    @Test
    void theOverallTimeoutBoundsASearch() {
        server.on("/reg/sync", (req, ex) -> ex.hang());
        Registry reg = registry(Duration.ofSeconds(10), Duration.ofSeconds(1));
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> reg.search(Keywords.of("stars")));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(t).isInstanceOf(DeadlineException.class);
        assertThat(took).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void theRegistrysOwnErrorMessageArrives() {
        server.on("/reg/sync", (req, ex) -> ex.send(400, "application/x-votable+xml",
                FaultServer.errorVotable("Could not parse your query: Expected FROM")));
        Throwable t = catchThrowable(() -> registry().search(Waveband.of("radio")));
        assertThat(t).isInstanceOf(QueryException.class);
        assertThat(((VoException) t).detail()).isEqualTo("Could not parse your query: Expected FROM");
        assertNamesUrl(t, sync());
    }

    @Test
    void withoutCapabilitiesTheSearchUsesPlainAdql() throws IOException {
        server.on("/reg/capabilities", (req, ex) -> ex.send(404, "text/plain", "no such page"));
        server.on("/reg/sync", (req, ex) -> ex.send(400, "application/x-votable+xml",
                FaultServer.errorVotable("rr.resource is not here")));
        Registry reg = registry();
        assertThat(reg.features().supportsUnion()).isFalse();
        Throwable t = catchThrowable(() -> reg.search(Keywords.of("stars")));
        assertThat(t).isInstanceOf(QueryException.class).hasMessageContaining("rr.resource is not here");
        String sent = server.requests("POST", "/reg/sync").get(0).param("QUERY");
        assertThat(sent).contains("rr.resource").doesNotContain("ivo_").doesNotContain("UNION");
    }

    @Test
    void aConstraintNeedingAMissingTableFailsBeforeSearching() {
        String tables = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n"
                + "<RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>\n"
                + "<FIELD name=\"table_name\" datatype=\"char\" arraysize=\"*\"/>\n"
                + "<DATA><TABLEDATA><TR><TD>rr.resource</TD></TR><TR><TD>rr.capability</TD></TR>"
                + "<TR><TD>rr.interface</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n";
        server.on("/reg/sync", (req, ex) -> ex.sendVotable(tables));
        Registry reg = registry();
        Throwable t = catchThrowable(() -> reg.search(Keywords.of("stars"), Spatial.circle(10, 20, 1)));
        assertThat(t).isInstanceOf(UnsupportedConstraintException.class)
                .hasMessageContaining("rr.stc_spatial").hasMessageContaining("Spatial")
                .hasMessageContaining("rr.capability");
        assertThat(((UnsupportedConstraintException) t).table()).isEqualTo("rr.stc_spatial");
        assertNamesUrl(t, server.uri("/reg"));
        assertThat(server.requests("POST", "/reg/sync")).as("only the table list was asked for").hasSize(1);
        assertThat(server.requests("POST", "/reg/sync").get(0).param("QUERY")).contains("tap_schema.tables");
    }

    @Test
    void capabilitiesAreFetchedOnce() throws Exception {
        server.on("/reg/sync", (req, ex) -> ex.send(500, "text/plain", "down"));
        Registry reg = registry();
        for (int i = 0; i < 3; i++) {
            catchThrowable(() -> reg.search(Keywords.of("stars")));
            reg.renderQuery(Keywords.of("x"));
        }
        assertThat(server.requests("GET", "/reg/capabilities")).hasSize(1);
        assertThat(server.requests("POST", "/reg/sync")).hasSize(3);
    }
}
