package org.vokit.dal.sia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.vokit.dal.DalRecord;
import org.vokit.dal.DalResults;

/**
 * SIA 1 and SIA 2 records on answers captured from the local DaCHS ({@code POS=10,20&SIZE=0.1}
 * and {@code POS=CIRCLE 10 20 0.1}); expected values are read from the same documents through
 * plain column names, so the test checks the protocol mapping, not remembered numbers.
 */
class SiaRecordTest {

    private static final URI SRC = URI.create("http://example.org/siap.xml?");

    private static <R extends DalRecord> DalResults<R> read(String name, DalResults.RecordMaker<R> maker)
            throws IOException {
        try (InputStream in = SiaRecordTest.class.getResourceAsStream("/org/vokit/dal/" + name)) {
            return DalResults.read(in, SRC, null, maker);
        }
    }

    private static Instant mjd(double mjd) {
        long day = (long) Math.floor(mjd);
        return LocalDate.of(1858, 11, 17).plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusMillis(Math.round((mjd - day) * 86_400_000L));
    }

    @Test
    void sia1RecordsReadVoxColumns() throws IOException {
        DalResults<SiaRecord> r = read("sia-result.vot", SiaRecord::new);

        assertThat(r.size()).isEqualTo(2);
        for (SiaRecord image : r) {
            assertThat(image.title()).isEqualTo(image.getString("imageTitle"));
            assertThat(image.instrument()).isEqualTo(image.getString("instId")).contains("VKCam");
            assertThat(image.dateObs()).contains(mjd(image.getDouble("dateObs").getAsDouble()));
            assertThat(image.fileSize().getAsLong()).isEqualTo(((Number) image.get("accsize")).longValue());
            assertThat(image.accessFormat()).contains("image/fits");
            assertThat(image.format()).isEqualTo(image.accessFormat());
            assertThat(image.accessUrl()).contains(URI.create(image.getString("accref").orElseThrow()));
            assertThat(image.publisherDid()).isEqualTo(image.getString("pub_did"));
            assertThat(image.bandpass()).isEqualTo(image.getString("bandpassId"));
            assertThat(image.ra()).isEqualTo(image.getDouble("centerAlpha"));
            assertThat(image.isDatalink()).isFalse();
            String file = image.getString("accref").orElseThrow().replaceFirst(".*/", "");
            assertThat(image.suggestedFileName()).as("named like the archive's file").isEqualTo(file);
        }
        assertThat(r.get(0).dateObs()).isNotEqualTo(r.get(1).dateObs());
    }

    @Test
    void sia2RecordsReadObscoreColumns() throws IOException {
        DalResults<Sia2Record> r = read("sia2-result.vot", Sia2Record::new);

        assertThat(r.size()).isEqualTo(2);
        for (Sia2Record obs : r) {
            assertThat(obs.title()).isEqualTo(obs.getString("obs_title"));
            assertThat(obs.instrument()).isEqualTo(obs.getString("instrument_name"));
            assertThat(obs.dateObs()).contains(mjd(obs.getDouble("t_min").getAsDouble()));
            assertThat(obs.endTime()).contains(mjd(obs.getDouble("t_max").getAsDouble()));
            assertThat(obs.fileSize().getAsLong())
                    .as("access_estsize is in kbyte").isEqualTo(((Number) obs.get("access_estsize")).longValue() * 1000);
            assertThat(obs.accessFormat()).isEqualTo(obs.getString("access_format"));
            assertThat(obs.accessUrl()).contains(URI.create(obs.getString("access_url").orElseThrow()));
            assertThat(obs.publisherDid()).isEqualTo(obs.getString("obs_publisher_did"));
            assertThat(obs.collection()).contains("vokit images");
            assertThat(obs.dataproductType()).contains("image");
            assertThat(obs.emMin().getAsDouble()).isLessThan(obs.emMax().getAsDouble());
            assertThat(obs.suggestedFileName()).endsWith(".fits")
                    .isEqualTo(obs.getString("obs_publisher_did").orElseThrow().replaceFirst(".*/", ""));
        }
    }

    @Test
    void sia1QueryParameters() {
        SiaQuery q = SiaQuery.of(10, 20, 0.2, 0.1).withFormat("image/fits").withIntersect(SiaQuery.Intersect.COVERS)
                .withParam("bandpassId", "Johnson V");
        assertThat(q.param("POS")).contains("10,20");
        assertThat(q.param("SIZE")).contains("0.2,0.1");
        assertThat(q.param("FORMAT")).contains("image/fits");
        assertThat(q.param("INTERSECT")).contains("COVERS");
        assertThat(q.param("bandpassid")).contains("Johnson V");
    }

    @Test
    void sia2QueryParameters() {
        Sia2Query q = Sia2Query.circle(150, 2.2, 0.1)
                .withBand(6e-7, Double.POSITIVE_INFINITY)
                .withTime(Instant.parse("2023-04-01T00:00:00Z"), null)
                .withCollection("a", "b")
                .withCalib(2, 3)
                .withMaxrec(10);
        assertThat(q.values("POS")).containsExactly("CIRCLE 150 2.2 0.1");
        assertThat(q.param("BAND")).contains("6.0E-7 +Inf");
        assertThat(q.param("TIME")).contains("60035 +Inf");
        assertThat(q.values("COLLECTION")).containsExactly("a", "b");
        assertThat(q.withCollection("c").values("COLLECTION")).containsExactly("c");
        assertThat(q.values("CALIB")).containsExactly("2", "3");
        assertThat(q.param("MAXREC")).contains("10");
        assertThat(Sia2Query.create().withPos(Sia2Query.rangeShape(9, 11, 19, 21),
                Sia2Query.polygonShape(9, 19, 11, 19, 10, 21)).values("POS"))
                .containsExactly("RANGE 9 11 19 21", "POLYGON 9 19 11 19 10 21");
        assertThatThrownBy(() -> Sia2Query.polygonShape(1, 2, 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.withBand(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.withCalib(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
