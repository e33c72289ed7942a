package org.vokit.datalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composing previews into one PNG, headless. */
class ContactSheetTest {

    private static BufferedImage solid(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, c.getRGB());
            }
        }
        return img;
    }

    private static Preview preview(long row, BufferedImage img) {
        return new Preview(row, "dataset-" + row + ".fits", URI.create("http://x.invalid/" + row), img);
    }

    @Test
    void tilesAreLaidOutInRowOrderScaledToFitAndLabelled(@TempDir Path dir) throws IOException {
        PreviewSet set = new PreviewSet(List.of(preview(2, solid(200, 100, Color.GREEN)), preview(0, solid(10, 10,
                Color.BLUE))), List.of(new PreviewFailure(1, "broken.fits", null, "HTTP 404")));
        Path png = dir.resolve("sheet.png");
        set.writeContactSheet(png, 100, 2);
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertThat(sheet.getWidth()).isEqualTo(4 + 2 * 104);
        assertThat(sheet.getHeight()).isEqualTo(4 + 2 * (100 + 16 + 4));
        // row 0 (blue, scaled up) top left; row 1 (failed, dark red) top right; row 2 (green, 2:1) bottom left
        assertThat(new Color(sheet.getRGB(4 + 50, 4 + 50))).isEqualTo(Color.BLUE);
        Color failed = new Color(sheet.getRGB(108 + 5, 4 + 5));
        assertThat(failed.getRed()).isGreaterThan(failed.getGreen() + 40);
        assertThat(new Color(sheet.getRGB(4 + 50, 124 + 50))).isEqualTo(Color.GREEN);
        assertThat(new Color(sheet.getRGB(4 + 50, 124 + 10))).as("letterbox above a wide image")
                .isNotEqualTo(Color.GREEN);
        assertThat(litPixels(sheet, 4, 4 + 100, 100, 16)).as("a label under the first tile").isGreaterThan(10);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sheet.png");
        }
    }

    @Test
    void theBuiltInPixelFontDrawsReadableGlyphs() {
        BufferedImage img = new BufferedImage(BitmapFont.width("img-01.FITS"), BitmapFont.HEIGHT, BufferedImage.TYPE_INT_RGB);
        BitmapFont.draw(img, "img-01.FITS", 0, 0, 0xffffff);
        assertThat(litPixels(img, 0, 0, img.getWidth(), img.getHeight())).isBetween(60, 200);
        BufferedImage one = new BufferedImage(BitmapFont.ADVANCE, BitmapFont.HEIGHT, BufferedImage.TYPE_INT_RGB);
        BitmapFont.draw(one, "-", 0, 0, 0xffffff);
        assertThat(litPixels(one, 0, 0, one.getWidth(), one.getHeight())).isEqualTo(5);
    }

    @Test
    void anEmptySetGivesOneEmptyTileAndBadSizesAreRefused() {
        PreviewSet empty = new PreviewSet(List.of(), List.of());
        assertThat(empty.contactSheet(32, 5).getWidth()).isEqualTo(4 + 36);
        assertThatThrownBy(() -> empty.contactSheet(8, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.contactSheet(64, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int litPixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                Color c = new Color(img.getRGB(x, y));
                if (c.getRed() + c.getGreen() + c.getBlue() > 300) {
                    n++;
                }
            }
        }
        return n;
    }
}
