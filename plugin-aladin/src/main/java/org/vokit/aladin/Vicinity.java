package org.vokit.aladin;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vokit.DeadlineException;
import org.vokit.adql.Adql;
import org.vokit.dal.sia.SiaQuery;
import org.vokit.datalink.ServiceDescriptor;
import org.vokit.datalink.SodaQuery;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.investigator.ConeVicinitySearch;
import org.vokit.investigator.SiaVicinitySearch;
import org.vokit.investigator.SkyPosition;
import org.vokit.investigator.TapVicinitySearch;
import org.vokit.investigator.VicinitySearch;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * The vicinity search behind the {@code vicinity} script command and the "Vicinity search around
 * the selected source" menu item: one service (cone search, SIA 1 or TAP with an ADQL template)
 * around one position, with no Aladin in sight, so that it can be tested on its own.
 *
 * <p>When the service's result declares a DataLink service keyed on one of its columns (as
 * DaCHS's SIA and ObsCore results do), a {@value Datalinks#COLUMN} column with each row's
 * DataLink URL is added, so that a row selected in Aladin leads to its cutouts.
 */
final class Vicinity {

    /** The keys the script command accepts. */
    static final Set<String> KEYS = Set.of("cone", "sia", "tap", "ra", "dec", "radius", "query", "table",
            "racol", "deccol", "maxrec", "timeout", "name");

    /** The default overall time allowed, in seconds. */
    static final double DEFAULT_TIMEOUT = 60;

    private Vicinity() {
    }

    /**
     * What the search found.
     *
     * @param plane the name for the new plane
     * @param table the rows (with the added {@value Datalinks#COLUMN} column when there is one)
     * @param overflowed true if the service cut the result at its row limit
     * @param source the URL that was queried
     */
    record Outcome(String plane, StarTable table, boolean overflowed, URI source) {
        long rows() {
            return table.getRowCount();
        }
    }

    /**
     * Runs the search the arguments describe.
     *
     * @param a the arguments ({@link #KEYS})
     * @param http the HTTP client
     * @return what was found
     * @throws IllegalArgumentException if the arguments are wrong
     * @throws IOException if the service fails
     */
    static Outcome run(ScriptArgs a, VoHttp http) throws IOException {
        String kind = a.oneOf("cone", "sia", "tap");
        URI url = a.url(kind);
        SkyPosition center;
        try {
            center = SkyPosition.of(a.number("ra"), a.number("dec"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(a.command())) {
                throw e;
            }
            throw new IllegalArgumentException(a.command() + ": " + e.getMessage());
        }
        double radius = a.number("radius");
        if (radius <= 0 || radius > 180) {
            throw new IllegalArgumentException(a.command() + ": radius= must be in (0, 180] degrees: " + radius);
        }
        double seconds = a.number("timeout", DEFAULT_TIMEOUT);
        if (seconds <= 0) {
            throw new IllegalArgumentException(a.command() + ": timeout= must be positive: " + seconds);
        }
        Deadline deadline = Deadline.in(Duration.ofMillis((long) (seconds * 1000)));
        Outcome o = switch (kind) {
            case "cone" -> cone(url, center, radius, deadline, http);
            case "sia" -> sia(url, center, radius, deadline, http);
            default -> tap(a, url, center, radius, deadline, http);
        };
        if (a.has("name")) {
            return new Outcome(a.text("name"), o.table(), o.overflowed(), o.source());
        }
        return o;
    }

    private static String planeName(VicinitySearch s, SkyPosition c, double radius) {
        return s.label() + " " + c.format() + " r" + SodaQuery.number(radius);
    }

    private static Outcome cone(URI url, SkyPosition c, double r, Deadline d, VoHttp http) throws IOException {
        ConeVicinitySearch s = ConeVicinitySearch.of(url, http);
        VicinitySearch.Result res = s.search(c, r, d);
        return new Outcome(planeName(s, c, r), res.table(), res.overflowed(), res.source());
    }

    private static Outcome sia(URI url, SkyPosition c, double r, Deadline d, VoHttp http) throws IOException {
        SiaVicinitySearch s = SiaVicinitySearch.of(url, http);
        SiaQuery q = SiaQuery.of(c.ra(), c.dec(), 2 * r).withTimeout(left(d, url));
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = s.service().search(q, store);
        StarTable t = store.getStarTable();
        t = Datalinks.addColumn(t, ServiceDescriptor.ofAll(info.serviceDescriptors()));
        return new Outcome(planeName(s, c, r), t, info.overflowed(), VoHttp.withQuery(url, q.params()));
    }

    private static Outcome tap(ScriptArgs a, URI url, SkyPosition c, double r, Deadline d, VoHttp http)
            throws IOException {
        String template;
        if (a.has("query")) {
            if (a.has("table")) {
                throw new IllegalArgumentException(a.command() + ": give query= or table=, not both");
            }
            // Aladin splits script lines on blanks: the template comes URL-encoded (%20 or +)
            template = URLDecoder.decode(a.text("query"), StandardCharsets.UTF_8);
        } else {
            String table = a.text("table");
            String ra = a.text("racol", "ra");
            String dec = a.text("deccol", "dec");
            template = "SELECT * FROM " + Adql.tableName(table) + " WHERE 1 = CONTAINS(POINT('ICRS', "
                    + Adql.identifier(ra) + ", " + Adql.identifier(dec) + "), CIRCLE('ICRS', {ra}, {dec}, {radius}))";
        }
        TapService tap = TapService.builder(url).http(http).build();
        TapVicinitySearch s;
        try {
            s = TapVicinitySearch.of(tap, template);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(a.command() + ": " + e.getMessage());
        }
        TapQuery q = TapQuery.of(s.adql(c, r)).withTimeout(left(d, tap.syncUrl()));
        if (a.has("maxrec")) {
            q = q.withMaxrec((long) a.number("maxrec"));
        }
        TapResult res = tap.runSync(q);
        StarTable t = Datalinks.addColumn(res.table(),
                ServiceDescriptor.ofAll(res.documentInfo().serviceDescriptors()));
        return new Outcome(planeName(s, c, r), t, res.overflowed(), tap.syncUrl());
    }

    private static Duration left(Deadline d, URI service) throws DeadlineException {
        Duration left = d.remaining();
        if (left.isZero() || left.isNegative()) {
            throw new DeadlineException("no time left for " + service, service, d.allowed(), null);
        }
        return left;
    }

    /** @return a short description of the kinds of service, for help texts */
    static String kinds() {
        return List.of("cone", "sia", "tap").toString().toLowerCase(Locale.ROOT);
    }
}
