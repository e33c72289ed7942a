package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vokit.datalink.Cutout;
import org.vokit.datalink.DatalinkDocument;
import org.vokit.datalink.ServiceDescriptor;
import org.vokit.datalink.Soda;
import org.vokit.datalink.SodaQuery;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vokit cutout}: a SODA cutout of one dataset into a file.
 */
@Command(name = "cutout", header = "Cut a part out of a dataset with SODA.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cut a region, band, time or polarization out of a dataset with SODA.",
            "The cutout is written to --out, or to standard output with --out - (or without",
            "--out when standard output is not a terminal). With --datalink, the SODA service is the one",
            "the dataset's DataLink document declares, and the parameters are checked",
            "against it (--list-params shows them with their ranges).",
            "Default --timeout: 600 s."},
        footer = {"", "Examples:",
            "  vokit cutout --datalink 'http://127.0.0.1:8089/voimg/q/dl/dlmeta?ID=...' \\",
            "      --circle 10,20,0.05 --out cut.fits",
            "  vokit cutout --service http://127.0.0.1:8089/vospec/q/sdl/dlget \\",
            "      --id 'ivo://vokit.test/~?vospec/data/spec-001.fits' --band 4.5e-7,5e-7 \\",
            "      --out spec.vot",
            "  vokit cutout --datalink URL --list-params",
            "",
            "Angles are in degrees, --band in metres (vacuum wavelength), --time in MJD;",
            "write -Inf or +Inf for an open end of an interval.",
            "",
            "Exit status: 0 the cutout was written; 3 no overlap: the request misses the",
            "data (nothing is written, an existing --out file is left alone); 1 the",
            "service failed; 2 bad command line."})
final class CutoutCommand implements Callable<Integer> {

    /** Exit status when the cutout does not overlap the data. */
    static final int NO_OVERLAP = 3;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the SODA service comes from. */
    static final class Source {
        @Option(names = "--datalink", paramLabel = "URL", required = true,
                description = "URL of the dataset's DataLink document; its SODA service is used.")
        String datalink;

        @Option(names = "--service", paramLabel = "URL", required = true,
                description = "A SODA sync endpoint; needs --id.")
        String service;
    }

    @Option(names = "--id", paramLabel = "ID",
            description = "Dataset identifier: required with --service; with --datalink it picks one of several datasets.")
    String id;

    @Option(names = "--circle", paramLabel = "RA,DEC,R", description = "Circle: centre and radius in degrees.")
    String circle;

    @Option(names = "--polygon", paramLabel = "RA1,DEC1,RA2,DEC2,...", description = "Polygon vertices in degrees.")
    String polygon;

    @Option(names = "--pos", paramLabel = "SHAPE", description = "SODA POS: 'CIRCLE ra dec r', 'RANGE ra1 ra2 dec1 dec2'"
            + " or 'POLYGON ra1 dec1 ...'.")
    String pos;

    @Option(names = "--band", paramLabel = "LO,HI", description = "Wavelength interval in metres.")
    String band;

    @Option(names = "--time", paramLabel = "LO,HI", description = "Time interval in MJD.")
    String time;

    @Option(names = "--pol", paramLabel = "P", split = ",",
            description = "Polarization state(s): I Q U V RR LL RL LR XX YY XY YX POLI POLA. Repeatable.")
    List<String> pol = new ArrayList<>();

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Another parameter the service declares (e.g. FORMAT=text/csv). Repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the cutout to FILE (written in full, then moved"
            + " into place); - for standard output.")
    Path out;

    @Option(names = "--list-params", description = "Print the service's parameters with their ranges and stop.")
    boolean listParams;



    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.applyDebug();
        Duration timeout = run.timeout(Duration.ofSeconds(600));
        Deadline deadline = Deadline.in(timeout);
        SodaQuery query = listParams ? SodaQuery.create() : query();
        boolean toStdout = out == null || out.toString().equals("-");
        if (!listParams && out == null && System.console() != null) {
            throw new IllegalArgumentException("give the output file with --out FILE (or --out - to write the cutout "
                    + "to the terminal)");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (VoHttp http = VoHttp.newDefault()) {
            Soda soda = soda(http, deadline).withHttp(http);
            if (listParams) {
                PrintWriter o = spec.commandLine().getOut();
                Optional<ServiceDescriptor> d = soda.descriptor();
                o.println("SODA service " + soda.endpoint() + soda.id().map(i -> " for " + i).orElse(""));
                o.print(d.map(ServiceDescriptor::describeParams)
                        .orElse("(no service descriptor: the parameters are not known)\n"));
                o.flush();
                return 0;
            }
            Path target = toStdout ? java.nio.file.Files.createTempFile("vokit-cutout", ".part") : out;
            try {
                if (toStdout) {
                    java.nio.file.Files.delete(target);
                }
                Cutout c = soda.cutout(query, target, deadline);
                if (c.noOverlap()) {
                    err.println("vokit cutout: no overlap: " + Failures.oneLine(c.message()) + rangeHint(soda)
                            + " [" + c.request() + "]");
                    err.flush();
                    return NO_OVERLAP;
                }
                if (toStdout) {
                    java.nio.file.Files.copy(target, System.out);
                    System.out.flush();
                }
                return 0;
            } finally {
                if (toStdout) {
                    java.nio.file.Files.deleteIfExists(target);
                }
            }
        }
    }

