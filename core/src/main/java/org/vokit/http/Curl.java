package org.vokit.http;

import java.net.URI;
import java.util.List;

/**
 * Renders a request as an equivalent {@code curl} command line, for debug logs: a user can paste
 * it into a shell to see exactly what the service answers.
 */
final class Curl {

    private Curl() {
    }

    /**
     * Renders a command.
     *
     * @param method HTTP method
     * @param uri target URL
     * @param params parameters (query string for GET/DELETE, form fields for POST)
     * @param fileParts multipart parts as {@code name=value} or {@code name=@file}
     * @return the command
     */
    static String command(String method, URI uri, List<Param> params, List<String> fileParts) {
        StringBuilder sb = new StringBuilder("curl -s");
        boolean multipart = !fileParts.isEmpty();
        if ("GET".equals(method) && !multipart) {
            sb.append(" -G");
        } else if (!"POST".equals(method)) {
            sb.append(" -X ").append(method);
        }
        for (Param p : params) {
            sb.append(multipart ? " -F " : " --data-urlencode ").append(quote(p.name() + "=" + p.value()));
        }
        for (String f : fileParts) {
            sb.append(" -F ").append(quote(f));
        }
        sb.append(' ').append(quote(uri.toString()));
        return sb.toString();
    }

    /**
     * Quotes a string for a POSIX shell.
     *
     * @param s the string
     * @return the quoted form
     */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
