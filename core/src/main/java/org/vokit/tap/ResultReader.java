package org.vokit.tap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.vokit.FormatException;
import org.vokit.VoException;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.fits.FitsTableBuilder;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.table.formats.CsvTableBuilder;

/**
 * Reads a TAP result body of whatever format the service sent into a sink: VOTable through
 * {@link VotableReader}; FITS and CSV through STIL (they carry no QUERY_STATUS, so overflow
 * cannot be known for them).
 */
final class ResultReader {

    private ResultReader() {
    }

    static DocumentInfo read(InputStream body, String contentType, URI source, TableSink sink) throws IOException {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        InputStream in = body.markSupported() ? body : new BufferedInputStream(body, 65536);
        if (ct.contains("fits")) {
            return stil(() -> new FitsTableBuilder().streamStarTable(in, sink, null), source, "FITS");
        }
        if (ct.contains("csv")) {
            return stil(() -> new CsvTableBuilder().streamStarTable(in, sink, null), source, "CSV");
        }
        if (ct.startsWith("text/html")) {
            in.mark(4096);
            String head = new String(in.readNBytes(300), java.nio.charset.StandardCharsets.UTF_8);
            throw new FormatException("the service sent an HTML page, not a table: "
                    + head.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip(), source, null);
        }
        return VotableReader.read(in, source, sink, true);
    }

    private interface StilRead {
        void run() throws IOException;
    }

    private static DocumentInfo stil(StilRead r, URI source, String what) throws IOException {
        try {
            r.run();
        } catch (VoException e) {
            throw e;
        } catch (IOException e) {
            throw new FormatException("not a readable " + what + " table: " + e.getMessage(), source, e);
        }
        return new DocumentInfo(List.of(), null, false, 1);
    }
}
