package org.vokit.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.progress.ProgressEvent;
import org.vokit.progress.ProgressTally;
import org.vokit.testing.FaultServer;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/** Fault tests of the fan-out engine: each fake service misbehaves in one way. */
class FanoutTest {

    static final List<ColumnInfo> SCHEMA = List.of(new ColumnInfo("id", String.class, null),
            new ColumnInfo("ra", Double.class, null));

    /** A VOTable with n rows (id = prefix + i, ra = i). */
    static String votable(String prefix, int n) {
        StringBuilder b = new StringBuilder("<?xml version='1.0'?><VOTABLE version='1.3' "
                + "xmlns='http://www.ivoa.net/xml/VOTable/v1.3'><RESOURCE type='results'>"
                + "<INFO name='QUERY_STATUS' value='OK'/><TABLE><FIELD name='id' datatype='int'/>"
                + "<FIELD name='ra' datatype='double'/><DATA><TABLEDATA>");
        for (int i = 0; i < n; i++) {
            b.append("<TR><TD>").append(prefix).append(i).append("</TD><TD>").append(i).append("</TD></TR>");
        }
        return b.append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>").toString();
    }

    private static FanoutTask task(FaultServer s, String name) {
        return FanoutTask.sync(s.uri("/tap"), "ivo://test/" + name, name + ".main", "SELECT id, ra FROM " + name + ".main");
    }

