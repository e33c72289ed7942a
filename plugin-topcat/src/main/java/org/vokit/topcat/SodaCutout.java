package org.vokit.topcat;

import uk.ac.starlink.topcat.activate.ActivationType;
import uk.ac.starlink.topcat.activate.ActivatorConfigurator;
import uk.ac.starlink.topcat.activate.Suitability;
import uk.ac.starlink.topcat.activate.TopcatModelInfo;

/**
 * TOPCAT activation action "SODA cutout": for a row with a datalink (a column holding the
 * datalink document's URL, or an identifier and a datalink endpoint), asks the dataset's SODA
 * service for a circle around the row's position or a band, and loads the cutout where it fits:
 * an image goes to the SAMP image viewers (such as Aladin), a table into TOPCAT; or it is saved.
 *
 * <p>Register it with {@code -Dtopcat.activators=org.vokit.topcat.SodaCutout}.
 */
public final class SodaCutout implements ActivationType {

    /** The name TOPCAT lists. */
    public static final String NAME = "SODA cutout (vokit)";

    /** Creates the action type (TOPCAT calls this by reflection). */
    public SodaCutout() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getDescription() {
        return "Cuts a circle around the row's position, or a band, out of the row's dataset with its"
                + " datalink's SODA service; images go to SAMP image viewers, tables into TOPCAT";
    }

    @Override
    public ActivatorConfigurator createConfigurator(TopcatModelInfo info) {
        return new SodaConfigurator(info.getTopcatModel());
    }

    @Override
    public Suitability getSuitability(TopcatModelInfo info) {
        return info.tableHasSkyCoords() ? Suitability.PRESENT : Suitability.AVAILABLE;
    }
}
