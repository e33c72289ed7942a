package org.vokit.aladin.testdriver;

import cds.aladin.AladinData;
import cds.aladin.AladinPlugin;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.MenuElement;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;

/**
 * Test-only Aladin plugin (installed by the ITs next to vokit-aladin.jar, never shipped) that
 * acts inside Aladin's JVM as a user would with the mouse: selects a row of a catalogue plane,
 * clicks a menu item of Aladin's own menu bar, types into the form that opens and presses its
 * button, and reads the error dialogs and plane sizes back. Script command {@code vokittest}:
 * <ul>
 *   <li>{@code vokittest select ROW PLANE NAME...}: selects row ROW (0-based) of the plane;</li>
 *   <li>{@code vokittest menu PREFIX key=value...}: clicks the menu item under Tool › Plugins
 *       whose text starts with PREFIX ({@code _} for a blank), fills the form's fields and runs it;</li>
 *   <li>{@code vokittest peek PREFIX}: opens that form, and cancels it; both answer the form's
 *       prefilled values as {@code ok: FORM | key=value ...};</li>
 *   <li>{@code vokittest errors}: the texts of the vokit error dialogs showing, {@code |}-separated,
 *       then closes them;</li>
 *   <li>{@code vokittest size PLANE NAME...}: {@code WIDTH HEIGHT} of an image plane;</li>
 *   <li>{@code vokittest bounds}: {@code X Y WIDTH HEIGHT} of Aladin's window on the display;</li>
 *   <li>{@code vokittest showing NAME}: {@code yes} if a window of that name shows;</li>
 *   <li>{@code vokittest click NAME}: clicks the showing button of that name;</li>
 *   <li>{@code vokittest menus}: every menu item's path, for diagnosis.</li>
 * </ul>
 */
public class DriverPlugin extends AladinPlugin {

    /** Makes the plugin. */
    public DriverPlugin() {
        // Aladin sets the field aladin
    }

    @Override
    public String menu() {
        return "vokit test driver";
    }

    @Override
    public String category() {
        return "vokit-test";
    }

    @Override
    public String scriptCommand() {
        return "vokittest";
    }

    @Override
    public void exec() {
        // menu use is not intended
    }

    @Override
    public String execScriptCommand(String[] words) {
        try {
            if (words == null || words.length == 0) {
                return "error: no driver command";
            }
            String[] rest = Arrays.copyOfRange(words, 1, words.length);
            return switch (words[0]) {
                case "select" -> select(Integer.parseInt(rest[0]), String.join(" ", Arrays.copyOfRange(rest, 1, rest.length)));
                case "menu" -> menu(rest[0].replace('_', ' '), Arrays.copyOfRange(rest, 1, rest.length), false);
                case "peek" -> menu(rest[0].replace('_', ' '), new String[0], true);
                case "errors" -> errors();
                case "size" -> size(String.join(" ", rest));
                case "menus" -> String.join(" | ", menuPaths());
                case "showing" -> showing(rest[0]) == null ? "no" : "yes";
                case "click" -> click(rest[0]);
                case "bounds" -> {
                    java.awt.Rectangle r = aladin.f.getBounds();
                    yield r.x + " " + r.y + " " + r.width + " " + r.height;
                }
                default -> "error: unknown driver command " + words[0];
            };
        } catch (Exception | LinkageError e) {
            return "error: " + e;
        }
    }

    private String select(int row, String plane) throws Exception {
        SwingUtilities.invokeAndWait(() -> aladin.selectSourcesByRowNumber(plane, new int[] {row}));
        return "ok";
    }

