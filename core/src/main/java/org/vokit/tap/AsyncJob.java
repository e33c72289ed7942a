package org.vokit.tap;

import java.io.IOException;
import java.net.URI;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.uws.UwsJob;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableSink;

/**
 * An asynchronous TAP query: a {@link UwsJob} that also knows how to fetch its result as a table.
 * Closing it deletes the job on the service.
 *
 * <pre>{@code
 * try (AsyncJob job = tap.submit(TapQuery.of(adql))) {
 *     job.run();
 *     job.waitFor(Duration.ofMinutes(30));
 *     job.raiseIfError();
 *     TapResult result = job.fetchResult();
 * }
 * }</pre>
 */
public final class AsyncJob extends UwsJob {

    private final StoragePolicy storage;

    AsyncJob(VoHttp http, URI jobUri, StoragePolicy storage) {
        super(http, jobUri);
        this.storage = storage;
    }

    /**
     * Returns the URL of the main result ({@code result}), which other services can fetch, for
     * example as an {@link Upload#url upload}.
     *
     * @return the result URL
     * @throws IOException if the job cannot be asked
     */
    public URI resultUri() throws IOException {
        return resultUri("result");
    }

    /**
     * Fetches the main result as a table. Raises the job's error first if it failed.
     *
     * @return the result
     * @throws org.vokit.JobException if the job failed
     * @throws IOException on other failures
     */
    public TapResult fetchResult() throws IOException {
        return fetchResult(Deadline.in(http().requestTimeout()));
    }

    /**
     * Fetches the main result within a deadline.
     *
     * @param deadline the deadline for the transfer
     * @return the result
     * @throws IOException on failure
     */
    public TapResult fetchResult(Deadline deadline) throws IOException {
        raiseIfError();
        return TapService.fetchTable(http(), resultUri(), deadline, storage);
    }

    /**
     * Streams the main result into a sink.
     *
     * @param sink receives metadata and rows
     * @param deadline the deadline for the transfer
     * @return what the document said about itself
     * @throws IOException on failure
     */
    public org.vokit.votable.DocumentInfo fetchResult(TableSink sink, Deadline deadline) throws IOException {
        raiseIfError();
        return TapService.streamTable(http(), resultUri(), deadline, sink);
    }
}
