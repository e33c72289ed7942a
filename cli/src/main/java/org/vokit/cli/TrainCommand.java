package org.vokit.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.vokit.votable.VotableReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import uk.ac.starlink.table.TableSink;

/**
 * Hidden command run once by the {@code vokit} launcher to record a class-data sharing archive:
 * it exercises the classes a typical command loads (option parsing, VOTable reading, table
 * writing, the HTTP client) without touching the network.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {

    private static final String DOC = "<?xml version='1.0'?><VOTABLE version='1.4' "
            + "xmlns='http://www.ivoa.net/xml/VOTable/v1.3'><RESOURCE type='results'>"
            + "<INFO name='QUERY_STATUS' value='OK'/><TABLE>"
            + "<FIELD name='id' datatype='long'/><FIELD name='ra' datatype='double' unit='deg' ucd='pos.eq.ra;meta.main'/>"
            + "<FIELD name='name' datatype='char' arraysize='*'/><FIELD name='mag' datatype='float'/>"
            + "<DATA><TABLEDATA><TR><TD>1</TD><TD>10.5</TD><TD>a</TD><TD>3.5</TD></TR></TABLEDATA></DATA>"
            + "</TABLE><INFO name='QUERY_STATUS' value='OVERFLOW'/></RESOURCE></VOTABLE>";

    @Override
    public Integer call() throws IOException {
        new CommandLine(new Main()).getUsageMessage();
        new CommandLine(new TapCommand()).getUsageMessage();
        for (String fmt : new String[] {"votable", "csv", "fits", "ecsv", "text"}) {
            OutputStream os = new ByteArrayOutputStream();
            TableSink sink = TableOut.sink(os, TableOut.writer(fmt, null));
            VotableReader.read(new ByteArrayInputStream(DOC.getBytes(StandardCharsets.UTF_8)),
                    URI.create("http://127.0.0.1/train"), sink, true);
        }
        // one real HTTP exchange, on loopback, so that the HTTP client's classes are recorded too
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tap/sync", ex -> {
            byte[] body = DOC.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-votable+xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try (org.vokit.http.VoHttp http = org.vokit.http.VoHttp.newDefault()) {
            org.vokit.tap.TapService tap = org.vokit.tap.TapService.builder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tap")).http(http).build();
            for (String fmt : new String[] {"csv", "votable"}) {
                OutputStream os = new ByteArrayOutputStream();
                TableSink sink = TableOut.sink(os, TableOut.writer(fmt, null));
                tap.runSync(org.vokit.tap.TapQuery.of("SELECT 1").withMaxrec(10), sink);
            }
        } finally {
            server.stop(0);
        }
        return 0;
    }
}
