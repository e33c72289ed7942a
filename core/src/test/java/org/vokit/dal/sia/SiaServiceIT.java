package org.vokit.dal.sia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.vokit.testing.LocalDal;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.QueryException;
import org.vokit.adql.AdqlTemplate;
import org.vokit.dal.DalProtocol;
import org.vokit.dal.DalResults;
import org.vokit.dal.DatasetRecord;
import org.vokit.dal.ServiceParam;
import org.vokit.dal.ServiceParams;
import org.vokit.http.VoHttp;
import org.vokit.testing.LocalVo;

/**
 * SIA 1 and SIA 2 against the local DaCHS, found through its registry; the expected images come
 * from TAP queries on {@code voimg.main} and {@code ivoa.obscore}.
 */
class SiaServiceIT {

    private static VoHttp http;
    private static SiaService sia;
    private static Sia2Service sia2;

    @BeforeAll
    static void setUp() throws IOException {
        LocalVo.require();
        http = VoHttp.newDefault();
        sia = SiaService.of(LocalDal.accessUrl(DalProtocol.SIA), http);
        sia2 = Sia2Service.of(LocalDal.accessUrl(DalProtocol.SIA2), http);
    }

    @AfterAll
    static void tearDown() {
        if (http != null) {
            http.close();
        }
    }

    private static Set<String> dids(DalResults<? extends DatasetRecord> r) {
        Set<String> out = new TreeSet<>();
        r.forEach(x -> out.add(x.publisherDid().orElseThrow()));
        return out;
    }

    private static Set<String> imagesContaining(double ra, double dec, AdqlTemplate extra) throws IOException {
        return LocalDal.set(AdqlTemplate.of("SELECT pub_did FROM voimg.main WHERE "
                + "1 = CONTAINS(POINT('ICRS', {ra}, {dec}), coverage) {extra}")
                .value("ra", ra).value("dec", dec).fragment("extra", extra).render());
    }

    private static Set<String> obscoreOverlapping(double ra, double dec, double r, AdqlTemplate extra)
            throws IOException {
        return LocalDal.set(AdqlTemplate.of("SELECT obs_publisher_did FROM ivoa.obscore WHERE "
                + "obs_collection = 'vokit images' AND 1 = INTERSECTS(s_region, CIRCLE('ICRS', {ra}, {dec}, {r})) {extra}")
                .value("ra", ra).value("dec", dec).value("r", r).fragment("extra", extra).render());
    }

    // -------------------------------------------------------------- SIA 1

    @Test
    void sia1FindsTheImagesShowingAPosition() throws IOException {
        for (double[] pos : new double[][] {{10, 20}, {150, 2.2}, {10.5, 20.5}, {0.05, -5}}) {
            DalResults<SiaRecord> r = sia.search(SiaQuery.of(pos[0], pos[1], 0.01)
                    .withIntersect(SiaQuery.Intersect.CENTER));
            assertThat(dids(r)).as("images at %s", List.of(pos[0], pos[1]))
                    .isEqualTo(imagesContaining(pos[0], pos[1], AdqlTemplate.of(""))).isNotEmpty();
            DalResults<SiaRecord> overlapping = sia.search(pos[0], pos[1], 0.01);
            assertThat(dids(overlapping)).containsAll(dids(r));
        }
    }

    @Test
    void sia1RecordsDescribeTheImages() throws IOException {
        DalResults<SiaRecord> r = sia.search(10, 20, 0.1);
        assertThat(r.size()).isPositive();
        for (SiaRecord image : r) {
            String did = image.publisherDid().orElseThrow();
            Object[] row = LocalDal.tap().runSync(AdqlTemplate.of("SELECT imagetitle, instid, dateobs, accsize, "
                    + "mime, accref FROM voimg.main WHERE pub_did = {did}").value("did", did).render()).table().getRow(0);
            assertThat(image.title()).contains((String) row[0]);
            assertThat(image.instrument()).contains((String) row[1]);
            double mjd = ((Number) row[2]).doubleValue();
            assertThat(image.dateObs()).contains(Instant.ofEpochMilli(Math.round((mjd - 40587) * 86_400_000L)));
            assertThat(image.fileSize()).hasValue(((Number) row[3]).longValue());
            assertThat(image.accessFormat()).contains((String) row[4]);
            assertThat(image.accessUrl().orElseThrow().getPath()).endsWith(
                    ((String) row[5]).replaceFirst("^.*getproduct", "getproduct"));
        }
    }

    @Test
    void sia1CustomBandpassIsPassedThrough() throws IOException {
        ServiceParams declared = sia.params();
        ServiceParam bandpass = declared.get("bandpassId").orElseThrow();
        assertThat(bandpass.standard()).isFalse();

        DalResults<SiaRecord> all = sia.search(SiaQuery.of(150, 2.2, 0.01).withIntersect(SiaQuery.Intersect.CENTER));
        DalResults<SiaRecord> v = sia.search(SiaQuery.of(150, 2.2, 0.01).withIntersect(SiaQuery.Intersect.CENTER)
                .withParam(bandpass.name(), "Johnson V"));

        assertThat(dids(v)).isEqualTo(imagesContaining(150, 2.2,
                AdqlTemplate.of("AND bandpassid = {b}").value("b", "Johnson V"))).isNotEmpty();
        assertThat(v.size()).isLessThan(all.size());
        v.forEach(image -> assertThat(image.bandpass()).contains("Johnson V"));
    }

