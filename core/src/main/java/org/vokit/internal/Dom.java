package org.vokit.internal;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Small helpers for walking namespace-aware DOMs by local name, since VO documents mix
 * namespaced and unqualified elements freely.
 */
public final class Dom {

    private Dom() {
    }

    /**
     * Returns the child elements with a given local name.
     *
     * @param parent the parent
     * @param localName the local name, or "*" for all
     * @return the children, in document order
     */
    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ("*".equals(localName) || localName.equals(localName(e)))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Returns the first child element with a local name.
     *
     * @param parent the parent
     * @param localName the local name
     * @return the child, or null
     */
    public static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    /**
     * Returns the trimmed text of the first child with a local name.
     *
     * @param parent the parent
     * @param localName the local name
     * @return the text, or null if there is no such child
     */
    public static String childText(Element parent, String localName) {
        Element c = child(parent, localName);
        return c == null ? null : c.getTextContent().strip();
    }

    /**
     * Returns all descendants with a local name.
     *
     * @param root the root
     * @param localName the local name
     * @return the elements in document order
     */
    public static List<Element> descendants(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        collect(root, localName, out);
        return out;
    }

    private static void collect(Element e, String localName, List<Element> out) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                if (localName.equals(localName(c))) {
                    out.add(c);
                }
                collect(c, localName, out);
            }
        }
    }

    /**
     * Returns an element's local name, also for elements parsed without namespaces.
     *
     * @param e the element
     * @return the name without prefix
     */
    public static String localName(Element e) {
        String n = e.getLocalName();
        if (n == null) {
            n = e.getTagName();
            int i = n.indexOf(':');
            if (i >= 0) {
                n = n.substring(i + 1);
            }
        }
        return n;
    }

    /**
     * Returns an attribute by local name, ignoring any prefix (for {@code xsi:type}).
     *
     * @param e the element
     * @param localName the attribute's local name
     * @return the value, or null if absent
     */
    public static String attr(Element e, String localName) {
        if (e.hasAttribute(localName)) {
            return e.getAttribute(localName);
        }
        var atts = e.getAttributes();
        for (int i = 0; i < atts.getLength(); i++) {
            Node a = atts.item(i);
            String ln = a.getLocalName() != null ? a.getLocalName() : a.getNodeName().replaceFirst(".*:", "");
            if (localName.equals(ln)) {
                return a.getNodeValue();
            }
        }
        return null;
    }
}
