package org.vokit.datalink;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.adql.AdqlTemplate;
import org.vokit.http.Deadline;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import org.vokit.http.VoRequest;
import org.vokit.http.VoResponse;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

/**
 * DataLink, SODA and previews against the local DaCHS: datalinks of voimg.main, ivoa.obscore,
 * vospec.data and SSA rows, cutouts of images and spectra (with the FITS and VOTable results
 * checked), no-overlap answers, and a contact sheet of previews.
 */
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class DatalinkIT {

    private static final VoHttp HTTP = VoHttp.builder().requestTimeout(Duration.ofSeconds(30)).build();
    private static TapService tap;

    @BeforeAll
    static void localVo() {
        LocalVo.require();
        tap = TapService.builder(LocalVo.tap()).http(HTTP).build();
    }

    private static int col(StarTable t, String name) {
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumnInfo(i).getName().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    @Test
    void imageRowsGetTheirLinksInBatchesWithTheirRowsAttached() throws IOException {
        TapResult r = tap.runSync("SELECT pub_did, accref, imagetitle FROM voimg.main ORDER BY pub_did");
        assertThat(r.rowCount()).isEqualTo(30);
        DatalinkService dls = DatalinkService.forResult(r).orElseThrow().withHttp(HTTP).withBatchSize(10);
        assertThat(dls.mode()).isEqualTo(DatalinkService.Mode.BY_ID);
        assertThat(dls.endpoint()).contains(LocalVo.url("/voimg/q/dl/dlmeta"));

        List<Datalink> all = dls.fetchAll();
        assertThat(all).hasSize(30);
        int pubDid = col(r.table(), "pub_did");
        int accref = col(r.table(), "accref");
        for (int i = 0; i < 30; i++) {
            Datalink dl = all.get(i);
            assertThat(dl.rowIndex()).isEqualTo(i);
            assertThat(dl.ok()).as(dl.toString()).isTrue();
            assertThat(dl.id()).contains(r.cell(i, pubDid).toString());
            assertThat(dl.row().get(accref)).isEqualTo(r.cell(i, accref));
            // the #this link is the row's own file: the link back to the row is right
            Link self = dl.first("#this").orElseThrow();
            assertThat(self.accessUrl()).isEqualTo(r.cell(i, accref));
            assertThat(self.contentType()).isEqualTo("image/fits");
            assertThat(self.contentLength()).isEqualTo(20160L);
            String previewUrl = r.cell(i, accref) + "?preview=True";
            assertThat(dl.bySemantics("#preview")).singleElement()
                    .satisfies(l -> assertThat(l.accessUrl()).isEqualTo(previewUrl));
            // one request carried the IDs of ten rows
            assertThat(dl.document().orElseThrow().requestedIds()).hasSize(10).contains(dl.id().orElseThrow());
        }
        assertThat(all.stream().map(dl -> dl.document().orElseThrow()).distinct()).hasSize(3);
    }

    @Test
    void obscoreRowsSurviveTheForwardingServiceThatAnswersOnlyTheFirstId() throws IOException {
        TapResult r = tap.runSync("SELECT obs_publisher_did, access_url, dataproduct_type FROM ivoa.obscore"
                + " ORDER BY obs_publisher_did");
        assertThat(r.rowCount()).isEqualTo(60);
        DatalinkService dls = DatalinkService.forResult(r).orElseThrow().withHttp(HTTP).withBatchSize(20);
        assertThat(dls.endpoint()).contains(LocalVo.url("/__system__/obscore/dl/dlmeta"));
        List<Datalink> all = dls.fetchAll();
        int accessUrl = col(r.table(), "access_url");
        int type = col(r.table(), "dataproduct_type");
        assertThat(all).hasSize(60).allSatisfy(dl -> assertThat(dl.ok()).as(dl.toString()).isTrue());
        for (Datalink dl : all) {
            assertThat(dl.first("#this").orElseThrow().accessUrl()).isEqualTo(r.cell(dl.rowIndex(), accessUrl));
            boolean image = "image".equals(r.cell(dl.rowIndex(), type));
            assertThat(dl.bySemantics("#preview")).hasSize(image ? 1 : 0);
            assertThat(dl.soda()).as("every dataset has a SODA service").isPresent();
        }
        // the first request carried 20 IDs; the service (a 302 to the collection's own service) kept only
        // the first, so the others were asked one by one, and no further batch was tried
        assertThat(all.get(0).document().orElseThrow().requestedIds()).hasSize(20);
        assertThat(all.subList(1, 60)).allSatisfy(dl -> assertThat(dl.document().orElseThrow().requestedIds())
                .containsExactly(dl.id().orElseThrow()));
    }

    @Test
    void rowsWhoseAccessUrlIsADatalinkDocumentAreFollowedAndCutFromThere(@TempDir Path dir) throws IOException {
        TapResult r = tap.runSync("SELECT TOP 3 ssa_targname, datalink AS access_url,"
                + " 'application/x-votable+xml;content=datalink' AS access_format FROM vospec.data"
                + " ORDER BY ssa_targname");
        DatalinkService dls = DatalinkService.forResult(r).orElseThrow().withHttp(HTTP);
        assertThat(dls.mode()).isEqualTo(DatalinkService.Mode.BY_ACCESS_URL);
        List<Datalink> all = dls.fetchAll();
        assertThat(all).hasSize(3).allSatisfy(dl -> assertThat(dl.ok()).isTrue());
        for (Datalink dl : all) {
            String url = dl.row().get(col(r.table(), "access_url")).toString();
            String file = dl.id().orElseThrow().substring(dl.id().orElseThrow().lastIndexOf('/') + 1);
            assertThat(url).endsWith(file);
            assertThat(dl.first("#this").orElseThrow().contentType()).isEqualTo("application/x-votable+xml");
        }
        // SODA on a datalink document delivered as the dataset itself
        Soda soda = all.get(0).soda().orElseThrow();
        Cutout c = soda.cutout(SodaQuery.create().band(4.5e-7, 5e-7), dir.resolve("spec.vot"));
        assertThat(c.written()).isTrue();
        assertThat(spectrumRange(c.file())).containsExactly(251.0, 4500.0, 5000.0);
    }

    @Test
    void anImageCircleCutoutIsASmallerValidFits(@TempDir Path dir) throws IOException {
        DatalinkService dls = DatalinkService.of(LocalVo.url("/voimg/q/dl/dlmeta")).withHttp(HTTP);
        String id = "ivo://vokit.test/~?voimg/data/img-f10p20-11-V.fits";
        Datalink dl = dls.datalinks(List.of(id)).get(0);
        Soda soda = dl.soda().orElseThrow();
        assertThat(soda.endpoint()).isEqualTo(LocalVo.url("/voimg/q/dl/dlget"));
        assertThat(soda.inputParams()).extracting(InputParam::name).contains("CIRCLE", "POLYGON", "POS");

        Path whole = dir.resolve("whole.fits");
        Path out = dir.resolve("cut.fits");
        Files.write(whole, fetch(URI.create(dl.first("#this").orElseThrow().accessUrl())));
        Cutout c = soda.cutout(SodaQuery.create().circle(10, 20, 0.05), out);
        assertThat(c.written()).isTrue();
        assertThat(c.contentType()).contains("fits");
        assertThat(c.bytes()).isEqualTo(Files.size(out));
        Map<String, String> full = fitsHeader(whole);
        Map<String, String> cut = fitsHeader(out);
        assertThat(full).containsEntry("NAXIS1", "64").containsEntry("NAXIS2", "64");
        assertThat(cut).containsEntry("SIMPLE", "T").containsEntry("NAXIS", "2").containsEntry("BITPIX", "-32");
        assertThat(cut).containsEntry("NAXIS1", "12").containsEntry("NAXIS2", "12");
        long data = 12L * 12 * 4;
        assertThat(Files.size(out)).isEqualTo(fitsHeaderBytes(out) + (data + 2879) / 2880 * 2880);

        Cutout poly = soda.cutout(SodaQuery.create().polygon(9.98, 19.98, 10.02, 19.98, 10.02, 20.02, 9.98, 20.02),
                dir.resolve("poly.fits"));
        Map<String, String> p = fitsHeader(poly.file());
        assertThat(Integer.parseInt(p.get("NAXIS1"))).isBetween(3, 12);
        assertThat(Integer.parseInt(p.get("NAXIS2"))).isBetween(3, 12);
    }

    @Test
    void aCutoutThatMissesTheImageIsANoOverlapResult(@TempDir Path dir) throws IOException {
        Soda soda = DatalinkService.of(LocalVo.url("/voimg/q/dl/dlmeta")).withHttp(HTTP)
                .links(List.of("ivo://vokit.test/~?voimg/data/img-f10p20-11-V.fits")).soda(null).orElseThrow();
        Path out = dir.resolve("nothing.fits");
        Cutout c = soda.cutout(SodaQuery.create().circle(50, 20, 0.05), out);
        assertThat(c.noOverlap()).isTrue();
        assertThat(c.message()).isNotBlank();
        assertThat(c.request().toString()).contains("CIRCLE=50+20+0.05");
        assertThat(Files.exists(out)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void ssaResultsOfferDatasetLevelSodaForABandCutout(@TempDir Path dir) throws IOException {
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info;
        URI ssa = LocalVo.url("/vospec/q/ssa/ssap.xml");
        try (VoResponse resp = HTTP.sendOk(VoRequest.get(ssa, List.of(new Param("REQUEST", "queryData"),
                new Param("POS", "10,20"), new Param("SIZE", "0.1"))), Deadline.in(Duration.ofSeconds(30)))) {
            info = VotableReader.read(resp.body(), ssa, store, true);
        }
        StarTable t = store.getStarTable();
        assertThat(t.getRowCount()).isEqualTo(2);
        List<ServiceDescriptor> sds = ServiceDescriptor.ofAll(info.serviceDescriptors());
        ServiceDescriptor soda = sds.stream().filter(ServiceDescriptor::isSodaSync).findFirst().orElseThrow();
        assertThat(soda.idRefParam().orElseThrow().ref()).isEqualTo("ssa_pubDID");

        int pubDid = col(t, "ssa_pubDID");
        for (long row = 0; row < 2; row++) {
            Soda s = Soda.forRow(soda, t, row).withHttp(HTTP);
            assertThat(s.id()).contains(t.getCell(row, pubDid).toString());
            Path out = dir.resolve("band-" + row + ".vot");
            Cutout c = s.cutout(SodaQuery.create().band(4.5e-7, 5e-7), out);
            assertThat(c.written()).isTrue();
            assertThat(spectrumRange(out)).containsExactly(251.0, 4500.0, 5000.0);
        }
        // the same service through the rows' datalinks (#this's sibling), and a band beyond the spectrum
        List<Datalink> dls = DatalinkService.forTable(t, sds).orElseThrow().withHttp(HTTP).fetchAll();
        assertThat(dls).hasSize(2).allSatisfy(dl -> assertThat(dl.ok()).isTrue());
        Soda viaLinks = dls.get(0).soda().orElseThrow();
        assertThat(viaLinks.id()).contains(t.getCell(0, pubDid).toString());
        Cutout none = viaLinks.cutout(SodaQuery.create().band(7e-7, 8e-7), dir.resolve("none.vot"));
        assertThat(none.noOverlap()).isTrue();
        assertThat(Files.exists(dir.resolve("none.vot"))).isFalse();
    }

    @Test
    void previewsOfManyDatasetsMakeOneContactSheet() throws IOException {
        String q = AdqlTemplate.of("SELECT obs_publisher_did, dataproduct_type FROM ivoa.obscore"
                + " WHERE obs_publisher_did LIKE {images} OR obs_publisher_did IN ({spectra})"
                + " ORDER BY obs_publisher_did")
                .value("images", "%img-f10p20-%-V.fits")
                .values("spectra", List.of("ivo://vokit.test/~?vospec/data/spec-001.fits",
                        "ivo://vokit.test/~?vospec/data/spec-002.fits"))
                .render();
        TapResult r = tap.runSync(q);
        assertThat(r.rowCount()).isEqualTo(11);
        List<Datalink> dls = DatalinkService.forResult(r).orElseThrow().withHttp(HTTP).fetchAll();
        PreviewSet set = Previews.create().withHttp(HTTP).withParallelism(4).fetch(dls);
        assertThat(set.previews()).hasSize(9).allSatisfy(p -> {
            assertThat(p.image().getWidth()).isEqualTo(64);
            assertThat(p.image().getHeight()).isEqualTo(64);
            assertThat(p.label()).matches("img-f10p20-\\d\\d-V\\.fits");
        });
        assertThat(set.failures()).extracting(PreviewFailure::label).containsExactly("spec-001.fits", "spec-002.fits");
        assertThat(set.failures()).allSatisfy(f -> assertThat(f.reason()).contains("no #preview link"));

        Path dir = Path.of("target", "datalink-it");
        Files.createDirectories(dir);
        Path png = dir.resolve("obscore-previews.png");
        set.writeContactSheet(png, 96, 4);
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertThat(sheet.getWidth()).isEqualTo(4 + 4 * (96 + 4));
        assertThat(sheet.getHeight()).isEqualTo(4 + 3 * (96 + 16 + 4));
    }

    @Test
    void batchingSavesRequestsForAHundredRows() throws IOException {
        TapResult r = tap.runSync("SELECT pub_did FROM voimg.main ORDER BY pub_did");
        DatalinkService links = DatalinkService.forResult(r).orElseThrow();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < r.rowCount(); i++) {
            ids.add(r.cell(i, 0).toString());
        }
        RowListStarTable hundred = new RowListStarTable(new ColumnInfo[] {r.table().getColumnInfo(0)});
        for (int i = 0; i < 100; i++) {
            hundred.addRow(new Object[] {ids.get(i % ids.size())});
        }
        ServiceDescriptor d = links.linksDescriptor().orElseThrow();
        Map<Integer, Long> millis = new HashMap<>();
        Map<Integer, Long> requests = new HashMap<>();
        for (int batch : new int[] {1, 25, 1, 25}) {
            DatalinkService s = DatalinkService.forTable(hundred, List.of(d)).orElseThrow().withHttp(HTTP)
                    .withBatchSize(batch);
            long t0 = System.nanoTime();
            List<Datalink> all = s.fetchAll();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(all).hasSize(100).allSatisfy(dl -> assertThat(dl.ok()).isTrue());
            millis.merge(batch, ms, Math::min);
            requests.put(batch, all.stream().map(dl -> dl.document().orElseThrow()).distinct().count());
        }
        assertThat(requests).containsEntry(1, 100L).containsEntry(25, 4L);
        System.out.printf("datalinks of 100 voimg rows: one request per row %d ms (100 requests),"
                + " batches of 25 %d ms (4 requests)%n", millis.get(1), millis.get(25));
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] fetch(URI url) throws IOException {
        try (VoResponse resp = HTTP.sendOk(VoRequest.get(url), Deadline.in(Duration.ofSeconds(30)))) {
            return resp.body().readAllBytes();
        }
    }

    /** The cards of a FITS primary header, read 80 characters at a time up to END. */
    static Map<String, String> fitsHeader(Path fits) throws IOException {
        Map<String, String> cards = new HashMap<>();
        try (InputStream in = Files.newInputStream(fits)) {
            byte[] card = new byte[80];
            for (int i = 0; i < 36 * 100; i++) {
                if (in.readNBytes(card, 0, 80) < 80) {
                    throw new AssertionError("FITS header without END in " + fits);
                }
                String c = new String(card, StandardCharsets.US_ASCII);
                String key = c.substring(0, 8).strip();
                if (key.equals("END")) {
                    return cards;
                }
                if (c.length() > 10 && c.charAt(8) == '=') {
                    String v = c.substring(10);
                    int slash = v.indexOf(" /");
                    cards.put(key, (slash >= 0 ? v.substring(0, slash) : v).strip());
                }
            }
        }
        throw new AssertionError("no END card in " + fits);
    }

    private static long fitsHeaderBytes(Path fits) throws IOException {
        byte[] all = Files.readAllBytes(fits);
        for (int i = 0; i + 80 <= all.length; i += 80) {
            if (new String(all, i, 8, StandardCharsets.US_ASCII).strip().equals("END")) {
                return (i / 2880 + 1) * 2880L;
            }
        }
        throw new AssertionError("no END card");
    }

    /** Number of points and the first and last spectral value of an SDM VOTable. */
    private static List<Double> spectrumRange(Path vot) throws IOException {
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        try (InputStream in = Files.newInputStream(vot)) {
            VotableReader.read(in, vot.toUri(), store, true);
        }
        StarTable t = store.getStarTable();
        int spectral = col(t, "spectral");
        double first = ((Number) t.getCell(0, spectral)).doubleValue();
        double last = ((Number) t.getCell(t.getRowCount() - 1, spectral)).doubleValue();
        return List.of((double) t.getRowCount(), (double) Math.round(first), (double) Math.round(last));
    }
}
