package org.vokit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vokit.tap.TapCapabilities;

/**
 * How constraints render: user values only inside literals (hostile strings included), the
 * forms chosen with and without UNION and user-defined functions, input validation, and the
 * whole search query.
 */
class ConstraintRenderingTest {

    private static final RenderContext FULL = RenderContext.regTap();
    private static final RenderContext PLAIN = RenderContext.minimal();

    static final List<String> HOSTILE = List.of(
            "O'Brien",
            "x' OR 1=1 --",
            "'); DROP TABLE rr.resource; --",
            "naïve 日本語 Ångström",
            "{word} }{ {{x}}",
            "/* not a comment */",
            "back\\slash",
            "tab\tand\nnewline",
            "''''");

    static Stream<Arguments> hostileInEachContext() {
        return HOSTILE.stream().flatMap(s -> Stream.of(Arguments.of(s, FULL), Arguments.of(s, PLAIN)));
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** The code outside literals must show nothing of the hostile text. */
    private static void assertInert(String query) {
        String code = AdqlText.code(query);
        assertThat(code).doesNotContain("--").doesNotContain("/*").doesNotContain("DROP")
                .doesNotContain("1=1").doesNotContain("{").doesNotContain("}").doesNotContain("O'");
        assertThat(code.chars().allMatch(c -> c < 128)).as("only ASCII outside literals: %s", code).isTrue();
        assertThat(AdqlText.balanced(query)).as("balanced parentheses in %s", query).isTrue();
    }

    @ParameterizedTest
    @MethodSource("hostileInEachContext")
    void keywordsStayInsideLiterals(String s, RenderContext ctx) {
        String q = Registry.renderQuery(ctx, Keywords.of(s));
        assertInert(q);
        List<String> lits = AdqlText.literals(q);
        assertThat(lits).contains("%" + collapse(s) + "%");
        if (ctx == FULL) {
            assertThat(lits).contains(collapse(s));
        }
    }

    @ParameterizedTest
    @MethodSource("hostileInEachContext")
    void authorAndUcdPatternsStayInsideLiterals(String s, RenderContext ctx) {
        String ucd = s.replaceAll("\\s+", "");
        String q = Registry.renderQuery(ctx, Author.of(s), Ucd.of(ucd));
        assertInert(q);
        List<String> lits = AdqlText.literals(q);
        assertThat(lits).contains(ucd.toLowerCase(java.util.Locale.ROOT));
        assertThat(lits).contains(ctx == FULL ? collapse(s) : collapse(s).toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @MethodSource("hostileInEachContext")
    void identifiersAndModelsStayInsideLiterals(String s, RenderContext ctx) {
        String id = "ivo://evil/" + s.replaceAll("\\s", "_");
        String q = Registry.renderQuery(ctx, Ivoid.of(id), DataModel.of(id));
        assertInert(q);
        assertThat(AdqlText.literals(q)).contains(id.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void lineBreaksInFreeTextBecomeSpacesAndUcdsHaveNone() {
        assertThat(Keywords.of(" tab\tand\nnewline ").words()).containsExactly("tab and newline");
        assertThat(Author.of("O'Brien,\n J.").pattern()).isEqualTo("O'Brien, J.");
        assertThat(AdqlText.literals(Registry.renderQuery(FULL, Keywords.of("a\r\nb"))))
                .allSatisfy(l -> assertThat(l).doesNotContain("\n").doesNotContain("\r"));
        assertThatThrownBy(() -> Ucd.of("pos.pm\n%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("white space");
        assertThatThrownBy(() -> Ivoid.of("ivo://a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textThatCannotBeSentIsRefusedWhenTheConstraintIsMade() {
        assertThatThrownBy(() -> Keywords.of("nul\u0000byte")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> Ucd.of("half\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keywords.of("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Keywords::of).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class KeywordsForms {

        @Test
        void withUnionAndUdfsOneInListPerWord() {
            String adql = Keywords.of("gaia", "tgas").toAdql(FULL);
            assertThat(adql).contains("UNION").contains("ivo_hasword(res_description, 'gaia')")
                    .contains("ivo_hasword(res_title, 'tgas')")
                    .contains("ivo_nocasematch(res_subject, '%tgas%')");
            assertThat(adql.split("UNION", -1)).hasSize(5);
            assertThat(AdqlText.code(adql)).contains(") AND (");
        }

        @Test
        void withoutUnionOrsAndWithoutUdfsLikes() {
            String adql = Keywords.of("Gaia").toAdql(PLAIN);
            assertThat(adql).doesNotContain("UNION").doesNotContain("ivo_").contains(" OR ")
                    .contains("res_description LIKE '%Gaia%'").contains("res_description LIKE '%gaia%'");
        }

        @Test
        void lowerIsUsedWhenDeclaredButNotTheUdfs() {
            RenderContext ctx = RenderContext.builder().lower(true).build();
            assertThat(Keywords.of("Gaia").toAdql(ctx)).contains("LOWER(res_title) LIKE '%gaia%'");
        }

        @Test
        void anyWordIsAnOr() {
            String code = AdqlText.code(Keywords.any("a", "b").toAdql(FULL));
            assertThat(code).contains(") OR (").doesNotContain(") AND (");
        }

        @Test
        void parseSplitsAtWhiteSpace() {
            assertThat(Keywords.parse("  exoplanet   merged\tcatalogue ").words())
                    .containsExactly("exoplanet", "merged", "catalogue");
        }
    }

    @Nested
    class ServiceTypes {

        @Test
        void tapAloneOrWithAuxiliaryCapabilities() {
            assertThat(ServiceType.of("tap").toAdql(FULL))
                    .isEqualTo("ivoid IN (SELECT ivoid FROM rr.capability WHERE standard_id IN ('ivo://ivoa.net/std/tap')\n)");
            assertThat(AdqlText.literals(ServiceType.of("TAP").withAux().toAdql(FULL)))
                    .containsExactly("ivo://ivoa.net/std/tap", "ivo://ivoa.net/std/tap#aux");
        }

        @Test
        void aliasesMapToTheSameStandard() {
            assertThat(ServiceType.of("conesearch").standardIds()).isEqualTo(ServiceType.of("scs").standardIds())
                    .containsExactly("ivo://ivoa.net/std/conesearch");
            assertThat(ServiceType.of("spectrum").standardIds()).containsExactly("ivo://ivoa.net/std/ssa");
        }

        @Test
        void sia2IsAPrefixOfSiasIdentifier() {
            String adql = ServiceType.of("sia2").toAdql(FULL);
            assertThat(adql).contains("standard_id LIKE 'ivo://ivoa.net/std/sia#query-2%'").doesNotContain(" IN ('");
            assertThat(ServiceType.of("sia2").withAux().standardIdPrefixes())
                    .contains("ivo://ivoa.net/std/sia#query-aux-2");
            assertThat(ServiceType.of("image").toAdql(FULL)).contains("'ivo://ivoa.net/std/sia'")
                    .contains("LIKE 'ivo://ivoa.net/std/sia#query-2%'");
        }

        @Test
        void datalinkAndSodaArePrefixes() {
            assertThat(ServiceType.of("datalink").standardIdPrefixes()).containsExactly("ivo://ivoa.net/std/datalink#links");
            assertThat(ServiceType.of("soda").standardIdPrefixes()).hasSize(2);
        }

        @Test
        void fullIdentifiersAreLowerCased() {
            assertThat(ServiceType.of("ivo://ivoa.net/std/SSA").withAux().standardIds())
                    .containsExactly("ivo://ivoa.net/std/ssa", "ivo://ivoa.net/std/ssa#aux");
        }

        @Test
        void unknownTypesAreRefusedNamingTheKnownOnes() {
            assertThatThrownBy(() -> ServiceType.of("teleport")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("teleport").hasMessageContaining("tap").hasMessageContaining("sia2");
            assertThatThrownBy(() -> ServiceType.of()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class DataModels {

        @Test
        void obscoreLooksAtCapabilityModelsAndTableUtypes() {
            String adql = DataModel.of("ObsCore").toAdql(FULL);
            assertThat(adql).contains("rr.res_detail").contains("rr.res_table").contains("UNION")
                    .contains("detail_xpath = '/capability/dataModel/@ivo-id'")
                    .contains("ivo_nocasematch(detail_value, 'ivo://ivoa.net/std/ObsCore%')")
                    .contains("ivo_nocasematch(table_utype, 'ivo://ivoa.net/std/obscore#table-%')");
        }

        @Test
        void epntapIncludesTheLegacyIdentifiers() {
            assertThat(AdqlText.literals(DataModel.of("epntap").toAdql(FULL)))
                    .contains("ivo://ivoa.net/std/epntap#table-2.%", "ivo://vopdc.obspm/std/epncore#schema-2.%");
        }

        @Test
        void withoutUdfsBothSpellingsAreTried() {
            String adql = DataModel.of("regtap").toAdql(PLAIN);
            assertThat(adql).doesNotContain("UNION").doesNotContain("ivo_")
                    .contains("detail_value LIKE 'ivo://ivoa.net/std/RegTAP#1.%'")
                    .contains("detail_value LIKE 'ivo://ivoa.net/std/regtap#1.%'");
        }

        @Test
        void unknownModelsAreRefused() {
            assertThatThrownBy(() -> DataModel.of("caom")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("obscore, epntap, regtap");
        }
    }

    @Nested
    class SimpleConstraints {

        @Test
        void ucdPatternsAreLowerCasedAndOred() {
            Ucd u = Ucd.of("pos.pm%", "PHOT.MAG;em.IR.%");
            assertThat(u.patterns()).containsExactly("pos.pm%", "phot.mag;em.ir.%");
            assertThat(u.toAdql(PLAIN)).isEqualTo("ivoid IN (SELECT ivoid FROM rr.table_column WHERE"
                    + " ucd LIKE 'pos.pm%' OR ucd LIKE 'phot.mag;em.ir.%'\n)");
        }

        @Test
        void wavebandsUseTheHashListFunctionOrItsEquivalent() {
            assertThat(Waveband.of("Optical").toAdql(FULL)).isEqualTo("1 = ivo_hashlist_has(waveband, 'optical')");
            String plain = Waveband.of("radio", "x-ray").toAdql(PLAIN);
            assertThat(AdqlText.literals(plain)).containsExactly("radio", "radio#%", "%#radio", "%#radio#%",
                    "x-ray", "x-ray#%", "%#x-ray", "%#x-ray#%");
            assertThat(AdqlText.code(plain)).contains(") OR (");
        }

        @Test
        void wavebandTermsAreChecked() {
            assertThatThrownBy(() -> Waveband.of("visible")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("optical");
            assertThat(Waveband.anyTerm("Gravitational-Wave").bands()).containsExactly("gravitational-wave");
            assertThatThrownBy(() -> Waveband.anyTerm("x'y")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void ivoidsAreLowerCasedAndChecked() {
            assertThat(Ivoid.of("IVO://Vokit.Test/TAP").toAdql(PLAIN)).isEqualTo("ivoid = 'ivo://vokit.test/tap'");
            assertThat(Ivoid.of("ivo://a", "ivo://b").toAdql(PLAIN)).isEqualTo("ivoid IN ('ivo://a', 'ivo://b')");
            assertThatThrownBy(() -> Ivoid.of("http://example.org/tap")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ivo://");
        }

        @Test
        void authorsAreCreatorsUnlessAnotherRoleIsNamed() {
            assertThat(Author.of("%Demleitner%").toAdql(FULL)).contains("base_role = 'creator'")
                    .contains("ivo_nocasematch(role_name, '%Demleitner%')");
            assertThat(Author.withRole("x", "Contributor").role()).isEqualTo("contributor");
            assertThatThrownBy(() -> Author.withRole("x", "janitor")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("creator");
        }
    }

    @Nested
    class Coverage {

        @Test
        void spatialRegionsAgainstTheCoverageMoc() {
            assertThat(Spatial.point(150, 2.2).toAdql(FULL))
                    .contains("rr.stc_spatial").contains("1 = CONTAINS(POINT(150.0, 2.2), coverage)");
            assertThat(Spatial.circle(10, -20.5, 0.1).toAdql(FULL))
                    .contains("1 = INTERSECTS(CIRCLE(10.0, -20.5, 0.1), coverage)");
            assertThat(Spatial.polygon(1, 2, 3, 4, 5, 6).toAdql(FULL))
                    .contains("POLYGON(1.0, 2.0, 3.0, 4.0, 5.0, 6.0)");
            assertThat(Spatial.moc("6/1-3 7/100").toAdql(FULL)).contains("MOC('6/1-3 7/100')");
            assertThat(Spatial.point(1, 1).requiredTables()).containsExactly("rr.stc_spatial");
        }

        @Test
        void spatialInputIsChecked() {
            assertThatThrownBy(() -> Spatial.point(10, 91)).hasMessageContaining("declination");
            assertThatThrownBy(() -> Spatial.point(-1, 0)).hasMessageContaining("right ascension");
            assertThatThrownBy(() -> Spatial.circle(10, 10, 0)).hasMessageContaining("radius");
            assertThatThrownBy(() -> Spatial.circle(Double.NaN, 10, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Spatial.polygon(1, 2, 3, 4)).hasMessageContaining("three vertices");
            assertThatThrownBy(() -> Spatial.moc("6/1') OR (1=1")).hasMessageContaining("ASCII MOC");
        }

        @Test
        void spectralBoundsAreEnergiesInJoule() {
            Spectral s = Spectral.wavelength(5e-7, 6e-7);
            double hc = Spectral.PLANCK * Spectral.LIGHT_SPEED;
            assertThat(s.minJoule()).isCloseTo(hc / 6e-7, within(1e-30));
            assertThat(s.maxJoule()).isCloseTo(hc / 5e-7, within(1e-30));
            assertThat(Spectral.frequency(1e9, 2e9).maxJoule()).isCloseTo(2e9 * Spectral.PLANCK, within(1e-35));
            assertThat(s.toAdql(FULL)).contains("rr.stc_spectral")
                    .contains("spectral_start <= " + s.maxJoule()).contains("spectral_end >= " + s.minJoule());
            RenderContext udf = RenderContext.builder().udf("ivo_interval_overlaps(l1 NUMERIC, h1 NUMERIC,"
                    + " l2 NUMERIC, h2 NUMERIC) -> INTEGER").build();
            assertThat(s.toAdql(udf)).contains("1 = ivo_interval_overlaps(spectral_start, spectral_end, ");
            assertThatThrownBy(() -> Spectral.energy(2, 1)).hasMessageContaining("exceeds");
            assertThatThrownBy(() -> Spectral.wavelength(0, 1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void temporalBoundsAreMjd() {
            assertThat(Temporal.toMjd(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo(40587.0);
            assertThat(Temporal.toMjd(Instant.parse("2000-01-01T12:00:00Z"))).isEqualTo(51544.5);
            Temporal t = Temporal.between(Instant.parse("2000-01-01T12:00:00Z"), Instant.parse("2000-01-02T12:00:00Z"));
            assertThat(t.toAdql(PLAIN)).contains("rr.stc_temporal").contains("time_start <= 51545.5")
                    .contains("time_end >= 51544.5");
            assertThatThrownBy(() -> Temporal.mjd(2, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The course's own constraint, written against the extension point. */
    record UatConcept(String concept) implements Constraint {
        @Override
        public String toAdql(RenderContext ctx) {
            return ctx.ivoidIn("rr.subject_uat", ctx.template("uat_concept = {c}").value("c", concept));
        }

        @Override
        public Set<String> requiredTables() {
            return Set.of("rr.subject_uat");
        }
    }

    @Nested
    class WholeQueries {

        @Test
        void aFullRegistryGetsOneAggregatingQuery() {
            String q = Registry.renderQuery(FULL, Ucd.of("pos.pm%"), ServiceType.of("tap").withAux());
            assertThat(q).startsWith("SELECT ivoid").contains("ivo_string_agg(").contains("GROUP BY ivoid")
                    .contains("NATURAL LEFT OUTER JOIN rr.interface").contains("ORDER BY ivoid")
                    .contains("WHERE ivoid IN (SELECT ivoid FROM rr.resource WHERE");
            assertThat(AdqlText.code(q)).contains(")\nAND (");
            assertThat(AdqlText.balanced(q)).isTrue();
        }

        @Test
        void withoutStringAggTheResourcesComeAlone() {
            RenderContext noAgg = RenderContext.builder().union(true).cast(true)
                    .udfs(List.of("ivo_hasword", "ivo_nocasematch", "ivo_hashlist_has")).build();
            for (RenderContext ctx : List.of(PLAIN, noAgg)) {
                String q = Registry.renderQuery(ctx, Keywords.of("stars"));
                assertThat(q).doesNotContain("ivo_string_agg").doesNotContain("GROUP BY").doesNotContain("JOIN");
            }
            assertThat(Queries.details(List.of("ivo://a", "ivo://b'c")))
                    .contains("WHERE ivoid IN ('ivo://a', 'ivo://b''c')").doesNotContain("ivo_string_agg");
        }

        @Test
        void aggregatedItemsCarryTheirKeysAndNeedNoCoalesce() {
            String q = Registry.renderQuery(RenderContext.builder().udf("ivo_string_agg").build());
            assertThat(q).contains("ivo_string_agg(cap_index || '~vokit-is~' || standard_id, '~vokit-sep~')")
                    .contains("ivo_string_agg(cap_index || '.' || intf_index || '~vokit-is~' || access_url,")
                    .contains("ivo_string_agg(contact_name || '~vokit-is~' || contact_email,")
                    .doesNotContain("COALESCE").doesNotContain("CAST");
        }

        @Test
        void noConstraintMeansEveryResource() {
            assertThat(Registry.renderQuery(FULL)).doesNotContain("WHERE ivoid").doesNotContain("rr.resource WHERE");
        }

        @Test
        void aUserConstraintTakesAFewLines() {
            String q = Registry.renderQuery(FULL, new UatConcept("exo'planets"), Waveband.of("optical"));
            assertThat(q).contains("ivoid IN (SELECT ivoid FROM rr.subject_uat WHERE uat_concept = 'exo''planets'");
            assertInert(q);
        }

        @Test
        void aTrailingCommentInAConstraintCannotSwallowTheRest() {
            Constraint sloppy = ctx -> "1 = 1 -- everything goes";
            String q = Registry.renderQuery(FULL, sloppy, Ivoid.of("ivo://vokit.test/tap"));
            String live = AdqlText.code(q).replaceAll("--[^\n]*", "");
            assertThat(live).contains("ivoid = ?").contains("GROUP BY");
            int depth = 0;
            for (char c : live.toCharArray()) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            assertThat(depth).isZero();
        }

        @Test
        void aConstraintRenderingNothingIsRefused() {
            Constraint empty = ctx -> " ";
            assertThatThrownBy(() -> Registry.renderQuery(FULL, empty)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theVoWideTableQueryFollowsTheCourse() {
            String q = Queries.tapTablesWithUcd(FULL, "pos.pm%", List.of(Spatial.circle(150, 2.2, 0.1)));
            assertThat(q).startsWith("SELECT DISTINCT access_url, table_name")
                    .contains("standard_id IN ('ivo://ivoa.net/std/tap', 'ivo://ivoa.net/std/tap#aux')")
                    .contains("AND ucd LIKE 'pos.pm%'")
                    .contains("(table_type IS NULL OR NOT (table_type = 'output'))")
                    .contains("AND ivoid IN (SELECT ivoid FROM rr.resource WHERE")
                    .contains("INTERSECTS(CIRCLE(150.0, 2.2, 0.1), coverage)");
            assertThat(AdqlText.balanced(q)).isTrue();
        }
    }

    @Test
    void featuresAreReadFromDachsCapabilities() throws Exception {
        TapCapabilities caps;
        try (InputStream in = getClass().getResourceAsStream("dachs-capabilities.xml")) {
            caps = TapCapabilities.parse(in, URI.create("http://127.0.0.1:8089/tap/capabilities"));
        }
        RenderContext ctx = RenderContext.of(caps);
        assertThat(ctx.supportsUnion()).isTrue();
        assertThat(ctx.supportsCast()).isTrue();
        assertThat(ctx.supportsLower()).isTrue();
        assertThat(ctx.udfs()).containsAll(RenderContext.REGTAP_UDFS).contains("ivo_interval_overlaps");
        assertThat(ctx.supportsUdf("IVO_HASWORD")).isTrue();
        assertThat(ctx.supportsUdf("ivo_no_such_function")).isFalse();
        assertThat(Queries.canAggregate(ctx)).isTrue();
    }
}
