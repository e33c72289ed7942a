package org.vokit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vokit.VoException;
import org.vokit.datalink.Datalink;
import org.vokit.datalink.DatalinkDocument;
import org.vokit.datalink.DatalinkService;
import org.vokit.datalink.Link;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.TableSink;

/**
 * {@code vokit datalink}: the links of one or more datasets, as a table.
 */
@Command(name = "datalink", header = "List the DataLink links of datasets as a table.",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the DataLink links of datasets as a table.",
            "Columns: ID, access_url, service_def, error_message, semantics, description,",
            "content_type, content_length, local_semantics. Several --id values go to the",
            "service in batches (--batch); a service that does not take several IDs is",
            "asked one ID per request instead.",
            "Default --timeout: 300 s."},
        footer = {"", "Examples:",
            "  vokit datalink --service http://127.0.0.1:8089/voimg/q/dl/dlmeta \\",
            "      --id 'ivo://vokit.test/~?voimg/data/img-f10p20-11-V.fits' --format text",
            "  vokit datalink --datalink 'http://127.0.0.1:8089/vospec/q/sdl/dlmeta?ID=...' \\",
            "      --semantics '#this'",
            "  vokit datalink --service URL --id ID1 --id ID2 --semantics '#preview' --out p.csv",
            "",
            "--semantics includes the narrower terms of the IVOA datalink/core vocabulary:",
            "#preview also lists #preview-image and #preview-plot links, #calibration also",
            "#bias, #dark and #flat, #auxiliary also #weight, #error and #noise.",
            "",
            "Exit status: 0 all links listed; 1 the service failed (if only for some IDs,",
            "the others' links are written and each failure is reported on standard",
            "error); 2 bad command line."})
final class DatalinkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the links come from. */
    static final class Source {
        @Option(names = "--datalink", paramLabel = "URL", required = true,
                description = "URL of a DataLink document (e.g. a dataset's access_url, or a {links} URL with ID).")
        String datalink;

        @ArgGroup(exclusive = false)
        ServiceIds service;
    }

    /** A {links} endpoint and the IDs to ask it for. */
    static final class ServiceIds {
        @Option(names = "--service", paramLabel = "URL", required = true, description = "The {links} endpoint.")
        String service;

        @Option(names = "--id", paramLabel = "ID", required = true,
                description = "Dataset identifier (publisher DID). Repeatable.")
        List<String> ids = new ArrayList<>();
    }

    @Option(names = "--semantics", paramLabel = "TERM",
            description = "Only links with this semantics or a narrower one (e.g. '#preview', '#this', '#proc').")
    String semantics;

    @Option(names = "--batch", paramLabel = "N", description = "Most IDs per request (default: ${DEFAULT-VALUE}).")
    int batch = DatalinkService.DEFAULT_BATCH_SIZE;





    @Mixin
    OutputOptions output;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.applyDebug();
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1: " + batch);
        }
        Duration timeout = run.timeout(Duration.ofSeconds(300));
        PrintWriter err = spec.commandLine().getErr();
        List<Link> links = new ArrayList<>();
        List<VoException> failures = new ArrayList<>();
        try (VoHttp http = VoHttp.newDefault()) {
            if (source.datalink != null) {
                DatalinkDocument doc = DatalinkDocument.fetch(http, url("--datalink", source.datalink),
                        Deadline.in(timeout));
                links.addAll(semantics == null ? doc.links() : doc.bySemantics(semantics));
            } else {
                DatalinkService dls = DatalinkService.of(url("--service", source.service.service)).withHttp(http)
                        .withBatchSize(batch).withTimeout(timeout);
                for (Datalink dl : dls.datalinks(source.service.ids)) {
                    if (!dl.ok()) {
                        failures.add(dl.failure().orElseThrow());
                        continue;
                    }
                    links.addAll(semantics == null ? dl.links() : dl.bySemantics(semantics));
                }
                if (failures.size() == source.service.ids.size()) {
                    throw failures.get(0);
                }
            }
        }
        write(links);
        for (VoException f : failures) {
            err.println("vokit datalink: " + Failures.describe(f));
        }
        err.flush();
        return failures.isEmpty() ? 0 : Failures.SERVICE_FAILURE;
    }

    private void write(List<Link> links) throws IOException {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            col("ID", String.class, "meta.id;meta.main"),
            col("access_url", String.class, "meta.ref.url"),
            col("service_def", String.class, "meta.code"),
            col("error_message", String.class, "meta.code.error"),
            col("semantics", String.class, "meta.code"),
            col("description", String.class, "meta.note"),
            col("content_type", String.class, "meta.code.mime"),
            col("content_length", Long.class, "phys.size;meta.file"),
            col("local_semantics", String.class, "meta.id.assoc")});
        for (Link l : links) {
            t.addRow(new Object[] {l.id(), l.accessUrl(), l.serviceDef(), l.errorMessage(), l.semantics(),
                l.description(), l.contentType(), l.contentLength(), l.localSemantics()});
        }
        try (TableOut output = this.output.open()) {
            TableSink sink = output.sink();
            sink.acceptMetadata(t);
            for (int i = 0; i < t.getRowCount(); i++) {
                sink.acceptRow(t.getRow(i));
            }
            sink.endRows();
            output.commit();
        }
    }

    private static ColumnInfo col(String name, Class<?> type, String ucd) {
        ColumnInfo c = new ColumnInfo(name, type, null);
        c.setUCD(ucd);
        if (name.equals("content_length")) {
            c.setUnitString("byte");
        }
        return c;
    }

    static URI url(String option, String value) {
        try {
            URI u = new URI(value.strip());
            String scheme = u.getScheme();
            if (scheme == null || u.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException(option + " '" + value + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a valid URL: " + e.getReason());
        }
    }
}
