package org.vokit.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.JobException;
import org.vokit.QueryException;
import org.vokit.testing.LocalVo;
import org.vokit.uws.JobInfo;
import org.vokit.uws.Phase;
import org.vokit.votable.ColumnMeta;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTableOutput;

/**
 * TAP against the real local VO (GAVO DaCHS): sync, async, uploads, overflow, errors, metadata.
 * After the class, the service's async job list must be empty: every job a test makes is deleted.
 */
class TapServiceIT {

    private static TapService tap;

    @BeforeAll
    static void setUp() {
        LocalVo.require();
        tap = TapService.of(LocalVo.tap());
    }

    @AfterAll
    static void noJobLeft() throws Exception {
        if (tap != null) {
            assertThat(jobsAfterDeletionsSettle()).as("jobs left on the service").isEmpty();
        }
    }

    /**
     * Returns the job list once it is empty, or after 5 s: DaCHS may take a moment to remove a
     * job that was deleted while its worker process was still running.
     */
    static List<URI> jobsAfterDeletionsSettle() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<URI> jobs = tap.listJobs();
        while (!jobs.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
            jobs = tap.listJobs();
        }
        return jobs;
    }

    @Test
    void syncCountsTheWholeCatalogue() throws IOException {
        TapResult r = tap.runSync("SELECT COUNT(*) AS n FROM vostars.main");
        assertThat(r.rowCount()).isEqualTo(1);
        assertThat(((Number) r.cell(0, 0)).longValue()).isEqualTo(5000);
        assertThat(r.queryStatus()).isEqualTo("OK");
        assertThat(r.overflowed()).isFalse();
    }

    @Test
    void syncCarriesColumnMetadata() throws IOException {
        TapResult r = tap.runSync("SELECT TOP 3 main_id, ra, dec, pmra, vmag, kmag FROM vostars.main");
        List<ColumnMeta> cols = r.columns();
        assertThat(cols).extracting(ColumnMeta::name).containsExactly("main_id", "ra", "dec", "pmra", "vmag", "kmag");
        ColumnMeta ra = cols.get(1);
        assertThat(ra.ucd()).isEqualTo("pos.eq.ra;meta.main");
        assertThat(ra.unit()).isEqualTo("deg");
        assertThat(ra.datatype()).isEqualTo("double");
        assertThat(ra.description()).contains("right ascension");
        assertThat(cols.get(4).ucd()).isEqualTo("phot.mag;em.opt.V");
        assertThat(cols.get(3).unit()).isEqualTo("mas/yr");
        assertThat(r.columnIndexByUcd("pos.eq.dec;meta.main")).isEqualTo(2);
        assertThat(r.rowCount()).isEqualTo(3);
    }

    @Test
    void maxrecTruncationIsAFlagNotAnError() throws IOException {
        TapResult cut = tap.runSync(TapQuery.of("SELECT main_id FROM vostars.main").withMaxrec(10));
        assertThat(cut.rowCount()).isEqualTo(10);
        assertThat(cut.overflowed()).isTrue();
        TapResult all = tap.runSync(TapQuery.of("SELECT main_id FROM vostars.main").withMaxrec(6000));
        assertThat(all.rowCount()).isEqualTo(5000);
        assertThat(all.overflowed()).isFalse();
    }

    @Test
    void rejectedQueryCarriesTheServicesMessage() {
        assertThatThrownBy(() -> tap.runSync("SELECT no_such_column FROM vostars.main"))
                .isInstanceOf(QueryException.class)
                .satisfies(e -> {
                    QueryException q = (QueryException) e;
                    assertThat(q.detail()).containsIgnoringCase("no_such_column");
                    assertThat(q.uri()).hasValue(tap.syncUrl());
                });
    }

    @Test
    void streamReadsRowsWithoutKeepingThem() throws IOException {
        long n = 0;
        double sum = 0;
        try (TapRowStream rows = tap.stream(TapQuery.of("SELECT ra FROM vostars.main").withMaxrec(10000))) {
            assertThat(rows.metadata().getColumnInfo(0).getName()).isEqualTo("ra");
            while (rows.next()) {
                sum += ((Number) rows.getCell(0)).doubleValue();
                n++;
            }
            assertThat(rows.documentInfo().overflowed()).isFalse();
        }
        assertThat(n).isEqualTo(5000);
        assertThat(sum).isPositive();
    }

    @Test
    void runAsyncReturnsTheResultAndDeletesTheJob() throws Exception {
        TapResult r = tap.runAsync("SELECT TOP 40 main_id, ra, dec FROM vostars.main ORDER BY main_id");
        assertThat(r.rowCount()).isEqualTo(40);
        assertThat(r.source().toString()).endsWith("/results/result");
        assertThat(jobsAfterDeletionsSettle()).isEmpty();
    }

    @Test
    void asyncLifecycleStepByStep() throws IOException {
        URI jobUrl;
        try (AsyncJob job = tap.submit(TapQuery.of("SELECT TOP 7 main_id FROM vostars.main").withRunId("vokit-it"))) {
            jobUrl = job.uri();
            JobInfo pending = job.info();
            assertThat(pending.phase()).isEqualTo(Phase.PENDING);
            assertThat(pending.destruction()).isNotNull();
            assertThat(pending.executionDuration()).isNotNull();
            assertThat(tap.listJobs()).contains(jobUrl);
            job.run();
            JobInfo done = job.waitFor(Duration.ofMinutes(1));
            assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
            assertThat(done.supportsWait()).as("DaCHS speaks UWS 1.1").isTrue();
            assertThat(job.resultUri().toString()).startsWith(jobUrl.toString());
            AsyncJob again = tap.resumeJob(jobUrl);
            assertThat(again.phase()).isEqualTo(Phase.COMPLETED);
            assertThat(again.fetchResult().rowCount()).isEqualTo(7);
        }
        AsyncJob gone = tap.resumeJob(jobUrl);
        assertThatThrownBy(gone::info).isInstanceOf(JobException.class).hasMessageContaining("no longer exists");
    }

    @Test
    void failingAsyncJobRaisesTheServicesMessage() {
        assertThatThrownBy(() -> tap.runAsync("SELECT no_such_column FROM vostars.main"))
                .isInstanceOf(JobException.class)
                .satisfies(e -> assertThat(((JobException) e).detail()).containsIgnoringCase("no_such_column"));
    }

    @Test
    void executionDurationAndDestructionCanBeChanged() throws IOException {
        try (AsyncJob job = tap.submit(TapQuery.of("SELECT TOP 1 main_id FROM vostars.main"))) {
            job.setExecutionDuration(Duration.ofSeconds(77));
            assertThat(job.executionDuration()).isEqualTo(Duration.ofSeconds(77));
            java.time.Instant when = java.time.Instant.now().plus(Duration.ofDays(1)).truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS);
            job.setDestruction(when);
            assertThat(Duration.between(when, job.destruction()).abs()).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void inlineUploadOfALocalTableJoinsOnTheServer() throws IOException {
        TapResult ids = tap.runSync("SELECT TOP 3 main_id, vmag FROM vostars.main ORDER BY main_id");
        RowListStarTable mine = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("main_id", String.class, "star id"),
            new ColumnInfo("note", String.class, "a column the join does not need")});
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = (String) ids.cell(i, 0);
            expected.add(id);
            mine.addRow(new Object[] {id, "it's \"local\" only"});
        }
        TapResult joined = tap.runSync(TapQuery.of(
                "SELECT s.main_id, s.vmag FROM TAP_UPLOAD.mine AS m JOIN vostars.main AS s ON s.main_id = m.main_id "
                        + "ORDER BY s.main_id")
                .withUpload(Upload.table("mine", mine).columns("main_id")));
        assertThat(joined.rowCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(joined.cell(i, 0)).isEqualTo(expected.get(i));
            assertThat(joined.cell(i, 1)).isEqualTo(ids.cell(i, 1));
        }
    }

    @Test
    void slicedUploadJoinsALargeLocalTableInPieces() throws IOException {
        TapResult ids = tap.runSync("SELECT TOP 25 main_id, ra FROM vostars.main ORDER BY main_id");
        TapResult joined = tap.runSliced(TapQuery.of(
                "SELECT s.main_id, s.vmag FROM TAP_UPLOAD.ids AS i JOIN vostars.main AS s ON s.main_id = i.main_id"),
                "ids", ids.table(), 10, "main_id");
        assertThat(joined.rowCount()).isEqualTo(25);
        assertThat(joined.overflowed()).isFalse();
        java.util.Set<Object> got = new java.util.HashSet<>();
        for (long i = 0; i < 25; i++) {
            got.add(joined.cell(i, 0));
        }
        for (long i = 0; i < 25; i++) {
            assertThat(got).contains(ids.cell(i, 0));
        }
        assertThatThrownBy(() -> tap.runSliced(TapQuery.of("SELECT nope FROM TAP_UPLOAD.ids"), "ids", ids.table(), 10))
                .isInstanceOf(QueryException.class).hasMessageContaining("upload rows 0 to 9");
    }

    @Test
    void narrowedUploadSendsOnlyTheNamedColumns() throws IOException {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("a", Integer.class, null), new ColumnInfo("b", Integer.class, null)});
        t.addRow(new Object[] {1, 2});
        TapResult r = tap.runSync(TapQuery.of("SELECT * FROM TAP_UPLOAD.up")
                .withUpload(Upload.table("up", t).columns("b")));
        assertThat(r.columns()).extracting(ColumnMeta::name).containsExactly("b");
        assertThat(((Number) r.cell(0, 0)).intValue()).isEqualTo(2);
    }

    @Test
    void uploadsFromFilesInSeveralFormats(@TempDir Path dir) throws IOException {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("ra", Double.class, null), new ColumnInfo("dec", Double.class, null)});
        t.addRow(new Object[] {10.0, 20.0});
        t.addRow(new Object[] {150.0, 2.2});
        Path vot = dir.resolve("pos.vot");
        Path csv = dir.resolve("pos.csv");
        new StarTableOutput().writeStarTable(t, vot.toString(), "votable");
        new StarTableOutput().writeStarTable(t, csv.toString(), "csv");
        assertThat(Files.size(csv)).isPositive();
        TapResult r = tap.runSync(TapQuery.of(
                "SELECT COUNT(*) AS n FROM TAP_UPLOAD.a AS a JOIN TAP_UPLOAD.b AS b ON a.ra = b.ra")
                .withUpload(Upload.file("a", vot)).withUpload(Upload.file("b", csv)));
        assertThat(((Number) r.cell(0, 0)).intValue()).isEqualTo(2);
    }

    @Test
    void uploadByReferenceToAnotherJobsResult() throws IOException {
        try (AsyncJob first = tap.submit(TapQuery.of(
                "SELECT TOP 25 main_id, ra, dec FROM vostars.main WHERE field_name IS NOT NULL ORDER BY main_id"))) {
            first.run();
            first.waitFor(Duration.ofMinutes(1));
            first.raiseIfError();
            URI result = first.resultUri();
            TapResult joined = tap.runSync(TapQuery.of(
                    "SELECT COUNT(*) AS n FROM TAP_UPLOAD.prev AS p JOIN vostars.main AS s ON s.main_id = p.main_id")
                    .withUpload(Upload.url("prev", result)));
            assertThat(((Number) joined.cell(0, 0)).intValue()).isEqualTo(25);
        }
    }

    @Test
    void capabilitiesDescribeTheRealService() throws IOException {
        TapCapabilities caps = tap.capabilities();
        assertThat(caps.supportsUnion()).isTrue();
        assertThat(caps.supportsUdf("ivo_hasword")).isTrue();
        assertThat(caps.supportsUdf("no_such_function")).isFalse();
        assertThat(caps.supportsInlineUpload()).isTrue();
        assertThat(caps.describe()).contains("ADQL");
        assertThat(tap.capabilities()).isSameAs(caps);
    }

    @Test
    void tableMetadataListsTheCatalogue() throws IOException {
        TableSet tables = tap.tables();
        assertThat(tables.table("vostars.main")).isPresent();
        assertThat(tables.table("ivoa.obscore")).isPresent();
        TableSet.TableMeta stars = tap.table("VOSTARS.MAIN").orElseThrow();
        assertThat(stars.hasColumns()).isTrue();
        TableSet.ColumnDesc ra = stars.column("ra").orElseThrow();
        assertThat(ra.ucd()).isEqualTo("pos.eq.ra;meta.main");
        assertThat(ra.unit()).isEqualTo("deg");
        assertThat(tap.table("no_such.table")).isEmpty();
    }

    @Test
    void tapSchemaAgreesWithVosiTables() throws IOException {
        TableSet fromSchema = tap.tapSchemaTables();
        TableSet.TableMeta stars = fromSchema.table("vostars.main").orElseThrow();
        TableSet.TableMeta vosi = tap.table("vostars.main").orElseThrow();
        assertThat(stars.columns()).extracting(TableSet.ColumnDesc::name)
                .containsExactlyInAnyOrderElementsOf(vosi.columns().stream().map(TableSet.ColumnDesc::name).toList());
        assertThat(stars.column("pmra").orElseThrow().unit()).isEqualTo("mas/yr");
    }

    @Test
    void cancellingAFutureDeletesItsJob() throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<TapResult> f = tap.runAsyncLater(TapQuery.of(
                    "SELECT COUNT(*) AS n FROM vostars.main AS a JOIN vostars.main AS b "
                            + "ON SIN(a.vmag) < SIN(b.vmag + a.bmag)"), ex);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (tap.listJobs().isEmpty() && System.nanoTime() < until && !f.isDone()) {
                Thread.sleep(50);
            }
            assertThat(f.isDone()).as("the slow query finished before it could be cancelled").isFalse();
            assertThat(tap.listJobs()).hasSize(1);
            f.cancel(true);
            assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
            until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!tap.listJobs().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(tap.listJobs()).as("the cancelled job was deleted").isEmpty();
        } finally {
            ex.shutdownNow();
        }
    }

}
