package org.vokit.investigator;

import java.net.URI;
import java.util.Objects;
import uk.ac.starlink.table.StarTable;

/**
 * One search's result as the {@link Investigator} hands it to a {@link ResultSink}: the table
 * and its description.
 *
 * @param run the investigation it belongs to (numbered from 1 in order of highlights)
 * @param position the position searched around
 * @param radius the radius in degrees
 * @param search the search's label ({@link VicinitySearch#label()}, e.g. {@code "vostars cone"})
 * @param service the URL that was queried, or null if the search does not say
 * @param name a name for the table, saying what was searched where
 *     ({@code "vostars cone 10.0012 +20.0008 r=0.05deg"}; ASCII, as SAMP needs)
 * @param table the rows, at least one
 * @param rows the number of rows
 * @param overflowed true if the service cut the result at its row limit
 */
public record ResultTable(long run, SkyPosition position, double radius, String search, URI service, String name,
                          StarTable table, long rows, boolean overflowed) {

    /**
     * Validates the components.
     *
     * @param run the run
     * @param position the position
     * @param radius the radius
     * @param search the search's label
     * @param service the URL queried
     * @param name the table's name
     * @param table the table
     * @param rows the row count
     * @param overflowed the overflow flag
     */
    public ResultTable {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
    }
}
