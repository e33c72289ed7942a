package org.vokit.fanout;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vokit.FormatException;
import org.vokit.internal.SafeXml;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOSerializer;

/**
 * A fan-out result as a VOTable that keeps its own story: the merged table, an INFO
 * {@value #QUERY_INFO} with the query that was run, and one INFO {@value #FAILURE_INFO} per entry
 * of the failure report (its value the service's message, its text the entry's fields and the
 * task's ADQL), so that {@link #read(Path)} can resume from it.
 */
public final class ResultFile {

    /** Name of the INFO holding the query (or its template) that was run. */
    public static final String QUERY_INFO = "vokit-query";
    /** Name of the INFOs holding the failure report. */
    public static final String FAILURE_INFO = "vokit-failure";
    /** Name of the INFO holding the report's summary line. */
    public static final String SUMMARY_INFO = "vokit-summary";

    private ResultFile() {
    }

    /**
     * What an earlier result file holds.
     *
     * @param query the query that was run (the {@value #QUERY_INFO} INFO), or null
     * @param failures the failure report
     * @param table the merged rows (read from the file on demand)
     */
    public record Previous(String query, List<Failure> failures, StarTable table) {
        /**
         * Copies the list.
         *
         * @param query the query
         * @param failures the failures
         * @param table the table
         */
        public Previous {
            failures = List.copyOf(failures);
        }

        /** @return the tasks to ask again: one per failure (skipped ones included) */
        public List<FanoutTask> tasksToRetry() {
            return failures.stream().filter(f -> f.adql() != null && !f.adql().isBlank()).map(Failure::toTask).toList();
        }
    }

    /**
     * Writes a merged table as a VOTable (TABLEDATA) with the query and failure report as INFOs.
     *
     * @param table the merged table
     * @param report the run's report
     * @param query the query that was run (e.g. the template before per-service adaptation)
     * @param out where to write (not closed)
     * @throws IOException on failure
     */
    public static void write(StarTable table, FanoutReport report, String query, OutputStream out) throws IOException {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n");
        w.write("<RESOURCE type=\"results\">\n");
        w.write(info("QUERY_STATUS", report.failures().isEmpty() ? "OK" : "ERROR",
                report.failures().isEmpty() ? null : report.failures().size() + " tasks failed or were skipped"));
        w.write(info(SUMMARY_INFO, report.summary(), null));
        w.write(info(QUERY_INFO, firstLine(query), query));
        for (Failure f : report.failures()) {
            w.write(info(FAILURE_INFO, f.message(), encode(f)));
        }
        VOSerializer ser = VOSerializer.makeSerializer(DataFormat.TABLEDATA, table);
        ser.writeInlineTableElement(w);
        w.write("</RESOURCE>\n</VOTABLE>\n");
        w.flush();
    }

    /**
     * Reads an earlier result file.
     *
     * @param file the file
     * @return its query, failure report and rows
     * @throws IOException if it is not such a file
     */
    public static Previous read(Path file) throws IOException {
        Map<String, List<String[]>> infos = new LinkedHashMap<>();
        XMLReader r = SafeXml.newReader(false);
        r.setContentHandler(new DefaultHandler() {
            private String name;
            private String value;
            private StringBuilder text;

            @Override
            public void startElement(String uri, String local, String qName, Attributes a) {
                if ("INFO".equals(qName) && a.getValue("name") != null && a.getValue("name").startsWith("vokit-")) {
                    name = a.getValue("name");
                    value = a.getValue("value");
                    text = new StringBuilder();
                }
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                if (text != null) {
                    text.append(ch, start, length);
                }
            }

            @Override
            public void endElement(String uri, String local, String qName) {
                if ("INFO".equals(qName) && text != null) {
                    infos.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {value, text.toString()});
                    text = null;
                }
            }
        });
        try (InputStream in = Files.newInputStream(file)) {
            r.parse(new InputSource(in));
        } catch (SAXException e) {
            throw new FormatException("not a readable VOTable: " + e.getMessage(), file.toUri(), e);
        }
        if (!infos.containsKey(QUERY_INFO)) {
            throw new FormatException("not a vokit fan-out result: no INFO " + QUERY_INFO, file.toUri(), null);
        }
        String query = infos.get(QUERY_INFO).get(0)[1].strip();
        List<Failure> failures = new ArrayList<>();
        for (String[] f : infos.getOrDefault(FAILURE_INFO, List.of())) {
            failures.add(decode(f[0], f[1], file));
        }
        StarTable table = new StarTableFactory(false).makeStarTable(file.toString(), "votable");
        return new Previous(query, failures, table);
    }

    private static String info(String name, String value, String text) {
        return "<INFO name=\"" + VOSerializer.formatText(name) + "\" value=\""
                + VOSerializer.formatText(value == null ? "" : value) + "\""
                + (text == null ? "/>\n" : ">" + VOSerializer.formatText(text) + "</INFO>\n");
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    private static String encode(Failure f) {
        return "task=" + oneLine(f.task()) + "\naccess_url=" + f.accessUrl() + "\nivoid=" + (f.ivoid() == null ? "" : f.ivoid())
                + "\ntable=" + (f.table() == null ? "" : oneLine(f.table())) + "\nphase=" + f.phase() + "\nerror_class="
                + f.errorClass() + "\nadql=" + (f.adql() == null ? "" : f.adql());
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    private static Failure decode(String message, String text, Path file) throws FormatException {
        Map<String, String> kv = new LinkedHashMap<>();
        String rest = text.strip();
        int adql = rest.indexOf("\nadql=");
        String head = adql < 0 ? rest : rest.substring(0, adql);
        for (String line : head.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String q = adql < 0 ? null : rest.substring(adql + "\nadql=".length());
        try {
            return new Failure(kv.getOrDefault("task", kv.get("access_url")), URI.create(kv.get("access_url")),
                    emptyToNull(kv.get("ivoid")), emptyToNull(kv.get("table")), Failure.Phase.valueOf(kv.get("phase")),
                    kv.getOrDefault("error_class", "?"), message, q);
        } catch (RuntimeException e) {
            throw new FormatException("damaged INFO " + FAILURE_INFO + " (" + e.getMessage() + "): " + oneLine(text),
                    file.toUri(), e);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
