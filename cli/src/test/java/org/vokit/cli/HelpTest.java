package org.vokit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's help, in its three forms ({@code --help}, {@code -h}, {@code vokit help CMD}),
 * found by walking {@link Main}'s subcommands so that a new command is covered without listing it;
 * and the top-level usage (bare {@code vokit}, {@code vokit help}, {@code vokit --help}).
 */
class HelpTest {

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** Every visible command path, e.g. [tap], [samp, send]; hidden developer commands are skipped. */
    static List<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        walk(new CommandLine(new Main()), new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(CommandLine cl, List<String> prefix, List<List<String>> paths) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().usageMessage().hidden()) {
                continue; // __train, datalink-bench: internal tools, not shown to users
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            paths.add(p);
            walk(e.getValue(), p, paths);
        }
    }

    @Test
    void everyCommandHasHelpInAllThreeForms() {
        List<List<String>> cmds = commands();
        assertThat(cmds).extracting(p -> p.get(0)).contains("tap", "sia", "ssa", "reg", "cutout", "samp");
        for (List<String> cmd : cmds) {
            String name = String.join(" ", cmd);
            List<String[]> forms = new ArrayList<>();
            for (String flag : new String[] {"--help", "-h"}) {
                List<String> a = new ArrayList<>(cmd);
                a.add(flag);
                forms.add(a.toArray(new String[0]));
            }
            List<String> h = new ArrayList<>(List.of("help"));
            h.addAll(cmd);
            forms.add(h.toArray(new String[0]));
            for (String[] args : forms) {
                Run r = run(args);
                assertThat(r.status()).as("vokit %s: %s", String.join(" ", args), r.err()).isZero();
                assertThat(r.err()).as("vokit %s", String.join(" ", args)).isEmpty();
                assertThat(r.out()).as("vokit %s", String.join(" ", args)).contains("Usage: vokit " + name);
            }
        }
    }

    @Test
    void examplesBreakOnlyBetweenWordsAndFitTheHelp() {
        List<String> problems = new ArrayList<>();
        for (List<String> cmd : commands()) {
            List<String> args = new ArrayList<>(cmd);
            args.add("--help");
            String out = run(args.toArray(new String[0])).out();
            for (String l : out.split("\\R")) {
                if (l.length() > Main.HELP_WIDTH) {
                    problems.add(cmd + " line too wide: " + l);
                }
            }
            // every word of every footer line (examples) is shown whole: no URL or word is cut
            List<String> shown = Arrays.asList(out.split("\\s+"));
            for (String f : spec(cmd).usageMessage().footer()) {
                for (String word : f.replace("%%", "%").strip().split("\\s+")) {
                    if (!word.isEmpty() && !shown.contains(word)) {
                        problems.add(cmd + " word cut: " + word);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aLongExampleBreaksAtSpacesWithAContinuation() {
        StringBuilder sb = new StringBuilder();
        String url = "http://127.0.0.1:8089/voimg/q/siap2/siap2.xml";
        Main.wrapExample("  vokit sia --version 2 --service " + url + " --ra 150 --dec 2.2 --size 0.2 "
                + "--param 'BAND=6e-7 6.1e-7' --download images", sb);
        String[] lines = sb.toString().split("\\R");
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines[0]).endsWith(" \\");
        assertThat(lines[1]).startsWith("      ");
        assertThat(sb.toString()).contains(url).contains("'BAND=6e-7 6.1e-7'");
        for (String l : lines) {
            assertThat(l.length()).isLessThanOrEqualTo(Main.HELP_WIDTH);
        }
    }

    @Test
    void theCommandListShowsWholeSentences() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        List<String> lines = Arrays.asList(r.out().split("\\R"));
        for (List<String> cmd : commands()) {
            if (cmd.size() > 1 || cmd.get(0).equals("bench")) {
                continue; // bench: a developer tool owned by the benchmark work (issue 7 section 3)
            }
            CommandSpec spec = spec(cmd);
            String[] header = spec.usageMessage().header();
            String summary = header.length > 0 ? header[0] : spec.usageMessage().description()[0];
            assertThat(summary).as("summary of %s", cmd).endsWith(".");
            assertThat(lines).as("the summary of %s on one line of vokit --help", cmd)
                    .anyMatch(l -> l.strip().startsWith(cmd.get(0) + " ") && l.strip().endsWith(summary));
        }
    }

    @Test
    void bareVokitAndVokitHelpPrintTheCommandList() {
        for (String[] args : new String[][] {{}, {"help"}}) {
            Run r = run(args);
            assertThat(r.status()).as("vokit %s", String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage: vokit").contains("Commands:");
            for (List<String> cmd : commands()) {
                assertThat(r.out()).contains("  " + cmd.get(0) + " ");
            }
        }
    }

    @Test
    void commonOptionsComeFromTheMixinsWithADocumentedDefault() {
        for (List<String> cmd : commands()) {
            CommandSpec spec = spec(cmd);
            List<Object> mixins = new ArrayList<>();
            collectMixins(spec, mixins);
            if (spec.findOption("--timeout") != null || spec.findOption("--debug") != null) {
                assertThat(mixins).as("%s declares --timeout/--debug through RunOptions", cmd)
                        .anyMatch(m -> m instanceof RunOptions);
                List<String> args = new ArrayList<>(cmd);
                args.add("--help");
                String help = run(args.toArray(new String[0])).out().replaceAll("\\s+", " ");
                // a command doing only local work says so instead of giving a default
                if (spec.findOption("--timeout") != null && !help.contains("--timeout does not apply")) {
                    assertThat(help).as("%s documents its --timeout default", cmd)
                            .containsPattern("Default --timeout[^:]*: \\d+ s|--timeout seconds \\(default \\d+\\)");
                }
            }
            // cutout's --out is the dataset file, not a table: it has no --format
            if (spec.findOption("--format") != null) {
                assertThat(mixins).as("%s declares --out/--format through OutputOptions", cmd)
                        .anyMatch(m -> m instanceof OutputOptions);
            }
        }
    }

    private static void collectMixins(CommandSpec spec, List<Object> into) {
        for (CommandSpec m : spec.mixins().values()) {
            into.add(m.userObject());
            collectMixins(m, into);
        }
    }

    private static CommandSpec spec(List<String> path) {
        CommandLine cl = new CommandLine(new Main());
        for (String p : path) {
            cl = cl.getSubcommands().get(p);
        }
        return cl.getCommandSpec();
    }

    /** The quick name-to-class lookup of the start-up path knows exactly Main's subcommands. */
    @Test
    void commandLookupAgreesWithTheSubcommandList() {
        Class<?>[] listed = Main.class.getAnnotation(CommandLine.Command.class).subcommands();
        for (Class<?> c : listed) {
            CommandLine.Command cmd = c.getAnnotation(CommandLine.Command.class);
            assertThat(Main.commandClass(cmd.name())).as(cmd.name()).isEqualTo(c);
            for (String alias : cmd.aliases()) {
                assertThat(Main.commandClass(alias)).as(alias).isEqualTo(c);
            }
        }
        assertThat(Main.commandClass("nosuch")).isNull();
        assertThat(run("nosuch").err()).contains("nosuch");
    }

    /**
     * picocli formats a command's description, header and footer with {@code String.format}: a
     * bare '%' there (e.g. "80 % are") makes it print a warning over the help, so each must be a
     * valid format string. (Option descriptions are shown as written.)
     */
    @Test
    void helpTextsAreValidFormatStrings() {
        List<String> bad = new ArrayList<>();
        checkFormats(new CommandLine(new Main()), bad);
        assertThat(bad).isEmpty();
    }

    private static void checkFormats(CommandLine cl, List<String> bad) {
        CommandSpec spec = cl.getCommandSpec();
        List<String> texts = new ArrayList<>();
        texts.addAll(Arrays.asList(spec.usageMessage().description()));
        texts.addAll(Arrays.asList(spec.usageMessage().header()));
        texts.addAll(Arrays.asList(spec.usageMessage().footer()));
        for (String t : texts) {
            try {
                String.format(t);
            } catch (java.util.IllegalFormatException e) {
                bad.add(spec.qualifiedName() + ": " + t);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            checkFormats(sub, bad);
        }
    }
}
