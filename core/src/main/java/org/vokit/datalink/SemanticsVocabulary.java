package org.vokit.datalink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.vokit.FormatException;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;

/**
 * The IVOA {@code datalink/core} vocabulary of link semantics ({@code #this}, {@code #preview},
 * {@code #calibration}, ...) with its wider/narrower relations, so that asking for a term also
 * finds links labelled with a narrower one: {@code #preview} matches {@code #preview-image} and
 * {@code #preview-plot}, {@code #auxiliary} matches {@code #weight}, {@code #error} and
 * {@code #noise}, {@code #calibration} matches {@code #bias}, {@code #dark} and {@code #flat}.
 *
 * <p>{@link #bundled()} is a copy shipped with vokit (resource
 * {@code org/vokit/datalink/datalink-core.desise}, CC-0, see the NOTICE beside it), so nothing
 * is fetched unless a program asks for the current version with {@link #fetch(VoHttp, Deadline)}.
 * Instances are immutable.
 */
public final class SemanticsVocabulary {

    /** The vocabulary's URI; a term's full URI is this plus {@code #term}. */
    public static final URI CORE_URI = URI.create("http://www.ivoa.net/rdf/datalink/core");

    private static final String RESOURCE = "datalink-core.desise";
    private static final int MAX_DOCUMENT = 4 << 20;

    /**
     * One term of the vocabulary.
     *
     * @param name the term without {@code #}, e.g. {@code preview-image}
     * @param label the human-readable label
     * @param description the definition
     * @param wider the terms this one is narrower than
     * @param narrower the terms directly narrower than this one
     * @param preliminary whether the term is not yet approved
     * @param deprecated whether the term should no longer be used
     */
    public record Term(String name, String label, String description, List<String> wider, List<String> narrower,
                       boolean preliminary, boolean deprecated) {

        /**
         * Copies the lists.
         *
         * @param name name
         * @param label label
         * @param description description
         * @param wider wider terms
         * @param narrower narrower terms
         * @param preliminary preliminary flag
         * @param deprecated deprecated flag
         */
        public Term {
            wider = List.copyOf(wider);
            narrower = List.copyOf(narrower);
        }
    }

    /** The shipped copy, parsed once when first asked for. */
    private static final class Bundled {
        static final SemanticsVocabulary INSTANCE = load();

