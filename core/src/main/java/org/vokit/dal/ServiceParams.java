package org.vokit.dal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vokit.FormatException;
import org.vokit.QueryException;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.internal.Dom;
import org.vokit.internal.SafeXml;
import org.vokit.votable.internal.ServiceErrors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;

/**
 * The input parameters a simple DAL service declares in its {@code FORMAT=METADATA} answer: every
 * {@code PARAM} whose name starts with {@code INPUT:}, in the results {@code RESOURCE} (or, as
 * DaCHS writes it, the {@code type="meta"} one), never those of DataLink service descriptors.
 *
 * <pre>{@code
 * ServiceParams p = SsaService.of("http://127.0.0.1:8089/vospec/q/ssa/ssap.xml?").params();
 * p.custom();                                        // [TEFF, ...]: what this service adds
 * SsaQuery q = SsaQuery.around(10, 20, 1).withParams(p.formatRange("TEFF", 5000, 8000));
 * }</pre>
 *
 * @param source the URL the declaration came from
 * @param protocol the protocol it was read for, or null if unknown
 * @param all the parameters in the order the service declared them
 */
public record ServiceParams(URI source, DalProtocol protocol, List<ServiceParam> all) {

    /** The largest self-description read. */
    private static final int MAX_DOCUMENT = 16 << 20;
    private static final String PREFIX = "INPUT:";
    /** How many allowed values {@link #describe()} lists. */
    private static final int MAX_OPTIONS_SHOWN = 8;
    /** The SSA parameters the standard writes as {@code lo/hi} ranges. */
    private static final Set<String> SSA_RANGES = Set.of("BAND", "TIME", "REDSHIFT", "SNR", "VARAMPL");

    /**
     * Copies the list.
     *
     * @param source source URL
     * @param protocol protocol
     * @param all parameters
     */
    public ServiceParams {
        all = List.copyOf(all);
    }

