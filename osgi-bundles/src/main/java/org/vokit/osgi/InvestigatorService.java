package org.vokit.osgi;

import java.net.URI;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The SAMP object investigator running in the framework: registered with a SAMP hub, it runs
 * vicinity searches around each highlighted row of a table sent to it and sends the results to
 * its target client. It exists while its configuration (PID {@code org.vokit.investigator})
 * exists.
 */
@ProviderType
public interface InvestigatorService {

    /** @return the hub's lock file URL */
    URI hub();

    /** @return the client id the hub gave the investigator */
    String clientId();

    /** @return the name or id of the client results are sent to */
    String target();

    /** @return the labels of the searches run around each position */
    List<String> searches();

    /** @return the search radius in degrees */
    double radius();

    /** @return the ids of the tables it holds */
    List<String> tables();

    /**
     * Returns the latest events, oldest first (at most a few dozen are kept).
     *
     * @return one line per event
     */
    List<String> recentEvents();
}