        private static SemanticsVocabulary load() {
            try (InputStream in = SemanticsVocabulary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from the vokit jar");
                }
                return parse(in, CORE_URI);
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled datalink vocabulary is unreadable", e);
            }
        }
    }

    private final URI source;
    private final Map<String, Term> terms;

    private SemanticsVocabulary(URI source, Map<String, Term> terms) {
        this.source = source;
        this.terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /**
     * Returns the copy of the vocabulary shipped with vokit.
     *
     * @return the vocabulary
     */
    public static SemanticsVocabulary bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * Parses a vocabulary in the IVOA "desise" JSON layout, either the current one (each term an
     * object with {@code label}, {@code description}, {@code wider}, {@code narrower}) or the
     * older one (each term a {@code [label, description]} pair, relations in
     * {@code wider_terms}). Narrower relations are completed from wider ones and vice versa.
     *
     * @param in the document (read to the end, not closed)
     * @param source where it came from, for messages
     * @return the vocabulary
     * @throws FormatException if it is not a desise document
     * @throws IOException if reading fails
     */
    public static SemanticsVocabulary parse(InputStream in, URI source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_DOCUMENT + 1);
        if (bytes.length > MAX_DOCUMENT) {
            throw new FormatException("vocabulary document larger than " + MAX_DOCUMENT + " bytes", source, null);
        }
        JSONObject root;
        try {
            root = new JSONObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (JSONException e) {
            throw new FormatException("not a desise (JSON) vocabulary: " + e.getMessage(), source, e);
        }
        JSONObject jterms = root.optJSONObject("terms");
        if (jterms == null) {
            throw new FormatException("not a desise vocabulary: no \"terms\" object", source, null);
        }
        Map<String, String[]> text = new LinkedHashMap<>();
        Map<String, Set<String>> wider = new LinkedHashMap<>();
        Map<String, Set<String>> narrower = new LinkedHashMap<>();
        Set<String> preliminary = new LinkedHashSet<>(strings(root.optJSONArray("preliminary_terms")));
        Set<String> deprecated = new LinkedHashSet<>(strings(root.optJSONArray("deprecated_terms")));
        JSONObject oldWider = root.optJSONObject("wider_terms");
        for (String name : jterms.keySet()) {
            Object v = jterms.get(name);
            wider.computeIfAbsent(name, k -> new LinkedHashSet<>());
            narrower.computeIfAbsent(name, k -> new LinkedHashSet<>());
            if (v instanceof JSONObject t) {
                text.put(name, new String[] {t.optString("label", name), t.optString("description", "")});
                wider.get(name).addAll(strings(t.optJSONArray("wider")));
                narrower.get(name).addAll(strings(t.optJSONArray("narrower")));
                if (t.has("preliminary")) {
                    preliminary.add(name);
                }
                if (t.has("deprecated")) {
                    deprecated.add(name);
                }
            } else if (v instanceof JSONArray a) {
                text.put(name, new String[] {a.optString(0, name), a.optString(1, "")});
            } else {
                throw new FormatException("not a desise vocabulary: term '" + name + "' is neither an object nor a"
                        + " [label, description] pair", source, null);
            }
            if (oldWider != null) {
                wider.get(name).addAll(strings(oldWider.optJSONArray(name)));
            }
        }
        // make the relation symmetric, whichever side the document states
        for (String name : text.keySet()) {
            for (String w : wider.get(name)) {
                narrower.computeIfAbsent(strip(w), k -> new LinkedHashSet<>()).add(name);
            }
            for (String n : narrower.get(name)) {
                wider.computeIfAbsent(strip(n), k -> new LinkedHashSet<>()).add(name);
            }
        }
        Map<String, Term> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : text.entrySet()) {
            String name = e.getKey();
            out.put(name, new Term(name, e.getValue()[0], e.getValue()[1],
                    wider.get(name).stream().map(SemanticsVocabulary::strip).toList(),
                    narrower.get(name).stream().map(SemanticsVocabulary::strip).toList(),
                    preliminary.contains(name), deprecated.contains(name)));
        }
        if (out.isEmpty()) {
            throw new FormatException("the vocabulary has no terms", source, null);
        }
        return new SemanticsVocabulary(source, out);
    }

    private static List<String> strings(JSONArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (int i = 0; i < a.length(); i++) {
                String s = a.optString(i, null);
                if (s != null && !s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    private static String strip(String t) {
        return t.startsWith("#") ? t.substring(1) : t;
    }

    /**
     * Fetches the current version of the vocabulary from {@link #CORE_URI}: the IVOA server
     * redirects a plain request to the HTML rendering of the latest version, and the desise
     * file sits beside it. Only call this when the program's user wants the network used.
     *
     * @param http the HTTP client
     * @param deadline the time allowed for both requests
     * @return the vocabulary
     * @throws IOException if it cannot be found, fetched or parsed
     */
    public static SemanticsVocabulary fetch(VoHttp http, Deadline deadline) throws IOException {
        return fetch(http, CORE_URI, deadline);
    }

    /**
     * Fetches a vocabulary: {@code url} is either a desise document or a vocabulary URI that
     * redirects to an HTML rendering with the desise file beside it
     * ({@code .../TIMESTAMP/NAME.html} next to {@code .../TIMESTAMP/NAME.desise}).
     *
     * @param http the HTTP client
     * @param url the vocabulary or desise URL
     * @param deadline the time allowed
     * @return the vocabulary
     * @throws IOException if it cannot be found, fetched or parsed
     */
    public static SemanticsVocabulary fetch(VoHttp http, URI url, Deadline deadline) throws IOException {
        URI desise;
        try (VoResponse resp = http.send(VoRequest.get(url), deadline)) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            String ct = resp.contentType().toLowerCase(java.util.Locale.ROOT);
            String path = resp.uri().getPath() == null ? "" : resp.uri().getPath();
            if (ct.contains("json") || ct.contains("desise") || path.endsWith(".desise")) {
                return parse(resp.body(), resp.uri());
            }
            if (!path.endsWith(".html")) {
                throw new FormatException("cannot locate the desise form of the vocabulary: " + url
                        + " led to " + resp.uri() + " (" + resp.contentType() + ")", url, null);
            }
            String s = resp.uri().toString();
            int q = s.indexOf('?');
            String base = q >= 0 ? s.substring(0, q) : s;
            desise = URI.create(base.substring(0, base.length() - ".html".length()) + ".desise");
        }
        try (VoResponse resp = http.send(VoRequest.get(desise), deadline)) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            return parse(resp.body(), resp.uri());
        }
    }

    /** @return where this vocabulary was read from */
    public URI source() {
        return source;
    }

    /** @return the terms, by name (without {@code #}), in document order */
    public Map<String, Term> terms() {
        return terms;
    }

    /**
     * Returns a term.
     *
     * @param term a term with or without {@code #}, or its full URI
     * @return the term, if the vocabulary has it
     */
    public Optional<Term> term(String term) {
        String n = normalise(term);
        return n == null ? Optional.empty() : Optional.ofNullable(terms.get(n));
    }

    /**
     * Returns a term and all terms narrower than it, at any depth.
     *
     * @param term a term with or without {@code #}, or its full URI
     * @return the normalised term followed by its narrower terms; just the normalised term if the
     *     vocabulary does not know it; empty for null
     */
    public Set<String> withNarrower(String term) {
        String start = normalise(term);
        Set<String> out = new LinkedHashSet<>();
        if (start == null) {
            return out;
        }
        Deque<String> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            String t = todo.poll();
            if (out.add(t)) {
                Term known = terms.get(t);
                if (known != null) {
                    todo.addAll(known.narrower());
                }
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Tells whether a link's semantics satisfies a request for a term: it is the term itself or
     * narrower than it.
     *
     * @param linkSemantics the link's {@code semantics} value
     * @param wanted the term asked for ({@code #preview}, {@code preview} or a full URI)
     * @return true if it matches
     */
    public boolean matches(String linkSemantics, String wanted) {
        String s = normalise(linkSemantics);
        return s != null && withNarrower(wanted).contains(s);
    }

    /**
     * Reduces a semantics value to the name of a core term: {@code #preview} and
     * {@code http://www.ivoa.net/rdf/datalink/core#preview} both give {@code preview}; URIs of
     * other vocabularies are kept whole.
     *
     * @param semantics a semantics value, or null
     * @return the normalised value, or null for null or blank input
     */
    public static String normalise(String semantics) {
        if (semantics == null || semantics.isBlank()) {
            return null;
        }
        String s = semantics.strip();
        if (s.startsWith("#")) {
            return s.substring(1);
        }
        int hash = s.indexOf('#');
        if (hash > 0) {
            String base = s.substring(0, hash);
            String core = CORE_URI.toString();
            if (base.equals(core) || base.equals(core.replaceFirst("^http:", "https:"))) {
                return s.substring(hash + 1);
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "SemanticsVocabulary[" + terms.size() + " terms from " + source + "]";
    }
}
