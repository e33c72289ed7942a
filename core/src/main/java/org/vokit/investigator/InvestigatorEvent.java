package org.vokit.investigator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Something the {@link Investigator} did, for listeners, logs and tests.
 *
 * @param kind what happened
 * @param run the investigation it belongs to (numbered from 1 in order of highlights; 0 for
 *     table loads and disconnection)
 * @param search the search's label, or null for events not about one search
 * @param position the position investigated, or null
 * @param radius the radius in degrees (0 if not applicable)
 * @param rows the rows found or sent, or of a loaded table (-1 if not applicable)
 * @param name the result table's name as sent, or a loaded table's name, or null
 * @param detail further text: the recipients, the table id, the sender (may be null)
 * @param error the failure, for {@link Kind#SEARCH_FAILED} and {@link Kind#SEND_FAILED}, else null
 * @param elapsed the time since the search started (zero if not applicable)
 */
public record InvestigatorEvent(Kind kind, long run, String search, SkyPosition position, double radius, long rows,
                                String name, String detail, Throwable error, Duration elapsed) {

    /** What happened. */
    public enum Kind {
        /** A table arrived by {@code table.load.votable} ({@code name}, {@code rows}, {@code detail} = id). */
        TABLE_LOADED,
        /** A highlight started an investigation at {@code position}. */
        INVESTIGATION_STARTED,
        /** A search began. */
        SEARCH_STARTED,
        /** A search returned {@code rows} rows (0: nothing is sent). */
        SEARCH_FINISHED,
        /** A search failed or timed out ({@code error}). */
        SEARCH_FAILED,
        /** A search was cancelled by a newer highlight (or by closing) before finishing. */
        SEARCH_CANCELLED,
        /** A result table was sent ({@code name}, {@code rows}, {@code detail} = recipients). */
        RESULT_SENT,
        /**
         * A result table was offered to the target, which did not reply in time ({@code error} is
         * the timeout). The table stays available for the target to fetch; Aladin 12 in particular
         * sometimes loads a table without ever replying.
         */
        RESULT_UNCONFIRMED,
        /** A result table could not be sent: the target refused it or is not there ({@code error}). */
        SEND_FAILED,
        /** The hub went away; the investigator can do no more. */
        DISCONNECTED
    }

    /**
     * Validates the components.
     *
     * @param kind the kind
     * @param run the run
     * @param search the search label
     * @param position the position
     * @param radius the radius
     * @param rows the rows
     * @param name the table name
     * @param detail the detail
     * @param error the error
     * @param elapsed the elapsed time
     */
    public InvestigatorEvent {
        Objects.requireNonNull(kind, "kind");
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
    }

    /**
     * Formats a radius for names: {@code 0.05}, {@code 1}, {@code 0.00833}.
     *
     * @param radius degrees
     * @return the text, without trailing zeros
     */
    public static String radiusText(double radius) {
        return BigDecimal.valueOf(radius).stripTrailingZeros().toPlainString();
    }

    /**
     * Returns a one-line description for logs, e.g.
     * {@code "#2 vostars cone: 33 rows in 0.21 s"}.
     *
     * @return the line
     */
    public String describe() {
        String prefix = run > 0 ? "#" + run + " " : "";
        String who = search == null ? "" : search + ": ";
        String secs = String.format(Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9);
        return switch (kind) {
            case TABLE_LOADED -> "loaded table '" + name + "' (" + detail + ", " + rows + " rows)";
            case INVESTIGATION_STARTED -> prefix + "investigating " + position.format() + " r=" + radiusText(radius)
                    + "deg" + (detail == null ? "" : " (" + detail + ")");
            case SEARCH_STARTED -> prefix + who + "started";
            case SEARCH_FINISHED -> prefix + who + rows + (rows == 1 ? " row" : " rows") + " in " + secs
                    + (rows == 0 ? ", nothing to send" : "");
            case SEARCH_FAILED -> prefix + who + "failed after " + secs + ": " + message(error);
            case SEARCH_CANCELLED -> prefix + who + "cancelled" + (elapsed.isZero() ? " before it started"
                    : " after " + secs);
            case RESULT_SENT -> prefix + who + "sent '" + name + "' (" + rows + (rows == 1 ? " row" : " rows")
                    + ") to " + detail + " after " + secs;
            case RESULT_UNCONFIRMED -> prefix + who + "offered '" + name + "' (" + rows
                    + (rows == 1 ? " row" : " rows") + "); no reply yet: " + message(error);
            case SEND_FAILED -> prefix + who + "could not send '" + name + "': " + message(error);
            case DISCONNECTED -> "the SAMP hub went away" + (detail == null ? "" : " (" + detail + ")");
        };
    }

    private static String message(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    @Override
    public String toString() {
        return kind + "[" + describe() + "]";
    }
}
