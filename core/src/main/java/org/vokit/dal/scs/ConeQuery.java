package org.vokit.dal.scs;

import java.time.Duration;
import java.util.List;
import org.vokit.dal.DalQuery;
import org.vokit.http.Param;

/**
 * A cone search (SCS 1.03) as an immutable value: a position and a radius, the verbosity, and
 * any custom parameters the service declares (passed through by name with {@link #withParam}).
 *
 * <pre>{@code
 * ConeQuery q = ConeQuery.of(10, 20, 1).withVerb(3).withParam("vmag", "10 12").withMaxrec(500);
 * }</pre>
 */
public final class ConeQuery extends DalQuery<ConeQuery> {

    private ConeQuery(List<Param> params, Duration timeout) {
        super(params, timeout);
    }

    /**
     * A cone around a position.
     *
     * @param ra right ascension (ICRS) in degrees, 0 to 360
     * @param dec declination (ICRS) in degrees, -90 to 90
     * @param radius the search radius ({@code SR}) in degrees, 0 to 180
     * @return the query
     * @throws IllegalArgumentException for values out of range
     */
    public static ConeQuery of(double ra, double dec, double radius) {
        checkPosition(ra, dec);
        checkSize("SR", radius);
        return new ConeQuery(List.of(new Param("RA", formatNumber(ra)), new Param("DEC", formatNumber(dec)),
                new Param("SR", formatNumber(radius))), null);
    }

    /**
     * Sets the verbosity: 1 for the fewest columns, 3 for all of them.
     *
     * @param verb 1, 2 or 3
     * @return the changed copy
     */
    public ConeQuery withVerb(int verb) {
        if (verb < 1 || verb > 3) {
            throw new IllegalArgumentException("VERB must be 1, 2 or 3: " + verb);
        }
        return withParam("VERB", Integer.toString(verb));
    }

    @Override
    protected ConeQuery copy(List<Param> params, Duration timeout) {
        return new ConeQuery(params, timeout);
    }
}
