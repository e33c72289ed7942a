package org.vokit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether the tests run under continuous integration, where every integration test is mandatory:
 * a missing server, hub or application must fail the test rather than skip it.
 */
public final class Ci {

    private Ci() {
    }

    /**
     * @return true when the environment variable {@code CI} is set to anything but empty,
     *     {@code 0} or {@code false} (case-insensitive)
     */
    public static boolean active() {
        return active(System.getenv("CI"));
    }

    /**
     * @param value a value of {@code CI}, or null when it is not set
     * @return whether that value means "under CI"
     */
    static boolean active(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        return !(v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("false"));
    }

    /**
     * Ends the current test because something it needs is missing: a failure under CI, a skip
     * (with the reason) otherwise.
     *
     * @param why what is missing, for the report
     */
    public static void missing(String why) {
        if (active()) {
            fail("required when CI is set: " + why);
        }
        Assumptions.abort(why);
    }
}
