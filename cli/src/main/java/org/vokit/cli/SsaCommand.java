package org.vokit.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.dal.ssa.SsaQuery;
import org.vokit.dal.ssa.SsaService;
import org.vokit.http.VoHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vokit ssa}: a spectrum search by SSA, optionally downloading the spectra.
 */
@Command(name = "ssa", header = "Search a Simple Spectral Access service.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search a Simple Spectral Access service and write the spectra found as a table;",
            "with --download also fetch the spectra. Custom parameters of the service (see vokit params)",
            "go with --param, e.g. a range in the service's slash syntax.",
            "Default --timeout: 120 s for the search, 600 s for each download."},
        footer = {"", "Examples:",
            "  vokit ssa --service http://127.0.0.1:8089/vospec/q/ssa/ssap.xml? --ra 10 --dec 20 --size 0.1 "
                + "--format csv",
            "  vokit ssa --service URL --ra 10 --dec 20 --size 5 --param TEFF=10000/ --download spectra"})
final class SsaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--service", required = true, paramLabel = "URL", description = "SSA access URL.")
    String service;

    @Option(names = "--ra", required = true, paramLabel = "DEG", description = "Right ascension (ICRS), degrees.")
    double ra;

    @Option(names = "--dec", required = true, paramLabel = "DEG", description = "Declination (ICRS), degrees.")
    double dec;

    @Option(names = "--size", required = true, paramLabel = "DEG", description = "Size of the region (SIZE), "
            + "degrees.")
    double size;

    @Mixin
    DatasetSearchOptions opts;

    @Override
    public Integer call() throws IOException {
        opts.applyDebug();
        URI url = ParamsCommand.serviceUri(service);
        SsaQuery q = opts.apply(SsaQuery.around(ra, dec, size));
        try (VoHttp http = VoHttp.newDefault()) {
            SsaService ssa = SsaService.of(url, http);
            opts.run(spec, () -> ssa.search(q), sink -> ssa.search(q, sink));
        }
        return 0;
    }
}
