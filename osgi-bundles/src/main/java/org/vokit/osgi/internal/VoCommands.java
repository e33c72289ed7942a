package org.vokit.osgi.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.vokit.osgi.InvestigatorService;
import org.vokit.osgi.VoClients;
import org.vokit.registry.Constraint;
import org.vokit.registry.DataModel;
import org.vokit.registry.Keywords;
import org.vokit.registry.RegInterface;
import org.vokit.registry.RegistryResource;
import org.vokit.registry.SearchResult;
import org.vokit.registry.ServiceType;
import org.vokit.registry.Ucd;
import org.vokit.tap.TapQuery;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.StarTableOutput;
import uk.ac.starlink.table.StarTableWriter;

/**
 * The Gogo commands in scope {@code vo}: {@code vo:tap}, {@code vo:reg} and
 * {@code vo:investigate}. Each takes {@code --option value} words, returns its output as text and
 * throws {@link IllegalArgumentException} (bad input) or {@link IOException} (a service failed)
 * with a message naming what went wrong.
 */
@Component(service = VoCommands.class, property = {
    "osgi.command.scope=vo",
    "osgi.command.function=tap",
    "osgi.command.function=reg",
    "osgi.command.function=investigate",
    "osgi.command.function=vowide"
})
public final class VoCommands {

    private static final Duration START_WAIT = Duration.ofSeconds(15);

    private final VoClients clients;
    private final ConfigurationAdmin configAdmin;
    private volatile InvestigatorService investigator;
    private volatile org.vokit.osgi.VoWideSearch vowide;

