package org.vokit.topcat;

import java.awt.Component;
import java.io.IOException;
import java.util.List;
import javax.swing.JComboBox;
import javax.swing.JTextField;
import org.vokit.obscore.Obscore;
import org.vokit.obscore.ObscoreQuery;
import org.vokit.obscore.PositionColumns;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.topcat.TopcatModel;

/**
 * "ObsCore search for this table…": uploads the current table's positions to every ObsCore
 * service the registry knows, and loads the observations within the radius of any of them.
 */
final class ObscoreDialog extends DiscoveryDialog {

    private static final long serialVersionUID = 1L;

    static final String TITLE = "ObsCore search for this table";

    private final transient TopcatModel tm;
    private final JComboBox<String> ra;
    private final JComboBox<String> dec;
    private final JTextField radius = new JTextField(8);
    private final JComboBox<String> productType = new JComboBox<>(new String[] {
        "", "image", "cube", "spectrum", "sed", "timeseries", "visibility", "event", "measurements"});
    private final JTextField minResolvingPower = new JTextField(8);

    ObscoreDialog(Component parent, TopcatModel tm) {
        super(parent, TITLE + " (" + tm.getLabel() + ")");
        this.tm = tm;
        List<String> cols = TopcatEdge.columnNames(tm);
        ra = new JComboBox<>(items(cols));
        dec = new JComboBox<>(items(cols));
        TopcatEdge.guessPosition(tm).ifPresent(rd -> {
            ra.setSelectedItem(rd[0]);
            dec.setSelectedItem(rd[1]);
        });
        radius.setText(TopcatEdge.prefs().get("radius", "0.1"));
        ra.setName("ra");
        dec.setName("dec");
        radius.setName("radius");
        productType.setName("productType");
        minResolvingPower.setName("minResolvingPower");
        addField("RA column (deg)", ra);
        addField("Dec column (deg)", dec);
        addField("Radius (deg)", radius);
        addField("Product type", productType);
        addField("Minimum resolving power", minResolvingPower);
        pack();
    }

    @Override
    void check() {
        TopcatEdge.positive("Radius", radius.getText());
        optional("Minimum resolving power", minResolvingPower);
        if (ra.getSelectedItem() == null || dec.getSelectedItem() == null) {
            throw new IllegalArgumentException("Choose the RA and Dec columns");
        }
        TopcatEdge.prefs().put("radius", radius.getText().strip());
    }

    @Override
    String tableName() {
        String type = (String) productType.getSelectedItem();
        return "ObsCore " + (type == null || type.isEmpty() ? "" : type + " ") + "around " + tm.getLabel()
                + " r=" + radius.getText().strip();
    }

    @Override
    Found search(String registry, java.time.Duration perService, ProgressTally tally)
            throws IOException, InterruptedException {
        Registry reg = Registry.of(registry);
        StarTable input = tm.getApparentStarTable();
        String type = (String) productType.getSelectedItem();
        ObscoreQuery.Builder q = ObscoreQuery.builder().radius(TopcatEdge.positive("Radius", radius.getText()));
        if (type != null && !type.isEmpty()) {
            q.productType(type);
        }
        Double r = optional("Minimum resolving power", minResolvingPower);
        if (r != null) {
            q.minResolvingPower(r);
        }
        Obscore.Upload up = Obscore.upload(input, PositionColumns.find(input, (String) ra.getSelectedItem(),
                (String) dec.getSelectedItem()));
        List<Obscore.ObscoreService> services = Obscore.discover(reg);
        ObscoreQuery query = q.build();
        return bounded(perService, Obscore.result(uk.ac.starlink.table.StoragePolicy.ADAPTIVE),
                (engine, rows) -> Obscore.search(services, up, query, 0, engine, rows, tally));
    }
}
