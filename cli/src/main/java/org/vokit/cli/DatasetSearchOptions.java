package org.vokit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vokit.dal.DalQuery;
import org.vokit.dal.DalResults;
import org.vokit.dal.DatasetRecord;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options {@code vokit sia} and {@code vokit ssa} share (a picocli mixin): extra parameters,
 * row limit, downloads, output and timeouts, and the one way they run a search.
 */
final class DatasetSearchOptions {

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A further (e.g. custom) parameter, sent as given. Repeatable; a NAME given twice is "
                    + "sent twice (SIA 2 ORs the values).")
    List<String> params = new ArrayList<>();

    @Option(names = "--maxrec", paramLabel = "N", description = "Row limit asked of the service (MAXREC).")
    Long maxrec;

    @Option(names = "--download", paramLabel = "DIR",
            description = "Also download every dataset found into DIR (created if missing).")
    Path download;





    @picocli.CommandLine.Mixin
    OutputOptions output;

    @picocli.CommandLine.Mixin
    RunOptions run;

    /** Runs a search keeping its records (needed to download them). */
    interface Kept {
        /**
         * @return the results
         * @throws IOException on failure
         */
        DalResults<? extends DatasetRecord> search() throws IOException;
    }

    /** Switches on debug logging when {@code --debug} was given. */
    void applyDebug() {
        run.applyDebug();
    }

    /**
     * Adds {@code --param}, {@code --maxrec} and {@code --timeout} to a query.
     *
     * @param q the query
     * @param <Q> its type
     * @return the completed query
     */
    <Q extends DalQuery<Q>> Q apply(Q q) {
        return ParamsCommand.apply(q, params, maxrec, run.timeoutSeconds);
    }

    /**
     * Writes the result table, streaming it, or keeping it when the datasets are to be downloaded.
     *
     * @param spec the command
     * @param kept the search keeping its records
     * @param streamed the same search streaming into a sink
     * @throws IOException on failure
     */
    void run(CommandSpec spec, Kept kept, ParamsCommand.Search streamed) throws IOException {
        if (download != null) {
            ParamsCommand.writeAndDownload(spec, kept.search(), output.out, output.format, maxrec, download,
                    run.timeoutSeconds);
        } else {
            ParamsCommand.write(spec, streamed, output.out, output.format, maxrec);
        }
    }
}
