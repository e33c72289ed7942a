package org.vokit.investigator;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampReply;
import org.vokit.samp.SampTarget;

/**
 * A {@link ResultSink} that sends each result table over SAMP ({@code table.load.votable}) to a
 * target client, served by the connection's loopback HTTP server. It may also point the target
 * at the position ({@code coord.pointAt.sky}, once per investigation, before its first result),
 * so that a sky viewer shows where the new tables are; whether to do that, and to whom, is the
 * host's choice (the {@code vokit investigate} command sends to Aladin and points it).
 *
 * <pre>{@code
 * ResultSink toAladin = SampResultSink.to(connection, SampTarget.client("Aladin")).pointingAt(true);
 * }</pre>
 *
 * <p>Instances are immutable (the {@code with} methods return copies) and thread-safe.
 */
public final class SampResultSink implements ResultSink {

    private static final System.Logger LOG = System.getLogger(SampResultSink.class.getName());

    private final SampConnection conn;
    private final SampTarget target;
    private final boolean pointAt;
    private final Duration sendTimeout;
    private final AtomicLong pointedRun;

    private SampResultSink(SampConnection conn, SampTarget target, boolean pointAt, Duration sendTimeout) {
        this.conn = Objects.requireNonNull(conn, "connection");
        this.target = Objects.requireNonNull(target, "target");
        this.pointAt = pointAt;
        this.sendTimeout = sendTimeout;
        this.pointedRun = new AtomicLong();
    }

    /**
     * Makes a sink sending to a target, without pointing it, waiting for replies as long as the
     * connection's call timeout.
     *
     * @param connection the SAMP connection to send through
     * @param target whom to send to
     * @return the sink
     */
    public static SampResultSink to(SampConnection connection, SampTarget target) {
        return new SampResultSink(connection, target, false, null);
    }

    /**
     * Returns a copy that does (or does not) point the target at each investigated position.
     *
     * @param on whether to send {@code coord.pointAt.sky}
     * @return the copy
     */
    public SampResultSink pointingAt(boolean on) {
        return new SampResultSink(conn, target, on, sendTimeout);
    }

    /**
     * Returns a copy that waits at most this long for the target to accept a table.
     *
     * @param d the time, or null for the connection's call timeout
     * @return the copy
     */
    public SampResultSink withSendTimeout(Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("sendTimeout must be positive: " + d);
        }
        return new SampResultSink(conn, target, pointAt, d);
    }

    /** @return whom results go to */
    public SampTarget target() {
        return target;
    }

    /** @return whether the target is pointed at each investigated position */
    public boolean pointsAt() {
        return pointAt;
    }

    /** @return the time allowed for the target to accept a table */
    public Duration sendTimeout() {
        return sendTimeout != null ? sendTimeout : conn.callTimeout();
    }

    @Override
    public String accept(ResultTable result) throws IOException {
        pointOnce(result);
        SampDelivery d = conn.sendTable(result.table(), result.name(), null, target, sendTimeout());
        return d.replies().stream().map(SampReply::describe).collect(Collectors.joining(", "));
    }

    /** A notification, nothing waits for it; once per investigation, later ones win. */
    private void pointOnce(ResultTable r) {
        if (!pointAt || pointedRun.getAndAccumulate(r.run(), Math::max) >= r.run()) {
            return;
        }
        try {
            conn.notify(target, MTypes.COORD_POINT_AT_SKY, Map.of(
                    "ra", Double.toString(r.position().ra()), "dec", Double.toString(r.position().dec())));
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "could not point " + target + " at " + r.position().format() + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "SAMP to " + target + (pointAt ? ", pointing it at each position" : "");
    }
}