    /** Names the service's declared range of the parameters given, when a cutout misses the data. */
    private String rangeHint(Soda soda) {
        List<String> ranges = new ArrayList<>();
        if (band != null) {
            declared(soda, "BAND").ifPresent(r -> ranges.add("BAND " + r));
        }
        if (time != null) {
            declared(soda, "TIME").ifPresent(r -> ranges.add("TIME " + r));
        }
        if (circle != null || polygon != null || pos != null) {
            for (String p : new String[] {"CIRCLE", "POLYGON", "POS"}) {
                declared(soda, p).ifPresent(r -> ranges.add(p + " " + r));
            }
        }
        return ranges.isEmpty() ? "" : "; the service declares " + String.join(", ", ranges);
    }

    private static Optional<String> declared(Soda soda, String name) {
        return soda.inputParams().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst()
                .flatMap(CutoutCommand::range);
    }

    private static Optional<String> range(org.vokit.datalink.InputParam p) {
        String d = p.range();
        return d == null || d.isBlank() ? Optional.empty() : Optional.of(d);
    }

    private Soda soda(VoHttp http, Deadline deadline) throws IOException {
        if (source.service != null) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("--service needs the dataset's --id");
            }
            return Soda.of(DatalinkCommand.url("--service", source.service), id);
        }
        DatalinkDocument doc = DatalinkDocument.fetch(http, DatalinkCommand.url("--datalink", source.datalink), deadline);
        if (id != null && !doc.ids().contains(id)) {
            throw new IllegalArgumentException("the DataLink document has no dataset '" + id + "'; it has "
                    + String.join(", ", doc.ids()));
        }
        if (id == null && doc.ids().size() > 1) {
            throw new IllegalArgumentException("the DataLink document describes " + doc.ids().size()
                    + " datasets; pick one with --id (" + String.join(", ", doc.ids()) + ")");
        }
        return doc.soda(id).orElseThrow(() -> new org.vokit.ProtocolException(
                "the DataLink document offers no synchronous SODA service", doc.source()));
    }

    private SodaQuery query() {
        SodaQuery q = SodaQuery.create();
        if (circle != null) {
            double[] v = numbers("--circle", circle, 3);
            q = q.circle(v[0], v[1], v[2]);
        }
        if (polygon != null) {
            q = q.polygon(numbers("--polygon", polygon, -1));
        }
        if (pos != null) {
            q = q.pos(pos);
        }
        if (band != null) {
            double[] v = numbers("--band", band, 2);
            q = q.band(v[0], v[1]);
        }
        if (time != null) {
            double[] v = numbers("--time", time, 2);
            q = q.time(v[0], v[1]);
        }
        if (!pol.isEmpty()) {
            q = q.pol(pol.toArray(new String[0]));
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--param '" + p + "' is not NAME=VALUE");
            }
            q = q.param(p.substring(0, eq).strip(), p.substring(eq + 1));
        }
        if (q.isEmpty()) {
            throw new IllegalArgumentException("say what to cut out: --circle, --polygon, --pos, --band, --time,"
                    + " --pol or --param");
        }
        return q;
    }

    private static double[] numbers(String option, String text, int count) {
        String[] parts = text.strip().split("\\s*[,\\s]\\s*");
        if (count > 0 && parts.length != count) {
            throw new IllegalArgumentException(option + " needs " + count + " numbers separated by commas, not '"
                    + text + "'");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i];
            if (s.equalsIgnoreCase("+Inf") || s.equalsIgnoreCase("Inf")) {
                v[i] = Double.POSITIVE_INFINITY;
            } else if (s.equalsIgnoreCase("-Inf")) {
                v[i] = Double.NEGATIVE_INFINITY;
            } else {
                try {
                    v[i] = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + ": '" + s + "' is not a number");
                }
            }
        }
        return v;
    }
}
