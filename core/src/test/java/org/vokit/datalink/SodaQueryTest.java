package org.vokit.datalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;

/** How SODA parameters are written and checked. */
class SodaQueryTest {

    private static String value(SodaQuery q, String name) {
        return q.params().stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst().orElseThrow();
    }

    @Test
    void circlePolygonAndPosAreBlankSeparatedDegrees() {
        assertThat(value(SodaQuery.create().circle(10, 20, 0.05), "CIRCLE")).isEqualTo("10 20 0.05");
        assertThat(value(SodaQuery.create().circle(359.999, -89.5, 1.25e-4), "CIRCLE"))
                .isEqualTo("359.999 -89.5 1.25E-4");
        assertThat(value(SodaQuery.create().polygon(9.9, 19.9, 10.1, 19.9, 10.0, 20.1), "POLYGON"))
                .isEqualTo("9.9 19.9 10.1 19.9 10 20.1");
        assertThat(value(SodaQuery.create().pos("circle 10 20 0.1"), "POS")).isEqualTo("CIRCLE 10 20 0.1");
        assertThat(value(SodaQuery.create().pos("RANGE 9.9 10.1 -Inf +Inf"), "POS")).isEqualTo("RANGE 9.9 10.1 -Inf +Inf");
        assertThat(value(SodaQuery.create().pos("  POLYGON 1 2 3 4 5 6 "), "POS")).isEqualTo("POLYGON 1 2 3 4 5 6");
        assertThat(value(SodaQuery.create().posRange(0, 360, -90, 0), "POS")).isEqualTo("RANGE 0 360 -90 0");
    }

    @Test
    void bandAndTimeAreIntervalsWithOpenEnds() {
        assertThat(value(SodaQuery.create().band(4.5e-7, 5e-7), "BAND")).isEqualTo("4.5E-7 5.0E-7");
        assertThat(value(SodaQuery.create().band(6.5625e-7, 6.5625e-7), "BAND")).isEqualTo("6.5625E-7 6.5625E-7");
        assertThat(value(SodaQuery.create().band(0, Double.POSITIVE_INFINITY), "BAND")).isEqualTo("0 +Inf");
        assertThat(value(SodaQuery.create().time(Double.NEGATIVE_INFINITY, 55000.5), "TIME")).isEqualTo("-Inf 55000.5");
        assertThat(SodaQuery.number(1e21)).isEqualTo("1.0E21");
        assertThat(SodaQuery.number(-3)).isEqualTo("-3");
    }

    @Test
    void polIsRepeatedOncePerStateAndOtherParametersReplaceTheirValue() {
        SodaQuery q = SodaQuery.create().circle(1, 2, 3).circle(10, 20, 0.5).pol("i", "Q").pol("I", "v");
        assertThat(q.params()).containsExactly(new Param("CIRCLE", "10 20 0.5"), new Param("POL", "I"),
                new Param("POL", "Q"), new Param("POL", "V"));
        assertThat(SodaQuery.create().isEmpty()).isTrue();
        assertThat(q.isEmpty()).isFalse();
        assertThat(SodaQuery.create().band(1e-7, 2e-7)).isEqualTo(SodaQuery.create().band(1e-7, 2e-7));
    }

