package org.vokit.votable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.votable.datalink.ServiceDescriptor;
import uk.ac.starlink.votable.datalink.ServiceParam;

/**
 * Service descriptors reported by a streamed read (VotableReader with a sink), on results
 * captured from the local DaCHS.
 */
class VotableServiceDescriptorTest {

    private static DocumentInfo readCaptured(String name, RowStore store) throws IOException {
        try (InputStream in = VotableServiceDescriptorTest.class.getResourceAsStream("/org/vokit/datalink/" + name)) {
            return VotableReader.read(in, URI.create("http://127.0.0.1:8089/captured"), store, true);
        }
    }

    @Test
    void aTapResultReportsItsLinksDescriptorAndStillStreamsItsRows() throws IOException {
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = readCaptured("dachs-tap-voimg-with-links-descriptor.vot", store);
        assertThat(store.getStarTable().getRowCount()).isEqualTo(3);
        assertThat(info.queryStatus()).isEqualTo("OK");
        assertThat(info.serviceDescriptors()).hasSize(1);
        ServiceDescriptor sd = info.serviceDescriptors().get(0);
        assertThat(sd.getName()).isEqualTo("links");
        assertThat(sd.getStandardId()).isEqualTo("ivo://ivoa.net/std/DataLink#links-1.0");
        assertThat(sd.getAccessUrl()).isEqualTo("http://127.0.0.1:8089/voimg/q/dl/dlmeta");
        ServiceParam id = sd.getInputParams()[0];
        assertThat(id.getName()).isEqualTo("ID");
        assertThat(id.getRef()).isEqualTo("pub_did");
        assertThat(id.getValue()).isNull();
        assertThat(sd.getDescription()).startsWith("Datalink documents and SODA cutouts");
    }

    @Test
    void anSsaResultReportsBothDescriptorsInDocumentOrder() throws IOException {
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = readCaptured("dachs-ssa-with-soda-descriptor.vot", store);
        assertThat(store.getStarTable().getRowCount()).isEqualTo(2);
        assertThat(info.serviceDescriptors()).extracting(ServiceDescriptor::getName)
                .containsExactly("links", "proc_svc");
        ServiceDescriptor soda = info.serviceDescriptors().get(1);
        assertThat(soda.getDescriptorId()).isEqualTo("proc_svc");
        assertThat(soda.getStandardId()).isEqualTo("ivo://ivoa.net/std/SODA#sync-1.0");
        ServiceParam band = Arrays.stream(soda.getInputParams()).filter(p -> p.getName().equals("BAND"))
                .findFirst().orElseThrow();
        assertThat(band.getXtype()).isEqualTo("interval");
        assertThat(band.getMinMax()).containsExactly("4e-07", "6e-07");
        assertThat(band.getUnit()).isEqualTo("m");
    }

    @Test
    void aDocumentWithoutDescriptorsReportsNone() throws IOException {
        String doc = "<VOTABLE><RESOURCE type='results'><TABLE><FIELD name='a' datatype='int'/><DATA><TABLEDATA>"
                + "<TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE>"
                + "<RESOURCE type='meta'><PARAM name='accessURL' datatype='char' arraysize='*' value='x'/></RESOURCE>"
                + "</VOTABLE>";
        DocumentInfo info = VotableReader.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://x.invalid/"), StoragePolicy.PREFER_MEMORY.makeRowStore(), true);
        assertThat(info.serviceDescriptors()).isEmpty();
        assertThat(new DocumentInfo(info.infos(), "OK", false, 1).serviceDescriptors()).isEmpty();
    }

    @Test
    void aPrefixedDescriptorAndOneBeforeTheTableAreFound() throws IOException {
        String doc = "<v:VOTABLE xmlns:v='http://www.ivoa.net/xml/VOTable/v1.3'>"
                + "<v:RESOURCE type='meta' utype='adhoc:service' ID='early'>"
                + "<v:PARAM name='accessURL' datatype='char' arraysize='*' value='http://a.invalid/dl'/>"
                + "<v:PARAM name='standardID' datatype='char' arraysize='*' value='ivo://ivoa.net/std/DataLink#links-1.1'/>"
                + "<v:GROUP name='inputParams'><v:PARAM name='ID' datatype='char' arraysize='*' value='' ref='col'>"
                + "<v:DESCRIPTION>the id &amp; more</v:DESCRIPTION></v:PARAM></v:GROUP></v:RESOURCE>"
                + "<v:RESOURCE type='results'><v:TABLE><v:FIELD ID='col' name='c' datatype='char' arraysize='*'/>"
                + "<v:DATA><v:TABLEDATA><v:TR><v:TD>x</v:TD></v:TR></v:TABLEDATA></v:DATA></v:TABLE></v:RESOURCE>"
                + "</v:VOTABLE>";
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = VotableReader.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://x.invalid/"), store, true);
        assertThat(store.getStarTable().getCell(0, 0)).isEqualTo("x");
        assertThat(info.serviceDescriptors()).hasSize(1);
        ServiceDescriptor sd = info.serviceDescriptors().get(0);
        assertThat(sd.getDescriptorId()).isEqualTo("early");
        assertThat(sd.getAccessUrl()).isEqualTo("http://a.invalid/dl");
        assertThat(sd.getInputParams()[0].getRef()).isEqualTo("col");
        assertThat(sd.getInputParams()[0].getDescription()).isEqualTo("the id & more");
    }
}
