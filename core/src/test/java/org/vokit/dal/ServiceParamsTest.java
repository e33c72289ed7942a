package org.vokit.dal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;
import org.vokit.QueryException;
import org.vokit.http.Param;
import uk.ac.starlink.table.StarTable;

/**
 * FORMAT=METADATA parsing and range formatting, on documents captured from the local DaCHS
 * (SCS, SIA 1, SIA 2, SSA) and on one hand-written document per interval convention.
 */
class ServiceParamsTest {

    private static final URI SRC = URI.create("http://example.org/svc?");

    static byte[] bytes(String resource) throws IOException {
        try (InputStream in = ServiceParamsTest.class.getResourceAsStream("/org/vokit/dal/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    static ServiceParams parse(String resource, DalProtocol protocol) throws IOException {
        return ServiceParams.parse(new ByteArrayInputStream(bytes(resource)), SRC, protocol);
    }

    /** Counts the INPUT: PARAMs in a document's text, independently of the parser. */
    static long inputParamsIn(String resource) throws IOException {
        Matcher m = Pattern.compile("<PARAM[^>]*name=\"INPUT:").matcher(new String(bytes(resource),
                StandardCharsets.UTF_8));
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    // ----------------------------------------------------------- captured

    @Test
    void ssaDeclaresTheCustomTeffAsASlashRange() throws IOException {
        ServiceParams p = parse("ssa-metadata.vot", DalProtocol.SSA);

        assertThat((long) p.size()).isEqualTo(inputParamsIn("ssa-metadata.vot")).isGreaterThan(20);
        ServiceParam teff = p.get("teff").orElseThrow();
        assertThat(teff.name()).isEqualTo("TEFF");
        assertThat(teff.standard()).isFalse();
        assertThat(teff.unit()).isEqualTo("K");
        assertThat(teff.ucd()).isEqualTo("phys.temperature.effective");
        assertThat(teff.type()).isEqualTo("char[*]");
        assertThat(teff.description()).contains("PQL").doesNotContain("\n");
        assertThat(teff.intervalStyle()).isEqualTo(ServiceParam.IntervalStyle.SLASH);
        assertThat(p.custom()).extracting(ServiceParam::name).contains("TEFF").doesNotContain("POS", "BAND", "TIME",
                "REQUEST", "maxrec", "responseformat");

        assertThat(p.formatRange("TEFF", 5000, 8000)).containsExactly(new Param("TEFF", "5000/8000"));
        assertThat(p.formatRange("TEFF", 10000, Double.POSITIVE_INFINITY))
                .containsExactly(new Param("TEFF", "10000/"));
        assertThat(p.formatRange("TEFF", Double.NaN, 4500.5)).containsExactly(new Param("TEFF", "/4500.5"));
        assertThat(p.get("BAND").orElseThrow().formatRange(4.5e-7, 5e-7))
                .containsExactly(new Param("BAND", "4.5E-7/5.0E-7"));
        assertThat(p.get("POS").orElseThrow().standard()).isTrue();
        assertThat(p.get("COMPRESS").orElseThrow().defaultValue()).isEqualTo("True");
        assertThat(p.get("FLUXCALIB").orElseThrow().options()).extracting(ServiceParam.Option::value)
                .contains("ABSOLUTE", "RELATIVE");
    }

    @Test
    void sia2DeclaresDaliIntervals() throws IOException {
        ServiceParams p = parse("sia2-metadata.vot", DalProtocol.SIA2);

        assertThat((long) p.size()).isEqualTo(inputParamsIn("sia2-metadata.vot"));
        ServiceParam band = p.get("BAND").orElseThrow();
        assertThat(band.type()).isEqualTo("double[2] interval");
        assertThat(band.intervalStyle()).isEqualTo(ServiceParam.IntervalStyle.INTERVAL);
        assertThat(band.formatRange(6e-7, 6.1e-7)).containsExactly(new Param("BAND", "6.0E-7 6.1E-7"));
        assertThat(band.formatRange(Double.NEGATIVE_INFINITY, 4e-7)).containsExactly(new Param("BAND", "-Inf 4.0E-7"));
        assertThat(p.get("EXPTIME").orElseThrow().formatRange(10, Double.NaN))
                .containsExactly(new Param("EXPTIME", "10 +Inf"));
        ServiceParam calib = p.get("CALIB").orElseThrow();
        assertThat(calib.intervalStyle()).isEqualTo(ServiceParam.IntervalStyle.NONE);
        assertThatThrownBy(() -> calib.formatRange(1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single value");
        assertThat(p.custom()).extracting(ServiceParam::name).doesNotContain("POS", "BAND", "TIME", "COLLECTION",
                "CALIB", "maxrec");
    }

    @Test
    void coneSearchDeclaresItsCustomMagnitudeInterval() throws IOException {
        ServiceParams p = parse("scs-metadata.vot", DalProtocol.SCS);

        assertThat(p.all()).extracting(ServiceParam::name).startsWith("RA", "DEC", "SR");
        assertThat(p.custom()).extracting(ServiceParam::name).containsExactly("vmag");
        ServiceParam vmag = p.get("VMAG").orElseThrow();
        assertThat(vmag.unit()).isEqualTo("mag");
        assertThat(vmag.formatRange(10, 12)).containsExactly(new Param("vmag", "10 12"));
        assertThat(p.get("RA").orElseThrow().datatype()).isEqualTo("double");
    }

    @Test
    void sia1DeclaresOptionsDefaultsAndACustomBandpass() throws IOException {
        ServiceParams p = parse("sia-metadata.vot", DalProtocol.SIA);

        ServiceParam intersect = p.get("INTERSECT").orElseThrow();
        assertThat(intersect.defaultValue()).isEqualTo("OVERLAPS");
        assertThat(intersect.options()).extracting(ServiceParam.Option::value)
                .containsExactly("OVERLAPS", "COVERS", "ENCLOSED", "CENTER");
        assertThat(intersect.options().get(0).label()).isEqualTo("Image overlaps RoI");
        assertThat(p.custom()).extracting(ServiceParam::name).containsExactly("bandpassId");
        assertThat(p.get("FORMAT").orElseThrow().defaultValue()).isEqualTo("GRAPHIC");
    }

    @Test
    void withoutAProtocolNothingIsCalledStandard() throws IOException {
        ServiceParams p = parse("ssa-metadata.vot", null);
        assertThat(p.all()).noneMatch(ServiceParam::standard);
        assertThat(p.describe()).doesNotContain("custom").contains("TEFF");
    }

    // -------------------------------------------------------- hand-written

    @Test
    void slashConventionWithLimitsAndOptions() throws IOException {
        ServiceParams p = parse("metadata-slash.vot", DalProtocol.SSA);

        assertThat(p.all()).extracting(ServiceParam::name).containsExactly("POS", "BAND", "logg", "FORMAT", "TOP");
        ServiceParam logg = p.get("logg").orElseThrow();
        assertThat(logg.min()).isEqualTo("4.0");
        assertThat(logg.max()).isEqualTo("9.0");
        assertThat(logg.description()).isEqualTo("Surface gravity, log10 of cm/s**2");
        assertThat(logg.defaultValue()).isNull();
        assertThat(logg.formatRange(4.5, 5.5)).containsExactly(new Param("logg", "4.5/5.5"));
        assertThat(p.get("FORMAT").orElseThrow().defaultValue()).isEqualTo("votable");
        assertThat(p.get("FORMAT").orElseThrow().options()).containsExactly(
                new ServiceParam.Option("votable", "VOTable (SDM)"), new ServiceParam.Option("fits", "FITS binary table"));
        assertThat(p.get("TOP").orElseThrow().intervalStyle()).isEqualTo(ServiceParam.IntervalStyle.NONE);
        assertThatThrownBy(() -> p.formatRange("logg", Double.NaN, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one bound");
        assertThatThrownBy(() -> p.formatRange("logg", 6, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void minMaxPairConvention() throws IOException {
        ServiceParams p = parse("metadata-minmax.vot", null);

        assertThat(p.get("exptime_MIN").orElseThrow().intervalStyle())
                .isEqualTo(ServiceParam.IntervalStyle.MIN_MAX_PAIR);
        assertThat(p.formatRange("exptime", 10, 60))
                .containsExactly(new Param("exptime_MIN", "10"), new Param("exptime_MAX", "60"));
        assertThat(p.formatRange("exptime", Double.NEGATIVE_INFINITY, 60))
                .containsExactly(new Param("exptime_MAX", "60"));
        assertThat(p.get("exptime_MAX").orElseThrow().formatRange(1.5, Double.NaN))
                .containsExactly(new Param("exptime_MIN", "1.5"));
        assertThat(p.formatRange("airmass", Double.NaN, 1.4)).containsExactly(new Param("airmass_max", "1.4"));
        assertThatThrownBy(() -> p.formatRange("airmass", 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("airmass_max");
        assertThatThrownBy(() -> p.formatRange("seeing", 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no parameter seeing");
        assertThat(p.get("SIZE").orElseThrow().defaultValue()).isEqualTo("0.1");
        assertThat(p.get("SIZE").orElseThrow().intervalStyle()).isEqualTo(ServiceParam.IntervalStyle.NONE);
    }

    @Test
    void intervalConventionPrefersTheResultsResourceAndSkipsServiceDescriptors() throws IOException {
        ServiceParams p = parse("metadata-interval.vot", DalProtocol.SIA2);

        assertThat(p.all()).extracting(ServiceParam::name)
                .containsExactly("TIME", "FOV", "seeing", "MAXREC", "CALIB");
        assertThat(p.get("TIME").orElseThrow().description()).isEqualTo("MJD interval the observation must overlap");
        assertThat(p.get("FOV").orElseThrow().intervalStyle()).isEqualTo(ServiceParam.IntervalStyle.INTERVAL);
        assertThat(p.get("seeing").orElseThrow().formatRange(Double.NaN, 1.2))
                .containsExactly(new Param("seeing", "-Inf 1.2"));
        ServiceParam maxrec = p.get("maxrec").orElseThrow();
        assertThat(maxrec.defaultValue()).isEqualTo("1000");
        assertThat(maxrec.min()).isEqualTo("0");
        assertThat(maxrec.max()).isEqualTo("100000");
        assertThat(maxrec.standard()).isTrue();
        assertThat(p.custom()).extracting(ServiceParam::name).containsExactly("seeing");
        assertThat(p.get("CIRCLE")).isEmpty();
        assertThat(p.get("NOT_AN_INPUT")).isEmpty();
    }

    @Test
    void rangesGoIntoQueriesReplacingEarlierValues() throws IOException {
        ServiceParams p = parse("metadata-minmax.vot", null);
        TestQuery q = TestQuery.create().withParam("exptime_MIN", "1").withParams(p.formatRange("exptime", 5, 9));
        assertThat(q.values("exptime_min")).containsExactly("5");
        assertThat(q.param("EXPTIME_MAX")).contains("9");
        ServiceParams ssa = parse("ssa-metadata.vot", DalProtocol.SSA);
        assertThat(TestQuery.create().withRange(ssa.get("TEFF").orElseThrow(), 5000, 8000).param("TEFF"))
                .contains("5000/8000");
    }

    // ------------------------------------------------------- errors, output

    @Test
    void anErrorDocumentIsTheServicesMessage() {
        assertThatThrownBy(() -> parse("ssa-error.vot", DalProtocol.SSA)).isInstanceOf(QueryException.class)
                .hasMessageContaining("'hot' is not a valid value");
        assertThatThrownBy(() -> parse("scs-error-info.vot", DalProtocol.SCS)).isInstanceOf(QueryException.class)
                .hasMessageContaining("'abc' is not a valid literal for RA");
    }

    @Test
    void otherDocumentsAreFormatErrors() {
        assertThatThrownBy(() -> ServiceParams.parse(new ByteArrayInputStream("<html><body>no</body></html>"
                .getBytes(StandardCharsets.UTF_8)), SRC, null)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a VOTable");
        assertThatThrownBy(() -> ServiceParams.parse(new ByteArrayInputStream("<VOTABLE><RESOURCE>"
                .getBytes(StandardCharsets.UTF_8)), SRC, null)).isInstanceOf(FormatException.class);
    }

    @Test
    void tableHasOneRowPerParameter() throws IOException {
        ServiceParams p = parse("ssa-metadata.vot", DalProtocol.SSA);
        StarTable t = p.toTable();
        assertThat(t.getRowCount()).isEqualTo(p.size());
        int name = -1;
        int custom = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equals("name")) {
                name = i;
            } else if (t.getColumnInfo(i).getName().equals("custom")) {
                custom = i;
            }
        }
        int teffRow = p.all().indexOf(p.get("TEFF").orElseThrow());
        assertThat(t.getCell(teffRow, name)).isEqualTo("TEFF");
        assertThat(t.getCell(teffRow, custom)).isEqualTo(Boolean.TRUE);
        assertThat(t.getCell(0, custom)).isEqualTo(Boolean.FALSE);
    }

    @Test
    void describeMarksCustomParametersAndTheirRangeSyntax() throws IOException {
        String text = parse("ssa-metadata.vot", DalProtocol.SSA).describe();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).contains("custom").contains(SRC.toString());
        assertThat(lines).anyMatch(l -> l.startsWith("* TEFF"));
        int teff = lines.indexOf(lines.stream().filter(l -> l.startsWith("* TEFF")).findFirst().orElseThrow());
        assertThat(lines.get(teff + 1).strip()).startsWith("range: lo/hi");
        assertThat(lines).anyMatch(l -> l.startsWith("  POS "));
    }

    /** A minimal concrete query, to exercise the shared query methods. */
    static final class TestQuery extends DalQuery<TestQuery> {
        private TestQuery(List<Param> p, java.time.Duration t) {
            super(p, t);
        }

        static TestQuery create() {
            return new TestQuery(List.of(), null);
        }

        @Override
        protected TestQuery copy(List<Param> params, java.time.Duration timeout) {
            return new TestQuery(params, timeout);
        }
    }
}
