package org.vokit.dal.scs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vokit.dal.DalResults;

/**
 * Cone search records: RA, Dec and id by UCD1 (as DaCHS writes them) and by UCD1+.
 */
class ConeRecordTest {

    private static final URI SRC = URI.create("http://example.org/scs?");

    private static DalResults<ConeRecord> read(InputStream in) throws IOException {
        try (in) {
            return DalResults.read(in, SRC, null, ConeRecord::new);
        }
    }

    @Test
    void ucd1ColumnsOfACapturedDachsAnswer() throws IOException {
        DalResults<ConeRecord> r = read(getClass().getResourceAsStream("/org/vokit/dal/scs-result.vot"));

        assertThat(r.size()).isEqualTo(3);
        assertThat(r.columnInfo(r.column(ConeRecord.RA)).getUCD()).isEqualTo("POS_EQ_RA_MAIN");
        assertThat(r.columnInfo(r.column(ConeRecord.DEC)).getUCD()).isEqualTo("POS_EQ_DEC_MAIN");
        assertThat(r.columnInfo(r.column(ConeRecord.ID)).getUCD()).isEqualTo("ID_MAIN");
        for (ConeRecord s : r) {
            assertThat(s.id()).get().asString().startsWith("VKS-");
            assertThat(s.ra().getAsDouble()).isEqualTo((Double) s.get("ra"));
            assertThat(s.dec().getAsDouble()).isEqualTo((Double) s.get("dec"));
            // every source lies within the 0.01 degree cone around (10, 20) that was asked for
            assertThat(Math.toDegrees(sep(10, 20, s.ra().getAsDouble(), s.dec().getAsDouble())))
                    .isLessThanOrEqualTo(0.01 + 1e-9);
        }
    }

    @Test
    void ucd1PlusColumnsAreFoundToo() throws IOException {
        String vot = "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">"
                + "<TABLE><FIELD name=\"name\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id;meta.main\"/>"
                + "<FIELD name=\"raj2000\" datatype=\"double\" ucd=\"pos.eq.ra;meta.main\" unit=\"deg\"/>"
                + "<FIELD name=\"dej2000\" datatype=\"double\" ucd=\"pos.eq.dec;meta.main\" unit=\"deg\"/>"
                + "<DATA><TABLEDATA><TR><TD>star A</TD><TD>150.5</TD><TD>-2.25</TD></TR>"
                + "<TR><TD></TD><TD></TD><TD>1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        DalResults<ConeRecord> r = read(new ByteArrayInputStream(vot.getBytes(StandardCharsets.UTF_8)));

        assertThat(r.get(0).id()).contains("star A");
        assertThat(r.get(0).ra()).hasValue(150.5);
        assertThat(r.get(0).dec()).hasValue(-2.25);
        assertThat(r.get(1).id()).isEmpty();
        assertThat(r.get(1).ra()).isEmpty();
    }

    @Test
    void queryValidatesAndFormatsItsParameters() {
        ConeQuery q = ConeQuery.of(10, 20.5, 0.1).withVerb(3).withParam("vmag", "10 12").withMaxrec(50);
        assertThat(q.params()).extracting(p -> p.name() + "=" + p.value())
                .containsExactly("RA=10", "DEC=20.5", "SR=0.1", "VERB=3", "vmag=10 12", "MAXREC=50");
        assertThat(q.withParam("VMAG", "1 2").values("vmag")).containsExactly("1 2");
        assertThat(q.without("verb").param("VERB")).isEmpty();
        assertThat(q).isEqualTo(ConeQuery.of(10, 20.5, 0.1).withVerb(3).withParam("vmag", "10 12").withMaxrec(50));
        assertThatThrownBy(() -> ConeQuery.of(400, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConeQuery.of(0, -91, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConeQuery.of(0, 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.withVerb(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConeService.of("file:///etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    private static double sep(double ra1, double dec1, double ra2, double dec2) {
        double a1 = Math.toRadians(ra1);
        double d1 = Math.toRadians(dec1);
        double a2 = Math.toRadians(ra2);
        double d2 = Math.toRadians(dec2);
        double h = Math.pow(Math.sin((d2 - d1) / 2), 2) + Math.cos(d1) * Math.cos(d2) * Math.pow(Math.sin((a2 - a1) / 2), 2);
        return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
