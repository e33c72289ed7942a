package org.vokit.topcat;

import java.awt.Component;
import java.awt.Container;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComboBox;
import javax.swing.JTable;
import javax.swing.ListModel;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;
import uk.ac.starlink.topcat.BasicCheckBoxList;
import uk.ac.starlink.topcat.ControlWindow;
import uk.ac.starlink.topcat.TopcatModel;
import uk.ac.starlink.topcat.activate.ActivationEntry;
import uk.ac.starlink.topcat.activate.ActivationMeta;
import uk.ac.starlink.topcat.activate.ActivationWindow;
import uk.ac.starlink.topcat.activate.ActivatorConfigurator;

/**
 * Runs the real TOPCAT with the plugin on its class path and makes it act as a user would, through
 * TOPCAT's own windows: commands on standard input, answers appended to the file named by
 * {@code vokit.topcat.answers} (the protocol of {@code org.vokit.testing.TopcatDriver}).
 *
 * <ul>
 * <li>{@code tables}: how many tables TOPCAT lists</li>
 * <li>{@code table N}: name and row count of table N (1-based)</li>
 * <li>{@code types}: the activation types TOPCAT offers (its {@code topcat.activators})</li>
 * <li>{@code activate N CLASS ROW name=value|...}: opens table N's activation window, selects and
 *     ticks the action of that class (and unticks the others), types the values into its panel's fields (by component name),
 *     and activates the row (0-based) the way TOPCAT does for a clicked row</li>
 * <li>{@code log N CLASS}: the newest line of that action's log in the activation window</li>
 * <li>{@code hide N}: closes table N's activation window</li>
 * <li>{@code menu LABEL}: clicks the item of TOPCAT's VO menu with that label</li>
 * <li>{@code toolbar LABEL}: clicks the vokit button of TOPCAT's toolbar, then the item of its popup with that label</li>
 * <li>{@code select N}: makes table N the current table (selects it in the control window's list)</li>
 * <li>{@code count N COLUMN}: table N's rows counted per value of a column, {@code value=count;...}, sorted</li>
 * <li>{@code cell N ROW COLUMN}: a cell of table N (row 0-based)</li>
 * <li>{@code load PATH}: loads a table file as TOPCAT's Load window does, and makes it the current table</li>
 * <li>{@code sync}: paints what is pending and flushes it to the display (before a screenshot)</li>
 * <li>{@code dialogs}: the titles of the showing dialogs, sorted, joined by {@code |}</li>
 * <li>{@code highlight N ROW}: highlights row ROW (0-based) of table N, as a click in its table view does</li>
 * <li>{@code fill TITLE name=value|...}: types into the fields of the dialog whose title starts so</li>
 * <li>{@code click TITLE NAME}: clicks the button of that name in the dialog</li>
 * <li>{@code dismiss}: closes the message dialogs (as their OK button does)</li>
 * <li>{@code status TITLE}: the dialog's progress text, failure report and any error dialog's text</li>
 * </ul>
 */
public final class PluginDriver {

    private PluginDriver() {
    }

    /**
     * Starts TOPCAT and serves commands until standard input closes.
     *
     * @param args TOPCAT's arguments
     * @throws Exception if TOPCAT cannot start
     */
    public static void main(String[] args) throws Exception {
        Path answers = Path.of(System.getProperty("vokit.topcat.answers"));
        uk.ac.starlink.topcat.Driver.main(args);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.strip().split("\\s+", 5);
            Object[] result = new Object[1];
            try {
                SwingUtilities.invokeAndWait(() -> {
                    try {
                        result[0] = "OK " + run(words);
                    } catch (Exception | LinkageError e) {
                        result[0] = "ERROR " + e;
                    }
                });
            } catch (Exception e) {
                result[0] = "ERROR " + e;
            }
            try (Writer w = Files.newBufferedWriter(answers, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                w.write(String.valueOf(result[0]).replace('\n', ' ') + "\n");
            }
        }
        System.exit(0);
    }

    private static TopcatModel model(String n) {
        ListModel<TopcatModel> list = ControlWindow.getInstance().getTablesListModel();
        return list.getElementAt(Integer.parseInt(n) - 1);
    }

