package org.vokit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import org.vokit.xmatch.NWayMatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.StarTable;

/**
 * {@code vokit xmatch}: N-way grouping of local tables by sky position, as STILTS
 * {@code tmatchn multimode=group}.
 */
@Command(name = "xmatch", header = "Group rows of local tables by sky position (N-way crossmatch).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Group the rows of several local tables by sky position (friends of friends within --radius, "
                + "as STILTS tmatchn multimode=group): one output row per group with rows from at least two inputs.",
            "Columns of input N follow each other; names found in several inputs get the suffix _N. A group with "
                + "several rows of one input shows the first of them.",
            "Position columns: by UCD (pos.eq.ra/pos.eq.dec, meta.main preferred), then by the usual names "
                + "(ra/dec, RAJ2000/DEJ2000, ...), unless --ra-col/--dec-col name them; values in degrees.",
            "Progress on standard error. --timeout does not apply (local work)."})
final class XmatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--in", paramLabel = "FILE", required = true,
            description = "An input table in any format STIL reads (FITS, VOTable, CSV, ECSV, ...); at least two.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--radius", paramLabel = "ARCSEC", required = true,
            description = "Linking radius in arcseconds.")
    double radius;

    @Option(names = "--ra-col", paramLabel = "C", description = "RA column of every input (degrees).")
    String raCol;

    @Option(names = "--dec-col", paramLabel = "C", description = "Dec column of every input (degrees).")
    String decCol;

    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        run.applyDebug();
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("--in must be given at least twice (two or more tables to match)");
        }
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("--radius must be a positive number of arcseconds, not " + radius);
        }
        if ((raCol == null) != (decCol == null)) {
            throw new IllegalArgumentException("--ra-col and --dec-col go together");
        }
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        NWayMatch.Builder b = NWayMatch.builder().radiusArcsec(radius).columns(raCol, decCol)
                .progress(new Reporter(err));
        for (Path p : inputs) {
            StarTable t = NWayMatch.open(p);
            b.input(p.getFileName().toString(), t);
        }
        NWayMatch.Result r = b.build().run();
        try (TableOut out = output.open()) {
            out.write(r.table());
            out.commit();
        }
        err.printf(Locale.ROOT, "xmatch: %,d groups written in %.1f s in all%n", r.groups().count(),
                (System.nanoTime() - t0) / 1e9);
        err.flush();
        return 0;
    }

    /** One line on standard error per finished step. */
    private record Reporter(PrintWriter err) implements ProgressListener {
        @Override
        public void onEvent(ProgressEvent e) {
            String line = switch (e.kind()) {
                case FINISHED -> e.task().equals("group")
                        ? String.format(Locale.ROOT, "%,d groups found", e.rows())
                        : String.format(Locale.ROOT, "%s: %,d rows", e.task(), e.rows());
                case ROWS -> e.detail() == null ? null : switch (e.detail()) {
                    case "sort" -> String.format(Locale.ROOT, "%,d positions sorted", e.rows());
                    case "link" -> String.format(Locale.ROOT, "%,d pairs within the radius", e.rows());
                    default -> null;
                };
                default -> null;
            };
            if (line != null) {
                synchronized (this) {
                    err.printf(Locale.ROOT, "xmatch: %s (%.1f s)%n", line, e.elapsed().toNanos() / 1e9);
                    err.flush();
                }
            }
        }
    }
}