    /**
     * Asks a service for its input parameters.
     *
     * @param http the HTTP client
     * @param accessUrl the service's access URL
     * @param protocol the protocol, which decides the request ({@code REQUEST=queryData} for SSA);
     *     null for a plain {@code FORMAT=METADATA}
     * @param timeout the time allowed
     * @return the declared parameters, possibly none (a service that does not support
     *     {@code FORMAT=METADATA} may simply answer with an ordinary result)
     * @throws QueryException if the service answers with an error of its own
     * @throws FormatException if the answer is not a VOTable
     * @throws IOException if the service cannot be reached or fails
     */
    public static ServiceParams fetch(VoHttp http, URI accessUrl, DalProtocol protocol, Duration timeout)
            throws IOException {
        List<Param> request = protocol == null ? List.of(new Param("FORMAT", "METADATA")) : protocol.metadataRequest();
        try (VoResponse resp = DalReader.send(http, VoRequest.get(accessUrl, request), Deadline.in(timeout))) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            byte[] body = resp.body().readNBytes(MAX_DOCUMENT + 1);
            if (body.length > MAX_DOCUMENT) {
                throw new FormatException("the FORMAT=METADATA answer is larger than " + (MAX_DOCUMENT >> 20)
                        + " MB", accessUrl, null);
            }
            DalReader.rejectHtml(resp.contentType(), body, accessUrl);
            return parse(new ByteArrayInputStream(body), accessUrl, protocol);
        }
    }

    /**
     * Reads a {@code FORMAT=METADATA} document.
     *
     * @param in the document; not closed
     * @param source where it came from, for messages
     * @param protocol the protocol, to tell standard from custom parameters; may be null
     * @return the declared parameters
     * @throws QueryException if the document reports an error ({@code QUERY_STATUS=ERROR} or an
     *     {@code INFO} named {@code Error})
     * @throws FormatException if it is not a VOTable
     * @throws IOException if reading fails
     */
    public static ServiceParams parse(InputStream in, URI source, DalProtocol protocol) throws IOException {
        Document doc = SafeXml.parse(in, source, "FORMAT=METADATA answer");
        Element root = doc.getDocumentElement();
        if (!"VOTABLE".equals(Dom.localName(root))) {
            throw new FormatException("the FORMAT=METADATA answer is not a VOTable: its root is <"
                    + root.getTagName() + ">", source, null);
        }
        for (Element info : Dom.descendants(root, "INFO")) {
            String name = info.getAttribute("name");
            String value = info.getAttribute("value");
            if (("QUERY_STATUS".equals(name) && "ERROR".equalsIgnoreCase(value.strip())) || "Error".equalsIgnoreCase(name)) {
                String text = info.getTextContent().strip();
                throw new QueryException(text.isEmpty() ? value : text, source);
            }
        }
        List<Element> inResults = new ArrayList<>();
        List<Element> elsewhere = new ArrayList<>();
        collect(root, false, inResults, elsewhere);
        List<ServiceParam> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (List<Element> group : List.of(inResults, elsewhere)) {
            for (Element p : group) {
                ServiceParam sp = toParam(p, protocol);
                if (seen.add(sp.name())) {
                    out.add(sp);
                }
            }
        }
        return new ServiceParams(source, protocol, out);
    }

    /** Walks the document, skipping DataLink service descriptors, and sorts the INPUT: PARAMs. */
    private static void collect(Element e, boolean underResults, List<Element> inResults, List<Element> elsewhere) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element c)) {
                continue;
            }
            String ln = Dom.localName(c);
            if ("RESOURCE".equals(ln)) {
                if ("adhoc:service".equals(c.getAttribute("utype").strip())) {
                    continue;
                }
                collect(c, underResults || "results".equals(c.getAttribute("type").strip()), inResults, elsewhere);
            } else if ("PARAM".equals(ln)) {
                String name = c.getAttribute("name");
                if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && name.length() > PREFIX.length()) {
                    (underResults ? inResults : elsewhere).add(c);
                }
            } else {
                collect(c, underResults, inResults, elsewhere);
            }
        }
    }

    private static ServiceParam toParam(Element p, DalProtocol protocol) {
        String name = p.getAttribute("name").substring(PREFIX.length()).strip();
        List<ServiceParam.Option> options = new ArrayList<>();
        String min = null;
        String max = null;
        Element values = Dom.child(p, "VALUES");
        if (values != null) {
            Element mn = Dom.child(values, "MIN");
            Element mx = Dom.child(values, "MAX");
            min = mn == null ? null : blankToNull(mn.getAttribute("value"));
            max = mx == null ? null : blankToNull(mx.getAttribute("value"));
            for (Element o : Dom.descendants(values, "OPTION")) {
                if (o.hasAttribute("value")) {
                    options.add(new ServiceParam.Option(o.getAttribute("value"), blankToNull(o.getAttribute("name"))));
                }
            }
        }
        String desc = Dom.childText(p, "DESCRIPTION");
        return new ServiceParam(name, attr(p, "datatype"), attr(p, "arraysize"), attr(p, "xtype"), attr(p, "unit"),
                attr(p, "ucd"), attr(p, "utype"), desc == null ? null : blankToNull(desc.replaceAll("\\s+", " ")),
                attr(p, "value"), options, min, max, protocol != null && protocol.isStandard(name));
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? blankToNull(e.getAttribute(name)) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * Finds a parameter by name, ignoring case.
     *
     * @param name the name without the {@code INPUT:} prefix
     * @return the declaration, if the service declares it
     */
    public Optional<ServiceParam> get(String name) {
        return all.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Returns the parameters the protocol does not define: the service's own additions.
     *
     * @return the custom parameters, in declaration order
     */
    public List<ServiceParam> custom() {
        return all.stream().filter(p -> !p.standard()).toList();
    }

    /** @return the number of parameters declared */
    public int size() {
        return all.size();
    }

    /** @return true if the service declared no input parameters */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Returns the name/value pairs that constrain a quantity to a range, in the convention the
     * declaration calls for: the parameter {@code name} itself when declared (slash syntax or DALI
     * interval), otherwise the pair {@code name_MIN}/{@code name_MAX}.
     *
     * @param name the parameter (or pair) name
     * @param lo the lower bound; an infinity or NaN for none
     * @param hi the upper bound; an infinity or NaN for none
     * @return the parameters to send, e.g. with {@link DalQuery#withParams}
     * @throws IllegalArgumentException if the service declares no such parameter, or it takes no range
     */
    public List<Param> formatRange(String name, double lo, double hi) {
        Objects.requireNonNull(name, "name");
        Optional<ServiceParam> p = get(name);
        if (p.isPresent()) {
            return p.get().formatRange(lo, hi);
        }
        Optional<ServiceParam> pmin = get(name + "_MIN");
        Optional<ServiceParam> pmax = get(name + "_MAX");
        if (pmin.isEmpty() && pmax.isEmpty()) {
            throw new IllegalArgumentException("the service declares no parameter " + name + " (nor " + name
                    + "_MIN/" + name + "_MAX)");
        }
        boolean hasLo = Double.isFinite(lo);
        boolean hasHi = Double.isFinite(hi);
        if ((hasLo && pmin.isEmpty()) || (hasHi && pmax.isEmpty())) {
            throw new IllegalArgumentException("the service declares only " + pmin.or(() -> pmax).get().name()
                    + ", not both bounds of " + name);
        }
        if (!hasLo && !hasHi) {
            throw new IllegalArgumentException("a range of " + name + " needs at least one bound");
        }
        if (hasLo && hasHi && lo > hi) {
            throw new IllegalArgumentException("range of " + name + " is empty: " + lo + " > " + hi);
        }
        List<Param> out = new ArrayList<>(2);
        if (hasLo) {
            out.add(new Param(pmin.get().name(), DalQuery.formatNumber(lo)));
        }
        if (hasHi) {
            out.add(new Param(pmax.get().name(), DalQuery.formatNumber(hi)));
        }
        return out;
    }

    /**
     * Returns the declarations as a table (one row per parameter), for writing in any STIL format.
     *
     * @return the table
     */
    public StarTable toTable() {
        ColumnInfo[] cols = {
            col("name", String.class, "Parameter name, without the INPUT: prefix", "meta.id"),
            col("custom", Boolean.class, "True if the protocol does not define the parameter", "meta.code"),
            col("datatype", String.class, "VOTable datatype", "meta.code"),
            col("arraysize", String.class, "VOTable arraysize", "meta.code"),
            col("xtype", String.class, "Extended type", "meta.code"),
            col("unit", String.class, "Unit", "meta.unit"),
            col("ucd", String.class, "UCD", "meta.ucd"),
            col("utype", String.class, "Utype", "meta.code"),
            col("default_value", String.class, "Value assumed when the parameter is not given", null),
            col("min", String.class, "Smallest value allowed", null),
            col("max", String.class, "Largest value allowed", null),
            col("options", String.class, "Values allowed, separated by '|'", null),
            col("range_syntax", String.class, "How a range is written for this parameter", null),
            col("description", String.class, "Description", "meta.note"),
        };
        RowListStarTable t = new RowListStarTable(cols);
        t.setName("input_params");
        for (ServiceParam p : all) {
            t.addRow(new Object[] {p.name(), !p.standard(), p.datatype(), p.arraysize(), p.xtype(), p.unit(), p.ucd(),
                p.utype(), p.defaultValue(), p.min(), p.max(),
                p.options().isEmpty() ? null : String.join("|", p.options().stream().map(ServiceParam.Option::value)
                        .toList()),
                p.intervalStyle() == ServiceParam.IntervalStyle.NONE ? null : p.intervalStyle().syntax(),
                p.description()});
        }
        return t;
    }

    private static ColumnInfo col(String name, Class<?> type, String desc, String ucd) {
        ColumnInfo c = new ColumnInfo(name, type, desc);
        if (ucd != null) {
            c.setUCD(ucd);
        }
        return c;
    }

    /**
     * Describes the parameters for people, one per line (custom ones marked {@code *}), with their
     * range syntax, default, allowed values and limits on a second line where there are any.
     *
     * @return the text, ending with a line break
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        long custom = all.stream().filter(p -> !p.standard()).count();
        sb.append(all.size()).append(" input parameter").append(all.size() == 1 ? "" : "s");
        if (protocol != null) {
            sb.append(", ").append(custom).append(" of them custom (*)");
        }
        sb.append(" declared by ").append(source);
        if (protocol != null) {
            sb.append(" (").append(protocol.name()).append(')');
        }
        sb.append(System.lineSeparator());
        int nameWidth = Math.min(24, all.stream().mapToInt(p -> p.name().length()).max().orElse(4));
        int typeWidth = Math.min(24, all.stream().mapToInt(p -> p.type().length()).max().orElse(4));
        int unitWidth = Math.min(12, all.stream().mapToInt(p -> p.unit() == null ? 0 : p.unit().length()).max()
                .orElse(0));
        String indent = " ".repeat(2 + nameWidth + 2);
        for (ServiceParam p : all) {
            String mark = protocol != null && !p.standard() ? "* " : "  ";
            sb.append(mark).append(pad(p.name(), nameWidth)).append("  ").append(pad(p.type(), typeWidth))
                    .append("  ").append(pad(p.unit() == null ? "" : p.unit(), unitWidth));
            if (p.description() != null) {
                sb.append("  ").append(p.description());
            }
            sb.append(System.lineSeparator());
            List<String> extra = new ArrayList<>();
            if (showsRange(p)) {
                extra.add("range: " + p.intervalStyle().syntax());
            }
            if (p.defaultValue() != null) {
                extra.add("default: " + p.defaultValue());
            }
            if (p.min() != null || p.max() != null) {
                extra.add("limits: " + (p.min() == null ? "" : p.min()) + " .. " + (p.max() == null ? "" : p.max()));
            }
            if (!p.options().isEmpty()) {
                List<String> values = p.options().stream().map(ServiceParam.Option::value).distinct().toList();
                extra.add("one of: " + (values.size() <= MAX_OPTIONS_SHOWN ? String.join(", ", values)
                        : String.join(", ", values.subList(0, MAX_OPTIONS_SHOWN)) + ", ... (" + values.size()
                        + " values)"));
            }
            if (!extra.isEmpty()) {
                sb.append(indent).append(String.join("; ", extra)).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    /**
     * Tells whether a range line helps: always for intervals and bound pairs; for a string only
     * when SSA defines it as a range or, for a custom one, when it stands for a quantity (a unit,
     * a time xtype or limits), since most strings (names, positions, patterns) take no range.
     */
    private boolean showsRange(ServiceParam p) {
        return switch (p.intervalStyle()) {
            case NONE -> false;
            case INTERVAL, MIN_MAX_PAIR -> true;
            case SLASH -> p.standard()
                    ? protocol == DalProtocol.SSA && SSA_RANGES.contains(p.name().toUpperCase(java.util.Locale.ROOT))
                    : p.unit() != null || p.min() != null || p.max() != null
                            || (p.xtype() != null && p.xtype().matches("(?i)timestamp|mjd|jd|iso8601"));
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    @Override
    public String toString() {
        return "ServiceParams[" + all.size() + " from " + source + ": "
                + String.join(", ", all.stream().map(ServiceParam::name).toList()) + "]";
    }
}
