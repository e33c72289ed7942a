package org.vokit.aladin;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

/**
 * A small modal form asking for the {@code key=value} arguments of an action, prefilled; each
 * text field is named after its key, so that the values the user gives are exactly the script
 * command's arguments.
 */
final class Form {

    /** One field: the key, its label and its initial value. */
    record Field(String key, String label, String value) {
    }

    private final String command;
    private final String title;
    private final String help;
    private final List<Field> fields = new ArrayList<>();

    /**
     * Makes a form.
     *
     * @param command the script command it stands for (names the dialog)
     * @param title the dialog's title
     * @param help a line of help above the fields
     */
    Form(String command, String title, String help) {
        this.command = command;
        this.title = title;
        this.help = help;
    }

    /**
     * Adds a field.
     *
     * @param key the argument's key
     * @param label what the user reads
     * @param value the initial value ("" for none)
     * @return this form
     */
    Form field(String key, String label, String value) {
        fields.add(new Field(key, label, value == null ? "" : value));
        return this;
    }

    /**
     * Shows the form and waits for the user; call it off the Swing thread.
     *
     * @param owner the window it belongs to
     * @return the non-empty values by key, or null if the user cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    Map<String, String> ask(Component owner) throws InterruptedException {
        AtomicReference<Map<String, String>> answer = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> answer.set(show(owner)));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the form failed: " + e.getCause(), e.getCause());
        }
        return answer.get();
    }

    private Map<String, String> show(Component owner) {
        java.awt.Window w = owner == null ? null : SwingUtilities.getWindowAncestor(owner);
        if (owner instanceof java.awt.Window ow) {
            w = ow;
        }
        JDialog d = new JDialog(w, title, java.awt.Dialog.ModalityType.APPLICATION_MODAL);
        d.setName(Names.FORM + command);
        JPanel grid = new JPanel(new GridBagLayout());
        grid.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(3, 3, 3, 3);
        c.anchor = GridBagConstraints.WEST;
        c.gridy = 0;
        if (help != null) {
            c.gridx = 0;
            c.gridwidth = 2;
            grid.add(new JLabel(help), c);
            c.gridwidth = 1;
            c.gridy++;
        }
        Map<String, JTextField> inputs = new LinkedHashMap<>();
        for (Field f : fields) {
            c.gridx = 0;
            c.fill = GridBagConstraints.NONE;
            c.weightx = 0;
            grid.add(new JLabel(f.label()), c);
            JTextField t = new JTextField(f.value(), 40);
            t.setName(f.key());
            c.gridx = 1;
            c.fill = GridBagConstraints.HORIZONTAL;
            c.weightx = 1;
            grid.add(t, c);
            inputs.put(f.key(), t);
            c.gridy++;
        }
        AtomicReference<Map<String, String>> result = new AtomicReference<>();
        JButton ok = new JButton("Run");
        ok.setName(Names.OK);
        ok.addActionListener(e -> {
            Map<String, String> v = new LinkedHashMap<>();
            inputs.forEach((k, t) -> {
                String s = t.getText().strip();
                if (!s.isEmpty()) {
                    v.put(k, s);
                }
            });
            result.set(v);
            d.dispose();
        });
        JButton cancel = new JButton("Cancel");
        cancel.setName("vokit-form-cancel");
        cancel.addActionListener(e -> d.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(cancel);
        buttons.add(ok);
        d.getContentPane().add(grid, BorderLayout.CENTER);
        d.getContentPane().add(buttons, BorderLayout.SOUTH);
        d.getRootPane().setDefaultButton(ok);
        d.pack();
        d.setLocationRelativeTo(owner);
        d.setVisible(true); // modal: returns once the user has answered
        return result.get();
    }

    /**
     * Turns the form's answer into script words.
     *
     * @param values the answer
     * @return {@code key=value} words
     */
    static String[] words(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
