package org.vokit.datalink;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of fetching previews: the images obtained and, separately, the datasets whose
 * preview failed. Both lists are in row order.
 *
 * @param previews the previews obtained
 * @param failures the datasets without a preview, with the reason
 */
public record PreviewSet(List<Preview> previews, List<PreviewFailure> failures) {

    /**
     * Copies the lists.
     *
     * @param previews previews
     * @param failures failures
     */
    public PreviewSet {
        previews = List.copyOf(previews);
        failures = List.copyOf(failures);
    }

    /**
     * Composes an overview image; see {@link ContactSheet#compose}.
     *
     * @param tileSize the edge of each preview's square, in pixels
     * @param columns tiles per row
     * @return the image
     */
    public BufferedImage contactSheet(int tileSize, int columns) {
        return ContactSheet.compose(this, tileSize, columns);
    }

    /**
     * Composes an overview and writes it as a PNG file (written beside it, then moved into place).
     *
     * @param png the file
     * @param tileSize the edge of each tile in pixels
     * @param columns tiles per row
     * @throws IOException if the file cannot be written
     */
    public void writeContactSheet(Path png, int tileSize, int columns) throws IOException {
        ContactSheet.writePng(contactSheet(tileSize, columns), png);
    }
}
