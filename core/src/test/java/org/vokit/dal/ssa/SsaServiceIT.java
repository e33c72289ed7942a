package org.vokit.dal.ssa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.vokit.testing.LocalDal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.QueryException;
import org.vokit.adql.AdqlTemplate;
import org.vokit.dal.DalProtocol;
import org.vokit.dal.DalResults;
import org.vokit.dal.ServiceParam;
import org.vokit.dal.ServiceParams;
import org.vokit.http.VoHttp;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;

/**
 * SSA against the local DaCHS, found through its registry: searches cross-checked with TAP on
 * {@code vospec.data}, the custom {@code TEFF} parameter discovered by {@code FORMAT=METADATA}
 * and passed through, a spectrum downloaded, and the service's own error message.
 */
class SsaServiceIT {

    private static VoHttp http;
    private static SsaService ssa;

    @BeforeAll
    static void setUp() throws IOException {
        LocalVo.require();
        http = VoHttp.newDefault();
        ssa = SsaService.of(LocalDal.accessUrl(DalProtocol.SSA), http);
    }

    @AfterAll
    static void tearDown() {
        if (http != null) {
            http.close();
        }
    }

    private static Set<String> dids(DalResults<SsaRecord> r) {
        Set<String> out = new TreeSet<>();
        r.forEach(s -> out.add(s.publisherDid().orElseThrow()));
        return out;
    }

    private static Set<String> within(double ra, double dec, double r) throws IOException {
        return LocalDal.set(AdqlTemplate.of("SELECT ssa_pubdid FROM vospec.data WHERE "
                + "DISTANCE(ssa_location, POINT('ICRS', {ra}, {dec})) <= {r}")
                .value("ra", ra).value("dec", dec).value("r", r).render());
    }

    @Test
    void searchFindsTheSpectraAroundAPosition() throws IOException {
        for (double[] c : new double[][] {{10, 20, 0.1}, {150, 2.2, 0.05}, {266.4, -29, 1}, {0, -5, 0.5}}) {
            // SSA calls SIZE a diameter, some services use it as a radius: only regions where
            // both readings select the same spectra are compared
            Set<String> asDiameter = within(c[0], c[1], c[2] / 2);
            assertThat(within(c[0], c[1], c[2])).as("region without spectra between SIZE/2 and SIZE")
                    .isEqualTo(asDiameter);

            DalResults<SsaRecord> r = ssa.search(c[0], c[1], c[2]);

            assertThat(dids(r)).isEqualTo(asDiameter).isNotEmpty();
            for (SsaRecord s : r) {
                assertThat(s.accessUrl()).isPresent();
                assertThat(s.accessFormat()).isPresent();
                assertThat(s.dateObs()).isPresent();
                assertThat(s.title()).isPresent();
            }
        }
    }

    @Test
    void customTeffIsDeclaredAndPassedThrough() throws IOException {
        ServiceParams declared = ssa.params();
        ServiceParam teff = declared.get("TEFF").orElseThrow();
        assertThat(teff.standard()).isFalse();
        assertThat(declared.custom()).contains(teff);
        assertThat(teff.unit()).isEqualTo("K");

        long total = ssa.search(SsaQuery.create()).size();
        DalResults<SsaRecord> hot = ssa.search(SsaQuery.create().withParams(declared.formatRange("TEFF", 10000,
                Double.POSITIVE_INFINITY)));
        DalResults<SsaRecord> warm = ssa.search(SsaQuery.create().withRange(teff, 5000, 8000));

        assertThat((long) hot.size()).isEqualTo(LocalDal.count("SELECT COUNT(*) FROM vospec.data WHERE teff >= 10000"))
                .isPositive().isLessThan(total);
        assertThat((long) warm.size())
                .isEqualTo(LocalDal.count("SELECT COUNT(*) FROM vospec.data WHERE teff BETWEEN 5000 AND 8000"))
                .isPositive();
        hot.forEach(s -> assertThat(((Number) s.get("teff")).doubleValue()).isGreaterThanOrEqualTo(10000));
        warm.forEach(s -> assertThat(((Number) s.get("teff")).doubleValue()).isBetween(5000.0, 8000.0));
    }

    @Test
    void downloadedSpectrumIsTheAnnouncedVotable(@TempDir Path dir) throws IOException {
        SsaRecord s = ssa.search(10, 20, 0.1).stream()
                .filter(x -> x.targetName().orElse("").equals("VKS-00001")).findFirst().orElseThrow();
        assertThat(s.accessFormat()).contains("application/x-votable+xml");

        Path file = s.download(dir);

        assertThat(file.getFileName().toString()).isEqualTo(s.suggestedFileName()).endsWith(".vot")
                .doesNotContain("None");
        assertThat(file.getFileName().toString()).isEqualTo(
                s.publisherDid().orElseThrow().replaceFirst(".*/", "").replaceFirst("\\.fits$", "") + ".vot");
        StarTable spectrum = new StarTableFactory(true).makeStarTable(file.toString(), "votable");
        assertThat(spectrum.getRowCount()).isEqualTo(((Number) s.get("ssa_length")).longValue());
        try (var list = Files.list(dir)) {
            assertThat(list.count()).as("no temporary file left").isEqualTo(1);
        }
    }

    @Test
    void badCustomValueIsTheServicesMessage() {
        Throwable t = catchThrowable(() -> ssa.search(SsaQuery.create().withParam("TEFF", "hot")));
        assertThat(t).isExactlyInstanceOf(QueryException.class);
        assertThat(((QueryException) t).detail()).contains("TEFF").contains("'hot'");
        assertThat(((QueryException) t).uri()).contains(ssa.accessUrl());
    }

    @Test
    void bandAndTimeRangesAreUnderstood() throws IOException {
        long inBand = ssa.search(SsaQuery.create().withBand(4.5e-7, 5e-7)).size();
        long expected = LocalDal.count(AdqlTemplate.of("SELECT COUNT(*) FROM vospec.data WHERE "
                + "ssa_specstart <= {hi} AND ssa_specend >= {lo}").value("lo", 4.5e-7).value("hi", 5e-7).render());
        assertThat(inBand).isEqualTo(expected).isPositive();
        long none = ssa.search(SsaQuery.create().withBand(1e-3, 2e-3)).size();
        assertThat(none).isZero();
    }

    @Test
    void rowLimitIsAnOverflowFlag() throws IOException {
        DalResults<SsaRecord> r = ssa.search(SsaQuery.create().withMaxrec(3));
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.overflowed()).isTrue();
    }
}
