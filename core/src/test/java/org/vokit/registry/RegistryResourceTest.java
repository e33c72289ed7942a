package org.vokit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vokit.tap.TapResult;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StoragePolicy;

/**
 * Registry records built from answers captured from the local DaCHS registry: both ways of
 * fetching a search (aggregated in one query, or resources then details) must give the same
 * records, and choosing a service must pick the right interface, list the candidates when it
 * cannot, and never hand out a non-http URL.
 */
class RegistryResourceTest {

    private static final URI SRC = URI.create("http://127.0.0.1:8089/tap/sync");

    private static Map<String, RegistryResource> aggregated;
    private static Rows.Aggregated parsed;

    static TapResult load(String name) throws IOException {
        RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
        DocumentInfo info;
        try (InputStream in = RegistryResourceTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            info = VotableReader.read(in, SRC, store, true);
        }
        return new TapResult(store.getStarTable(), info, SRC);
    }

    @BeforeAll
    static void parseCapturedSearch() throws IOException {
        parsed = Rows.aggregated(load("dachs-search-all.vot"), SRC);
        aggregated = new LinkedHashMap<>();
        for (Map<String, String> res : parsed.resources()) {
            RegistryResource r = Rows.resource(res, parsed.parts().get(res.get("ivoid")), null);
            aggregated.put(r.ivoid(), r);
        }
    }

    private static RegistryResource get(String ivoid) {
        RegistryResource r = aggregated.get(ivoid);
        assertThat(r).as(ivoid).isNotNull();
        return r;
    }

    @Test
    void theAggregatedAnswerSplitsEvenly() {
        assertThat(parsed.consistent()).isTrue();
        assertThat(aggregated.keySet()).hasSize(parsed.resources().size()).contains("ivo://vokit.test",
                "ivo://vokit.test/tap", "ivo://vokit.test/vostars/q/cone");
    }

    @Test
    void bothWaysOfFetchingGiveTheSameRecords() throws IOException {
        List<Map<String, String>> resources = Rows.resources(load("dachs-resources-all.vot"), SRC);
        Map<String, Rows.Parts> details = new LinkedHashMap<>();
        Rows.details(load("dachs-details-all.vot"), SRC, details);
        Map<String, RegistryResource> separate = resources.stream()
                .map(m -> Rows.resource(m, details.getOrDefault(m.get("ivoid"), new Rows.Parts()), null))
                .collect(Collectors.toMap(RegistryResource::ivoid, Function.identity()));
        assertThat(separate).hasSameSizeAs(aggregated);
        for (RegistryResource r : aggregated.values()) {
            assertThat(separate.get(r.ivoid())).as(r.ivoid()).isEqualTo(r);
        }
    }

