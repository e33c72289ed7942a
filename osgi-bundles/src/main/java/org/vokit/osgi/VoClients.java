package org.vokit.osgi;

import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;
import org.vokit.http.VoHttp;
import org.vokit.registry.Registry;
import org.vokit.tap.TapService;

/**
 * Protocol clients for other bundles, all borrowing one {@link VoHttp} that this service owns:
 * it is made when the service activates (with the timeouts of configuration
 * {@code org.vokit.clients}) and closed, with its threads, when the service goes away.
 * Clients obtained here must not be used after that.
 */
@ProviderType
public interface VoClients {

    /** @return the shared HTTP client */
    VoHttp http();

    /**
     * Returns a TAP client.
     *
     * @param baseUrl the service's base URL (without {@code /sync})
     * @return the client, using the shared HTTP client
     */
    TapService tap(URI baseUrl);

    /**
     * Returns a RegTAP registry client.
     *
     * @param endpoint the registry's TAP base URL, or null for {@link #defaultRegistry()}
     * @return the client, using the shared HTTP client
     */
    Registry registry(URI endpoint);

    /** @return the registry used when none is named (configuration property {@code registry}) */
    URI defaultRegistry();
}
