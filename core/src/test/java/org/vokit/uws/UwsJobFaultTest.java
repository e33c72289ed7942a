package org.vokit.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vokit.JobException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.testing.FaultServer;
import org.vokit.testing.FaultServer.FakeJob;
import org.vokit.testing.FaultServer.Request;

/**
 * UWS jobs against scripted services ({@link FaultServer.FakeJob}): jobs that vanish, UWS 1.0
 * services without {@code WAIT}, services that claim UWS 1.1 but do not block, services that
 * refuse HTTP DELETE.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UwsJobFaultTest {

    private FaultServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FaultServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static VoHttp http(Duration requestTimeout) {
        return VoHttp.builder().connectTimeout(Duration.ofSeconds(1)).requestTimeout(requestTimeout).build();
    }

    /** Creates and starts the fake job the way a client would. */
    private UwsJob createAndRun(VoHttp http, FakeJob job) throws IOException {
        URI list = server.uri("/uws/jobs");
        URI where = UwsJob.createJob(http, list,
                VoRequest.post(list, List.of(new Param("QUERY", "SELECT 1"))), Deadline.in(Duration.ofSeconds(3)));
        assertThat(where).isEqualTo(server.uri(job.path()));
        UwsJob handle = UwsJob.resume(http, where);
        handle.run();
        return handle;
    }

    private List<Request> fetches(FakeJob job) {
        return server.requests("GET", job.path());
    }

    private static long withWait(List<Request> requests) {
        return requests.stream().filter(r -> r.param("WAIT") != null).count();
    }

    @Test
    void jobThatVanishesWhileWaitedForIsAJobException() throws IOException {
        FakeJob job = server.fakeJob("/uws/jobs", "gone").version(null)
                .script(n -> n < 3 ? "EXECUTING" : null);
        VoHttp http = http(Duration.ofSeconds(3));
        UwsJob handle = createAndRun(http, job);

        Throwable t = catchThrowable(() -> handle.waitFor(Duration.ofSeconds(5)));

        assertThat(t).isExactlyInstanceOf(JobException.class);
        assertThat(((JobException) t).detail()).contains("no longer exists").contains("404");
        assertThat(t.getMessage()).contains(server.uri(job.path()).toString());
        assertThat(job.fetches()).isEqualTo(3);
    }

    @Test
    void uws10ServiceIsPolledWithoutWait() throws IOException {
        FakeJob job = server.fakeJob("/uws/jobs", "old").version(null)
                .script(n -> n < 4 ? "EXECUTING" : "COMPLETED");
        VoHttp http = http(Duration.ofSeconds(3));
        UwsJob handle = createAndRun(http, job);

        long t0 = System.nanoTime();
        JobInfo done = handle.waitFor(Duration.ofSeconds(8));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(done.supportsWait()).isFalse();
        assertThat(job.fetches()).isEqualTo(4);
        assertThat(withWait(fetches(job))).as("requests with WAIT").isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(4));
        handle.close();
        assertThat(server.requests("DELETE", job.path())).hasSize(1);
    }

    @Test
    void uws11ServiceHonouringWaitIsAskedToBlock() throws IOException {
        FakeJob job = server.fakeJob("/uws/jobs", "new").version("1.1").honourWait(true)
                .script(n -> n < 2 ? "EXECUTING" : "COMPLETED");
        VoHttp http = http(Duration.ofSeconds(10));
        UwsJob handle = createAndRun(http, job);

        JobInfo done = handle.waitFor(Duration.ofSeconds(8));

        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        List<Request> gets = fetches(job);
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).param("WAIT")).isNotNull();
        assertThat(gets.get(1).param("PHASE")).isEqualTo("EXECUTING");
    }

    @Test
    void uws11ServiceIgnoringWaitFallsBackToPolling() throws IOException {
        long started = System.nanoTime();
        FakeJob job = server.fakeJob("/uws/jobs", "liar").version("1.1").honourWait(false)
                .script(n -> System.nanoTime() - started < 1_500_000_000L ? "EXECUTING" : "COMPLETED");
        VoHttp http = http(Duration.ofSeconds(10));
        UwsJob handle = createAndRun(http, job);

        long t0 = System.nanoTime();
        JobInfo done = handle.waitFor(Duration.ofSeconds(8));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(job.fetches()).as("job fetches in about 1.5 s").isLessThanOrEqualTo(15);
        assertThat(withWait(fetches(job))).as("requests with WAIT after it proved useless").isLessThanOrEqualTo(2);
    }

    @Test
    void uws11ServiceIgnoringWaitIsNotHammeredWithAShortRequestTimeout() throws IOException {
        // With a request timeout under 4 s every WAIT asked is 1 s: a non-blocking answer must still
        // lead to pauses between requests, not to a tight loop.
        long started = System.nanoTime();
        FakeJob job = server.fakeJob("/uws/jobs", "liar2").version("1.1").honourWait(false)
                .script(n -> System.nanoTime() - started < 1_500_000_000L ? "EXECUTING" : "COMPLETED");
        VoHttp http = http(Duration.ofSeconds(2));
        UwsJob handle = createAndRun(http, job);

        JobInfo done = handle.waitFor(Duration.ofSeconds(8));

        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(job.fetches()).as("job fetches in about 1.5 s").isLessThanOrEqualTo(15);
    }

    @Test
    void uws11ServiceIgnoringWaitIsNotHammeredNearTheEndOfAWait() throws IOException {
        // Under 2 s left, the WAIT asked is 1 s and a non-blocking answer went unnoticed.
        long started = System.nanoTime();
        FakeJob job = server.fakeJob("/uws/jobs", "liar3").version("1.1").honourWait(false)
                .script(n -> System.nanoTime() - started < 1_000_000_000L ? "EXECUTING" : "COMPLETED");
        VoHttp http = http(Duration.ofSeconds(10));
        UwsJob handle = createAndRun(http, job);

        JobInfo done = handle.waitFor(Duration.ofMillis(1900));

        assertThat(done.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(job.fetches()).as("job fetches in about 1 s").isLessThanOrEqualTo(15);
    }

    @Test
    void errorJobGivesSummaryMessage() throws IOException {
        FakeJob job = server.fakeJob("/uws/jobs", "bad").script(n -> "ERROR").errorMessage("division by zero");
        VoHttp http = http(Duration.ofSeconds(3));
        UwsJob handle = createAndRun(http, job);
        handle.waitFor(Duration.ofSeconds(3));

        Throwable t = catchThrowable(handle::raiseIfError);

        assertThat(t).isExactlyInstanceOf(JobException.class);
        assertThat(((JobException) t).detail()).isEqualTo("division by zero");
        assertThat(((JobException) t).phase()).isEqualTo("ERROR");
    }

    @Test
    void abortedJobIsAJobException() throws IOException {
        FakeJob job = server.fakeJob("/uws/jobs", "stopped").script(n -> "ABORTED");
        VoHttp http = http(Duration.ofSeconds(3));
        UwsJob handle = createAndRun(http, job);
        handle.waitFor(Duration.ofSeconds(3));

        Throwable t = catchThrowable(handle::raiseIfError);

        assertThat(t).isExactlyInstanceOf(JobException.class);
        assertThat(((JobException) t).phase()).isEqualTo("ABORTED");
        assertThat(t.getMessage()).contains(server.uri(job.path()).toString());
    }

    @Test
    void serviceRefusingHttpDeleteGetsActionDelete() throws IOException {
        FakeJob job = server.fakeJob("/uws/jobs", "nodelete");
        FaultServer.Handler fake = (req, ex) -> ex.send(200, "text/xml",
                FaultServer.uwsJob("nodelete", "COMPLETED", "1.1", null, null));
        server.on(job.path(), (req, ex) -> {
            if ("DELETE".equals(req.method())) {
                ex.send(405, "text/plain", "DELETE not supported here");
            } else if ("POST".equals(req.method()) && "DELETE".equals(req.param("ACTION"))) {
                ex.redirect(303, "/uws/jobs");
            } else {
                fake.handle(req, ex);
            }
        });
        UwsJob handle = UwsJob.resume(http(Duration.ofSeconds(3)), server.uri(job.path()));

        handle.delete();

        assertThat(handle.isDeleted()).isTrue();
        assertThat(server.requests("DELETE", job.path())).hasSize(1);
        List<Request> posts = server.requests("POST", job.path());
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).param("ACTION")).isEqualTo("DELETE");
    }

    @Test
    void pendingJobIsNotWaitedOnBeyondTheDeadline() throws IOException {
        FakeJob job = server.fakeJob("/uws/jobs", "idle");
        VoHttp http = VoHttp.builder().connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(3))
                .build();
        URI list = server.uri("/uws/jobs");
        URI where = UwsJob.createJob(http, list, VoRequest.post(list, List.of()), Deadline.in(Duration.ofSeconds(3)));
        UwsJob handle = UwsJob.resume(http, where);

        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> handle.waitFor(Duration.ofSeconds(1)));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(t).isExactlyInstanceOf(org.vokit.DeadlineException.class);
        assertThat(((org.vokit.DeadlineException) t).allowed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(((org.vokit.VoException) t).detail()).contains("PENDING");
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        assertThat(server.requests("POST", job.path() + "/phase")).isEmpty();
    }
}
