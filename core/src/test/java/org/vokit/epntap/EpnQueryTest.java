package org.vokit.epntap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rendering and checking of EPN-TAP queries. */
class EpnQueryTest {

    @Test
    void noConditionSelectsTheWholeTable() {
        assertThat(EpnQuery.builder().build().toAdql("voplanets.epn_core", true))
                .isEqualTo("SELECT * FROM voplanets.epn_core");
    }

    @Test
    void hashListsUseTheUdfWhenDeclared() {
        String adql = EpnQuery.builder().target("Mars").productTypes("sp", "SC").build().toAdql("s.epn_core", true);
        assertThat(adql).isEqualTo("SELECT * FROM s.epn_core WHERE 1 = ivo_hashlist_has(target_name, 'Mars')"
                + " AND (1 = ivo_hashlist_has(dataproduct_type, 'sp') OR 1 = ivo_hashlist_has(dataproduct_type, 'sc'))");
    }

    @Test
    void hashListsFallBackToLikeOnTheSeparators() {
        String adql = EpnQuery.builder().instrumentName("VIRTIS").build().toAdql("s.epn_core", false);
        assertThat(adql).endsWith("WHERE (instrument_name = 'VIRTIS' OR instrument_name LIKE 'VIRTIS#%'"
                + " OR instrument_name LIKE '%#VIRTIS' OR instrument_name LIKE '%#VIRTIS#%')");
    }

    @Test
    void quotesInValuesStayInsideTheLiteral() {
        String adql = EpnQuery.builder().target("O'Brien') OR 1=1 --").build().toAdql("s.epn_core", true);
        assertThat(adql).contains("ivo_hashlist_has(target_name, 'O''Brien'') OR 1=1 --')");
    }

    @Test
    void timesBecomeJulianDatesAndRangesOverlap() {
        assertThat(EpnQuery.julianDate(Instant.parse("2000-01-01T12:00:00Z"))).isEqualTo(2451545.0);
        String adql = EpnQuery.builder().time(Instant.parse("2000-01-01T12:00:00Z"), Instant.parse("2000-01-02T12:00:00Z"))
                .spectralRange(1e12, 2e12).build().toAdql("s.epn_core", true);
        assertThat(adql).contains("time_max >= 2451545.0 AND time_min <= 2451546.0")
                .contains("spectral_range_max >= 1.0E12 AND spectral_range_min <= 2.0E12");
    }

    @Test
    void coordinatesNeedTheFrame() {
        assertThatThrownBy(() -> EpnQuery.builder().coordinate(1, 0.0, 10.0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spatial frame");
        String adql = EpnQuery.builder().spatialFrame("Body").coordinate(3, 1.0, null).build().toAdql("t", true);
        assertThat(adql).isEqualTo("SELECT * FROM t WHERE spatial_frame_type = 'body' AND c3max >= 1.0");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> EpnQuery.builder().productTypes("spectrum"))
                .hasMessageContaining("'spectrum' is not an EPN-TAP code");
        assertThatThrownBy(() -> EpnQuery.builder().target("a#b")).hasMessageContaining("'#'");
        assertThatThrownBy(() -> EpnQuery.builder().spatialFrame("galactic")).hasMessageContaining("galactic");
        assertThatThrownBy(() -> EpnQuery.builder().coordinate(4, 0.0, 1.0)).hasMessageContaining("c4");
        assertThatThrownBy(() -> EpnQuery.builder().time(Instant.parse("2001-01-01T00:00:00Z"),
                Instant.parse("2000-01-01T00:00:00Z")).build()).hasMessageContaining("time range is empty");
        assertThatThrownBy(() -> EpnQuery.builder().spectralRange(Double.NaN, null)).hasMessageContaining("finite");
    }

    @Test
    void awkwardTableNamesFromTheRegistryAreDelimited() {
        assertThat(EpnQuery.builder().build().toAdql("J/A+A/599/A83/epn_core", true))
                .isEqualTo("SELECT * FROM \"J/A+A/599/A83/epn_core\"");
        assertThat(EpnQuery.builder().build().toAdql("\"Planets 2\".epn_core", true))
                .isEqualTo("SELECT * FROM \"Planets 2\".epn_core");
        assertThat(EpnQuery.builder().build().toAdql("select.epn_core", true))
                .isEqualTo("SELECT * FROM \"select\".epn_core");
    }

    @Test
    void discoveryQueryMatchesBothUtypesOfTapAuxResources() {
        String q = EpnTap.discoveryQuery();
        assertThat(q).contains("cap.standard_id = 'ivo://ivoa.net/std/tap#aux'")
                .contains("tab.table_utype = 'ivo://vopdc.obspm/std/epncore#schema-2.0'")
                .contains("tab.table_utype LIKE 'ivo://ivoa.net/std/epntap#table-2.%'");
    }
}
