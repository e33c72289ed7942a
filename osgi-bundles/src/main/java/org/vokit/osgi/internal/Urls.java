package org.vokit.osgi.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks URLs given in configurations and command arguments. */
final class Urls {

    private Urls() {
    }

    /**
     * Parses an http(s) URL.
     *
     * @param what what the URL is, for the message (an option or property name)
     * @param text the text
     * @return the URL
     * @throws IllegalArgumentException naming {@code what} if the text is not an http(s) URL
     */
    static URI http(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + ": a URL is needed");
        }
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException(what + ": '" + text + "' is not an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a valid URL: " + e.getReason());
        }
    }
}
