package org.vokit.datalink;

import java.awt.image.BufferedImage;
import java.net.URI;

/**
 * A dataset's preview image, fetched through its {@code #preview} link (or a narrower one).
 * The image is decoded once and shared: treat it as read-only.
 *
 * @param rowIndex the dataset's row in the original table
 * @param label a short name for the dataset (the end of its identifier, or {@code row N})
 * @param url where the preview came from
 * @param image the decoded image
 */
public record Preview(long rowIndex, String label, URI url, BufferedImage image) {
}
