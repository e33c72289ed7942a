package org.vokit.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.dal.DalProtocol;
import org.vokit.dal.sia.Sia2Query;
import org.vokit.dal.sia.Sia2Service;
import org.vokit.dal.sia.SiaQuery;
import org.vokit.dal.sia.SiaService;
import org.vokit.http.VoHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vokit sia}: an image search by SIA 1.0 or 2.0, optionally downloading the images.
 */
@Command(name = "sia", header = "Search a Simple Image Access service (SIA 1 or 2).",
        sortOptions = false,
        description = {"Search a Simple Image Access service (version 1 or 2) and write the images found as a",
            "table; with --download also fetch the images, named after their dataset identifiers.",
            "Custom parameters of the service (see vokit params) go with --param.",
            "Default --timeout: 120 s for the search, 600 s for each download."},
        footer = {"", "Examples:",
            "  vokit sia --service http://127.0.0.1:8089/voimg/q/im/siap.xml? --ra 10 --dec 20 --size 0.1 "
                + "--format csv",
            "  vokit sia --version 2 --service http://127.0.0.1:8089/voimg/q/siap2/siap2.xml --ra 150 --dec 2.2 "
                + "--size 0.2 --param \"BAND=6e-7 6.1e-7\" --download images"})
final class SiaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // no mixinStandardHelpOptions: its --version (vokit's version) would clash with the SIA version
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "1|2",
            description = "SIA version; default: 2 if the URL looks like SIA 2 (siap2, sia2), else 1.")
    Integer version;

    @Option(names = "--service", required = true, paramLabel = "URL", description = "SIA access URL.")
    String service;

    @Option(names = "--ra", required = true, paramLabel = "DEG", description = "Right ascension (ICRS), degrees.")
    double ra;

    @Option(names = "--dec", required = true, paramLabel = "DEG", description = "Declination (ICRS), degrees.")
    double dec;

    @Option(names = "--size", required = true, paramLabel = "DEG",
            description = "Size of the region, degrees: the side of the box (SIA 1 SIZE) or the diameter of the "
                    + "circle (SIA 2 POS=CIRCLE).")
    double size;

    @Mixin
    DatasetSearchOptions opts;

    @Override
    public Integer call() throws IOException {
        opts.applyDebug();
        URI url = ParamsCommand.serviceUri(service);
        int v = version != null ? version : DalProtocol.guess(url).filter(p -> p == DalProtocol.SIA2).isPresent() ? 2 : 1;
        if (v != 1 && v != 2) {
            throw new IllegalArgumentException("--version must be 1 or 2, not " + v);
        }
        try (VoHttp http = VoHttp.newDefault()) {
            if (v == 1) {
                SiaQuery q = opts.apply(SiaQuery.of(ra, dec, size));
                SiaService sia = SiaService.of(url, http);
                opts.run(spec, () -> sia.search(q), sink -> sia.search(q, sink));
            } else {
                Sia2Query q = opts.apply(Sia2Query.circle(ra, dec, size / 2));
                Sia2Service sia = Sia2Service.of(url, http);
                opts.run(spec, () -> sia.search(q), sink -> sia.search(q, sink));
            }
        }
        return 0;
    }
}
