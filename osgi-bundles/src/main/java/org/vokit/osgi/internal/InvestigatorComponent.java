package org.vokit.osgi.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.vokit.investigator.ConeVicinitySearch;
import org.vokit.investigator.Investigator;
import org.vokit.investigator.InvestigatorEvent;
import org.vokit.investigator.SiaVicinitySearch;
import org.vokit.investigator.TapVicinitySearch;
import org.vokit.investigator.VicinitySearch;
import org.vokit.osgi.InvestigatorService;
import org.vokit.osgi.VoClients;

/**
 * The investigator as a service: it starts (registers with the hub) when its configuration
 * appears and stops (unregisters, ends its threads) when the configuration goes or the bundle
 * stops. Its searches borrow the {@link VoClients}' HTTP client.
 */
@Component(service = InvestigatorService.class, configurationPid = InvestigatorComponent.PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = InvestigatorComponent.Config.class)
public final class InvestigatorComponent implements InvestigatorService {

    /** The configuration PID. */
    public static final String PID = "org.vokit.investigator";

    private static final int KEPT_EVENTS = 50;

    /** What the investigator searches and where its results go. */
    @ObjectClassDefinition(name = "vokit investigator",
            description = "Vicinity searches around highlighted rows, results sent to a SAMP client")
    public @interface Config {

        /** @return the hub's lock file URL; empty for the SAMP standard profile's default */
        @AttributeDefinition(description = "The SAMP hub's lock file URL (empty: the user's ~/.samp)", required = false)
        String hub() default "";

        /** @return the name the investigator registers under */
        @AttributeDefinition(description = "Name the investigator registers under")
        String name() default "vokit-investigator";

        /** @return the target client's name or id */
        @AttributeDefinition(description = "Name or id of the SAMP client that receives the results (e.g. Aladin)")
        String target();

        /** @return cone search URLs */
        @AttributeDefinition(description = "Cone search access URLs", required = false)
        String[] cone() default {};

        /** @return SIA URLs */
        @AttributeDefinition(description = "SIA 1 access URLs", required = false)
        String[] sia() default {};

        /** @return TAP base URLs */
        @AttributeDefinition(description = "TAP base URLs, each queried with the query template", required = false)
        String[] tap() default {};

        /** @return the ADQL template */
        @AttributeDefinition(description = "ADQL with {ra}, {dec} and {radius} in degrees", required = false)
        String queryTemplate() default "";

        /** @return the radius in degrees */
        @AttributeDefinition(description = "Search radius in degrees")
        double radius() default 0.05;

        /** @return the time allowed for each search */
        @AttributeDefinition(description = "Time allowed for each search, in seconds")
        long searchTimeoutSeconds() default 60;

        /** @return whether the target is pointed at each position */
        @AttributeDefinition(description = "Send coord.pointAt.sky to the target for each position")
        boolean pointTarget() default false;
    }

    private final Investigator investigator;
    private final URI hub;
    private final String target;
    private final Deque<String> events = new ArrayDeque<>();

    /**
     * Registers with the hub and starts listening.
     *
     * @param config the configuration
     * @param clients the shared clients (their HTTP client is used by the searches)
     * @throws IOException if the hub cannot be reached
     */
    @Activate
    public InvestigatorComponent(Config config, @Reference VoClients clients) throws IOException {
        List<VicinitySearch> searches = new ArrayList<>();
        for (String c : config.cone()) {
            searches.add(ConeVicinitySearch.of(Urls.http("cone", c), clients.http()));
        }
        for (String s : config.sia()) {
            searches.add(SiaVicinitySearch.of(Urls.http("sia", s), clients.http()));
        }
        for (String t : config.tap()) {
            if (config.queryTemplate().isBlank()) {
                throw new IllegalArgumentException(PID + ": tap " + t + " needs a queryTemplate");
            }
            searches.add(TapVicinitySearch.of(clients.tap(Urls.http("tap", t)), config.queryTemplate()));
        }
        if (searches.isEmpty()) {
            throw new IllegalArgumentException(PID + ": give at least one search (cone, sia or tap)");
        }
        if (config.target() == null || config.target().isBlank()) {
            throw new IllegalArgumentException(PID + ": target is needed (the client that receives results)");
        }
        this.target = config.target();
        Investigator.Builder b = Investigator.builder().name(config.name()).target(target).searches(searches)
                .radius(config.radius()).searchTimeout(Duration.ofSeconds(config.searchTimeoutSeconds()))
                .pointTarget(config.pointTarget()).http(clients.http()).listener(this::remember);
        if (!config.hub().isBlank()) {
            this.hub = URI.create(config.hub().strip());
            b.lockUrl(hub);
        } else {
            this.hub = null;
        }
        this.investigator = b.start();
    }

    /** Unregisters from the hub and stops the investigator's threads. */
    @Deactivate
    void deactivate() {
        investigator.close();
    }

    private void remember(InvestigatorEvent e) {
        String line = e.describe();
        synchronized (events) {
            if (events.size() == KEPT_EVENTS) {
                events.removeFirst();
            }
            events.addLast(line);
        }
    }

    @Override
    public URI hub() {
        return hub != null ? hub : investigator.connection().lockUrl();
    }

    @Override
    public String clientId() {
        return investigator.clientId();
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public List<String> searches() {
        return investigator.searches().stream().map(VicinitySearch::label).toList();
    }

    @Override
    public double radius() {
        return investigator.radius();
    }

    @Override
    public List<String> tables() {
        return List.copyOf(investigator.tableIds());
    }

    @Override
    public List<String> recentEvents() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "investigator %s -> %s, r=%s deg", clientId(), target,
                InvestigatorEvent.radiusText(radius()));
    }
}
