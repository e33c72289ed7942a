package org.vokit.datalink;

import java.net.URI;

/**
 * A dataset whose preview could not be had, and why.
 *
 * @param rowIndex the dataset's row in the original table
 * @param label a short name for the dataset
 * @param url the preview link that failed, or null if there was none to try
 * @param reason what went wrong (the service's message where there was one)
 */
public record PreviewFailure(long rowIndex, String label, URI url, String reason) {
}
