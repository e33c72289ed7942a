package org.vokit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vokit} command: STILTS-like tools over vokit's core.
 */
@Command(name = "vokit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Virtual Observatory client tools.",
        subcommands = {TapCommand.class, BenchCommand.class, TrainCommand.class, SampCommand.class,
            InvestigateCommand.class, DatalinkCommand.class, CutoutCommand.class, DatalinkBenchCommand.class,
            ScsCommand.class, SiaCommand.class, SsaCommand.class, ParamsCommand.class, RegCommand.class,
            EpnCommand.class, ObscoreCommand.class, VowideCommand.class})
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
        CommandLine cl = args.length > 0 ? single(args[0]) : null;
        if (cl == null) {
            cl = new CommandLine(new Main());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(Failures::parameterError);
        return cl.execute(args);
    }

    /**
     * Builds a command line holding only the named command under a bare {@code vokit} parent, so
     * that picocli reads the annotations of one command rather than of all of them (a large
     * share of a command's start-up time).
     *
     * @param name the first argument
     * @return the command line, or null if no command has that name (the full one then reports it)
     */
    private static CommandLine single(String name) {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null && (cmd.name().equals(name) || java.util.Arrays.asList(cmd.aliases()).contains(name))) {
                try {
                    Object command = c.getDeclaredConstructor().newInstance();
                    CommandLine parent = new CommandLine(CommandLine.Model.CommandSpec.create().name("vokit"));
                    parent.addSubcommand(cmd.name(), new CommandLine(command));
                    return parent;
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
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
