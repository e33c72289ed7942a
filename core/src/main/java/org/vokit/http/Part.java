package org.vokit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One part of a {@code multipart/form-data} body: either a plain field or a file whose content is
 * produced on demand (so that a large upload is streamed, never held in memory twice).
 */
public final class Part {

    /** Produces the bytes of a file part; may be called once per send attempt. */
    @FunctionalInterface
    public interface Content {
        /**
         * Opens the content.
         *
         * @return a fresh stream over the part's bytes
         * @throws IOException if the content cannot be produced
         */
        InputStream open() throws IOException;
    }

    private final String name;
    private final String fileName;
    private final String contentType;
    private final Content content;

    private Part(String name, String fileName, String contentType, Content content) {
        this.name = Objects.requireNonNull(name, "name");
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = Objects.requireNonNull(content, "content");
    }

    /**
     * Creates a plain text field.
     *
     * @param name field name
     * @param value field value
     * @return the part
     */
    public static Part field(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new Part(name, null, null, () -> new java.io.ByteArrayInputStream(bytes));
    }

    /**
     * Creates a file part.
     *
     * @param name field name
     * @param fileName file name reported to the server
     * @param contentType MIME type of the content
     * @param content producer of the bytes
     * @return the part
     */
    public static Part file(String name, String fileName, String contentType, Content content) {
        return new Part(name, Objects.requireNonNull(fileName, "fileName"),
                Objects.requireNonNull(contentType, "contentType"), content);
    }

    /** @return the field name */
    public String name() {
        return name;
    }

    /** @return the file name, or null for a plain field */
    public String fileName() {
        return fileName;
    }

    /** @return the MIME type, or null for a plain field */
    public String contentType() {
        return contentType;
    }

    /**
     * Opens the content.
     *
     * @return a fresh stream
     * @throws IOException if it cannot be produced
     */
    public InputStream open() throws IOException {
        return content.open();
    }

    /**
     * Returns the text of a plain field, for logging.
     *
     * @return the value, or a placeholder for files
     */
    String describeValue() {
        if (fileName != null) {
            return "@" + fileName;
        }
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