    private static Object run(String[] w) throws Exception {
        ControlWindow cw = ControlWindow.getInstance();
        switch (w[0]) {
            case "tables":
                return cw.getTablesListModel().getSize();
            case "table": {
                TopcatModel tm = model(w[1]);
                return tm.getLabel() + "|" + tm.getDataModel().getRowCount();
            }
            case "types": {
                StringBuilder b = new StringBuilder();
                for (var t : ActivationWindow.getOptionActivationTypes()) {
                    b.append(t.getClass().getName()).append(' ');
                }
                return b.toString().strip();
            }
            case "activate":
                return activate(model(w[1]), w[2], Long.parseLong(w[3]), w.length > 4 ? w[4] : "");
            case "log":
                return log(entry(model(w[1]).getActivationWindow(), w[2]));
            case "menu":
                return menu(String.join(" ", java.util.Arrays.copyOfRange(w, 1, w.length)));
            case "toolbar":
                return toolbar(String.join(" ", java.util.Arrays.copyOfRange(w, 1, w.length)));
            case "select":
                cw.getTablesList().setSelectedIndex(Integer.parseInt(w[1]) - 1);
                return "current " + cw.getCurrentModel().getLabel();
            case "count": {
                uk.ac.starlink.table.StarTable t = model(w[1]).getDataModel();
                int col = column(t, w[2]);
                java.util.Map<String, Integer> n = new java.util.TreeMap<>();
                for (long r = 0; r < t.getRowCount(); r++) {
                    n.merge(String.valueOf(t.getCell(r, col)), 1, Integer::sum);
                }
                StringBuilder b = new StringBuilder();
                n.forEach((k, v) -> b.append(k).append('=').append(v).append(';'));
                return b.toString();
            }
            case "cell": {
                uk.ac.starlink.table.StarTable t = model(w[1]).getDataModel();
                return String.valueOf(t.getCell(Long.parseLong(w[2]), column(t, w[3])));
            }
            case "dialogs": {
                java.util.List<String> titles = new ArrayList<>();
                for (java.awt.Window win : java.awt.Window.getWindows()) {
                    if (win instanceof java.awt.Dialog d && win.isShowing()) {
                        titles.add(d.getTitle());
                    }
                }
                java.util.Collections.sort(titles);
                return String.join("|", titles);
            }
            case "load": {
                uk.ac.starlink.table.StarTable t = uk.ac.starlink.table.Tables.randomTable(
                        cw.getTableFactory().makeStarTable(w[1]));
                return "loaded " + cw.addTable(t, w[1], true).getLabel();
            }
            case "sync": {
                // paint what is pending and push it to the X server, so that a screenshot shows it
                for (java.awt.Window win : java.awt.Window.getWindows()) {
                    if (win.isShowing() && win instanceof javax.swing.RootPaneContainer rp) {
                        javax.swing.RepaintManager.currentManager(rp.getRootPane()).paintDirtyRegions();
                    }
                }
                java.awt.Toolkit.getDefaultToolkit().sync();
                return "synced";
            }
            case "highlight":
                model(w[1]).highlightRow(Long.parseLong(w[2]));
                return "highlighted row " + w[2] + " of " + model(w[1]).getLabel();
            case "fill": {
                java.awt.Window d = dialog(w[1]);
                String all = String.join(" ", java.util.Arrays.copyOfRange(w, 2, w.length));
                for (String kv : all.split("\\|")) {
                    int eq = kv.indexOf('=');
                    setIn(d, kv.substring(0, eq), kv.substring(eq + 1));
                }
                return "filled";
            }
            case "click": {
                for (Component c : all(dialog(w[1]))) {
                    if (c instanceof javax.swing.AbstractButton b && w[2].equals(b.getName())) {
                        b.doClick();
                        return "clicked " + w[2];
                    }
                }
                throw new IllegalArgumentException("no button " + w[2]);
            }
            case "status":
                return status(w[1]);
            case "dismiss": {
                int n = 0;
                for (java.awt.Window win : java.awt.Window.getWindows()) {
                    if (win instanceof java.awt.Dialog d && win.isShowing()) {
                        for (Component c : all(d)) {
                            if (c instanceof javax.swing.JOptionPane) {
                                win.dispose();
                                n++;
                                break;
                            }
                        }
                    }
                }
                return n + " message dialogs closed";
            }
            case "hide":
                model(w[1]).getActivationWindow().setVisible(false);
                return "hidden";
            default:
                throw new IllegalArgumentException("unknown command " + w[0]);
        }
    }

    @SuppressWarnings("unchecked")
    private static BasicCheckBoxList<ActivationEntry> list(ActivationWindow win) {
        for (Component c : all(win.getContentPane())) {
            if (c instanceof BasicCheckBoxList) {
                return (BasicCheckBoxList<ActivationEntry>) c;
            }
        }
        throw new IllegalStateException("no list of actions in the activation window");
    }

    private static ActivationEntry entry(ActivationWindow win, String clazz) {
        for (ActivationEntry e : list(win).getItems()) {
            if (e.getType().getClass().getName().equals(clazz)) {
                return e;
            }
        }
        throw new IllegalStateException("the activation window has no " + clazz);
    }

