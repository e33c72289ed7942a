package org.vokit.votable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.vokit.FormatException;
import org.vokit.QueryException;
import org.vokit.VoException;
import org.vokit.internal.SafeXml;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;
import uk.ac.starlink.votable.TableContentHandler;
import uk.ac.starlink.votable.TableHandler;
import uk.ac.starlink.votable.VOElementFactory;

/**
 * Streams the first table of a VOTable document into a STIL {@link TableSink}, using STIL's own
 * VOTable decoder, while also collecting the document's {@code INFO}s, including the ones after
 * the table where DALI services put {@code QUERY_STATUS=OVERFLOW}.
 *
 * <p>The XML parser comes from {@link SafeXml} (no external entities, no DTD loading) and tables
 * referenced by {@code STREAM href} are never fetched.
 */
public final class VotableReader {

    private VotableReader() {
    }

    /**
     * Reads a document, pushing the first table's metadata and rows into a sink.
     * A document with {@code QUERY_STATUS=ERROR} raises {@link QueryException} carrying the
     * service's message; with {@code requireTable} a document without a table is a
     * {@link FormatException}.
     *
     * @param in the document; not closed by this method
     * @param source where it came from, for messages
     * @param sink receives the first table (may be null to read only the INFOs)
     * @param requireTable whether a document without any TABLE is an error
     * @return what the document said about itself
     * @throws QueryException if the service reported an error
     * @throws FormatException if the document is not a readable VOTable
     * @throws VoException if reading the stream failed
     * @throws IOException if the sink failed
     */
    public static DocumentInfo read(InputStream in, URI source, TableSink sink, boolean requireTable)
            throws IOException {
        Collector collector = new Collector(sink);
        TableContentHandler stil = new TableContentHandler(VOElementFactory.isStrictByDefault());
        stil.setReadHrefTables(false);
        stil.setTableHandler(collector);
        Tee tee = new Tee(stil, collector);
        XMLReader reader = SafeXml.newReader(false);
        reader.setContentHandler(tee);
        InputSource is = new InputSource(in);
        if (source != null) {
            is.setSystemId(source.toString());
        }
        try {
            reader.parse(is);
        } catch (SAXException e) {
            IOException io = findIo(e);
            if (io != null) {
                throw io;
            }
            if (collector.errorMessage() != null) {
                throw new QueryException(collector.errorMessage(), source);
            }
            if (e instanceof NotVotable) {
                throw new FormatException(e.getMessage(), source, null);
            }
            String where = e instanceof SAXParseException spe
                    ? " (line " + spe.getLineNumber() + ", column " + spe.getColumnNumber() + ")" : "";
            throw new FormatException("not a readable VOTable" + where + ": " + e.getMessage(), source, e);
        } catch (VoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FormatException("not a readable VOTable: " + e, source, e);
        }
        DocumentInfo info = collector.info();
        if (info.errorMessage().isPresent()) {
            throw new QueryException(info.errorMessage().get(), source);
        }
        if (requireTable && info.tableCount() == 0) {
            throw new FormatException("the VOTable contains no TABLE", source, null);
        }
        return info;
    }

    private static IOException findIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io && !(c instanceof java.io.UTFDataFormatException)) {
                return io;
            }
            if (c instanceof SAXException se && se.getException() != null && se.getException() != c.getCause()) {
                IOException io = findIo(se.getException());
                if (io != null) {
                    return io;
                }
            }
        }
        return null;
    }

    /** Signals a well-formed document whose root is not VOTABLE. */
    private static final class NotVotable extends SAXException {
        private static final long serialVersionUID = 1L;

        NotVotable(String msg) {
            super(msg);
        }
    }

    private static String local(String qName) {
        int i = qName.indexOf(':');
        return i < 0 ? qName : qName.substring(i + 1);
    }

    /** Collects INFOs and forwards the first table to the user's sink. */
    private static final class Collector implements TableHandler {
        private final TableSink sink;
        private final List<Info> infos = new ArrayList<>();
        private String status;
        private boolean overflow;
        private int tables;
        private boolean forwarding;
        private boolean root = true;
        private String infoName;
        private String infoValue;
        private StringBuilder infoText;

        Collector(TableSink sink) {
            this.sink = sink;
        }

        void start(String qName, Attributes atts) throws SAXException {
            String name = local(qName);
            if (root) {
                root = false;
                if (!"VOTABLE".equals(name)) {
                    throw new NotVotable("not a VOTable: the document's root element is <" + qName + ">");
                }
            }
            if ("INFO".equals(name)) {
                infoName = atts.getValue("name");
                infoValue = atts.getValue("value");
                infoText = new StringBuilder();
            } else if ("TABLE".equals(name)) {
                tables++;
            }
        }

        void end(String qName) {
            if (infoText != null && "INFO".equals(local(qName))) {
                Info info = new Info(infoName == null ? "" : infoName, infoValue == null ? "" : infoValue,
                        infoText.toString().strip());
                infos.add(info);
                if ("QUERY_STATUS".equals(info.name())) {
                    status = info.value().toUpperCase(java.util.Locale.ROOT);
                    if ("OVERFLOW".equals(status)) {
                        overflow = true;
                    }
                }
                infoText = null;
            }
        }

        void text(char[] ch, int start, int len) {
            if (infoText != null) {
                infoText.append(ch, start, len);
            }
        }

        String errorMessage() {
            return info().errorMessage().orElse(null);
        }

        DocumentInfo info() {
            return new DocumentInfo(infos, status, overflow, tables);
        }

        @Override
        public void startTable(StarTable meta) throws SAXException {
            forwarding = tables == 1 && sink != null;
            if (forwarding) {
                try {
                    sink.acceptMetadata(meta);
                } catch (IOException e) {
                    throw new SAXException(e);
                }
            }
        }

        @Override
        public void rowData(Object[] row) throws SAXException {
            if (forwarding) {
                try {
                    sink.acceptRow(row);
                } catch (IOException e) {
                    throw new SAXException(e);
                }
            }
        }

        @Override
        public void endTable() throws SAXException {
            if (forwarding) {
                forwarding = false;
                try {
                    sink.endRows();
                } catch (IOException e) {
                    throw new SAXException(e);
                }
            }
        }
    }

    /** Sends every SAX event to STIL's handler and to the INFO collector. */
    private static final class Tee implements ContentHandler {
        private final ContentHandler stil;
        private final Collector collector;

        Tee(ContentHandler stil, Collector collector) {
            this.stil = stil;
            this.collector = collector;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            stil.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            stil.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            stil.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            stil.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            stil.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            collector.start(qName, atts);
            stil.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            stil.endElement(uri, localName, qName);
            collector.end(qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            collector.text(ch, start, length);
            stil.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            stil.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            stil.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            stil.skippedEntity(name);
        }
    }
}
