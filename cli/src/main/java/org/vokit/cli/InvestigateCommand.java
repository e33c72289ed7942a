package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.vokit.http.VoHttp;
import org.vokit.investigator.ConeVicinitySearch;
import org.vokit.investigator.Investigator;
import org.vokit.investigator.InvestigatorEvent;
import org.vokit.investigator.SiaVicinitySearch;
import org.vokit.investigator.TapVicinitySearch;
import org.vokit.investigator.VicinitySearch;
import org.vokit.tap.TapService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vokit investigate}: the object investigator as a command. It registers with the SAMP
 * hub, accepts tables (send one from TOPCAT), and for every highlighted row runs its searches
 * around the row's position and sends the non-empty results to the target client. It logs one
 * line per search and runs until interrupted (Ctrl-C unregisters it).
 */
@Command(name = "investigate", header = "Run searches around rows highlighted in SAMP clients.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run searches around rows highlighted in other SAMP clients and send the results on.",
            "Send a table to 'vokit-investigator' (e.g. from TOPCAT), then click its rows: each search's non-empty",
            "result goes to the target client, named after what was searched where. Runs until Ctrl-C.",
            "Default --timeout: 60 s for each search."},
        footer = {"", "Example:",
            "  vokit investigate --target Aladin --radius 0.05 \\",
            "    --cone http://127.0.0.1:8089/vostars/q/cone/scs.xml? \\",
            "    --sia http://127.0.0.1:8089/voimg/q/im/siap.xml? \\",
            "    --tap http://127.0.0.1:8089/tap --query-template \"SELECT * FROM vostars.main WHERE",
            "      1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))\""})
