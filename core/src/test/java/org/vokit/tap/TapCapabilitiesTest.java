package org.vokit.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;
import org.vokit.tap.TapCapabilities.DataLimit;
import org.vokit.tap.TapCapabilities.DataUnit;
import org.vokit.tap.TapCapabilities.Language;
import org.vokit.tap.TapCapabilities.LanguageFeature;
import org.vokit.tap.TapCapabilities.LanguageVersion;
import org.vokit.tap.TapCapabilities.OutputFormat;

class TapCapabilitiesTest {

    static TapCapabilities load(String resource, URI source) throws IOException {
        try (InputStream in = TapCapabilitiesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return TapCapabilities.parse(in, source);
        }
    }

    static TapCapabilities parseString(String xml) throws IOException {
        return TapCapabilities.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                URI.create("http://test.invalid/capabilities"));
    }

    /** Captured from the local DaCHS 2.7 at http://127.0.0.1:8089/tap/capabilities. */
    @Nested
    class Dachs {
        final TapCapabilities caps;

        Dachs() throws IOException {
            caps = load("dachs-capabilities.xml", URI.create("http://127.0.0.1:8089/tap/capabilities"));
        }

        @Test
        void listsEveryCapabilityInOrder() {
            assertThat(caps.capabilities()).extracting(TapCapabilities.Capability::standardId).containsExactly(
                    "ivo://ivoa.net/std/TAP", "ivo://ivoa.net/std/VOSI#availability",
                    "ivo://ivoa.net/std/VOSI#capabilities", "ivo://ivoa.net/std/VOSI#tables",
                    "ivo://ivoa.net/std/DALI#examples");
            assertThat(caps.capabilities().get(0).type()).isEqualTo("TableAccess");
            assertThat(caps.capabilities().get(0).isTap()).isTrue();
            assertThat(caps.capabilities().get(3).isTap()).isFalse();
        }

        @Test
        void tapInterface() {
            assertThat(caps.interfaces()).hasSize(1);
            TapCapabilities.Interface i = caps.interfaces().get(0);
            assertThat(i.isStandard()).isTrue();
            assertThat(i.anonymous()).isTrue();
            assertThat(i.type()).isEqualTo("ParamHTTP");
            assertThat(i.version()).isEqualTo("1.1");
            assertThat(i.accessUrls().get(0).use()).isEqualTo("full");
            assertThat(caps.baseUrl()).contains(URI.create("http://127.0.0.1:8089/tap"));
            assertThat(caps.tapVersion()).isEqualTo("1.1");
        }

        @Test
        void otherCapabilitiesGiveTheirUrls() {
            assertThat(caps.tablesUrl()).contains(URI.create("http://127.0.0.1:8089/__system__/tap/run/tableMetadata"));
            assertThat(caps.examplesUrl()).contains(URI.create("http://127.0.0.1:8089/__system__/tap/run/examples"));
            assertThat(caps.accessUrl(TapCapabilities.VOSI_AVAILABILITY))
                    .contains(URI.create("http://127.0.0.1:8089/__system__/tap/run/availability"));
            assertThat(caps.capability(TapCapabilities.DATALINK_LINKS)).isEmpty();
            assertThat(caps.capability(TapCapabilities.DALI_EXAMPLES).orElseThrow().interfaces().get(0).type())
                    .isEqualTo("WebBrowser");
        }

        @Test
        void dataModel() {
            assertThat(caps.dataModels()).containsExactly(
                    new TapCapabilities.DataModel("Obscore-1.1", "ivo://ivoa.net/std/obscore#core-1.1"));
        }

        @Test
        void languageWithVersions() {
            assertThat(caps.languages()).hasSize(1);
            Language adql = caps.language("adql").orElseThrow();
            assertThat(adql.versions()).containsExactly(new LanguageVersion("2.0", "ivo://ivoa.net/std/ADQL#v2.0"),
                    new LanguageVersion("2.1", "ivo://ivoa.net/std/ADQL#v2.1"));
            assertThat(adql.description()).startsWith("The Astronomical Data Query Language is the standard");
            assertThat(adql.langValues()).containsExactly("ADQL", "ADQL-2.0", "ADQL-2.1");
            assertThat(caps.language("SQL")).isEmpty();
        }

        @Test
        void featuresGroupedByTypeInDocumentOrder() {
            Language adql = caps.languages().get(0);
            assertThat(adql.featuresByType().keySet()).containsExactly(
                    "ivo://ivoa.net/std/TAPRegExt#features-udf",
                    "ivo://ivoa.net/std/TAPRegExt#features-adqlgeo",
                    "ivo://ivoa.net/std/TAPRegExt#features-adql-string",
                    "ivo://ivoa.net/std/TAPRegExt#features-adql-offset",
                    "ivo://ivoa.net/std/TAPRegExt#features-adql-type",
                    "ivo://ivoa.net/std/TAPRegExt#features-adql-unit",
                    "ivo://ivoa.net/std/TAPRegExt#features-adql-common-table",
                    "ivo://org.gavo.dc/std/exts#extra-adql-keywords",
                    "ivo://ivoa.net/std/TAPRegExt#features-adql-sets");
            assertThat(adql.features("features-adql-sets")).extracting(LanguageFeature::form)
                    .containsExactly("UNION", "EXCEPT", "INTERSECT");
            // DaCHS still writes the old "adqlgeo" fragment; the ADQL 2.1 name finds it
            assertThat(adql.features(TapCapabilities.FEATURE_ADQL_GEO)).hasSize(12);
            assertThat(adql.features("features-adql-string")).extracting(LanguageFeature::form)
                    .containsExactly("LOWER", "ILIKE");
        }

        @Test
        void supportsFeature() {
            assertThat(caps.supportsUnion()).isTrue();
            assertThat(caps.supportsFeature("features-adql-sets", "intersect")).isTrue();
            assertThat(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_SETS, "EXCEPT")).isTrue();
            assertThat(caps.supportsFeature("features-adql-sets", "MINUS")).isFalse();
            assertThat(caps.supportsFeature("features-adql-string", "UNION")).isFalse();
            assertThat(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_GEO, "CIRCLE")).isTrue();
            assertThat(caps.supportsFeature("features-adql-type", "CAST")).isTrue();
            assertThat(caps.supportsFeature("features-adql-unit", "IN_UNIT")).isTrue();
            assertThat(caps.supportsFeature("features-adql-offset", "OFFSET")).isTrue();
            assertThat(caps.supportsFeature("features-adql-common-table", "WITH")).isTrue();
            assertThat(caps.supportsFeature("ivo://org.gavo.dc/std/exts#extra-adql-keywords", "tablesample"))
                    .isTrue();
        }

        @Test
        void udfs() {
            assertThat(caps.supportsUdf("ivo_hasword")).isTrue();
            assertThat(caps.supportsUdf("IVO_HASWORD")).isTrue();
            assertThat(caps.supportsUdf("ivo_hasword(haystack TEXT, needle TEXT)")).isTrue();
            assertThat(caps.supportsUdf("ivo_nocasematch")).isTrue();
            assertThat(caps.supportsUdf("ivo_no_such_function")).isFalse();
            assertThat(caps.supportsUdf("ivo_has")).isFalse();
            assertThat(caps.supportsFeature(TapCapabilities.FEATURE_UDF,
                    "ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER")).isTrue();
            // a UDF name is not a geometry feature
            assertThat(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_GEO, "ivo_hasword")).isFalse();
            LanguageFeature match = caps.udfs().stream().filter(f -> f.name().equals("gavo_match")).findFirst()
                    .orElseThrow();
            assertThat(match.form()).isEqualTo("gavo_match(pattern TEXT, string TEXT) -> INTEGER");
            assertThat(match.description()).contains("POSIX regular expression");
            // DaCHS lists some signatures twice; they are kept as given
            assertThat(caps.udfs()).filteredOn(f -> f.name().equals("ivo_histogram")).hasSize(2);
        }

        @Test
        void outputFormats() {
            assertThat(caps.outputFormats()).hasSize(16);
            assertThat(caps.outputFormats().get(0)).isEqualTo(new OutputFormat("text/tab-separated-values",
                    List.of("tsv"), null));
            OutputFormat b2 = caps.outputFormats().stream().filter(f -> f.matches("votableb2")).findFirst()
                    .orElseThrow();
            assertThat(b2.mime()).isEqualTo("application/x-votable+xml;serialization=BINARY2");
            assertThat(b2.aliases()).containsExactly("votable/b2", "votableb2");
            assertThat(b2.ivoid()).isEqualTo("ivo://ivoa.net/std/TAPRegExt#output-votable-binary2");
            assertThat(caps.supportsOutputFormat("CSV")).isTrue();
            assertThat(caps.supportsOutputFormat("application/fits")).isTrue();
            assertThat(caps.supportsOutputFormat("text/xml")).isTrue();
            assertThat(caps.supportsOutputFormat("application/vnd.apache.parquet")).isFalse();
        }

        @Test
        void uploads() {
            assertThat(caps.uploadMethods()).containsExactly("ivo://ivoa.net/std/TAPRegExt#upload-inline",
                    "ivo://ivoa.net/std/TAPRegExt#upload-http", "ivo://ivoa.net/std/TAPRegExt#upload-https",
                    "ivo://ivoa.net/std/TAPRegExt#upload-ftp");
            assertThat(caps.supportsUpload()).isTrue();
            assertThat(caps.supportsInlineUpload()).isTrue();
            assertThat(caps.supportsUploadMethod("upload-ftp")).isTrue();
            assertThat(caps.supportsUploadMethod("upload-vospace")).isFalse();
        }

        @Test
        void limits() {
            assertThat(caps.retentionPeriod().defaultValue()).contains(Duration.ofHours(48));
            assertThat(caps.retentionPeriod().hard()).isEmpty();
            assertThat(caps.executionDuration().defaultValue()).contains(Duration.ofSeconds(3600));
            assertThat(caps.executionDuration().hard()).isEmpty();
            // DaCHS writes the singular units "row" and "byte"
            assertThat(caps.outputLimit().defaultValue()).contains(new DataLimit(20000, DataUnit.ROWS));
            assertThat(caps.outputLimit().hard()).contains(new DataLimit(20000000, DataUnit.ROWS));
            assertThat(caps.uploadLimit().defaultValue()).isEmpty();
            assertThat(caps.uploadLimit().hard()).contains(new DataLimit(20000000, DataUnit.BYTES));
        }

        @Test
        void describe() {
            String d = caps.describe();
            assertThat(d).startsWith("TAP 1.1 at http://127.0.0.1:8089/tap\n");
            assertThat(d).contains("  ADQL 2.0, 2.1 (The Astronomical Data Query Language");
            assertThat(d).contains("    features-adql-sets: UNION, EXCEPT, INTERSECT\n");
            assertThat(d).contains("      ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER\n");
            assertThat(d).contains("  application/x-votable+xml;serialization=BINARY2 (votable/b2, votableb2)\n");
            assertThat(d).contains("Upload methods: upload-inline, upload-http, upload-https, upload-ftp\n");
            assertThat(d).contains("Output limit: default 20000 rows, hard 20000000 rows\n");
            assertThat(d).contains("Upload limit: hard 20000000 bytes\n");
            assertThat(d).contains("Retention period: default 172800 s (2 d)\n");
            assertThat(d).contains("Execution duration: default 3600 s (1 h)\n");
            assertThat(d).contains("Data models: Obscore-1.1\n");
            assertThat(d).contains("  ivo://ivoa.net/std/VOSI#tables  http://127.0.0.1:8089/__system__/tap/run/tableMetadata\n");
        }
    }

    /** Handwritten: a TAP 1.0 archive without TAPRegExt features, UNION, or uploads. */
    @Nested
    class Tap10Archive {
        final TapCapabilities caps;

        Tap10Archive() throws IOException {
            caps = load("archive-tap10-capabilities.xml", URI.create("http://archive.example.org/tap/capabilities"));
        }

        @Test
        void basics() {
            assertThat(caps.tapVersion()).isEqualTo("1.0");
            assertThat(caps.baseUrl()).contains(URI.create("http://archive.example.org/tap"));
            assertThat(caps.capabilities()).hasSize(4);
            assertThat(caps.tablesUrl()).contains(URI.create("http://archive.example.org/tap/tables"));
            assertThat(caps.examplesUrl()).isEmpty();
        }

        @Test
        void noOptionalFeatures() {
            assertThat(caps.languages()).extracting(Language::name).containsExactly("ADQL");
            assertThat(caps.languages().get(0).features()).isEmpty();
            assertThat(caps.languages().get(0).featuresByType()).isEmpty();
            assertThat(caps.supportsUnion()).isFalse();
            assertThat(caps.supportsUdf("ivo_hasword")).isFalse();
            assertThat(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_GEO, "CIRCLE")).isFalse();
        }

        @Test
        void votableOnlyAndNoUploads() {
            assertThat(caps.outputFormats()).containsExactly(
                    new OutputFormat("application/x-votable+xml", List.of("votable"), null));
            assertThat(caps.supportsOutputFormat("csv")).isFalse();
            assertThat(caps.uploadMethods()).isEmpty();
            assertThat(caps.supportsUpload()).isFalse();
            assertThat(caps.supportsInlineUpload()).isFalse();
        }

        @Test
        void missingLimitsAreEmpty() {
            assertThat(caps.retentionPeriod().isEmpty()).isTrue();
            assertThat(caps.executionDuration().isEmpty()).isTrue();
            assertThat(caps.outputLimit().isEmpty()).isTrue();
            assertThat(caps.uploadLimit().isEmpty()).isTrue();
        }

        @Test
        void describe() {
            String d = caps.describe();
            assertThat(d).startsWith("TAP 1.0 at http://archive.example.org/tap\n");
            assertThat(d).contains("  ADQL 2.0\n");
            assertThat(d).contains("Upload methods: none (uploads not supported)\n");
            assertThat(d).contains("Output limit: not stated\n");
            assertThat(d).contains("Execution duration: not stated\n");
            assertThat(d).doesNotContain("features-");
        }
    }

    @Test
    void bareTap10CapabilityWithoutTapRegExt() throws IOException {
        TapCapabilities caps = parseString("<capabilities><capability standardID='ivo://ivoa.net/std/TAP'>"
                + "<interface role='std'><accessURL use='base'> http://bare.example.org/tap </accessURL></interface>"
                + "</capability></capabilities>");
        assertThat(caps.baseUrl()).contains(URI.create("http://bare.example.org/tap"));
        assertThat(caps.languages()).isEmpty();
        assertThat(caps.outputFormats()).isEmpty();
        assertThat(caps.supportsUnion()).isFalse();
        assertThat(caps.supportsUpload()).isFalse();
        assertThat(caps.describe()).contains("Languages: none declared").contains("Output formats: none declared");
    }

    /** Handwritten: odd prefixes, a stray default namespace, old identifiers, limits in bytes. */
    @Nested
    class OddPrefixes {
        final TapCapabilities caps;

        OddPrefixes() throws IOException {
            caps = load("odd-prefixes-capabilities.xml", URI.create("https://odd.example.net/tap/capabilities"));
        }

        @Test
        void findsTapThroughPrefixes() {
            assertThat(caps.capabilities().get(0).type()).isEqualTo("TableAccess");
            assertThat(caps.interfaces()).hasSize(2);
            assertThat(caps.tapVersion()).isEqualTo("1.1");
            assertThat(caps.dataModels()).extracting(TapCapabilities.DataModel::ivoId)
                    .containsExactly("ivo://ivoa.net/std/ObsCore#core-1.1");
        }

        @Test
        void baseUrlPrefersAnonymousInterface() {
            TapCapabilities.Interface auth = caps.interfaces().get(0);
            assertThat(auth.anonymous()).isFalse();
            assertThat(auth.securityMethods()).containsExactly("ivo://ivoa.net/sso#BasicAA");
            assertThat(caps.interfaces().get(1).anonymous()).isTrue();
            assertThat(caps.baseUrl()).contains(URI.create("https://odd.example.net/tap"));
        }

        @Test
        void oldAndNewIdentifiers() {
            assertThat(caps.supportsFeature("features-adql-geo", "circle")).isTrue();
            assertThat(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_GEO, "POINT")).isTrue();
            assertThat(caps.supportsFeature("ivo://ivoa.net/TAPRegExt#features-adqlgeo", "CONTAINS")).isTrue();
            assertThat(caps.supportsFeature(TapCapabilities.FEATURE_ADQL_GEO, "POLYGON")).isFalse();
            assertThat(caps.supportsFeature("ivo://example.org/other#features-adql-geo", "POINT")).isFalse();
            assertThat(caps.supportsInlineUpload()).isTrue();
            assertThat(caps.supportsUploadMethod(TapCapabilities.UPLOAD_HTTP)).isFalse();
        }

        @Test
        void formsCompareIgnoringCaseAndSpace() {
            assertThat(caps.supportsUnion()).isTrue();
            assertThat(caps.supportsFeature("features-adql-sets", "EXCEPT")).isFalse();
            LanguageFeature udf = caps.udfs().get(0);
            assertThat(udf.form()).isEqualTo("odd_distance( p1 POINT, p2 POINT ) -> DOUBLE");
            assertThat(udf.name()).isEqualTo("odd_distance");
            assertThat(udf.description()).isEqualTo("Distance in degrees.");
            assertThat(caps.supportsUdf("Odd_Distance")).isTrue();
        }

        @Test
        void limitsInBytes() {
            assertThat(caps.outputLimit().defaultValue()).contains(new DataLimit(10_000_000, DataUnit.BYTES));
            assertThat(caps.outputLimit().hard()).contains(new DataLimit(1_000_000_000, DataUnit.BYTES));
            assertThat(caps.uploadLimit().defaultValue()).contains(new DataLimit(5_000_000, DataUnit.BYTES));
            assertThat(caps.uploadLimit().hard()).contains(new DataLimit(50_000_000, DataUnit.BYTES));
            assertThat(caps.retentionPeriod().defaultValue()).contains(Duration.ofDays(1));
            assertThat(caps.retentionPeriod().hard()).contains(Duration.ofDays(7));
            assertThat(caps.executionDuration().defaultValue()).isEmpty();
            assertThat(caps.executionDuration().hard()).contains(Duration.ofHours(2));
            assertThat(caps.describe()).contains("Output limit: default 10000000 bytes, hard 1000000000 bytes\n")
                    .contains("Execution duration: hard 7200 s (2 h)\n");
        }

        @Test
        void versionedStandardIdsAndRelativeUrls() {
            assertThat(caps.tablesUrl()).contains(URI.create("https://odd.example.net/tap/tables"));
            assertThat(caps.accessUrl(TapCapabilities.DATALINK_LINKS))
                    .contains(URI.create("https://odd.example.net/datalink/links"));
            assertThat(caps.examplesUrl()).contains(URI.create("https://odd.example.net/tap/examples"));
            assertThat(caps.capability("ivo://ivoa.net/std/VOSI#tab")).isEmpty();
        }
    }

    @Test
    void unknownUnitOrJunkValueLeavesTheLimitOut() throws IOException {
        TapCapabilities caps = parseString("<capabilities><capability standardID='ivo://ivoa.net/std/TAP'>"
                + "<outputLimit><default unit='kB'>10</default><hard unit='rows'>1e6</hard></outputLimit>"
                + "<executionDuration><default>soon</default><hard>600</hard></executionDuration>"
                + "</capability></capabilities>");
        assertThat(caps.outputLimit().defaultValue()).isEmpty();
        assertThat(caps.outputLimit().hard()).contains(new DataLimit(1_000_000, DataUnit.ROWS));
        assertThat(caps.executionDuration().defaultValue()).isEmpty();
        assertThat(caps.executionDuration().hard()).contains(Duration.ofMinutes(10));
    }

    @Test
    void notXmlIsAFormatException() {
        URI source = URI.create("http://broken.example.org/tap/capabilities");
        assertThatThrownBy(() -> load("not-xml.txt", source)).isInstanceOf(FormatException.class)
                .hasMessageContaining("VOSI capabilities document is not well-formed XML (line 1")
                .satisfies(e -> assertThat(((FormatException) e).uri()).contains(source));
    }

    @Test
    void wrongRootIsAFormatException() {
        URI source = URI.create("http://broken.example.org/tap/capabilities");
        assertThatThrownBy(() -> load("wrong-root-votable.xml", source)).isInstanceOf(FormatException.class)
                .hasMessageContaining("root element is <VOTABLE> in namespace http://www.ivoa.net/xml/VOTable/v1.3")
                .hasMessageContaining("expected <capabilities>")
                .hasMessageEndingWith("[" + source + "]");
    }

    @Test
    void tablesDocumentIsNotCapabilities() {
        assertThatThrownBy(() -> load("dachs-tables.xml", null)).isInstanceOf(FormatException.class)
                .hasMessageContaining("root element is <vtm:tableset>");
    }

    @Test
    void externalEntityIsNeverRead() throws IOException {
        Path passwd = Path.of("/etc/passwd");
        assertThat(Files.isReadable(passwd)).as("a readable /etc/passwd to compare with").isTrue();
        String firstLine = Files.readAllLines(passwd).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        assertThat(firstLine.length()).as("a non-empty /etc/passwd").isGreaterThan(3);
        TapCapabilities caps;
        try {
            caps = load("xxe-capabilities.xml", URI.create("http://xxe.example.org/tap/capabilities"));
        } catch (FormatException e) {
            assertThat(e.getMessage()).doesNotContain(firstLine);
            return;
        }
        // parsed: the document is read, but the entity contributed nothing
        assertThat(caps.baseUrl()).contains(URI.create("http://xxe.example.org/tap"));
        assertThat(caps.capabilities().get(0).description()).isEqualTo("leak:");
        assertThat(caps.udfs()).extracting(LanguageFeature::description).containsExactly((String) null);
        assertThat(caps.toString()).doesNotContain(firstLine);
        assertThat(caps.describe()).doesNotContain(firstLine);
        assertThat(Optional.ofNullable(caps.languages().get(0).description())).isEmpty();
    }
}
