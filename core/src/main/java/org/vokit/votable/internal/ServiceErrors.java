package org.vokit.votable.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.vokit.HttpStatusException;
import org.vokit.QueryException;
import org.vokit.VoException;
import org.vokit.http.VoResponse;
import org.vokit.votable.VotableReader;

/**
 * Turns an error response into the most telling exception: the service's own message when the
 * body is a VOTable with {@code QUERY_STATUS=ERROR} (as DALI prescribes), otherwise an
 * {@link HttpStatusException} with the start of the body.
 */
public final class ServiceErrors {

    private static final int MAX_ERROR_DOCUMENT = 1 << 20;
    private static final int EXCERPT = 4096;

    private ServiceErrors() {
    }

    /**
     * Reads and closes a non-2xx response and returns the exception describing it.
     *
     * @param resp the response
     * @return the exception to throw
     */
    public static VoException from(VoResponse resp) {
        try (resp) {
            byte[] body;
            try {
                body = resp.body().readNBytes(MAX_ERROR_DOCUMENT);
            } catch (IOException e) {
                return new HttpStatusException(resp.status(), "", resp.uri());
            }
            String ct = resp.contentType().toLowerCase(Locale.ROOT);
            if (ct.contains("xml") || ct.contains("votable") || startsLikeXml(body)) {
                try {
                    VotableReader.read(new ByteArrayInputStream(body), resp.uri(), null, false);
                } catch (QueryException qe) {
                    return qe;
                } catch (IOException notVotable) {
                    // not an error VOTable: report the status
                }
            }
            String text = new String(body, 0, Math.min(body.length, EXCERPT), StandardCharsets.UTF_8);
            if (ct.contains("html")) {
                text = text.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
            }
            return new HttpStatusException(resp.status(), text, resp.uri());
        }
    }

    private static boolean startsLikeXml(byte[] body) {
        for (byte b : body) {
            if (b == '<') {
                return true;
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return false;
    }
}
