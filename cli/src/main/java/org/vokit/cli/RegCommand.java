package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.http.VoHttp;
import org.vokit.registry.Author;
import org.vokit.registry.Constraint;
import org.vokit.registry.DataModel;
import org.vokit.registry.Ivoid;
import org.vokit.registry.Keywords;
import org.vokit.registry.RegInterface;
import org.vokit.registry.Registry;
import org.vokit.registry.RegistryResource;
import org.vokit.registry.SearchResult;
import org.vokit.registry.ServiceType;
import org.vokit.registry.Ucd;
import org.vokit.registry.Waveband;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.TableSink;

/**
 * {@code vokit reg}: searches the VO registry (RegTAP) and writes one row per resource.
 */
@Command(name = "reg", header = "Search the VO registry (RegTAP).",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search the VO registry (a RegTAP service) and write one row per resource found:",
            "its IVOA identifier, short name, title, access modes and the access URLs of its interfaces.",
            "Constraints are combined with AND. The registry is --registry, else $IVOA_REGISTRY, else "
                + "http://reg.g-vo.org/tap.",
            "Default --timeout: 120 s."},
        footer = {"", "Examples:",
            "  vokit reg --servicetype tap --keywords \"gaia dr3\" --format text",
            "  vokit reg --datamodel obscore --format csv --out obscore-services.csv",
            "  vokit reg --registry http://127.0.0.1:8089/tap --ucd \"pos.pm%%\" --show-query",
            "  vokit reg --ivoid ivo://org.gavo.dc/tap --describe"})
final class RegCommand implements Callable<Integer> {

