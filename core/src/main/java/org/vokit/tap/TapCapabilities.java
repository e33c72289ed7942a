package org.vokit.tap;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vokit.FormatException;
import org.vokit.VoException;
import org.vokit.internal.Dom;
import org.vokit.internal.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a TAP service says about itself in its VOSI capabilities document: the endpoints of its
 * TAP capability, the query languages and optional language features it declares with TAPRegExt,
 * its output formats, upload methods and limits, and every other capability in the document
 * (VOSI tables, DALI examples, DataLink, ...).
 *
 * <p>Parsing is lenient about everything except the root element: a TAP 1.0 service that
 * registers a bare {@code ivo://ivoa.net/std/TAP} capability without any TAPRegExt content
 * yields empty language, format and upload lists and empty limits, and feature queries answer
 * {@code false}. Element and attribute prefixes are ignored (elements are matched by local
 * name), and the older TAPRegExt identifiers ({@code ivo://ivoa.net/TAPRegExt#features-adqlgeo},
 * {@code ivo://ivoa.org/TAPRegExt#upload-inline}) are understood like the current ones.
 *
 * <pre>{@code
 * TapCapabilities caps = TapCapabilities.parse(in, capabilitiesUrl);
 * if (caps.supportsUnion() && caps.supportsUdf("ivo_hasword")) { ... }
 * Optional<URI> tables = caps.tablesUrl();
 * }</pre>
 *
 * @param capabilities every capability in the document, in document order (the TAP one included)
 * @param interfaces the interfaces of the TAP capability (or capabilities, if there are several)
 * @param dataModels the data models the TAP capability declares (e.g. ObsCore)
 * @param languages the query languages the TAP capability declares
 * @param outputFormats the output formats the TAP capability declares
 * @param uploadMethods the ivo-ids of the upload methods declared; empty means no uploads
 * @param retentionPeriod limits on the time between job creation and destruction
 * @param executionDuration limits on a job's execution duration
 * @param outputLimit limits on the size of results (MAXREC)
 * @param uploadLimit limits on the size of uploaded tables
 */
public record TapCapabilities(List<Capability> capabilities, List<Interface> interfaces,
                              List<DataModel> dataModels, List<Language> languages,
                              List<OutputFormat> outputFormats, List<String> uploadMethods,
                              Limit<Duration> retentionPeriod, Limit<Duration> executionDuration,
                              Limit<DataLimit> outputLimit, Limit<DataLimit> uploadLimit) {

    /** The standard identifier of TAP capabilities. */
    public static final String TAP_STANDARD_ID = "ivo://ivoa.net/std/TAP";
    /** The base of the TAPRegExt identifiers for feature types and upload methods. */
    public static final String TAPREGEXT = "ivo://ivoa.net/std/TAPRegExt";
    /** Feature type of user-defined functions. */
    public static final String FEATURE_UDF = TAPREGEXT + "#features-udf";
    /** Feature type of ADQL geometry functions (POINT, CIRCLE, CONTAINS, ...). */
    public static final String FEATURE_ADQL_GEO = TAPREGEXT + "#features-adql-geo";
    /** Feature type of ADQL set operations (UNION, EXCEPT, INTERSECT). */
    public static final String FEATURE_ADQL_SETS = TAPREGEXT + "#features-adql-sets";
    /** Feature type of ADQL type conversion (CAST). */
    public static final String FEATURE_ADQL_TYPE = TAPREGEXT + "#features-adql-type";
    /** Feature type of ADQL unit conversion (IN_UNIT). */
    public static final String FEATURE_ADQL_UNIT = TAPREGEXT + "#features-adql-unit";
    /** Feature type of ADQL string functions (LOWER, ILIKE, ...). */
    public static final String FEATURE_ADQL_STRING = TAPREGEXT + "#features-adql-string";
    /** Feature type of ADQL row offsets (OFFSET). */
    public static final String FEATURE_ADQL_OFFSET = TAPREGEXT + "#features-adql-offset";
    /** Feature type of ADQL common table expressions (WITH). */
    public static final String FEATURE_ADQL_COMMON_TABLE = TAPREGEXT + "#features-adql-common-table";
    /** Upload method: the table travels in the request body. */
    public static final String UPLOAD_INLINE = TAPREGEXT + "#upload-inline";
    /** Upload method: the service fetches the table from an http URL. */
    public static final String UPLOAD_HTTP = TAPREGEXT + "#upload-http";
    /** Upload method: the service fetches the table from an https URL. */
    public static final String UPLOAD_HTTPS = TAPREGEXT + "#upload-https";
    /** Upload method: the service fetches the table from an ftp URL. */
    public static final String UPLOAD_FTP = TAPREGEXT + "#upload-ftp";
    /** Standard identifier of the VOSI capabilities endpoint. */
    public static final String VOSI_CAPABILITIES = "ivo://ivoa.net/std/VOSI#capabilities";
    /** Standard identifier of the VOSI availability endpoint. */
    public static final String VOSI_AVAILABILITY = "ivo://ivoa.net/std/VOSI#availability";
    /** Standard identifier of the VOSI tables endpoint (also matches {@code #tables-1.1}). */
    public static final String VOSI_TABLES = "ivo://ivoa.net/std/VOSI#tables";
    /** Standard identifier of a DALI examples document. */
    public static final String DALI_EXAMPLES = "ivo://ivoa.net/std/DALI#examples";
    /** Standard identifier of a DataLink links endpoint (also matches {@code #links-1.1}). */
    public static final String DATALINK_LINKS = "ivo://ivoa.net/std/DataLink#links";

    /**
     * Copies the lists and replaces absent limits by empty ones.
     *
     * @param capabilities every capability in the document, in document order
     * @param interfaces the interfaces of the TAP capability
     * @param dataModels the data models the TAP capability declares (e.g. ObsCore)
     * @param languages the query languages the TAP capability declares
     * @param outputFormats the output formats the TAP capability declares
     * @param uploadMethods the ivo-ids of the upload methods declared; empty means no uploads
     * @param retentionPeriod limits on the time between job creation and destruction
     * @param executionDuration limits on a job's execution duration
     * @param outputLimit limits on the size of results (MAXREC)
     * @param uploadLimit limits on the size of uploaded tables
     */
    public TapCapabilities {
        capabilities = List.copyOf(capabilities);
        interfaces = List.copyOf(interfaces);
        dataModels = List.copyOf(dataModels);
        languages = List.copyOf(languages);
        outputFormats = List.copyOf(outputFormats);
        uploadMethods = List.copyOf(uploadMethods);
        retentionPeriod = retentionPeriod == null ? Limit.none() : retentionPeriod;
        executionDuration = executionDuration == null ? Limit.none() : executionDuration;
        outputLimit = outputLimit == null ? Limit.none() : outputLimit;
        uploadLimit = uploadLimit == null ? Limit.none() : uploadLimit;
    }

    /**
     * Parses a VOSI capabilities document.
     *
     * @param in the document; not closed by this method
     * @param source where the document came from: named in messages, and the base against which
     *     relative access URLs are resolved (may be null)
     * @return the capabilities
     * @throws FormatException if the document is not XML or its root element is not
     *     {@code capabilities}
     * @throws VoException if reading the stream failed
     */
    public static TapCapabilities parse(InputStream in, URI source) throws IOException {
        Document doc = SafeXml.parse(in, source, "VOSI capabilities document");
        Element root = doc.getDocumentElement();
        if (root == null || !"capabilities".equals(Dom.localName(root))) {
            throw new FormatException("not a VOSI capabilities document: the root element is "
                    + describeElement(root) + ", expected <capabilities>", source, null);
        }
        List<Capability> all = new ArrayList<>();
        List<Interface> tapInterfaces = new ArrayList<>();
        List<DataModel> models = new ArrayList<>();
        List<Language> languages = new ArrayList<>();
        List<OutputFormat> formats = new ArrayList<>();
        List<String> uploads = new ArrayList<>();
        Limit<Duration> retention = null;
        Limit<Duration> execution = null;
        Limit<DataLimit> output = null;
        Limit<DataLimit> upload = null;
        for (Element c : Dom.children(root, "capability")) {
            Capability cap = parseCapability(c, source);
            all.add(cap);
            if (!cap.isTap()) {
                continue;
            }
            tapInterfaces.addAll(cap.interfaces());
            for (Element m : Dom.children(c, "dataModel")) {
                models.add(new DataModel(text(m), blankToNull(m.getAttribute("ivo-id"))));
            }
            for (Element l : Dom.children(c, "language")) {
                languages.add(parseLanguage(l));
            }
            for (Element f : Dom.children(c, "outputFormat")) {
                String mime = blankToNull(Dom.childText(f, "mime"));
                if (mime != null) {
                    List<String> aliases = new ArrayList<>();
                    for (Element a : Dom.children(f, "alias")) {
                        String alias = text(a);
                        if (alias != null) {
                            aliases.add(alias);
                        }
                    }
                    formats.add(new OutputFormat(mime, aliases, blankToNull(f.getAttribute("ivo-id"))));
                }
            }
            for (Element u : Dom.children(c, "uploadMethod")) {
                String id = blankToNull(u.getAttribute("ivo-id"));
                if (id != null) {
                    uploads.add(id);
                }
            }
            retention = retention != null ? retention : timeLimit(c, "retentionPeriod");
            execution = execution != null ? execution : timeLimit(c, "executionDuration");
            output = output != null ? output : dataLimit(c, "outputLimit");
            upload = upload != null ? upload : dataLimit(c, "uploadLimit");
        }
        return new TapCapabilities(all, tapInterfaces, models, languages, formats, uploads, retention, execution,
                output, upload);
    }

    /**
     * Returns the first capability with a standard identifier, ignoring case. A capability whose
     * identifier adds a version suffix to the one asked for also matches, so that
     * {@link #VOSI_TABLES} finds {@code ivo://ivoa.net/std/VOSI#tables-1.1}.
     *
     * @param standardId the identifier, e.g. {@link #DALI_EXAMPLES}
     * @return the capability, if the document has one
     */
    public Optional<Capability> capability(String standardId) {
        return capabilities.stream().filter(c -> c.is(standardId)).findFirst();
    }

    /**
     * Returns the access URL of the first interface of the first capability with a standard
     * identifier (matched as by {@link #capability(String)}).
     *
     * @param standardId the identifier
     * @return the URL, if there is such a capability with an access URL
     */
    public Optional<URI> accessUrl(String standardId) {
        return capabilities.stream().filter(c -> c.is(standardId)).map(Capability::accessUrl)
                .flatMap(Optional::stream).findFirst();
    }

    /**
     * Returns the URL of the VOSI tables endpoint, if the document declares one.
     *
     * @return the URL
     */
    public Optional<URI> tablesUrl() {
        return accessUrl(VOSI_TABLES);
    }

    /**
     * Returns the URL of the DALI examples document, if the document declares one.
     *
     * @return the URL
     */
    public Optional<URI> examplesUrl() {
        return accessUrl(DALI_EXAMPLES);
    }

    /**
     * Returns the TAP base URL: the access URL of the TAP capability's standard interface,
     * preferring one open to anonymous users and then the highest TAP version.
     *
     * @return the URL, if the document has a TAP capability with an access URL
     */
    public Optional<URI> baseUrl() {
        return bestInterface(true).or(() -> bestInterface(false)).flatMap(Interface::accessUrl);
    }

    private Optional<Interface> bestInterface(boolean anonymousOnly) {
        Interface best = null;
        for (Interface i : interfaces) {
            if (i.accessUrl().isEmpty() || (anonymousOnly && !i.anonymous())) {
                continue;
            }
            if (best == null || rank(i) > rank(best)) {
                best = i;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int rank(Interface i) {
        int r = i.isStandard() ? 1000 : 0;
        return r + (i.version() == null ? 10 : compareVersionKey(i.version()));
    }

    private static int compareVersionKey(String v) {
        try {
            return (int) Math.round(Double.parseDouble(v.strip()) * 10);
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    /**
     * Returns the TAP version of the standard interface: its {@code version} attribute, or
     * "1.0" when none is given (as TAP 1.1 prescribes for unversioned interfaces). With several
     * standard interfaces the highest version wins.
     *
     * @return the version, or "1.0"
     */
    public String tapVersion() {
        String best = null;
        for (Interface i : interfaces) {
            if (i.isStandard() && i.version() != null
                    && (best == null || compareVersionKey(i.version()) > compareVersionKey(best))) {
                best = i.version();
            }
        }
        return best == null ? "1.0" : best;
    }

    /**
     * Returns the language with a name (ignoring case), e.g. "ADQL".
     *
     * @param name the language name without version
     * @return the language, if declared
     */
    public Optional<Language> language(String name) {
        return languages.stream().filter(l -> l.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /**
     * Returns every language feature of every language, in document order.
     *
     * @return the features
     */
    public List<LanguageFeature> features() {
        return languages.stream().flatMap(l -> l.features().stream()).toList();
    }

    /**
     * Tells whether any declared language has a feature. The type may be the full identifier
     * (e.g. {@link #FEATURE_ADQL_SETS}) or the part after {@code #} ({@code "features-adql-sets"});
     * the form is compared ignoring case and runs of white space, and a form without parentheses
     * also matches a function declared with its signature ({@code "ivo_hasword"} matches
     * {@code ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER}).
     *
     * @param typeIdOrSuffix the feature type
     * @param form the feature's form, e.g. "UNION"
     * @return whether the service declares the feature
     */
    public boolean supportsFeature(String typeIdOrSuffix, String form) {
        return languages.stream().anyMatch(l -> l.supports(typeIdOrSuffix, form));
    }

    /**
     * Tells whether the service declares the ADQL set operation UNION. Services that predate
     * ADQL 2.1 usually do not declare it, and many of them indeed reject it.
     *
     * @return whether UNION is declared
     */
    public boolean supportsUnion() {
        return supportsFeature(FEATURE_ADQL_SETS, "UNION");
    }

    /**
     * Tells whether the service declares a user-defined function, comparing function names
     * ignoring case and any signature.
     *
     * @param name the function name, e.g. "ivo_hasword" (a full signature is also accepted)
     * @return whether the function is declared
     */
    public boolean supportsUdf(String name) {
        String wanted = functionName(name);
        return features().stream()
                .anyMatch(f -> f.hasType(FEATURE_UDF) && functionName(f.form()).equalsIgnoreCase(wanted));
    }

    /**
     * Returns the declared user-defined functions.
     *
     * @return the UDF features, in document order
     */
    public List<LanguageFeature> udfs() {
        return features().stream().filter(f -> f.hasType(FEATURE_UDF)).toList();
    }

    /**
     * Tells whether an output format is declared, by MIME type or alias, ignoring case.
     *
     * @param mimeOrAlias e.g. "application/x-votable+xml" or "csv"
     * @return whether the format is declared
     */
    public boolean supportsOutputFormat(String mimeOrAlias) {
        return outputFormats.stream().anyMatch(f -> f.matches(mimeOrAlias));
    }

    /**
     * Tells whether the service declares any upload method.
     *
     * @return whether uploads are supported
     */
    public boolean supportsUpload() {
        return !uploadMethods.isEmpty();
    }

    /**
     * Tells whether the service declares inline uploads (the table in the request body).
     *
     * @return whether inline uploads are supported
     */
    public boolean supportsInlineUpload() {
        return supportsUploadMethod(UPLOAD_INLINE);
    }

    /**
     * Tells whether the service declares an upload method, given by full identifier or by the part
     * after {@code #} ({@code "upload-https"}).
     *
     * @param idOrSuffix the method
     * @return whether it is declared
     */
    public boolean supportsUploadMethod(String idOrSuffix) {
        return uploadMethods.stream().anyMatch(m -> idMatches(m, idOrSuffix));
    }

    /**
     * Returns a multi-line summary for people: TAP version and base URL, languages with their
     * versions and features by type, output formats, upload methods, limits, and the other
     * capabilities with their URLs.
     *
     * @return the summary, ending with a newline
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("TAP ").append(tapVersion());
        baseUrl().ifPresent(u -> sb.append(" at ").append(u));
        sb.append('\n');
        if (languages.isEmpty()) {
            sb.append("Languages: none declared (no TAPRegExt metadata)\n");
        } else {
            sb.append("Languages:\n");
            for (Language l : languages) {
                sb.append("  ").append(l.name());
                if (!l.versions().isEmpty()) {
                    sb.append(' ').append(l.versions().stream().map(LanguageVersion::version)
                            .collect(Collectors.joining(", ")));
                }
                String desc = l.description();
                if (desc != null && !desc.equalsIgnoreCase(l.name())
                        && l.versions().stream().noneMatch(v -> desc.equalsIgnoreCase(l.name() + " " + v.version()))) {
                    sb.append(" (").append(abbreviate(collapse(desc), 72)).append(')');
                }
                sb.append('\n');
                for (Map.Entry<String, List<LanguageFeature>> e : l.featuresByType().entrySet()) {
                    sb.append("    ").append(shortId(e.getKey())).append(':');
                    boolean functions = e.getValue().stream().anyMatch(f -> f.form().indexOf('(') >= 0);
                    if (functions) {
                        // some services list a signature twice; once is enough here
                        e.getValue().stream().map(LanguageFeature::form).distinct()
                                .forEach(form -> sb.append("\n      ").append(form));
                        sb.append('\n');
                    } else {
                        sb.append(' ').append(e.getValue().stream().map(LanguageFeature::form)
                                .collect(Collectors.joining(", "))).append('\n');
                    }
                }
            }
        }
        if (!dataModels.isEmpty()) {
            sb.append("Data models: ").append(dataModels.stream().map(DataModel::name)
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (outputFormats.isEmpty()) {
            sb.append("Output formats: none declared (VOTable is mandatory)\n");
        } else {
            sb.append("Output formats:\n");
            for (OutputFormat f : outputFormats) {
                sb.append("  ").append(f.mime());
                if (!f.aliases().isEmpty()) {
                    sb.append(" (").append(String.join(", ", f.aliases())).append(')');
                }
                sb.append('\n');
            }
        }
        sb.append("Upload methods: ").append(uploadMethods.isEmpty() ? "none (uploads not supported)"
                : uploadMethods.stream().map(TapCapabilities::shortId).collect(Collectors.joining(", ")))
                .append('\n');
        sb.append("Output limit: ").append(outputLimit.describe(DataLimit::toString)).append('\n');
        sb.append("Upload limit: ").append(uploadLimit.describe(DataLimit::toString)).append('\n');
        sb.append("Retention period: ").append(retentionPeriod.describe(TapCapabilities::human)).append('\n');
        sb.append("Execution duration: ").append(executionDuration.describe(TapCapabilities::human)).append('\n');
        List<Capability> others = capabilities.stream().filter(c -> !c.isTap()).toList();
        if (!others.isEmpty()) {
            sb.append("Other capabilities:\n");
            for (Capability c : others) {
                sb.append("  ").append(c.standardId() == null ? "(no standardID)" : c.standardId());
                c.accessUrl().ifPresent(u -> sb.append("  ").append(u));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ parsing helpers

    private static Capability parseCapability(Element c, URI source) {
        List<Interface> interfaces = new ArrayList<>();
        for (Element i : Dom.children(c, "interface")) {
            List<AccessUrl> urls = new ArrayList<>();
            for (Element a : Dom.children(i, "accessURL")) {
                URI u = toUri(text(a), source);
                if (u != null) {
                    urls.add(new AccessUrl(u, blankToNull(a.getAttribute("use"))));
                }
            }
            List<String> security = new ArrayList<>();
            List<Element> methods = Dom.children(i, "securityMethod");
            boolean anonymous = methods.isEmpty();
            for (Element m : methods) {
                String id = blankToNull(m.getAttribute("standardID"));
                if (id == null) {
                    anonymous = true;
                } else {
                    security.add(id);
                }
            }
            interfaces.add(new Interface(localType(Dom.attr(i, "type")), blankToNull(i.getAttribute("role")),
                    blankToNull(i.getAttribute("version")), urls, security, anonymous));
        }
        return new Capability(blankToNull(c.getAttribute("standardID")), localType(Dom.attr(c, "type")),
                blankToNull(Dom.childText(c, "description")), interfaces);
    }

    private static Language parseLanguage(Element l) {
        List<LanguageVersion> versions = new ArrayList<>();
        for (Element v : Dom.children(l, "version")) {
            String version = text(v);
            if (version != null) {
                versions.add(new LanguageVersion(version, blankToNull(v.getAttribute("ivo-id"))));
            }
        }
        List<LanguageFeature> features = new ArrayList<>();
        for (Element list : Dom.children(l, "languageFeatures")) {
            String type = blankToNull(list.getAttribute("type"));
            for (Element f : Dom.children(list, "feature")) {
                String form = blankToNull(Dom.childText(f, "form"));
                if (form != null) {
                    features.add(new LanguageFeature(type == null ? "" : type, collapse(form),
                            blankToNull(Dom.childText(f, "description"))));
                }
            }
        }
        String name = blankToNull(Dom.childText(l, "name"));
        return new Language(name == null ? "" : name, versions, blankToNull(Dom.childText(l, "description")),
                features);
    }

    private static Limit<Duration> timeLimit(Element cap, String name) {
        Element e = Dom.child(cap, name);
        if (e == null) {
            return null;
        }
        return new Limit<>(seconds(Dom.childText(e, "default")), seconds(Dom.childText(e, "hard")));
    }

    private static Optional<Duration> seconds(String s) {
        return integer(s).map(Duration::ofSeconds);
    }

    private static Limit<DataLimit> dataLimit(Element cap, String name) {
        Element e = Dom.child(cap, name);
        if (e == null) {
            return null;
        }
        return new Limit<>(size(Dom.child(e, "default")), size(Dom.child(e, "hard")));
    }

    private static Optional<DataLimit> size(Element e) {
        if (e == null) {
            return Optional.empty();
        }
        Optional<DataUnit> unit = DataUnit.parse(e.getAttribute("unit"));
        return unit.flatMap(u -> integer(e.getTextContent()).map(v -> new DataLimit(v, u)));
    }

    private static Optional<Long> integer(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(s.strip()).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static URI toUri(String s, URI source) {
        if (s == null) {
            return null;
        }
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            try {
                u = new URI(s.replace(" ", "%20"));
            } catch (URISyntaxException e2) {
                return null;
            }
        }
        if (!u.isAbsolute() && source != null && source.isAbsolute() && !source.isOpaque()) {
            u = source.resolve(u);
        }
        return u;
    }

    private static String describeElement(Element e) {
        if (e == null) {
            return "missing";
        }
        String ns = e.getNamespaceURI();
        return "<" + e.getTagName() + ">" + (ns == null ? " (no namespace)" : " in namespace " + ns);
    }

    private static String text(Element e) {
        return blankToNull(e.getTextContent());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String localType(String xsiType) {
        if (xsiType == null || xsiType.isBlank()) {
            return null;
        }
        String t = xsiType.strip();
        return t.substring(t.indexOf(':') + 1);
    }

    private static String shortId(String id) {
        int i = id.indexOf('#');
        return i >= 0 && i < id.length() - 1 ? id.substring(i + 1) : id;
    }

    private static String abbreviate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max);
        return s.substring(0, cut > max / 2 ? cut : max) + "...";
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        StringBuilder sb = new StringBuilder().append(s).append(" s");
        if (s >= 60) {
            sb.append(" (");
            long days = s / 86400;
            long hours = s % 86400 / 3600;
            long minutes = s % 3600 / 60;
            long secs = s % 60;
            String sep = "";
            if (days > 0) {
                sb.append(days).append(" d");
                sep = " ";
            }
            if (hours > 0) {
                sb.append(sep).append(hours).append(" h");
                sep = " ";
            }
            if (minutes > 0) {
                sb.append(sep).append(minutes).append(" min");
                sep = " ";
            }
            if (secs > 0) {
                sb.append(sep).append(secs).append(" s");
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** The function name of a form: the part before the first parenthesis. */
    static String functionName(String form) {
        String f = form == null ? "" : form.strip();
        int i = f.indexOf('(');
        return (i < 0 ? f : f.substring(0, i)).strip();
    }

    /**
     * Compares a declared identifier with a wanted one: full identifiers compare ignoring case,
     * with the old TAPRegExt authorities mapped onto the current one; a wanted identifier without
     * "://" is compared with the declared one's fragment. Fragments compare without hyphens and
     * underscores, so "features-adql-geo" also finds the old "features-adqlgeo".
     */
    static boolean idMatches(String declared, String wanted) {
        if (declared == null || wanted == null) {
            return false;
        }
        String d = declared.strip().toLowerCase(Locale.ROOT);
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        if (d.equals(w)) {
            return true;
        }
        if (w.contains("://")) {
            return normBase(d).equals(normBase(w)) && squash(fragment(d)).equals(squash(fragment(w)));
        }
        String frag = w.startsWith("#") ? w.substring(1) : w;
        return !frag.isEmpty() && squash(fragment(d)).equals(squash(frag));
    }

    private static String normBase(String id) {
        int i = id.indexOf('#');
        String base = i < 0 ? id : id.substring(0, i);
        if (base.equals("ivo://ivoa.net/tapregext") || base.equals("ivo://ivoa.org/tapregext")
                || base.equals("ivo://ivoa.org/std/tapregext")) {
            return "ivo://ivoa.net/std/tapregext";
        }
        return base;
    }

    private static String fragment(String id) {
        int i = id.indexOf('#');
        return i < 0 ? id : id.substring(i + 1);
    }

    private static String squash(String s) {
        return s.replace("-", "").replace("_", "");
    }

    // ------------------------------------------------------------------ value types

    /**
     * One capability of the service, as listed in the capabilities document.
     *
     * @param standardId the {@code standardID} attribute, or null if absent
     * @param type the local part of the capability's {@code xsi:type} (e.g. "TableAccess"), or null
     * @param description the capability's description, or null
     * @param interfaces the capability's interfaces
     */
    public record Capability(String standardId, String type, String description, List<Interface> interfaces) {

        /**
         * Copies the interface list.
         *
         * @param standardId the {@code standardID} attribute, or null if absent
         * @param type the local part of the capability's {@code xsi:type}, or null
         * @param description the capability's description, or null
         * @param interfaces the capability's interfaces
         */
        public Capability {
            interfaces = List.copyOf(interfaces);
        }

        /**
         * Tells whether this capability has a standard identifier, ignoring case; an identifier
         * that adds a "-version" suffix to the wanted one also matches.
         *
         * @param id the wanted identifier
         * @return whether it matches
         */
        public boolean is(String id) {
            if (standardId == null || id == null) {
                return false;
            }
            String mine = standardId.strip().toLowerCase(Locale.ROOT);
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            return mine.equals(wanted) || mine.startsWith(wanted + "-");
        }

        /**
         * Tells whether this is a TAP capability: its standard identifier is TAP's (with or
         * without a fragment), or its type is TAPRegExt's {@code TableAccess}.
         *
         * @return whether this is TAP
         */
        public boolean isTap() {
            if ("TableAccess".equals(type)) {
                return true;
            }
            if (standardId == null) {
                return false;
            }
            String id = standardId.strip().toLowerCase(Locale.ROOT);
            int i = id.indexOf('#');
            return (i < 0 ? id : id.substring(0, i)).equals("ivo://ivoa.net/std/tap");
        }

        /**
         * Returns the first access URL, preferring standard interfaces.
         *
         * @return the URL, if any interface has one
         */
        public Optional<URI> accessUrl() {
            return interfaces.stream().filter(Interface::isStandard).map(Interface::accessUrl)
                    .flatMap(Optional::stream).findFirst()
                    .or(() -> interfaces.stream().map(Interface::accessUrl).flatMap(Optional::stream).findFirst());
        }
    }

    /**
     * One interface of a capability.
     *
     * @param type the local part of the interface's {@code xsi:type} (e.g. "ParamHTTP"), or null
     * @param role the {@code role} attribute ("std" for the standard interface), or null
     * @param version the {@code version} attribute (TAP 1.1 writes "1.1"), or null
     * @param accessUrls the access URLs, resolved against the document's URL if relative
     * @param securityMethods the standard identifiers of the declared security methods
     * @param anonymous whether the interface can be used without authentication: no security
     *     method is declared, or one without a standard identifier is
     */
    public record Interface(String type, String role, String version, List<AccessUrl> accessUrls,
                            List<String> securityMethods, boolean anonymous) {

        /**
         * Copies the lists.
         *
         * @param type the local part of the interface's {@code xsi:type}, or null
         * @param role the {@code role} attribute ("std" for the standard interface), or null
         * @param version the {@code version} attribute (TAP 1.1 writes "1.1"), or null
         * @param accessUrls the access URLs, resolved against the document's URL if relative
         * @param securityMethods the standard identifiers of the declared security methods
         * @param anonymous whether the interface can be used without authentication
         */
        public Interface {
            accessUrls = List.copyOf(accessUrls);
            securityMethods = List.copyOf(securityMethods);
        }

        /**
         * Tells whether this is the standard interface of its capability ({@code role="std"}).
         *
         * @return whether the role is "std"
         */
        public boolean isStandard() {
            return "std".equalsIgnoreCase(role);
        }

        /**
         * Returns the first access URL.
         *
         * @return the URL, if any
         */
        public Optional<URI> accessUrl() {
            return accessUrls.stream().map(AccessUrl::url).findFirst();
        }
    }

    /**
     * An access URL of an interface.
     *
     * @param url the URL
     * @param use the {@code use} attribute ("full", "base", "post", "dir"), or null
     */
    public record AccessUrl(URI url, String use) {

        /**
         * Checks the URL is present.
         *
         * @param url the URL
         * @param use the {@code use} attribute ("full", "base", "post", "dir"), or null
         */
        public AccessUrl {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * A data model the TAP service declares (e.g. ObsCore).
     *
     * @param name the human-readable label, or null
     * @param ivoId the model's identifier, or null
     */
    public record DataModel(String name, String ivoId) {
    }

    /**
     * A query language with its versions and optional features.
     *
     * @param name the language name without version (e.g. "ADQL")
     * @param versions the versions supported
     * @param description a short description, or null
     * @param features the declared optional features, in document order
     */
    public record Language(String name, List<LanguageVersion> versions, String description,
                           List<LanguageFeature> features) {

        /**
         * Copies the lists.
         *
         * @param name the language name without version (e.g. "ADQL")
         * @param versions the versions supported
         * @param description a short description, or null
         * @param features the declared optional features, in document order
         */
        public Language {
            Objects.requireNonNull(name, "name");
            versions = List.copyOf(versions);
            features = List.copyOf(features);
        }

        /**
         * Returns the features grouped by type, types in order of first appearance.
         *
         * @return an unmodifiable map from type identifier to features
         */
        public Map<String, List<LanguageFeature>> featuresByType() {
            Map<String, List<LanguageFeature>> out = new LinkedHashMap<>();
            for (LanguageFeature f : features) {
                out.computeIfAbsent(f.type(), k -> new ArrayList<>()).add(f);
            }
            out.replaceAll((k, v) -> List.copyOf(v));
            return Collections.unmodifiableMap(out);
        }

        /**
         * Returns the features of one type.
         *
         * @param typeIdOrSuffix the full type identifier or the part after {@code #}
         * @return the features, in document order
         */
        public List<LanguageFeature> features(String typeIdOrSuffix) {
            return features.stream().filter(f -> f.hasType(typeIdOrSuffix)).toList();
        }

        /**
         * Tells whether this language declares a feature, compared as by
         * {@link TapCapabilities#supportsFeature(String, String)}.
         *
         * @param typeIdOrSuffix the feature type
         * @param form the form
         * @return whether it is declared
         */
        public boolean supports(String typeIdOrSuffix, String form) {
            return features.stream().anyMatch(f -> f.hasType(typeIdOrSuffix) && f.matchesForm(form));
        }

        /**
         * Returns the values the TAP {@code LANG} parameter accepts for this language: the name
         * and each name-version pair (e.g. "ADQL", "ADQL-2.0", "ADQL-2.1").
         *
         * @return the values
         */
        public List<String> langValues() {
            List<String> out = new ArrayList<>();
            out.add(name);
            for (LanguageVersion v : versions) {
                out.add(name + "-" + v.version());
            }
            return List.copyOf(out);
        }
    }

    /**
     * One version of a query language.
     *
     * @param version the version, e.g. "2.0"
     * @param ivoId the identifier of the language version, or null
     */
    public record LanguageVersion(String version, String ivoId) {
    }

    /**
     * One optional feature of a query language.
     *
     * @param type the feature type identifier from the enclosing {@code languageFeatures}
     *     (e.g. {@link TapCapabilities#FEATURE_UDF}); "" if the service gave none
     * @param form the formal notation, white space collapsed (e.g. "UNION", or a UDF signature)
     * @param description a human-readable description, or null
     */
    public record LanguageFeature(String type, String form, String description) {

        /**
         * Checks the required fields.
         *
         * @param type the feature type identifier, "" if none was given
         * @param form the formal notation, white space collapsed
         * @param description a human-readable description, or null
         */
        public LanguageFeature {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(form, "form");
        }

        /**
         * Returns the function name of a function-like form (the part before the parenthesis),
         * or the whole form.
         *
         * @return e.g. "ivo_hasword"
         */
        public String name() {
            return functionName(form);
        }

        /**
         * Tells whether this feature has a type, given by full identifier or by the part after
         * {@code #}; old TAPRegExt identifiers are understood.
         *
         * @param typeIdOrSuffix the type
         * @return whether it matches
         */
        public boolean hasType(String typeIdOrSuffix) {
            return idMatches(type, typeIdOrSuffix);
        }

        /**
         * Tells whether this feature has a form, ignoring case and white-space runs; a wanted
         * form without parentheses also matches this feature's function name.
         *
         * @param wanted the form
         * @return whether it matches
         */
        public boolean matchesForm(String wanted) {
            if (wanted == null) {
                return false;
            }
            String w = collapse(wanted);
            if (form.equalsIgnoreCase(w)) {
                return true;
            }
            return w.indexOf('(') < 0 && name().equalsIgnoreCase(w);
        }
    }

    /**
     * An output format.
     *
     * @param mime the MIME type, which the FORMAT parameter accepts
     * @param aliases other FORMAT values giving the same format (e.g. "votable", "csv")
     * @param ivoid the format's identifier, or null
     */
    public record OutputFormat(String mime, List<String> aliases, String ivoid) {

        /**
         * Copies the aliases.
         *
         * @param mime the MIME type, which the FORMAT parameter accepts
         * @param aliases other FORMAT values giving the same format (e.g. "votable", "csv")
         * @param ivoid the format's identifier, or null
         */
        public OutputFormat {
            Objects.requireNonNull(mime, "mime");
            aliases = List.copyOf(aliases);
        }

        /**
         * Tells whether a FORMAT value names this format: the MIME type or an alias, ignoring case.
         *
         * @param mimeOrAlias the value
         * @return whether it matches
         */
        public boolean matches(String mimeOrAlias) {
            if (mimeOrAlias == null) {
                return false;
            }
            String s = mimeOrAlias.strip();
            return mime.equalsIgnoreCase(s) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(s));
        }
    }

    /**
     * A pair of limits as TAPRegExt states them: the value new jobs get, and the value a client
     * cannot raise a job above. Either may be absent.
     *
     * @param defaultValue the default for new jobs
     * @param hard the maximum
     * @param <T> {@link Duration} for time limits, {@link DataLimit} for size limits
     */
    public record Limit<T>(Optional<T> defaultValue, Optional<T> hard) {

        /**
         * Replaces null by empty.
         *
         * @param defaultValue the default for new jobs
         * @param hard the maximum
         */
        public Limit {
            defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
            hard = hard == null ? Optional.empty() : hard;
        }

        /**
         * Returns a limit with neither value.
         *
         * @param <T> the value type
         * @return the empty limit
         */
        public static <T> Limit<T> none() {
            return new Limit<>(Optional.empty(), Optional.empty());
        }

        /**
         * Tells whether neither value is given.
         *
         * @return whether the limit says nothing
         */
        public boolean isEmpty() {
            return defaultValue.isEmpty() && hard.isEmpty();
        }

        /**
         * Renders the limit as "default X, hard Y", or "not stated".
         *
         * @param format renders one value
         * @return the text
         */
        public String describe(Function<? super T, String> format) {
            if (isEmpty()) {
                return "not stated";
            }
            List<String> parts = new ArrayList<>();
            defaultValue.ifPresent(v -> parts.add("default " + format.apply(v)));
            hard.ifPresent(v -> parts.add("hard " + format.apply(v)));
            return String.join(", ", parts);
        }
    }

    /**
     * A size limit: a number of rows or of bytes.
     *
     * @param value the number
     * @param unit rows or bytes
     */
    public record DataLimit(long value, DataUnit unit) {

        /**
         * Checks the unit is present.
         *
         * @param value the number
         * @param unit rows or bytes
         */
        public DataLimit {
            Objects.requireNonNull(unit, "unit");
        }

        /**
         * Returns e.g. "2000 rows".
         */
        @Override
        public String toString() {
            return value + " " + unit.label();
        }
    }

    /**
     * The unit of a {@link DataLimit}.
     */
    public enum DataUnit {
        /** Table rows. */
        ROWS,
        /** Bytes. */
        BYTES;

        /**
         * Returns the unit as TAPRegExt writes it.
         *
         * @return "rows" or "bytes"
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads a TAPRegExt unit attribute, accepting singular and plural and any case. A missing
         * attribute means rows (the schema requires it, and MAXREC counts rows).
         *
         * @param s the attribute value, possibly empty or null
         * @return the unit, or empty for anything else
         */
        public static Optional<DataUnit> parse(String s) {
            String u = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
            return switch (u) {
                case "", "row", "rows" -> Optional.of(ROWS);
                case "byte", "bytes" -> Optional.of(BYTES);
                default -> Optional.empty();
            };
        }
    }
}
