package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.vokit.discovery.BoundedTaskRunner;
import org.vokit.discovery.Failure;
import org.vokit.discovery.RunReport;
import org.vokit.discovery.TaskRunner;
import org.vokit.progress.ProgressListener;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampReply;
import org.vokit.samp.SampTarget;
import picocli.CommandLine.Option;
import uk.ac.starlink.table.DefaultValueInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableSink;

/**
 * What {@code vokit epn} and {@code vokit obscore} share: the registry, the parallel runner, the
 * progress display, the failure report, writing the merged table (with the query and the report
 * as table parameters), sending it over SAMP, and the exit status.
 *
 * <p>Exit status: {@value #ALL_ANSWERED} when every service answered, {@value #SOME_FAILED} when
 * a result was written but some services failed, {@value Failures#SERVICE_FAILURE} when nothing
 * could be answered, {@value Failures#USAGE} for bad input.
 */
final class DiscoveryRun {

    /** Every service answered. */
    static final int ALL_ANSWERED = 0;
    /** A result was written, but some services failed. */
    static final int SOME_FAILED = 4;

    private DiscoveryRun() {
    }

    /** The options of the discovery commands beside the common mixins (a picocli mixin). */
    static final class Options {
        @Option(names = "--registry", paramLabel = "URL",
                description = "TAP base URL of the RegTAP service (default: $IVOA_REGISTRY, else http://reg.g-vo.org/tap).")
        String registry;

        @Option(names = "--parallel", paramLabel = "N", description = "Services asked at once (default 8).")
        int parallel = 8;

        @Option(names = "--samp", paramLabel = "CLIENT",
                description = "Also send the result table to this SAMP client (e.g. topcat; any case).")
        String samp;

        @Option(names = "--hub", paramLabel = "LOCKFILE",
                description = "With --samp: the hub's lockfile (a path or file: URL; default: SAMP_HUB, else ~/.samp).")
        String hub;

        URI registryUri() {
            String given = registry;
            String from = "--registry";
            if (given == null) {
                given = System.getenv(RegCommand.REGISTRY_ENV);
                from = "$" + RegCommand.REGISTRY_ENV;
            }
            if (given == null || given.isBlank()) {
                return Registry.DEFAULT_ENDPOINT;
            }
            try {
                URI u = new URI(given.strip());
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                    throw new IllegalArgumentException(from + " '" + given + "' is not an http(s) URL");
                }
                return u;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(from + " '" + given + "' is not a valid URL: " + e.getReason());
            }
        }

        TaskRunner runner(Duration timeout) {
            if (parallel < 1) {
                throw new IllegalArgumentException("--parallel must be at least 1, not " + parallel);
            }
            return BoundedTaskRunner.builder().parallel(parallel).timeout(timeout).build();
        }

