package org.vokit.dal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;
import org.vokit.QueryException;
import uk.ac.starlink.table.ColumnInfo;

/**
 * Reading DAL answers (captured from the local DaCHS or hand-written): errors in every form the
 * standards allow, overflow, column lookup, times, and file names.
 */
class DalResultsTest {

    private static final URI SRC = URI.create("http://example.org/dal?");

    static DalResults<DalRecord> read(String resource) throws IOException {
        return DalResults.read(new ByteArrayInputStream(ServiceParamsTest.bytes(resource)), SRC, null,
                DalRecord::new);
    }

    static <R extends DalRecord> DalResults<R> readText(String votable, DalResults.RecordMaker<R> maker)
            throws IOException {
        return DalResults.read(new ByteArrayInputStream(votable.getBytes(StandardCharsets.UTF_8)), SRC, null, maker);
    }

    // ------------------------------------------------------------- errors

    @Test
    void coneSearchErrorInfoIsAQueryException() {
        assertThatThrownBy(() -> read("scs-error-info.vot")).isExactlyInstanceOf(QueryException.class)
                .hasMessageContaining("Field RA: 'abc' is not a valid literal for RA")
                .satisfies(e -> assertThat(((QueryException) e).uri()).contains(SRC));
    }

    @Test
    void coneSearchErrorParamIsAQueryException() {
        assertThatThrownBy(() -> read("scs-error-param.vot")).isExactlyInstanceOf(QueryException.class)
                .hasMessageContaining("SR must not exceed 10 degrees");
    }

    @Test
    void errorParamBesideAnEmptyTableUsesItsDescription() {
        assertThatThrownBy(() -> read("scs-error-param-empty-table.vot")).isExactlyInstanceOf(QueryException.class)
                .hasMessageContaining("Catalogue database is offline for maintenance");
    }

    @Test
    void daliQueryStatusErrorIsAQueryException() {
        assertThatThrownBy(() -> read("ssa-error.vot")).isExactlyInstanceOf(QueryException.class)
                .hasMessageContaining("'hot' is not a valid value for range within TEFF");
    }

    @Test
    void htmlAndTablelessDocumentsAreFormatErrors() {
        assertThatThrownBy(() -> readText("<!DOCTYPE html><html><body><h1>Service down</h1></body></html>",
                DalRecord::new)).isExactlyInstanceOf(FormatException.class).hasMessageContaining("HTML")
                .hasMessageContaining("Service down");
        assertThatThrownBy(() -> readText("<VOTABLE version=\"1.3\"><RESOURCE><INFO name=\"QUERY_STATUS\" value=\"OK\"/>"
                + "</RESOURCE></VOTABLE>", DalRecord::new)).isExactlyInstanceOf(FormatException.class)
                .hasMessageContaining("without a result TABLE");
        assertThatThrownBy(() -> readText("<VOTABLE><RESOURCE><TABLE>", DalRecord::new))
                .isInstanceOf(FormatException.class);
    }

    // ---------------------------------------------------- results, columns

    @Test
    void overflowIsAFlag() throws IOException {
        DalResults<DalRecord> r = read("scs-overflow.vot");
        assertThat(r.overflowed()).isTrue();
        assertThat(r.queryStatus()).isEqualTo("OVERFLOW");
        assertThat(r.size()).isEqualTo(5);
        assertThat(read("scs-result.vot").overflowed()).isFalse();
    }

    @Test
    void columnsAreFoundByNameUcdAndUtype() throws IOException {
        DalResults<DalRecord> r = read("ssa-result.vot");
        int title = r.columnIndex("SSA_DSTITLE");
        assertThat(title).isNotNegative();
        assertThat(r.columnByUtype("ssa:DataID.Title")).isEqualTo(title);
        assertThat(r.columnByUtype("DataID.Title")).as("without prefix").isEqualTo(title);
        assertThat(r.columnByUcd("META.TITLE;meta.dataset")).isEqualTo(title);
        assertThat(r.column(List.of(FieldLocator.ucd("no.such"), FieldLocator.name("ssa_dstitle")))).isEqualTo(title);
        assertThat(r.columnIndex("nothing")).isEqualTo(-1);
        DalRecord first = r.get(0);
        assertThat(first.getString("ssa_dstitle")).isEqualTo(first.byUtype("ssa:DataID.Title").map(Object::toString));
        assertThat(first.getString("ssa_cdate")).as("an empty cell").isEmpty();
        assertThat(r.columns()).hasSize(r.toTable().getColumnCount());
        assertThat(r.columns().get(title).utype()).isEqualTo("ssa:DataID.Title");
    }

