package org.vokit.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vokit.HttpStatusException;
import org.vokit.discovery.ServiceTask.Body;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressListener;
import org.vokit.tap.TapService;
import org.vokit.testing.FaultServer;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/** The bounded runner: failures, timeouts and skipped tasks never spoil the other tasks' rows. */
class BoundedTaskRunnerTest {

    private static final List<ColumnInfo> COLS = List.of(new ColumnInfo("x", Integer.class, null));

    private static ServiceTask task(String name, Body body) {
        return new ServiceTask(name, URI.create("http://example.org/" + name), "ivo://x/" + name, name + ".t", body);
    }

    private static ServiceTask rows(String name, int n) {
        return task(name, (rows, timeout) -> {
            for (int i = 0; i < n; i++) {
                rows.accept(new Object[] {i});
            }
        });
    }

    @Test
    void failingHangingAndSkippedTasksAreReportedAndAddNothing() throws Exception {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        List<ServiceTask> tasks = List.of(
                rows("a", 3),
                task("half", (rows, timeout) -> {
                    rows.accept(new Object[] {99});
                    throw new IOException("connection reset half-way");
                }),
                task("hang", (rows, timeout) -> Thread.sleep(60_000)),
                task("skip", (rows, timeout) -> {
                    throw new ServiceTask.NotApplicable("no uploads");
                }),
                rows("b", 2));
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        long t0 = System.nanoTime();
        RunReport r = BoundedTaskRunner.builder().parallel(2).timeout(Duration.ofMillis(800)).build()
                .run(tasks, COLS, store, events::add);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        StarTable t = store.getStarTable();
        assertThat(t.getColumnCount()).isEqualTo(4);
        List<String> got = new ArrayList<>();
        try (RowSequence s = t.getRowSequence()) {
            while (s.next()) {
                got.add(s.getCell(2) + ":" + s.getCell(3));
            }
        }
        assertThat(got).containsExactlyInAnyOrder("a.t:0", "a.t:1", "a.t:2", "b.t:0", "b.t:1");
        // each task's rows stay together and in its own order
        String joined = String.join(" ", got);
        assertThat(joined).containsAnyOf("a.t:0 a.t:1 a.t:2 b.t:0 b.t:1", "b.t:0 b.t:1 a.t:0 a.t:1 a.t:2");
        assertThat(r.answered()).isEqualTo(2);
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.failures()).extracting(Failure::task).containsExactly("half", "hang", "skip");
        assertThat(r.failures()).extracting(Failure::phase).containsExactly("query", "timeout", "skipped");
        assertThat(r.failures().get(0).message()).isEqualTo("connection reset half-way");
        assertThat(r.failed()).hasSize(2);
        assertThat(r.allAnswered()).isFalse();
        assertThat(events).filteredOn(e -> e.kind() == ProgressEvent.Kind.FINISHED).hasSize(2);
        assertThat(events).filteredOn(e -> e.kind() == ProgressEvent.Kind.FAILED).hasSize(2);
        assertThat(events).filteredOn(e -> e.kind() == ProgressEvent.Kind.SKIPPED).hasSize(1);
        // the hanging task is cut at its timeout, not waited for
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theServicesOwnMessageReachesTheReport() throws Exception {
        try (FaultServer server = FaultServer.start()) {
            server.on("/tap/sync", (req, ex) -> ex.sendVotable(FaultServer.errorVotable("Table 'x.y' does not exist")));
            server.on("/other/sync", (req, ex) -> ex.send(503, "text/plain", "down for maintenance"));
            TapService ok = TapService.of(server.uri("/tap"));
            TapService down = TapService.of(server.uri("/other"));
            List<ServiceTask> tasks = List.of(
                    new ServiceTask("x.y", server.uri("/tap"), null, "x.y", (rows, t) -> ok.runSync("SELECT * FROM x.y")),
                    new ServiceTask("z", server.uri("/other"), null, null, (rows, t) -> down.runSync("SELECT 1")));
            RunReport r = BoundedTaskRunner.builder().timeout(Duration.ofSeconds(20)).build()
                    .run(tasks, COLS, StoragePolicy.PREFER_MEMORY.makeRowStore(), ProgressListener.NONE);
            assertThat(r.answered()).isZero();
            assertThat(r.failures().get(0).message()).contains("Table 'x.y' does not exist");
            assertThat(r.failures().get(0).describe()).contains(server.uri("/tap").toString());
            assertThat(r.failures().get(1).errorClass()).isEqualTo(HttpStatusException.class.getSimpleName());
            assertThat(r.failures().get(1).message()).contains("503");
        }
    }

    @Test
    void wrongRowWidthIsTheTasksFailure() throws Exception {
        RunReport r = BoundedTaskRunner.builder().build().run(List.of(task("w", (rows, t) ->
                rows.accept(new Object[] {1, 2}))), COLS, StoragePolicy.PREFER_MEMORY.makeRowStore(),
                ProgressListener.NONE);
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("2 cells"));
    }

    @Test
    void tasksWithTheSameLabelAreCountedApart() throws Exception {
        org.vokit.progress.ProgressTally tally = new org.vokit.progress.ProgressTally();
        RunReport r = BoundedTaskRunner.builder().build().run(List.of(rows("same", 1), rows("same", 2),
                task("same", (rows, t) -> {
                    throw new IOException("down");
                })), COLS, StoragePolicy.PREFER_MEMORY.makeRowStore(), tally);
        assertThat(tally.snapshot().finished()).isEqualTo(2);
        assertThat(tally.snapshot().failed()).isEqualTo(1);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.failures()).extracting(Failure::task).containsExactly("same [3]");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> BoundedTaskRunner.builder().parallel(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BoundedTaskRunner.builder().timeout(Duration.ZERO)).hasMessageContaining("positive");
    }
}
