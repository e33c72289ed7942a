package org.vokit.epntap;

import java.net.URI;
import java.util.Objects;

/**
 * An EPN-TAP table as the registry lists it: the resource describing it (a record with an
 * auxiliary {@code tap#aux} capability), the TAP service serving it and its name.
 *
 * @param ivoid the resource's IVOA identifier
 * @param title the resource's title, or null
 * @param serviceUrl the TAP service's access URL
 * @param tableName the table name, qualified as the service lists it (e.g. {@code voplanets.epn_core})
 * @param utype the table utype (one of the EPN-TAP 2 identifiers)
 */
public record EpnTable(String ivoid, String title, URI serviceUrl, String tableName, String utype) {

    /**
     * Checks the components.
     *
     * @param ivoid the identifier
     * @param title the title, or null
     * @param serviceUrl the access URL
     * @param tableName the table name
     * @param utype the utype
     */
    public EpnTable {
        Objects.requireNonNull(ivoid, "ivoid");
        Objects.requireNonNull(serviceUrl, "serviceUrl");
        Objects.requireNonNull(tableName, "tableName");
    }
}
