package org.vokit.dal.sia;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.vokit.dal.DalQuery;
import org.vokit.http.Param;

/**
 * An image search by SIA 1.0 as an immutable value: a position and a size, optionally the image
 * format, how images must relate to the region, and custom parameters by name.
 *
 * <pre>{@code
 * SiaQuery q = SiaQuery.of(10, 20, 0.1)
 *         .withFormat("image/fits")
 *         .withIntersect(SiaQuery.Intersect.COVERS)
 *         .withParam("bandpassId", "Johnson V");          // a custom parameter
 * }</pre>
 */
public final class SiaQuery extends DalQuery<SiaQuery> {

    /** How an image must relate to the region searched ({@code INTERSECT}). */
    public enum Intersect {
        /** The image covers the whole region. */
        COVERS,
        /** The region covers the whole image. */
        ENCLOSED,
        /** The image contains the region's centre. */
        CENTER,
        /** The image and the region overlap (the default). */
        OVERLAPS
    }

    private SiaQuery(List<Param> params, Duration timeout) {
        super(params, timeout);
    }

    /**
     * A square region around a position.
     *
     * @param ra right ascension (ICRS) in degrees
     * @param dec declination (ICRS) in degrees
     * @param size the region's side in degrees ({@code SIZE}); 0 finds images containing the point
     * @return the query
     */
    public static SiaQuery of(double ra, double dec, double size) {
        checkPosition(ra, dec);
        checkSize("SIZE", size);
        return new SiaQuery(List.of(new Param("POS", formatNumber(ra) + "," + formatNumber(dec)),
                new Param("SIZE", formatNumber(size))), null);
    }

    /**
     * A rectangular region around a position.
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     * @param width the extent along right ascension, in degrees
     * @param height the extent along declination, in degrees
     * @return the query
     */
    public static SiaQuery of(double ra, double dec, double width, double height) {
        checkSize("SIZE", width);
        checkSize("SIZE", height);
        return of(ra, dec, width).withParam("SIZE", formatNumber(width) + "," + formatNumber(height));
    }

    /**
     * Restricts the image format ({@code FORMAT}): a MIME type such as {@code image/fits}, or one
     * of SIA's special values {@code ALL}, {@code GRAPHIC}, {@code METADATA}.
     *
     * @param format the format
     * @return the changed copy
     */
    public SiaQuery withFormat(String format) {
        return withParam("FORMAT", Objects.requireNonNull(format, "format"));
    }

    /**
     * Sets how images must relate to the region.
     *
     * @param intersect the relation
     * @return the changed copy
     */
    public SiaQuery withIntersect(Intersect intersect) {
        return withParam("INTERSECT", intersect.name());
    }

    /**
     * Sets the verbosity of the answer (0 to 3).
     *
     * @param verb the verbosity
     * @return the changed copy
     */
    public SiaQuery withVerb(int verb) {
        if (verb < 0 || verb > 3) {
            throw new IllegalArgumentException("VERB must be 0 to 3: " + verb);
        }
        return withParam("VERB", Integer.toString(verb));
    }

    @Override
    protected SiaQuery copy(List<Param> params, Duration timeout) {
        return new SiaQuery(params, timeout);
    }
}
