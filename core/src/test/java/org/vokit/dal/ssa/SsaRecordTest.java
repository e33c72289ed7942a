package org.vokit.dal.ssa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.vokit.dal.DalResults;

/**
 * SSA records on an answer captured from the local DaCHS ({@code POS=10,20&SIZE=0.1}): the
 * mapping by utype, and a file name that follows the announced MIME type, not the access URL's
 * {@code .fits}.
 */
class SsaRecordTest {

    private static final URI SRC = URI.create("http://example.org/ssap.xml?");

    private static DalResults<SsaRecord> read() throws IOException {
        try (InputStream in = SsaRecordTest.class.getResourceAsStream("/org/vokit/dal/ssa-result.vot")) {
            return DalResults.read(in, SRC, null, SsaRecord::new);
        }
    }

    @Test
    void recordsReadSsaUtypes() throws IOException {
        DalResults<SsaRecord> r = read();

        assertThat(r.size()).isEqualTo(2);
        for (SsaRecord s : r) {
            assertThat(s.title()).isEqualTo(s.getString("ssa_dstitle"));
            assertThat(s.instrument()).isEqualTo(s.getString("ssa_instrument"));
            double mjd = s.getDouble("ssa_dateObs").getAsDouble();
            long day = (long) Math.floor(mjd);
            Instant expected = LocalDate.of(1858, 11, 17).plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusMillis(Math.round((mjd - day) * 86_400_000L));
            assertThat(s.dateObs()).contains(expected);
            assertThat(s.fileSize()).hasValue(((Number) s.get("accsize")).longValue());
            assertThat(s.accessFormat()).isEqualTo(s.getString("mime")).contains("application/x-votable+xml");
            assertThat(s.accessUrl()).contains(URI.create(s.getString("accref").orElseThrow()));
            assertThat(s.publisherDid()).isEqualTo(s.getString("ssa_pubDID"));
            assertThat(s.targetName()).isEqualTo(s.getString("ssa_targname"));
            assertThat(s.snr()).isEqualTo(s.getDouble("ssa_snr"));
            assertThat(s.collection()).contains("vokit spectra");
            double[] loc = (double[]) s.get("ssa_location");
            assertThat(s.ra()).hasValue(loc[0]);
            assertThat(s.dec()).hasValue(loc[1]);
            assertThat(s.spectralStart().getAsDouble()).isLessThan(s.spectralEnd().getAsDouble());
            String stem = s.getString("accref").orElseThrow().replaceFirst(".*/", "").replaceFirst("\\.fits$", "");
            assertThat(s.suggestedFileName()).isEqualTo(stem + ".vot");
        }
    }

    @Test
    void queryParameters() {
        SsaQuery q = SsaQuery.around(10, 20, 0.5).withBand(4.5e-7, Double.NaN)
                .withTime(Instant.parse("2023-06-01T00:00:00Z"), Instant.parse("2023-07-01T12:00:00Z"))
                .withFormat("votable").withParam("TEFF", "5000/8000");
        assertThat(q.params()).extracting(p -> p.name() + "=" + p.value()).containsExactly("REQUEST=queryData",
                "POS=10,20", "SIZE=0.5", "BAND=4.5E-7/", "TIME=2023-06-01T00:00:00/2023-07-01T12:00:00",
                "FORMAT=votable", "TEFF=5000/8000");
        assertThatThrownBy(() -> q.withBand(Double.NaN, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.withTime(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