        URI hubLockUrl() {
            if (hub == null || hub.isBlank()) {
                return SampConnection.standardLockUrl(System.getenv(), Path.of(System.getProperty("user.home")));
            }
            String h = hub.strip();
            if (h.matches("(?i)(file|https?):.*")) {
                return URI.create(h);
            }
            return Path.of(h).toAbsolutePath().toUri();
        }
    }

    /** The work of one command: runs the tasks into the given sink. */
    @FunctionalInterface
    interface Work {
        RunReport run(TableSink sink, ProgressListener listener) throws IOException, InterruptedException;
    }

    /**
     * Runs the work with progress on standard error, writes the result, prints the failure
     * report and returns the exit status.
     *
     * @param command the command's name for messages ({@code vokit epn})
     * @param noun what a task is ({@code tables}, {@code services})
     * @param tasks how many tasks there are
     * @param query the query, kept in the output
     * @param output the output options
     * @param options the discovery options
     * @param err standard error
     * @param work the work
     * @return the exit status
     */
    static int run(String command, String noun, int tasks, String query, OutputOptions output, Options options,
                   PrintWriter err, Work work) throws IOException, InterruptedException {
        ProgressTally tally = new ProgressTally();
        tally.expect(tasks);
        boolean terminal = System.console() != null;
        ProgressListener listener = tally;
        if (terminal) {
            listener = tally.andThen(e -> {
                if (e.kind().isTerminal()) {
                    synchronized (err) {
                        err.print("\r" + command + ": " + tally.snapshot().line(noun) + "   ");
                        err.flush();
                    }
                }
            });
        }
        RowStore store = StoragePolicy.ADAPTIVE.makeRowStore();
        RunReport report = work.run(store, listener);
        String summary = command + ": " + tally.snapshot().line(noun)
                + String.format(Locale.ROOT, " in %.1f s", report.elapsed().toMillis() / 1000.0);
        if (terminal) {
            err.print("\r");
        }
        err.println(summary);
        if (!report.failures().isEmpty()) {
            err.println(command + ": failure report (" + report.failed().size() + " failed, "
                    + (report.failures().size() - report.failed().size()) + " skipped):");
            for (Failure f : report.failures()) {
                err.println("  " + f.describe());
            }
        }
        err.flush();
        if (report.answered() == 0) {
            err.println(command + ": no service answered; nothing written");
            err.flush();
            return Failures.SERVICE_FAILURE;
        }
        StarTable result = store.getStarTable();
        result.setParameter(new DescribedValue(new DefaultValueInfo("query", String.class,
                "The ADQL query sent to each service"), query));
        result.setParameter(new DescribedValue(new DefaultValueInfo("services_answered", Integer.class,
                "Services (or tables) that answered"), report.answered()));
        result.setParameter(new DescribedValue(new DefaultValueInfo("services_failed", Integer.class,
                "Services (or tables) that failed"), report.failed().size()));
        int i = 1;
        for (Failure f : report.failures()) {
            result.setParameter(new DescribedValue(new DefaultValueInfo("failure_" + i++, String.class,
                    "A service that did not answer: service URL, ivoid, phase, error class, its message"),
                    f.describe()));
        }
        try (TableOut out = output.open()) {
            TableSink sink = out.sink();
            sink.acceptMetadata(result);
            try (uk.ac.starlink.table.RowSequence rows = result.getRowSequence()) {
                while (rows.next()) {
                    sink.acceptRow(rows.getRow());
                }
            }
            sink.endRows();
            out.commit();
        }
        if (options.samp != null) {
            sendSamp(command, result, options, err);
        }
        return report.allAnswered() ? ALL_ANSWERED : SOME_FAILED;
    }

    private static void sendSamp(String command, StarTable table, Options options, PrintWriter err) {
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        try (SampConnection samp = SampConnection.builder().name("vokit").description("the vokit command line")
                .lockUrl(options.hubLockUrl()).callTimeout(Duration.ofSeconds(30)).connect()) {
            SampDelivery d = samp.sendTable(table, command.replace("vokit ", "vokit-") + " result",
                    SampTarget.client(options.samp));
            long ok = d.replies().stream().filter(r -> r.status() == SampReply.Status.OK).count();
            samp.awaitFetches(d.url(), (int) ok, Duration.ofSeconds(10));
            for (SampReply r : d.replies()) {
                err.println(command + ": samp: " + r.describe());
            }
        } catch (IOException e) {
            err.println(command + ": warning: the table was written but could not be sent over SAMP: "
                    + Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
    }

    /**
     * Parses a time given on the command line: an ISO date ({@code 2010-01-01}, start of the day
     * in UTC), date and time without zone (UTC) or with one.
     */
    static java.time.Instant instant(String option, String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            java.time.temporal.TemporalAccessor t = java.time.format.DateTimeFormatter.ISO_DATE_TIME.parseBest(v,
                    java.time.OffsetDateTime::from, java.time.LocalDateTime::from);
            return t instanceof java.time.OffsetDateTime o ? o.toInstant()
                    : ((java.time.LocalDateTime) t).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not an ISO date or time such as 2010-01-01"
                    + " or 2010-01-01T12:00:00Z");
        }
    }

    /** Reads a local table in any format STIL reads, telling the common text formats by extension. */
    static StarTable readTable(String option, Path file) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        uk.ac.starlink.table.StarTableFactory f = new uk.ac.starlink.table.StarTableFactory(true);
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String fmt = n.endsWith(".csv") ? "csv(header=true)" : n.endsWith(".ecsv") ? "ecsv" : n.endsWith(".tst") ? "tst"
                : n.endsWith(".ipac") || n.endsWith(".tbl") ? "ipac" : n.endsWith(".txt") ? "ascii" : null;
        try {
            return fmt == null ? f.makeStarTable(file.toString()) : f.makeStarTable(file.toString(), fmt);
        } catch (uk.ac.starlink.table.TableFormatException e) {
            throw new IllegalArgumentException(option + " " + file + " is not a table STIL can read: " + e.getMessage());
        }
    }
}
