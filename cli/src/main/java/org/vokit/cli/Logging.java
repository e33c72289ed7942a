package org.vokit.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging set-up for {@code --debug}: vokit's loggers at FINE (debug) to standard error,
 * which shows every request as a curl command.
 */
final class Logging {

    private Logging() {
    }

    static void enableDebug() {
        Logger root = Logger.getLogger("org.vokit");
        root.setLevel(Level.FINE);
        ConsoleHandler h = new ConsoleHandler();
        h.setLevel(Level.FINE);
        h.setFormatter(new java.util.logging.SimpleFormatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                return "[" + r.getLevel() + "] " + formatMessage(r) + System.lineSeparator();
            }
        });
        root.addHandler(h);
    }
}
