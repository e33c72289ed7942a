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
            InvestigateCommand.class, DatalinkCommand.class, CutoutCommand.class,
            ScsCommand.class, SiaCommand.class, SsaCommand.class, ParamsCommand.class, RegCommand.class,
            EpnCommand.class, ObscoreCommand.class, VowideCommand.class, XmatchCommand.class, SedCommand.class})
public final class Main implements Runnable {

    /**
     * Runs the command line and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), true));
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
        return run(args, out, err, false);
    }

    /**
     * Runs the command line; in a process of its own ({@code warm}), a command's start-up
     * work is shared with a second thread ({@link WarmUp}).
     */
    private static int run(String[] args, PrintWriter out, PrintWriter err, boolean warm) {
        boolean command = args.length > 0 && !args[0].startsWith("-");
        if (warm && command && !args[0].startsWith("__")) {
            WarmUp.start(args[0]);
        }
        CommandLine cl = command ? single(args[0]) : null;
        if (cl == null) {
            cl = new CommandLine(new Main());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(Failures::parameterError);
        WarmUp.quietStil();
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
        Class<?> c = commandClass(name);
        if (c == null) {
            return null;
        }
        try {
            Object command = c.getDeclaredConstructor().newInstance();
            CommandLine parent = new CommandLine(CommandLine.Model.CommandSpec.create().name("vokit"));
            parent.addSubcommand(c.getAnnotation(Command.class).name(), new CommandLine(command));
            return parent;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /**
     * Finds a command's class by its name or alias.
     *
     * @param name the first argument
     * @return the class, or null if no command has that name
     */
    static Class<?> commandClass(String name) {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd != null && (cmd.name().equals(name) || java.util.Arrays.asList(cmd.aliases()).contains(name))) {
                return c;
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
