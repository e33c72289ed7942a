package org.vokit.fanout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.vokit.progress.ProgressListener;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * Resuming a fan-out: the rows of an earlier merged result are kept except those of the tasks that
 * failed, and only the failed tasks that carry their query are asked again; failures without a
 * query (e.g. a service whose metadata could not be read) are carried over to the new report.
 * {@code vokit vowide --resume} does this from a result file ({@link #of(ResultFile.Previous)}); a
 * host application's panel from the result and report it still holds ({@link #of(StarTable, List)}).
 *
 * <pre>{@code
 * Resume again = Resume.of(ResultFile.read(file));
 * tally.expect(again.tasks().size());
 * Resume.Outcome o = again.run(engine, tally);   // o.table(): kept rows plus the new answers
 * }</pre>
 */
public final class Resume {

    private final StarTable previous;
    private final List<Failure> failures;
    private final StoragePolicy policy;
    private final Function<List<Failure>, List<FanoutTask>> again;
    /** The tasks asked again, made once. */
    private List<FanoutTask> tasks;

    private Resume(StarTable previous, List<Failure> failures, StoragePolicy policy,
                   Function<List<Failure>, List<FanoutTask>> again) {
        this.previous = previous;
        this.failures = List.copyOf(failures);
        this.policy = policy;
        this.again = again;
    }

    /** Asks a failure again exactly as it was asked ({@link Failure#toTask()}). */
    private static List<FanoutTask> asTheyWere(List<Failure> failed) {
        return failed.stream().map(Failure::toTask).toList();
    }

    /**
     * Resumes from an earlier merged table (with the {@link MergedTable} provenance columns) and its
     * failure report; the new rows are kept on disk.
     *
     * @param previous the earlier merged table
     * @param failures its failure report
     * @return the resumption
     */
    public static Resume of(StarTable previous, List<Failure> failures) {
        return new Resume(previous, failures, StoragePolicy.PREFER_DISK, Resume::asTheyWere);
    }

    /**
     * Resumes from a result file read with {@link ResultFile#read}.
     *
     * @param previous what the file holds
     * @return the resumption
     */
    public static Resume of(ResultFile.Previous previous) {
        return of(previous.table(), previous.failures());
    }

    /**
     * Keeps the new merged table where a policy says.
     *
     * @param where the storage policy
     * @return a copy
     */
    public Resume storage(StoragePolicy where) {
        return new Resume(previous, failures, where, again);
    }

    /**
     * Makes the tasks asked again another way than {@link Failure#toTask()}: for work whose tasks
     * carry more than their query (an upload, a row limit, an {@link FanoutTask.Exchange}).
     *
     * @param maker makes the tasks from the failures that carry a query (called once, by {@link #tasks()})
     * @return a copy
     */
    public Resume retryWith(Function<List<Failure>, List<FanoutTask>> maker) {
        return new Resume(previous, failures, policy, Objects.requireNonNull(maker, "maker"));
    }

    /** @return the tasks asked again: one per failure that carries its query */
    public synchronized List<FanoutTask> tasks() {
        if (tasks == null) {
            List<Failure> redo = failures.stream().filter(f -> f.adql() != null && !f.adql().isBlank()).toList();
            tasks = redo.isEmpty() ? List.of() : List.copyOf(again.apply(redo));
        }
        return tasks;
    }

    /** @return the failures that cannot be asked again (no query), carried into the new report */
    public List<Failure> carried() {
        return failures.stream().filter(f -> f.adql() == null || f.adql().isBlank()).toList();
    }

    /**
     * What a resumed run gave.
     *
     * @param table the merged rows: those kept and the new answers
     * @param report the new report (the carried failures and those of the tasks asked again)
     * @param kept how many rows were kept from the earlier result
     */
    public record Outcome(StarTable table, FanoutReport report, long kept) {
    }

    /**
     * A new merged table holding the rows kept from the earlier result, ready for more answers.
     *
     * @param merged the new merged table (same columns as the earlier one)
     * @param kept how many rows were kept
     * @param answered how many tasks (service and table) those rows came from
     */
    public record Kept(MergedTable merged, long kept, int answered) {
    }

    /**
     * Starts the new merged table with the earlier rows, except those of the failed tasks.
     *
     * @return the new table and how many rows it kept
     * @throws IOException if the earlier table cannot be read
     */
    public Kept keep() throws IOException {
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 0; i < previous.getColumnCount(); i++) {
            ColumnInfo c = previous.getColumnInfo(i);
            if (!List.of(MergedTable.SERVICE_URL, MergedTable.IVOID, MergedTable.TABLE_NAME).contains(c.getName())) {
                cols.add(new ColumnInfo(c));
            }
        }
        return keep(MergedTable.of(cols, policy));
    }

    /**
     * Puts the earlier rows, except those of the failed tasks, into a merged table of the caller's
     * (e.g. one that takes answers {@linkplain MergedTable#byName by name}).
     *
     * @param into the new merged table (columns the earlier ones are found in by name)
     * @return the table and how many rows it kept
     * @throws IOException if the earlier table cannot be read
     */
    public Kept keep(MergedTable into) throws IOException {
        Set<String> answered = new HashSet<>();
        long kept = into.addKept(previous, (url, table) -> {
            boolean failed = failures.stream().anyMatch(f ->
                    f.accessUrl().toString().equals(url) && (f.table() == null || f.table().equals(table)));
            if (!failed) {
                answered.add(url + " " + table);
            }
            return !failed;
        });
        return new Kept(into, kept, answered.size());
    }

    /**
     * Asks the failed tasks again, into a table started by {@link #keep()}.
     *
     * @param engine the engine that asks
     * @param into the started table
     * @param listener progress (may be null); {@link #tasks()} says how many tasks to expect
     * @return the report: the carried failures and those of the tasks asked again; the kept rows
     *         count as rows, the tasks they came from as answered tasks
     */
    public FanoutReport ask(Fanout engine, Kept into, ProgressListener listener) {
        List<Failure> carried = carried();
        FanoutReport r = engine.run(tasks(), into.merged(), listener);
        List<Failure> all = new ArrayList<>(carried);
        all.addAll(r.failures());
        return new FanoutReport(r.tasks() + carried.size() + into.answered(), r.answered() + into.answered(),
                r.rows() + into.kept(), all, r.elapsed());
    }

    /**
     * Keeps the earlier rows and asks the failed tasks again ({@link #keep()} then {@link #ask}).
     *
     * @param engine the engine that asks
     * @param listener progress (may be null); {@link #tasks()} says how many tasks to expect
     * @return the merged rows and report
     * @throws IOException if the earlier table cannot be read
     */
    public Outcome run(Fanout engine, ProgressListener listener) throws IOException {
        Kept k = keep();
        FanoutReport report = ask(engine, k, listener);
        return new Outcome(k.merged().table(), report, k.kept());
    }
}
