package org.vokit.votable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;
import org.vokit.QueryException;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

class VotableReaderTest {

    private static final URI SRC = URI.create("http://svc.invalid/tap/sync");

    private static DocumentInfo read(String doc, RowStore store) throws IOException {
        return VotableReader.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), SRC, store, true);
    }

    @Test
    void readsTheFirstTableAndTheInfosAroundIt() throws IOException {
        String doc = "<?xml version='1.0'?><VOTABLE version='1.4' xmlns='http://www.ivoa.net/xml/VOTable/v1.3'>"
                + "<RESOURCE type='results'><INFO name='QUERY_STATUS' value='OK'/>"
                + "<INFO name='server_software' value='DaCHS 2.7'>made it</INFO><TABLE>"
                + "<FIELD name='ra' datatype='double' unit='deg' ucd='pos.eq.ra;meta.main' utype='u:ra'>"
                + "<DESCRIPTION>right ascension</DESCRIPTION></FIELD><FIELD name='n' datatype='char' arraysize='*'/>"
                + "<DATA><TABLEDATA><TR><TD>1.5</TD><TD>a</TD></TR><TR><TD>2.5</TD><TD/></TR></TABLEDATA></DATA>"
                + "</TABLE><INFO name='QUERY_STATUS' value='OVERFLOW'/></RESOURCE>"
                + "<RESOURCE><TABLE><FIELD name='other' datatype='int'/><DATA><TABLEDATA><TR><TD>9</TD></TR>"
                + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info = read(doc, store);
        StarTable t = store.getStarTable();
        assertThat(t.getRowCount()).isEqualTo(2);
        assertThat(t.getCell(1, 0)).isEqualTo(2.5);
        ColumnMeta ra = ColumnMeta.of(t.getColumnInfo(0));
        assertThat(ra).isEqualTo(new ColumnMeta("ra", "double", null, "deg", "pos.eq.ra;meta.main", "u:ra", null,
                "right ascension"));
        assertThat(info.overflowed()).isTrue();
        assertThat(info.queryStatus()).isEqualTo("OVERFLOW");
        assertThat(info.tableCount()).isEqualTo(2);
        assertThat(info.info("server_software").orElseThrow().content()).isEqualTo("made it");
        assertThat(info.errorMessage()).isEmpty();
    }

    @Test
    void anErrorDocumentBecomesAQueryExceptionWithTheServicesWords() {
        String doc = "<VOTABLE version='1.3'><RESOURCE type='results'><INFO name='QUERY_STATUS' value='ERROR'>"
                + "  Could not locate table 'nope'  </INFO></RESOURCE></VOTABLE>";
        assertThatThrownBy(() -> read(doc, StoragePolicy.PREFER_MEMORY.makeRowStore()))
                .isInstanceOf(QueryException.class)
                .satisfies(e -> assertThat(((QueryException) e).detail()).isEqualTo("Could not locate table 'nope'"))
                .hasMessageContaining(SRC.toString());
    }

    @Test
    void anErrorWithTheMessageInTheValueAttributeOnlyStillSaysIt() {
        String doc = "<VOTABLE><RESOURCE><INFO name='QUERY_STATUS' value='ERROR'/><INFO name='x' value='y'/>"
                + "</RESOURCE></VOTABLE>";
        assertThatThrownBy(() -> read(doc, null)).isInstanceOf(QueryException.class).hasMessageContaining("ERROR");
    }

    @Test
    void documentsThatAreNotVotablesAreFormatErrorsNamingTheProblem() {
        assertThatThrownBy(() -> read("<html><body>Service down</body></html>", null))
                .isInstanceOf(FormatException.class).hasMessageContaining("<html>");
        assertThatThrownBy(() -> read("this is not XML", null))
                .isInstanceOf(FormatException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> read("<VOTABLE><RESOURCE/></VOTABLE>", null))
                .isInstanceOf(FormatException.class).hasMessageContaining("no TABLE");
    }
}
