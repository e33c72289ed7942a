package org.vokit.dal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.vokit.ProtocolException;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;
import uk.ac.starlink.table.ColumnInfo;

/**
 * A record that describes a dataset (an image, a spectrum, an observation): the facts every
 * dataset protocol has in some column — title, instrument, date of observation, size, MIME
 * type, access URL, publisher's identifier — and the dataset itself, by {@link #download(Path)}.
 *
 * <p>The protocol records ({@code SiaRecord}, {@code Sia2Record}, {@code SsaRecord}) only say
 * where their standard keeps each fact ({@link DatasetFields}).
 *
 * <p>A record whose access URL leads to a DataLink document
 * ({@code application/x-votable+xml;content=datalink}, see {@link #isDatalink()}) is what the
 * DataLink client starts from: {@link #accessUrl()} and {@link #accessFormat()}.
 */
public abstract class DatasetRecord extends DalRecord {

    /** The time a download is allowed unless told otherwise. */
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final DatasetFields fields;

    /**
     * Makes the record of a row.
     *
     * @param results the results
     * @param row the row index
     * @param fields where the protocol keeps the dataset facts
     */
    protected DatasetRecord(DalResults<?> results, int row, DatasetFields fields) {
        super(results, row);
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    /** @return the dataset's title */
    public Optional<String> title() {
        return findString(fields.title());
    }

    /** @return the name of the instrument that took the data */
    public Optional<String> instrument() {
        return findString(fields.instrument());
    }

    /**
     * Returns the time of observation (SIA 1 {@code VOX:Image_MJDateObs}, ObsCore {@code t_min},
     * SSA {@code Char.TimeAxis.Coverage.Location.Value} or else {@code DataID.Date}), read from
     * an MJD (or JD) number or an ISO 8601 string; the first of these columns with a value
     * wins. Time scales are not converted.
     *
     * @return the instant, if the result says
     */
    public Optional<Instant> dateObs() {
        for (FieldLocator l : fields.dateObs()) {
            Optional<Instant> t = findInstant(List.of(l));
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the dataset's size in bytes, converted from the column's unit (ObsCore gives
     * kilobytes, and only as an estimate).
     *
     * @return the size, if the result says
     */
    public OptionalLong fileSize() {
        int c = results().column(fields.fileSize());
        if (c < 0) {
            return OptionalLong.empty();
        }
        OptionalDouble v = asDouble(get(c));
        if (v.isEmpty() || v.getAsDouble() < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(v.getAsDouble() * bytesPerUnit(results().columnInfo(c))));
    }

    private static double bytesPerUnit(ColumnInfo info) {
        String u = info.getUnitString() == null ? "" : info.getUnitString().strip();
        return switch (u) {
            case "kbyte", "kB", "KB", "kilobyte" -> 1e3;
            case "Mbyte", "MB", "megabyte" -> 1e6;
            case "Gbyte", "GB", "gigabyte" -> 1e9;
            case "KiB", "Kibyte" -> 1024.0;
            case "MiB", "Mibyte" -> 1024.0 * 1024;
            case "GiB", "Gibyte" -> 1024.0 * 1024 * 1024;
            default -> 1.0;
        };
    }

    /**
     * Returns the MIME type of the dataset, as the service announces it (for instance
     * {@code image/fits}, or {@code application/x-votable+xml;content=datalink} for a DataLink
     * document).
     *
     * @return the type, if the result says
     */
    public Optional<String> accessFormat() {
        return findString(fields.format()).filter(f -> !f.equalsIgnoreCase("none") && !f.equalsIgnoreCase("null"));
    }

    /**
     * Returns the MIME type of the dataset; the same as {@link #accessFormat()}.
     *
     * @return the type, if the result says
     */
    public Optional<String> format() {
        return accessFormat();
    }

    /**
     * Returns the URL the dataset is fetched from.
     *
     * @return the URL, if the result gives one that parses
     */
    public Optional<URI> accessUrl() {
        return findString(fields.accessUrl()).flatMap(DatasetRecord::parseUrl);
    }

    private static Optional<URI> parseUrl(String s) {
        try {
            return Optional.of(new URI(s.strip()));
        } catch (URISyntaxException e) {
            try {
                return Optional.of(new URI(s.strip().replace(" ", "%20")));
            } catch (URISyntaxException e2) {
                return Optional.empty();
            }
        }
    }

    /** @return the publisher's dataset identifier (an {@code ivo://} URI), if the result gives one */
    public Optional<String> publisherDid() {
        return findString(fields.publisherDid());
    }

    /**
     * Tells whether the access URL leads to a DataLink document rather than to the data.
     *
     * @return true for {@code application/x-votable+xml;content=datalink}
     */
    public boolean isDatalink() {
        return accessFormat().map(f -> f.toLowerCase(Locale.ROOT).replace(" ", "").contains("content=datalink"))
                .orElse(false);
    }

    /** The stem this record would have on its own, before the result makes stems unique. */
    FileNames.Base baseName() {
        return FileNames.base(publisherDid().orElse(null), accessUrl().orElse(null), title().orElse(null), row());
    }

    /**
     * Suggests a file name for the dataset: a stem from the publisher's dataset identifier, the
     * access URL or the title (the first that says something), made filesystem-safe (ASCII
     * letters, digits, {@code . _ - +}) and unique within the result (by {@code -2}, {@code -3}
     * ... suffixes, ignoring case), and an extension from the MIME type ({@code .fits},
     * {@code .vot}, {@code .png}, ...; the source name's own extension, or {@code .dat}, when
     * the type is unknown). Never {@code .None}.
     *
     * @return the file name, without directories
     */
    public String suggestedFileName() {
        return FileNames.fileName(results().uniqueStem(row()), accessFormat().orElse(null),
                baseName().sourceExtension());
    }

    /**
     * Downloads the dataset into a directory under its {@link #suggestedFileName()}, allowing
     * {@link #DEFAULT_DOWNLOAD_TIMEOUT}.
     *
     * @param dir the directory (created if missing)
     * @return the file written
     * @throws IOException if the download fails; no partial file is left behind
     */
    public Path download(Path dir) throws IOException {
        return download(dir, DEFAULT_DOWNLOAD_TIMEOUT);
    }

    /**
     * Downloads the dataset into a directory. The bytes are streamed (never held in memory) into
     * a hidden temporary file beside the target, which is moved into place only when complete,
     * replacing any earlier file of the same name. Redirects are followed (only to http and
     * https URLs). When the result gives no MIME type, the extension follows the answer's
     * {@code Content-Type}.
     *
     * @param dir the directory (created if missing)
     * @param timeout the time allowed for the whole transfer
     * @return the file written
     * @throws ProtocolException if the record has no http(s) access URL, or the service sends no content
     * @throws IOException if the download fails or does not finish in time; no partial file is left
     */
    public Path download(Path dir, Duration timeout) throws IOException {
        Objects.requireNonNull(dir, "dir");
        URI url = accessUrl().orElseThrow(() -> new ProtocolException("record " + row()
                + " has no usable access URL", results().source()));
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ProtocolException("refusing to download from a non-http(s) access URL: " + url,
                    results().source());
        }
        Files.createDirectories(dir);
        VoHttp shared = results().http();
        VoHttp http = shared != null ? shared : VoHttp.newDefault();
        try (VoResponse resp = DalReader.send(http, VoRequest.get(url), Deadline.in(timeout))) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            if (resp.status() == 204) {
                throw new ProtocolException("the service sent no content (HTTP 204) for the dataset", url);
            }
            String mime = accessFormat().orElse(resp.contentType());
            String name = FileNames.fileName(results().uniqueStem(row()), mime, baseName().sourceExtension());
            Path target = dir.resolve(name);
            // not createTempFile, which makes the file readable by its owner only
            Path temp = dir.resolve("." + name + "." + java.util.UUID.randomUUID() + ".part");
            try {
                try (InputStream in = resp.body();
                     OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE)) {
                    in.transferTo(out);
                }
                move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } finally {
            if (shared == null) {
                http.close();
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
