package org.vokit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.vokit.FormatException;
import org.vokit.VoException;
import org.w3c.dom.Document;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The only place vokit makes XML parsers. Every parser has external general and parameter
 * entities off, never loads an external DTD, resolves any external entity to nothing, and runs
 * with the JDK's secure-processing limits (which bound entity expansion).
 */
public final class SafeXml {

    /** Resolves every external entity to an empty document. */
    public static final EntityResolver NO_ENTITIES = (publicId, systemId) -> new InputSource(new StringReader(""));

    private SafeXml() {
    }

    /**
     * Makes a SAX reader.
     *
     * @param namespaceAware whether the reader reports namespaces
     * @return a reader with an entity resolver and an error handler that throws on fatal errors
     */
    public static XMLReader newReader(boolean namespaceAware) {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance(); // the JDK's own: no class-path search
            f.setNamespaceAware(namespaceAware);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader r = f.newSAXParser().getXMLReader();
            r.setEntityResolver(NO_ENTITIES);
            r.setErrorHandler(STRICT);
            return r;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a security feature", e);
        }
    }

    /**
     * Makes a namespace-aware DOM builder.
     *
     * @return the builder
     */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver(NO_ENTITIES);
            b.setErrorHandler(STRICT);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM parser lacks a security feature", e);
        }
    }

    /**
     * Parses a small document (capabilities, job description, table set) into a DOM.
     *
     * @param in the document
     * @param source where it came from, for messages
     * @param what what kind of document it should be, for messages (e.g. "UWS job")
     * @return the document
     * @throws FormatException if it is not well-formed XML
     * @throws VoException if reading fails
     */
    public static Document parse(InputStream in, URI source, String what) throws IOException {
        try {
            return newDocumentBuilder().parse(in);
        } catch (SAXParseException e) {
            throw new FormatException(what + " is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage(), source, e);
        } catch (SAXException e) {
            throw new FormatException(what + " could not be parsed: " + e.getMessage(), source, e);
        }
    }

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not stop parsing
        }

        @Override
        public void error(SAXParseException e) {
            // validity errors are irrelevant: we never validate
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
