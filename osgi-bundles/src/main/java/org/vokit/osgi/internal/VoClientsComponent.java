package org.vokit.osgi.internal;

import java.net.URI;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.vokit.http.VoHttp;
import org.vokit.osgi.VoClients;
import org.vokit.registry.Registry;
import org.vokit.tap.TapService;

/**
 * The {@link VoClients} service: one {@link VoHttp} made on activation, closed on deactivation.
 * A configuration change replaces the component (and so the client) as a whole.
 */
@Component(service = VoClients.class, configurationPid = VoClientsComponent.PID)
@Designate(ocd = VoClientsComponent.Config.class)
public final class VoClientsComponent implements VoClients {

    /** The configuration PID. */
    public static final String PID = "org.vokit.clients";

    /** The settings of the shared clients. */
    @ObjectClassDefinition(name = "vokit clients", description = "HTTP settings shared by vokit's protocol clients")
    public @interface Config {

        /** @return the connect timeout in seconds */
        @AttributeDefinition(description = "Time allowed to open a connection, in seconds")
        long connectTimeoutSeconds() default 20;

        /** @return the per-request timeout in seconds */
        @AttributeDefinition(description = "Time allowed for one request's response headers, in seconds")
        long requestTimeoutSeconds() default 300;

        /** @return the default registry */
        @AttributeDefinition(description = "RegTAP service used when none is named")
        String registry() default "http://reg.g-vo.org/tap";
    }

    private final VoHttp http;
    private final URI registry;

    /**
     * Makes the HTTP client.
     *
     * @param config the configuration
     */
    @Activate
    public VoClientsComponent(Config config) {
        if (config.connectTimeoutSeconds() <= 0 || config.requestTimeoutSeconds() <= 0) {
            throw new IllegalArgumentException(PID + ": timeouts must be positive, not "
                    + config.connectTimeoutSeconds() + " and " + config.requestTimeoutSeconds());
        }
        this.registry = Urls.http("registry", config.registry());
        this.http = VoHttp.builder().connectTimeout(Duration.ofSeconds(config.connectTimeoutSeconds()))
                .requestTimeout(Duration.ofSeconds(config.requestTimeoutSeconds())).build();
    }

    /** Closes the HTTP client and stops its threads. */
    @Deactivate
    void deactivate() {
        http.close();
    }

    @Override
    public VoHttp http() {
        return http;
    }

    @Override
    public TapService tap(URI baseUrl) {
        return TapService.builder(baseUrl).http(http).build();
    }

    @Override
    public Registry registry(URI endpoint) {
        return Registry.builder(endpoint == null ? registry : endpoint).http(http).build();
    }

    @Override
    public URI defaultRegistry() {
        return registry;
    }
}
