package org.vokit.dal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes file names for datasets: a stem from the publisher's dataset identifier, the access URL
 * or the title (whichever first gives something meaningful), and an extension from the MIME type.
 * Names are plain ASCII letters, digits, {@code .}, {@code _}, {@code -} and {@code +}, never
 * start with a dot, and never end in {@code .None} or {@code .null}.
 */
final class FileNames {

    /** The longest stem kept. */
    static final int MAX_STEM = 80;

    /** Extensions by MIME type (without parameters). */
    private static final Map<String, String> BY_MIME = Map.ofEntries(
            Map.entry("image/fits", "fits"), Map.entry("application/fits", "fits"),
            Map.entry("application/x-fits", "fits"), Map.entry("image/x-fits", "fits"),
            Map.entry("application/x-fits-bintable", "fits"), Map.entry("application/x-fits-mef", "fits"),
            Map.entry("application/x-votable+xml", "vot"), Map.entry("application/votable+xml", "vot"),
            Map.entry("text/xml;votable", "vot"), Map.entry("application/x-votable", "vot"),
            Map.entry("image/png", "png"), Map.entry("image/jpeg", "jpg"), Map.entry("image/jpg", "jpg"),
            Map.entry("image/gif", "gif"), Map.entry("image/tiff", "tif"), Map.entry("image/webp", "webp"),
            Map.entry("text/csv", "csv"), Map.entry("text/tab-separated-values", "tsv"),
            Map.entry("text/plain", "txt"), Map.entry("text/html", "html"), Map.entry("application/json", "json"),
            Map.entry("application/pdf", "pdf"), Map.entry("application/postscript", "ps"),
            Map.entry("application/x-hdf5", "hdf5"), Map.entry("application/x-hdf", "hdf"),
            Map.entry("application/gzip", "gz"), Map.entry("application/x-gzip", "gz"),
            Map.entry("application/x-tar", "tar"), Map.entry("application/zip", "zip"),
            Map.entry("application/x-parquet", "parquet"), Map.entry("application/vnd.apache.parquet", "parquet"),
            Map.entry("text/xml", "xml"), Map.entry("application/xml", "xml"),
            Map.entry("application/x-ecsv", "ecsv"), Map.entry("text/x-ecsv", "ecsv"));

    /** Data file extensions taken off a stem (longest first, so {@code .fits.gz} goes whole). */
    private static final List<String> DATA_EXTENSIONS = List.of("fits.gz", "fits.fz", "fit.gz", "tar.gz", "fits",
            "fit", "fts", "fz", "vot", "votable", "xml", "png", "jpeg", "jpg", "gif", "tif", "tiff", "webp", "csv",
            "tsv", "txt", "json", "pdf", "ps", "hdf5", "h5", "hdf", "gz", "tar", "zip", "parquet", "ecsv", "dat");

    /** Path segments and names that say nothing about the dataset. */
    private static final Set<String> GENERIC = Set.of("getproduct", "getdata", "getimage", "getspectrum",
            "dlget", "dlmeta", "sync", "async", "query", "download", "fetch", "get", "retrieve", "data", "file",
            "files", "cutout", "preview", "datalink", "links", "product", "products", "image", "spectrum",
            "index", "none", "null", "nan", "undefined", "unknown", "dataset");

    private static final Set<String> SCRIPT_EXTENSIONS = Set.of("php", "py", "cgi", "jsp", "asp", "aspx", "pl");

    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9");

    /**
     * A stem and the data extension its source had.
     *
     * @param stem the stem, safe and non-empty
     * @param sourceExtension the extension taken off the source name, or "" if none
     */
    record Base(String stem, String sourceExtension) {
    }

    private FileNames() {
    }

    /**
     * Returns the extension for a MIME type.
     *
     * @param mime the type, possibly with parameters; may be null
     * @return the extension without a dot, or "" if the type is unknown
     */
    static String extension(String mime) {
        if (mime == null) {
            return "";
        }
        String m = mime.strip().toLowerCase(Locale.ROOT);
        if (m.isEmpty() || m.equals("none") || m.equals("null")) {
            return "";
        }
        if (m.contains("votable")) {
            return "vot";
        }
        int semi = m.indexOf(';');
        String bare = (semi >= 0 ? m.substring(0, semi) : m).strip();
        String ext = BY_MIME.get(bare);
        if (ext != null) {
            return ext;
        }
        if (bare.endsWith("+xml")) {
            return "xml";
        }
        if (bare.endsWith("+json")) {
            return "json";
        }
        if (bare.endsWith("fits")) {
            return "fits";
        }
        return "";
    }