    private static List<Object[]> rows(StarTable t) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (RowSequence rs = t.getRowSequence()) {
            while (rs.next()) {
                out.add(rs.getRow());
            }
        }
        return out;
    }

    @Test
    void oneBrokenServiceNeverSpoilsTheOthersAndAHangingOneIsCutAtItsTimeout(@TempDir Path dir) throws Exception {
        try (FaultServer good = FaultServer.start(); FaultServer err = FaultServer.start();
             FaultServer hang = FaultServer.start(); FaultServer cut = FaultServer.start()) {
            good.on("/tap/sync", (req, ex) -> ex.sendVotable(votable("1", 3)));
            err.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "database on fire"));
            hang.on("/tap/sync", (req, ex) -> ex.hang());
            String whole = votable("2", 50);
            cut.on("/tap/sync", (req, ex) -> {
                ex.head(200, "Content-Type", "application/x-votable+xml");
                ex.write(whole.substring(0, whole.length() / 2));
                ex.drop();
            });
            List<FanoutTask> tasks = List.of(task(good, "good"), task(err, "err"), task(hang, "hang"), task(cut, "cut"));
            MergedTable merged = MergedTable.of(SCHEMA, StoragePolicy.PREFER_MEMORY);
            ProgressTally tally = new ProgressTally();
            List<ProgressEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
            long t0 = System.nanoTime();
            FanoutReport report;
            try (Fanout engine = Fanout.builder().parallel(8).taskTimeout(Duration.ofSeconds(2)).build()) {
                report = engine.run(tasks, merged, tally.andThen(events::add));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            assertThat(secs).as("a hanging service is cut at its 2 s timeout").isLessThan(3.5);
            assertThat(report.answered()).isEqualTo(1);
            assertThat(report.exitStatus()).isEqualTo(4);
            assertThat(report.failures()).extracting(Failure::task)
                    .containsExactlyInAnyOrder(tasks.get(1).label(), tasks.get(2).label(), tasks.get(3).label());
            Failure f500 = report.failures().stream().filter(f -> f.task().equals(tasks.get(1).label())).findFirst()
                    .orElseThrow();
            assertThat(f500.phase()).isEqualTo(Failure.Phase.QUERY);
            assertThat(f500.message()).contains("database on fire");
            assertThat(f500.ivoid()).isEqualTo("ivo://test/err");
            Failure fHang = report.failures().stream().filter(f -> f.task().equals(tasks.get(2).label())).findFirst()
                    .orElseThrow();
            assertThat(fHang.phase()).isEqualTo(Failure.Phase.TIMEOUT);
            List<Object[]> got = rows(merged.table());
            assertThat(got).hasSize(3).allSatisfy(r -> assertThat(r[2]).isEqualTo(good.uri("/tap").toString()));
            assertThat(tally.snapshot().finished()).isEqualTo(1);
            assertThat(tally.snapshot().failed()).isEqualTo(3);
            assertThat(events.stream().filter(e -> e.kind() == ProgressEvent.Kind.STARTED)).hasSize(4);

            // the report lives in the file, and a resume asks only the failed services
            Path file = dir.resolve("r.vot");
            try (var out = Files.newOutputStream(file)) {
                ResultFile.write(merged.table(), report, "the query", out);
            }
            ResultFile.Previous prev = ResultFile.read(file);
            assertThat(prev.query()).isEqualTo("the query");
            assertThat(prev.failures()).containsExactlyInAnyOrderElementsOf(report.failures());
            assertThat(prev.tasksToRetry()).extracting(FanoutTask::accessUrl)
                    .containsExactlyInAnyOrder(err.uri("/tap"), hang.uri("/tap"), cut.uri("/tap"));
            err.on("/tap/sync", (req, ex) -> ex.sendVotable(votable("3", 2)));
            MergedTable again = MergedTable.of(SCHEMA, StoragePolicy.PREFER_MEMORY);
            assertThat(again.addKept(prev.table(), (u, t) -> true)).isEqualTo(3);
            try (Fanout engine = Fanout.builder().taskTimeout(Duration.ofSeconds(1)).build()) {
                FanoutReport second = engine.run(List.of(prev.tasksToRetry().stream()
                        .filter(t -> t.accessUrl().equals(err.uri("/tap"))).findFirst().orElseThrow()), again, null);
                assertThat(second.exitStatus()).isZero();
            }
            assertThat(rows(again.table())).hasSize(5);
        }
    }

    @Test
    void connectionResetIsRetriedOnceAndPerHostLimitHolds() throws Exception {
        try (FaultServer s = FaultServer.start()) {
            AtomicInteger calls = new AtomicInteger();
            s.on("/tap/sync", (req, ex) -> {
                if (calls.incrementAndGet() == 1) {
                    ex.drop();
                } else {
                    ex.sendVotable(votable("9", 1));
                }
            });
            MergedTable merged = MergedTable.of(SCHEMA, StoragePolicy.PREFER_MEMORY);
            try (Fanout engine = Fanout.builder().taskTimeout(Duration.ofSeconds(5)).build()) {
                FanoutReport r = engine.run(List.of(task(s, "once")), merged, null);
                assertThat(r.failures()).isEmpty();
                assertThat(calls.get()).isEqualTo(2);
            }
        }
        try (FaultServer s = FaultServer.start()) {
            AtomicInteger now = new AtomicInteger();
            AtomicInteger max = new AtomicInteger();
            s.on("/tap/sync", (req, ex) -> {
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                ex.pause(Duration.ofMillis(300));
                now.decrementAndGet();
                ex.sendVotable(votable("1", 1));
            });
            List<FanoutTask> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(task(s, "t" + i));
            }
            try (Fanout engine = Fanout.builder().parallel(8).perHost(2).taskTimeout(Duration.ofSeconds(10)).build()) {
                FanoutReport r = engine.run(tasks, MergedTable.of(SCHEMA, StoragePolicy.PREFER_MEMORY), null);
                assertThat(r.answered()).isEqualTo(8);
            }
            assertThat(max.get()).isEqualTo(2);
        }
    }

    @Test
    void healthMemorySkipsAServiceThatFailedItsLastThreeRuns(@TempDir Path dir) throws Exception {
        try (FaultServer bad = FaultServer.start()) {
            bad.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "down"));
            Path file = dir.resolve("health.tsv");
            for (int run = 0; run < 3; run++) {
                try (Fanout engine = Fanout.builder().health(ServiceHealth.load(file)).build()) {
                    FanoutReport r = engine.run(List.of(task(bad, "bad")), MergedTable.of(SCHEMA), null);
                    assertThat(r.failures()).singleElement().extracting(Failure::phase).isEqualTo(Failure.Phase.QUERY);
                }
            }
            int before = bad.requests().size();
            try (Fanout engine = Fanout.builder().health(ServiceHealth.load(file)).build()) {
                FanoutReport r = engine.run(List.of(task(bad, "bad")), MergedTable.of(SCHEMA), null);
                assertThat(r.failures()).singleElement().extracting(Failure::phase).isEqualTo(Failure.Phase.SKIPPED);
                assertThat(r.exitStatus()).isEqualTo(1);
            }
            assertThat(bad.requests()).hasSize(before);
            try (Fanout engine = Fanout.builder().health(ServiceHealth.load(file)).retryFailed(true).build()) {
                engine.run(List.of(task(bad, "bad")), MergedTable.of(SCHEMA), null);
            }
            assertThat(bad.requests()).hasSize(before + 1);
            ServiceHealth h = ServiceHealth.load(file);
            assertThat(h.skipReason(bad.uri("/tap"), Instant.now().plus(Duration.ofHours(25)))).isNull();
        }
    }

    /**
     * Tasks with an {@link FanoutTask.Exchange}: one adapts its query (the report keeps the adapted
     * one), one declines its service (skipped, never queried), one sends its own request and
     * answers, and one hangs inside its adapt step, where only the engine's watchdog can cut it.
     */
    @Test
    void exchangesAdaptDeclineSendAndAreCutAtTheirTimeout() throws Exception {
        try (FaultServer adapted = FaultServer.start(); FaultServer declined = FaultServer.start();
             FaultServer custom = FaultServer.start(); FaultServer stuck = FaultServer.start()) {
            adapted.on("/tap/sync", (req, ex) -> ex.send(400, "text/plain", "no such function"));
            declined.on("/tap/sync", (req, ex) -> ex.sendVotable(votable("x", 1)));
            custom.on("/tap/sync", (req, ex) -> ex.sendVotable(votable("3", 4)));
            stuck.on("/tap/capabilities", (req, ex) -> ex.hang());
            FanoutTask.Exchange rewrite = new FanoutTask.Exchange() {
                @Override
                public org.vokit.tap.TapQuery adapt(org.vokit.tap.TapService service, org.vokit.tap.TapQuery q) {
                    return org.vokit.tap.TapQuery.of(q.adql() + " -- adapted").withTimeout(q.timeout());
                }
            };
            FanoutTask.Exchange decline = new FanoutTask.Exchange() {
                @Override
                public org.vokit.tap.TapQuery adapt(org.vokit.tap.TapService service, org.vokit.tap.TapQuery q)
                        throws java.io.IOException {
                    throw new FanoutTask.NotApplicable("takes no uploads");
                }
            };
            FanoutTask.Exchange send = new FanoutTask.Exchange() {
                @Override
                public org.vokit.tap.TapResult send(org.vokit.tap.TapService service, org.vokit.tap.TapQuery q)
                        throws java.io.IOException {
                    return service.runSync(q);
                }
            };
            FanoutTask.Exchange hang = new FanoutTask.Exchange() {
                @Override
                public org.vokit.tap.TapQuery adapt(org.vokit.tap.TapService service, org.vokit.tap.TapQuery q)
                        throws java.io.IOException {
                    service.capabilities();  // bounded only by the client's own, much longer, timeout
                    return q;
                }
            };
            List<FanoutTask> tasks = List.of(task(adapted, "adapted").withExchange(rewrite),
                    task(declined, "declined").withExchange(decline), task(custom, "custom").withExchange(send),
                    task(stuck, "stuck").withExchange(hang));
            MergedTable merged = MergedTable.of(SCHEMA, StoragePolicy.PREFER_MEMORY);
            ProgressTally tally = new ProgressTally();
            long t0 = System.nanoTime();
            FanoutReport report;
            try (Fanout engine = Fanout.builder().taskTimeout(Duration.ofSeconds(2)).build()) {
                report = engine.run(tasks, merged, tally);
            }
            assertThat((System.nanoTime() - t0) / 1e9).as("the hanging adapt step is cut near its 2 s").isLessThan(4.0);
            assertThat(report.answered()).isEqualTo(1);
            assertThat(rows(merged.table())).extracting(r -> r[0]).containsExactlyInAnyOrder("30", "31", "32", "33");
            assertThat(report.failures()).filteredOn(f -> f.ivoid().equals("ivo://test/adapted")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.adql()).endsWith(" -- adapted");
                        assertThat(f.message()).contains("no such function");
                    });
            assertThat(report.failures()).filteredOn(f -> f.ivoid().equals("ivo://test/declined")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.phase()).isEqualTo(Failure.Phase.SKIPPED);
                        assertThat(f.message()).isEqualTo("takes no uploads");
                    });
            assertThat(declined.requests()).isEmpty();
            assertThat(report.failures()).filteredOn(f -> f.ivoid().equals("ivo://test/stuck")).singleElement()
                    .extracting(Failure::phase).isEqualTo(Failure.Phase.TIMEOUT);
            assertThat(tally.snapshot().skipped()).isEqualTo(1);
            assertThat(tally.snapshot().failed()).isEqualTo(2);
        }
    }
}