    @Test
    void sia1DownloadsAnImageAsAFitsFileNamedAfterIt(@TempDir Path dir) throws IOException {
        SiaRecord image = sia.search(10, 20, 0.1).get(0);
        Path file = image.download(dir);

        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).isEqualTo(image.suggestedFileName())
                .isEqualTo(image.accessUrl().orElseThrow().getPath().replaceFirst(".*/", "")).endsWith(".fits");
        assertThat(Files.size(file)).isEqualTo(image.fileSize().getAsLong()).isEqualTo(20160);
        assertThat(Files.size(file) % 2880).isZero();
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(new String(in.readNBytes(30), StandardCharsets.US_ASCII)).matches("SIMPLE  = +T");
        }
        try (var s = Files.list(dir)) {
            assertThat(s.count()).as("no temporary file left").isEqualTo(1);
        }
    }

    @Test
    void sia1BadPositionIsTheServicesMessage() {
        Throwable t = catchThrowable(() -> sia.search(SiaQuery.of(10, 20, 0.1).withParam("POS", "abc")));
        assertThat(t).isExactlyInstanceOf(QueryException.class);
        assertThat(((QueryException) t).detail()).contains("POS").contains("abc");
    }

    // -------------------------------------------------------------- SIA 2

    @Test
    void sia2FindsWhatObscoreHasInTheCircle() throws IOException {
        for (double[] c : new double[][] {{10, 20, 0.1}, {150, 2.2, 0.1}, {266.4, -29, 0.2}, {10, 20, 0.6}}) {
            DalResults<Sia2Record> r = sia2.search(c[0], c[1], c[2]);
            assertThat(dids(r)).as("circle %s", List.of(c[0], c[1], c[2]))
                    .isEqualTo(obscoreOverlapping(c[0], c[1], c[2], AdqlTemplate.of(""))).isNotEmpty();
            assertThat(r.overflowed()).isFalse();
        }
    }

    @Test
    void sia2BandAndTimeNarrowTheSearch() throws IOException {
        Sia2Query around = Sia2Query.circle(150, 2.2, 0.1);
        DalResults<Sia2Record> band = sia2.search(around.withBand(6e-7, 6.1e-7));
        assertThat(dids(band)).isEqualTo(obscoreOverlapping(150, 2.2, 0.1,
                AdqlTemplate.of("AND em_min <= {hi} AND em_max >= {lo}").value("lo", 6e-7).value("hi", 6.1e-7)))
                .isNotEmpty();

        Instant from = Instant.parse("2023-05-01T00:00:00Z");
        Instant to = Instant.parse("2023-05-15T00:00:00Z");
        DalResults<Sia2Record> time = sia2.search(around.withTime(from, to));
        double lo = Sia2Query.toMjd(from);
        double hi = Sia2Query.toMjd(to);
        Set<String> expected = obscoreOverlapping(150, 2.2, 0.1,
                AdqlTemplate.of("AND t_min <= {hi} AND t_max >= {lo}").value("lo", lo).value("hi", hi));
        assertThat(dids(time)).isEqualTo(expected).isNotEmpty();
        assertThat(time.size()).isLessThan(sia2.search(around).size());
        time.forEach(o -> assertThat(o.dateObs().orElseThrow()).isBeforeOrEqualTo(to));
    }

    @Test
    void sia2SeveralPositionsAreOred() throws IOException {
        int a = sia2.search(10, 20, 0.1).size();
        int b = sia2.search(150, 2.2, 0.1).size();
        DalResults<Sia2Record> both = sia2.search(Sia2Query.create().withPos(Sia2Query.circleShape(10, 20, 0.1),
                Sia2Query.circleShape(150, 2.2, 0.1)));
        assertThat(both.size()).isEqualTo(a + b);
    }

    @Test
    void sia2BadBandIsTheServicesMessage() throws IOException {
        assertThat(sia2.params().get("BAND").orElseThrow().intervalStyle())
                .isEqualTo(ServiceParam.IntervalStyle.INTERVAL);
        Throwable t = catchThrowable(() -> sia2.search(Sia2Query.circle(10, 20, 0.1).withParam("BAND", "abc")));
        assertThat(t).isExactlyInstanceOf(QueryException.class);
        assertThat(((QueryException) t).detail()).contains("BAND").contains("abc");
    }

    // ------------------------------------------------------ the all-VO loop

    /**
     * The course's loop over every image service in the registry, done in parallel with one
     * outcome per service: each answers with the images at (10, 20) that its table has.
     */
    @Test
    void everyImageServiceInTheRegistryIsQueriedInParallel() throws Exception {
        List<URI> sia1Urls = LocalDal.accessUrls(DalProtocol.SIA);
        List<URI> sia2Urls = LocalDal.accessUrls(DalProtocol.SIA2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Set<String>>> outcomes = new ArrayList<>();
            for (URI u : sia1Urls) {
                outcomes.add(pool.submit(() -> dids(SiaService.of(u, http).search(SiaQuery.of(10, 20, 0.01)
                        .withIntersect(SiaQuery.Intersect.CENTER)))));
            }
            for (URI u : sia2Urls) {
                outcomes.add(pool.submit(() -> dids(Sia2Service.of(u, http).search(10, 20, 0.001))));
            }
            Set<String> expected = imagesContaining(10, 20, AdqlTemplate.of(""));
            for (Future<Set<String>> f : outcomes) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
            assertThat(outcomes).hasSize(sia1Urls.size() + sia2Urls.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
