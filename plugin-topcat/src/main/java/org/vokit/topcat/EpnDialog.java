package org.vokit.topcat;

import java.awt.Component;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import javax.swing.JTextField;
import org.vokit.epntap.EpnQuery;
import org.vokit.epntap.EpnTap;
import org.vokit.progress.ProgressTally;
import org.vokit.registry.Registry;

/**
 * "EPN-TAP discovery…": asks every EPN-TAP table the registry knows for granules of a target,
 * optionally within a time range, of some product types and from an instrument.
 */
final class EpnDialog extends DiscoveryDialog {

    private static final long serialVersionUID = 1L;

    static final String TITLE = "EPN-TAP discovery";

    private final JTextField target = new JTextField(20);
    private final JTextField from = new JTextField(12);
    private final JTextField to = new JTextField(12);
    private final JTextField productTypes = new JTextField(12);
    private final JTextField instrument = new JTextField(20);

    EpnDialog(Component parent) {
        super(parent, TITLE);
        target.setName("target");
        from.setName("from");
        to.setName("to");
        productTypes.setName("productTypes");
        instrument.setName("instrument");
        addField("Target (e.g. Mars)", target);
        addField("From (YYYY-MM-DD)", from);
        addField("To (YYYY-MM-DD)", to);
        addField("Product types (e.g. im sp)", productTypes);
        addField("Instrument", instrument);
        pack();
    }

    @Override
    void check() {
        if (target.getText().isBlank()) {
            throw new IllegalArgumentException("Name a target");
        }
        query();
    }

    private EpnQuery query() {
        EpnQuery.Builder q = EpnQuery.builder().target(target.getText().strip());
        if (!productTypes.getText().isBlank()) {
            q.productTypes(productTypes.getText().strip().split("[\\s,]+"));
        }
        if (!instrument.getText().isBlank()) {
            q.instrument(instrument.getText().strip());
        }
        if (!from.getText().isBlank() || !to.getText().isBlank()) {
            q.time(date("From", from), date("To", to));
        }
        return q.build();
    }

    private static Instant date(String label, JTextField f) {
        if (f.getText().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(f.getText().strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(label + " must be a date YYYY-MM-DD, not \"" + f.getText().strip() + "\"");
        }
    }

    @Override
    String tableName() {
        return "EPN-TAP " + target.getText().strip()
                + (productTypes.getText().isBlank() ? "" : " " + productTypes.getText().strip());
    }

    @Override
    Found search(String registry, java.time.Duration perService, ProgressTally tally)
            throws IOException, InterruptedException {
        Registry reg = Registry.of(registry);
        var tables = EpnTap.discover(reg);
        EpnQuery q = query();
        return bounded(perService, EpnTap.result(uk.ac.starlink.table.StoragePolicy.ADAPTIVE),
                (engine, rows) -> EpnTap.search(tables, q, engine, rows, tally));
    }
}
