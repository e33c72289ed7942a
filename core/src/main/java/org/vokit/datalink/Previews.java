package org.vokit.datalink;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.vokit.http.Deadline;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.votable.internal.ServiceErrors;

/**
 * Fetches the preview images of many datasets in parallel, at most {@link #parallelism()} at a
 * time, within one overall time: for each {@link Datalink}, its first usable link with
 * semantics {@code #preview} or narrower ({@code #preview-image}, {@code #thumbnail},
 * {@code #preview-plot}), preferring links that declare an image type. A dataset whose preview
 * is missing, fails, is too large or is not an image is listed in
 * {@link PreviewSet#failures()}; it never stops the others.
 *
 * <pre>{@code
 * PreviewSet set = Previews.create().withParallelism(4).fetch(datalinkList);
 * set.writeContactSheet(Path.of("overview.png"), 128, 6);
 * set.failures().forEach(f -> System.err.println(f.label() + ": " + f.reason()));
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class Previews {

    /** The largest preview accepted, in bytes, unless {@link #withMaxBytes} says otherwise. */
    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    /** The largest decoded preview accepted, in pixels. */
    public static final long MAX_PIXELS = 64L << 20;

    private final VoHttp http;
    private final int parallelism;
    private final Duration timeout;
    private final Duration requestTimeout;
    private final long maxBytes;

    private Previews(VoHttp http, int parallelism, Duration timeout, Duration requestTimeout, long maxBytes) {
        this.http = http;
        this.parallelism = parallelism;
        this.timeout = timeout;
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
    }

    /**
     * Returns a fetcher with 4 parallel requests, 2 minutes overall, 30 seconds per preview.
     *
     * @return the fetcher
     */
    public static Previews create() {
        return new Previews(null, 4, Duration.ofMinutes(2), Duration.ofSeconds(30), DEFAULT_MAX_BYTES);
    }

    /**
     * @param client the HTTP client to use (the caller closes it); without one, each fetch makes
     *     its own client and closes it when done
     * @return a copy using it
     */
    public Previews withHttp(VoHttp client) {
        return new Previews(Objects.requireNonNull(client), parallelism, timeout, requestTimeout, maxBytes);
    }

    /**
     * @param n the most previews fetched at once (1 to 64)
     * @return a copy with that bound
     */
    public Previews withParallelism(int n) {
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("parallelism must be between 1 and 64: " + n);
        }
        return new Previews(http, n, timeout, requestTimeout, maxBytes);
    }

    /**
     * @param d the time allowed for all previews together
     * @return a copy with that time
     */
    public Previews withTimeout(Duration d) {
        return new Previews(http, parallelism, positive(d), requestTimeout, maxBytes);
    }

    /**
     * @param d the time allowed for one preview
     * @return a copy with that time
     */
    public Previews withRequestTimeout(Duration d) {
        return new Previews(http, parallelism, timeout, positive(d), maxBytes);
    }

    /**
     * @param n the largest preview accepted, in bytes
     * @return a copy with that limit
     */
    public Previews withMaxBytes(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + n);
        }
        return new Previews(http, parallelism, timeout, requestTimeout, n);
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("time must be positive: " + d);
        }
        return d;
    }

    /** @return the most previews fetched at once */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Fetches the previews of some datasets.
     *
     * @param datalinks the datasets' datalinks (for example from {@link DatalinkService#fetchAll()})
     * @return the previews and the failures, each in row order
     * @throws InterruptedIOException if the thread is interrupted (the fetches are cancelled)
     */
    public PreviewSet fetch(List<Datalink> datalinks) throws InterruptedIOException {
        Deadline overall = Deadline.in(timeout);
        if (datalinks.isEmpty()) {
            return new PreviewSet(List.of(), List.of());
        }
        VoHttp client = http != null ? http : VoHttp.newDefault();
        try {
            return fetch(datalinks, client, overall);
        } finally {
            if (http == null) {
                client.close();
            }
        }
    }

    private PreviewSet fetch(List<Datalink> datalinks, VoHttp client, Deadline overall) throws InterruptedIOException {
        List<Preview> ok = new ArrayList<>();
        List<PreviewFailure> failed = new ArrayList<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, datalinks.size()), r -> {
            Thread t = new Thread(r, "vokit-preview-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Datalink dl : datalinks) {
                futures.add(pool.submit(() -> fetchOne(dl, client, overall)));
            }
            Iterator<Datalink> dls = datalinks.iterator();
            for (Future<Object> f : futures) {
                Datalink dl = dls.next();
                try {
                    Object r = f.get(Math.max(1, overall.remaining().toMillis()), TimeUnit.MILLISECONDS);
                    if (r instanceof Preview p) {
                        ok.add(p);
                    } else {
                        failed.add((PreviewFailure) r);
                    }
                } catch (TimeoutException | CancellationException e) {
                    f.cancel(true);
                    failed.add(new PreviewFailure(dl.rowIndex(), label(dl), null,
                            "not fetched within the overall time of " + timeout));
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    failed.add(new PreviewFailure(dl.rowIndex(), label(dl), null,
                            c.getMessage() == null ? c.toString() : c.getMessage()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching previews");
        } finally {
            pool.shutdownNow();
        }
        ok.sort(Comparator.comparingLong(Preview::rowIndex));
        failed.sort(Comparator.comparingLong(PreviewFailure::rowIndex));
        return new PreviewSet(ok, failed);
    }

    /**
     * Chooses a dataset's preview link: not an error row, an http(s) URL, and an image type or
     * no declared type, image types first.
     *
     * @param dl the datalinks
     * @return the link, if there is one
     */
    static Optional<Link> previewLink(Datalink dl) {
        return dl.bySemantics("#preview").stream()
                .filter(l -> !l.isError() && l.accessUri().isPresent())
                .filter(l -> l.contentType() == null || isImageType(l.contentType()))
                .min(Comparator.comparingInt(l -> l.contentType() == null ? 1 : 0));
    }

    private static boolean isImageType(String ct) {
        return ct.toLowerCase(Locale.ROOT).strip().startsWith("image/");
    }

    /**
     * A short name for a dataset: the last part of its identifier, or its row.
     *
     * @param dl the datalinks
     * @return the label
     */
    static String label(Datalink dl) {
        String id = dl.id().orElse(null);
        if (id == null || id.isBlank()) {
            return "row " + dl.rowIndex();
        }
        String s = id.strip();
        int cut = Math.max(Math.max(s.lastIndexOf('/'), s.lastIndexOf('?')), Math.max(s.lastIndexOf('#'),
                s.lastIndexOf('=')));
        String tail = cut >= 0 && cut < s.length() - 1 ? s.substring(cut + 1) : s;
        return tail;
    }

    private Object fetchOne(Datalink dl, VoHttp client, Deadline overall) {
        String label = label(dl);
        if (!dl.ok()) {
            return new PreviewFailure(dl.rowIndex(), label, null,
                    "no datalinks: " + dl.failure().map(Throwable::getMessage).orElse(""));
        }
        Optional<Link> link = previewLink(dl);
        if (link.isEmpty()) {
            String why = dl.bySemantics("#preview").stream().filter(Link::isError).map(Link::errorMessage)
                    .findFirst().map(m -> ": " + m).orElse("");
            return new PreviewFailure(dl.rowIndex(), label, null, "no #preview link" + why);
        }
        URI url = link.get().accessUri().orElseThrow();
        try (VoResponse resp = client.send(VoRequest.get(url), Deadline.in(overall.cap(requestTimeout)))) {
            if (!resp.isSuccess()) {
                throw ServiceErrors.from(resp);
            }
            byte[] bytes = resp.body().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                return new PreviewFailure(dl.rowIndex(), label, url, "larger than " + maxBytes + " bytes");
            }
            BufferedImage img = decode(bytes);
            if (img == null) {
                return new PreviewFailure(dl.rowIndex(), label, url, "not an image this JVM can read (content type '"
                        + resp.contentType() + "', " + bytes.length + " bytes)");
            }
            return new Preview(dl.rowIndex(), label, url, img);
        } catch (IOException e) {
            return new PreviewFailure(dl.rowIndex(), label, url, e.getMessage());
        }
    }

    /** Decodes an image, refusing ones whose declared size is absurd before allocating them. */
    private static BufferedImage decode(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                long pixels = (long) r.getWidth(0) * r.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException("image of " + r.getWidth(0) + "x" + r.getHeight(0) + " pixels is too large");
                }
                return r.read(0);
            } finally {
                r.dispose();
            }
        }
    }
}
