package org.vokit.sed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.registry.Registry;
import org.vokit.registry.TapTable;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.FaultServer;
import org.vokit.testing.LocalVo;
import org.vokit.testing.QuirkyVo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * The SED search against the real local DaCHS and its RegTAP registry: the tables found, the values
 * checked against a direct query of the same table, the wavelengths against the band table's file
 * read here; and a broken and a hanging service beside it, which fail alone.
 */
class SedSearchIT {

    private static final double RA = 10;
    private static final double DEC = 20;
    private static final double RADIUS = 40;

    @BeforeAll
    static void vo() {
        LocalVo.require();
    }

    /**
     * The registry lists the real DaCHS and the VO-wide test set's quirk services (fronts of the
     * same DaCHS tables, running here): the real service's points match a direct query and the
     * band file, each quirk service that answers gives exactly the same points, and the 500,
     * hanging and truncated ones fail alone.
     */
    @Test
    void valuesAndWavelengthsMatchADirectQueryAndTheBandFile() throws Exception {
        try (QuirkyVo vo = QuirkyVo.start()) {
            SedSearch s = SedSearch.builder().registry(Registry.of(LocalVo.tap())).position(RA, DEC)
                    .radiusArcsec(RADIUS).timeout(Duration.ofSeconds(5)).build();
            List<TapTable> tables = s.discover();
            assertThat(tables).contains(new TapTable(LocalVo.tap(), "vostars.main"));
            // the quirk services with photometry: those whose registry tables are vostars.main
            // under some name (voquirks.int_ids has no magnitudes)
            Set<java.net.URI> quirkUrls = new HashSet<>();
            for (QuirkyVo.Quirk q : QuirkyVo.Quirk.values()) {
                quirkUrls.add(q.tap());
            }
            Set<java.net.URI> withPhotometry = new HashSet<>();
            tables.stream().map(TapTable::accessUrl).filter(quirkUrls::contains).forEach(withPhotometry::add);
            assertThat(withPhotometry).doesNotContain(QuirkyVo.Quirk.INT_IDS.tap())
                    .contains(QuirkyVo.Quirk.NO_FEATURES.tap(), QuirkyVo.Quirk.DELIMITED.tap());
            SedResult r = s.run();
            assertThat(r.failures()).extracting(SedFailure::service).containsExactlyInAnyOrder(
                    QuirkyVo.Quirk.ERROR_500.tap(), QuirkyVo.Quirk.HANGING.tap(), QuirkyVo.Quirk.TRUNCATED.tap());
            assertThat(r.answered()).isEqualTo(r.asked() - 3);

            // the same table, asked directly, every magnitude column by its UCD
            TapResult direct = TapService.of(LocalVo.tap()).runSync("SELECT ra, dec, bmag, vmag, jmag, hmag, kmag "
                    + "FROM vostars.main WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, "
                    + (RADIUS / 3600) + "))");
            Map<String, Double> wavelengths = bandFile();
            List<String> expected = new ArrayList<>();
            StarTable t = direct.table();
            try (RowSequence seq = t.getRowSequence()) {
                while (seq.next()) {
                    for (int c = 2; c < t.getColumnCount(); c++) {
                        Object v = seq.getCell(c);
                        if (v == null) {
                            continue;
                        }
                        String ucd = t.getColumnInfo(c).getUCD();
                        String word = ucd.toLowerCase(Locale.ROOT).split(";")[1];
                        expected.add(key(wavelengths.get(word), v.toString(), t.getColumnInfo(c).getName(),
                                seq.getCell(0), seq.getCell(1)));
                    }
                }
            }
            assertThat(expected).hasSizeGreaterThanOrEqualTo(10);
            Map<java.net.URI, List<String>> got = new HashMap<>();
            for (SedPoint p : r.points()) {
                got.computeIfAbsent(p.service(), k -> new ArrayList<>())
                        .add(key(p.wavelength(), Double.toString(p.value()), p.column(), p.ra(), p.dec()));
                if (p.service().equals(LocalVo.tap())) {
                    assertThat(p.table()).isEqualTo("vostars.main");
                }
                assertThat(p.unit()).isEqualTo("mag");
                assertThat(p.separation()).isLessThanOrEqualTo(RADIUS);
            }
            assertThat(got.get(LocalVo.tap())).containsExactlyInAnyOrderElementsOf(expected);
            for (java.net.URI u : withPhotometry) {
                if (r.failures().stream().noneMatch(f -> f.service().equals(u))) {
                    assertThat(got.get(u)).as(u.toString()).containsExactlyInAnyOrderElementsOf(expected);
                }
            }
            // sorted by wavelength
            for (int i = 1; i < r.points().size(); i++) {
                assertThat(r.points().get(i).wavelength()).isGreaterThanOrEqualTo(r.points().get(i - 1).wavelength());
            }
            assertThat(r.table().getRowCount()).isEqualTo(r.points().size());
        }
    }

