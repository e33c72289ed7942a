package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.vokit.dal.DalProtocol;
import org.vokit.dal.DalQuery;
import org.vokit.dal.DalResults;
import org.vokit.dal.DalService;
import org.vokit.dal.DatasetRecord;
import org.vokit.dal.ServiceParams;
import org.vokit.http.VoHttp;
import org.vokit.votable.DocumentInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * {@code vokit params}: lists the input parameters a simple DAL service declares in its
 * {@code FORMAT=METADATA} answer, marking the custom ones. Also holds what the DAL commands
 * ({@code scs}, {@code sia}, {@code ssa}) share: URL checking, {@code --param} handling, table
 * output and downloads.
 */
@Command(name = "params", header = "List the input parameters of an SCS, SIA or SSA service.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the input parameters of a simple DAL service (SCS, SIA 1/2, SSA) from its",
            "FORMAT=METADATA answer: types, units, descriptions, defaults, allowed values, and how each",
            "takes a range. Custom parameters (not defined by the protocol) are marked with *.",
            "Without --format or --out the list is printed for reading; with them it is a table.",
            "Default --timeout: 120 s."},
        footer = {"", "Examples:",
            "  vokit params --service http://127.0.0.1:8089/vospec/q/ssa/ssap.xml? --protocol ssa",
            "  vokit params --service URL --format csv"})
final class ParamsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--service", required = true, paramLabel = "URL", description = "The service's access URL.")
    String service;

    @Option(names = "--protocol", paramLabel = "ssa|sia|sia2|scs",
            description = "The protocol (decides the request, e.g. REQUEST=queryData for SSA, and which "
                    + "parameters are standard); default: guessed from the URL.")
    String protocol;





    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.applyDebug();
        URI url = serviceUri(service);
        DalProtocol p = null;
        if (protocol != null) {
            p = DalProtocol.fromName(protocol).orElseThrow(() -> new IllegalArgumentException("--protocol '"
                    + protocol + "' is not one of ssa, sia, sia2, scs"));
        } else {
            p = DalProtocol.guess(url).orElse(null);
        }
        Duration timeout = run.timeout(null);
        ServiceParams params;
        try (VoHttp http = VoHttp.newDefault()) {
            params = ServiceParams.fetch(http, url, p, timeout == null ? DalService.DEFAULT_TIMEOUT : timeout);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (output.out == null && output.format == null) {
            if (params.isEmpty()) {
                o.println(url + " declares no input parameters (it may not support FORMAT=METADATA)");
            } else {
                o.print(params.describe());
            }
            o.flush();
            return 0;
        }
        try (TableOut table = output.open()) {
            copy(params.toTable(), table.sink());
            table.commit();
        }
        return 0;
    }

    // ------------------------------------------------------------ shared by the DAL commands

    /**
     * Checks a {@code --service} value.
     *
     * @param service the option's value
     * @return the URL
     * @throws IllegalArgumentException if it is not an absolute http(s) URL
     */
    static URI serviceUri(String service) {
        try {
            URI u = new URI(service.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("--service '" + service + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--service '" + service + "' is not a valid URL: " + e.getReason());
        }
    }

    /**
     * Reads {@code --timeout}.
     *
     * @param seconds the option's value, or null
     * @return the duration, or null when not given
     */
    static Duration timeout(Long seconds) {
        if (seconds == null) {
            return null;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive: " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * Applies the options every DAL search shares. A {@code --param NAME=VALUE} replaces what the
     * command set for NAME; giving the same NAME again adds another value (SIA 2 ORs them).
     *
     * @param <Q> the query type
     * @param q the query built from the command's own options
     * @param params the {@code --param} values
     * @param maxrec {@code --maxrec}, or null
     * @param timeoutSeconds {@code --timeout}, or null
     * @return the query to run
     */
    static <Q extends DalQuery<Q>> Q apply(Q q, List<String> params, Long maxrec, Long timeoutSeconds) {
        if (maxrec != null) {
            if (maxrec < 0) {
                throw new IllegalArgumentException("--maxrec must not be negative: " + maxrec);
            }
            q = q.withMaxrec(maxrec);
        }
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param '" + p + "' is not NAME=VALUE");
            }
            String name = p.substring(0, eq).strip();
            String value = p.substring(eq + 1);
            q = seen.add(name) ? q.withParam(name, value) : q.addParam(name, value);
        }
        Duration t = timeout(timeoutSeconds);
        return t == null ? q : q.withTimeout(t);
    }

    /** Runs a search streaming into the output, or into memory when the datasets are wanted too. */
    interface Search {
        /**
         * Streams the result table into a sink.
         *
         * @param sink the sink
         * @return the document's information
         * @throws IOException on failure
         */
        DocumentInfo into(TableSink sink) throws IOException;
    }

    /**
     * Writes a search's table to {@code --out}/standard output and warns about overflow.
     *
     * @param spec the command
     * @param search the search
     * @param out {@code --out}
     * @param format {@code --format}
     * @param maxrec {@code --maxrec}, for the warning
     * @throws IOException on failure
     */
    static void write(CommandSpec spec, Search search, Path out, String format, Long maxrec) throws IOException {
        DocumentInfo info;
        try (TableOut output = TableOut.open(out, format)) {
            info = search.into(output.sink());
            output.commit();
        }
        warnOverflow(spec, info.overflowed(), maxrec);
    }

    /**
     * Writes kept results to the output, downloads every dataset into a directory, and reports
     * each file on standard error.
     *
     * @param spec the command
     * @param results the results
     * @param out {@code --out}
     * @param format {@code --format}
     * @param maxrec {@code --maxrec}
     * @param dir {@code --download}
     * @param timeoutSeconds {@code --timeout}, for each download
     * @throws IOException on failure (the table is written first)
     */
    static void writeAndDownload(CommandSpec spec, DalResults<? extends DatasetRecord> results, Path out,
                                 String format, Long maxrec, Path dir, Long timeoutSeconds) throws IOException {
        try (TableOut output = TableOut.open(out, format)) {
            copy(results.toTable(), output.sink());
            output.commit();
        }
        warnOverflow(spec, results.overflowed(), maxrec);
        Duration t = timeout(timeoutSeconds);
        PrintWriter err = spec.commandLine().getErr();
        int total = results.size();
        try (ProgressLine progress = ProgressLine.onStandardError(err, "vokit " + spec.name())) {
            int done = 0;
            long bytes = 0;
            for (DatasetRecord r : results) {
                progress.phase("downloading " + (done + 1) + " of " + total);
                Path f = t == null ? r.download(dir) : r.download(dir, t);
                long size = java.nio.file.Files.size(f);
                bytes += size;
                done++;
                progress.println("vokit " + spec.name() + ": downloaded " + f + " (" + size + " bytes)");
            }
            progress.finish(done + " of " + total + " datasets saved (" + bytes + " bytes)");
        }
    }

    private static void warnOverflow(CommandSpec spec, boolean overflowed, Long maxrec) {
        if (overflowed) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("vokit " + spec.name() + ": warning: the result was truncated at the row limit"
                    + (maxrec != null ? " (--maxrec " + maxrec + ")" : " (the service's default)"));
            err.flush();
        }
    }

    /**
     * Pushes a table into a sink.
     *
     * @param table the table
     * @param sink the sink
     * @throws IOException if reading or writing fails
     */
    static void copy(StarTable table, TableSink sink) throws IOException {
        sink.acceptMetadata(table);
        try (RowSequence rows = table.getRowSequence()) {
            while (rows.next()) {
                sink.acceptRow(rows.getRow());
            }
        }
        sink.endRows();
    }
}
