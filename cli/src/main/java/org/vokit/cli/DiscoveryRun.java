package org.vokit.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.FanoutTask;
import org.vokit.fanout.MergedTable;
import org.vokit.fanout.ResultFile;
import org.vokit.fanout.Resume;
import org.vokit.fanout.ServiceHealth;
import org.vokit.http.VoHttp;
import org.vokit.progress.ProgressListener;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampReply;
import org.vokit.samp.SampTarget;
import picocli.CommandLine.Option;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * What {@code vokit vowide}, {@code vokit epn} and {@code vokit obscore} share: the registry, the
 * fan-out engine (with the per-host limit and the service health memory), the progress
 * display, resuming from an earlier result, the failure report (on standard error, and in VOTable
 * output as {@link ResultFile} INFOs together with the query), sending the table over SAMP, and
 * the exit status.
 *
 * <p>Exit status: {@value #ALL_ANSWERED} when every service answered, {@value #SOME_FAILED} when
 * a result was written but some services failed or were skipped, {@value Failures#SERVICE_FAILURE}
 * when nothing could be answered (nothing is written then), {@value Failures#USAGE} for bad input.
 */
final class DiscoveryRun {

    /** Every service answered ({@link FanoutReport#exitStatus()}). */
    static final int ALL_ANSWERED = 0;
    /** A result was written, but some services failed ({@link FanoutReport#exitStatus()}). */
    static final int SOME_FAILED = 4;

    private DiscoveryRun() {
    }

    /** The options of the discovery commands beside the common mixins (a picocli mixin). */
    static final class Options {
        @Option(names = "--registry", paramLabel = "URL",
                description = "TAP base URL of the RegTAP service (default: $IVOA_REGISTRY, else http://reg.g-vo.org/tap).")
        String registry;

        @Option(names = "--parallel", paramLabel = "N",
                description = "Services asked at once (default: 16 for vowide, 8 for epn and obscore).")
        Integer parallel;

        @Option(names = "--per-host", paramLabel = "N", description = "Queries at once against one host (default 4).")
        int perHost = 4;

        @Option(names = "--resume", paramLabel = "FILE",
                description = "A previous VOTable result of this command: ask again only what failed in it (with the "
                        + "query kept in it), keep its other rows, write the merged result.")
        Path resume;

        @Option(names = "--no-health", description = "Neither read nor update the service health memory.")
        boolean noHealth;

        @Option(names = "--retry-failed", description = "Ask services the health memory would skip.")
        boolean retryFailed;

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

        /**
         * @param dflt the command's own default
         * @return --parallel, or the default
         */
        int parallel(int dflt) {
            int n = parallel == null ? dflt : parallel;
            if (n < 1) {
                throw new IllegalArgumentException("--parallel must be at least 1, not " + n);
            }
            return n;
        }

        /**
         * Makes the HTTP client of a multi-service run: one retry at most for a 429 or 503, so
         * that one busy service cannot hold the run for several of its Retry-After waits. The
         * caller closes it after the engine.
         *
         * @return the client
         */
        VoHttp http() {
            return VoHttp.builder().maxRetries(1).build();
        }

        /** Makes the engine: --parallel (default 8), --per-host, the per-service timeout, the health memory. */
        Fanout engine(VoHttp http, Duration perService) throws IOException {
            return engine(http, perService, 8);
        }

        /** Makes the engine with the command's own default for --parallel. */
        Fanout engine(VoHttp http, Duration perService, int defaultParallel) throws IOException {
            int parallel = parallel(defaultParallel);
            if (perHost < 1) {
                throw new IllegalArgumentException("--per-host must be at least 1, not " + perHost);
            }
            ServiceHealth health = noHealth ? null : ServiceHealth.load(ServiceHealth.defaultFile(System.getenv(),
                    Path.of(System.getProperty("user.home"))));
            return Fanout.builder().http(http).parallel(parallel).perHost(perHost).taskTimeout(perService)
                    .health(health).retryFailed(retryFailed).build();
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

    /**
     * What a command is about to run.
     *
     * @param tasks the tasks to run
     * @param sink the merged result, possibly holding rows kept from an earlier result
     * @param query the query kept in the output ({@value ResultFile#QUERY_INFO})
     * @param carried failures of an earlier result that are not asked again (no query to ask)
     * @param keptTasks tasks of an earlier result whose rows were kept
     * @param keptRows the rows kept
     */
    record Plan(List<FanoutTask> tasks, MergedTable sink, String query, List<Failure> carried, int keptTasks,
                long keptRows) {
        /**
         * A fresh run.
         *
         * @param tasks the tasks
         * @param sink the sink
         * @param query the query
         * @return the plan
         */
        static Plan of(List<FanoutTask> tasks, MergedTable sink, String query) {
            return new Plan(tasks, sink, query, List.of(), 0, 0);
        }
    }

    /**
     * Plans a resumed run: keeps the rows of what answered in the earlier result, and asks again
     * what failed there.
     *
     * @param command the command's name for messages
     * @param file the earlier result
     * @param sink the merged result to fill (same columns as the earlier one)
     * @param again makes the tasks for the failures that carry a query
     * @param err standard error
     * @return the plan
     * @throws IOException if the file cannot be read
     */
    static Plan resume(String command, Path file, MergedTable sink, Function<List<Failure>, List<FanoutTask>> again,
                       PrintWriter err) throws IOException {
        ResultFile.Previous prev = previous(file);
        Resume resume = Resume.of(prev).retryWith(again);
        Resume.Kept kept = resume.keep(sink);
        List<FanoutTask> tasks = resume.tasks();
        err.println(command + ": resuming " + file + ": " + kept.kept() + " rows kept, " + tasks.size() + " asked again");
        return new Plan(tasks, sink, prev.query(), resume.carried(), kept.answered(), kept.kept());
    }

    /**
     * Reads the earlier result named by {@code --resume}, as bad input (exit status 2) if it is
     * missing or not a result file of these commands.
     *
     * @param file the file
     * @return what it holds
     * @throws IOException if it cannot be read
     */
    static ResultFile.Previous previous(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--resume " + file + ": no such file");
        }
        try {
            return ResultFile.read(file);
        } catch (org.vokit.FormatException e) {
            throw new IllegalArgumentException("--resume " + file + ": " + e.getMessage());
        }
    }

    /**
     * Runs a plan through the engine with progress on standard error, writes the result, prints
     * the failure report and returns the exit status.
     *
     * @param command the command's name for messages ({@code vokit epn})
     * @param noun what a task is ({@code tables}, {@code services})
     * @param plan what to run
     * @param engine the engine
     * @param output the output options
     * @param options the discovery options
     * @param err standard error
     * @return the exit status
     * @throws IOException if the result cannot be written
     */
    static int run(String command, String noun, Plan plan, Fanout engine, OutputOptions output, Options options,
                   PrintWriter err) throws IOException {
        ProgressTally tally = new ProgressTally();
        tally.expect(plan.tasks().size());
        FanoutReport r = engine.run(plan.tasks(), plan.sink(), progress(command, noun, tally, err));
        List<Failure> all = new ArrayList<>(plan.carried());
        all.addAll(r.failures());
        FanoutReport report = new FanoutReport(r.tasks() + plan.carried().size() + plan.keptTasks(),
                r.answered() + plan.keptTasks(), r.rows() + plan.keptRows(), all, r.elapsed());
        return finish(command, noun, tally, report, plan.sink(), plan.query(), List.of(), output, options, err);
    }

    /**
     * The progress display: on a terminal, a line on standard error redrawn as each task ends.
     *
     * @param command the command's name for messages
     * @param noun what a task is
     * @param tally the counts (the caller says how many tasks to expect)
     * @param err standard error
     * @return the listener to give the engine
     */
    static ProgressListener progress(String command, String noun, ProgressTally tally, PrintWriter err) {
        if (System.console() == null) {
            return tally;
        }
        return tally.andThen(e -> {
            if (e.kind().isTerminal()) {
                synchronized (err) {
                    err.print("\r" + command + ": " + tally.snapshot().line(noun) + "   ");
                    err.flush();
                }
            }
        });
    }

    /**
     * Ends a run: the summary and failure report on standard error, the result written (unless
     * nothing answered: an earlier file is then kept), sent over SAMP if asked, and the exit status.
     *
     * @param command the command's name for messages
     * @param noun what a task is
     * @param tally the progress counts
     * @param report the run's report
     * @param sink the merged result
     * @param query the query kept in the output
     * @param notes messages for the user
     * @param output the output options
     * @param options the discovery options
     * @param err standard error
     * @return the exit status
     * @throws IOException if the result cannot be written
     */
    static int finish(String command, String noun, ProgressTally tally, FanoutReport report, MergedTable sink,
                      String query, List<String> notes, OutputOptions output, Options options, PrintWriter err)
            throws IOException {
        if (System.console() != null) {
            err.print("\r");
        }
        err.println(command + ": " + tally.snapshot().line(noun)
                + String.format(Locale.ROOT, " in %.1f s", report.elapsed().toMillis() / 1000.0));
        if (!report.failures().isEmpty()) {
            long skipped = report.failures().stream().filter(f -> f.phase() == Failure.Phase.SKIPPED).count();
            err.println(command + ": failure report (" + (report.failures().size() - skipped) + " failed, " + skipped
                    + " skipped):");
            for (Failure f : report.failures()) {
                err.println("  " + f.line());
            }
        }
        for (String n : notes) {
            err.println(command + ": " + n);
        }
        err.println(command + ": " + report.summary());
        err.flush();
        if (report.answered() == 0) {
            err.println(command + ": no service answered; nothing written");
            err.flush();
            return Failures.SERVICE_FAILURE;
        }
        StarTable result = sink.table();
        write(result, report, query, output);
        if (options.samp != null) {
            sendSamp(command, result, options, err);
        }
        return report.exitStatus();
    }

    /**
     * Writes the merged table: as a VOTable with the query and the failure report as INFOs
     * ({@link ResultFile}, readable by {@code --resume}), or in another format without them. A
     * file is complete before it replaces an earlier one.
     */
    static void write(StarTable table, FanoutReport report, String query, OutputOptions output) throws IOException {
        if (TableOut.writer(output.format, output.out) instanceof VOTableWriter) {
            if (output.out == null) {
                OutputStream os = new BufferedOutputStream(System.out, 1 << 16);
                ResultFile.write(table, report, query, os);
                os.flush();
                return;
            }
            Path abs = output.out.toAbsolutePath();
            Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                ResultFile.write(table, report, query, os);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        try (TableOut out = output.open()) {
            TableSink sink = out.sink();
            sink.acceptMetadata(table);
            try (RowSequence rs = table.getRowSequence()) {
                while (rs.next()) {
                    sink.acceptRow(rs.getRow());
                }
            }
            sink.endRows();
            out.commit();
        }
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
