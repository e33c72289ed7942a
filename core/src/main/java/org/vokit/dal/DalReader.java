package org.vokit.dal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.vokit.FormatException;
import org.vokit.ProtocolException;
import org.vokit.QueryException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.internal.Dom;
import org.vokit.internal.SafeXml;
import org.vokit.votable.internal.ServiceErrors;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.Info;
import org.vokit.votable.VotableReader;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * Runs a simple DAL request and reads its VOTable answer, turning every way a service reports an
 * error into a {@link QueryException} with its words: DALI's {@code QUERY_STATUS=ERROR}, and the
 * cone search forms, an {@code INFO} or a {@code PARAM} named {@code Error}.
 */
final class DalReader {

    /** How much of an answer is kept for a second look when it has no rows (error documents are small). */
    private static final int CAPTURE = 64 * 1024;

    private DalReader() {
    }

    /**
     * Sends a request, reporting a malformed redirect target as a protocol failure rather than
     * letting an unchecked exception escape.
     */
    static VoResponse send(VoHttp http, VoRequest request, Deadline deadline) throws IOException {
        try {
            return http.send(request, deadline);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("the service sent the request somewhere it cannot go: " + e.getMessage(),
                    request.uri(), e);
        }
    }

    /**
     * Queries a service with GET and pushes the result table into a sink.
     *
     * @return what the document said about itself
     */
    static DocumentInfo fetch(VoHttp http, URI accessUrl, List<Param> params, Deadline deadline, TableSink sink)
            throws IOException {
        try (VoResponse resp = send(http, VoRequest.get(accessUrl, params), deadline)) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            return read(resp.body(), resp.contentType(), accessUrl, sink);
        }
    }

    /**
     * Reads a DAL answer.
     *
     * @param body the document
     * @param contentType its declared type ("" if unknown)
     * @param source the service, for messages
     * @param sink receives the first table
     * @return the document's information
     */
    static DocumentInfo read(InputStream body, String contentType, URI source, TableSink sink) throws IOException {
        Capture in = new Capture(body);
        in.mark(4096);
        byte[] head = in.readNBytes(1024);
        in.reset();
        rejectHtml(contentType, head, source);
        Counting counting = new Counting(sink);
        DocumentInfo info = VotableReader.read(in, source, counting, false);
        for (Info i : info.infos()) {
            if ("Error".equalsIgnoreCase(i.name())) {
                String m = i.message();
                throw new QueryException(m.isBlank() ? "the service reported an error without a message" : m, source);
            }
        }
        if ((info.tableCount() == 0 || counting.rows == 0) && in.complete()) {
            String error = paramError(in.captured(), source);
            if (error != null) {
                throw new QueryException(error, source);
            }
        }
        if (info.tableCount() == 0) {
            throw new FormatException("the answer is a VOTable without a result TABLE", source, null);
        }
        return info;
    }

    /** Finds a {@code PARAM name="Error"} outside DataLink descriptors, as old cone searches report errors. */
    private static String paramError(byte[] doc, URI source) {
        try {
            Element root = SafeXml.parse(new ByteArrayInputStream(doc), source, "VOTable").getDocumentElement();
            return findErrorParam(root);
        } catch (IOException | RuntimeException notParseable) {
            return null;
        }
    }

    private static String findErrorParam(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                String ln = Dom.localName(c);
                if ("RESOURCE".equals(ln) && "adhoc:service".equals(c.getAttribute("utype"))) {
                    continue;
                }
                if ("PARAM".equals(ln) && "Error".equalsIgnoreCase(c.getAttribute("name"))) {
                    String v = c.getAttribute("value").strip();
                    String d = Dom.childText(c, "DESCRIPTION");
                    return !v.isEmpty() ? v : d != null && !d.isEmpty() ? d
                            : "the service reported an error without a message";
                }
                String inner = findErrorParam(c);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /**
     * Refuses an HTML page (a portal's error page, a login form) with its text as the message.
     */
    static void rejectHtml(String contentType, byte[] head, URI source) throws FormatException {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String start = new String(head, 0, Math.min(head.length, 1024), StandardCharsets.UTF_8).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (ct.startsWith("text/html") || start.startsWith("<!doctype html") || start.startsWith("<html")) {
            String text = new String(head, 0, Math.min(head.length, 1024), StandardCharsets.UTF_8)
                    .replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ")
                    .replaceAll("\\s+", " ").strip();
            throw new FormatException("the service sent an HTML page, not a VOTable"
                    + (text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text)),
                    source, null);
        }
    }

    /** Keeps a copy of the first {@link #CAPTURE} bytes read. */
    private static final class Capture extends FilterInputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private long total;
        private long markedTotal;
        private int markedCopy;

        Capture(InputStream in) {
            super(in.markSupported() ? in : new java.io.BufferedInputStream(in, 65536));
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                keep(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int r = read(buf, 0, buf.length);
            return Math.max(r, 0);
        }

        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            markedTotal = total;
            markedCopy = copy.size();
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            total = markedTotal;
            byte[] kept = copy.toByteArray();
            copy.reset();
            copy.write(kept, 0, markedCopy);
        }

        private void keep(byte[] b, int off, int n) {
            total += n;
            int room = CAPTURE - copy.size();
            if (room > 0) {
                copy.write(b, off, Math.min(room, n));
            }
        }

        boolean complete() {
            return total <= CAPTURE;
        }

        byte[] captured() {
            return copy.toByteArray();
        }
    }

    /** Passes a table on and counts its rows. */
    private static final class Counting implements TableSink {
        private final TableSink next;
        private long rows;

        Counting(TableSink next) {
            this.next = next;
        }

        @Override
        public void acceptMetadata(StarTable meta) throws uk.ac.starlink.table.TableFormatException {
            next.acceptMetadata(meta);
        }

        @Override
        public void acceptRow(Object[] row) throws IOException {
            rows++;
            next.acceptRow(row);
        }

        @Override
        public void endRows() throws IOException {
            next.endRows();
        }
    }
}
