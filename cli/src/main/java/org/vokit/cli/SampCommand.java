package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vokit.samp.SampClient;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampReply;
import org.vokit.samp.SampTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.TableFormatException;

/**
 * {@code vokit samp}: sends tables, images and spectra to SAMP clients such as TOPCAT and Aladin,
 * and lists the clients registered with the hub.
 */
@Command(name = "samp", header = "Talk to desktop VO applications through a SAMP hub.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Talk to desktop VO applications (TOPCAT, Aladin, ...) through a SAMP hub.",
            "The hub is the one of --hub, else of SAMP_HUB (std-lockurl:...), else of ~/.samp."},
        subcommands = {SampCommand.Send.class, SampCommand.Clients.class},
        footer = {"", "Examples:",
            "  vokit samp clients --format text",
            "  vokit samp send table result.fits --to topcat",
            "  vokit samp send image http://127.0.0.1:8089/getproduct/voimg/data/img-f10p20-11-V.fits --to Aladin",
            "  vokit samp send spectrum spec.fits --name \"my spectrum\""})
final class SampCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: send or clients");
    }

    /**
     * Reports a failure as one line naming the whole command ({@code vokit samp send: ...}), the
     * way {@link Failures} does for top-level commands.
     */
    static int fail(CommandSpec spec, String sub, Exception e, boolean debug) {
        Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("vokit samp " + sub + ": " + Failures.describe(t));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return t instanceof IllegalArgumentException ? Failures.USAGE : Failures.SERVICE_FAILURE;
    }

    /** Options every samp subcommand takes. */
    static final class HubOptions {
        @Option(names = "--hub", paramLabel = "LOCKFILE_URL",
                description = "The hub's Standard Profile lockfile: a file: URL or a path "
                        + "(default: SAMP_HUB's std-lockurl, else ~/.samp).")
        String hub;

        @Mixin
        RunOptions run = new RunOptions();

        /** The lockfile named by --hub, SAMP_HUB or the home directory. */
        URI lockUrl() {
            if (hub == null || hub.isBlank()) {
                return SampConnection.standardLockUrl(System.getenv(), Path.of(System.getProperty("user.home")));
            }
            String h = hub.strip();
            if (h.startsWith("std-lockurl:")) {
                h = h.substring("std-lockurl:".length());
            }
            if (h.matches("(?i)(file|https?):.*")) {
                try {
                    return new URI(h);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("--hub '" + hub + "' is not a valid URL: " + e.getReason());
                }
            }
            return Path.of(h).toAbsolutePath().toUri();
        }

        SampConnection connect(String name, Duration timeout) throws IOException {
            run.applyDebug();
            java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
            return SampConnection.builder().name(name).description("the vokit command line")
                    .version(Main.class.getPackage().getImplementationVersion())
                    .lockUrl(lockUrl()).callTimeout(timeout).connect();
        }
    }

    /** {@code vokit samp send}. */
    @Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Send a table, an image or a spectrum to SAMP clients.",
                "A local table (any format STIL reads) is served as a VOTable until the recipients have read it;",
                "a URL is sent as it is. Prints one line per recipient; exit status 1 if any reported an error.",
                "Default --timeout (for the replies): 30 s."})
    static final class Send implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KIND", description = "table, image or spectrum")
        String kind;

        @Parameters(index = "1", paramLabel = "FILE_OR_URL", description = "A local file or an http(s) or file: URL.")
        String what;

        @Option(names = "--to", paramLabel = "CLIENT",
                description = "The recipient's name (e.g. topcat, Aladin; any case) or id; "
                        + "default: every client subscribed to the message type.")
        String to;

        @Option(names = "--name", paramLabel = "NAME", description = "The name the recipient shows.")
        String name;

        @Mixin
        HubOptions hub;

        @Override
        public Integer call() {
            try {
                return send();
            } catch (Exception e) {
                return fail(spec, "send", e, hub.run.debug);
            }
        }

        private int send() throws IOException, InterruptedException {
            String k = kind.toLowerCase(Locale.ROOT);
            if (!List.of("table", "image", "spectrum").contains(k)) {
                throw new IllegalArgumentException("KIND must be table, image or spectrum, not '" + kind + "'");
            }
            Duration timeout = hub.run.timeout(Duration.ofSeconds(30));
            URI url = asUrl(what);
            Path file = url == null ? localFile(what) : null;
            String shown = name != null ? name : file != null ? file.getFileName().toString() : null;
            StarTable table = k.equals("table") && file != null ? readTable(file) : null;
            SampTarget target = to == null ? SampTarget.subscribed() : SampTarget.client(to);
            PrintWriter out = spec.commandLine().getOut();
            try (SampConnection samp = hub.connect("vokit", timeout)) {
                URI ref = url != null ? url : file.toUri();
                SampDelivery d = switch (k) {
                    case "table" -> table != null ? samp.sendTable(table, shown, target)
                            : samp.sendTableUrl(ref, shown, null, target);
                    case "image" -> samp.sendImage(ref, shown, target);
                    default -> samp.sendSpectrum(ref, shown, spectrumMeta(ref), target);
                };
                for (SampReply r : d.replies()) {
                    out.println(r.describe());
                }
                out.flush();
                if (table != null) {
                    long accepted = d.replies().stream().filter(r -> r.status() == SampReply.Status.OK).count();
                    // a recipient may answer before it reads the table: keep serving it for a while
                    samp.awaitFetches(d.url(), (int) accepted, timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10));
                }
                if (!d.allSucceeded()) {
                    long bad = d.replies().stream().filter(r -> !r.isSuccess()).count();
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("vokit samp send: " + bad + " of " + d.replies().size()
                            + " recipients did not accept the " + k);
                    err.flush();
                    return Failures.SERVICE_FAILURE;
                }
                return 0;
            }
        }

        private static URI asUrl(String s) {
            if (!s.matches("(?i)(https?|file):.*")) {
                return null;
            }
            try {
                return new URI(s.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + s + "' is not a valid URL: " + e.getReason());
            }
        }

        private static Path localFile(String s) {
            Path p = Path.of(s).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(s + ": no such file");
            }
            return p;
        }

        private static StarTable readTable(Path file) throws IOException {
            StarTableFactory f = new StarTableFactory(false);
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            String fmt = n.endsWith(".csv") ? "csv(header=true)" : n.endsWith(".ecsv") ? "ecsv" : n.endsWith(".tst") ? "tst"
                    : n.endsWith(".ipac") || n.endsWith(".tbl") ? "ipac" : n.endsWith(".txt") ? "ascii" : null;
            try {
                return fmt == null ? f.makeStarTable(file.toString()) : f.makeStarTable(file.toString(), fmt);
            } catch (TableFormatException e) {
                throw new IllegalArgumentException(file + " is not a table STIL can read: " + e.getMessage());
            }
        }

        private static Map<String, String> spectrumMeta(URI ref) {
            String p = ref.getPath() == null ? "" : ref.getPath().toLowerCase(Locale.ROOT);
            if (p.endsWith(".fits") || p.endsWith(".fit")) {
                return Map.of("Access.Format", "application/fits");
            }
            if (p.endsWith(".vot") || p.endsWith(".xml")) {
                return Map.of("Access.Format", "application/x-votable+xml");
            }
            return Map.of();
        }
    }

    /** {@code vokit samp clients}. */
    @Command(name = "clients", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"List the clients registered with the hub: id, name and the number of MTypes each "
                    + "subscribes to.", "Written as a text table on a terminal, else as a VOTable (--format and --out choose otherwise).",
                "Default --timeout: 10 s."})
    static final class Clients implements Callable<Integer> {

        @Mixin
        OutputOptions output;

        @Mixin
        HubOptions hub;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                return list();
            } catch (Exception e) {
                return fail(spec, "clients", e, hub.run.debug);
            }
        }

        /**
         * The format of the list: {@code --format} if given, else from the {@code --out} name, else
         * a readable text table on a terminal and a VOTable otherwise (for pipes and scripts).
         */
        static String defaultFormat(Path out, String format, boolean terminal) {
            if (format != null || out != null) {
                return format;
            }
            return terminal ? "text" : null;
        }

        private int list() throws IOException {
            List<SampClient> clients;
            try (SampConnection samp = hub.connect("vokit", hub.run.timeout(Duration.ofSeconds(10)))) {
                clients = samp.clients();
            }
            ColumnInfo id = new ColumnInfo("id", String.class, "public id the hub gave the client");
            id.setUCD("meta.id");
            ColumnInfo name = new ColumnInfo("name", String.class, "declared samp.name");
            name.setUCD("meta.id;meta.main");
            ColumnInfo subs = new ColumnInfo("subscriptions", Integer.class, "number of MTypes subscribed to");
            subs.setUCD("meta.number");
            RowListStarTable t = new RowListStarTable(new ColumnInfo[] {id, name, subs});
            for (SampClient c : clients) {
                t.addRow(new Object[] {c.id(), c.name(), c.subscriptions().size()});
            }
            t.setName("samp-clients");
            String format = defaultFormat(output.out, output.format, System.console() != null);
            try (TableOut table = TableOut.open(output.out, format)) {
                uk.ac.starlink.table.Tables.streamStarTable(t, table.sink());
                table.commit();
            }
            return 0;
        }
    }
}
