package org.vokit.sed;

import java.net.URI;

/**
 * A table the SED search could not use: one entry of the failure report.
 *
 * @param service the TAP service's access URL
 * @param table the table
 * @param phase {@code metadata} (reading the table's columns) or {@code query} (the cone query)
 * @param errorClass the simple name of the error's class (e.g. {@code HttpStatusException})
 * @param message the error's message, with the service's own words where it gave any
 */
public record SedFailure(URI service, String table, String phase, String errorClass, String message) {

    /** @return one line for a report */
    public String line() {
        return service + " " + table + ": " + phase + ": " + errorClass + ": " + message;
    }
}
