package org.vokit.datalink;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a SODA cutout produced: a file, or the service's statement that the requested region,
 * band or time does not overlap the dataset. "No overlap" is a normal outcome to test, not an
 * exception:
 *
 * <pre>{@code
 * Cutout c = soda.cutout(SodaQuery.create().circle(10, 20, 0.05), Path.of("cut.fits"));
 * if (c.noOverlap()) { System.out.println("not covered: " + c.message()); }
 * }</pre>
 *
 * @param status what happened
 * @param file the file written, or null for {@link Status#NO_OVERLAP}
 * @param bytes the number of bytes written (0 for no overlap)
 * @param contentType the media type the service declared, or an empty string
 * @param request the request as a URL (the SODA endpoint with its query string)
 * @param message the service's words for a no-overlap answer, or an empty string
 */
public record Cutout(Status status, Path file, long bytes, String contentType, URI request, String message) {

    /** The outcome of a cutout. */
    public enum Status {
        /** The cutout was written to the file. */
        WRITTEN,
        /** The requested region, band or time misses the data; nothing was written. */
        NO_OVERLAP
    }

    /**
     * Validates the components.
     *
     * @param status outcome
     * @param file file, or null
     * @param bytes byte count
     * @param contentType content type
     * @param request request URL
     * @param message message
     */
    public Cutout {
        Objects.requireNonNull(status, "status");
        contentType = contentType == null ? "" : contentType;
        message = message == null ? "" : message;
        if (status == Status.WRITTEN && file == null) {
            throw new IllegalArgumentException("a written cutout needs its file");
        }
    }

    /** @return true if the service said the request misses the data */
    public boolean noOverlap() {
        return status == Status.NO_OVERLAP;
    }

    /** @return true if a file was written */
    public boolean written() {
        return status == Status.WRITTEN;
    }
}
