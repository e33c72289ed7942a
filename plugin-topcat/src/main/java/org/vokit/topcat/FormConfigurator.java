package org.vokit.topcat;

import java.awt.GridBagLayout;
import javax.swing.JPanel;
import org.vokit.http.VoHttp;
import uk.ac.starlink.topcat.Safety;
import uk.ac.starlink.topcat.activate.AbstractActivatorConfigurator;
import uk.ac.starlink.topcat.activate.Activator;

/**
 * What vokit's activation actions in TOPCAT (vicinity search, SODA cutout) have in common: a form
 * laid out in a grid, each edit passed on to TOPCAT's activation window, and one method,
 * {@link #build}, that both checks the form (TOPCAT shows its message) and makes the activator.
 * The HTTP client that the action's runs share is made on first use.
 */
abstract class FormConfigurator extends AbstractActivatorConfigurator {

    private VoHttp http;

    FormConfigurator() {
        super(new JPanel(new GridBagLayout()));
    }

    /** @return the form, laid out with {@link TopcatEdge#formRow} */
    final JPanel form() {
        return (JPanel) getPanel();
    }

    /**
     * Reads the form.
     *
     * @param create true to make the activator, false only to check the form
     * @return the activator (null is allowed when {@code create} is false)
     * @throws RuntimeException whose message says what in the form is wrong
     */
    abstract Activator build(boolean create);

    /** Tells TOPCAT's window that the form changed (it then asks {@link #getConfigMessage} again). */
    final void changed() {
        getActionForwarder().actionPerformed(new java.awt.event.ActionEvent(this, 0, "changed"));
    }

    /** @return one HTTP client for every run of this action (made on first use) */
    final synchronized VoHttp http() {
        if (http == null) {
            http = VoHttp.newDefault();
        }
        return http;
    }

    @Override
    public final Activator getActivator() {
        try {
            return build(true);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public final String getConfigMessage() {
        try {
            build(false);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    @Override
    public Safety getSafety() {
        return Safety.SAFE;
    }
}