    private static Window showing(String name) throws Exception {
        AtomicReference<Window> found = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && name.equals(w.getName())) {
                    found.set(w);
                }
            }
        });
        return found.get();
    }

    private static String click(String name) throws Exception {
        AtomicReference<String> out = new AtomicReference<>("error: no showing button " + name);
        SwingUtilities.invokeAndWait(() -> {
            for (Window w : Window.getWindows()) {
                Component c = w.isShowing() ? find(w, name) : null;
                if (c instanceof AbstractButton b) {
                    b.doClick();
                    out.set("ok");
                    return;
                }
            }
        });
        return out.get();
    }

    private String size(String plane) throws Exception {
        AladinData d = aladin.getAladinData(plane);
        return d.getWidth() + " " + d.getHeight();
    }

    private List<String> menuPaths() throws Exception {
        List<String> out = new ArrayList<>();
        SwingUtilities.invokeAndWait(() -> {
            JMenuBar bar = menuBar();
            if (bar != null) {
                walk(bar, "", out, null, null);
            }
        });
        return out;
    }

    private static void walk(MenuElement e, String path, List<String> out, String prefix,
            AtomicReference<JMenuItem> found) {
        for (MenuElement c : e.getSubElements()) {
            String p = path;
            if (c instanceof JMenuItem mi) {
                p = path + "/" + mi.getText();
                if (out != null) {
                    out.add(p);
                }
                if (found != null && !(mi instanceof JMenu) && mi.getText() != null && mi.getText().startsWith(prefix)
                        && found.get() == null) {
                    found.set(mi);
                }
            }
            walk(c, p, out, prefix, found);
        }
    }

    /** Aladin (a JApplet) holds its menu bar itself; its frame may hold one too. */
    private JMenuBar menuBar() {
        JMenuBar bar = aladin.getJMenuBar();
        return bar != null ? bar : aladin.f.getJMenuBar();
    }

    private String menu(String prefix, String[] values, boolean peek) throws Exception {
        AtomicReference<JMenuItem> item = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            // Aladin builds the plugin menu when Tool is opened; the items are there from start
            walk(menuBar(), "", null, prefix, item);
        });
        if (item.get() == null) {
            return "error: no menu item starting with '" + prefix + "'; menus: " + menuPaths();
        }
        SwingUtilities.invokeLater(() -> item.get().doClick());
        JDialog form = awaitDialog("vokit-form-", 10_000);
        if (form == null) {
            return "ok: no form opened";
        }
        AtomicReference<String> problem = new AtomicReference<>();
        StringBuilder prefilled = new StringBuilder();
        SwingUtilities.invokeAndWait(() -> {
            for (JTextComponent t : fields(form, new ArrayList<>())) {
                prefilled.append(' ').append(t.getName()).append('=').append(t.getText());
            }
            for (String kv : values) {
                int eq = kv.indexOf('=');
                String key = kv.substring(0, eq);
                Component c = find(form, key);
                if (c instanceof JTextComponent t) {
                    t.setText(kv.substring(eq + 1));
                } else {
                    problem.set("no field " + key + " in " + form.getName());
                }
            }
        });
        if (problem.get() != null) {
            SwingUtilities.invokeLater(form::dispose);
            return "error: " + problem.get();
        }
        Component button = find(form, peek ? "vokit-form-cancel" : "vokit-ok");
        SwingUtilities.invokeLater(() -> ((AbstractButton) button).doClick());
        return "ok: " + form.getName() + " |" + prefilled;
    }

    private static List<JTextComponent> fields(Container root, List<JTextComponent> out) {
        for (Component c : root.getComponents()) {
            if (c instanceof JTextComponent t && t.getName() != null) {
                out.add(t);
            } else if (c instanceof Container k) {
                fields(k, out);
            }
        }
        return out;
    }

    private static JDialog awaitDialog(String namePrefix, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            for (Window w : Window.getWindows()) {
                if (w instanceof JDialog d && d.isShowing() && d.getName() != null && d.getName().startsWith(namePrefix)) {
                    return d;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    private static Component find(Container root, String name) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof Container k) {
                Component f = find(k, name);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private String errors() throws Exception {
        List<String> out = new ArrayList<>();
        SwingUtilities.invokeAndWait(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof JDialog d && d.isShowing() && "vokit-error".equals(d.getName())) {
                    JOptionPane pane = (JOptionPane) findType(d, JOptionPane.class);
                    out.add(d.getTitle() + ": " + (pane == null ? "?" : String.valueOf(pane.getMessage())));
                    d.dispose();
                }
            }
        });
        return out.isEmpty() ? "none" : String.join(" | ", out);
    }

    private static Component findType(Container root, Class<?> type) {
        for (Component c : root.getComponents()) {
            if (type.isInstance(c)) {
                return c;
            }
            if (c instanceof Container k) {
                Component f = findType(k, type);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

}