    @Test
    void recordsIterateInOrder() throws IOException {
        DalResults<DalRecord> r = read("scs-result.vot");
        assertThat(r.stream().map(DalRecord::row).toList()).containsExactly(0, 1, 2);
        assertThat(r.records()).hasSize(3);
        assertThatThrownBy(() -> r.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ------------------------------------------------------------- times

    @Test
    void mjdIsReadAsAnInstant() {
        Instant expected = LocalDate.of(1858, 11, 17).plusDays(60035).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(Times.fromMjd(60035.0)).contains(expected);
        assertThat(Times.fromMjd(60035.25)).contains(expected.plusSeconds(6 * 3600));
        assertThat(Times.fromMjd(Double.NaN)).isEmpty();
        assertThat(DalQuery.toMjd(expected)).isEqualTo(60035.0);
        ColumnInfo jd = new ColumnInfo("t", Double.class, null);
        jd.setXtype("jd");
        assertThat(Times.toInstant(2460035.5, jd)).contains(expected);
        assertThat(Times.toInstant(2460035.5, null)).as("a JD told by its size").contains(expected);
    }

    @Test
    void isoStringsAreReadAsInstants() {
        assertThat(Times.toInstant("2023-06-07T06:00:00", null)).contains(Instant.parse("2023-06-07T06:00:00Z"));
        assertThat(Times.toInstant("2023-06-07 06:00:00.5", null)).contains(Instant.parse("2023-06-07T06:00:00.5Z"));
        assertThat(Times.toInstant("2023-06-07", null)).contains(Instant.parse("2023-06-07T00:00:00Z"));
        assertThat(Times.toInstant("2023-06-07T08:00:00+02:00", null)).contains(Instant.parse("2023-06-07T06:00:00Z"));
        assertThat(Times.toInstant("60035.0", null)).contains(Instant.parse("2023-04-01T00:00:00Z"));
        assertThat(Times.toInstant("yesterday", null)).isEmpty();
        assertThat(Times.toInstant("", null)).isEmpty();
    }

    // -------------------------------------------------------- file names

    @Test
    void extensionsComeFromTheMimeType() {
        assertThat(FileNames.extension("image/fits")).isEqualTo("fits");
        assertThat(FileNames.extension("application/fits")).isEqualTo("fits");
        assertThat(FileNames.extension("application/x-votable+xml")).isEqualTo("vot");
        assertThat(FileNames.extension("application/x-votable+xml;content=datalink")).isEqualTo("vot");
        assertThat(FileNames.extension("text/xml;x-votable")).isEqualTo("vot");
        assertThat(FileNames.extension("IMAGE/PNG")).isEqualTo("png");
        assertThat(FileNames.extension("image/jpeg")).isEqualTo("jpg");
        assertThat(FileNames.extension("text/csv; charset=utf-8")).isEqualTo("csv");
        assertThat(FileNames.extension("None")).isEmpty();
        assertThat(FileNames.extension(null)).isEmpty();
        assertThat(FileNames.extension("application/x-unheard-of")).isEmpty();
    }

    @Test
    void stemsComeFromTheDidThenTheUrlThenTheTitle() {
        URI url = URI.create("http://h/getproduct/data/img-7.fits");
        assertThat(FileNames.base("ivo://org.test/~?data/obs-42.fits", url, "Title", 0).stem()).isEqualTo("obs-42");
        assertThat(FileNames.base(null, url, "Title", 0)).isEqualTo(new FileNames.Base("img-7", "fits"));
        assertThat(FileNames.base(null, URI.create("http://h/soda/dlget?ID=ivo%3A%2F%2Forg%2F%7E%3Fspec-9.fits&BAND=1"),
                "Title", 0).stem()).isEqualTo("spec-9");
        assertThat(FileNames.base(null, URI.create("http://h/getproduct"), "M 51 in R", 0).stem())
                .isEqualTo("M_51_in_R");
        assertThat(FileNames.base(null, URI.create("http://h/cgi-bin/fetch.cgi?x=1"), null, 4).stem())
                .isEqualTo("dataset-5");
        assertThat(FileNames.base("None", null, "null", 2).stem()).isEqualTo("dataset-3");
    }

    @Test
    void stemsAreFilesystemSafe() {
        assertThat(FileNames.clean("../../etc/passwd", false).stem()).isEqualTo("etc_passwd");
        assertThat(FileNames.clean("Ångström spectrum: <α Lyr> 日本", false).stem())
                .isEqualTo("Angstrom_spectrum_Lyr");
        assertThat(FileNames.clean("CON", false).stem()).isEqualTo("ds_CON");
        assertThat(FileNames.clean(".hidden", false).stem()).isEqualTo("hidden");
        assertThat(FileNames.clean("x".repeat(300), false).stem()).hasSize(FileNames.MAX_STEM);
        assertThat(FileNames.clean("a.fits.gz", true)).isEqualTo(new FileNames.Base("a", "fits.gz"));
        assertThat(FileNames.clean("...", false)).isNull();
    }

    @Test
    void fileNamesNeverEndInNone() {
        assertThat(FileNames.fileName("x", "None", "")).isEqualTo("x.dat");
        assertThat(FileNames.fileName("x", null, "fits")).isEqualTo("x.fits");
        assertThat(FileNames.fileName("x", "image/png", "fits")).isEqualTo("x.png");
    }

    @Test
    void suggestedNamesAreUniqueWithinAResult() throws IOException {
        StringBuilder rows = new StringBuilder();
        String[][] data = {
            {"Same title", "", "image/fits"},
            {"Same title", "", "image/fits"},
            {"same TITLE", "", "image/png"},
            {"Same title-2", "", "image/fits"},
            {"", "http://h/x/None", "None"},
            {"", "", ""},
        };
        for (String[] d : data) {
            rows.append("<TR><TD>").append(d[0]).append("</TD><TD>").append(d[1]).append("</TD><TD>").append(d[2])
                    .append("</TD></TR>");
        }
        String vot = "<VOTABLE version=\"1.3\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">"
                + "<TABLE><FIELD name=\"t\" datatype=\"char\" arraysize=\"*\" utype=\"ssa:DataID.Title\"/>"
                + "<FIELD name=\"u\" datatype=\"char\" arraysize=\"*\" utype=\"ssa:Access.Reference\"/>"
                + "<FIELD name=\"f\" datatype=\"char\" arraysize=\"*\" utype=\"ssa:Access.Format\"/>"
                + "<DATA><TABLEDATA>" + rows + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        DalResults<Plain> r = readText(vot, Plain::new);
        List<String> names = r.stream().map(DatasetRecord::suggestedFileName).toList();

        assertThat(names).containsExactly("Same_title.fits", "Same_title-2.fits", "same_TITLE-3.png",
                "Same_title-2-2.fits", "dataset-5.dat", "dataset-6.dat");
        Set<String> lower = new HashSet<>();
        for (String n : names) {
            assertThat(lower.add(n.toLowerCase(Locale.ROOT).replaceFirst("\\.[^.]*$", ""))).as(n).isTrue();
            assertThat(n).matches("[A-Za-z0-9][A-Za-z0-9._+-]*\\.[a-z0-9]+").doesNotEndWith(".None")
                    .doesNotEndWith(".null");
        }
    }

    /** A dataset record with SSA's locators, for reading hand-made tables. */
    static final class Plain extends DatasetRecord {
        Plain(DalResults<?> results, int row) {
            super(results, row, new DatasetFields(List.of(FieldLocator.utype("DataID.Title")), List.of(), List.of(),
                    List.of(), List.of(FieldLocator.utype("Access.Format")), List.of(FieldLocator.utype(
                    "Access.Reference")), List.of()));
        }
    }
}
