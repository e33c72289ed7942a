package org.vokit.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time by which a whole operation (possibly many requests, or a job's wait) must end.
 * Per-request timeouts are separate: each request is bounded by the smaller of its own timeout
 * and what is left of the deadline.
 *
 * <p>Instances are immutable; they measure time with {@link System#nanoTime()}.
 */
public final class Deadline {

    private static final Deadline NONE = new Deadline(Long.MAX_VALUE, null);

    private final long endNanos;
    private final Duration allowed;

    private Deadline(long endNanos, Duration allowed) {
        this.endNanos = endNanos;
        this.allowed = allowed;
    }

    /**
     * Returns a deadline the given time from now.
     *
     * @param allowed the time allowed; must not be negative
     * @return the deadline
     */
    public static Deadline in(Duration allowed) {
        Objects.requireNonNull(allowed, "allowed");
        if (allowed.isNegative()) {
            throw new IllegalArgumentException("negative time allowed: " + allowed);
        }
        long now = System.nanoTime();
        long nanos;
        try {
            nanos = allowed.toNanos();
        } catch (ArithmeticException e) {
            return NONE;
        }
        long end = now + nanos;
        if (end < now) {
            return NONE;
        }
        return new Deadline(end, allowed);
    }

    /**
     * Returns a deadline that never passes.
     *
     * @return the unbounded deadline
     */
    public static Deadline none() {
        return NONE;
    }

    /**
     * Tells whether this deadline is bounded.
     *
     * @return false for {@link #none()}
     */
    public boolean isBounded() {
        return this != NONE;
    }

    /**
     * Returns the time originally allowed.
     *
     * @return the allowance, or null for an unbounded deadline
     */
    public Duration allowed() {
        return allowed;
    }

    /**
     * Returns the time left, never negative.
     *
     * @return the remaining time; a very large duration when unbounded
     */
    public Duration remaining() {
        if (!isBounded()) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        long left = endNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(0, left));
    }

    /**
     * Tells whether the deadline has passed.
     *
     * @return true once no time is left
     */
    public boolean expired() {
        return isBounded() && endNanos - System.nanoTime() <= 0;
    }

    /**
     * Returns the smaller of a per-request timeout and the time left.
     *
     * @param perRequest a request's own timeout, or null for none
     * @return the effective timeout, or null if neither bounds it
     */
    public Duration cap(Duration perRequest) {
        if (!isBounded()) {
            return perRequest;
        }
        Duration left = remaining();
        if (perRequest == null || left.compareTo(perRequest) < 0) {
            return left;
        }
        return perRequest;
    }

    @Override
    public String toString() {
        return isBounded() ? "Deadline[" + remaining() + " left of " + allowed + "]" : "Deadline[none]";
    }
}
