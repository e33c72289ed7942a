package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.tap.AsyncJob;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapService;
import org.vokit.tap.Upload;
import org.vokit.votable.DocumentInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vokit tap}: runs an ADQL query on a TAP service, or shows its capabilities.
 */
@Command(name = "tap", header = "Run an ADQL query on a TAP service.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an ADQL query on a TAP service and write the result table.",
            "Without --out the table goes to standard output (VOTable unless --format says otherwise).",
            "Default --timeout: 600 s for a synchronous query, 7200 s with --async."},
        footer = {"", "Examples:",
            "  vokit tap --service http://127.0.0.1:8089/tap --query \"SELECT TOP 5 * FROM tap_schema.tables\"",
            "  vokit tap --service URL --query-file q.adql --async --maxrec 100000 --out result.fits",
            "  vokit tap --service URL --query \"SELECT * FROM t JOIN TAP_UPLOAD.mine AS m USING (id)\" "
                + "--upload mine=ids.vot",
            "  vokit tap --service URL --capabilities"})
final class TapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--service", required = true, paramLabel = "URL", description = "TAP base URL.")
    String service;

    @ArgGroup(exclusive = true)
    QuerySource source;

    /** Where the ADQL comes from. */
    static final class QuerySource {
        @Option(names = "--query", paramLabel = "ADQL", description = "The ADQL query.")
        String query;

        @Option(names = "--query-file", paramLabel = "FILE", description = "A file holding the ADQL query.")
        Path queryFile;
    }

    @Option(names = "--async", description = "Run as an asynchronous (UWS) job; the job is deleted afterwards.")
    boolean async;

    @Option(names = "--maxrec", paramLabel = "N", description = "Row limit asked of the service (MAXREC).")
    Long maxrec;

    @Option(names = "--upload", paramLabel = "NAME=FILE_OR_URL",
            description = "Table to upload as TAP_UPLOAD.NAME: a local table file (any format STIL reads) "
                    + "or an http(s) URL the service fetches (e.g. another job's result). Repeatable.")
    List<String> uploads = new ArrayList<>();

    @Option(names = "--upload-columns", paramLabel = "NAME=COL,COL...",
            description = "Send only these columns of upload NAME. Repeatable.")
    List<String> uploadColumns = new ArrayList<>();

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Extra request parameter. Repeatable.")
    List<String> params = new ArrayList<>();



    @Option(names = "--capabilities", description = "Print the service's capabilities instead of querying.")
    boolean capabilities;



    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.applyDebug();
        try (VoHttp http = VoHttp.newDefault()) {
            return run(TapService.builder(serviceUri()).http(http).build());
        }
    }

    private int run(TapService tap) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (capabilities) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(tap.capabilities().describe());
            o.flush();
            return 0;
        }
        TapQuery query = buildQuery();
        DocumentInfo info;
        try (TableOut output = this.output.open()) {
            if (async) {
                info = runAsync(tap, query, output);
            } else {
                info = tap.runSync(query, output.sink());
            }
            output.commit();
        }
        if (info.overflowed()) {
            err.println("vokit tap: warning: the result was truncated at the row limit"
                    + (maxrec != null ? " (--maxrec " + maxrec + ")" : " (the service's default MAXREC)"));
            err.flush();
        }
        return 0;
    }

    private DocumentInfo runAsync(TapService tap, TapQuery query, TableOut output) throws IOException {
        Deadline deadline = Deadline.in(query.timeout() != null ? query.timeout() : Duration.ofHours(2));
        AsyncJob job = tap.submit(query);
        Thread cleanup = new Thread(() -> {
            try {
                job.delete();
            } catch (IOException e) {
                System.err.println("vokit tap: could not delete job " + job.uri() + ": " + e.getMessage());
            }
        }, "vokit-delete-job");
        Runtime.getRuntime().addShutdownHook(cleanup);
        PrintWriter err = spec.commandLine().getErr();
        try (ProgressLine progress = ProgressLine.onStandardError(err, "vokit tap")) {
            progress.phase("job " + job.uri().getPath().replaceAll(".*/", "") + " queued");
            job.run();
            Thread phases = watchPhase(job, progress);
            try {
                job.waitFor(deadline);
            } finally {
                phases.interrupt();
            }
            progress.phase("fetching the result");
            DocumentInfo info = job.fetchResult(progress.counting(output.sink()), deadline);
            progress.finish("async job done");
            return info;
        } finally {
            try {
                job.delete();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }

    /** Shows the job's phase as the waiting learns it (no extra requests). */
    private static Thread watchPhase(AsyncJob job, ProgressLine progress) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    var info = job.lastInfo();
                    if (info != null) {
                        progress.phase("job " + info.phase());
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException stop) {
                // waiting is over
            }
        }, "vokit-job-phase");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private URI serviceUri() {
        try {
            URI u = new URI(service.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("--service '" + service + "' is not an http(s) URL");
            }
            String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
            for (String end : new String[] {"/sync", "/async", "/capabilities", "/tables", "/availability"}) {
                if (path.endsWith(end)) {
                    throw new IllegalArgumentException("--service '" + service + "' is a TAP endpoint, not the service: "
                            + "give the base URL, without " + end + " (e.g. " + u.resolve(path.substring(0,
                            path.length() - end.length())).toString().replaceAll("\\?.*", "") + ")");
                }
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--service '" + service + "' is not a valid URL: " + e.getReason());
        }
    }

    private TapQuery buildQuery() throws IOException {
        if (source == null) {
            throw new IllegalArgumentException("give a query with --query or --query-file (or use --capabilities)");
        }
        String adql;
        if (source.query != null) {
            adql = source.query;
        } else {
            try {
                adql = Files.readString(source.queryFile, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--query-file " + source.queryFile + ": no such file");
            }
        }
        if (adql.isBlank()) {
            throw new IllegalArgumentException("the query is empty");
        }
        TapQuery q = TapQuery.of(adql);
        if (maxrec != null) {
            if (maxrec < 0) {
                throw new IllegalArgumentException("--maxrec must not be negative: " + maxrec);
            }
            q = q.withMaxrec(maxrec);
        }
        Duration timeout = run.timeout(null);
        if (timeout != null) {
            q = q.withTimeout(timeout);
        }
        for (String spec : uploads) {
            Upload u = Upload.parse(spec);
            for (String c : uploadColumns) {
                int eq = c.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--upload-columns '" + c + "' is not NAME=COL,COL...");
                }
                if (c.substring(0, eq).equalsIgnoreCase(u.name())) {
                    u = u.columns(c.substring(eq + 1).split("\\s*,\\s*"));
                }
            }
            q = q.withUpload(u);
        }
        for (String c : uploadColumns) {
            String n = c.contains("=") ? c.substring(0, c.indexOf('=')) : c;
            if (q.uploads().stream().noneMatch(u -> u.name().equalsIgnoreCase(n))) {
                throw new IllegalArgumentException("--upload-columns names upload '" + n + "', which no --upload gives");
            }
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param '" + p + "' is not NAME=VALUE");
            }
            q = q.withParam(p.substring(0, eq), p.substring(eq + 1));
        }
        return q;
    }
}
