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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
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
import uk.ac.starlink.votable.VOElement;
import uk.ac.starlink.votable.VOElementFactory;
import uk.ac.starlink.votable.datalink.ServiceDescriptor;
import uk.ac.starlink.votable.datalink.ServiceDescriptorFactory;

/**
 * Streams the first table of a VOTable document into a STIL {@link TableSink}, using STIL's own
 * VOTable decoder, while also collecting the document's {@code INFO}s, including the ones after
 * the table where DALI services put {@code QUERY_STATUS=OVERFLOW}.
 *
 * <p>The same pass keeps the document's DataLink service descriptors ({@code RESOURCE type="meta"
 * utype="adhoc:service"}): only those small subtrees are copied into a DOM, which STIL's
 * {@link ServiceDescriptorFactory} then reads; they are reported by
 * {@link DocumentInfo#serviceDescriptors()}.
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
        Collector collector = new Collector(sink, source);
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

    /**
     * Collects INFOs and service descriptors and forwards the first table to the user's sink.
     */
    private static final class Collector implements TableHandler {
        private final TableSink sink;
        private final URI source;
        private final List<Info> infos = new ArrayList<>();
        private String status;
        private boolean overflow;
        private int tables;
        private boolean forwarding;
        private boolean root = true;
        private String infoName;
        private String infoValue;
        private StringBuilder infoText;
        /** Holds the copied service-descriptor RESOURCEs; made on the first one. */
        private Document descriptorDoc;
        /** The element being copied into descriptorDoc, or null when not inside a descriptor. */
        private Element copying;
        private List<ServiceDescriptor> descriptors;

        Collector(TableSink sink, URI source) {
            this.sink = sink;
            this.source = source;
        }

        void start(String qName, Attributes atts) throws SAXException {
            String name = local(qName);
            if (root) {
                root = false;
                if (!"VOTABLE".equals(name)) {
                    throw new NotVotable("not a VOTable: the document's root element is <" + qName + ">");
                }
            }
            if (copying != null) {
                copying = (Element) copying.appendChild(copyOf(name, atts));
            } else if ("RESOURCE".equals(name) && "meta".equals(atts.getValue("type"))
                    && "adhoc:service".equals(atts.getValue("utype"))) {
                if (descriptorDoc == null) {
                    descriptorDoc = SafeXml.newDocumentBuilder().newDocument();
                    descriptorDoc.appendChild(descriptorDoc.createElement("VOTABLE"));
                }
                copying = (Element) descriptorDoc.getDocumentElement().appendChild(copyOf(name, atts));
            }
            if ("INFO".equals(name)) {
                infoName = atts.getValue("name");
                infoValue = atts.getValue("value");
                infoText = new StringBuilder();
            } else if ("TABLE".equals(name)) {
                tables++;
            }
        }

        private Element copyOf(String name, Attributes atts) {
            Element e = descriptorDoc.createElement(name);
            for (int i = 0; i < atts.getLength(); i++) {
                String an = atts.getQName(i);
                if (!an.equals("xmlns") && !an.startsWith("xmlns:")) {
                    e.setAttribute(local(an), atts.getValue(i));
                }
            }
            return e;
        }

        void end(String qName) {
            if (copying != null) {
                org.w3c.dom.Node parent = copying.getParentNode();
                copying = parent == descriptorDoc.getDocumentElement() ? null : (Element) parent;
            }
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
            if (copying != null) {
                copying.appendChild(descriptorDoc.createTextNode(new String(ch, start, len)));
            }
        }

        /** Reads the copied descriptors with STIL, once. */
        List<ServiceDescriptor> descriptors() {
            if (descriptors == null) {
                List<ServiceDescriptor> out = new ArrayList<>();
                if (descriptorDoc != null) {
                    VOElement root = new VOElementFactory().makeVOElement(descriptorDoc,
                            source == null ? null : source.toString());
                    ServiceDescriptorFactory factory = new ServiceDescriptorFactory();
                    for (VOElement res : root.getChildrenByName("RESOURCE")) {
                        out.add(factory.createServiceDescriptor(res));
                    }
                }
                descriptors = List.copyOf(out);
            }
            return descriptors;
        }

        String errorMessage() {
            return new DocumentInfo(infos, status, overflow, tables).errorMessage().orElse(null);
        }

        DocumentInfo info() {
            return new DocumentInfo(infos, status, overflow, tables, descriptors());
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