    @Test
    void aRecordCarriesItsMetadata() {
        RegistryResource stars = get("ivo://vokit.test/vostars/q/cone");
        assertThat(stars.title()).isEqualTo("vokit Test Star Catalogue");
        assertThat(stars.shortName()).isEqualTo("vokit stars");
        assertThat(stars.resourceType()).isEqualTo("vs:catalogservice");
        assertThat(stars.wavebands()).containsExactly("optical", "infrared");
        assertThat(stars.subjects()).contains("proper-motions", "photometry").isSorted();
        assertThat(stars.creators()).containsExactly("vokit developers");
        assertThat(stars.contentTypes()).containsExactly("catalog");
        assertThat(stars.contact()).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("vokit developers");
            assertThat(c.toString()).isEqualTo("vokit developers <vokit-test@invalid>");
        });
        assertThat(get("ivo://vokit.test/voimg/q/im").contact()).isEmpty();
        assertThat(get("ivo://vokit.test").capabilities()).isEmpty();
    }

    @Test
    void capabilitiesAndInterfacesKeepTheirStructure() {
        RegistryResource stars = get("ivo://vokit.test/vostars/q/cone");
        assertThat(stars.capabilities()).extracting(Capability::index).containsExactly(1, 2, 3);
        Capability cone = stars.capabilities().get(0);
        assertThat(cone.standardId()).isEqualTo("ivo://ivoa.net/std/conesearch");
        assertThat(cone.interfaces()).singleElement().satisfies(i -> {
            assertThat(i.isStandard()).isTrue();
            assertThat(i.type()).isEqualTo("vs:paramhttp");
            assertThat(i.accessUrl()).endsWith("/vostars/q/cone/scs.xml?");
        });
        Capability web = stars.capabilities().get(2);
        assertThat(web.standardId()).isNull();
        assertThat(web.interfaces()).singleElement().satisfies(i -> assertThat(i.isWebBrowser()).isTrue());
        assertThat(stars.capabilities().get(1).isAux()).isTrue();
        assertThat(stars.capabilities().get(1).provides("tap")).isTrue();
        assertThat(cone.provides("tap")).isFalse();
    }

    @Test
    void accessModesLeaveOutVosi() {
        assertThat(get("ivo://vokit.test/vostars/q/cone").accessModes()).containsExactly("conesearch", "tap#aux", "web");
        assertThat(get("ivo://vokit.test/tap").accessModes()).containsExactly("dali#examples", "tap");
        assertThat(get("ivo://vokit.test/voimg/q/im").accessModes()).contains("sia", "sia2", "tap#aux");
        assertThat(get("ivo://vokit.test").accessModes()).isEmpty();
    }

    @Test
    void serviceFindsTheOneStandardInterface() {
        RegistryResource stars = get("ivo://vokit.test/vostars/q/cone");
        assertThat(stars.service("scs").toString()).endsWith("/vostars/q/cone/scs.xml?");
        assertThat(stars.service("conesearch")).isEqualTo(stars.service("scs"));
        assertThat(stars.service("tap").getPath()).isEqualTo("/tap");
        assertThat(stars.service("web").getPath()).isEqualTo("/vostars/q/cone/form");
        assertThat(get("ivo://vokit.test/tap").service("tap").getPath()).isEqualTo("/tap");
        RegistryResource images = get("ivo://vokit.test/voimg/q/im");
        assertThat(images.service("sia").getPath()).isEqualTo("/voimg/q/im/siap.xml");
        assertThat(images.service("sia2").getPath()).isEqualTo("/voimg/q/siap2/siap2.xml");
        assertThat(images.service("datalink").getPath()).isEqualTo("/voimg/q/dl/dlmeta");
    }

    @Test
    void ambiguityFailsListingTheCandidates() {
        RegistryResource images = get("ivo://vokit.test/voimg/q/im");
        ServiceSelectionException e = catchThrowableOfType(ServiceSelectionException.class,
                () -> images.service("image"));
        assertThat(e.candidates()).hasSize(2);
        assertThat(e.getMessage()).contains("ivo://vokit.test/voimg/q/im").contains("2 'image' interfaces")
                .contains(images.service("sia").toString()).contains(images.service("sia2").toString())
                .contains("SIAP version 1 image search.").contains("service(type, keyword)").contains("serviceLax");
        assertThat(images.service("image", "VERSION 2")).isEqualTo(images.service("sia2"));
        assertThat(images.serviceLax("image")).isEqualTo(images.service("sia"));
        assertThatThrownBy(() -> images.service("image", "version 3")).isInstanceOf(ServiceSelectionException.class)
                .hasMessageContaining("mentions 'version 3'");
    }

    @Test
    void aMissingKindFailsListingWhatThereIs() {
        RegistryResource stars = get("ivo://vokit.test/vostars/q/cone");
        ServiceSelectionException e = catchThrowableOfType(ServiceSelectionException.class, () -> stars.service("ssa"));
        assertThat(e.candidates()).isEmpty();
        assertThat(e.getMessage()).contains("ivo://vokit.test/vostars/q/cone").contains("'ssa'")
                .contains("conesearch, tap#aux, web");
        assertThatThrownBy(() -> stars.service("warp-drive")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> get("ivo://vokit.test/tap").service("vosi"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RegistryResource synthetic(Capability... caps) {
        return new RegistryResource("ivo://example/x", null, "x", "X", null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), null, List.of(caps), List.of(), null);
    }

    private static Capability cap(int index, String std, String... urls) {
        List<RegInterface> intfs = java.util.Arrays.stream(urls)
                .map(u -> new RegInterface(std, null, "std", "vs:paramhttp", u)).toList();
        return new Capability(index, std, "capability " + index, intfs);
    }

    @Test
    void accessUrlsThatAreNotHttpAreNeverReturned() {
        RegistryResource local = synthetic(cap(1, "ivo://ivoa.net/std/tap", "file:///etc/passwd"));
        assertThatThrownBy(() -> local.service("tap")).isInstanceOf(ServiceSelectionException.class)
                .hasMessageContaining("http(s)").hasMessageContaining("file:///etc/passwd");
        assertThatThrownBy(local::tapService).isInstanceOf(ServiceSelectionException.class);
        RegistryResource mixed = synthetic(cap(1, "ivo://ivoa.net/std/tap", "file:///etc/passwd"),
                cap(2, "ivo://ivoa.net/std/tap", "https://example.org/tap"));
        assertThat(mixed.service("tap")).isEqualTo(URI.create("https://example.org/tap"));
        assertThat(new RegInterface(null, null, null, null, "ftp://example.org/x").httpUrl()).isEmpty();
        assertThat(new RegInterface(null, null, null, null, "http://exa mple/").httpUrl()).isEmpty();
    }

    @Test
    void sameUrlIsNotAmbiguousAndDirectBeatsAuxiliary() {
        RegistryResource same = synthetic(cap(1, "ivo://ivoa.net/std/tap", "http://example.org/tap"),
                cap(2, "ivo://ivoa.net/std/tap#aux", "http://example.org/tap"));
        assertThat(same.service("tap")).isEqualTo(URI.create("http://example.org/tap"));
        RegistryResource both = synthetic(cap(1, "ivo://ivoa.net/std/tap#aux", "http://site.example.org/tap"),
                cap(2, "ivo://ivoa.net/std/tap", "http://own.example.org/tap"));
        assertThat(both.service("tap")).isEqualTo(URI.create("http://own.example.org/tap"));
        RegistryResource nonStd = synthetic(new Capability(1, "ivo://ivoa.net/std/tap", null,
                List.of(new RegInterface("ivo://ivoa.net/std/tap", null, null, "vs:paramhttp", "http://a/tap"))));
        assertThatThrownBy(() -> nonStd.service("tap")).isInstanceOf(ServiceSelectionException.class);
    }

    @Test
    void describeIsReadable() {
        RegistryResource stars = get("ivo://vokit.test/vostars/q/cone");
        String d = stars.describe();
        assertThat(d.lines().findFirst()).contains("vokit Test Star Catalogue");
        assertThat(d).contains("IVOA identifier: ivo://vokit.test/vostars/q/cone")
                .contains("Access modes: conesearch, tap#aux, web")
                .contains("- conesearch: " + stars.service("scs"))
                .contains("Contact: vokit developers <vokit-test@invalid>")
                .contains("Waveband coverage: optical, infrared");
        assertThat(d.lines().filter(l -> !l.startsWith("- ") && !l.startsWith("More") && !l.startsWith("Subjects")))
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(78));
        assertThat(d).contains(stars.description().substring(0, 20));
    }

    @Test
    void tablesOfAResourceCarryUtypesAndUcds() throws IOException {
        List<RegTable> tables = Rows.tables(load("dachs-tables-obscore.vot"), SRC);
        assertThat(tables).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("ivoa.obscore");
            assertThat(t.utype()).isEqualTo("ivo://ivoa.net/std/obscore#table-1.1");
            assertThat(t.isQueryable()).isTrue();
            assertThat(t.columns()).hasSizeGreaterThan(20);
            assertThat(t.column("S_RA")).hasValueSatisfying(c -> {
                assertThat(c.ucd()).isEqualTo("pos.eq.ra");
                assertThat(c.unit()).isEqualTo("deg");
            });
            assertThat(t.columnsWithUcd("POS.EQ.DEC")).extracting(RegColumn::name).containsExactly("s_dec");
        });
        assertThat(new RegTable("x", null, null, null, "output", List.of()).isQueryable()).isFalse();
        assertThatThrownBy(() -> get("ivo://vokit.test/tap").tables()).isInstanceOf(IllegalStateException.class);
    }

    private static TapResult oneRow(Map<Queries.Detail, String> values) {
        List<ColumnInfo> cols = new java.util.ArrayList<>();
        for (String c : Queries.RESOURCE_COLUMNS) {
            cols.add(new ColumnInfo(c, String.class, null));
        }
        List<Queries.Detail> kinds = java.util.Arrays.stream(Queries.Detail.values())
                .filter(d -> !d.onlyInDetails()).toList();
        for (Queries.Detail d : kinds) {
            cols.add(new ColumnInfo(d.alias(), String.class, null));
        }
        RowListStarTable t = new RowListStarTable(cols.toArray(new ColumnInfo[0]));
        Object[] row = new Object[cols.size()];
        row[0] = "ivo://example/odd";
        for (int i = 0; i < kinds.size(); i++) {
            row[Queries.RESOURCE_COLUMNS.size() + i] = values.get(kinds.get(i));
        }
        t.addRow(row);
        return new TapResult(t, new DocumentInfo(List.of(), "OK", false, 1), SRC);
    }

    @Test
    void keyedItemsNeedNoCommonOrder() throws IOException {
        String s = Queries.SEP;
        String k = Queries.KEY_SEP;
        Map<Queries.Detail, String> v = new java.util.EnumMap<>(Queries.Detail.class);
        v.put(Queries.Detail.STANDARD_ID, "1" + k + "ivo://ivoa.net/std/tap" + s + "2" + k + "ivo://ivoa.net/std/ssa");
        v.put(Queries.Detail.ACCESS_URL, "2.7" + k + "http://b/ssa" + s + "1.3" + k + "http://a/tap" + s + "2.7"
                + k + "http://b/ssa");
        v.put(Queries.Detail.INTF_ROLE, "1.3" + k + "std" + s + "2.7" + k + "std");
        v.put(Queries.Detail.CONTACT_NAME, "Ann" + s + "Ann");
        v.put(Queries.Detail.CONTACT_EMAIL, "Ann" + k + "ann@example.org");
        Rows.Aggregated a = Rows.aggregated(oneRow(v), SRC);
        assertThat(a.consistent()).isTrue();
        RegistryResource r = Rows.resource(a.resources().get(0), a.parts().get("ivo://example/odd"), null);
        assertThat(r.capabilities()).extracting(Capability::index).containsExactly(1, 2);
        assertThat(r.service("tap")).isEqualTo(URI.create("http://a/tap"));
        assertThat(r.service("ssa")).isEqualTo(URI.create("http://b/ssa"));
        assertThat(r.contacts()).containsExactly(new Contact("Ann", "ann@example.org", null));
    }

    @Test
    void anItemThatCannotBeReadIsDetected() throws IOException {
        String k = Queries.KEY_SEP;
        Map<Queries.Detail, String> twoKeys = new java.util.EnumMap<>(Queries.Detail.class);
        twoKeys.put(Queries.Detail.STANDARD_ID, "1" + k + "ivo://ivoa.net/std/tap");
        twoKeys.put(Queries.Detail.CAP_DESCRIPTION, "1" + k + "text that contains" + k + "the key separator");
        assertThat(Rows.aggregated(oneRow(twoKeys), SRC).consistent()).isFalse();
        Map<Queries.Detail, String> badKey = new java.util.EnumMap<>(Queries.Detail.class);
        badKey.put(Queries.Detail.ACCESS_URL, "one.two" + k + "http://x/");
        assertThat(Rows.aggregated(oneRow(badKey), SRC).consistent()).isFalse();
    }
}
