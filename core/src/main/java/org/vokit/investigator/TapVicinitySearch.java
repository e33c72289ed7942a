package org.vokit.investigator;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vokit.adql.AdqlTemplate;
import org.vokit.http.Deadline;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;

/**
 * A vicinity search as a synchronous TAP query rendered from an ADQL template with the
 * placeholders {@code {ra}}, {@code {dec}} and {@code {radius}} (degrees), bound through
 * {@link AdqlTemplate}, so that no value is ever pasted into the query text:
 *
 * <pre>{@code
 * TapVicinitySearch.of(TapService.of("http://127.0.0.1:8089/tap"),
 *     "SELECT main_id, ra, dec, vmag FROM vostars.main"
 *     + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))");
 * }</pre>
 */
public final class TapVicinitySearch implements VicinitySearch {

    private static final Set<String> KNOWN = Set.of("ra", "dec", "radius");
    private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\s+(\"[^\"]+\"|[A-Za-z_][\\w.]*)");

    private final TapService tap;
    private final AdqlTemplate template;
    private final String label;
    private final OptionalLong maxrec;

    private TapVicinitySearch(TapService tap, AdqlTemplate template, String label, OptionalLong maxrec) {
        this.tap = tap;
        this.template = template;
        this.label = label;
        this.maxrec = maxrec;
    }

    /**
     * Makes a search from a template.
     *
     * @param tap the TAP service
     * @param template ADQL with {@code {ra}} and {@code {dec}} and usually {@code {radius}}
     * @return the search, labelled after the first table in the FROM clause ({@code "vostars.main tap"})
     * @throws IllegalArgumentException if the template is not valid, lacks {@code {ra}} or
     *     {@code {dec}}, or has other placeholders
     */
    public static TapVicinitySearch of(TapService tap, String template) {
        Objects.requireNonNull(tap, "tap");
        AdqlTemplate t = AdqlTemplate.of(template);
        Set<String> ph = t.placeholders();
        for (String p : ph) {
            if (!KNOWN.contains(p)) {
                throw new IllegalArgumentException("unknown placeholder {" + p + "} in the query template;"
                        + " only {ra}, {dec} and {radius} are filled in");
            }
        }
        if (!ph.contains("ra") || !ph.contains("dec")) {
            throw new IllegalArgumentException("the query template needs {ra} and {dec} (and usually {radius}): "
                    + template);
        }
        Matcher m = FROM.matcher(template);
        String what = m.find() ? m.group(1).replace("\"", "") : tap.baseUrl().getHost();
        return new TapVicinitySearch(tap, t, what + " tap", OptionalLong.empty());
    }

    /**
     * Returns a copy with another label.
     *
     * @param newLabel the label
     * @return the copy
     */
    public TapVicinitySearch withLabel(String newLabel) {
        return new TapVicinitySearch(tap, template, Objects.requireNonNull(newLabel, "label"), maxrec);
    }

    /**
     * Returns a copy asking the service for at most this many rows.
     *
     * @param n the row limit
     * @return the copy
     */
    public TapVicinitySearch withMaxrec(long n) {
        return new TapVicinitySearch(tap, template, label, OptionalLong.of(n));
    }

    /** @return the template */
    public AdqlTemplate template() {
        return template;
    }

    /** @return the TAP service */
    public TapService service() {
        return tap;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public java.net.URI serviceUrl() {
        return tap.baseUrl();
    }

    /**
     * Renders the query for a position.
     *
     * @param center the position
     * @param radius the radius in degrees
     * @return the ADQL text
     */
    public String adql(SkyPosition center, double radius) {
        AdqlTemplate t = template.value("ra", center.ra()).value("dec", center.dec());
        if (template.placeholders().contains("radius")) {
            t = t.value("radius", radius);
        }
        return t.render();
    }

    @Override
    public Result search(SkyPosition center, double radius, Deadline deadline) throws IOException {
        TapQuery q = TapQuery.of(adql(center, radius)).withTimeout(SimpleDal.left(deadline, tap.syncUrl()));
        if (maxrec.isPresent()) {
            q = q.withMaxrec(maxrec.getAsLong());
        }
        TapResult r = tap.runSync(q);
        return new Result(r.table(), r.overflowed(), tap.syncUrl());
    }

    @Override
    public String toString() {
        return "TapVicinitySearch[" + label + ", " + tap.baseUrl() + "]";
    }
}
