package org.vokit.fanout;

import java.net.URI;
import java.util.Objects;

import org.vokit.tap.TapQuery;

/**
 * One unit of fan-out work: one ADQL query sent to one TAP service (usually about one table of it).
 *
 * @param label a short, stable label for progress and reports (e.g. {@code "vostars main"}); never null
 * @param accessUrl the TAP base URL (with {@code /sync} and {@code /async} under it); never null
 * @param ivoid the service's registry identifier, or null when unknown
 * @param table the table queried (as named in the query, possibly delimited), or null for several
 * @param query the query to run; the engine adds the per-task timeout
 * @param async true to run it as a UWS job (deleted again on cancellation), false for a synchronous query
 */
public record FanoutTask(String label, URI accessUrl, String ivoid, String table, TapQuery query, boolean async) {

    /**
     * Validates the components.
     *
     * @param label the label
     * @param accessUrl the TAP base URL
     * @param ivoid the ivoid, or null
     * @param table the table, or null
     * @param query the query
     * @param async whether to run it as a UWS job
     */
    public FanoutTask {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(accessUrl, "accessUrl");
        Objects.requireNonNull(query, "query");
    }

    /**
     * Makes a synchronous task labelled with the service's host and table.
     *
     * @param accessUrl the TAP base URL
     * @param ivoid the ivoid, or null
     * @param table the table, or null
     * @param adql the query
     * @return the task
     */
    public static FanoutTask sync(URI accessUrl, String ivoid, String table, String adql) {
        String label = (ivoid != null ? ivoid : String.valueOf(accessUrl)) + (table != null ? " " + table : "");
        return new FanoutTask(label, accessUrl, ivoid, table, TapQuery.of(adql), false);
    }

    /**
     * @param asUwsJob true to run it as a UWS job
     * @return a copy running asynchronously or not
     */
    public FanoutTask withAsync(boolean asUwsJob) {
        return new FanoutTask(label, accessUrl, ivoid, table, query, asUwsJob);
    }

    /**
     * @param q the new query
     * @return a copy with another query (e.g. without a feature the service rejected)
     */
    public FanoutTask withQuery(TapQuery q) {
        return new FanoutTask(label, accessUrl, ivoid, table, q, async);
    }

    /** @return the key the per-host limit counts: scheme, host and port of the access URL */
    public String hostKey() {
        return accessUrl.getScheme() + "://" + accessUrl.getHost() + ":" + accessUrl.getPort();
    }
}
