package org.vokit.topcat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.prefs.Preferences;
import javax.swing.JComboBox;
import javax.swing.JPanel;
import javax.swing.JTextField;
import org.vokit.http.Deadline;
import org.vokit.investigator.ConeVicinitySearch;
import org.vokit.investigator.SiaVicinitySearch;
import org.vokit.investigator.SkyPosition;
import org.vokit.investigator.TapVicinitySearch;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampDelivery;
import org.vokit.samp.SampTarget;
import org.vokit.tap.TapService;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.topcat.Outcome;
import uk.ac.starlink.topcat.TopcatModel;
import uk.ac.starlink.topcat.activate.ActivationMeta;
import uk.ac.starlink.topcat.activate.Activator;
import uk.ac.starlink.topcat.activate.ConfigState;

/**
 * The panel of the "Vicinity search" action: service kind and URL, the ADQL template (TAP), the
 * position columns, radius, timeout and where results go. Its state is saved with TOPCAT's
 * session ({@link #getState()}); radius, timeout and URLs are also remembered in TOPCAT's
 * preferences for the next session.
 */
final class VicinityConfigurator extends FormConfigurator {

    /** Service kinds, as the combo box shows them. */
    static final String TAP = "TAP (ADQL template)";
    static final String CONE = "Cone search (SCS)";
    static final String SIA = "Image search (SIA)";
    /** Destinations. */
    static final String TO_TOPCAT = "New TOPCAT table";
    static final String TO_SAMP = "SAMP: every client that loads tables";

    static final String DEFAULT_TEMPLATE = "SELECT * FROM ivoa.obscore"
            + " WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', {ra}, {dec}, {radius}))";

    private static final String K_KIND = "kind";
    private static final String K_URL = "url";
    private static final String K_ADQL = "adql";
    private static final String K_RA = "ra";
    private static final String K_DEC = "dec";
    private static final String K_RADIUS = "radius";
    private static final String K_TIMEOUT = "timeout";
    private static final String K_DEST = "destination";

    private final TopcatModel tm;
    private final JComboBox<String> kind = new JComboBox<>(new String[] {TAP, CONE, SIA});
    private final JTextField url = new JTextField(36);
    private final JTextField adql = new JTextField(36);
    private final JComboBox<String> ra;
    private final JComboBox<String> dec;
    private final JTextField radius = new JTextField(8);
    private final JTextField timeout = new JTextField(8);
    private final JComboBox<String> dest = new JComboBox<>(new String[] {TO_TOPCAT, TO_SAMP});

    VicinityConfigurator(TopcatModel tm) {
        this.tm = tm;
        List<String> cols = TopcatEdge.columnNames(tm);
        ra = new JComboBox<>(cols.toArray(new String[0]));
        dec = new JComboBox<>(cols.toArray(new String[0]));
        TopcatEdge.guessPosition(tm).ifPresent(rd -> {
            ra.setSelectedItem(rd[0]);
            dec.setSelectedItem(rd[1]);
        });
        Preferences p = TopcatEdge.prefs();
        kind.setSelectedItem(p.get("vicinity." + K_KIND, TAP));
        url.setText(p.get("vicinity." + K_URL, ""));
        adql.setText(p.get("vicinity." + K_ADQL, DEFAULT_TEMPLATE));
        radius.setText(p.get("radius", "0.1"));
        timeout.setText(p.get("timeout", "60"));
        kind.setName("vicinity.kind");
        url.setName("vicinity.url");
        adql.setName("vicinity.adql");
        ra.setName("vicinity.ra");
        dec.setName("vicinity.dec");
        radius.setName("vicinity.radius");
        timeout.setName("vicinity.timeout");
        dest.setName("vicinity.destination");
        JPanel panel = form();
        TopcatEdge.formRow(panel, 0, "Service", kind);
        TopcatEdge.formRow(panel, 1, "URL", url);
        TopcatEdge.formRow(panel, 2, "ADQL ({ra} {dec} {radius})", adql);
        TopcatEdge.formRow(panel, 3, "RA column (deg)", ra);
        TopcatEdge.formRow(panel, 4, "Dec column (deg)", dec);
        TopcatEdge.formRow(panel, 5, "Radius (deg)", radius);
        TopcatEdge.formRow(panel, 6, "Timeout (s)", timeout);
        TopcatEdge.formRow(panel, 7, "Results to", dest);
        kind.addActionListener(getActionForwarder());
        ra.addActionListener(getActionForwarder());
        dec.addActionListener(getActionForwarder());
        dest.addActionListener(getActionForwarder());
        kind.addActionListener(e -> adql.setEnabled(TAP.equals(kind.getSelectedItem())));
        adql.setEnabled(TAP.equals(kind.getSelectedItem()));
        for (JTextField f : List.of(url, adql, radius, timeout)) {
            TopcatEdge.onEdit(f, this::changed);
        }
    }


