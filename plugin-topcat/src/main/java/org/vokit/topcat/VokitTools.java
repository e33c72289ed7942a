package org.vokit.topcat;

import java.awt.Component;
import java.awt.event.ActionEvent;
import javax.swing.AbstractAction;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPopupMenu;
import javax.swing.SwingUtilities;
import uk.ac.starlink.topcat.ControlWindow;
import uk.ac.starlink.topcat.TopcatModel;
import uk.ac.starlink.topcat.TopcatToolAction;

/**
 * TOPCAT tool ({@code -Dtopcat.exttools=org.vokit.topcat.VokitTools}): puts vokit's searches over
 * many services in TOPCAT's VO menu ("VO-wide query…", "EPN-TAP discovery…", "ObsCore search for this table…") and
 * on a toolbar button that pops the same items up. Each opens a dialog whose search runs off the
 * event thread, with progress, Cancel and a failure report.
 */
public final class VokitTools extends AbstractAction implements TopcatToolAction {

    private static final long serialVersionUID = 1L;

    /** Menu item labels. */
    public static final String VOWIDE = "VO-wide query…";
    /** Menu item labels. */
    public static final String EPN = "EPN-TAP discovery…";
    /** Menu item labels. */
    public static final String OBSCORE = "ObsCore search for this table…";

    private transient Component parent;
    private boolean installed;

    /** Creates the tool (TOPCAT calls this by reflection). */
    public VokitTools() {
        super("vokit");
        putValue(SHORT_DESCRIPTION, "vokit: VO-wide query, EPN-TAP discovery, ObsCore search for this table");
    }

    @Override
    public void setParent(Component parent) {
        this.parent = parent;
        // the menu bar exists once the control window is built: add the items then
        SwingUtilities.invokeLater(this::installMenuItems);
    }

    @Override
    public void actionPerformed(ActionEvent e) {
        JPopupMenu popup = new JPopupMenu();
        popup.add(item(VOWIDE));
        popup.add(item(EPN));
        popup.add(item(OBSCORE));
        Component src = e.getSource() instanceof Component c ? c : parent;
        if (src != null && src.isShowing()) {
            popup.show(src, 0, src.getHeight());
        }
    }

    /**
     * Adds the items to TOPCAT's VO menu, once. TOPCAT makes its tools while it builds its control
     * window, so this looks for the window's menu bar on the event thread until it is there.
     */
    private void installMenuItems() {
        javax.swing.Timer t = new javax.swing.Timer(200, null);
        int[] tries = {0};
        t.addActionListener(e -> {
            if (install() || ++tries[0] > 300) {
                t.stop();
            }
        });
        t.start();
    }

    private boolean install() {
        if (installed) {
            return true;
        }
        for (java.awt.Frame f : java.awt.Frame.getFrames()) {
            if (f instanceof ControlWindow cw && cw.getJMenuBar() != null) {
                JMenuBar bar = cw.getJMenuBar();
                for (int i = 0; i < bar.getMenuCount(); i++) {
                    JMenu m = bar.getMenu(i);
                    if (m != null && "VO".equals(m.getText())) {
                        m.addSeparator();
                        m.add(item(VOWIDE));
                        m.add(item(EPN));
                        m.add(item(OBSCORE));
                        installed = true;
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private JMenuItem item(String label) {
        JMenuItem it = new JMenuItem(label);
        it.setName(label);
        it.addActionListener(e -> open(label));
        return it;
    }

    /**
     * Opens one of the dialogs, as the menu item of that label does.
     *
     * @param label {@link #VOWIDE}, {@link #EPN} or {@link #OBSCORE}
     * @return the dialog, or null if there is no current table for an ObsCore search
     */
    public static javax.swing.JDialog open(String label) {
        Component parent = ControlWindow.getInstance();
        DiscoveryDialog d;
        if (EPN.equals(label)) {
            d = new EpnDialog(parent);
        } else if (VOWIDE.equals(label)) {
            d = new VowideDialog(parent);
        } else {
            TopcatModel tm = ControlWindow.getInstance().getCurrentModel();
            if (tm == null) {
                JOptionPane.showMessageDialog(parent, "Load a table first: the search uploads its positions",
                        ObscoreDialog.TITLE, JOptionPane.ERROR_MESSAGE);
                return null;
            }
            d = new ObscoreDialog(parent, tm);
        }
        d.setLocationRelativeTo(parent);
        d.setVisible(true);
        return d;
    }
}
