package org.vokit.tap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/** A CSV upload's first line is its header, even when every value is text (STIL alone would guess). */
class UploadCsvTest {

    @TempDir
    Path dir;

    @Test
    void aTextHeaderOverTextValuesIsTheHeader() throws Exception {
        Path csv = dir.resolve("ids.csv");
        Files.writeString(csv, "main_id\nHD 1\nHD 2\nHD 3\n");
        StarTable t = sent(Upload.parse("mine=" + csv));
        assertThat(t.getColumnCount()).isEqualTo(1);
        assertThat(t.getColumnInfo(0).getName()).isEqualTo("main_id");
        assertThat(Tables.randomTable(t).getRowCount()).isEqualTo(3);
        assertThat(Tables.randomTable(t).getCell(0, 0)).isEqualTo("HD 1");
    }

    @Test
    void columnsOfACsvAreChosenByItsHeaderNames() throws Exception {
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "main_id,note\nHD 1,a\nHD 2,b\n");
        StarTable t = sent(Upload.parse("mine=" + csv).columns("main_id"));
        assertThat(t.getColumnCount()).isEqualTo(1);
        assertThat(t.getColumnInfo(0).getName()).isEqualTo("main_id");
    }

    @Test
    void otherFormatsKeepTheirReader() {
        assertThat(Upload.readerName("csv")).isEqualTo("csv(header=true)");
        assertThat(Upload.readerName("votable")).isEqualTo("votable");
    }

    private static StarTable sent(Upload u) throws Exception {
        byte[] bytes;
        try (InputStream in = u.open()) {
            bytes = in.readAllBytes();
        }
        return new VOTableBuilder().makeStarTable(new ByteArrayDataSource("upload", bytes), true,
                uk.ac.starlink.table.StoragePolicy.PREFER_MEMORY);
    }
}
