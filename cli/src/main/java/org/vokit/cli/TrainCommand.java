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
import uk.ac.starlink.table.StarTableOutput;
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
        StarTableOutput sto = new StarTableOutput();
        for (String fmt : new String[] {"votable", "csv", "fits", "ecsv", "text"}) {
            OutputStream os = new ByteArrayOutputStream();
            TableSink sink = TableOut.sink(sto, os, sto.getHandler(fmt));
            VotableReader.read(new ByteArrayInputStream(DOC.getBytes(StandardCharsets.UTF_8)),
                    URI.create("http://127.0.0.1/train"), sink, true);
        }
        org.vokit.tap.TapService.of("http://127.0.0.1:1/tap").toString();
        org.vokit.http.VoHttp.newDefault();
        return 0;
    }
}
