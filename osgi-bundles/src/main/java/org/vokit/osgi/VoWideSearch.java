package org.vokit.osgi;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.vokit.fanout.FanoutReport;
import uk.ac.starlink.table.StarTable;

/**
 * The VO-wide engine as a service: one cone query over every TAP table the registry lists with a
 * column of a UCD, merged into one table with provenance and a failure report (see
 * {@link org.vokit.vowide.VoWideQuery}). Parallelism, per-service timeout, per-host limit and the
 * per-service table limit come from configuration {@code org.vokit.vowide}.
 */
@ProviderType
public interface VoWideSearch {

    /**
     * What a VO-wide search found.
     *
     * @param table the merged rows: provenance columns, then the schema's columns
     * @param report how each service fared
     * @param notes tables left out, features retried, values left unconverted
     */
    record Result(StarTable table, FanoutReport report, List<String> notes) {
    }

    /**
     * Runs a search.
     *
     * @param registry the RegTAP service, or null for the clients' default registry
     * @param ucdPattern the UCD (pattern) the tables must carry, e.g. {@code pos.pm%}
     * @param ra cone centre RA in degrees
     * @param dec cone centre Dec in degrees
     * @param radius cone radius in degrees
     * @return the result (failing services are in its report, never thrown)
     * @throws IOException if the registry fails
     * @throws InterruptedException if interrupted; running queries are abandoned
     */
    Result search(URI registry, String ucdPattern, double ra, double dec, double radius)
            throws IOException, InterruptedException;
}
