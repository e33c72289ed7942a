package org.vokit.datalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;
import org.vokit.QueryException;

/**
 * Reading {links} documents captured from the local DaCHS (an image, a spectrum, a batch with an
 * error row), and semantics narrowing on made-up documents.
 */
class DatalinkDocumentTest {

    static final String IMG_V = "ivo://vokit.test/~?voimg/data/img-f10p20-11-V.fits";
    static final String IMG_B = "ivo://vokit.test/~?voimg/data/img-f10p20-11-B.fits";
    static final String SPEC_1 = "ivo://vokit.test/~?vospec/data/spec-001.fits";

    static DatalinkDocument captured(String name) throws IOException {
        try (InputStream in = DatalinkDocumentTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return DatalinkDocument.read(in, URI.create("http://127.0.0.1:8089/captured/" + name));
        }
    }

    /** A {links} document in TABLEDATA with the given rows (ID, access_url, service_def, error, semantics, type). */
    static String linksDoc(String[]... rows) {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?><VOTABLE version='1.4'"
                + " xmlns='http://www.ivoa.net/xml/VOTable/v1.3'><RESOURCE type='results'>"
                + "<INFO name='standardID' value='ivo://ivoa.net/std/DataLink#links-1.1'/><TABLE>"
                + "<FIELD name='ID' datatype='char' arraysize='*'/>"
                + "<FIELD name='access_url' datatype='char' arraysize='*'/>"
                + "<FIELD name='service_def' datatype='char' arraysize='*'/>"
                + "<FIELD name='error_message' datatype='char' arraysize='*'/>"
                + "<FIELD name='description' datatype='char' arraysize='*'/>"
                + "<FIELD name='semantics' datatype='char' arraysize='*'/>"
                + "<FIELD name='content_type' datatype='char' arraysize='*'/>"
                + "<FIELD name='content_length' datatype='long'/><DATA><TABLEDATA>");
        for (String[] r : rows) {
            sb.append("<TR><TD>").append(r[0]).append("</TD><TD>").append(r[1]).append("</TD><TD>").append(r[2])
                    .append("</TD><TD>").append(r[3]).append("</TD><TD>made up</TD><TD>").append(r[4])
                    .append("</TD><TD>").append(r[5]).append("</TD><TD>").append(r.length > 6 ? r[6] : "")
                    .append("</TD></TR>");
        }
        return sb.append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>").toString();
    }

    static DatalinkDocument parse(String doc) throws IOException {
        return DatalinkDocument.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://dl.invalid/links"));
    }

    @Test
    void anImageDocumentHasThisPreviewAndACutoutService() throws IOException {
        DatalinkDocument doc = captured("dachs-dlmeta-image.vot");
        assertThat(doc.ids()).containsExactly(IMG_V);
        assertThat(doc.links()).hasSize(3);
        Link self = doc.bySemantics("#this").get(0);
        assertThat(self.accessUrl()).isEqualTo("http://127.0.0.1:8089/getproduct/voimg/data/img-f10p20-11-V.fits");
        assertThat(self.contentType()).isEqualTo("image/fits");
        assertThat(self.contentLength()).isEqualTo(20160L);
        assertThat(self.isError()).isFalse();
        Link preview = doc.bySemantics("#preview").get(0);
        assertThat(preview.accessUrl()).endsWith("img-f10p20-11-V.fits?preview=True");
        assertThat(preview.contentLength()).as("-1 is the column's NULL").isNull();
        Link proc = doc.bySemantics("#proc").get(0);
        assertThat(proc.isService()).isTrue();
        assertThat(proc.accessUrl()).isNull();
        ServiceDescriptor soda = doc.descriptorFor(proc).orElseThrow();
        assertThat(soda.isSodaSync()).isTrue();
        assertThat(soda.accessUrl()).isEqualTo("http://127.0.0.1:8089/voimg/q/dl/dlget");
        assertThat(soda.param("ID").orElseThrow().value()).isEqualTo(IMG_V);
        assertThat(doc.soda(null).orElseThrow().id()).contains(IMG_V);
        assertThat(doc.soda("ivo://vokit.test/~?voimg/data/another.fits")).as("fixed to another dataset").isEmpty();
    }

    @Test
    void theImageCutoutServiceListsItsParametersWithRanges() throws IOException {
        ServiceDescriptor soda = captured("dachs-dlmeta-image.vot").serviceDescriptors().get(0);
        InputParam circle = soda.param("circle").orElseThrow();
        assertThat(circle.xtype()).isEqualTo("circle");
        assertThat(circle.unit()).isEqualTo("deg");
        assertThat(circle.arraysize()).isEqualTo("3");
        assertThat(circle.max()).isEqualTo("10.0053207198 19.9949999206 0.4525393637");
        assertThat(circle.isFree()).isTrue();
        InputParam pixel = soda.param("PIXEL_1").orElseThrow();
        assertThat(pixel.isInterval()).isTrue();
        assertThat(pixel.range()).isEqualTo("[1, 64]");
        assertThat(pixel.minValue()).isEqualTo(1.0);
        assertThat(soda.param("KIND").orElseThrow().options()).containsExactly("HEADER", "DATA");
        assertThat(soda.param("RA").orElseThrow().range()).isEqualTo("[9.66411572693415, 10.33588427306585] deg");
        assertThat(soda.describeParams()).contains("ID = " + IMG_V + " (fixed)")
                .contains("CIRCLE (circle): max 10.0053207198 19.9949999206 0.4525393637 deg")
                .contains("KIND: one of HEADER, DATA");
    }

    @Test
    void aSpectrumDocumentOffersABandCutoutInMetres() throws IOException {
        DatalinkDocument doc = captured("dachs-dlmeta-spectrum.vot");
        assertThat(doc.ids()).containsExactly(SPEC_1);
        assertThat(doc.bySemantics("#this").get(0).contentType()).isEqualTo("application/x-votable+xml");
        assertThat(doc.bySemantics("#preview")).isEmpty();
        Soda soda = doc.soda(SPEC_1).orElseThrow();
        assertThat(soda.endpoint()).hasToString("http://127.0.0.1:8089/vospec/q/sdl/dlget");
        assertThat(soda.id()).contains(SPEC_1);
        InputParam band = soda.descriptor().orElseThrow().param("BAND").orElseThrow();
        assertThat(band.unit()).isEqualTo("m");
        assertThat(band.range()).isEqualTo("[4e-07, 6e-07] m");
        assertThat(band.maxValue()).isEqualTo(6e-7);
        assertThat(soda.inputParams()).extracting(InputParam::name).containsExactly("FLUXCALIB", "BAND", "FORMAT");
    }

    @Test
    void aBatchDocumentKeepsTheDatasetsApartAndReportsTheErrorRow() throws IOException {
        DatalinkDocument doc = captured("dachs-dlmeta-batch-with-error.vot");
        String missing = "ivo://vokit.test/~?voimg/data/no-such-image.fits";
        assertThat(doc.ids()).containsExactlyInAnyOrder(IMG_V, IMG_B, missing);
        assertThat(doc.linksFor(IMG_B)).extracting(Link::semantics).containsExactly("#proc", "#this", "#preview");
        List<Link> err = doc.linksFor(missing);
        assertThat(err).hasSize(1);
        assertThat(err.get(0).isError()).isTrue();
        assertThat(err.get(0).accessUrl()).isNull();
        assertThat(err.get(0).errorMessage()).startsWith("NotFoundFault").contains("no-such-image.fits");
        assertThat(doc.errors()).containsExactlyElementsOf(err);
        // each dataset's #proc names its own descriptor, whose ID is that dataset
        assertThat(doc.soda(IMG_B).orElseThrow().id()).contains(IMG_B);
        assertThat(doc.soda(IMG_V).orElseThrow().id()).contains(IMG_V);
        assertThat(doc.serviceDescriptors()).extracting(ServiceDescriptor::id).containsExactly("procsvc", "procsvc0");
    }

    @Test
    void bySemanticsIncludesNarrowerTermsAndNothingElse() throws IOException {
        DatalinkDocument doc = parse(linksDoc(
                new String[] {"d1", "http://x.invalid/img.png", "", "", "#preview-image", "image/png"},
                new String[] {"d1", "http://x.invalid/plot.png", "", "", "#preview-plot", "image/png"},
                new String[] {"d1", "http://x.invalid/p.jpg", "", "", "#preview", "image/jpeg"},
                new String[] {"d1", "http://x.invalid/w.fits", "", "", "#weight", "image/fits"},
                new String[] {"d1", "http://x.invalid/e.fits", "", "", "#error", "image/fits"},
                new String[] {"d1", "http://x.invalid/b.fits", "", "", "#bias", "image/fits"},
                new String[] {"d1", "http://x.invalid/f.fits", "", "", "http://www.ivoa.net/rdf/datalink/core#flat",
                    "image/fits"},
                new String[] {"d1", "http://x.invalid/d.fits", "", "", "#this", "image/fits", "1234"}));
        assertThat(doc.bySemantics("#preview")).extracting(Link::accessUrl).containsExactly(
                "http://x.invalid/img.png", "http://x.invalid/plot.png", "http://x.invalid/p.jpg");
        assertThat(doc.bySemantics("#preview-plot")).extracting(Link::accessUrl)
                .containsExactly("http://x.invalid/plot.png");
        assertThat(doc.bySemantics("#auxiliary")).extracting(Link::semanticsTerm).containsExactly("weight", "error");
        assertThat(doc.bySemantics("#calibration")).extracting(Link::semanticsTerm).containsExactly("bias", "flat");
        assertThat(doc.bySemantics("this")).extracting(Link::contentLength).containsExactly(1234L);
        assertThat(doc.bySemantics("#progenitor")).isEmpty();
    }

    @Test
    void aRecursiveDatalinkIsRecognisedByItsContentType() throws IOException {
        DatalinkDocument doc = parse(linksDoc(new String[] {"d1", "http://x.invalid/dl?ID=p", "", "", "#progenitor",
            "application/x-votable+xml; content=datalink"}));
        assertThat(doc.links().get(0).isDatalink()).isTrue();
        assertThat(Link.isDatalinkContentType("application/x-votable+xml")).isFalse();
        assertThat(Link.isDatalinkContentType("Application/X-VOTable+XML;Content=\"datalink\"")).isTrue();
    }

    @Test
    void onlyHttpAccessUrlsAreOffered() throws IOException {
        DatalinkDocument doc = parse(linksDoc(
                new String[] {"d1", "file:///etc/passwd", "", "", "#this", "text/plain"},
                new String[] {"d1", "https://x.invalid/ok", "", "", "#this", "text/plain"}));
        assertThat(doc.links().get(0).accessUri()).isEmpty();
        assertThat(doc.links().get(1).accessUri()).contains(URI.create("https://x.invalid/ok"));
    }

    @Test
    void aTableWithoutTheDatalinkColumnsIsAFormatException() {
        String tap = "<VOTABLE><RESOURCE type='results'><TABLE><FIELD name='ra' datatype='double'/>"
                + "<DATA><TABLEDATA><TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        assertThatThrownBy(() -> parse(tap)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a DataLink document").hasMessageContaining("ID, access_url, semantics")
                .hasMessageContaining("http://dl.invalid/links");
    }

    @Test
    void anErrorDocumentCarriesTheServicesMessage() {
        String err = "<VOTABLE><RESOURCE type='results'><INFO name='QUERY_STATUS' value='ERROR'>"
                + "UsageError: ID is mandatory</INFO></RESOURCE></VOTABLE>";
        assertThatThrownBy(() -> parse(err)).isInstanceOf(QueryException.class)
                .hasMessageContaining("UsageError: ID is mandatory");
    }
}
