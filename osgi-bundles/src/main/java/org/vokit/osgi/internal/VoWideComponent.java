package org.vokit.osgi.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.vokit.fanout.Fanout;
import org.vokit.fanout.MergedTable;
import org.vokit.osgi.VoClients;
import org.vokit.osgi.VoWideSearch;
import org.vokit.progress.ProgressListener;
import org.vokit.vowide.VoWideQuery;

/**
 * The {@link VoWideSearch} service, over the shared clients. Each search has its own threads,
 * which end with it, so the component holds nothing between searches.
 */
@Component(service = VoWideSearch.class, configurationPid = VoWideComponent.PID)
@Designate(ocd = VoWideComponent.Config.class)
public final class VoWideComponent implements VoWideSearch {

    /** The configuration PID. */
    public static final String PID = "org.vokit.vowide";

    /** How VO-wide searches run. */
    @ObjectClassDefinition(name = "vokit VO-wide search", description = "Parallel queries over many TAP services")
    public @interface Config {

        /** @return services asked at once */
        @AttributeDefinition(description = "Services asked at once")
        int parallel() default 8;

        /** @return services of one host asked at once */
        @AttributeDefinition(description = "Services of one host asked at once")
        int perHost() default 4;

        /** @return seconds per service */
        @AttributeDefinition(description = "Time allowed to each service, in seconds")
        long timeoutSeconds() default 60;

        /** @return tables per service */
        @AttributeDefinition(description = "The most tables asked per service")
        int maxTables() default 20;
    }

    private final VoClients clients;
    private final Config config;

    /**
     * Creates the service.
     *
     * @param clients the shared clients
     * @param config the configuration
     */
    @Activate
    public VoWideComponent(@Reference VoClients clients, Config config) {
        if (config.parallel() < 1 || config.perHost() < 1 || config.timeoutSeconds() < 1 || config.maxTables() < 1) {
            throw new IllegalArgumentException(PID + ": parallel, perHost, timeoutSeconds and maxTables must be"
                    + " positive");
        }
        this.clients = clients;
        this.config = config;
    }

    @Override
    public Result search(URI registry, String ucdPattern, double ra, double dec, double radius)
            throws IOException, InterruptedException {
        Duration perService = Duration.ofSeconds(config.timeoutSeconds());
        VoWideQuery q = VoWideQuery.builder(clients.registry(registry), ucdPattern).cone(ra, dec, radius)
                .maxTables(config.maxTables()).http(clients.http()).metadataTimeout(perService)
                .parallel(config.parallel()).build();
        MergedTable merged = MergedTable.of(q.columns());
        try (Fanout engine = Fanout.builder().http(clients.http()).parallel(config.parallel())
                .perHost(config.perHost()).taskTimeout(perService).build()) {
            VoWideQuery.Result r = q.run(engine, merged, ProgressListener.NONE);
            return new Result(merged.table(), r.report(), r.notes());
        }
    }
}
