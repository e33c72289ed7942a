package org.vokit.votable;

/**
 * A VOTable {@code INFO} element.
 *
 * @param name the {@code name} attribute
 * @param value the {@code value} attribute ("" if absent)
 * @param content the element's text, stripped ("" if empty)
 */
public record Info(String name, String value, String content) {

    /**
     * Returns the message this INFO carries: its text, or its value when it has no text.
     *
     * @return the message
     */
    public String message() {
        return content.isEmpty() ? value : content;
    }
}
