package org.vokit.aladin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugins' small helpers: reply lines, DataLink URLs in selected rows, FITS image sizes. */
class HelpersTest {

    @TempDir
    Path tmp;

    @Test
    void replyLinesAreOneAsciiLineOfBoundedLength() {
        assertThat(Actions.oneLine("3 rows in \"M\u00e9\"\nplane;\tfailed: none")).isEqualTo(
                "3 rows in \"M?\" plane; failed: none");
        assertThat(Actions.oneLine("x".repeat(1000))).hasSize(Actions.MAX_LINE).endsWith("...");
        assertThat(Actions.failed("0 rows; failed: cone http://x: HTTP 500")).isTrue();
        assertThat(Actions.failed("error: vicinity: missing argument ra=")).isTrue();
        assertThat(Actions.failed("33 rows in new plane \"p\"; failed: none")).isFalse();
        assertThat(Actions.rows(1)).isEqualTo("1 row");
        assertThat(Actions.rows(2)).isEqualTo("2 rows");
    }

    @Test
    void theDatalinkOfASelectedRowIsFoundByColumnOrObsCoreFormat() {
        assertThat(Datalinks.find(new String[] {"id", "datalink"}, new String[] {"a", " http://h/dl?ID=a "}))
                .contains("http://h/dl?ID=a");
        assertThat(Datalinks.find(new String[] {"access_url", "access_format"},
                new String[] {"http://h/dl?ID=b", "application/x-votable+xml;content=datalink"}))
                .contains("http://h/dl?ID=b");
        assertThat(Datalinks.find(new String[] {"access_url", "access_format"},
                new String[] {"http://h/x.fits", "image/fits"})).isEmpty();
        assertThat(Datalinks.find(new String[] {"datalink"}, new String[] {"not a url"})).isEmpty();
        assertThat(Datalinks.find(null, null)).isEmpty();
    }

    @Test
    void fitsAxesAreReadFromThePrimaryHeaderOrTheFirstExtension() throws IOException {
        Path image = tmp.resolve("image.fits");
        Files.write(image, fits(header("SIMPLE", "T", "BITPIX", "-32", "NAXIS", "2", "NAXIS1", "11", "NAXIS2", "9"),
                new byte[2880]));
        assertThat(CutoutJob.fitsAxes(image)).containsExactly(11, 9);

        Path ext = tmp.resolve("ext.fits");
        Files.write(ext, fits(header("SIMPLE", "T", "BITPIX", "8", "NAXIS", "0"),
                header("XTENSION", "'IMAGE   '", "BITPIX", "16", "NAXIS", "2", "NAXIS1", "5", "NAXIS2", "4"),
                new byte[2880]));
        assertThat(CutoutJob.fitsAxes(ext)).containsExactly(5, 4);

        Path text = tmp.resolve("t.vot");
        Files.writeString(text, "<VOTABLE>" + " ".repeat(3000));
        assertThat(CutoutJob.fitsAxes(text)).isEmpty();
    }

    private static byte[] header(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(String.format("%-8s= %20s", kv[i], kv[i + 1]));
            b.append(" ".repeat(80 - 30));
        }
        b.append(String.format("%-80s", "END"));
        while (b.length() % 2880 != 0) {
            b.append(' ');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] fits(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