    /**
     * Creates the commands.
     *
     * @param clients the protocol clients
     * @param configAdmin the configuration admin, for {@code vo:investigate start|stop}
     */
    @Activate
    public VoCommands(@Reference VoClients clients, @Reference ConfigurationAdmin configAdmin) {
        this.clients = clients;
        this.configAdmin = configAdmin;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setInvestigator(InvestigatorService s) {
        investigator = s;
    }

    void unsetInvestigator(InvestigatorService s) {
        if (investigator == s) {
            investigator = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setVoWide(org.vokit.osgi.VoWideSearch s) {
        vowide = s;
    }

    void unsetVoWide(org.vokit.osgi.VoWideSearch s) {
        if (vowide == s) {
            vowide = null;
        }
    }

    /**
     * {@code vo:vowide [--registry URL] --ucd PATTERN --ra DEG --dec DEG --sr DEG
     * [--format text|csv|votable|…]}: a VO-wide TAP query by UCD, as {@code vokit vowide}; the
     * merged table, then the failure report and notes, one per line.
     *
     * @param args the options
     * @return the table and the report
     * @throws IOException if the registry fails, or every service failed
     * @throws InterruptedException if interrupted
     */
    public String vowide(String... args) throws IOException, InterruptedException {
        Args a = Args.parse("vo:vowide", args, Set.of("--registry", "--ucd", "--ra", "--dec", "--sr", "--format"),
                Set.of());
        org.vokit.osgi.VoWideSearch engine = vowide;
        if (engine == null) {
            throw new IllegalStateException("vo:vowide: the VO-wide search service is not available");
        }
        URI registry = a.get("--registry") == null ? null : Urls.http("vo:vowide --registry", a.get("--registry"));
        String ucd = a.require("--ucd");
        double ra = a.number("--ra", Double.NaN);
        double dec = a.number("--dec", Double.NaN);
        double sr = a.number("--sr", Double.NaN);
        if (Double.isNaN(ra) || Double.isNaN(dec) || Double.isNaN(sr)) {
            throw new IllegalArgumentException("vo:vowide: --ra, --dec and --sr are required");
        }
        org.vokit.osgi.VoWideSearch.Result r = engine.search(registry, ucd, ra, dec, sr);
        if (r.report().answered() == 0 && r.report().tasks() > 0) {
            StringBuilder why = new StringBuilder("vo:vowide: no service answered");
            r.report().failures().forEach(f -> why.append("; ").append(f.line()));
            throw new IOException(why.toString());
        }
        StringBuilder b = new StringBuilder(writeTable(r.table(), a.get("--format") == null ? "text" : a.get("--format")));
        b.append(r.report().answered()).append('/').append(r.report().tasks()).append(" services answered, ")
                .append(r.report().rows()).append(" rows\n");
        r.report().failures().forEach(f -> b.append("failed: ").append(f.line()).append('\n'));
        r.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
        return b.toString();
    }

    /**
     * {@code vo:tap --service URL (--query ADQL | --query-file FILE) [--format text|csv|votable|…]
     * [--maxrec N] [--param NAME=VALUE]… [--async] [--timeout SECONDS]}: runs a query and
     * returns the table as text, as {@code vokit tap} does.
     *
     * @param args the options
     * @return the table in the chosen format
     * @throws IOException if the service fails (its own message included)
     */
    public String tap(String... args) throws IOException {
        Args a = Args.parse("vo:tap", args, Set.of("--service", "--query", "--query-file", "--format", "--maxrec",
                "--timeout", "--param"), Set.of("--async"));
        URI service = Urls.http("vo:tap --service", a.require("--service"));
        String adql;
        if (a.get("--query-file") != null) {
            if (a.get("--query") != null) {
                throw new IllegalArgumentException("vo:tap: give --query or --query-file, not both");
            }
            adql = java.nio.file.Files.readString(java.nio.file.Path.of(a.get("--query-file")));
        } else {
            adql = a.require("--query");
        }
        if (service.getPath() != null && service.getPath().matches(".*/(sync|async)/?")) {
            throw new IllegalArgumentException("vo:tap --service: give the TAP base URL, without /sync or /async: "
                    + service);
        }
        TapQuery q = TapQuery.of(adql);
        String maxrec = a.get("--maxrec");
        if (maxrec != null) {
            q = q.withMaxrec(parseLong("vo:tap --maxrec", maxrec));
        }
        for (String p : a.all("--param")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("vo:tap --param '" + p + "': expected NAME=VALUE");
            }
            q = q.withParam(p.substring(0, eq), p.substring(eq + 1));
        }
        String timeout = a.get("--timeout");
        if (timeout != null) {
            q = q.withTimeout(Duration.ofSeconds(parseLong("vo:tap --timeout", timeout)));
        }
        TapService tap = clients.tap(service);
        TapResult r = a.has("--async") ? tap.runAsync(q) : tap.runSync(q);
        String text = writeTable(r.table(), a.get("--format") == null ? "text" : a.get("--format"));
        return r.overflowed() ? text + "(the service cut the result at its row limit)\n" : text;
    }

    /**
     * {@code vo:reg [--registry URL] [--keywords WORDS] [--servicetype TYPE] [--datamodel DM]
     * [--ucd PATTERN]}: searches the registry, one line per resource.
     *
     * @param args the options
     * @return the resources found
     * @throws IOException if the registry fails
     */
    public String reg(String... args) throws IOException {
        Args a = Args.parse("vo:reg", args, Set.of("--registry", "--keywords", "--servicetype", "--datamodel",
                "--ucd"), Set.of("--include-aux"));
        List<Constraint> cs = new ArrayList<>();
        if (a.get("--keywords") != null) {
            cs.add(Keywords.parse(a.get("--keywords")));
        }
        if (!a.all("--servicetype").isEmpty()) {
            ServiceType st = ServiceType.of(a.all("--servicetype").toArray(new String[0]));
            cs.add(a.has("--include-aux") ? st.withAux() : st);
        }
        if (a.get("--datamodel") != null) {
            cs.add(DataModel.of(a.get("--datamodel")));
        }
        if (!a.all("--ucd").isEmpty()) {
            cs.add(Ucd.of(a.all("--ucd").toArray(new String[0])));
        }
        if (cs.isEmpty()) {
            throw new IllegalArgumentException("vo:reg: give at least one of --keywords, --servicetype, --datamodel,"
                    + " --ucd");
        }
        URI registry = a.get("--registry") == null ? null : Urls.http("vo:reg --registry", a.get("--registry"));
        SearchResult result = clients.registry(registry).searchResult(cs.toArray(new Constraint[0]));
        StringBuilder b = new StringBuilder();
        for (RegistryResource r : result.resources()) {
            b.append(r.ivoid()).append("  ").append(r.shortName()).append("  ").append(r.title()).append('\n');
            for (RegInterface i : r.interfaces()) {
                i.accessMode().ifPresent(m -> b.append("    ").append(m).append(' ').append(i.accessUrl()).append('\n'));
            }
        }
        b.append(result.resources().size()).append(result.resources().size() == 1 ? " resource" : " resources")
                .append(result.overflowed() ? " (cut at the registry's row limit)" : "").append('\n');
        return b.toString();
    }

    /**
     * {@code vo:investigate start|stop|status}: starts the investigator with the given settings
     * (by creating its configuration), stops it (by deleting the configuration), or describes it.
     * {@code start} takes {@code --target CLIENT} (required), {@code --hub LOCKFILE_URL},
     * {@code --name NAME}, {@code --cone URL}, {@code --sia URL}, {@code --tap URL} with
     * {@code --query-template ADQL} (each repeatable), {@code --radius DEG},
     * {@code --timeout SECONDS}, {@code --point-target}.
     *
     * @param args the action and its options
     * @return what happened
     * @throws IOException if the configuration cannot be changed, or the investigator did not start
     * @throws InterruptedException if interrupted while waiting for it
     */
    public String investigate(String... args) throws IOException, InterruptedException {
        if (args.length == 0) {
            throw new IllegalArgumentException("vo:investigate: say start, stop or status");
        }
        String action = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        return switch (action) {
            case "start" -> start(rest);
            case "stop" -> stop(rest);
            case "status" -> {
                Args.parse("vo:investigate status", rest, Set.of(), Set.of());
                InvestigatorService s = investigator;
                yield s == null ? "not running\n" : describe(s);
            }
            default -> throw new IllegalArgumentException("vo:investigate: unknown action '" + action
                    + "'; say start, stop or status");
        };
    }

    private String start(String[] args) throws IOException, InterruptedException {
        Args a = Args.parse("vo:investigate start", args, Set.of("--hub", "--target", "--name", "--cone", "--sia",
                "--tap", "--query-template", "--radius", "--timeout"), Set.of("--point-target"));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("target", a.require("--target"));
        if (a.get("--hub") != null) {
            props.put("hub", a.get("--hub"));
        }
        if (a.get("--name") != null) {
            props.put("name", a.get("--name"));
        }
        props.put("cone", a.all("--cone").toArray(new String[0]));
        props.put("sia", a.all("--sia").toArray(new String[0]));
        props.put("tap", a.all("--tap").toArray(new String[0]));
        if (a.get("--query-template") != null) {
            props.put("queryTemplate", a.get("--query-template"));
        }
        double radius = a.number("--radius", 0.05);
        if (!(radius > 0 && radius <= 180)) {
            throw new IllegalArgumentException("vo:investigate start --radius must be in (0, 180] degrees: " + radius);
        }
        props.put("radius", radius);
        if (a.get("--timeout") != null) {
            props.put("searchTimeoutSeconds", parseLong("vo:investigate start --timeout", a.get("--timeout")));
        }
        props.put("pointTarget", a.has("--point-target"));
        if (a.all("--cone").isEmpty() && a.all("--sia").isEmpty() && a.all("--tap").isEmpty()) {
            throw new IllegalArgumentException("vo:investigate start: give at least one search: --cone URL, "
                    + "--sia URL, or --tap URL with --query-template ADQL");
        }
        if (!a.all("--tap").isEmpty() && a.get("--query-template") == null) {
            throw new IllegalArgumentException("vo:investigate start: --tap needs --query-template");
        }
        Configuration c = configAdmin.getConfiguration(InvestigatorComponent.PID, "?");
        InvestigatorService old = investigator;
        c.update(props);
        long end = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < end) {
            InvestigatorService s = investigator;
            if (s != null && s != old) {
                return "started: " + describe(s);
            }
            Thread.sleep(50);
        }
        c.delete();
        throw new IOException("vo:investigate start: the investigator did not start within " + START_WAIT.toSeconds()
                + " s (is a SAMP hub running" + (a.get("--hub") == null ? "" : " at " + a.get("--hub"))
                + "? the framework log has the reason)");
    }

    private String stop(String[] args) throws IOException, InterruptedException {
        Args.parse("vo:investigate stop", args, Set.of(), Set.of());
        Configuration[] cs;
        try {
            cs = configAdmin.listConfigurations("(service.pid=" + InvestigatorComponent.PID + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (cs == null || cs.length == 0) {
            return "not running\n";
        }
        for (Configuration c : cs) {
            c.delete();
        }
        long end = System.nanoTime() + START_WAIT.toNanos();
        while (investigator != null && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        return investigator == null ? "stopped; unregistered from the hub\n" : "stopping\n";
    }

    private static String describe(InvestigatorService s) {
        StringBuilder b = new StringBuilder();
        b.append("client ").append(s.clientId()).append(" on hub ").append(s.hub()).append('\n');
        b.append("results to ").append(s.target()).append("; radius ")
                .append(String.format(Locale.ROOT, "%s", s.radius())).append(" deg\n");
        b.append("searches: ").append(String.join(", ", s.searches())).append('\n');
        b.append("tables: ").append(s.tables().isEmpty() ? "none" : String.join(", ", s.tables())).append('\n');
        for (String e : s.recentEvents()) {
            b.append("  ").append(e).append('\n');
        }
        return b.toString();
    }

    private static long parseLong(String what, String v) {
        try {
            long n = Long.parseLong(v.strip());
            if (n <= 0) {
                throw new IllegalArgumentException(what + " must be positive: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + v + "' is not a whole number");
        }
    }

    private static String writeTable(uk.ac.starlink.table.StarTable table, String format) throws IOException {
        StarTableWriter w;
        try {
            w = new StarTableOutput().getHandler(format);
        } catch (uk.ac.starlink.table.TableFormatException e) {
            throw new IllegalArgumentException("vo:tap --format: unknown format '" + format + "'");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.writeStarTable(table, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
