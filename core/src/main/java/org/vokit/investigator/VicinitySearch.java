package org.vokit.investigator;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.vokit.http.Deadline;
import uk.ac.starlink.table.StarTable;

/**
 * One search around a sky position, as the {@link Investigator} runs it when a row is
 * highlighted: a TAP query from a template ({@link TapVicinitySearch}), a cone search
 * ({@link ConeVicinitySearch}) or an image search ({@link SiaVicinitySearch}), or anything else.
 *
 * <p>Implementations must be thread-safe, keep to the deadline, and honour interruption: a newer
 * highlight cancels an older search by interrupting its thread, which must abort the request in
 * flight (as {@link org.vokit.http.VoHttp} does).
 */
public interface VicinitySearch {

    /**
     * Says what is searched, for result names and logs: {@code "vostars cone"}.
     *
     * @return a short label
     */
    String label();

    /**
     * Says which service the search queries, for result descriptions and progress reports.
     *
     * @return the service's URL, or null if it does not say (the default)
     */
    default URI serviceUrl() {
        return null;
    }

    /**
     * Runs the search.
     *
     * @param center the position
     * @param radius the radius in degrees
     * @param deadline when the search must be over
     * @return the result table
     * @throws IOException if the search fails (a {@link org.vokit.VoException} naming the service)
     */
    Result search(SkyPosition center, double radius, Deadline deadline) throws IOException;

    /**
     * What a search found.
     *
     * @param table the rows (possibly none)
     * @param overflowed true if the service cut the result at its row limit
     * @param source the URL that was queried
     */
    record Result(StarTable table, boolean overflowed, URI source) {
        /**
         * Validates the components.
         *
         * @param table the table
         * @param overflowed the overflow flag
         * @param source the URL
         */
        public Result {
            Objects.requireNonNull(table, "table");
        }
    }
}
