package org.vokit.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.http.Param;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.ByteArrayDataSource;

class TapQueryTest {

    @Test
    void paramsCarryEverythingInOrder() {
        TapQuery q = TapQuery.of("SELECT 1").withMaxrec(10).withResponseFormat("csv").withRunId("r1")
                .withUpload(Upload.url("a", URI.create("http://h.invalid/a.vot")))
                .withUpload(Upload.table("b", table()))
                .withParam("X-EXTRA", "y").withTimeout(Duration.ofSeconds(3));
        assertThat(q.params()).containsExactly(
                new Param("REQUEST", "doQuery"), new Param("LANG", "ADQL"), new Param("QUERY", "SELECT 1"),
                new Param("MAXREC", "10"), new Param("RESPONSEFORMAT", "csv"), new Param("RUNID", "r1"),
                new Param("UPLOAD", "a,http://h.invalid/a.vot;b,param:b"), new Param("X-EXTRA", "y"));
        assertThat(q.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(TapQuery.of("SELECT 1").params()).extracting(Param::name).doesNotContain("MAXREC", "UPLOAD");
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> TapQuery.of("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TapQuery.of("SELECT 1").withMaxrec(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> TapQuery.of("SELECT 1").withUpload(Upload.table("t", table()))
                .withUpload(Upload.table("T", table()))).hasMessageContaining("two uploads");
        assertThatThrownBy(() -> Upload.table("1bad", table())).hasMessageContaining("'1bad'");
        assertThatThrownBy(() -> Upload.table("a b", table())).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> Upload.url("u", URI.create("file:///etc/passwd"))).hasMessageContaining("file:");
        assertThatThrownBy(() -> Upload.parse("noequals")).hasMessageContaining("NAME=FILE_OR_URL");
        assertThatThrownBy(() -> Upload.parse("t=/no/such/file.vot")).hasMessageContaining("/no/such/file.vot");
        assertThatThrownBy(() -> Upload.table("t", table()).columns("nope").open())
                .hasMessageContaining("'nope'").hasMessageContaining("[id, ra, note]");
    }

    @Test
    void parsesCommandLineUploads(@TempDir Path dir) throws IOException {
        assertThat(Upload.parse("prev=https://h.invalid/async/1/results/result").uploadParam())
                .isEqualTo("prev,https://h.invalid/async/1/results/result");
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "id,ra,note\n1,10.5,x\n");
        Upload u = Upload.parse("mine=" + f);
        assertThat(u.isInline()).isTrue();
        assertThat(u.uploadParam()).isEqualTo("mine,param:mine");
    }

    @Test
    void inlineUploadsAreVotablesWithOnlyTheChosenColumns(@TempDir Path dir) throws IOException {
        StarTable sent = read(Upload.table("t", table()).columns("RA", "id"));
        assertThat(sent.getColumnCount()).isEqualTo(2);
        assertThat(sent.getColumnInfo(0).getName()).isEqualTo("ra");
        assertThat(sent.getColumnInfo(1).getName()).isEqualTo("id");
        assertThat(sent.getRowCount()).isEqualTo(2);

        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "id,ra,note\n1,10.5,x\n2,11.5,y\n3,12.5,z\n");
        StarTable fromCsv = read(Upload.file("t", csv));
        assertThat(fromCsv.getRowCount()).isEqualTo(3);

        Path vot = dir.resolve("t.vot");
        String doc = "<?xml version='1.0'?><VOTABLE version='1.3'><RESOURCE><TABLE><FIELD name='x' datatype='int'/>"
                + "<DATA><TABLEDATA><TR><TD>7</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        Files.writeString(vot, doc);
        try (InputStream in = Upload.file("t", vot).open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .as("a VOTable file goes as it is").isEqualTo(doc);
        }
    }

    private static StarTable read(Upload u) throws IOException {
        try (InputStream in = u.open()) {
            return new StarTableFactory(true).makeStarTable(new ByteArrayDataSource("up", in.readAllBytes()), "votable");
        }
    }

    private static StarTable table() {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("id", Integer.class, null), new ColumnInfo("ra", Double.class, null),
            new ColumnInfo("note", String.class, null)});
        t.addRow(new Object[] {1, 10.0, "a"});
        t.addRow(new Object[] {2, 20.0, "b"});
        return t;
    }
}