    /**
     * Chooses the stem of a dataset's file name.
     *
     * @param publisherDid the publisher DID, or null
     * @param accessUrl the access URL, or null
     * @param title the title, or null
     * @param row the row index, for the last resort {@code dataset-N}
     * @return the stem and any data extension its source had
     */
    static Base base(String publisherDid, URI accessUrl, String title, int row) {
        Base b = fromIdentifier(publisherDid);
        if (b == null && accessUrl != null) {
            b = fromUrl(accessUrl);
        }
        if (b == null && title != null) {
            b = clean(title, false);
        }
        return b != null ? b : new Base("dataset-" + (row + 1), "");
    }

    /** The local part of an IVOA identifier: after '?' or '#', then its last path segment. */
    private static Base fromIdentifier(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String s = id.strip();
        int q = Math.max(s.lastIndexOf('?'), s.lastIndexOf('#'));
        if (q >= 0) {
            s = s.substring(q + 1);
        } else if (s.startsWith("ivo://")) {
            s = s.substring(6);
        }
        s = decode(s);
        int slash = s.lastIndexOf('/');
        String seg = slash >= 0 ? s.substring(slash + 1) : s;
        return clean(seg, true);
    }

    private static Base fromUrl(URI url) {
        String query = url.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && decode(pair.substring(0, eq)).equalsIgnoreCase("ID")) {
                    Base b = fromIdentifier(decode(pair.substring(eq + 1)));
                    if (b != null) {
                        return b;
                    }
                }
            }
        }
        String path = url.getRawPath();
        if (path == null) {
            return null;
        }
        String[] segs = path.split("/");
        for (int i = segs.length - 1; i >= 0; i--) {
            String seg = decode(segs[i]);
            if (seg.isBlank()) {
                continue;
            }
            int dot = seg.lastIndexOf('.');
            if (dot > 0 && SCRIPT_EXTENSIONS.contains(seg.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                return null;
            }
            return clean(seg, true);
        }
        return null;
    }

    /**
     * Makes a safe stem from a name: data extensions off, accents off, other characters to
     * {@code _}; null if nothing meaningful is left.
     */
    static Base clean(String name, boolean stripExtension) {
        String s = name.strip();
        String ext = "";
        if (stripExtension) {
            String lower = s.toLowerCase(Locale.ROOT);
            for (String e : DATA_EXTENSIONS) {
                if (lower.endsWith("." + e) && s.length() > e.length() + 1) {
                    ext = e;
                    s = s.substring(0, s.length() - e.length() - 1);
                    break;
                }
            }
        }
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("[^A-Za-z0-9._+-]+", "_").replaceAll("_{2,}", "_").replaceAll("\\.{2,}", ".");
        s = s.replaceAll("^[._-]+", "").replaceAll("[._-]+$", "");
        if (s.length() > MAX_STEM) {
            s = s.substring(0, MAX_STEM).replaceAll("[._-]+$", "");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || GENERIC.contains(lower)) {
            return null;
        }
        if (RESERVED.contains(lower) || RESERVED.contains(lower.replaceFirst("\\..*", ""))) {
            s = "ds_" + s;
        }
        return new Base(s, ext);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * Joins a stem and an extension.
     *
     * @param stem the stem
     * @param mime the dataset's MIME type, or null
     * @param sourceExtension the extension the name's source had, used when the MIME type is unknown
     * @return the file name; {@code .dat} when no extension is known
     */
    static String fileName(String stem, String mime, String sourceExtension) {
        String ext = extension(mime);
        if (ext.isEmpty()) {
            ext = sourceExtension == null || sourceExtension.isEmpty() ? "dat" : sourceExtension;
        }
        return stem + "." + ext;
    }
}
