package org.vokit.vowide;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One TAP service found in the registry, with the tables of it that carry the UCD asked for.
 *
 * @param accessUrl the service's TAP base URL
 * @param ivoid the registry identifier of its resource, or null
 * @param tables the table names as registered, at most the per-service limit
 * @param leftOut how many further matching tables the per-service limit left out
 */
public record ServiceTables(URI accessUrl, String ivoid, List<String> tables, int leftOut) {

    /**
     * Copies the list.
     *
     * @param accessUrl the access URL
     * @param ivoid the identifier
     * @param tables the tables
     * @param leftOut tables left out
     */
    public ServiceTables {
        Objects.requireNonNull(accessUrl, "accessUrl");
        tables = List.copyOf(tables);
    }
}
