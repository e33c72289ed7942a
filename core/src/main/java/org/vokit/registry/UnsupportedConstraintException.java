package org.vokit.registry;

import java.net.URI;
import org.vokit.VoException;

/**
 * A constraint needs a RegTAP table the registry does not have, for example
 * {@code rr.stc_spatial} (a RegTAP 1.2 extension) for {@link Spatial}. Nothing was searched.
 */
public class UnsupportedConstraintException extends VoException {

    /** Serialisation version. */
    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * Creates an exception.
     *
     * @param message what is missing and which constraint needs it
     * @param table the missing table
     * @param registry the registry's TAP URL
     */
    public UnsupportedConstraintException(String message, String table, URI registry) {
        super(message, registry);
        this.table = table;
    }

    /**
     * Returns the table the registry lacks.
     *
     * @return a qualified table name, e.g. {@code rr.stc_spatial}
     */
    public String table() {
        return table;
    }
}
