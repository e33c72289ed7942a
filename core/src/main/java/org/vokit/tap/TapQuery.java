package org.vokit.tap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.vokit.http.Param;

/**
 * A TAP query as an immutable value: the ADQL text and everything sent with it. Each
 * {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * TapQuery q = TapQuery.of("SELECT TOP 10 * FROM ivoa.obscore")
 *         .withMaxrec(10_000)
 *         .withUpload(Upload.table("mine", positions).columns("id", "ra", "dec"))
 *         .withTimeout(Duration.ofMinutes(2));
 * }</pre>
 *
 * @param adql the query text
 * @param lang the query language ({@code ADQL} unless the service offers others)
 * @param maxrec the row limit asked for, if any
 * @param responseFormat the {@code RESPONSEFORMAT} asked for, or null for the service's default (VOTable)
 * @param uploads the tables sent with the query
 * @param extraParams further parameters sent verbatim (service-specific ones)
 * @param runId a client tag for the job, or null
 * @param timeout the overall time allowed for the whole query (for async: creation, waiting and
 *     fetching the result), or null for the service's default
 */
public record TapQuery(String adql, String lang, OptionalLong maxrec, String responseFormat, List<Upload> uploads,
                       List<Param> extraParams, String runId, Duration timeout) {

    /**
     * Validates and copies the components.
     *
     * @param adql query text
     * @param lang language
     * @param maxrec row limit
     * @param responseFormat response format
     * @param uploads uploads
     * @param extraParams extra parameters
     * @param runId run id
     * @param timeout overall timeout
     */
    public TapQuery {
        Objects.requireNonNull(adql, "adql");
        if (adql.isBlank()) {
            throw new IllegalArgumentException("empty query");
        }
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(maxrec, "maxrec");
        uploads = List.copyOf(uploads);
        extraParams = List.copyOf(extraParams);
        if (maxrec.isPresent() && maxrec.getAsLong() < 0) {
            throw new IllegalArgumentException("negative maxrec " + maxrec.getAsLong());
        }
        List<String> names = new ArrayList<>();
        for (Upload u : uploads) {
            if (names.stream().anyMatch(n -> n.equalsIgnoreCase(u.name()))) {
                throw new IllegalArgumentException("two uploads are named " + u.name());
            }
            names.add(u.name());
        }
    }

    /**
     * An ADQL query with defaults for everything else.
     *
     * @param adql the query
     * @return the query value
     */
    public static TapQuery of(String adql) {
        return new TapQuery(adql, "ADQL", OptionalLong.empty(), null, List.of(), List.of(), null, null);
    }

    /**
     * @param n the row limit (MAXREC)
     * @return a copy with the limit
     */
    public TapQuery withMaxrec(long n) {
        return new TapQuery(adql, lang, OptionalLong.of(n), responseFormat, uploads, extraParams, runId, timeout);
    }

    /**
     * @param format the RESPONSEFORMAT (MIME type or short name the service knows)
     * @return a copy with the format
     */
    public TapQuery withResponseFormat(String format) {
        return new TapQuery(adql, lang, maxrec, format, uploads, extraParams, runId, timeout);
    }

    /**
     * @param language the query language, e.g. {@code ADQL-2.1}
     * @return a copy with the language
     */
    public TapQuery withLang(String language) {
        return new TapQuery(adql, language, maxrec, responseFormat, uploads, extraParams, runId, timeout);
    }

    /**
     * @param upload a table to send
     * @return a copy with the upload added
     */
    public TapQuery withUpload(Upload upload) {
        List<Upload> u = new ArrayList<>(uploads);
        u.add(upload);
        return new TapQuery(adql, lang, maxrec, responseFormat, u, extraParams, runId, timeout);
    }

    /**
     * @param name a parameter name
     * @param value its value
     * @return a copy with the parameter added
     */
    public TapQuery withParam(String name, String value) {
        List<Param> p = new ArrayList<>(extraParams);
        p.add(new Param(name, value));
        return new TapQuery(adql, lang, maxrec, responseFormat, uploads, p, runId, timeout);
    }

    /**
     * @param id a run identifier
     * @return a copy with the RUNID
     */
    public TapQuery withRunId(String id) {
        return new TapQuery(adql, lang, maxrec, responseFormat, uploads, extraParams, id, timeout);
    }

    /**
     * @param t the overall time allowed
     * @return a copy with the timeout
     */
    public TapQuery withTimeout(Duration t) {
        return new TapQuery(adql, lang, maxrec, responseFormat, uploads, extraParams, runId, t);
    }

    /**
     * Returns the request parameters (without the uploaded tables' bytes).
     *
     * @return the parameters in sending order
     */
    public List<Param> params() {
        List<Param> p = new ArrayList<>();
        p.add(new Param("REQUEST", "doQuery"));
        p.add(new Param("LANG", lang));
        p.add(new Param("QUERY", adql));
        maxrec.ifPresent(m -> p.add(new Param("MAXREC", Long.toString(m))));
        if (responseFormat != null) {
            p.add(new Param("RESPONSEFORMAT", responseFormat));
        }
        if (runId != null) {
            p.add(new Param("RUNID", runId));
        }
        if (!uploads.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Upload u : uploads) {
                if (sb.length() > 0) {
                    sb.append(';');
                }
                sb.append(u.uploadParam());
            }
            p.add(new Param("UPLOAD", sb.toString()));
        }
        p.addAll(extraParams);
        return p;
    }
}
