package org.vokit.topcat;

import uk.ac.starlink.topcat.activate.ActivationType;
import uk.ac.starlink.topcat.activate.ActivatorConfigurator;
import uk.ac.starlink.topcat.activate.Suitability;
import uk.ac.starlink.topcat.activate.TopcatModelInfo;

/**
 * TOPCAT activation action "Vicinity search": when a row is activated, searches a TAP service
 * (an ADQL template with {@code {ra}}, {@code {dec}}, {@code {radius}}), a cone search or an image
 * search (SIA) around the row's position with core's investigator searches, and loads the result
 * into TOPCAT as a new table or sends it over SAMP to other clients (such as Aladin).
 *
 * <p>Register it with {@code -Dtopcat.activators=org.vokit.topcat.VicinitySearch}.
 */
public final class VicinitySearch implements ActivationType {

    /** The name TOPCAT lists. */
    public static final String NAME = "Vicinity search (vokit)";

    /** Creates the action type (TOPCAT calls this by reflection). */
    public VicinitySearch() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getDescription() {
        return "Searches a TAP, cone search or SIA service around the row's position;"
                + " the result becomes a new table, or goes to SAMP clients";
    }

    @Override
    public ActivatorConfigurator createConfigurator(TopcatModelInfo info) {
        return new VicinityConfigurator(info.getTopcatModel());
    }

    @Override
    public Suitability getSuitability(TopcatModelInfo info) {
        return info.tableHasSkyCoords() ? Suitability.PRESENT : Suitability.AVAILABLE;
    }
}
