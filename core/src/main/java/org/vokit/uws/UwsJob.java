package org.vokit.uws;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vokit.DeadlineException;
import org.vokit.FormatException;
import org.vokit.JobException;
import org.vokit.ProtocolException;
import org.vokit.QueryException;
import org.vokit.VoException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;
import org.vokit.votable.VotableReader;

/**
 * A handle on one job of a UWS service (Universal Worker Service, the asynchronous half of TAP
 * and other DAL protocols). It is the only mutable object in vokit's protocol layer: it remembers
 * the last job document seen and whether the job has been deleted. It is thread-safe.
 *
 * <p>{@link #close()} deletes the remote job, so a try-with-resources block leaves no job behind:
 * <pre>{@code
 * try (UwsJob job = UwsJob.create(http, asyncUrl, params, deadline)) {
 *     job.run();
 *     JobInfo done = job.waitFor(Deadline.in(Duration.ofMinutes(10)));
 *     job.raiseIfError();
 *     ...
 * }
 * }</pre>
 *
 * <p>Waiting uses the blocking {@code WAIT} of UWS 1.1 when the service declares that version,
 * and polls with growing pauses otherwise (or when a service claims 1.1 but does not block).
 */
public class UwsJob implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(UwsJob.class.getName());
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(5);

    private final VoHttp http;
    private final URI uri;
    private JobInfo last;
    private boolean deleted;
    private boolean waitHonoured = true;

    /**
     * Makes a handle on an existing job.
     *
     * @param http the HTTP client
     * @param jobUri the job's URL
     */
    protected UwsJob(VoHttp http, URI jobUri) {
        this.http = Objects.requireNonNull(http, "http");
        this.uri = Objects.requireNonNull(jobUri, "jobUri");
    }

    /**
     * Makes a handle on an existing job, for example one created by an earlier program run.
     * Nothing is fetched until asked.
     *
     * @param http the HTTP client
     * @param jobUri the job's URL
     * @return the handle
     */
    public static UwsJob resume(VoHttp http, URI jobUri) {
        return new UwsJob(http, jobUri);
    }

    /**
     * Creates a job by POSTing parameters to a job list, without starting it, and returns the
     * URL of the new job (from the {@code 303 See Other}).
     *
     * @param http the HTTP client
     * @param jobList the job list URL (for TAP, {@code {base}/async})
     * @param request the creation request (a form or multipart POST to the job list)
     * @param deadline the deadline for the creation request
     * @return the job's URL
     * @throws VoException if the service refuses or does not say where the job is
     */
    public static URI createJob(VoHttp http, URI jobList, VoRequest request, Deadline deadline) throws IOException {
        try (VoResponse resp = http.send(request.withoutRedirects(), deadline)) {
            if (resp.isRedirect()) {
                String loc = resp.header("Location").orElseThrow(() ->
                        new ProtocolException("job creation answered " + resp.status() + " without Location", jobList));
                return jobList.resolve(loc.strip());
            }
            if (resp.isSuccess()) {
                // Some services answer 200 with the job document instead of redirecting.
                JobInfo info = JobInfo.parse(resp.body(), jobList);
                if (info.jobId() == null) {
                    throw new ProtocolException("job creation answered 200 with a job document lacking jobId", jobList);
                }
                String base = jobList.toString();
                return URI.create(base.endsWith("/") ? base + info.jobId() : base + "/" + info.jobId());
            }
            throw ServiceErrors.from(resp);
        }
    }

    /** @return the job's URL */
    public URI uri() {
        return uri;
    }

    /** @return the HTTP client this job uses */
    protected VoHttp http() {
        return http;
    }

    /**
     * Returns the last job document fetched, without asking the service.
     *
     * @return the snapshot, or null if none was fetched yet
     */
    public synchronized JobInfo lastInfo() {
        return last;
    }

    /**
     * Fetches the job document.
     *
     * @return the current snapshot
     * @throws VoException if the service fails or the job is gone
     */
    public JobInfo info() throws IOException {
        return fetch(List.of(), Deadline.in(http.requestTimeout()));
    }

    private JobInfo fetch(List<Param> params, Deadline deadline) throws IOException {
        try (VoResponse resp = http.send(VoRequest.get(uri, params), deadline)) {
            if (resp.status() == 404 || resp.status() == 410) {
                throw new JobException("UNKNOWN", "the job no longer exists on the service (HTTP "
                        + resp.status() + ")", uri);
            }
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            JobInfo info = JobInfo.parse(resp.body(), uri);
            synchronized (this) {
                last = info;
            }
            return info;
        }
    }

    /**
     * Fetches just the phase (cheaper than the whole document).
     *
     * @return the phase
     * @throws VoException on failure
     */
    public Phase phase() throws IOException {
        try (VoResponse resp = http.send(VoRequest.get(uri.resolve(uri.getPath() + "/phase")),
                Deadline.in(http.requestTimeout()))) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            return Phase.parse(resp.text(256));
        }
    }

    /**
     * Asks the service to start the job ({@code PHASE=RUN} posted to {@code {job}/phase}).
     *
     * @throws VoException if the service refuses
     */
    public void run() throws IOException {
        run(Deadline.in(http.requestTimeout()));
    }

    /**
     * Asks the service to start the job, within a deadline.
     *
     * @param deadline the deadline for the request
     * @throws VoException if the service refuses
     */
    public void run(Deadline deadline) throws IOException {
        post("phase", new Param("PHASE", "RUN"), deadline);
    }

    /**
     * Asks the service to abort the job.
     *
     * @throws VoException if the service refuses
     */
    public void abort() throws IOException {
        post("phase", new Param("PHASE", "ABORT"));
    }

    /**
     * Asks for a different maximum execution time.
     *
     * @param d the time; the service may grant less
     * @throws VoException if the service refuses
     */
    public void setExecutionDuration(Duration d) throws IOException {
        post("executionduration", new Param("EXECUTIONDURATION", Long.toString(Math.max(0, d.toSeconds()))));
    }

    /**
     * Asks for a different destruction time.
     *
     * @param when the new time; the service may choose another
     * @throws VoException if the service refuses
     */
    public void setDestruction(Instant when) throws IOException {
        post("destruction", new Param("DESTRUCTION",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(when.atOffset(ZoneOffset.UTC).toLocalDateTime()
                        .withNano(0)) + "Z"));
    }

    /**
     * Returns the destruction time the service currently announces.
     *
     * @return the time, or null if the service gives none
     * @throws VoException on failure
     */
    public Instant destruction() throws IOException {
        return info().destruction();
    }

    /**
     * Returns the execution duration the service currently grants.
     *
     * @return the duration (zero: unlimited), or null if not given
     * @throws VoException on failure
     */
    public Duration executionDuration() throws IOException {
        return info().executionDuration();
    }

    private void post(String what, Param p) throws IOException {
        post(what, p, Deadline.in(http.requestTimeout()));
    }

    private void post(String what, Param p, Deadline deadline) throws IOException {
        URI target = URI.create(uri + "/" + what);
        VoRequest req = VoRequest.post(target, List.of(p)).withoutRedirects();
        try (VoResponse resp = http.send(req, deadline)) {
            if (!resp.isSuccess() && !resp.isRedirect()) {
                throw ServiceErrors.from(resp);
            }
        }
    }

    /**
     * Waits until the job reaches a final phase (COMPLETED, ERROR, ABORTED, ARCHIVED).
     * A PENDING job is waited for only as long as it takes the service to queue it; a job that
     * was never started is not waited on forever: the deadline ends the wait.
     *
     * @param deadline when to give up waiting (the job itself keeps running)
     * @return the final snapshot
     * @throws DeadlineException if the deadline passes first
     * @throws VoException if the service fails while we wait
     * @throws InterruptedIOException if the thread is interrupted
     */
    public JobInfo waitFor(Deadline deadline) throws IOException {
        JobInfo info = fetch(List.of(), deadline);
        Duration pause = FIRST_POLL;
        while (!info.phase().isFinal()) {
            if (deadline.expired()) {
                throw stillRunning(info, deadline);
            }
            boolean useWait = info.supportsWait() && waitHonoured() && info.phase().isActive();
            if (useWait) {
                long secs = Math.max(1, Math.min(MAX_WAIT.toSeconds(),
                        Math.min(deadline.remaining().toSeconds(), http.requestTimeout().toSeconds() - 2)));
                long t0 = System.nanoTime();
                Phase before = info.phase();
                info = fetch(List.of(new Param("WAIT", Long.toString(secs)),
                        new Param("PHASE", before.name())), deadline);
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                if (info.phase() == before && tookMs * 2 < secs * 1000 && !deadline.expired()) {
                    // Claims UWS 1.1 but answered well before the wait asked for without a
                    // change: stop trusting WAIT and poll politely instead.
                    LOG.log(Level.DEBUG, "service at {0} does not honour WAIT; polling instead", uri);
                    synchronized (this) {
                        waitHonoured = false;
                    }
                }
            } else {
                Duration left = deadline.remaining();
                if (pause.compareTo(left) >= 0 && deadline.isBounded()) {
                    sleep(left);
                    throw stillRunning(info, deadline);
                }
                sleep(pause);
                pause = min(Duration.ofMillis((long) (pause.toMillis() * 1.6)), MAX_POLL);
                info = fetch(List.of(), deadline);
            }
        }
        return info;
    }

    /**
     * Waits for at most a given time.
     *
     * @param timeout how long to wait
     * @return the final snapshot
     * @throws IOException as for {@link #waitFor(Deadline)}
     */
    public JobInfo waitFor(Duration timeout) throws IOException {
        return waitFor(Deadline.in(timeout));
    }

    private DeadlineException stillRunning(JobInfo info, Deadline deadline) {
        return new DeadlineException("job still " + info.phase() + " when the wait of " + deadline.allowed()
                + " ended", uri, deadline.allowed(), null);
    }

    private synchronized boolean waitHonoured() {
        return waitHonoured;
    }

    /**
     * Throws {@link JobException} with the service's message if the job is in ERROR or ABORTED
     * (fetching the job document, and {@code /error} when the summary has no message).
     *
     * @throws JobException if the job failed
     * @throws VoException if the service cannot be asked
     */
    public void raiseIfError() throws IOException {
        JobInfo info = lastInfo();
        if (info == null || !info.phase().isFinal()) {
            info = info();
        }
        if (info.phase() == Phase.ERROR || info.phase() == Phase.ABORTED) {
            String msg = info.errorMessage();
            if (msg == null || msg.isBlank()) {
                msg = errorDocument();
            }
            if (msg == null || msg.isBlank()) {
                msg = info.phase() == Phase.ABORTED ? "job was aborted" : "job failed without a message";
            }
            throw new JobException(info.phase().name(), msg, uri);
        }
    }

    private String errorDocument() {
        try (VoResponse resp = http.send(VoRequest.get(URI.create(uri + "/error")), Deadline.in(http.requestTimeout()))) {
            if (!resp.isSuccess()) {
                return null;
            }
            String ct = resp.contentType().toLowerCase(java.util.Locale.ROOT);
            byte[] body = resp.body().readNBytes(1 << 16);
            if (ct.contains("xml") || ct.contains("votable")) {
                try {
                    VotableReader.read(new java.io.ByteArrayInputStream(body), resp.uri(), null, false);
                } catch (QueryException qe) {
                    return qe.detail();
                } catch (IOException e) {
                    // not a VOTable: use the text
                }
            }
            return new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Returns the job's results as last seen (fetching the document if none was seen).
     *
     * @return the results
     * @throws VoException on failure
     */
    public List<JobResult> results() throws IOException {
        JobInfo info = lastInfo();
        if (info == null || info.results().isEmpty()) {
            info = info();
        }
        return new ArrayList<>(info.results());
    }

    /**
     * Returns the URL of a result. If the job document does not list it, the standard location
     * {@code {job}/results/{id}} is returned.
     *
     * @param id the result id
     * @return its URL
     * @throws VoException on failure
     */
    public URI resultUri(String id) throws IOException {
        for (JobResult r : results()) {
            if (r.id().equals(id)) {
                return r.uri();
            }
        }
        return URI.create(uri + "/results/" + id);
    }

    /**
     * Deletes the job on the service. Deleting a job that is already gone is not an error.
     *
     * @throws VoException if the service refuses
     */
    public void delete() throws IOException {
        synchronized (this) {
            if (deleted) {
                return;
            }
        }
        Deadline d = Deadline.in(http.requestTimeout());
        int status;
        try (VoResponse resp = http.send(VoRequest.delete(uri).withoutRedirects(), d)) {
            status = resp.status();
            if (status == 405 || status == 501 || status == 400) {
                // Not every service takes HTTP DELETE: UWS allows ACTION=DELETE instead.
                try (VoResponse r2 = http.send(VoRequest.post(uri, List.of(new Param("ACTION", "DELETE")))
                        .withoutRedirects(), d)) {
                    status = r2.status();
                    if (!(r2.isSuccess() || r2.isRedirect() || status == 404 || status == 410)) {
                        throw ServiceErrors.from(r2);
                    }
                }
            } else if (!(resp.isSuccess() || resp.isRedirect() || status == 404 || status == 410)) {
                throw ServiceErrors.from(resp);
            }
        }
        synchronized (this) {
            deleted = true;
        }
    }

    /**
     * Tells whether {@link #delete()} has succeeded.
     *
     * @return true once deleted
     */
    public synchronized boolean isDeleted() {
        return deleted;
    }

    /**
     * Deletes the remote job.
     *
     * @throws VoException if the deletion fails
     */
    @Override
    public void close() throws IOException {
        delete();
    }

    @Override
    public String toString() {
        return "UwsJob[" + uri + "]";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the job");
        }
    }

    /**
     * Parses a UWS job list ({@code GET {jobList}}) into job URLs.
     *
     * @param http the HTTP client
     * @param jobList the job list URL
     * @param deadline the deadline
     * @return the jobs the service lists
     * @throws VoException on failure
     */
    public static List<URI> listJobs(VoHttp http, URI jobList, Deadline deadline) throws IOException {
        try (VoResponse resp = http.send(VoRequest.get(jobList), deadline)) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            var doc = org.vokit.internal.SafeXml.parse(resp.body(), jobList, "UWS job list");
            var root = doc.getDocumentElement();
            if (!"jobs".equals(org.vokit.internal.Dom.localName(root))) {
                throw new FormatException("not a UWS job list: root element is <" + root.getTagName() + ">",
                        jobList, null);
            }
            List<URI> out = new ArrayList<>();
            String base = jobList.toString().endsWith("/") ? jobList.toString() : jobList + "/";
            for (var ref : org.vokit.internal.Dom.children(root, "jobref")) {
                String href = org.vokit.internal.Dom.attr(ref, "href");
                out.add(href != null && !href.isBlank() ? jobList.resolve(href.strip())
                        : URI.create(base + ref.getAttribute("id")));
            }
            return out;
        }
    }
}
