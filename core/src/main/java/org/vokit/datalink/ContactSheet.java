package org.vokit.datalink;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Composes previews into one overview image (a contact sheet): one square tile per dataset,
 * the preview scaled to fit and centred, the dataset's label underneath; datasets whose preview
 * failed get a dark red tile saying so, so that the sheet shows the whole selection. Works
 * headless ({@link BufferedImage} and {@link ImageIO} only); when the JVM has no usable fonts
 * the labels are drawn with a built-in pixel font.
 */
public final class ContactSheet {

    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 4;
    private static final Color BACKGROUND = new Color(0x20, 0x20, 0x20);
    private static final Color TILE = new Color(0x30, 0x30, 0x30);
    private static final Color FAILED = new Color(0x60, 0x18, 0x18);
    private static final Color TEXT = new Color(0xee, 0xee, 0xee);

    private ContactSheet() {
    }

    /**
     * Composes the sheet.
     *
     * @param set the previews and failures (tiles in row order)
     * @param tileSize the edge of each tile in pixels (16 to 2048)
     * @param columns tiles per row (at least 1)
     * @return the image (RGB); a single empty tile if the set is empty
     */
    public static BufferedImage compose(PreviewSet set, int tileSize, int columns) {
        if (tileSize < 16 || tileSize > 2048) {
            throw new IllegalArgumentException("tile size must be between 16 and 2048 pixels: " + tileSize);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1: " + columns);
        }
        List<Object> tiles = new ArrayList<>();
        tiles.addAll(set.previews());
        tiles.addAll(set.failures());
        tiles.sort(Comparator.comparingLong(ContactSheet::row));
        int n = Math.max(1, tiles.size());
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int cellW = tileSize + GAP;
        int cellH = tileSize + LABEL_HEIGHT + GAP;
        BufferedImage sheet = new BufferedImage(GAP + cols * cellW, GAP + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            Labeller labeller = new Labeller(g, sheet);
            for (int i = 0; i < tiles.size(); i++) {
                int x = GAP + (i % cols) * cellW;
                int y = GAP + (i / cols) * cellH;
                Object t = tiles.get(i);
                if (t instanceof Preview p) {
                    g.setColor(TILE);
                    g.fillRect(x, y, tileSize, tileSize);
                    BufferedImage img = p.image();
                    double scale = Math.min((double) tileSize / img.getWidth(), (double) tileSize / img.getHeight());
                    int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
                    int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
                    g.drawImage(img, x + (tileSize - w) / 2, y + (tileSize - h) / 2, w, h, null);
                    labeller.label(p.label(), x, y + tileSize, tileSize);
                } else if (t instanceof PreviewFailure f) {
                    g.setColor(FAILED);
                    g.fillRect(x, y, tileSize, tileSize);
                    labeller.label("no preview", x, y + tileSize / 2 - LABEL_HEIGHT / 2, tileSize);
                    labeller.label(f.label(), x, y + tileSize, tileSize);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static long row(Object tile) {
        return tile instanceof Preview p ? p.rowIndex() : ((PreviewFailure) tile).rowIndex();
    }

    /**
     * Writes an image as PNG: to a temporary file beside the target, then moved into place.
     *
     * @param image the image
     * @param png the file
     * @throws IOException if it cannot be written
     */
    public static void writePng(BufferedImage image, Path png) throws IOException {
        Path target = png.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output directory does not exist: " + dir);
        }
        Path temp = Soda.partFile(target);
        try {
            try (OutputStream os = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (!ImageIO.write(image, "png", os)) {
                    throw new IOException("no PNG writer in this JVM");
                }
            }
            Soda.move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Draws labels with the JVM's fonts, or with the pixel font if they fail. */
    private static final class Labeller {
        private final Graphics2D g;
        private final BufferedImage img;
        private boolean awtFonts = true;

        Labeller(Graphics2D g, BufferedImage img) {
            this.g = g;
            this.img = img;
        }

        /** Draws a text centred in a band of LABEL_HEIGHT below y, shortened to fit the width. */
        void label(String text, int x, int y, int width) {
            if (awtFonts) {
                try {
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    FontMetrics fm = g.getFontMetrics();
                    String t = fit(text, width - 4, s -> fm.stringWidth(s));
                    g.setColor(TEXT);
                    g.drawString(t, x + (width - fm.stringWidth(t)) / 2, y + 2 + fm.getAscent());
                    return;
                } catch (RuntimeException | Error noFonts) {
                    if (noFonts instanceof VirtualMachineError vme) {
                        throw vme;
                    }
                    awtFonts = false;
                }
            }
            String t = fit(text, width - 4, BitmapFont::width);
            BitmapFont.draw(img, t, x + (width - BitmapFont.width(t)) / 2, y + (LABEL_HEIGHT - BitmapFont.HEIGHT) / 2,
                    TEXT.getRGB());
        }

        private static String fit(String text, int width, java.util.function.ToIntFunction<String> measure) {
            if (measure.applyAsInt(text) <= width) {
                return text;
            }
            String t = text;
            while (t.length() > 1 && measure.applyAsInt(".." + t) > width) {
                t = t.substring(1);
            }
            return ".." + t;
        }
    }
}
