package org.vokit.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.dal.scs.ConeQuery;
import org.vokit.dal.scs.ConeService;
import org.vokit.http.VoHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vokit scs}: a Simple Cone Search; the sources within a radius of a position.
 */
@Command(name = "scs", header = "Run a Simple Cone Search.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a Simple Cone Search and write the sources found as a table.",
            "Without --out the table goes to standard output (VOTable unless --format says otherwise).",
            "Custom parameters of the service (see vokit params) go with --param.",
            "Default --timeout: 120 s."},
        footer = {"", "Examples:",
            "  vokit scs --service http://127.0.0.1:8089/vostars/q/cone/scs.xml? --ra 10 --dec 20 --sr 0.1 "
                + "--format csv",
            "  vokit scs --service URL --ra 10 --dec 20 --sr 1 --param \"vmag=10 12\" --out bright.fits"})
final class ScsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--service", required = true, paramLabel = "URL", description = "Cone search access URL.")
    String service;

    @Option(names = "--ra", required = true, paramLabel = "DEG", description = "Right ascension (ICRS), degrees.")
    double ra;

    @Option(names = "--dec", required = true, paramLabel = "DEG", description = "Declination (ICRS), degrees.")
    double dec;

    @Option(names = "--sr", required = true, paramLabel = "DEG", description = "Search radius, degrees.")
    double sr;

    @Option(names = "--verb", paramLabel = "1|2|3", description = "Verbosity: 1 fewest columns, 3 all.")
    Integer verb;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A further (e.g. custom) parameter, sent as given. Repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--maxrec", paramLabel = "N", description = "Row limit asked of the service (MAXREC).")
    Long maxrec;





    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.applyDebug();
        java.net.URI url = ParamsCommand.serviceUri(service);
        ConeQuery q = ConeQuery.of(ra, dec, sr);
        if (verb != null) {
            q = q.withVerb(verb);
        }
        ConeQuery query = ParamsCommand.apply(q, params, maxrec, run.timeoutSeconds);
        try (VoHttp http = VoHttp.newDefault()) {
            ConeService scs = ConeService.of(url, http);
            ParamsCommand.write(spec, sink -> scs.search(query, sink), output.out, output.format, maxrec);
        }
        return 0;
    }
}
