package org.vokit.datalink;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vokit.FormatException;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * A DataLink {@code {links}} document: the links of one or more datasets and the service
 * descriptors their {@code service_def}s refer to.
 *
 * <pre>{@code
 * DatalinkDocument doc = DatalinkDocument.fetch(http, url, Deadline.in(Duration.ofSeconds(30)));
 * for (Link l : doc.bySemantics("#preview")) { ... }   // also #preview-image, #preview-plot, ...
 * }</pre>
 *
 * <p>Instances are immutable. The document is read in one streaming pass through
 * {@link VotableReader} (hardened XML parser, STIL's VOTable decoder).
 */
public final class DatalinkDocument {

    private final URI source;
    private final List<String> requestedIds;
    private final List<Link> links;
    private final List<ServiceDescriptor> descriptors;
    private final SemanticsVocabulary vocabulary;

    private DatalinkDocument(URI source, List<String> requestedIds, List<Link> links,
                             List<ServiceDescriptor> descriptors, SemanticsVocabulary vocabulary) {
        this.source = source;
        this.requestedIds = List.copyOf(requestedIds);
        this.links = List.copyOf(links);
        this.descriptors = List.copyOf(descriptors);
        this.vocabulary = vocabulary;
    }

    /**
     * Reads a DataLink document.
     *
     * @param in the document; not closed
     * @param source where it came from, for messages
     * @return the document
     * @throws org.vokit.QueryException if the document reports {@code QUERY_STATUS=ERROR}
     * @throws FormatException if it is not a VOTable with the DataLink columns
     * @throws IOException if reading fails
     */
    public static DatalinkDocument read(InputStream in, URI source) throws IOException {
        return read(in, source, List.of());
    }

    static DatalinkDocument read(InputStream in, URI source, Collection<String> requestedIds) throws IOException {
        LinkSink sink = new LinkSink();
        DocumentInfo info;
        try {
            info = VotableReader.read(in, source, sink, true);
        } catch (uk.ac.starlink.table.TableFormatException e) {
            throw new FormatException(e.getMessage(), source, e);
        }
        return new DatalinkDocument(source, List.copyOf(requestedIds), sink.links,
                ServiceDescriptor.ofAll(info.serviceDescriptors()), SemanticsVocabulary.bundled());
    }

    /**
     * Fetches a DataLink document with GET (for example the {@code access_url} of a dataset whose
     * format is the DataLink media type), following redirects.
     *
     * @param http the HTTP client
     * @param url the document's http(s) URL
     * @param deadline the time allowed
     * @return the document
     * @throws IOException if the request fails or the answer is not a DataLink document
     */
    public static DatalinkDocument fetch(VoHttp http, URI url, Deadline deadline) throws IOException {
        requireHttp(url);
        try (VoResponse resp = http.send(VoRequest.get(url), deadline)) {
            return fromResponse(resp, List.of());
        }
    }

    static DatalinkDocument fromResponse(VoResponse resp, Collection<String> requestedIds) throws IOException {
        if (!resp.isSuccess()) {
            throw ServiceErrors.from(resp);
        }
        String ct = resp.contentType().toLowerCase(Locale.ROOT);
        if (ct.startsWith("text/html")) {
            String head = new String(resp.body().readNBytes(300), java.nio.charset.StandardCharsets.UTF_8);
            throw new FormatException("the service sent an HTML page, not a DataLink document: "
                    + head.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip(), resp.uri(), null);
        }
        return read(resp.body(), resp.uri(), requestedIds);
    }

    static void requireHttp(URI url) {
        if (Link.httpUri(url == null ? null : url.toString()).isEmpty()) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
    }

    /**
     * Returns a copy that matches semantics with another vocabulary (for example one fetched
     * with {@link SemanticsVocabulary#fetch}).
     *
     * @param voc the vocabulary
     * @return the copy
     */
    public DatalinkDocument withVocabulary(SemanticsVocabulary voc) {
        return new DatalinkDocument(source, requestedIds, links, descriptors, java.util.Objects.requireNonNull(voc));
    }

    /** @return where the document came from (after redirects) */
    public URI source() {
        return source;
    }

    /**
     * Returns the identifiers the request for this document carried (several when the request
     * was batched); empty for a document fetched by URL.
     *
     * @return the requested IDs, in request order
     */
    public List<String> requestedIds() {
        return requestedIds;
    }

    /** @return every link, in document order */
    public List<Link> links() {
        return links;
    }

    /** @return the service descriptors in the document */
    public List<ServiceDescriptor> serviceDescriptors() {
        return descriptors;
    }

    /** @return the vocabulary semantics are matched with */
    public SemanticsVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Returns the dataset identifiers the document has links for.
     *
     * @return distinct IDs in document order
     */
    public List<String> ids() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (Link l : links) {
            if (l.id() != null) {
                ids.add(l.id());
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Returns the links of one dataset.
     *
     * @param id the dataset identifier
     * @return its links (including error rows), in document order
     */
    public List<Link> linksFor(String id) {
        return links.stream().filter(l -> id.equals(l.id())).toList();
    }

    /**
     * Returns the links whose semantics is a term or narrower than it, per the IVOA
     * datalink/core vocabulary: {@code #preview} also finds {@code #preview-image} and
     * {@code #preview-plot}. Error rows are included (test {@link Link#isError()}).
     *
     * @param term the semantics, with or without {@code #}, or a full URI
     * @return the matching links, in document order
     */
    public List<Link> bySemantics(String term) {
        return bySemantics(links, term, vocabulary);
    }

    static List<Link> bySemantics(List<Link> links, String term, SemanticsVocabulary voc) {
        java.util.Set<String> wanted = voc.withNarrower(term);
        return links.stream().filter(l -> {
            String s = l.semanticsTerm();
            return s != null && wanted.contains(s);
        }).toList();
    }

    /** @return the rows that report an error instead of a link */
    public List<Link> errors() {
        return links.stream().filter(Link::isError).toList();
    }

    /**
     * Returns a service descriptor by its RESOURCE {@code ID}.
     *
     * @param descriptorId the ID
     * @return the descriptor, if the document has it
     */
    public Optional<ServiceDescriptor> descriptor(String descriptorId) {
        return descriptors.stream().filter(d -> descriptorId.equals(d.id())).findFirst();
    }

    /**
     * Returns the service descriptor a link refers to with {@code service_def}.
     *
     * @param link a link of this document
     * @return the descriptor, if the link has a {@code service_def} and the document defines it
     */
    public Optional<ServiceDescriptor> descriptorFor(Link link) {
        return link.serviceDef() == null ? Optional.empty() : descriptor(link.serviceDef());
    }

    /**
     * Finds the synchronous SODA service for a dataset: the descriptor a link of that dataset
     * names in {@code service_def} (the {@code #proc} or {@code #cutout} sibling of its
     * {@code #this}), or else the only SODA descriptor of the document, unless that one is fixed
     * to another dataset.
     *
     * @param id the dataset identifier, or null for the document's first dataset
     * @return the service, with its ID parameter filled
     */
    public Optional<Soda> soda(String id) {
        String dataset = id != null ? id : ids().stream().findFirst().orElse(null);
        if (dataset != null) {
            for (Link l : linksFor(dataset)) {
                Optional<ServiceDescriptor> d = descriptorFor(l).filter(ServiceDescriptor::isSodaSync);
                if (d.isPresent() && d.get().accessUri().isPresent()) {
                    return Optional.of(Soda.of(d.get(), dataset));
                }
            }
        }
        List<ServiceDescriptor> sodas = descriptors.stream()
                .filter(d -> d.isSodaSync() && d.accessUri().isPresent()).toList();
        if (sodas.size() == 1) {
            ServiceDescriptor d = sodas.get(0);
            String fixedId = d.param("ID").map(InputParam::value).orElse(null);
            if (fixedId != null && dataset != null && !fixedId.equals(dataset)) {
                return Optional.empty();
            }
            if (fixedId == null && dataset == null) {
                return Optional.empty();
            }
            return Optional.of(Soda.of(d, fixedId != null ? fixedId : dataset));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DatalinkDocument[" + links.size() + " links for " + ids().size() + " datasets, "
                + descriptors.size() + " service descriptors, from " + source + "]";
    }

    /** Turns the rows of a {links} table into Links as they stream in. */
    private static final class LinkSink implements TableSink {
        private final List<Link> links = new ArrayList<>();
        private int id = -1;
        private int accessUrl = -1;
        private int serviceDef = -1;
        private int errorMessage = -1;
        private int semantics = -1;
        private int description = -1;
        private int contentType = -1;
        private int contentLength = -1;
        private int localSemantics = -1;
        private int linkAuth = -1;
        private int linkAuthorized = -1;

        @Override
        public void acceptMetadata(StarTable meta) throws uk.ac.starlink.table.TableFormatException {
            for (int i = 0; i < meta.getColumnCount(); i++) {
                ColumnInfo c = meta.getColumnInfo(i);
                String n = c.getName() == null ? "" : c.getName().toLowerCase(Locale.ROOT);
                switch (n) {
                    case "id" -> id = i;
                    case "access_url" -> accessUrl = i;
                    case "service_def" -> serviceDef = i;
                    case "error_message" -> errorMessage = i;
                    case "semantics" -> semantics = i;
                    case "description" -> description = i;
                    case "content_type" -> contentType = i;
                    case "content_length" -> contentLength = i;
                    case "local_semantics" -> localSemantics = i;
                    case "link_auth" -> linkAuth = i;
                    case "link_authorized" -> linkAuthorized = i;
                    default -> {
                        // other columns (e.g. content_qualifier) are not part of Link
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            if (id < 0) {
                missing.add("ID");
            }
            if (accessUrl < 0) {
                missing.add("access_url");
            }
            if (semantics < 0) {
                missing.add("semantics");
            }
            if (!missing.isEmpty()) {
                throw new uk.ac.starlink.table.TableFormatException("not a DataLink document: the table has no column "
                        + String.join(", ", missing));
            }
        }

        @Override
        public void acceptRow(Object[] row) {
            links.add(new Link(str(row, id), str(row, accessUrl), str(row, serviceDef), str(row, errorMessage),
                    str(row, semantics), str(row, description), str(row, contentType), lng(row, contentLength),
                    str(row, localSemantics), str(row, linkAuth), bool(row, linkAuthorized)));
        }

        @Override
        public void endRows() {
        }

        private static String str(Object[] row, int i) {
            if (i < 0 || i >= row.length || row[i] == null) {
                return null;
            }
            return row[i].toString();
        }

        private static Long lng(Object[] row, int i) {
            if (i < 0 || i >= row.length || row[i] == null) {
                return null;
            }
            if (row[i] instanceof Number n) {
                return n.longValue();
            }
            try {
                return Long.parseLong(row[i].toString().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static Boolean bool(Object[] row, int i) {
            if (i < 0 || i >= row.length || row[i] == null) {
                return null;
            }
            if (row[i] instanceof Boolean b) {
                return b;
            }
            String s = row[i].toString().strip().toLowerCase(Locale.ROOT);
            return s.equals("true") || s.equals("t") || s.equals("1") ? Boolean.TRUE
                    : s.equals("false") || s.equals("f") || s.equals("0") ? Boolean.FALSE : null;
        }
    }
}
