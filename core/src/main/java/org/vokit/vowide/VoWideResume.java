package org.vokit.vowide;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.vokit.fanout.Failure;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.FanoutReport;
import org.vokit.fanout.MergedTable;
import org.vokit.fanout.Resume;
import org.vokit.progress.ProgressListener;
import uk.ac.starlink.table.StarTable;

/**
 * Resuming a VO-wide run: what {@link Resume} does for any fan-out (keep the rows of what answered,
 * ask again the failed queries), plus what only a VO-wide run can do: plan again the services that
 * could not be planned at all (their metadata could not be read, so the earlier run has no query
 * for them). {@code vokit vowide --resume} and the host plugins' "retry failed services" use it.
 *
 * <pre>{@code
 * ResultFile.Previous prev = ResultFile.read(file);
 * Set<URI> down = VoWideResume.unplanned(prev.failures());
 * VoWideQuery q = VoWideQuery.fromDescription(prev.query(), registry).build();
 * VoWideResume again = VoWideResume.of(prev.table(), prev.failures(), q,
 *         down.isEmpty() ? List.of() : q.discover());
 * tally.expect(again.tasks());
 * VoWideResume.Outcome o = again.run(engine, tally);
 * }</pre>
 */
public final class VoWideResume {

    private final Resume resume;
    private final VoWideQuery query;
    private final VoWideQuery.Plan plan;
    private final int replannedServices;

    private VoWideResume(Resume resume, VoWideQuery query, VoWideQuery.Plan plan, int replannedServices) {
        this.resume = resume;
        this.query = query;
        this.plan = plan;
        this.replannedServices = replannedServices;
    }

    /**
     * The services of a failure report that could not be planned: failed while their metadata were
     * read, with no table and no query of their own.
     *
     * @param failures an earlier run's failure report
     * @return their access URLs
     */
    public static Set<URI> unplanned(List<Failure> failures) {
        return failures.stream().filter(VoWideResume::isUnplanned).map(Failure::accessUrl).collect(Collectors.toSet());
    }

    private static boolean isUnplanned(Failure f) {
        return f.phase() == Failure.Phase.DISCOVERY && f.table() == null && (f.adql() == null || f.adql().isBlank());
    }

    /**
     * Prepares a resumption. The services of {@code known} that could not be planned in the earlier
     * run are planned again now (this reads their metadata); an unplanned service missing from
     * {@code known} stays in the report as it was.
     *
     * @param previous the earlier merged table (with the {@link MergedTable} provenance columns)
     * @param failures its failure report
     * @param query the query that was run (to plan again with); may be null if {@code known} is empty
     * @param known the services (and tables) the registry lists now, or those of the earlier run;
     *              may be empty when nothing is to be planned again
     * @return the resumption
     */
    public static VoWideResume of(StarTable previous, List<Failure> failures, VoWideQuery query,
                                  List<VoWideQuery.ServiceTables> known) {
        Objects.requireNonNull(previous, "previous");
        Set<URI> down = unplanned(failures);
        List<VoWideQuery.ServiceTables> replan = known.stream().filter(s -> down.contains(s.accessUrl())).toList();
        if (!replan.isEmpty()) {
            Objects.requireNonNull(query, "query (needed to plan services again)");
        }
        Set<URI> replanned = replan.stream().map(VoWideQuery.ServiceTables::accessUrl).collect(Collectors.toSet());
        List<Failure> rest = failures.stream().filter(f -> !(isUnplanned(f) && replanned.contains(f.accessUrl())))
                .toList();
        VoWideQuery.Plan plan = replan.isEmpty() ? null : query.plan(replan);
        return new VoWideResume(Resume.of(previous, rest), query, plan, replanned.size());
    }

    /** @return how many queries the resumption starts with (for a progress tally's expectation) */
    public int tasks() {
        return resume.tasks().size() + (plan == null ? 0 : plan.tasks().size());
    }

    /** @return how many failed queries are asked again as they were */
    public int askedAgain() {
        return resume.tasks().size();
    }

    /** @return how many services that could not be planned are planned again */
    public int replannedServices() {
        return replannedServices;
    }

    /**
     * What the resumption gave.
     *
     * @param merged the merged rows: those kept and the new answers
     * @param report the new report: failures carried over and those of the queries asked now; the
     *               answers and rows counted include the kept ones
     * @param kept how many rows were kept from the earlier result
     * @param keptAnswers how many answered tasks (service and table) the kept rows came from; the
     *                    report counts them among its answered tasks
     * @param notes messages for the user (e.g. a service asked again without a feature it rejected)
     */
    public record Outcome(MergedTable merged, FanoutReport report, long kept, int keptAnswers, List<String> notes) {
    }

    /**
     * Keeps the earlier rows, asks the failed queries again and runs the new plan, all into one
     * merged table.
     *
     * @param engine the engine that asks
     * @param listener progress (may be null); {@link #tasks()} says how many tasks to expect
     * @return the outcome
     * @throws IOException if the earlier table cannot be read
     */
    public Outcome run(Fanout engine, ProgressListener listener) throws IOException {
        long t0 = System.nanoTime();
        Resume.Kept kept = resume.keep();
        FanoutReport first = resume.ask(engine, kept, listener);
        List<Failure> failures = new ArrayList<>(first.failures());
        List<String> notes = new ArrayList<>();
        int tasks = first.tasks();
        int answered = first.answered();
        long rows = first.rows();
        if (plan != null) {
            VoWideQuery.Result r = query.runPlan(engine, plan, kept.merged(), listener, t0);
            failures.addAll(r.report().failures());
            notes.addAll(r.notes());
            tasks += r.report().tasks();
            answered += r.report().answered();
            rows += r.report().rows();
        }
        FanoutReport report = new FanoutReport(tasks, answered, rows, failures,
                Duration.ofNanos(System.nanoTime() - t0));
        return new Outcome(kept.merged(), report, kept.kept(), kept.answered(), notes);
    }
}