    private static String activate(TopcatModel tm, String clazz, long row, String settings) {
        ActivationWindow win = tm.getActivationWindow();
        win.setBounds(780, 0, 900, 760);
        win.setVisible(true);
        BasicCheckBoxList<ActivationEntry> list = list(win);
        ActivationEntry e = entry(win, clazz);
        list.setSelectedValue(e, true);
        for (ActivationEntry other : list.getItems()) {
            list.setChecked(other, other == e);
        }
        ActivatorConfigurator conf = e.getConfigurator();
        if (!settings.isBlank()) {
            for (String kv : settings.split("\\|")) {
                int eq = kv.indexOf('=');
                set(conf, kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (conf.getActivator() == null) {
            throw new IllegalStateException("not ready: " + conf.getConfigMessage());
        }
        win.activateRow(row, ActivationMeta.NORMAL);
        return "activated row " + row + " with " + clazz;
    }

    private static String menu(String label) {
        javax.swing.JMenuBar bar = ControlWindow.getInstance().getJMenuBar();
        for (int i = 0; i < bar.getMenuCount(); i++) {
            javax.swing.JMenu m = bar.getMenu(i);
            if (m != null && "VO".equals(m.getText())) {
                for (int j = 0; j < m.getItemCount(); j++) {
                    javax.swing.JMenuItem it = m.getItem(j);
                    if (it != null && label.equals(it.getText())) {
                        it.doClick();
                        // below the control window, so that screenshots show both
                        for (java.awt.Window win : java.awt.Window.getWindows()) {
                            if (win instanceof javax.swing.JDialog && win.isShowing()) {
                                win.setLocation(0, 320);
                            }
                        }
                        return "clicked " + label;
                    }
                }
            }
        }
        throw new IllegalStateException("no item " + label + " in the VO menu");
    }

    private static int column(uk.ac.starlink.table.StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    private static String toolbar(String label) {
        javax.swing.AbstractButton button = null;
        for (Component c : all(ControlWindow.getInstance().getToolBar())) {
            if (c instanceof javax.swing.AbstractButton b && b.getAction() instanceof VokitTools) {
                button = b;
            }
        }
        if (button == null) {
            throw new IllegalStateException("no vokit button in TOPCAT's toolbar");
        }
        button.doClick();
        for (java.awt.Window win : java.awt.Window.getWindows()) {
            for (Component c : all(win)) {
                if (c instanceof javax.swing.JMenuItem it && it.isShowing() && label.equals(it.getText())
                        && SwingUtilities.getAncestorOfClass(javax.swing.JPopupMenu.class, it) != null) {
                    it.doClick();
                    javax.swing.MenuSelectionManager.defaultManager().clearSelectedPath();
                    for (java.awt.Window d : java.awt.Window.getWindows()) {
                        if (d instanceof javax.swing.JDialog && d.isShowing()) {
                            d.setLocation(0, 320);
                        }
                    }
                    return "clicked toolbar " + label;
                }
            }
        }
        throw new IllegalStateException("the vokit button's popup has no item " + label);
    }

    /** The showing dialog whose title starts with the given word (underscores for blanks). */
    private static java.awt.Window dialog(String title) {
        String t = title.replace('_', ' ');
        for (java.awt.Window win : java.awt.Window.getWindows()) {
            if (win instanceof java.awt.Dialog d && win.isShowing() && d.getTitle() != null
                    && d.getTitle().startsWith(t)) {
                return win;
            }
        }
        throw new IllegalStateException("no dialog " + t);
    }

    private static String status(String title) {
        StringBuilder b = new StringBuilder();
        for (Component c : all(dialog(title))) {
            if ("progress".equals(c.getName())) {
                b.append(((javax.swing.JLabel) c).getText()).append(" || ");
            }
            if ("failures".equals(c.getName())) {
                b.append(((JTextComponent) c).getText().replace('\n', ';')).append(" || ");
            }
            if ("position".equals(c.getName())) {
                b.append("centre: ").append(((javax.swing.JLabel) c).getText()).append(" || ");
            }
            if ("retry".equals(c.getName())) {
                b.append(((javax.swing.JButton) c).isEnabled() ? "retry enabled" : "retry disabled").append(" || ");
            }
            if ("search".equals(c.getName())) {
                b.append(((javax.swing.JButton) c).isEnabled() ? "idle" : "running").append(" || ");
            }
        }
        for (java.awt.Window win : java.awt.Window.getWindows()) {
            if (win instanceof java.awt.Dialog d && win.isShowing()) {
                for (Component c : all(d)) {
                    if (c instanceof javax.swing.JOptionPane p) {
                        b.append("ERROR DIALOG: ").append(p.getMessage()).append(" || ");
                    }
                }
            }
        }
        return b.toString();
    }

    private static void set(ActivatorConfigurator conf, String name, String value) {
        setIn(conf.getPanel(), name, value);
    }

    private static void setIn(Container root, String name, String value) {
        for (Component c : all(root)) {
            if (name.equals(c.getName())) {
                if (c instanceof JTextComponent t) {
                    t.setText(value);
                    return;
                }
                if (c instanceof JComboBox<?> b) {
                    for (int i = 0; i < b.getItemCount(); i++) {
                        if (value.equals(String.valueOf(b.getItemAt(i)))) {
                            b.setSelectedIndex(i);
                            return;
                        }
                    }
                    throw new IllegalArgumentException(name + " offers no " + value);
                }
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static String log(ActivationEntry e) {
        for (Component c : all((Container) e.getLogPanel())) {
            if (c instanceof JTable t && t.getRowCount() > 0) {
                int r = t.getRowCount() - 1;
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < t.getColumnCount(); i++) {
                    b.append(t.getValueAt(r, i)).append(" | ");
                }
                return b.toString();
            }
        }
        return "";
    }

    private static List<Component> all(Container root) {
        List<Component> out = new ArrayList<>();
        for (Component c : root.getComponents()) {
            out.add(c);
            if (c instanceof Container k) {
                out.addAll(all(k));
            }
        }
        return out;
    }
}
