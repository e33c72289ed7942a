package org.vokit.dal.scs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.vokit.testing.LocalDal;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vokit.QueryException;
import org.vokit.adql.AdqlTemplate;
import org.vokit.dal.DalProtocol;
import org.vokit.dal.DalResults;
import org.vokit.dal.ServiceParam;
import org.vokit.dal.ServiceParams;
import org.vokit.http.VoHttp;
import org.vokit.testing.LocalVo;
import org.vokit.votable.DocumentInfo;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;

/**
 * Cone search against the local DaCHS, found through its registry; every expected count and
 * identifier comes from a TAP query on the same table ({@code vostars.main}).
 */
class ConeServiceIT {

    private static VoHttp http;
    private static ConeService scs;

    private static final AdqlTemplate IN_CONE = AdqlTemplate.of("SELECT {what} FROM vostars.main WHERE "
            + "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra}, {dec}, {r})) {extra}");

    @BeforeAll
    static void setUp() throws IOException {
        LocalVo.require();
        http = VoHttp.newDefault();
        URI url = LocalDal.accessUrl(DalProtocol.SCS);
        scs = ConeService.of(url, http);
    }

    @AfterAll
    static void tearDown() {
        if (http != null) {
            http.close();
        }
    }

    private static String inCone(String what, double ra, double dec, double r, AdqlTemplate extra) {
        return IN_CONE.fragment("what", AdqlTemplate.of(what)).value("ra", ra).value("dec", dec).value("r", r)
                .fragment("extra", extra).render();
    }

    @ParameterizedTest(name = "cone ({0}, {1}) radius {2}")
    @CsvSource({"10, 20, 0.01", "10, 20, 0.1", "10, 20, 1", "0, -5, 0.5", "359.9, -5, 0.3", "150, 2.2, 0.2",
        "266.4, -29, 0.3", "200, 50, 1"})
    void coneFindsWhatTapFindsInTheSameTable(double ra, double dec, double r) throws IOException {
        long expected = LocalDal.count(inCone("COUNT(*)", ra, dec, r, AdqlTemplate.of("")));

        DalResults<ConeRecord> found = scs.search(ConeQuery.of(ra, dec, r).withMaxrec(100_000));

        assertThat(found.overflowed()).isFalse();
        assertThat((long) found.size()).isEqualTo(expected);
        if (r <= 0.1) {
            Set<String> ids = new TreeSet<>();
            found.forEach(s -> ids.add(s.id().orElseThrow()));
            assertThat(ids).isEqualTo(LocalDal.set(inCone("main_id", ra, dec, r, AdqlTemplate.of(""))));
        }
        for (ConeRecord s : found) {
            assertThat(s.ra()).isPresent();
            assertThat(s.dec()).isPresent();
        }
    }

    @Test
    void customMagnitudeIntervalIsPassedThroughAndChangesTheResult() throws IOException {
        ServiceParams declared = scs.params();
        ServiceParam vmag = declared.get("vmag").orElseThrow();
        assertThat(vmag.standard()).isFalse();
        assertThat(vmag.intervalStyle()).isEqualTo(ServiceParam.IntervalStyle.INTERVAL);

        DalResults<ConeRecord> all = scs.search(ConeQuery.of(10, 20, 1).withMaxrec(100_000));
        DalResults<ConeRecord> bright = scs.search(ConeQuery.of(10, 20, 1).withMaxrec(100_000)
                .withParams(declared.formatRange("vmag", 10, 12)));

        long expected = LocalDal.count(inCone("COUNT(*)", 10, 20, 1,
                AdqlTemplate.of("AND vmag BETWEEN {lo} AND {hi}").value("lo", 10).value("hi", 12)));
        assertThat((long) bright.size()).isEqualTo(expected).isPositive();
        assertThat(bright.size()).isLessThan(all.size());
        for (ConeRecord s : bright) {
            assertThat(((Number) s.get("vmag")).doubleValue()).isBetween(10.0, 12.0);
        }
    }

    @Test
    void rowLimitIsAnOverflowFlag() throws IOException {
        DalResults<ConeRecord> r = scs.search(ConeQuery.of(10, 20, 1).withMaxrec(5));
        assertThat(r.overflowed()).isTrue();
        assertThat(r.size()).isEqualTo(5);
    }

    @Test
    void badCustomValueIsTheServicesMessage() {
        Throwable t = catchThrowable(() -> scs.search(ConeQuery.of(10, 20, 1).withParam("vmag", "10/12")));
        assertThat(t).isExactlyInstanceOf(QueryException.class);
        assertThat(((QueryException) t).detail()).contains("vmag").contains("'10/12'");
        assertThat(((QueryException) t).uri()).contains(scs.accessUrl());
    }

    @Test
    void verbosityChangesTheColumns() throws IOException {
        int few = scs.search(ConeQuery.of(10, 20, 0.01).withVerb(1)).toTable().getColumnCount();
        int all = scs.search(ConeQuery.of(10, 20, 0.01).withVerb(3)).toTable().getColumnCount();
        assertThat(few).isLessThan(all);
    }

    @Test
    void streamingIntoASinkKeepsNothingButGivesTheSameRows() throws IOException {
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = scs.search(ConeQuery.of(0, -5, 0.5).withMaxrec(100_000), store);
        assertThat(info.overflowed()).isFalse();
        assertThat(store.getStarTable().getRowCount())
                .isEqualTo(LocalDal.count(inCone("COUNT(*)", 0, -5, 0.5, AdqlTemplate.of(""))));
    }
}