    @Test
    void nonsenseIsRefusedBeforeAnyRequest() {
        SodaQuery q = SodaQuery.create();
        assertThatThrownBy(() -> q.circle(10, 20, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radius");
        assertThatThrownBy(() -> q.circle(10, 91, 1)).hasMessageContaining("declination");
        assertThatThrownBy(() -> q.circle(-1, 0, 1)).hasMessageContaining("right ascension");
        assertThatThrownBy(() -> q.circle(Double.NaN, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.polygon(1, 2, 3, 4)).hasMessageContaining("three vertices");
        assertThatThrownBy(() -> q.polygon(1, 2, 3, 4, 5)).hasMessageContaining("three vertices");
        assertThatThrownBy(() -> q.band(5e-7, 4e-7)).hasMessageContaining("above the upper limit");
        assertThatThrownBy(() -> q.band(-1e-7, 4e-7)).hasMessageContaining("metres");
        assertThatThrownBy(() -> q.time(Double.NaN, 1)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> q.time(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).hasMessageContaining("empty");
        assertThatThrownBy(() -> q.pol("Z")).hasMessageContaining("unknown POL state 'Z'");
        assertThatThrownBy(() -> q.pos("BOX 1 2 3 4")).hasMessageContaining("CIRCLE, RANGE or POLYGON");
        assertThatThrownBy(() -> q.pos("CIRCLE 1 2")).hasMessageContaining("ra dec radius");
        assertThatThrownBy(() -> q.pos("CIRCLE 1 2 x")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> q.param("id", "x")).hasMessageContaining("ID");
    }

    @Test
    void theRequestCarriesTheDatasetIdThenTheCutoutUrlEncoded() throws IOException {
        Soda soda = DatalinkDocumentTest.captured("dachs-dlmeta-image.vot").soda(null).orElseThrow();
        VoRequest req = soda.request(SodaQuery.create().circle(10, 20, 0.05));
        assertThat(req.method()).isEqualTo("GET");
        assertThat(req.uri()).isEqualTo(URI.create("http://127.0.0.1:8089/voimg/q/dl/dlget"));
        assertThat(req.params()).containsExactly(new Param("ID", DatalinkDocumentTest.IMG_V),
                new Param("CIRCLE", "10 20 0.05"));
        assertThat(VoHttp.withQuery(req.uri(), req.params()).toString()).isEqualTo(
                "http://127.0.0.1:8089/voimg/q/dl/dlget?ID=ivo%3A%2F%2Fvokit.test%2F%7E%3Fvoimg%2Fdata%2F"
                        + "img-f10p20-11-V.fits&CIRCLE=10+20+0.05");
    }

    @Test
    void parametersTheDescriptorDoesNotListAreRefused() throws IOException {
        Soda image = DatalinkDocumentTest.captured("dachs-dlmeta-image.vot").soda(null).orElseThrow();
        assertThatThrownBy(() -> image.requestParams(SodaQuery.create().time(50000, 50001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not take TIME")
                .hasMessageContaining("CIRCLE").hasMessageContaining("POLYGON");
        Soda spectrum = DatalinkDocumentTest.captured("dachs-dlmeta-spectrum.vot").soda(null).orElseThrow();
        assertThat(spectrum.requestParams(SodaQuery.create().band(4.5e-7, 5e-7).param("FORMAT", "text/csv")))
                .extracting(Param::name).containsExactly("ID", "BAND", "FORMAT");
        assertThatThrownBy(() -> spectrum.requestParams(SodaQuery.create().circle(1, 2, 3)))
                .hasMessageContaining("does not take CIRCLE");
        // a bare endpoint has no descriptor to check against
        Soda bare = Soda.of(URI.create("http://127.0.0.1:8089/voimg/q/dl/dlget"), "x");
        assertThat(bare.requestParams(SodaQuery.create().time(1, 2))).extracting(Param::name)
                .containsExactly("ID", "TIME");
        assertThat(bare.descriptor()).isEmpty();
        assertThat(bare.inputParams()).isEmpty();
    }

    @Test
    void onlyHttpEndpointsAreAccepted() {
        assertThatThrownBy(() -> Soda.of(URI.create("file:///tmp/x"), "x")).isInstanceOf(IllegalArgumentException.class);
        ServiceDescriptor d = new ServiceDescriptor("s", null, null, "ftp://x.invalid/soda",
                "ivo://ivoa.net/std/SODA#sync-1.0", null, null, List.of());
        assertThatThrownBy(() -> Soda.of(d, "x")).hasMessageContaining("no http(s) accessURL");
    }

    @Test
    void noOverlapMessagesAreRecognisedAndOthersAreNot() {
        for (String m : List.of("No overlap between the cutout and the image", "UsageError: the region does not overlap"
                + " the data", "EmptyCutout: cutout is empty", "Nooverlap", "no pixels within the requested circle",
                "The requested region lies outside the image")) {
            assertThat(Soda.NO_OVERLAP.matcher(m).find()).as(m).isTrue();
        }
        for (String m : List.of("UsageError: Field CIRCLE: '10 20 abc' is not a valid literal for CIRCLE",
                "accref could not be located", "Internal Server Error", "overlapping regions are merged")) {
            assertThat(Soda.NO_OVERLAP.matcher(m).find()).as(m).isFalse();
        }
    }
}
