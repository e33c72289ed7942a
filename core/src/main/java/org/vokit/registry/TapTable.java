package org.vokit.registry;

import java.net.URI;
import java.util.Objects;
import org.vokit.http.VoHttp;
import org.vokit.tap.TapService;

/**
 * A table that can be queried through TAP, with the access URL of a TAP service serving it:
 * one answer of a VO-wide table search ({@link Registry#tapTablesWithUcd(String, Constraint...)}).
 *
 * @param accessUrl the TAP base URL (http or https)
 * @param tableName the table name to use in ADQL, as registered
 */
public record TapTable(URI accessUrl, String tableName) {

    /**
     * Checks both parts are present.
     *
     * @param accessUrl the TAP base URL
     * @param tableName the table name
     */
    public TapTable {
        Objects.requireNonNull(accessUrl, "accessUrl");
        Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * Opens the TAP service.
     *
     * @param http the HTTP client to use
     * @return the service
     */
    public TapService tapService(VoHttp http) {
        return TapService.builder(accessUrl).http(http).build();
    }
}
