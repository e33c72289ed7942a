package org.vokit.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.vokit.VoException;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and a non-zero exit status: the command, the
 * service that failed and the service's own words. A stack trace only with {@code --debug}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    /** Exit status for a failure of the service or the data. */
    static final int SERVICE_FAILURE = 1;
    /** Exit status for bad command-line input. */
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        boolean usage = t instanceof IllegalArgumentException || t instanceof CommandLine.ParameterException;
        err.println(cl.getCommandSpec().qualifiedName() + ": " + describe(t));
        if (debug(parsed)) {
            t.printStackTrace(err);
        }
        err.flush();
        return usage ? USAGE : SERVICE_FAILURE;
    }

    static int parameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + oneLine(ex.getMessage()));
        err.println("Try '" + name + " --help' for the options.");
        err.flush();
        return USAGE;
    }

    static String describe(Throwable t) {
        if (t instanceof VoException ve) {
            String where = ve.uri().map(u -> u + ": ").orElse("");
            return oneLine(where + ve.detail());
        }
        String m = t.getMessage();
        return oneLine(m == null ? t.getClass().getSimpleName() : m);
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
