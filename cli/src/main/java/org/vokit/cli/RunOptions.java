package org.vokit.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The run-time options every networked command shares (a picocli mixin): {@code --timeout
 * SECONDS} and {@code --debug}. Use it with {@code @Mixin RunOptions run;} and ask
 * {@link #timeout(Duration)} with the command's documented default.
 */
final class RunOptions {

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Time allowed, in seconds (the command's default is given in its description).")
    Long timeoutSeconds;

    @Option(names = "--debug", description = "Print stack traces and log each request as a curl command.")
    boolean debug;

    /**
     * Returns the time allowed.
     *
     * @param fallback the command's default
     * @return {@code --timeout} if given, else the fallback
     * @throws IllegalArgumentException if {@code --timeout} is not positive
     */
    Duration timeout(Duration fallback) {
        if (timeoutSeconds == null) {
            return fallback;
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** Switches on debug logging when {@code --debug} was given. */
    void applyDebug() {
        if (debug) {
            Logging.enableDebug();
        }
    }
}
