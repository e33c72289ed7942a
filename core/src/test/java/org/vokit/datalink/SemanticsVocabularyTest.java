package org.vokit.datalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;

/** The shipped datalink/core vocabulary and narrowing by it. */
class SemanticsVocabularyTest {

    private static final SemanticsVocabulary VOC = SemanticsVocabulary.bundled();

    private static SemanticsVocabulary parse(String json) throws IOException {
        return SemanticsVocabulary.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://voc.invalid/x.desise"));
    }

    @Test
    void theShippedCopyHasTheCoreTermsWithLabels() {
        assertThat(VOC.terms()).containsKeys("this", "progenitor", "derivation", "auxiliary", "calibration",
                "preview", "proc", "cutout", "documentation", "coderived", "counterpart");
        assertThat(VOC.term("#preview-plot").orElseThrow().label()).isEqualTo("Plot preview");
        assertThat(VOC.term("preview-plot").orElseThrow().wider()).containsExactly("preview");
        assertThat(VOC.term("thumbnail").orElseThrow().preliminary()).isTrue();
        assertThat(VOC.term("preview").orElseThrow().preliminary()).isFalse();
        assertThat(VOC.source()).isEqualTo(SemanticsVocabulary.CORE_URI);
    }

    @Test
    void previewIncludesTheNarrowerPreviewTerms() {
        assertThat(VOC.withNarrower("#preview")).containsExactlyInAnyOrder("preview", "preview-image",
                "preview-plot", "thumbnail");
    }

    @Test
    void auxiliaryIncludesWeightErrorAndNoise() {
        assertThat(VOC.withNarrower("#auxiliary")).containsExactlyInAnyOrder("auxiliary", "weight", "error", "noise");
    }

    @Test
    void calibrationIncludesBiasDarkAndFlat() {
        assertThat(VOC.withNarrower("#calibration")).containsExactlyInAnyOrder("calibration", "bias", "dark", "flat");
        assertThat(VOC.withNarrower("#proc")).containsExactlyInAnyOrder("proc", "cutout");
    }

    @Test
    void aLeafOrUnknownTermMatchesOnlyItself() {
        assertThat(VOC.withNarrower("#this")).containsExactly("this");
        assertThat(VOC.withNarrower("#preview-image")).containsExactly("preview-image");
        assertThat(VOC.withNarrower("#no-such-term")).containsExactly("no-such-term");
        assertThat(VOC.withNarrower(null)).isEmpty();
    }

    @Test
    void narrowingGoesOneWayOnly() {
        assertThat(VOC.matches("#preview-image", "#preview")).isTrue();
        assertThat(VOC.matches("#preview", "#preview-image")).isFalse();
        assertThat(VOC.matches("#weight", "#auxiliary")).isTrue();
        assertThat(VOC.matches("#weight", "#calibration")).isFalse();
        assertThat(VOC.matches(null, "#preview")).isFalse();
    }

    @Test
    void fullCoreUrisAndBareTermsAreTheSameTerm() {
        assertThat(SemanticsVocabulary.normalise("http://www.ivoa.net/rdf/datalink/core#preview")).isEqualTo("preview");
        assertThat(SemanticsVocabulary.normalise("https://www.ivoa.net/rdf/datalink/core#bias")).isEqualTo("bias");
        assertThat(SemanticsVocabulary.normalise(" #this ")).isEqualTo("this");
        assertThat(SemanticsVocabulary.normalise("http://example.org/voc#preview"))
                .isEqualTo("http://example.org/voc#preview");
        assertThat(VOC.matches("http://www.ivoa.net/rdf/datalink/core#dark", "calibration")).isTrue();
        assertThat(VOC.matches("http://example.org/voc#preview", "#preview")).isFalse();
    }

    @Test
    void theOlderDesiseLayoutIsReadAndMadeSymmetric() throws IOException {
        SemanticsVocabulary v = parse("{\"uri\": \"http://www.ivoa.net/rdf/datalink/core\","
                + " \"flavour\": \"RDF Property\", \"terms\": {\"preview\": [\"Preview\", \"low fidelity\"],"
                + " \"preview-image\": [\"Image preview\", \"2d\"], \"this\": [\"the data\", \"primary\"]},"
                + " \"deprecated_terms\": [], \"preliminary_terms\": [\"preview-image\"],"
                + " \"wider_terms\": {\"preview-image\": [\"preview\"]}}");
        assertThat(v.withNarrower("preview")).containsExactly("preview", "preview-image");
        assertThat(v.term("preview-image").orElseThrow().preliminary()).isTrue();
        assertThat(v.term("preview").orElseThrow().label()).isEqualTo("Preview");
    }

    @Test
    void narrowerGivenOnlyOnTheWideTermIsEnough() throws IOException {
        SemanticsVocabulary v = parse("{\"terms\": {\"a\": {\"label\": \"A\", \"narrower\": [\"b\"]},"
                + " \"b\": {\"label\": \"B\", \"narrower\": [\"c\"]}, \"c\": {\"label\": \"C\", \"deprecated\": \"\"}}}");
        assertThat(v.withNarrower("#a")).containsExactly("a", "b", "c");
        assertThat(v.term("c").orElseThrow().wider()).containsExactly("b");
        assertThat(v.term("c").orElseThrow().deprecated()).isTrue();
    }

    @Test
    void aCycleInABrokenVocabularyDoesNotLoop() throws IOException {
        SemanticsVocabulary v = parse("{\"terms\": {\"a\": {\"narrower\": [\"b\"]}, \"b\": {\"narrower\": [\"a\"]}}}");
        assertThat(v.withNarrower("a")).containsExactly("a", "b");
    }

    @Test
    void somethingElseIsAFormatException() {
        assertThatThrownBy(() -> parse("<html>not json</html>")).isInstanceOf(FormatException.class)
                .hasMessageContaining("desise").hasMessageContaining("http://voc.invalid/x.desise");
        assertThatThrownBy(() -> parse("{\"uri\": \"x\"}")).isInstanceOf(FormatException.class)
                .hasMessageContaining("terms");
        assertThatThrownBy(() -> parse("{\"terms\": {}}")).isInstanceOf(FormatException.class);
    }
}
