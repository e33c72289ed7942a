package org.vokit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vokit bench}: the developer tools that print the figures the project's speed targets
 * are checked by. Each benchmark is a subcommand; without one, {@code async}, {@code parse} and
 * {@code startup} run in turn with their defaults. A benchmark measures and prints; a run that
 * fails is never counted: the benchmark stops, prints no figures, and exits non-zero naming the
 * failure.
 */
@Command(name = "bench", header = "Developer tools: benchmarks that print figures.", mixinStandardHelpOptions = true,
        description = {"Developer tools: measure vokit against the protocol minimum and other tools, and print "
                + "the figures (median, min, max). Without a subcommand: async, parse and startup in turn.",
            "A run that fails stops the benchmark with a non-zero exit status; no figures are printed."},
        subcommands = {XmatchBenchCommand.class, BenchAsyncCommand.class, BenchParseCommand.class, BenchStartupCommand.class,
            DatalinkBenchCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        for (String name : List.of("async", "parse", "startup")) {
            Object command = cl.getSubcommands().get(name).getCommand();
            int status = ((Callable<?>) command).call() instanceof Integer i ? i : 0;
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }
}
