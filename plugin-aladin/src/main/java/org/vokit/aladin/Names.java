package org.vokit.aladin;

/**
 * Component names of the plugins' windows, so that a user's scripts (and the tests' driver)
 * can find them.
 */
final class Names {

    /** The error dialog. */
    static final String ERROR_DIALOG = "vokit-error";
    /** The progress window. */
    static final String PROGRESS = "vokit-progress";
    /** The progress window's cancel button. */
    static final String CANCEL = "vokit-cancel";
    /** A form's OK button. */
    static final String OK = "vokit-ok";
    /** Prefix of a form's name; the action's script command follows. */
    static final String FORM = "vokit-form-";

    private Names() {
    }
}
