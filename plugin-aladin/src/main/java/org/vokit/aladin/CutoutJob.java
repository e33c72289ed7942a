package org.vokit.aladin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.vokit.ProtocolException;
import org.vokit.datalink.Cutout;
import org.vokit.datalink.DatalinkDocument;
import org.vokit.datalink.Soda;
import org.vokit.datalink.SodaQuery;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;

/**
 * The SODA cutout behind the {@code cutout} script command and the "SODA cutout of the selected
 * dataset" menu item: the dataset's DataLink document names its SODA service, which cuts out a
 * circle (and optionally a band) into a file. No Aladin in sight, so that it can be tested alone.
 */
final class CutoutJob {

    /** The keys the script command accepts. */
    static final Set<String> KEYS = Set.of("datalink", "id", "circle", "band", "timeout", "name");

    /** The default overall time allowed, in seconds. */
    static final double DEFAULT_TIMEOUT = 120;

    private CutoutJob() {
    }

    /** What the cutout holds. */
    enum Kind {
        /** a FITS image with two or more axes */
        IMAGE,
        /** a VOTable or FITS table: a spectrum or a catalogue */
        TABLE,
        /** anything else */
        OTHER
    }

    /**
     * A finished cutout.
     *
     * @param plane the name for the new plane
     * @param cutout what the service answered (no-overlap included)
     * @param kind what the file holds
     * @param width NAXIS1 of an image, else 0
     * @param height NAXIS2 of an image, else 0
     * @param datasetId the dataset's identifier, or null
     */
    record Outcome(String plane, Cutout cutout, Kind kind, long width, long height, String datasetId) {
    }

    /**
     * Runs the cutout the arguments describe.
     *
     * @param a the arguments ({@link #KEYS})
     * @param http the HTTP client
     * @param dir where to write the file
     * @return the result
     * @throws IllegalArgumentException if the arguments are wrong
     * @throws IOException if a service fails
     */
    static Outcome run(ScriptArgs a, VoHttp http, Path dir) throws IOException {
        URI datalink = a.url("datalink");
        SodaQuery q = SodaQuery.create();
        double[] circle = null;
        if (a.has("circle")) {
            circle = a.numbers("circle", 3);
            if (circle[2] <= 0) {
                throw new IllegalArgumentException(a.command() + ": the radius in circle= must be positive");
            }
            if (circle[1] < -90 || circle[1] > 90) {
                throw new IllegalArgumentException(a.command() + ": the declination in circle= is out of range");
            }
            q = q.circle(circle[0], circle[1], circle[2]);
        }
        if (a.has("band")) {
            double[] b = a.numbers("band", 2);
            q = q.band(b[0], b[1]);
        }
        if (q.isEmpty()) {
            throw new IllegalArgumentException(a.command() + ": missing argument circle=RA,DEC,R (or band=LO,HI)");
        }
        double seconds = a.number("timeout", DEFAULT_TIMEOUT);
        if (seconds <= 0) {
            throw new IllegalArgumentException(a.command() + ": timeout= must be positive: " + seconds);
        }
        Deadline deadline = Deadline.in(Duration.ofMillis((long) (seconds * 1000)));
        DatalinkDocument doc = DatalinkDocument.fetch(http, datalink, deadline);
        String id = a.text("id", null);
        if (id != null && !doc.ids().contains(id)) {
            throw new IllegalArgumentException(a.command() + ": the DataLink document has no dataset '" + id
                    + "'; it has " + String.join(", ", doc.ids()));
        }
        if (id == null && doc.ids().size() > 1) {
            throw new IllegalArgumentException(a.command() + ": the DataLink document describes " + doc.ids().size()
                    + " datasets; pick one with id=");
        }
        Soda soda = doc.soda(id).orElseThrow(() -> new ProtocolException(
                "the DataLink document offers no synchronous SODA service", doc.source())).withHttp(http);
        String dataset = soda.id().orElse(id);
        Path out = Files.createTempFile(dir, "vokit-cutout-", ".dat");
        Cutout c = soda.cutout(q, out, deadline);
        String name = a.has("name") ? a.text("name") : planeName(dataset, circle, q);
        if (!c.written()) {
            Files.deleteIfExists(out);
            return new Outcome(name, c, Kind.OTHER, 0, 0, dataset);
        }
        long[] axes = fitsAxes(c.file());
        if (axes.length >= 2 && axes[0] > 1 && axes[1] > 1) {
            return new Outcome(name, c, Kind.IMAGE, axes[0], axes[1], dataset);
        }
        String type = c.contentType() == null ? "" : c.contentType().toLowerCase(Locale.ROOT);
        boolean table = type.contains("votable") || type.contains("xml") || looksLikeVotable(c.file());
        return new Outcome(name, c, table ? Kind.TABLE : Kind.OTHER, 0, 0, dataset);
    }

    private static String planeName(String dataset, double[] circle, SodaQuery q) {
        String base = dataset == null ? "dataset" : dataset;
        int cut = Math.max(base.lastIndexOf('/'), base.lastIndexOf('?'));
        if (cut >= 0 && cut < base.length() - 1) {
            base = base.substring(cut + 1);
        }
        if (base.toLowerCase(Locale.ROOT).endsWith(".fits")) {
            base = base.substring(0, base.length() - 5);
        }
        String where = circle == null ? "" : String.format(Locale.ROOT, " %.4f %+.4f r%s", circle[0], circle[1],
                SodaQuery.number(circle[2]));
        return ascii(base + " cutout" + where);
    }

    /** Plane names and reply lines stay ASCII (SAMP strings must be). */
    static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /**
     * Reads NAXISn of the primary header of a FITS file, or of the first extension when the
     * primary has no data.
     *
     * @param file the file
     * @return the axis lengths, empty if it is not FITS
     * @throws IOException if it cannot be read
     */
    static long[] fitsAxes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            for (int hdu = 0; hdu < 2; hdu++) {
                long[] axes = null;
                long bitpix = 0;
                boolean end = false;
                while (!end) {
                    byte[] block = in.readNBytes(2880);
                    if (block.length < 2880) {
                        return new long[0];
                    }
                    for (int i = 0; i < 36 && !end; i++) {
                        String card = new String(block, i * 80, 80, StandardCharsets.US_ASCII);
                        String key = card.substring(0, 8).strip();
                        if (hdu == 0 && i == 0 && !key.equals("SIMPLE")) {
                            return new long[0];
                        }
                        if (key.equals("END")) {
                            end = true;
                        } else if (key.equals("BITPIX")) {
                            bitpix = Math.abs(value(card));
                        } else if (key.equals("NAXIS")) {
                            axes = new long[(int) value(card)];
                        } else if (key.startsWith("NAXIS") && axes != null) {
                            int k = Integer.parseInt(key.substring(5)) - 1;
                            if (k >= 0 && k < axes.length) {
                                axes[k] = value(card);
                            }
                        }
                    }
                }
                if (axes == null) {
                    return new long[0];
                }
                long size = axes.length == 0 ? 0 : bitpix / 8;
                for (long n : axes) {
                    size *= n;
                }
                if (size > 0) {
                    return axes;
                }
            }
            return new long[0];
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }

    private static long value(String card) {
        String v = card.substring(10);
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        return Long.parseLong(v.strip());
    }

    private static boolean looksLikeVotable(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
            return head.contains("<VOTABLE");
        }
    }
}
