package org.vokit.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vokit.testing.FaultServer;

/**
 * A service whose VOSI {@code /tables} is broken still yields table metadata, read from
 * {@code TAP_SCHEMA} (the answers are DaCHS's own TAP_SCHEMA results, captured).
 */
class TableMetadataFallbackTest {

    private FaultServer server;

    @BeforeEach
    void start() throws IOException {
        server = FaultServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TableMetadataFallbackTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void brokenVosiTablesFallsBackToTapSchemaOnce() throws IOException {
        byte[] tables = resource("dachs-tap-schema-tables.vot");
        byte[] columns = resource("dachs-tap-schema-columns.vot");
        server.on("/tap/tables", (req, ex) -> ex.send(404, "text/plain", "no VOSI tables here"));
        server.on("/tap/sync", (req, ex) -> {
            String q = req.param("QUERY");
            ex.send(200, "application/x-votable+xml", q.contains("TAP_SCHEMA.columns") ? columns : tables);
        });
        TapService tap = TapService.of(server.uri("/tap"));
        TableSet set = tap.tables();
        TableSet.TableMeta stars = set.table("vostars.main").orElseThrow();
        assertThat(stars.column("ra").orElseThrow().ucd()).isEqualTo("pos.eq.ra;meta.main");
        assertThat(tap.tables()).as("kept after the first fetch").isSameAs(set);
        List<FaultServer.Request> sync = server.requests("POST", "/tap/sync");
        assertThat(sync).hasSize(2);
        assertThat(sync).extracting(r -> r.param("QUERY"))
                .containsExactlyInAnyOrder(TableSet.TAP_SCHEMA_TABLES_QUERY, TableSet.TAP_SCHEMA_COLUMNS_QUERY);
        assertThat(server.requests("GET", "/tap/tables")).hasSize(1);
    }
}
