package org.vokit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.adql.AdqlTemplate;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;
import org.vokit.testing.LocalVo;
import uk.ac.starlink.table.RowSequence;

/**
 * The registry client against the local VO's RegTAP tables ({@code rr.*} in DaCHS). Every
 * expectation comes from the same tables, asked directly with hand-written RegTAP queries, so
 * the client must agree with the data, whatever the data are.
 */
class RegistryIT {

    private static Registry registry;
    private static Registry plain;
    private static TapService direct;
    private static SearchResult everything;

    @BeforeAll
    static void setUp() throws IOException {
        LocalVo.require();
        registry = Registry.of(LocalVo.tap());
        plain = Registry.builder(LocalVo.tap()).features(RenderContext.minimal()).build();
        direct = TapService.of(LocalVo.tap());
        everything = registry.searchResult();
    }

    /** Returns a resource from the search for everything, made once for the class. */
    private static RegistryResource byId(String ivoid) {
        return everything.resources().stream().filter(r -> r.ivoid().equals(ivoid)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ivoid + " in " + everything.resources()));
    }

    /** Runs a hand-written query and returns the first column's values. */
    private static Set<String> column(String adql) throws IOException {
        TapResult r = direct.runSync(adql);
        Set<String> out = new TreeSet<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object v = rows.getCell(0);
                if (v != null) {
                    out.add(v.toString().strip());
                }
            }
        }
        return out;
    }

    /** Runs a hand-written query and returns the first two columns of each row. */
    private static List<String[]> pairs(String adql) throws IOException {
        TapResult r = direct.runSync(adql);
        List<String[]> out = new ArrayList<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object a = rows.getCell(0);
                Object b = rows.getCell(1);
                out.add(new String[] {a == null ? null : a.toString().strip(), b == null ? null : b.toString().strip()});
            }
        }
        return out;
    }

    /** Groups the second column by the first. */
    private static Map<String, Set<String>> grouped(String adql) throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        for (String[] p : pairs(adql)) {
            Set<String> values = out.computeIfAbsent(p[0], k -> new TreeSet<>());
            if (p[1] != null) {
                values.add(p[1]);
            }
        }
        return out;
    }

    private static Set<String> ivoids(List<RegistryResource> rs) {
        Set<String> out = new TreeSet<>();
        rs.forEach(r -> out.add(r.ivoid()));
        return out;
    }

    /** Searches results by constraints (records compare by value), so tests share searches. */
    private static final Map<List<Constraint>, Set<String>> SEARCHES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Set<String> found(Constraint... cs) throws IOException {
        List<Constraint> key = List.of(cs);
        Set<String> r = SEARCHES.get(key);
        if (r == null) {
            r = ivoids(registry.search(cs));
            SEARCHES.put(key, r);
        }
        return r;
    }

    // ------------------------------------------------------------ searching

    @Test
    void aSearchWithoutConstraintsReturnsEveryResourceInOneQuery() throws IOException {
        SearchResult r = everything;
        assertThat(r.queries()).hasSize(1);
        assertThat(r.overflowed()).isFalse();
        Set<String> all = column("SELECT ivoid FROM rr.resource");
        assertThat(all).isNotEmpty();
        assertThat(ivoids(r.resources())).isEqualTo(all);
        assertThat(r.resources()).extracting(RegistryResource::ivoid).isSorted();

        Map<String, Set<String>> urls = grouped("SELECT ivoid, access_url FROM rr.interface");
        Map<String, Set<String>> caps = grouped("SELECT ivoid, cap_index FROM rr.capability");
        Map<String, Set<String>> subjects = grouped("SELECT ivoid, res_subject FROM rr.res_subject");
        for (RegistryResource res : r.resources()) {
            Set<String> got = new TreeSet<>();
            res.interfaces().forEach(i -> got.add(i.accessUrl()));
            assertThat(got).as("interfaces of %s", res.ivoid()).isEqualTo(urls.getOrDefault(res.ivoid(), Set.of()));
            Set<String> capIndexes = new TreeSet<>();
            res.capabilities().forEach(c -> capIndexes.add(Integer.toString(c.index())));
            assertThat(capIndexes).as("capabilities of %s", res.ivoid())
                    .isEqualTo(caps.getOrDefault(res.ivoid(), Set.of()));
            assertThat(new TreeSet<>(res.subjects())).as("subjects of %s", res.ivoid())
                    .isEqualTo(subjects.getOrDefault(res.ivoid(), Set.of()));
        }
    }

    @Test
    void thePlainAdqlPathFindsTheSameRecordsInTwoQueries() throws IOException {
        SearchResult full = everything;
        SearchResult twoStep = plain.searchResult();
        assertThat(twoStep.queries()).hasSize(2);
        assertThat(twoStep.queries().get(0)).doesNotContain("ivo_").doesNotContain("UNION");
        assertThat(twoStep.resources()).isEqualTo(full.resources());
    }

    /**
     * The constraints whose ADQL differs with the registry's features must find the same
     * resources either way. (The word is chosen so that ivo_hasword's stemming and a substring
     * match agree: in general they need not.)
     */
    @Test
    void constraintFormsFindTheSameWithAndWithoutUnionAndUdfs() throws IOException {
        List<Constraint> cs = List.of(Keywords.of("planetary"), DataModel.of("regtap"), Waveband.of("infrared"));
        for (Constraint c : cs) {
            Set<String> withFeatures = found(c);
            assertThat(withFeatures).as("%s finds something", c).isNotEmpty();
            assertThat(ivoids(plain.search(c))).as("%s without features", c).isEqualTo(withFeatures);
        }
    }

    @Test
    void serviceTypesMatchTheCapabilities() throws IOException {
        List<String[]> caps = pairs("SELECT ivoid, standard_id FROM rr.capability");
        Map<String, java.util.function.Predicate<String>> expected = Map.of(
                "tap", id -> id.equals("ivo://ivoa.net/std/tap"),
                "scs", id -> id.equals("ivo://ivoa.net/std/conesearch"),
                "ssa", id -> id.equals("ivo://ivoa.net/std/ssa"),
                "sia2", id -> id.startsWith("ivo://ivoa.net/std/sia#query-2"));
        for (Map.Entry<String, java.util.function.Predicate<String>> e : expected.entrySet()) {
            Set<String> want = new TreeSet<>();
            caps.stream().filter(p -> p[1] != null && e.getValue().test(p[1])).forEach(p -> want.add(p[0]));
            assertThat(want).as(e.getKey()).isNotEmpty();
            assertThat(found(ServiceType.of(e.getKey()))).as(e.getKey()).isEqualTo(want);
        }
        Set<String> tapOrAux = new TreeSet<>();
        caps.stream().filter(p -> "ivo://ivoa.net/std/tap".equals(p[1]) || "ivo://ivoa.net/std/tap#aux".equals(p[1]))
                .forEach(p -> tapOrAux.add(p[0]));
        Set<String> withAux = found(ServiceType.of("tap").withAux());
        assertThat(withAux).isEqualTo(tapOrAux).hasSizeGreaterThan(found(ServiceType.of("tap")).size());
    }

    @Test
    void dataModelsFindTheTapServiceAndTheTables() throws IOException {
        List<String[]> models = pairs("SELECT ivoid, detail_value FROM rr.res_detail"
                + " WHERE detail_xpath = '/capability/dataModel/@ivo-id'");
        List<String[]> utypes = pairs("SELECT ivoid, table_utype FROM rr.res_table");
        Map<String, List<String>> prefixes = Map.of(
                "obscore", List.of("ivo://ivoa.net/std/obscore"),
                "epntap", List.of("ivo://ivoa.net/std/epntap#table-2."),
                "regtap", List.of("ivo://ivoa.net/std/regtap#1."));
        for (Map.Entry<String, List<String>> e : prefixes.entrySet()) {
            Set<String> want = new TreeSet<>();
            for (String[] p : models) {
                if (p[1] != null && e.getValue().stream().anyMatch(x -> p[1].toLowerCase(java.util.Locale.ROOT).startsWith(x))) {
                    want.add(p[0]);
                }
            }
            if (!e.getKey().equals("regtap")) {
                String tablePrefix = e.getKey().equals("obscore") ? "ivo://ivoa.net/std/obscore#table-"
                        : "ivo://ivoa.net/std/epntap#table-2.";
                utypes.stream().filter(p -> p[1] != null && p[1].toLowerCase(java.util.Locale.ROOT).startsWith(tablePrefix))
                        .forEach(p -> want.add(p[0]));
            }
            assertThat(want).as(e.getKey()).isNotEmpty();
            assertThat(found(DataModel.of(e.getKey()))).as(e.getKey()).isEqualTo(want);
        }
    }

    @Test
    void keywordsSearchDescriptionsTitlesAndSubjects() throws IOException {
        Set<String> want = column("SELECT ivoid FROM rr.resource WHERE 1 = ivo_hasword(res_description, 'planetary')"
                + " OR 1 = ivo_hasword(res_title, 'planetary')"
                + " OR ivoid IN (SELECT ivoid FROM rr.res_subject WHERE res_subject LIKE '%planetary%')");
        assertThat(want).isNotEmpty();
        assertThat(found(Keywords.of("planetary"))).isEqualTo(want);
        Set<String> both = found(Keywords.of("planetary", "granules"));
        assertThat(both).isNotEmpty();
        assertThat(want).containsAll(both);
        assertThat(found(Keywords.of("planetary", "no-such-word-anywhere"))).isEmpty();
    }

    @Test
    void hostileTextIsJustText() throws IOException {
        List<String> hostile = ConstraintRenderingTest.HOSTILE;
        assertThat(found(Keywords.any("x' OR 1=1 --", "'); DROP TABLE rr.resource; --", "naïve 日本語 Ångström",
                "{word} }{ {{x}}"))).isEmpty();
        assertThat(found(Ucd.of(hostile.stream().map(s -> s.replaceAll("\\s+", "")).toArray(String[]::new)))).isEmpty();
        Set<String> obrien = column("SELECT ivoid FROM rr.res_role WHERE base_role = 'contributor'"
                + " AND role_name LIKE 'O''Brien%'");
        assertThat(obrien).isNotEmpty();
        assertThat(found(Author.withRole("O'Brien%", "contributor"))).isEqualTo(obrien);
        assertThat(ivoids(plain.search(Author.withRole("O'Brien%", "contributor")))).isEqualTo(obrien);
    }

    @Test
    void ucdWavebandAndCoverageConstraints() throws IOException {
        Set<String> pm = column("SELECT DISTINCT ivoid FROM rr.table_column WHERE ucd LIKE 'pos.pm%'");
        assertThat(pm).contains("ivo://vokit.test/vostars/q/cone");
        assertThat(found(Ucd.of("pos.pm%"))).isEqualTo(pm);

        assertThat(found(Waveband.of("infrared")))
                .isEqualTo(column("SELECT ivoid FROM rr.resource WHERE 1 = ivo_hashlist_has(waveband, 'infrared')"));
        assertThat(found(Spatial.circle(150, 2.2, 0.1))).isEqualTo(column("SELECT ivoid FROM rr.stc_spatial"
                + " WHERE 1 = INTERSECTS(CIRCLE(150, 2.2, 0.1), coverage)")).isNotEmpty();
        assertThat(found(Spatial.point(150, 2.2))).isEqualTo(column("SELECT ivoid FROM rr.stc_spatial"
                + " WHERE 1 = CONTAINS(POINT(150, 2.2), coverage)"));
        assertThat(found(Temporal.mjd(55000, 55001))).isEqualTo(column("SELECT ivoid FROM rr.stc_temporal"
                + " WHERE time_start <= 55001 AND time_end >= 55000")).isNotEmpty();
        Spectral blue = Spectral.wavelength(4.0e-7, 4.1e-7);
        assertThat(found(blue)).isEqualTo(column(AdqlTemplate.of("SELECT ivoid FROM rr.stc_spectral"
                + " WHERE spectral_start <= {hi} AND spectral_end >= {lo}")
                .value("hi", blue.maxJoule()).value("lo", blue.minJoule()).render())).isNotEmpty();
        assertThat(registry.regTapTables()).contains("rr.stc_spatial", "rr.stc_spectral", "rr.stc_temporal");

        // a MOC of the order-6 HEALPix cell around the cluster, as the service itself numbers it
        Object cell = direct.runSync("SELECT TOP 1 ivo_healpix_index(6, 150.0, 2.2) AS c FROM rr.resource").cell(0, 0);
        String moc = "6/" + ((Number) cell).longValue();
        assertThat(found(Spatial.moc(moc))).isEqualTo(column(AdqlTemplate.of("SELECT ivoid FROM rr.stc_spatial"
                + " WHERE 1 = INTERSECTS(MOC({moc}), coverage)").value("moc", moc).render()))
                .contains("ivo://vokit.test/vostars/q/cone");
    }

    @Test
    void constraintsCombineWithAnd() throws IOException {
        Set<String> a = found(ServiceType.of("tap").withAux());
        Set<String> b = found(Waveband.of("infrared"));
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        assertThat(both).isNotEmpty().isNotEqualTo(a);
        assertThat(found(ServiceType.of("tap").withAux(), Waveband.of("infrared"))).isEqualTo(both);
    }

    // ------------------------------------------------------------ resources

    @Test
    void resolveFindsOneResourceByIdentifier() throws IOException {
        String id = "ivo://vokit.test/vostars/q/cone";
        RegistryResource stars = registry.resolve(id.toUpperCase(java.util.Locale.ROOT)).orElseThrow();
        assertThat(stars.ivoid()).isEqualTo(id);
        assertThat(stars).isEqualTo(byId(id));
        assertThat(Set.of(stars.title())).isEqualTo(column(AdqlTemplate.of(
                "SELECT res_title FROM rr.resource WHERE ivoid = {id}").value("id", id).render()));
        assertThat(stars.contact()).map(Contact::email).isEqualTo(java.util.Optional.of(column(AdqlTemplate.of(
                "SELECT email FROM rr.res_role WHERE base_role = 'contact' AND ivoid = {id}").value("id", id).render())
                .iterator().next()));
        assertThat(registry.resolve("ivo://vokit.test/no/such/thing")).isEmpty();
        assertThat(stars.describe()).contains(id).contains(stars.service("scs").toString());
    }

    @Test
    void serviceAmbiguityListsTheCandidates() throws IOException {
        RegistryResource images = byId("ivo://vokit.test/voimg/q/im");
        Set<String> imageUrls = column("SELECT access_url FROM rr.interface NATURAL JOIN rr.capability"
                + " WHERE ivoid = 'ivo://vokit.test/voimg/q/im' AND standard_id LIKE 'ivo://ivoa.net/std/sia%'");
        assertThat(imageUrls).hasSize(2);
        ServiceSelectionException e = catchThrowableOfType(ServiceSelectionException.class,
                () -> images.service("image"));
        assertThat(e.candidates()).extracting(RegInterface::accessUrl).containsExactlyInAnyOrderElementsOf(imageUrls);
        for (String url : imageUrls) {
            assertThat(e.getMessage()).contains(url);
        }
        assertThat(imageUrls).contains(images.service("image", "version 2").toString(), images.service("sia").toString());
    }

    @Test
    void tablesComeWithUtypesAndUcdsInOneQueryAndAreKept() throws IOException {
        RegistryResource obscore = byId("ivo://vokit.test/__system__/obscore/obscore");
        List<RegTable> tables = obscore.tables();
        assertThat(tables).extracting(RegTable::name).containsExactlyElementsOf(column(
                "SELECT table_name FROM rr.res_table WHERE ivoid = 'ivo://vokit.test/__system__/obscore/obscore'"));
        RegTable t = tables.get(0);
        assertThat(Set.of(t.utype())).isEqualTo(column("SELECT table_utype FROM rr.res_table"
                + " WHERE ivoid = 'ivo://vokit.test/__system__/obscore/obscore'"));
        assertThat(Set.of(Integer.toString(t.columns().size()))).isEqualTo(column("SELECT COUNT(*) FROM rr.table_column"
                + " WHERE ivoid = 'ivo://vokit.test/__system__/obscore/obscore'"));
        assertThat(obscore.tables()).isSameAs(tables);

        RegistryResource stars = byId("ivo://vokit.test/vostars/q/cone");
        RegTable main = stars.tables().get(0);
        Set<String> pmCols = column("SELECT name FROM rr.table_column WHERE ivoid = 'ivo://vokit.test/vostars/q/cone'"
                + " AND ucd LIKE 'pos.pm;%'");
        assertThat(pmCols).isNotEmpty();
        for (String c : pmCols) {
            assertThat(main.column(c)).hasValueSatisfying(col -> {
                assertThat(col.ucd()).startsWith("pos.pm;");
                assertThat(col.unit()).isNotBlank();
            });
        }
    }

    @Test
    void theOpenedTapServiceAnswers() throws IOException {
        RegistryResource stars = byId("ivo://vokit.test/vostars/q/cone");
        TapService tap = stars.tapService();
        assertThat(tap.baseUrl()).isEqualTo(LocalVo.tap());
        TapResult r = tap.runSync("SELECT COUNT(*) AS n FROM vostars.main");
        assertThat(((Number) r.cell(0, 0)).longValue()).isPositive();
    }

    @Test
    void theTypedOpenersReachTheSimpleServices() throws IOException {
        RegistryResource stars = byId("ivo://vokit.test/vostars/q/cone");
        long inCone = ((Number) direct.runSync("SELECT COUNT(*) AS n FROM vostars.main"
                + " WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.01))").cell(0, 0)).longValue();
        assertThat(inCone).isPositive();
        assertThat(stars.coneService().accessUrl()).isEqualTo(stars.service("scs"));
        assertThat(stars.coneService().search(10, 20, 0.01).size()).isEqualTo(inCone);
        RegistryResource spectra = byId("ivo://vokit.test/vospec/q/ssa");
        assertThat(spectra.ssaService().search(10, 20, 0.1).size()).isPositive();
        RegistryResource images = byId("ivo://vokit.test/voimg/q/im");
        assertThat(images.siaService().accessUrl()).isEqualTo(images.service("sia"));
        assertThat(images.sia2Service().accessUrl()).isEqualTo(images.service("sia2"));
    }

    // ----------------------------------------------------------- VO-wide TAP

    @Test
    void theCoursesVoWideTableQueryRunsThroughTheRegistry() throws IOException {
        String course = "SELECT DISTINCT access_url, table_name FROM rr.interface NATURAL JOIN rr.capability"
                + " NATURAL JOIN rr.res_table NATURAL JOIN rr.table_column NATURAL JOIN rr.stc_spatial"
                + " WHERE standard_id LIKE 'ivo://ivoa.net/std/tap%' AND ucd LIKE 'pos.pm%'"
                + " AND 1=INTERSECTS(CIRCLE(150, 2.2, 0.1), coverage)"
                + " AND (table_type!='output' OR table_type IS NULL)";
        TapResult expected = direct.runSync(course);
        Set<List<String>> want = new LinkedHashSet<>();
        try (RowSequence rows = expected.rows()) {
            while (rows.next()) {
                want.add(List.of(rows.getCell(0).toString(), rows.getCell(1).toString()));
            }
        }
        assertThat(want).isNotEmpty();
        List<TapTable> got = registry.tapTablesWithUcd("pos.pm%", Spatial.circle(150, 2.2, 0.1));
        Set<List<String>> gotPairs = new LinkedHashSet<>();
        got.forEach(t -> gotPairs.add(List.of(t.accessUrl().toString(), t.tableName())));
        assertThat(gotPairs).isEqualTo(want);
        assertThat(registry.tapTablesWithUcd("pos.pm%", Spatial.circle(200, -60, 0.5))).isEmpty();
        assertThat(registry.renderTapTablesQuery("pos.pm%")).contains("tap#aux");

        for (TapTable t : got) {
            TapService svc = t.tapService(registry.http());
            TapResult rows = svc.runSync(AdqlTemplate.of("SELECT TOP 3 * FROM {t}").table("t", t.tableName()).render());
            assertThat(rows.rowCount()).isEqualTo(3);
            assertThat(rows.columns()).anySatisfy(c -> assertThat(c.ucd()).startsWithIgnoringCase("pos.pm"));
        }
    }

    @Test
    void figureTimeOfASearchForEveryResource() throws IOException {
        List<Long> millis = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            n = registry.search().size();
            millis.add((System.nanoTime() - t0) / 1_000_000);
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println("FIGURE registry search for every resource (" + n + " resources, one query, warm):"
                + " median " + sorted[1] + " ms, runs " + Arrays.toString(sorted));
        assertThat(sorted[1]).isLessThan(10_000);
    }

    @Test
    void theRegistryEndpointIsTheOneGiven() {
        assertThat(registry.endpoint()).isEqualTo(LocalVo.tap());
        assertThat(Registry.DEFAULT_ENDPOINT).isEqualTo(URI.create("http://reg.g-vo.org/tap"));
    }
}
