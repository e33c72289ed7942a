package org.vokit.uws;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vokit.FormatException;
import org.vokit.internal.Dom;
import org.vokit.internal.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A snapshot of a UWS job document: what the service said about the job at one moment.
 *
 * @param uri the job's URL
 * @param jobId the job identifier
 * @param runId the client-supplied run identifier, or null
 * @param ownerId the owner, or null
 * @param phase the phase
 * @param quote the service's estimate of the completion time, or null
 * @param creationTime when the job was created, or null
 * @param startTime when it started executing, or null
 * @param endTime when it finished, or null
 * @param executionDuration the time it may run (zero means unlimited), or null if not given
 * @param destruction when the service will delete it, or null
 * @param parameters the job's parameters by id (lower case as the service wrote them)
 * @param results the results
 * @param errorMessage the error summary's message, or null
 * @param errorHasDetail whether {@code /error} has more detail
 * @param version the UWS version the document declares ({@code 1.1} enables blocking WAIT), or null
 */
public record JobInfo(URI uri, String jobId, String runId, String ownerId, Phase phase, Instant quote,
                      Instant creationTime, Instant startTime, Instant endTime, Duration executionDuration,
                      Instant destruction, Map<String, String> parameters, List<JobResult> results,
                      String errorMessage, boolean errorHasDetail, String version) {

    /**
     * Copies the collections.
     *
     * @param uri the job URL
     * @param jobId job id
     * @param runId run id
     * @param ownerId owner
     * @param phase phase
     * @param quote quote
     * @param creationTime creation time
     * @param startTime start time
     * @param endTime end time
     * @param executionDuration execution duration
     * @param destruction destruction time
     * @param parameters parameters
     * @param results results
     * @param errorMessage error message
     * @param errorHasDetail error detail flag
     * @param version UWS version
     */
    public JobInfo {
        parameters = Map.copyOf(parameters);
        results = List.copyOf(results);
    }

    /**
     * Tells whether the service declared UWS 1.1, which offers the blocking {@code WAIT}.
     *
     * @return true for version 1.1 or later
     */
    public boolean supportsWait() {
        if (version == null) {
            return false;
        }
        try {
            String[] p = version.strip().split("\\.");
            int major = Integer.parseInt(p[0]);
            int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return major > 1 || (major == 1 && minor >= 1);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Returns a result by id.
     *
     * @param id the result id
     * @return the result, if listed
     */
    public Optional<JobResult> result(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Parses a job document.
     *
     * @param in the document
     * @param uri the job's URL (also used to resolve relative result links)
     * @return the snapshot
     * @throws FormatException if the document is not a UWS job
     * @throws IOException if reading fails
     */
    public static JobInfo parse(InputStream in, URI uri) throws IOException {
        Document doc = SafeXml.parse(in, uri, "UWS job document");
        Element job = doc.getDocumentElement();
        if (!"job".equals(Dom.localName(job))) {
            throw new FormatException("not a UWS job document: root element is <" + job.getTagName() + ">", uri, null);
        }
        String phaseText = Dom.childText(job, "phase");
        if (phaseText == null) {
            throw new FormatException("UWS job document has no <phase>", uri, null);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Element pe = Dom.child(job, "parameters");
        if (pe != null) {
            for (Element p : Dom.children(pe, "parameter")) {
                String id = p.getAttribute("id");
                if (!id.isEmpty()) {
                    params.put(id, p.getTextContent().strip());
                }
            }
        }
        List<JobResult> results = new java.util.ArrayList<>();
        Element re = Dom.child(job, "results");
        if (re != null) {
            for (Element r : Dom.children(re, "result")) {
                String href = Dom.attr(r, "href");
                if (href != null && !href.isBlank()) {
                    results.add(new JobResult(r.getAttribute("id"), uri.resolve(href.strip())));
                }
            }
        }
        String err = null;
        boolean detail = false;
        Element es = Dom.child(job, "errorSummary");
        if (es != null) {
            err = Dom.childText(es, "message");
            detail = "true".equalsIgnoreCase(es.getAttribute("hasDetail"));
        }
        String version = job.hasAttribute("version") ? job.getAttribute("version") : null;
        return new JobInfo(uri, Dom.childText(job, "jobId"), blankToNull(Dom.childText(job, "runId")),
                blankToNull(Dom.childText(job, "ownerId")), Phase.parse(phaseText),
                time(Dom.childText(job, "quote")), time(Dom.childText(job, "creationTime")),
                time(Dom.childText(job, "startTime")), time(Dom.childText(job, "endTime")),
                seconds(Dom.childText(job, "executionDuration")), time(Dom.childText(job, "destruction")),
                params, results, blankToNull(err), detail, version);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Duration seconds(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(s.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Parses an ISO-8601 time as UWS services write it: with or without a zone (UTC assumed),
     * with or without fractional seconds.
     *
     * @param s the text, or null
     * @return the instant, or null if absent or unparseable (xsi:nil elements are empty)
     */
    static Instant time(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
