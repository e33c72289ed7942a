package org.vokit.tap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnPermutedStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * A table sent along with a TAP query, visible to the query as {@code TAP_UPLOAD.name}.
 *
 * <p>Three sources: a local {@link StarTable} or table file, sent inline as a VOTable in a
 * multipart request; or a URL the service fetches itself (for instance another job's result,
 * which joins results across services without downloading them). Uploads are immutable;
 * {@link #columns(String...)} returns a copy that sends only the named columns, which is how
 * an upload should normally be used: send only what the join needs.
 */
public final class Upload {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final String name;
    private final StarTable table;
    private final Path file;
    private final URI url;
    private final List<String> columns;

    private Upload(String name, StarTable table, Path file, URI url, List<String> columns) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("upload name '" + name
                    + "' is not a simple name (a letter followed by letters, digits or underscores)");
        }
        this.name = name;
        this.table = table;
        this.file = file;
        this.url = url;
        this.columns = columns == null ? null : List.copyOf(columns);
    }

    /**
     * Uploads a table held locally.
     *
     * @param name the upload name
     * @param table the table
     * @return the upload
     */
    public static Upload table(String name, StarTable table) {
        return new Upload(name, Objects.requireNonNull(table, "table"), null, null, null);
    }

    /**
     * Uploads a table file in any format STIL reads. A VOTable file is sent as it is; other
     * formats are converted to VOTable first.
     *
     * @param name the upload name
     * @param file the file
     * @return the upload
     */
    public static Upload file(String name, Path file) {
        return new Upload(name, null, Objects.requireNonNull(file, "file"), null, null);
    }

    /**
     * Lets the service fetch the table from a URL.
     *
     * @param name the upload name
     * @param url the table's URL (http or https)
     * @return the upload
     */
    public static Upload url(String name, URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ftp")) {
            throw new IllegalArgumentException("upload " + name + ": the service can only fetch http(s) or ftp URLs, not "
                    + url);
        }
        return new Upload(name, null, null, url, null);
    }

    /**
     * Parses the command-line form {@code NAME=FILE_OR_URL}.
     *
     * @param spec the specification
     * @return the upload
     */
    public static Upload parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("upload '" + spec + "' is not of the form NAME=FILE_OR_URL");
        }
        String n = spec.substring(0, eq);
        String target = spec.substring(eq + 1);
        if (target.matches("(?i)(https?|ftp)://.*")) {
            return url(n, URI.create(target));
        }
        Path p = Path.of(target);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("upload " + n + ": cannot read file " + target);
        }
        return file(n, p);
    }

    /**
     * Returns a copy that sends only the named columns (case-insensitive), in that order.
     * Only for local tables and files.
     *
     * @param names the columns to keep
     * @return the narrowed upload
     */
    public Upload columns(String... names) {
        if (url != null) {
            throw new IllegalStateException("cannot choose columns of a table the service fetches by URL");
        }
        if (names.length == 0) {
            throw new IllegalArgumentException("no columns named for upload " + name);
        }
        return new Upload(name, table, file, url, Arrays.asList(names));
    }

    /** @return the upload name */
    public String name() {
        return name;
    }

    /** @return true if the table travels inside the request */
    public boolean isInline() {
        return url == null;
    }

    /**
     * Returns the value of the TAP {@code UPLOAD} parameter for this upload.
     *
     * @return {@code name,URL} or {@code name,param:name}
     */
    public String uploadParam() {
        return name + "," + (url != null ? url.toString() : "param:" + name);
    }

    /**
     * Returns the URL the service fetches.
     *
     * @return the URL, or null for inline uploads
     */
    public URI url() {
        return url;
    }

    /**
     * Produces the VOTable bytes sent for an inline upload.
     *
     * @return a stream over the VOTable
     * @throws IOException if the table cannot be read or written
     */
    public InputStream open() throws IOException {
        if (url != null) {
            throw new IllegalStateException("upload " + name + " is by URL");
        }
        if (file != null && columns == null && looksLikeVotable(file)) {
            return new BufferedInputStream(Files.newInputStream(file));
        }
        StarTable t = table != null ? table : readFile();
        if (columns != null) {
            t = select(t);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new VOTableWriter(DataFormat.BINARY2, true, VOTableVersion.V13).writeStarTable(t, out);
        return new java.io.ByteArrayInputStream(out.toByteArray());
    }

    /**
     * The STIL reader to use for a format: a CSV file's first line is its header (STIL would
     * otherwise guess, and take a header of text over text columns for data).
     */
    static String readerName(String format) {
        return format.equalsIgnoreCase("csv") ? "csv(header=true)" : format;
    }

    private StarTable readFile() throws IOException {
        StarTableFactory f = new StarTableFactory(false);
        String fname = file.getFileName().toString();
        try {
            for (uk.ac.starlink.table.TableBuilder b : f.getKnownBuilders()) {
                if (b.looksLikeFile(fname)) {
                    return f.makeStarTable(file.toString(), readerName(b.getFormatName()));
                }
            }
            return f.makeStarTable(file.toString());
        } catch (IOException e) {
            throw new IOException("upload " + name + ": cannot read " + file + " as a table: " + e.getMessage(), e);
        }
    }

    private StarTable select(StarTable t) {
        int[] map = new int[columns.size()];
        List<String> have = new ArrayList<>();
        for (int i = 0; i < t.getColumnCount(); i++) {
            have.add(t.getColumnInfo(i).getName());
        }
        for (int k = 0; k < map.length; k++) {
            String want = columns.get(k);
            int found = -1;
            for (int i = 0; i < t.getColumnCount(); i++) {
                ColumnInfo ci = t.getColumnInfo(i);
                if (ci.getName().equalsIgnoreCase(want)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("upload " + name + ": no column '" + want + "' (columns are "
                        + have + ")");
            }
            map[k] = found;
        }
        return new ColumnPermutedStarTable(t, map);
    }

    private static boolean looksLikeVotable(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(512);
            String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            return s.contains("<VOTABLE") || s.contains(":VOTABLE");
        }
    }

    @Override
    public String toString() {
        return "Upload[" + uploadParam() + (file != null ? " from " + file : "") + "]";
    }
}
