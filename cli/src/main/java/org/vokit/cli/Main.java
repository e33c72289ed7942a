package org.vokit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vokit} command: STILTS-like tools over vokit's core.
 */
@Command(name = "vokit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Virtual Observatory client tools.",
        footer = {"", "Run 'vokit help COMMAND' or 'vokit COMMAND --help' for the options of a command."},
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
        if (args.length == 0 || args.length == 1 && args[0].equals("help")) {
            // bare "vokit" and "vokit help": the list of commands
            new CommandLine(new Main()).usage(out);
            out.flush();
            return 0;
        }
        if (args[0].equals("help")) {
            // "vokit help CMD [SUB]" is "vokit CMD [SUB] --help"
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length + 1);
            rest[rest.length - 1] = "--help";
            args = rest;
        }
        boolean command = !args[0].startsWith("-");
        if (warm && command && !args[0].startsWith("__")) {
            WarmUp.start(args[0]);
        }
        CommandLine cl = command ? single(args[0]) : null;
        if (cl == null) {
            cl = new CommandLine(new Main());
        }
        unwrappedFooters(cl);
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
     * Finds a command's class by its name, without reading the annotations of every command
     * (which costs each command line's start-up about 10 ms); {@code HelpTest} checks that this
     * agrees with {@link Main}'s list of subcommands.
     *
     * @param name the first argument
     * @return the class, or null if no command has that name
     */
    static Class<?> commandClass(String name) {
        switch (name) {
            case "tap": return TapCommand.class;
            case "bench": return BenchCommand.class;
            case "__train": return TrainCommand.class;
            case "samp": return SampCommand.class;
            case "investigate": return InvestigateCommand.class;
            case "datalink": return DatalinkCommand.class;
            case "cutout": return CutoutCommand.class;
            case "scs": return ScsCommand.class;
            case "sia": return SiaCommand.class;
            case "ssa": return SsaCommand.class;
            case "params": return ParamsCommand.class;
            case "reg": return RegCommand.class;
            case "epn": return EpnCommand.class;
            case "obscore": return ObscoreCommand.class;
            case "vowide": return VowideCommand.class;
            case "xmatch": return XmatchCommand.class;
            case "sed": return SedCommand.class;
            default: return null;
        }
    }

    /** Width of the help text (picocli's default). */
    static final int HELP_WIDTH = 80;

    /**
     * Makes each command's footer (its examples) break only between words, ending a broken line
     * with a shell continuation, so that a URL or a word is never cut and an example stays a
     * command line that can be copied. Costs nothing until help is shown.
     */
    private static void unwrappedFooters(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, Main::footer);
        for (CommandLine sub : cl.getSubcommands().values()) {
            unwrappedFooters(sub);
        }
    }

    static String footer(CommandLine.Help help) {
        StringBuilder sb = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().footer()) {
            wrapExample(line.replace("%%", "%"), sb);
        }
        return sb.toString();
    }

    /**
     * Breaks a line wider than the help at spaces outside single quotes (a break inside single
     * quotes would change the command), indenting the continuation lines.
     */
    static void wrapExample(String line, StringBuilder sb) {
        String indent = " ".repeat(line.length() - line.stripLeading().length() + 4);
        String rest = line;
        while (rest.length() > HELP_WIDTH) {
            int cut = -1;
            boolean single = false;
            for (int i = 0; i < rest.length() && i <= HELP_WIDTH - 2; i++) {
                char c = rest.charAt(i);
                if (c == '\'') {
                    single = !single;
                } else if (c == ' ' && !single && i > indent.length() && rest.charAt(i - 1) != ' ') {
                    cut = i;
                }
            }
            if (cut < 0) {
                break;
            }
            sb.append(rest, 0, cut).append(" \\").append(System.lineSeparator());
            rest = indent + rest.substring(cut + 1).stripLeading();
        }
        sb.append(rest).append(System.lineSeparator());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "a command is needed (vokit help lists them)");
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
