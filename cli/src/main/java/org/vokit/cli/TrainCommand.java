package org.vokit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine.Command;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * Hidden command run by the {@code vokit} launcher while it records the classes for its start-up
 * archive (class-data sharing or AOT cache): it runs {@code vokit tap} as a user would, through
 * {@link Main#run}, against a TAP service it serves itself on loopback (chunked, gzip-encoded
 * VOTables in each serialization, and an error document), writing each common format, plus the
 * help texts. Nothing leaves the machine. Not listed in {@code vokit --help}.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (DataFormat f : new DataFormat[] {DataFormat.TABLEDATA, DataFormat.BINARY, DataFormat.BINARY2}) {
            byte[] doc = votable(f);
            server.createContext("/" + f.toString().toLowerCase(java.util.Locale.ROOT) + "/sync",
                    ex -> send(ex, 200, doc));
        }
        byte[] error = ("<?xml version='1.0'?><VOTABLE version='1.4' xmlns='http://www.ivoa.net/xml/VOTable/v1.3'>"
                + "<RESOURCE type='results'><INFO name='QUERY_STATUS' value='ERROR'>no such table</INFO></RESOURCE>"
                + "</VOTABLE>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.createContext("/error/sync", ex -> send(ex, 400, error));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            WarmUp.run();
            run("--help");
            run("tap", "--help");
            for (String format : new String[] {"csv", "votable", "fits", "ecsv", "text"}) {
                for (String path : new String[] {"/tabledata", "/binary", "/binary2"}) {
                    run("tap", "--service", base + path, "--query", "SELECT TOP 3 * FROM t", "--format", format);
                }
            }
            run("tap", "--service", base + "/error", "--query", "SELECT * FROM nowhere", "--format", "csv");
        } finally {
            server.stop(0);
        }
        return 0;
    }

    private static void run(String... args) {
        Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    /** Answers as DaCHS does: chunked and gzip-encoded. */
    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().add("Content-Type", "application/x-votable+xml");
        ex.getResponseHeaders().add("Content-Encoding", "gzip");
        ex.sendResponseHeaders(status, 0);
        try (OutputStream os = new GZIPOutputStream(ex.getResponseBody())) {
            os.write(body);
        }
        ex.close();
    }

    /** A small result table with the common column types, in one VOTable serialization. */
    private static byte[] votable(DataFormat format) throws IOException {
        ColumnInfo id = new ColumnInfo("main_id", String.class, "identifier");
        id.setUCD("meta.id;meta.main");
        ColumnInfo ra = new ColumnInfo("ra", Double.class, "right ascension");
        ra.setUCD("pos.eq.ra;meta.main");
        ra.setUnitString("deg");
        ColumnInfo dec = new ColumnInfo("dec", Double.class, "declination");
        dec.setUCD("pos.eq.dec;meta.main");
        dec.setUnitString("deg");
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {id, ra, dec,
            new ColumnInfo("vmag", Float.class, null), new ColumnInfo("n", Long.class, null),
            new ColumnInfo("k", Integer.class, null), new ColumnInfo("flag", Short.class, null),
            new ColumnInfo("ok", Boolean.class, null)});
        for (int i = 0; i < 3; i++) {
            t.addRow(new Object[] {"S" + i, 10.0 + i, 20.0 - i, i == 1 ? null : 9.5f + i, 1000L * i, i, (short) i,
                i % 2 == 0});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new VOTableWriter(format, true, VOTableVersion.V14).writeStarTable(t, out);
        return out.toByteArray();
    }
}
