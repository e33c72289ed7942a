package org.vokit.samp;

/**
 * The MTypes vokit sends and understands (see the IVOA SAMP MTypes list); host applications
 * subscribe to them as {@code TOPCAT} and {@code Aladin} do.
 */
public final class MTypes {

    /** Load a VOTable: {@code url}, optional {@code table-id}, {@code name}. */
    public static final String TABLE_LOAD_VOTABLE = "table.load.votable";
    /** Load a FITS table: {@code url}, optional {@code table-id}, {@code name}. */
    public static final String TABLE_LOAD_FITS = "table.load.fits";
    /** Highlight one row: {@code table-id}, {@code url}, {@code row} (0-based). */
    public static final String TABLE_HIGHLIGHT_ROW = "table.highlight.row";
    /** Select rows: {@code table-id}, {@code url}, {@code row-list} (0-based). */
    public static final String TABLE_SELECT_ROWLIST = "table.select.rowList";
    /** Load a FITS image: {@code url}, optional {@code image-id}, {@code name}. */
    public static final String IMAGE_LOAD_FITS = "image.load.fits";
    /** Load a spectrum: {@code url}, optional {@code meta}, {@code spectrum-id}, {@code name}. */
    public static final String SPECTRUM_LOAD_SSA_GENERIC = "spectrum.load.ssa-generic";
    /** Point at a sky position: {@code ra}, {@code dec} in degrees (ICRS). */
    public static final String COORD_POINT_AT_SKY = "coord.pointAt.sky";
    /** Are you there? Answered by every connection. */
    public static final String PING = "samp.app.ping";
    /** The hub is shutting down. */
    public static final String HUB_SHUTDOWN = "samp.hub.event.shutdown";
    /** The hub is throwing this client out. */
    public static final String HUB_DISCONNECT = "samp.hub.disconnect";

    private MTypes() {
    }
}
