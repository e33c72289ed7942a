package org.vokit.topcat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javax.swing.JComboBox;
import javax.swing.JPanel;
import javax.swing.JTextField;
import org.vokit.datalink.Cutout;
import org.vokit.datalink.DatalinkDocument;
import org.vokit.datalink.Soda;
import org.vokit.datalink.SodaQuery;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.investigator.SkyPosition;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampTarget;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.topcat.ControlWindow;
import uk.ac.starlink.topcat.Outcome;
import uk.ac.starlink.topcat.TopcatModel;
import uk.ac.starlink.topcat.activate.ActivationMeta;
import uk.ac.starlink.topcat.activate.Activator;
import uk.ac.starlink.topcat.activate.ConfigState;

/**
 * The panel of the "SODA cutout" action: where the row's datalink is (a URL column, or an
 * identifier column and a datalink endpoint), the cutout (circle around the row's position, or
 * band), and where the cutout goes. State is saved with TOPCAT's session; endpoint, radius and
 * timeout are remembered in TOPCAT's preferences.
 */
final class SodaConfigurator extends FormConfigurator {

    static final String CIRCLE = "Circle around the row's position";
    static final String BAND = "Band (wavelengths in metres)";
    static final String WHERE_FITS = "Image to SAMP viewers, table into TOPCAT";
    static final String SAVE = "Save in the directory";

    private static final String K_ENDPOINT = "endpoint";
    private static final String K_COLUMN = "column";
    private static final String K_SHAPE = "shape";
    private static final String K_RADIUS = "radius";
    private static final String K_BAND_LO = "bandLo";
    private static final String K_BAND_HI = "bandHi";
    private static final String K_RA = "ra";
    private static final String K_DEC = "dec";
    private static final String K_DEST = "destination";
    private static final String K_DIR = "directory";
    private static final String K_TIMEOUT = "timeout";

    private final TopcatModel tm;
    private final JTextField endpoint = new JTextField(36);
    private final JComboBox<String> column;
    private final JComboBox<String> shape = new JComboBox<>(new String[] {CIRCLE, BAND});
    private final JTextField radius = new JTextField(8);
    private final JTextField bandLo = new JTextField(10);
    private final JTextField bandHi = new JTextField(10);
    private final JComboBox<String> ra;
    private final JComboBox<String> dec;
    private final JComboBox<String> dest = new JComboBox<>(new String[] {WHERE_FITS, SAVE});
    private final JTextField dir = new JTextField(30);
    private final JTextField timeout = new JTextField(8);

    SodaConfigurator(TopcatModel tm) {
        this.tm = tm;
        List<String> cols = TopcatEdge.columnNames(tm);
        String[] names = cols.toArray(new String[0]);
        column = new JComboBox<>(names);
        ra = new JComboBox<>(names);
        dec = new JComboBox<>(names);
        for (String c : List.of("obs_publisher_did", "pub_did", "ssa_pubdid", "access_url", "datalink")) {
            int i = indexOf(cols, c);
            if (i >= 0) {
                column.setSelectedIndex(i);
                break;
            }
        }
        TopcatEdge.guessPosition(tm).ifPresent(rd -> {
            ra.setSelectedItem(rd[0]);
            dec.setSelectedItem(rd[1]);
        });
        Preferences p = TopcatEdge.prefs();
        endpoint.setText(p.get("soda.endpoint", ""));
        radius.setText(p.get("radius", "0.1"));
        timeout.setText(p.get("timeout", "60"));
        dir.setText(p.get("soda.directory", System.getProperty("java.io.tmpdir")));
        endpoint.setName("soda.endpoint");
        column.setName("soda.column");
        shape.setName("soda.shape");
        radius.setName("soda.radius");
        bandLo.setName("soda.bandLo");
        bandHi.setName("soda.bandHi");
        ra.setName("soda.ra");
        dec.setName("soda.dec");
        dest.setName("soda.destination");
        dir.setName("soda.directory");
        timeout.setName("soda.timeout");
        JPanel panel = form();
        TopcatEdge.formRow(panel, 0, "Datalink endpoint (blank: column holds the URL)", endpoint);
        TopcatEdge.formRow(panel, 1, "ID or datalink URL column", column);
        TopcatEdge.formRow(panel, 2, "Cutout", shape);
        TopcatEdge.formRow(panel, 3, "Radius (deg)", radius);
        TopcatEdge.formRow(panel, 4, "RA column (deg)", ra);
        TopcatEdge.formRow(panel, 5, "Dec column (deg)", dec);
        TopcatEdge.formRow(panel, 6, "Band from (m)", bandLo);
        TopcatEdge.formRow(panel, 7, "Band to (m)", bandHi);
        TopcatEdge.formRow(panel, 8, "Cutout to", dest);
        TopcatEdge.formRow(panel, 9, "Directory", dir);
        TopcatEdge.formRow(panel, 10, "Timeout (s)", timeout);
        for (JComboBox<String> b : List.of(column, shape, ra, dec, dest)) {
            b.addActionListener(getActionForwarder());
        }
        for (JTextField f : List.of(endpoint, radius, bandLo, bandHi, dir, timeout)) {
            TopcatEdge.onEdit(f, this::changed);
        }
    }