    /** Environment variable naming the RegTAP service, as pyVO reads it. */
    static final String REGISTRY_ENV = "IVOA_REGISTRY";

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "URL",
            description = "TAP base URL of the RegTAP service (default: $IVOA_REGISTRY, else http://reg.g-vo.org/tap).")
    String registry;

    @Option(names = "--keywords", paramLabel = "WORDS",
            description = "Words that must all occur in the title, description or subjects (split at spaces).")
    String keywords;

    @Option(names = "--servicetype", paramLabel = "TYPE",
            description = "Service type: tap, sia, sia2, image, ssa, scs, slap, datalink, soda, or a standard "
                    + "ivo:// identifier. Repeatable; any of them matches.")
    List<String> serviceTypes = new ArrayList<>();

    @Option(names = "--include-aux",
            description = "Also match auxiliary capabilities (tap#aux...): resources whose tables are served by a "
                    + "service registered elsewhere. Without --servicetype it means --servicetype tap.")
    boolean includeAux;

    @Option(names = "--datamodel", paramLabel = "DM", description = "Data model: obscore, epntap, regtap, or an ivo:// identifier.")
    String dataModel;

    @Option(names = "--ucd", paramLabel = "PATTERN",
            description = "A column UCD pattern (%% for any characters), e.g. pos.pm%%. Repeatable; any matches.")
    List<String> ucds = new ArrayList<>();

    @Option(names = "--waveband", paramLabel = "W",
            description = "Messenger: radio, millimeter, infrared, optical, uv, euv, x-ray, gamma-ray, photon, "
                    + "neutrino. Repeatable; any matches.")
    List<String> wavebands = new ArrayList<>();

    @Option(names = "--ivoid", paramLabel = "ID", description = "IVOA identifier. Repeatable; any matches.")
    List<String> ivoids = new ArrayList<>();

    @Option(names = "--author", paramLabel = "A", description = "Creator name pattern (%% for any characters).")
    String author;

    @Option(names = "--all", description = "List every resource when no constraint is given.")
    boolean all;

    @Option(names = "--maxrec", paramLabel = "N", description = "The most resources to ask the registry for.")
    Long maxrec;

    @Option(names = "--show-query",
            description = "Print the ADQL sent to the registry on standard error (the search still runs).")
    boolean showQuery;

    @Option(names = "--describe",
            description = "Write a readable description of each resource instead of the table.")
    boolean describe;





    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.applyDebug();
        Constraint[] constraints = constraints().toArray(new Constraint[0]);
        if (constraints.length == 0 && !all) {
            throw new IllegalArgumentException("give at least one constraint (--keywords, --servicetype, --datamodel,"
                    + " --ucd, --waveband, --ivoid, --author) or --all");
        }
        Registry.Builder b = Registry.builder(registryUri()).http(VoHttp.newDefault());
        if (maxrec != null) {
            if (maxrec < 0) {
                throw new IllegalArgumentException("--maxrec must not be negative: " + maxrec);
            }
            b.maxrec(maxrec);
        }
        b.timeout(run.timeout(Duration.ofSeconds(120)));
        Registry reg = b.build();
        PrintWriter err = spec.commandLine().getErr();
        if (showQuery) {
            err.println(reg.renderQuery(constraints));
            err.flush();
        }
        SearchResult result = reg.searchResult(constraints);
        if (showQuery && result.queries().size() > 1) {
            for (String q : result.queries().subList(1, result.queries().size())) {
                err.println();
                err.println(q);
            }
            err.flush();
        }
        if (describe) {
            PrintWriter o = spec.commandLine().getOut();
            boolean first = true;
            for (RegistryResource r : result.resources()) {
                if (!first) {
                    o.println();
                }
                o.print(r.describe());
                first = false;
            }
            o.flush();
        } else {
            try (TableOut output = this.output.open()) {
                write(result.resources(), output.sink());
                output.commit();
            }
        }
        if (result.overflowed()) {
            err.println("vokit reg: warning: the registry cut the answer at its row limit"
                    + (maxrec != null ? " (--maxrec " + maxrec + ")" : "") + "; more resources may match");
            err.flush();
        }
        return 0;
    }

    private List<Constraint> constraints() {
        List<Constraint> cs = new ArrayList<>();
        if (keywords != null) {
            cs.add(Keywords.parse(keywords));
        }
        if (!serviceTypes.isEmpty()) {
            ServiceType st = ServiceType.of(serviceTypes.toArray(new String[0]));
            cs.add(includeAux ? st.withAux() : st);
        } else if (includeAux) {
            // auxiliary capabilities are TAP's (tap#aux): alone, --include-aux means --servicetype tap
            cs.add(ServiceType.of("tap").withAux());
        }
        if (dataModel != null) {
            cs.add(DataModel.of(dataModel));
        }
        if (!ucds.isEmpty()) {
            cs.add(Ucd.of(ucds.toArray(new String[0])));
        }
        if (!wavebands.isEmpty()) {
            cs.add(Waveband.of(wavebands.toArray(new String[0])));
        }
        if (!ivoids.isEmpty()) {
            cs.add(Ivoid.of(ivoids.toArray(new String[0])));
        }
        if (author != null) {
            cs.add(Author.of(author));
        }
        return cs;
    }

    private URI registryUri() {
        String given = registry;
        String from = "--registry";
        if (given == null) {
            given = System.getenv(REGISTRY_ENV);
            from = "$" + REGISTRY_ENV;
        }
        if (given == null || given.isBlank()) {
            return Registry.DEFAULT_ENDPOINT;
        }
        try {
            URI u = new URI(given.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException(from + " '" + given + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(from + " '" + given + "' is not a valid URL: " + e.getReason());
        }
    }

    /** The table written: one row per resource. */
    static void write(List<RegistryResource> resources, TableSink sink) throws IOException {
        ColumnInfo[] cols = {
            column("ivoid", "IVOA identifier of the resource", "meta.ref.ivoid"),
            column("short_name", "Short name", "meta.id"),
            column("title", "Title", "meta.title"),
            column("access_modes", "Ways to use the resource (standard identifiers without ivo://ivoa.net/std/;"
                    + " web for web pages), comma-separated", null),
            column("access_urls", "The access URL of each interface, as mode=URL, space-separated", "meta.ref.url"),
        };
        RowListStarTable table = new RowListStarTable(cols);
        for (RegistryResource r : resources) {
            List<String> urls = new ArrayList<>();
            for (RegInterface i : r.interfaces()) {
                i.accessMode().ifPresent(m -> urls.add(m + "=" + i.accessUrl()));
            }
            table.addRow(new Object[] {r.ivoid(), r.shortName(), r.title(), String.join(",", r.accessModes()),
                String.join(" ", urls)});
        }
        sink.acceptMetadata(table);
        for (int i = 0; i < table.getRowCount(); i++) {
            sink.acceptRow(table.getRow(i));
        }
        sink.endRows();
    }

    private static ColumnInfo column(String name, String description, String ucd) {
        ColumnInfo c = new ColumnInfo(name, String.class, description);
        if (ucd != null) {
            c.setUCD(ucd);
        }
        return c;
    }
}
