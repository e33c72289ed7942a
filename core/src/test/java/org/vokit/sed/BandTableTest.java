package org.vokit.sed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The band table: its documented file, lookups by UCD, and its checks. */
class BandTableTest {

    @Test
    void everyBandNamesADocumentedSourceAndIncreasesSensibly() throws IOException {
        String text;
        try (InputStream in = BandTable.class.getResourceAsStream("bands.csv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> documented = new HashSet<>();
        for (String line : text.split("\n")) {
            // header lines "#   KEY   description" define the source keys
            String[] w = line.replaceFirst("^#\\s*", "").split("\\s+");
            if (line.startsWith("#   ") && w.length > 1) {
                documented.add(w[0]);
            }
        }
        BandTable t = BandTable.standard();
        assertThat(t.bands()).hasSizeGreaterThan(30);
        for (Band b : t.bands()) {
            assertThat(documented).as("source of %s", b.ucdWord()).contains(b.source());
            assertThat(b.wavelength()).isBetween(1e-9, 10.0);
        }
        // the optical-IR sequence is in wavelength order
        double[] seq = {w(t, "phot.mag;em.opt.U"), w(t, "phot.mag;em.opt.B"), w(t, "phot.mag;em.opt.V"),
            w(t, "phot.mag;em.opt.R"), w(t, "phot.mag;em.opt.I"), w(t, "phot.mag;em.IR.J"), w(t, "phot.mag;em.IR.H"),
            w(t, "phot.mag;em.IR.K")};
        for (int i = 1; i < seq.length; i++) {
            assertThat(seq[i]).isGreaterThan(seq[i - 1]);
        }
    }

    @Test
    void lookupByUcdWords() {
        BandTable t = BandTable.standard();
        assertThat(t.band("phot.mag;em.opt.V").orElseThrow().wavelength()).isEqualTo(5.45e-7);
        assertThat(t.band("PHOT.MAG; EM.OPT.V ; meta.main").orElseThrow().name()).isEqualTo("Johnson V");
        assertThat(t.band("phot.flux.density;em.radio.1500-3000MHz").orElseThrow().wavelength())
                .isCloseTo(299792458 / 2.25e9, org.assertj.core.data.Offset.offset(1e-5));
        // not photometry, or a band too vague to place
        assertThat(t.band("phot.mag;em.opt")).isEmpty();
        assertThat(t.band("stat.error;phot.mag;em.opt.V")).isEmpty();
        assertThat(t.band("pos.eq.ra")).isEmpty();
        assertThat(t.band(null)).isEmpty();
        assertThat(BandTable.photometryBand("phot.mag;em.opt")).contains("em.opt");
    }

    @Test
    void malformedTablesAreRefusedWithTheLine() {
        assertThatThrownBy(() -> BandTable.parse(stream("# x\nem.opt.v,5e-7,V\n"))).hasMessageContaining("line 2");
        assertThatThrownBy(() -> BandTable.parse(stream("em.opt.v,-1,V,X\n"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> BandTable.parse(stream("em.opt.v,1e-7,V,X\nEM.OPT.V,2e-7,V,X\n")))
                .hasMessageContaining("twice");
    }

    private static double w(BandTable t, String ucd) {
        return t.band(ucd).orElseThrow().wavelength();
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
