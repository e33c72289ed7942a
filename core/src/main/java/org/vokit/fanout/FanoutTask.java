package org.vokit.fanout;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;

import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;

/**
 * One unit of fan-out work: one ADQL query sent to one TAP service (usually about one table of it).
 *
 * <p>Most tasks are just that query, sent synchronously (streamed) or as a UWS job. A task whose
 * request depends on the service, or takes several requests, carries an {@link Exchange}: it may
 * adapt the query to the service's capabilities before it is sent (EPN-TAP's
 * {@code ivo_hashlist_has}), decline a service that cannot take part ({@link NotApplicable}, e.g. an
 * ObsCore service without uploads), or send the query itself (ObsCore's sliced uploads). The
 * engine's limits, timeouts, retry, progress events and failure report apply all the same.
 *
 * @param label a short, stable label for progress and reports (e.g. {@code "vostars main"}); never null
 * @param accessUrl the TAP base URL (with {@code /sync} and {@code /async} under it); never null
 * @param ivoid the service's registry identifier, or null when unknown
 * @param table the table queried (as named in the query, possibly delimited), or null for several
 * @param query the query to run; the engine adds the per-task timeout
 * @param async true to run it as a UWS job (deleted again on cancellation), false for a synchronous query
 * @param exchange how to adapt or send the query for this service, or null to send it as it is
 */
public record FanoutTask(String label, URI accessUrl, String ivoid, String table, TapQuery query, boolean async,
                         Exchange exchange) {

    /**
     * Validates the components.
     *
     * @param label the label
     * @param accessUrl the TAP base URL
     * @param ivoid the ivoid, or null
     * @param table the table, or null
     * @param query the query
     * @param async whether to run it as a UWS job
     * @param exchange the exchange, or null
     */
    public FanoutTask {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(accessUrl, "accessUrl");
        Objects.requireNonNull(query, "query");
    }

    /**
     * Makes a task that sends its query as it is.
     *
     * @param label the label
     * @param accessUrl the TAP base URL
     * @param ivoid the ivoid, or null
     * @param table the table, or null
     * @param query the query
     * @param async whether to run it as a UWS job
     */
    public FanoutTask(String label, URI accessUrl, String ivoid, String table, TapQuery query, boolean async) {
        this(label, accessUrl, ivoid, table, query, async, null);
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
        return new FanoutTask(label, accessUrl, ivoid, table, query, asUwsJob, exchange);
    }

    /**
     * @param q the new query
     * @return a copy with another query (e.g. without a feature the service rejected)
     */
    public FanoutTask withQuery(TapQuery q) {
        return new FanoutTask(label, accessUrl, ivoid, table, q, async, exchange);
    }

    /**
     * @param e how to adapt or send the query, or null to send it as it is
     * @return a copy with that exchange
     */
    public FanoutTask withExchange(Exchange e) {
        return new FanoutTask(label, accessUrl, ivoid, table, query, async, e);
    }

    /** @return the key the per-host limit counts: scheme, host and port of the access URL */
    public String hostKey() {
        return accessUrl.getScheme() + "://" + accessUrl.getHost() + ":" + accessUrl.getPort();
    }

    /**
     * How a task's query meets its service, for tasks where sending one fixed query is not
     * enough. Both steps run in the engine's worker, inside the task's host slot and timeout, on a
     * {@link TapService} that uses the engine's HTTP client; a transient failure in either is
     * retried like any other. Implementations must be thread-safe (the engine may call them for
     * several tasks at once) and should cache what several tasks of one service share (e.g. its
     * capabilities).
     */
    public interface Exchange {

        /**
         * Adapts the query to the service before it is sent, e.g. after reading its capabilities.
         * The failure report keeps the adapted query, so a resumed run asks the same thing; a
         * failure here is reported in phase {@link Failure.Phase#DISCOVERY}. Default: the query
         * unchanged.
         *
         * @param service the service
         * @param query the task's query (its timeout is the time the task has left)
         * @return the query to send
         * @throws NotApplicable if the service cannot take part (the task is reported as skipped)
         * @throws IOException if the service fails
         */
        default TapQuery adapt(TapService service, TapQuery query) throws IOException {
            return query;
        }

        /**
         * Sends the adapted query when one request is not enough (e.g. a large upload in slices).
         * Default: null, and the engine sends the query itself (streamed, or as a UWS job).
         *
         * @param service the service
         * @param query the adapted query
         * @return the whole answer, or null to let the engine send the query
         * @throws IOException if the service fails
         */
        default TapResult send(TapService service, TapQuery query) throws IOException {
            return null;
        }
    }

    /**
     * Says that a task does not apply to its service (e.g. it accepts no uploads): the task is
     * reported as {@link Failure.Phase#SKIPPED} with this message, and is not retried.
     */
    public static final class NotApplicable extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * @param reason why the task does not apply
         */
        public NotApplicable(String reason) {
            super(reason);
        }
    }
}
