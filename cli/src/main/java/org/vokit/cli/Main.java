package org.vokit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vokit} command: STILTS-like tools over vokit's core.
 */
@Command(name = "vokit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Virtual Observatory client tools.",
        subcommands = {TapCommand.class, BenchCommand.class, TrainCommand.class})
public final class Main implements Runnable {

    /**
     * Runs the command line and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line without exiting (for tests and embedding).
     *
     * @param args arguments
     * @param out standard output for messages
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // STIL reports routine decisions at INFO; a command-line user wants only real problems.
        java.util.logging.Logger.getLogger("uk.ac.starlink").setLevel(java.util.logging.Level.WARNING);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(Failures::parameterError);
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is needed: tap");
    }

    /** Supplies the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"vokit " + (v == null ? "(development build)" : v)};
        }
    }
}
