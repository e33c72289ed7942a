package org.vokit.samp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.astrogrid.samp.httpd.HttpServer;
import org.astrogrid.samp.xmlrpc.SampXmlRpcHandler;
import org.astrogrid.samp.xmlrpc.SampXmlRpcServer;
import org.astrogrid.samp.xmlrpc.SampXmlRpcServerFactory;
import org.vokit.internal.Dom;
import org.vokit.internal.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An XML-RPC server for the hub's callbacks ({@code samp.client.receiveCall} and friends), on an
 * HTTP server of JSAMP's that the caller binds to loopback. Unlike JSAMP's own server it parses
 * the requests with {@link SafeXml} (no DTDs, no external entities), and its endpoint path
 * carries a random part so that other local users cannot guess it.
 *
 * <p>It is also its own {@link SampXmlRpcServerFactory}, always handing out itself, so that one
 * connection gets exactly one callback server.
 */
public final class CallbackServer implements SampXmlRpcServer, SampXmlRpcServerFactory {

    private static final System.Logger LOG = System.getLogger(CallbackServer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer http;
    private final String path;
    private final URL endpoint;
    private final List<SampXmlRpcHandler> handlers = new CopyOnWriteArrayList<>();
    private final HttpServer.Handler httpHandler = this::serve;

    /**
     * Creates the server and installs it on an HTTP server.
     *
     * @param http the HTTP server (started and stopped by the caller)
     * @throws IOException if the endpoint URL cannot be formed
     */
    public CallbackServer(HttpServer http) throws IOException {
        this.http = http;
        byte[] token = new byte[12];
        RANDOM.nextBytes(token);
        this.path = "/xmlrpc-" + HexFormat.of().formatHex(token);
        this.endpoint = new URL(http.getBaseUrl(), path);
        http.addHandler(httpHandler);
    }

    @Override
    public SampXmlRpcServer getServer() {
        return this;
    }

    @Override
    public URL getEndpoint() {
        return endpoint;
    }

    @Override
    public void addHandler(SampXmlRpcHandler handler) {
        handlers.add(handler);
    }

    @Override
    public void removeHandler(SampXmlRpcHandler handler) {
        handlers.remove(handler);
    }

    private HttpServer.Response serve(HttpServer.Request req) {
        if (!path.equals(req.getUrl())) {
            return null;
        }
        if (!"POST".equals(req.getMethod())) {
            return HttpServer.create405Response(new String[] {"POST"});
        }
        byte[] reply;
        try {
            reply = response(call(req.getBody(), req));
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "XML-RPC callback failed", e);
            reply = fault(e);
        }
        byte[] body = reply;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/xml");
        headers.put("Content-Length", Integer.toString(body.length));
        return new HttpServer.Response(200, "OK", headers) {
            @Override
            public void writeBody(OutputStream out) throws IOException {
                out.write(body);
            }
        };
    }

    private Object call(byte[] body, HttpServer.Request req) throws Exception {
        if (body == null || body.length == 0) {
            throw new IOException("empty XML-RPC request");
        }
        Document doc = SafeXml.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Element root = doc.getDocumentElement();
        if (!"methodCall".equals(Dom.localName(root))) {
            throw new IOException("not an XML-RPC methodCall: <" + root.getTagName() + ">");
        }
        String method = Dom.childText(root, "methodName");
        if (method == null || method.isEmpty()) {
            throw new IOException("XML-RPC call without a methodName");
        }
        List<Object> params = new ArrayList<>();
        Element ps = Dom.child(root, "params");
        if (ps != null) {
            for (Element p : Dom.children(ps, "param")) {
                Element v = Dom.child(p, "value");
                if (v == null) {
                    throw new IOException("XML-RPC param without a value");
                }
                params.add(value(v));
            }
        }
        for (SampXmlRpcHandler h : handlers) {
            if (h.canHandleCall(method)) {
                return h.handleCall(method, params, req);
            }
        }
        throw new IOException("unknown XML-RPC method " + method);
    }

    /**
     * Parses an XML-RPC {@code value} into SAMP's types: strings, lists and maps. Other scalar
     * types (int, boolean, double) become their text.
     */
    static Object value(Element value) throws IOException {
        Element typed = null;
        for (Node n = value.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                typed = e;
                break;
            }
        }
        if (typed == null) {
            return value.getTextContent();
        }
        String type = Dom.localName(typed);
        switch (type) {
            case "string":
                return typed.getTextContent();
            case "struct": {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Element m : Dom.children(typed, "member")) {
                    String name = Dom.childText(m, "name");
                    Element v = Dom.child(m, "value");
                    if (name == null || v == null) {
                        throw new IOException("XML-RPC struct member without name or value");
                    }
                    map.put(name, value(v));
                }
                return map;
            }
            case "array": {
                List<Object> list = new ArrayList<>();
                Element data = Dom.child(typed, "data");
                if (data != null) {
                    for (Element v : Dom.children(data, "value")) {
                        list.add(value(v));
                    }
                }
                return list;
            }
            case "i4", "int", "boolean", "double":
                return typed.getTextContent().strip();
            default:
                throw new IOException("XML-RPC type <" + type + "> is not used by SAMP");
        }
    }

    private static byte[] response(Object result) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<methodResponse><params><param>");
        writeValue(sb, result == null ? "" : result);
        sb.append("</param></params></methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fault(Exception e) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<methodResponse><fault><value><struct>")
                .append("<member><name>faultCode</name><value><int>1</int></value></member>")
                .append("<member><name>faultString</name><value><string>");
        escape(sb, String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        sb.append("</string></value></member></struct></value></fault></methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void writeValue(StringBuilder sb, Object v) {
        sb.append("<value>");
        if (v instanceof Map<?, ?> map) {
            sb.append("<struct>");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append("<member><name>");
                escape(sb, String.valueOf(e.getKey()));
                sb.append("</name>");
                writeValue(sb, e.getValue());
                sb.append("</member>");
            }
            sb.append("</struct>");
        } else if (v instanceof List<?> list) {
            sb.append("<array><data>");
            for (Object o : list) {
                writeValue(sb, o);
            }
            sb.append("</data></array>");
        } else {
            sb.append("<string>");
            escape(sb, String.valueOf(v));
            sb.append("</string>");
        }
        sb.append("</value>");
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    // XML 1.0 cannot carry other control characters at all
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