    private static int indexOf(List<String> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    Activator build(boolean create) {
        String ep = endpoint.getText().strip();
        URI epUri = null;
        if (!ep.isEmpty()) {
            try {
                epUri = URI.create(ep);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Datalink endpoint is not a URL: " + ep);
            }
            if (epUri.getScheme() == null || !epUri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("Datalink endpoint must be http(s): " + ep);
            }
        }
        String col = (String) column.getSelectedItem();
        if (col == null) {
            throw new IllegalArgumentException("Choose the ID or datalink URL column");
        }
        boolean circle = CIRCLE.equals(shape.getSelectedItem());
        double r = circle ? TopcatEdge.positive("Radius", radius.getText()) : 0;
        double lo = circle ? 0 : TopcatEdge.positive("Band from", bandLo.getText());
        double hi = circle ? 0 : TopcatEdge.positive("Band to", bandHi.getText());
        if (!circle && hi < lo) {
            throw new IllegalArgumentException("Band from must not exceed Band to");
        }
        double t = TopcatEdge.positive("Timeout", timeout.getText());
        boolean save = SAVE.equals(dest.getSelectedItem());
        Path directory = save ? Path.of(dir.getText().strip()) : null;
        if (save && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("No such directory: " + directory);
        }
        if (!create) {
            return null;
        }
        Preferences p = TopcatEdge.prefs();
        p.put("soda.endpoint", ep);
        p.put("timeout", timeout.getText().strip());
        if (circle) {
            p.put("radius", radius.getText().strip());
        }
        if (save) {
            p.put("soda.directory", directory.toString());
        }
        SodaQuery q = SodaQuery.create();
        return new Run(tm, http(), epUri, col, circle, r, q, lo, hi, (String) ra.getSelectedItem(),
                (String) dec.getSelectedItem(), directory, Duration.ofMillis((long) (t * 1000)));
    }

    @Override
    public ConfigState getState() {
        ConfigState s = new ConfigState();
        s.saveText(K_ENDPOINT, endpoint);
        s.saveSelection(K_COLUMN, column);
        s.saveSelection(K_SHAPE, shape);
        s.saveText(K_RADIUS, radius);
        s.saveText(K_BAND_LO, bandLo);
        s.saveText(K_BAND_HI, bandHi);
        s.saveSelection(K_RA, ra);
        s.saveSelection(K_DEC, dec);
        s.saveSelection(K_DEST, dest);
        s.saveText(K_DIR, dir);
        s.saveText(K_TIMEOUT, timeout);
        return s;
    }

    @Override
    public void setState(ConfigState s) {
        s.restoreText(K_ENDPOINT, endpoint);
        s.restoreSelection(K_COLUMN, column);
        s.restoreSelection(K_SHAPE, shape);
        s.restoreText(K_RADIUS, radius);
        s.restoreText(K_BAND_LO, bandLo);
        s.restoreText(K_BAND_HI, bandHi);
        s.restoreSelection(K_RA, ra);
        s.restoreSelection(K_DEC, dec);
        s.restoreSelection(K_DEST, dest);
        s.restoreText(K_DIR, dir);
        s.restoreText(K_TIMEOUT, timeout);
    }


    /** One cutout per activated row, off the event thread. */
    private record Run(TopcatModel tm, VoHttp http, URI endpoint, String column, boolean circle, double radius,
            SodaQuery base, double lo, double hi, String raCol, String decCol, Path directory, Duration timeout)
            implements Activator {

        @Override
        public boolean invokeOnEdt() {
            return false;
        }

        @Override
        public Outcome activateRow(long row, ActivationMeta meta) {
            String what = "SODA cutout of row " + (row + 1);
            try {
                Deadline deadline = Deadline.in(timeout);
                StarTable t = tm.getDataModel();
                int c = TopcatEdge.column(t, column);
                Object cell = c < 0 ? null : t.getCell(row, c);
                if (cell == null || cell.toString().isBlank()) {
                    return Outcome.failure("Row " + (row + 1) + " has no value in " + column);
                }
                String value = cell.toString().strip();
                URI doc = endpoint == null ? URI.create(value) : VoHttp.withQuery(endpoint, List.of(new Param("ID", value)));
                what = "SODA cutout via " + doc;
                DatalinkDocument links = DatalinkDocument.fetch(http, doc, deadline);
                String id = endpoint != null ? value : links.ids().isEmpty() ? null : links.ids().get(0);
                Soda soda = links.soda(id).orElseThrow(() -> new IOException(
                        "the datalink document " + doc + " offers no SODA service for " + value));
                SodaQuery q;
                if (circle) {
                    SkyPosition pos = TopcatEdge.position(t, raCol, decCol, row);
                    q = base.circle(pos.ra(), pos.dec(), radius);
                } else {
                    q = base.band(lo, hi);
                }
                Path out = directory != null ? directory.resolve(fileName(value))
                        : Files.createTempFile("vokit-cutout-", "-" + fileName(value));
                Cutout cut = soda.withHttp(http).cutout(q, out, deadline);
                what = "SODA cutout " + cut.request();
                if (cut.noOverlap()) {
                    Files.deleteIfExists(out);
                    return Outcome.failure("No overlap: " + (cut.message().isEmpty() ? cut.request() : cut.message()));
                }
                if (directory != null) {
                    return Outcome.success("Saved " + cut.bytes() + " bytes to " + out);
                }
                String name = "cutout " + fileName(value);
                if (isTable(cut)) {
                    StarTable table = ControlWindow.getInstance().getTableFactory().makeStarTable(out.toString());
                    TopcatEdge.addTable(table, name);
                    return Outcome.success("Loaded " + table.getRowCount() + " rows as " + name);
                }
                try (SampConnection samp = SampConnection.builder().name("vokit-topcat").connect()) {
                    SampDelivery d = samp.sendImage(out.toUri(), name, SampTarget.subscribed());
                    return Outcome.success("Image (" + cut.bytes() + " bytes) sent to " + d.replies().size()
                            + " SAMP client(s) as " + name);
                }
            } catch (IOException | RuntimeException e) {
                return Outcome.failure(TopcatEdge.describe(what, e));
            }
        }

        private static boolean isTable(Cutout cut) throws IOException {
            String ct = cut.contentType().toLowerCase(Locale.ROOT);
            if (ct.contains("votable") || ct.contains("xml") || ct.contains("csv")) {
                return true;
            }
            if (ct.startsWith("image/")) {
                return false;
            }
            // FITS: an image has data in its primary HDU; a table has an empty primary HDU
            byte[] head = new byte[2880];
            try (java.io.InputStream in = Files.newInputStream(cut.file())) {
                int n = in.readNBytes(head, 0, head.length);
                String h = new String(head, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
                for (int i = 0; i + 80 <= h.length(); i += 80) {
                    String card = h.substring(i, i + 80);
                    if (card.startsWith("NAXIS   ")) {
                        return card.substring(10).strip().startsWith("0");
                    }
                }
            }
            return false;
        }

        private static String fileName(String value) {
            String s = value.replaceAll(".*[/?=]", "");
            s = s.replaceAll("[^A-Za-z0-9._+-]", "_");
            return s.isEmpty() ? "cutout" : s;
        }
    }
}