final class InvestigateCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "CLIENT", description = "Where results go: a client name or id "
            + "(default: Aladin).")
    String target = "Aladin";

    @Option(names = "--point-at", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also point the target at each investigated position (coord.pointAt.sky, once per row, "
                    + "before its first result), so that Aladin shows the new planes (default: on).")
    boolean pointAt = true;

    @Option(names = "--cone", paramLabel = "URL", description = "A Simple Cone Search service. Repeatable.")
    List<String> cones = new ArrayList<>();

    @Option(names = "--sia", paramLabel = "URL", description = "A Simple Image Access (1.0) service. Repeatable.")
    List<String> sias = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<TapSearch> taps = new ArrayList<>();

    /** A TAP service with the query to run on it. */
    static final class TapSearch {
        @Option(names = "--tap", required = true, paramLabel = "URL", description = "A TAP service; give "
                + "--query-template with it. Repeatable (pairs).")
        String url;

        @Option(names = "--query-template", required = true, paramLabel = "ADQL",
                description = "ADQL with {ra}, {dec} and {radius} (degrees), filled in safely for each row.")
        String template;
    }

    @Option(names = "--radius", paramLabel = "DEG", description = "Search radius in degrees (default 0.05).")
    double radius = 0.05;

    @Option(names = "--hub", paramLabel = "LOCKFILE_URL", description = "The hub's lockfile: a file: URL or a path "
            + "(default: SAMP_HUB's std-lockurl, else ~/.samp).")
    String hub;

    @Option(names = "--name", paramLabel = "NAME", description = "The SAMP client name (default vokit-investigator).")
    String name = "vokit-investigator";

    @Mixin
    RunOptions run;

    @Option(names = "--parallel", paramLabel = "N", description = "Searches run at once (default 4).")
    int parallel = 4;

    @Option(names = "--verbose", description = "Log every event, including each search's start.")
    boolean verbose;


    @Override
    public Integer call() throws IOException {
        run.applyDebug();
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        if (!run.debug) {
            oneLineWarnings();
        }
        Duration timeout = run.timeout(Duration.ofSeconds(60));
        if (!(radius > 0 && radius <= 180)) {
            throw new IllegalArgumentException("--radius must be in (0, 180] degrees: " + radius);
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1: " + parallel);
        }
        SampCommand.HubOptions hubOptions = new SampCommand.HubOptions();
        hubOptions.hub = hub;
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch hubGone = new CountDownLatch(1);
        try (VoHttp http = VoHttp.newDefault()) {
            List<VicinitySearch> searches = searches(http);
            Investigator.Builder b = Investigator.builder().name(name).target(target).pointTarget(pointAt).radius(radius)
                    .searchTimeout(timeout).parallelism(parallel).http(http)
                    .lockUrl(hubOptions.lockUrl()).searches(searches)
                    .listener(e -> {
                        if (e.kind() == InvestigatorEvent.Kind.DISCONNECTED) {
                            hubGone.countDown();
                        }
                        if (verbose || shown(e)) {
                            log(out, e.describe());
                            explain(e, target).ifPresent(x -> log(out, x));
                        }
                    });
            Investigator inv = b.start();
            Thread hook = new Thread(() -> {
                inv.close();
                log(out, "stopped; unregistered from the hub");
            }, "vokit-investigate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                log(out, "registered as " + inv.clientId() + " (" + name + ") with the hub at "
                        + inv.connection().hubUrl() + "; results go to " + target);
                log(out, "searches within " + InvestigatorEvent.radiusText(radius) + " deg: " + searches.stream()
                        .map(VicinitySearch::label).collect(Collectors.joining(", ")) + "; Ctrl-C to stop");
                hubGone.await();
                PrintWriter err = spec.commandLine().getErr();
                err.println("vokit investigate: " + inv.connection().hubUrl() + ": the SAMP hub went away");
                err.flush();
                return Failures.SERVICE_FAILURE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } finally {
                inv.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway and finds the investigator closed
                }
            }
        }
    }

    /** Refused messages and other SAMP warnings as one timestamped line each on standard error. */
    private static void oneLineWarnings() {
        java.util.logging.Logger samp = java.util.logging.Logger.getLogger("org.vokit.samp");
        if (!samp.getUseParentHandlers()) {
            return;     // set up already (the command ran before in this JVM)
        }
        java.util.logging.ConsoleHandler h = new java.util.logging.ConsoleHandler();
        h.setLevel(java.util.logging.Level.WARNING);
        h.setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                return LocalTime.now().format(TIME) + " warning: " + formatMessage(r) + System.lineSeparator();
            }
        });
        samp.setUseParentHandlers(false);
        samp.addHandler(h);
    }

    /** One line per search: its outcome; the start only with --verbose. */
    private static boolean shown(InvestigatorEvent e) {
        return switch (e.kind()) {
            case SEARCH_STARTED -> false;
            case SEARCH_FINISHED -> e.rows() == 0;
            default -> true;
        };
    }

    /**
     * Explains a failure the user cannot read from the target's own message: Aladin (12.x) cannot
     * load a catalogue of one row (the plane ends in error and the reply is a bare samp.error).
     *
     * @param e the event
     * @param target the target client's name
     * @return the explanation, if there is one
     */
    static java.util.Optional<String> explain(InvestigatorEvent e, String target) {
        if (e.kind() == InvestigatorEvent.Kind.SEND_FAILED && e.rows() == 1 && target != null
                && target.toLowerCase(java.util.Locale.ROOT).contains("aladin")) {
            return java.util.Optional.of("  note: Aladin cannot load a catalogue of a single row (a known Aladin 12 "
                    + "defect); the row is in the search's result: widen --radius to get neighbours, or send the "
                    + "results to TOPCAT with --target topcat");
        }
        return java.util.Optional.empty();
    }

    private static void log(PrintWriter out, String line) {
        synchronized (out) {
            out.println(LocalTime.now().format(TIME) + " " + line);
            out.flush();
        }
    }

    private List<VicinitySearch> searches(VoHttp http) {
        List<VicinitySearch> all = new ArrayList<>();
        for (TapSearch t : taps) {
            all.add(TapVicinitySearch.of(TapService.builder(url("--tap", t.url)).http(http).build(), t.template));
        }
        for (String c : cones) {
            all.add(ConeVicinitySearch.of(url("--cone", c), http));
        }
        for (String s : sias) {
            all.add(SiaVicinitySearch.of(url("--sia", s), http));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("give at least one search: --cone URL, --sia URL, or --tap URL with "
                    + "--query-template ADQL");
        }
        return all;
    }

    private static URI url(String option, String s) {
        try {
            URI u = new URI(s.strip());
            if (u.getScheme() == null || !u.getScheme().matches("(?i)https?") || u.getHost() == null) {
                throw new IllegalArgumentException(option + " '" + s + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " '" + s + "' is not a valid URL: " + e.getReason());
        }
    }
}