    @Override
    Activator build(boolean create) {
        String k = (String) kind.getSelectedItem();
        String u = url.getText().strip();
        if (u.isEmpty()) {
            throw new IllegalArgumentException("No service URL");
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Service URL is not a URL: " + u);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("Service URL must be http(s): " + u);
        }
        double r = TopcatEdge.positive("Radius", radius.getText());
        double t = TopcatEdge.positive("Timeout", timeout.getText());
        String raCol = (String) ra.getSelectedItem();
        String decCol = (String) dec.getSelectedItem();
        if (raCol == null || decCol == null) {
            throw new IllegalArgumentException("Choose the RA and Dec columns");
        }
        if (TAP.equals(k)) {
            // checks the template (placeholders, syntax) before anything is created
            org.vokit.adql.AdqlTemplate.of(adql.getText().strip());
        }
        if (!create) {
            return null;
        }
        org.vokit.investigator.VicinitySearch search;
        if (TAP.equals(k)) {
            search = TapVicinitySearch.of(TapService.builder(uri).http(http()).build(), adql.getText().strip());
        } else if (CONE.equals(k)) {
            search = ConeVicinitySearch.of(uri, http());
        } else {
            search = SiaVicinitySearch.of(uri, http());
        }
        Preferences p = TopcatEdge.prefs();
        p.put("vicinity." + K_KIND, k);
        p.put("vicinity." + K_URL, u);
        p.put("vicinity." + K_ADQL, adql.getText().strip());
        p.put("radius", radius.getText().strip());
        p.put("timeout", timeout.getText().strip());
        return new Run(tm, search, raCol, decCol, r, Duration.ofMillis((long) (t * 1000)),
                TO_SAMP.equals(dest.getSelectedItem()));
    }

    @Override
    public ConfigState getState() {
        ConfigState s = new ConfigState();
        s.saveSelection(K_KIND, kind);
        s.saveText(K_URL, url);
        s.saveText(K_ADQL, adql);
        s.saveSelection(K_RA, ra);
        s.saveSelection(K_DEC, dec);
        s.saveText(K_RADIUS, radius);
        s.saveText(K_TIMEOUT, timeout);
        s.saveSelection(K_DEST, dest);
        return s;
    }

    @Override
    public void setState(ConfigState s) {
        s.restoreSelection(K_KIND, kind);
        s.restoreText(K_URL, url);
        s.restoreText(K_ADQL, adql);
        s.restoreSelection(K_RA, ra);
        s.restoreSelection(K_DEC, dec);
        s.restoreText(K_RADIUS, radius);
        s.restoreText(K_TIMEOUT, timeout);
        s.restoreSelection(K_DEST, dest);
    }


    /** Runs one search per activated row, off the event thread. */
    private static final class Run implements Activator {
        private final TopcatModel tm;
        private final org.vokit.investigator.VicinitySearch search;
        private final String raCol;
        private final String decCol;
        private final double radius;
        private final Duration timeout;
        private final boolean samp;

        Run(TopcatModel tm, org.vokit.investigator.VicinitySearch search, String raCol, String decCol,
                double radius, Duration timeout, boolean samp) {
            this.tm = tm;
            this.search = search;
            this.raCol = raCol;
            this.decCol = decCol;
            this.radius = radius;
            this.timeout = timeout;
            this.samp = samp;
        }

        @Override
        public boolean invokeOnEdt() {
            return false;
        }

        @Override
        public Outcome activateRow(long row, ActivationMeta meta) {
            try {
                SkyPosition pos = TopcatEdge.position(tm.getDataModel(), raCol, decCol, row);
                org.vokit.investigator.VicinitySearch.Result res = search.search(pos, radius, Deadline.in(timeout));
                StarTable table = res.table();
                String name = search.label() + " " + pos.format() + " r=" + radius;
                long rows;
                if (samp) {
                    StarTable random = uk.ac.starlink.table.Tables.randomTable(table);
                    rows = random.getRowCount();
                    // a file outlives this short-lived connection, which would take a served URL with it
                    java.nio.file.Path file = java.nio.file.Files.createTempFile("vokit-vicinity-", ".vot");
                    file.toFile().deleteOnExit();
                    new uk.ac.starlink.table.StarTableOutput().writeStarTable(random, file.toString(), "votable");
                    try (SampConnection c = SampConnection.builder().name("vokit-topcat").connect()) {
                        SampDelivery d = c.sendTableUrl(file.toUri(), name, null, SampTarget.subscribed());
                        return Outcome.success(rows + " rows from " + search.label() + " sent to "
                                + d.replies().size() + " SAMP client(s)");
                    }
                }
                StarTable random = uk.ac.starlink.table.Tables.randomTable(table);
                rows = random.getRowCount();
                TopcatEdge.addTable(random, name);
                return Outcome.success(rows + " rows from " + search.label() + (res.overflowed() ? " (truncated)" : "")
                        + " loaded as " + name);
            } catch (java.io.IOException | RuntimeException e) {
                return Outcome.failure(TopcatEdge.describe(search.label(), e));
            }
        }
    }
}