    @Test
    void aBrokenAndAHangingServiceFailAloneWithinTheTimeout() throws Exception {
        String tablesDoc = fetch(LocalVo.url("/tap/tables"));
        String tableDoc = fetch(LocalVo.url("/tap/tables/vostars.main"));
        try (FaultServer bad = FaultServer.start(); FaultServer slow = FaultServer.start();
             FaultServer noQuery = FaultServer.start()) {
            // the real metadata, but every query fails
            noQuery.on("/tap/tables", (req, ex) -> ex.send(200, "text/xml", tablesDoc));
            noQuery.on("/tap/tables/vostars.main", (req, ex) -> ex.send(200, "text/xml", tableDoc));
            noQuery.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "query engine down"));
            // /tables fails, and so does the TAP_SCHEMA query tried after it
            bad.on("/tap/tables", (req, ex) -> ex.send(500, "text/plain", "database on fire"));
            bad.on("/tap/sync", (req, ex) -> ex.send(500, "text/plain", "database on fire"));
            slow.on("/tap/tables", (req, ex) -> ex.hang());
            // the real service's tables from the registry (its quirk services are not running here)
            List<TapTable> tables = new ArrayList<>(SedSearch.builder().registry(Registry.of(LocalVo.tap()))
                    .position(RA, DEC).build().discover().stream()
                    .filter(t -> t.accessUrl().equals(LocalVo.tap())).toList());
            tables.add(new TapTable(bad.uri("/tap"), "phot.broken"));
            tables.add(new TapTable(slow.uri("/tap"), "phot.slow"));
            tables.add(new TapTable(noQuery.uri("/tap"), "vostars.main"));
            long t0 = System.nanoTime();
            SedResult r = SedSearch.builder().tables(tables).position(RA, DEC).radiusArcsec(RADIUS)
                    .timeout(Duration.ofSeconds(3)).build().run();
            double secs = (System.nanoTime() - t0) / 1e9;
            assertThat(secs).isLessThan(3 + 2.5);
            assertThat(r.asked()).isEqualTo(tables.size());
            assertThat(r.answered()).isEqualTo(tables.size() - 3);
            assertThat(r.points()).isNotEmpty().allMatch(p -> p.service().equals(LocalVo.tap()));
            assertThat(r.failures()).hasSize(3);
            SedFailure q = r.failures().stream().filter(f -> f.service().equals(noQuery.uri("/tap"))).findFirst()
                    .orElseThrow();
            assertThat(q.phase()).isEqualTo("query");
            assertThat(q.message()).contains("query engine down");
            SedFailure b = r.failures().stream().filter(f -> f.table().equals("phot.broken")).findFirst().orElseThrow();
            assertThat(b.phase()).isEqualTo("metadata");
            assertThat(b.message()).contains("database on fire");
            SedFailure s = r.failures().stream().filter(f -> f.table().equals("phot.slow")).findFirst().orElseThrow();
            assertThat(s.errorClass()).isEqualTo("DeadlineException");
            assertThat(r.table().getParameterByName("failure_1")).isNotNull();
        }
    }

    private static String fetch(java.net.URI u) throws IOException, InterruptedException {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        return c.send(java.net.http.HttpRequest.newBuilder(u).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String key(double wavelength, String value, String column, Object ra, Object dec) {
        return wavelength + " " + Double.parseDouble(value) + " " + column + " " + ((Number) ra).doubleValue() + " "
                + ((Number) dec).doubleValue();
    }

    /** The band file parsed here, independently of {@link BandTable}. */
    private static Map<String, Double> bandFile() throws IOException {
        Map<String, Double> out = new HashMap<>();
        try (InputStream in = BandTable.class.getResourceAsStream("bands.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split(",");
                    out.put(f[0], Double.valueOf(f[1]));
                }
            }
        }
        return out;
    }
}
