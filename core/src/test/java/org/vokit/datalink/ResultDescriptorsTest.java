package org.vokit.datalink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vokit.http.Param;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * How result tables captured from the local DaCHS lead to datalinks and to dataset-level SODA:
 * the ID column is the one the descriptor's ref names, never a guess.
 */
class ResultDescriptorsTest {

    record Result(StarTable table, List<ServiceDescriptor> descriptors) {
    }

    static Result captured(String name) throws IOException {
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info;
        try (InputStream in = ResultDescriptorsTest.class.getResourceAsStream(name)) {
            info = VotableReader.read(in, URI.create("http://127.0.0.1:8089/captured"), store, true);
        }
        return new Result(store.getStarTable(), ServiceDescriptor.ofAll(info.serviceDescriptors()));
    }

    @Test
    void aTapResultWithALinksDescriptorIsAskedByIdFromTheRefdColumn() throws IOException {
        Result r = captured("dachs-tap-voimg-with-links-descriptor.vot");
        DatalinkService dls = DatalinkService.forTable(r.table(), r.descriptors()).orElseThrow();
        assertThat(dls.mode()).isEqualTo(DatalinkService.Mode.BY_ID);
        assertThat(dls.endpoint()).contains(URI.create("http://127.0.0.1:8089/voimg/q/dl/dlmeta"));
        assertThat(r.table().getColumnInfo(dls.idColumn()).getName()).isEqualTo("pub_did");
        assertThat(dls.batchSize()).isEqualTo(DatalinkService.DEFAULT_BATCH_SIZE);
        assertThat(dls.withBatchSize(7).batchSize()).isEqualTo(7);
        assertThatThrownBy(() -> dls.withBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anSsaResultOffersLinksAndADatasetLevelSodaServicePerRow() throws IOException {
        Result r = captured("dachs-ssa-with-soda-descriptor.vot");
        DatalinkService dls = DatalinkService.forTable(r.table(), r.descriptors()).orElseThrow();
        assertThat(dls.endpoint()).contains(URI.create("http://127.0.0.1:8089/vospec/q/sdl/dlmeta"));
        assertThat(r.table().getColumnInfo(dls.idColumn()).getName()).isEqualTo("ssa_pubDID");

        ServiceDescriptor soda = r.descriptors().stream().filter(ServiceDescriptor::isSodaSync).findFirst().orElseThrow();
        for (long row = 0; row < r.table().getRowCount(); row++) {
            Object pubDid = r.table().getCell(row, dls.idColumn());
            Soda s = Soda.forRow(soda, r.table(), row);
            assertThat(s.id()).contains(pubDid.toString());
            List<Param> p = s.requestParams(SodaQuery.create().band(4.5e-7, 5e-7));
            assertThat(p).containsExactly(new Param("ID", pubDid.toString()), new Param("BAND", "4.5E-7 5.0E-7"));
        }
        assertThat(r.table().getCell(0, dls.idColumn()).toString()).startsWith("ivo://vokit.test/~?vospec/data/spec-");
    }

    @Test
    void withoutARefTheIdColumnIsNotGuessedFromUcds() throws IOException {
        Result r = captured("dachs-tap-voimg-with-links-descriptor.vot");
        ServiceDescriptor links = r.descriptors().get(0);
        ServiceDescriptor noRef = new ServiceDescriptor(links.id(), links.name(), null, links.accessUrl(),
                links.standardId(), null, null, List.of(new InputParam("ID", null, null, "char", "*", null,
                        "meta.id;meta.main", null, null, null, null, null, List.of())));
        assertThat(DatalinkService.forTable(r.table(), List.of(noRef))).isEmpty();
        ServiceDescriptor badRef = new ServiceDescriptor(links.id(), links.name(), null, links.accessUrl(),
                links.standardId(), null, null, List.of(new InputParam("ID", null, "no_such_column", "char", "*",
                        null, null, null, null, null, null, null, List.of())));
        assertThat(DatalinkService.forTable(r.table(), List.of(badRef))).isEmpty();
        ServiceDescriptor fileUrl = new ServiceDescriptor(links.id(), links.name(), null, "file:///etc/passwd",
                links.standardId(), null, null, links.inputParams());
        assertThat(DatalinkService.forTable(r.table(), List.of(fileUrl))).isEmpty();
    }

    @Test
    void rowsWhoseAccessFormatIsDatalinkAreFollowedByUrl() {
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("obs_id", String.class, null),
            new ColumnInfo("access_url", String.class, null),
            new ColumnInfo("access_format", String.class, null)});
        t.addRow(new Object[] {"a", "http://x.invalid/dl?ID=a", Link.DATALINK_CONTENT_TYPE});
        Optional<DatalinkService> dls = DatalinkService.forTable(t, List.of());
        assertThat(dls).isPresent();
        assertThat(dls.get().mode()).isEqualTo(DatalinkService.Mode.BY_ACCESS_URL);
        assertThat(dls.get().endpoint()).isEmpty();
        assertThatThrownBy(() -> dls.get().links(List.of("a"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void accessColumnsAreFoundByUtypeButNotByLooseNames() {
        ColumnInfo url = new ColumnInfo("acref", String.class, null);
        url.setUtype("ssa:Access.Reference");
        ColumnInfo fmt = new ColumnInfo("mime", String.class, null);
        fmt.setUtype("ssa:Access.Format");
        assertThat(DatalinkService.forTable(new RowListStarTable(new ColumnInfo[] {url, fmt}), List.of())).isPresent();
        ColumnInfo loose1 = new ColumnInfo("my_access_url_2", String.class, null);
        ColumnInfo loose2 = new ColumnInfo("access_format_old", String.class, null);
        loose2.setUCD("meta.code.mime");
        assertThat(DatalinkService.forTable(new RowListStarTable(new ColumnInfo[] {loose1, loose2}), List.of()))
                .isEmpty();
    }
}
