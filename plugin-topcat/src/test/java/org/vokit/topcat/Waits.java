package org.vokit.topcat;

import java.time.Duration;
import org.vokit.testing.HostApps;

/** Bounded waits for what TOPCAT does in its own time, with its output when they run out. */
final class Waits {

    private Waits() {
    }

    /** A condition that may throw. */
    interface Check {
        /**
         * @return true when met
         * @throws Exception if it cannot be checked
         */
        boolean ok() throws Exception;
    }

    /**
     * Waits up to 60 s for a condition.
     *
     * @param apps the harness (for TOPCAT's output in the message)
     * @param what what is awaited
     * @param check the condition
     * @param context more to say when it fails (e.g. a log), or null
     * @throws Exception if the check fails, or an AssertionError when time runs out
     */
    static void await(HostApps apps, String what, Check check, Check context) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        String more = "";
        if (context != null) {
            try {
                context.ok();
            } catch (Exception | AssertionError e) {
                more = e.getMessage();
            }
        }
        throw new AssertionError("no " + what + " within 60 s; " + more + "; TOPCAT's output:\n"
                + apps.apps().stream().map(a -> a.logTail(3000)).toList());
    }

    /**
     * Saves a screenshot of the display's top-left part (where the tests place TOPCAT's windows).
     *
     * @param apps the harness
     * @param png the file
     * @throws java.io.IOException if it cannot be taken
     */
    static void shot(HostApps apps, java.nio.file.Path png) throws java.io.IOException {
        // TOPCAT paints on its own event thread and the X requests are buffered: make it paint and flush
        apps.topcat("sync", Duration.ofSeconds(10));
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        apps.topcat("sync", Duration.ofSeconds(10));
        apps.screenshot(png);
        java.awt.image.BufferedImage all = javax.imageio.ImageIO.read(png.toFile());
        java.awt.image.BufferedImage part = all.getSubimage(0, 0, Math.min(1700, all.getWidth()),
                Math.min(800, all.getHeight()));
        javax.imageio.ImageIO.write(part, "png", png.toFile());
    }
}
