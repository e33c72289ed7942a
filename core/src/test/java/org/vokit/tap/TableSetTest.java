package org.vokit.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vokit.FormatException;
import org.vokit.tap.TableSet.ColumnDesc;
import org.vokit.tap.TableSet.ForeignKey;
import org.vokit.tap.TableSet.KeyColumn;
import org.vokit.tap.TableSet.SchemaMeta;
import org.vokit.tap.TableSet.TableMeta;
import org.vokit.votable.DocumentInfo;
import org.vokit.votable.VotableReader;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowStore;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;

class TableSetTest {

    static TableSet load(String resource) throws IOException {
        try (InputStream in = TableSetTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return TableSet.parse(in, URI.create("http://127.0.0.1:8089/tap/tables"));
        }
    }

    static StarTable votable(String resource, String expectedQuery) throws IOException {
        try (InputStream in = TableSetTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            RowStore store = StoragePolicy.PREFER_MEMORY.makeRowStore();
            DocumentInfo info = VotableReader.read(in, URI.create("http://127.0.0.1:8089/tap/sync"), store, true);
            // the captured result was produced by exactly this query
            assertThat(info.info("query").orElseThrow().value()).isEqualTo(expectedQuery);
            return store.getStarTable();
        }
    }

    /** Captured from the local DaCHS 2.7 at http://127.0.0.1:8089/tap/tables. */
    @Nested
    class DachsFull {
        final TableSet set;

        DachsFull() throws IOException {
            set = load("dachs-tables.xml");
        }

        @Test
        void schemasAndTables() {
            assertThat(set.schemas()).extracting(SchemaMeta::name)
                    .containsExactly("ivoa", "tap_schema", "voimg", "vostars");
            assertThat(set.tables()).extracting(TableMeta::name).containsExactly("ivoa.obscore",
                    "tap_schema.schemas", "tap_schema.tables", "tap_schema.columns", "tap_schema.keys",
                    "tap_schema.key_columns", "tap_schema.groups", "voimg.main", "vostars.main");
            assertThat(set.schema("IVOA").orElseThrow().description())
                    .isEqualTo("Definition and support code for the ObsCore data model and table.");
            assertThat(set.tables()).allMatch(TableMeta::hasColumns);
            assertThat(set.tablesWithoutColumns()).isEmpty();
            // DaCHS states neither table types nor row counts here
            assertThat(set.tables()).allMatch(t -> t.type() == null && t.nrows().isEmpty());
        }

        @Test
        void lookupByQualifiedOrUnqualifiedName() {
            assertThat(set.table("VOSTARS.Main")).map(TableMeta::name).contains("vostars.main");
            assertThat(set.table("\"vostars\".\"main\"")).map(TableMeta::name).contains("vostars.main");
            assertThat(set.table("obscore")).map(TableMeta::name).contains("ivoa.obscore");
            // "main" is ambiguous: the first in document order wins
            assertThat(set.table("main")).map(TableMeta::name).contains("voimg.main");
            assertThat(set.table("vostars.obscore")).isEmpty();
            assertThat(set.table("nosuch")).isEmpty();
        }

        @Test
        void columns() {
            TableMeta stars = set.table("vostars.main").orElseThrow();
            assertThat(stars.description()).isEqualTo("The made-up stars: positions, kinematics and photometry.");
            assertThat(stars.columns()).hasSize(16);
            assertThat(stars.columns().get(0).name()).isEqualTo("main_id");
            assertThat(stars.unqualifiedName()).isEqualTo("main");
            ColumnDesc ra = stars.column("RA").orElseThrow();
            assertThat(ra).isEqualTo(new ColumnDesc("ra", "ICRS right ascension, epoch J2016.0.", "deg",
                    "pos.eq.ra;meta.main", null, "double", null, null, List.of("indexed"), null));
            ColumnDesc id = stars.column("main_id").orElseThrow();
            assertThat(id.arraysize()).isEqualTo("*");
            assertThat(id.datatype()).isEqualTo("char");
            assertThat(id.isPrimary()).isTrue();
            assertThat(id.isIndexed()).isTrue();
            assertThat(id.isNullable()).isFalse();
            ColumnDesc pmra = stars.column("pmra").orElseThrow();
            assertThat(pmra.isNullable()).isTrue();
            assertThat(pmra.isIndexed()).isFalse();
            assertThat(pmra.unit()).isEqualTo("mas/yr");
            assertThat(stars.column("remarks").orElseThrow().datatype()).isEqualTo("unicodeChar");
            assertThat(stars.column("nosuch")).isEmpty();
        }

        @Test
        void extendedTypesAndUtypes() {
            ColumnDesc region = set.table("ivoa.obscore").orElseThrow().column("s_region").orElseThrow();
            assertThat(region.xtype()).isEqualTo("adql:REGION");
            assertThat(region.datatype()).isEqualTo("char");
            ColumnDesc coverage = set.table("voimg.main").orElseThrow().column("coverage").orElseThrow();
            assertThat(coverage.xtype()).isEqualTo("polygon");
            assertThat(coverage.datatype()).isEqualTo("double");
            assertThat(set.table("ivoa.obscore").orElseThrow().column("dataproduct_type").orElseThrow().utype())
                    .isEqualTo("obscore:obsdataset.dataproducttype");
        }

        @Test
        void foreignKeys() {
            TableMeta keys = set.table("tap_schema.keys").orElseThrow();
            assertThat(keys.foreignKeys()).containsExactly(
                    new ForeignKey("tap_schema.tables", List.of(new KeyColumn("from_table", "table_name")), null, null),
                    new ForeignKey("tap_schema.tables", List.of(new KeyColumn("target_table", "table_name")), null,
                            null));
            assertThat(set.table("vostars.main").orElseThrow().foreignKeys()).isEmpty();
        }
    }

    /** Captured from DaCHS: /tap/tables?detail=min (no columns) and /tap/tables/vostars.main. */
    @Nested
    class DachsWithoutColumns {
        final TableSet min;
        final TableSet full;
        final TableSet stars;

        DachsWithoutColumns() throws IOException {
            min = load("dachs-tables-detail-min.xml");
            full = load("dachs-tables.xml");
            stars = load("dachs-table-vostars.main.xml");
        }

        @Test
        void tablesWithoutColumns() {
            assertThat(min.tables()).hasSize(9);
            assertThat(min.tables()).noneMatch(TableMeta::hasColumns);
            assertThat(min.tablesWithoutColumns()).hasSize(9);
            assertThat(min.table("ivoa.obscore").orElseThrow().title()).isEqualTo("vokit local test VO Obscore Table");
            assertThat(min.table("tap_schema.columns").orElseThrow().description())
                    .isEqualTo("Columns in tables available for ADQL querying.");
        }

        @Test
        void loneTableDocument() {
            assertThat(stars.schemas()).extracting(SchemaMeta::name).containsExactly("vostars");
            assertThat(stars.tables()).hasSize(1);
            TableMeta t = stars.tables().get(0);
            assertThat(t.name()).isEqualTo("vostars.main");
            assertThat(t.columns()).hasSize(16);
            assertThat(t.column("kmag").orElseThrow().description())
                    .isEqualTo("K band magnitude; NULL for about one star in ten.");
        }

        @Test
        void withTableFillsInOneTableInPlace() {
            TableSet filled = min.withTable(stars.tables().get(0));
            assertThat(filled.tables()).extracting(TableMeta::name)
                    .containsExactlyElementsOf(min.tables().stream().map(TableMeta::name).toList());
            assertThat(filled.table("vostars.main").orElseThrow().columns()).hasSize(16);
            assertThat(filled.schema("vostars").orElseThrow().tables()).hasSize(1);
            assertThat(filled.tablesWithoutColumns()).hasSize(8);
            // the original is unchanged
            assertThat(min.table("vostars.main").orElseThrow().hasColumns()).isFalse();
        }

        @Test
        void mergeNeverLosesColumns() {
            TableSet a = min.merge(full);
            assertThat(a.tablesWithoutColumns()).isEmpty();
            assertThat(a.tables()).hasSize(9);
            TableSet b = full.merge(min);
            assertThat(b.tablesWithoutColumns()).isEmpty();
            assertThat(b.table("ivoa.obscore").orElseThrow().columns())
                    .isEqualTo(full.table("ivoa.obscore").orElseThrow().columns());
            assertThat(b.schemas()).extracting(SchemaMeta::name)
                    .containsExactly("ivoa", "tap_schema", "voimg", "vostars");
        }

        @Test
        void columnlessTableGivesMetadataToDetailedOne() {
            TableMeta bare = new TableMeta("vostars.main", "Stars", null, null, "table", OptionalLong.of(4242),
                    List.of(), List.of());
            TableMeta merged = stars.withTable(bare).table("vostars.main").orElseThrow();
            assertThat(merged.columns()).hasSize(16);
            assertThat(merged.title()).isEqualTo("Stars");
            assertThat(merged.type()).isEqualTo("table");
            assertThat(merged.nrows()).hasValue(4242);
            assertThat(merged.description()).isEqualTo("The made-up stars: positions, kinematics and photometry.");
        }

        @Test
        void newTableGoesIntoItsSchema() {
            TableMeta extra = new TableMeta("vostars.extra", null, null, null, null, OptionalLong.empty(), List.of(),
                    List.of());
            TableSet s = min.withTable(extra);
            assertThat(s.schema("vostars").orElseThrow().tables()).extracting(TableMeta::name)
                    .containsExactly("vostars.main", "vostars.extra");
            TableMeta loose = new TableMeta("loose", null, null, null, null, OptionalLong.empty(), List.of(),
                    List.of());
            assertThat(min.withTable(loose).schemas().get(4).name()).isEqualTo(TableSet.DEFAULT_SCHEMA);
        }
    }

    /** Handwritten: types, row counts, std, TAPType, foreign key descriptions, odd prefixes. */
    @Nested
    class Handwritten {
        final TableSet set;

        Handwritten() throws IOException {
            set = load("archive-tables.xml");
        }

        @Test
        void schemas() {
            assertThat(set.schemas()).extracting(SchemaMeta::name).containsExactly("cat", "jobs", "stray");
            SchemaMeta cat = set.schemas().get(0);
            assertThat(cat.title()).isEqualTo("Survey catalogue");
            assertThat(cat.utype()).isEqualTo("example:survey");
        }

        @Test
        void tableMetadata() {
            TableMeta source = set.table("cat.source").orElseThrow();
            assertThat(source.type()).isEqualTo("table");
            assertThat(source.title()).isEqualTo("Sources");
            assertThat(source.nrows()).hasValue(1_250_000);
            assertThat(set.table("jobs.last_result").orElseThrow().type()).isEqualTo("output");
            assertThat(set.table("jobs.last_result").orElseThrow().hasColumns()).isFalse();
            assertThat(set.table("stray.table")).isPresent();
        }

        @Test
        void unqualifiedTableInSchema() {
            TableMeta det = set.table("cat.detection").orElseThrow();
            assertThat(det.name()).isEqualTo("detection");
            assertThat(det.type()).isEqualTo("view");
            assertThat(set.table("detection")).contains(det);
            assertThat(set.table("jobs.detection")).isEmpty();
            assertThat(det.foreignKeys()).containsExactly(new ForeignKey("cat.source",
                    List.of(new KeyColumn("source_id", "source_id")), "The source this detection belongs to.", null));
        }

        @Test
        void columnDetails() {
            TableMeta source = set.table("source").orElseThrow();
            assertThat(source.column("source_id").orElseThrow().std()).isTrue();
            assertThat(source.column("ra").orElseThrow().std()).isFalse();
            assertThat(source.column("RA").orElseThrow().utype()).isEqualTo("example:source.ra");
            ColumnDesc time = source.column("obs_time").orElseThrow();
            assertThat(time.std()).isNull();
            assertThat(time.xtype()).isEqualTo("timestamp");
            assertThat(time.arraysize()).isEqualTo("*");
            ColumnDesc label = source.column("label").orElseThrow();
            assertThat(label.datatype()).isEqualTo("VARCHAR");
            assertThat(label.arraysize()).isEqualTo("32");
        }
    }

    /** Results of the two TAP_SCHEMA queries, captured from the local DaCHS as BINARY VOTables. */
    @Nested
    class FromTapSchema {
        final TableSet set;

        FromTapSchema() throws IOException {
            set = TableSet.fromTapSchema(
                    votable("dachs-tap-schema-tables.vot", TableSet.TAP_SCHEMA_TABLES_QUERY),
                    votable("dachs-tap-schema-columns.vot", TableSet.TAP_SCHEMA_COLUMNS_QUERY));
        }

        @Test
        void schemasInOrderOfTheTablesResult() {
            assertThat(set.schemas()).extracting(SchemaMeta::name)
                    .containsExactly("tap_schema", "ivoa", "voimg", "vostars");
            assertThat(set.tables()).hasSize(9);
            assertThat(set.table("ivoa.obscore").orElseThrow().type()).isEqualTo("view");
            assertThat(set.table("vostars.main").orElseThrow().type()).isEqualTo("table");
            assertThat(set.table("vostars.main").orElseThrow().description())
                    .isEqualTo("The made-up stars: positions, kinematics and photometry.");
        }

        @Test
        void columnsFromTapSchema() {
            TableMeta stars = set.table("vostars.main").orElseThrow();
            assertThat(stars.columns()).hasSize(16);
            ColumnDesc ra = stars.column("ra").orElseThrow();
            assertThat(ra.unit()).isEqualTo("deg");
            assertThat(ra.datatype()).isEqualTo("double");
            assertThat(ra.isIndexed()).isTrue();
            assertThat(ra.isPrincipal()).isTrue();
            assertThat(ra.std()).isFalse();
            assertThat(stars.column("pmra").orElseThrow().isIndexed()).isFalse();
            assertThat(stars.column("main_id").orElseThrow().arraysize()).isEqualTo("*");
            assertThat(set.table("ivoa.obscore").orElseThrow().column("s_region").orElseThrow().xtype())
                    .isEqualTo("adql:REGION");
        }

        @Test
        void agreesWithVosiTables() throws IOException {
            TableSet vosi = load("dachs-tables.xml");
            for (TableMeta t : vosi.tables()) {
                TableMeta fromSchema = set.table(t.name()).orElseThrow();
                assertThat(fromSchema.columns()).extracting(ColumnDesc::name).as(t.name())
                        .containsExactlyInAnyOrderElementsOf(t.columns().stream().map(ColumnDesc::name).toList());
                for (ColumnDesc c : t.columns()) {
                    ColumnDesc d = fromSchema.column(c.name()).orElseThrow();
                    assertThat(d.unit()).as(t.name() + "." + c.name()).isEqualTo(c.unit());
                    assertThat(d.ucd()).as(t.name() + "." + c.name()).isEqualTo(c.ucd());
                    assertThat(d.datatype()).as(t.name() + "." + c.name()).isEqualTo(c.datatype());
                    assertThat(d.isIndexed()).as(t.name() + "." + c.name()).isEqualTo(c.isIndexed());
                }
            }
        }
    }

    @Test
    void fromTapSchemaToleratesMissingOptionalColumnsAndOddValues() throws IOException {
        RowListStarTable tables = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("TABLE_NAME", String.class, null),
            new ColumnInfo("Table_Type", String.class, null),
        });
        tables.addRow(new Object[] {"obs.frames", "table"});
        tables.addRow(new Object[] {"  ", "table"});
        RowListStarTable columns = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("COLUMN_NAME", String.class, null),
            new ColumnInfo("table_name", String.class, null),
            new ColumnInfo("Principal", Short.class, null),
            new ColumnInfo("INDEXED", Boolean.class, null),
            new ColumnInfo("std", String.class, null),
            new ColumnInfo("size", Integer.class, null),
        });
        columns.addRow(new Object[] {"frame_id", "obs.frames", (short) 1, Boolean.TRUE, "1", null});
        columns.addRow(new Object[] {"filter", "OBS.FRAMES", (short) 0, Boolean.FALSE, null, 8});
        columns.addRow(new Object[] {"x", "other", null, null, "no", null});
        TableSet set = TableSet.fromTapSchema(tables, columns);
        assertThat(set.schemas()).extracting(SchemaMeta::name).containsExactly("obs", TableSet.DEFAULT_SCHEMA);
        TableMeta frames = set.table("obs.frames").orElseThrow();
        assertThat(frames.type()).isEqualTo("table");
        assertThat(frames.description()).isNull();
        assertThat(frames.columns()).containsExactly(
                new ColumnDesc("frame_id", null, null, null, null, null, null, null, List.of("principal", "indexed"),
                        true),
                new ColumnDesc("filter", null, null, null, null, null, "8", null, List.of(), null));
        TableMeta other = set.table("other").orElseThrow();
        assertThat(other.columns()).extracting(ColumnDesc::std).containsExactly(false);
    }

    @Test
    void fromTapSchemaNeedsTableNames() {
        RowListStarTable tables = new RowListStarTable(new ColumnInfo[] {new ColumnInfo("name", String.class, null)});
        RowListStarTable columns = new RowListStarTable(new ColumnInfo[] {
            new ColumnInfo("table_name", String.class, null), new ColumnInfo("column_name", String.class, null)});
        assertThatThrownBy(() -> TableSet.fromTapSchema(tables, columns)).isInstanceOf(FormatException.class)
                .hasMessageContaining("TAP_SCHEMA.tables result has no table_name column (it has [name])");
        assertThatThrownBy(() -> TableSet.fromTapSchema(columns, tables)).isInstanceOf(FormatException.class)
                .hasMessageContaining("TAP_SCHEMA.columns result has no table_name column");
    }

    @Test
    void capabilitiesDocumentIsNotATableSet() {
        assertThatThrownBy(() -> load("dachs-capabilities.xml")).isInstanceOf(FormatException.class)
                .hasMessageContaining("root element is <cap:capabilities>")
                .hasMessageContaining("expected <tableset> or <table>")
                .hasMessageEndingWith("[http://127.0.0.1:8089/tap/tables]");
    }

    @Test
    void notXmlIsAFormatException() {
        assertThatThrownBy(() -> load("not-xml.txt")).isInstanceOf(FormatException.class)
                .hasMessageContaining("VOSI tables document is not well-formed XML");
    }

    @Test
    void externalEntityIsNeverRead() throws IOException {
        Path passwd = Path.of("/etc/passwd");
        assertThat(Files.isReadable(passwd)).as("a readable /etc/passwd to compare with").isTrue();
        String firstLine = Files.readAllLines(passwd).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        assertThat(firstLine.length()).as("a non-empty /etc/passwd").isGreaterThan(3);
        TableSet set;
        try {
            set = load("xxe-tables.xml");
        } catch (FormatException e) {
            assertThat(e.getMessage()).doesNotContain(firstLine);
            return;
        }
        assertThat(set.table("leak.passwd")).isPresent();
        assertThat(set.toString()).doesNotContain(firstLine);
        assertThat(set.table("leak.passwd").orElseThrow().description()).isNull();
        assertThat(set.table("leak.passwd").orElseThrow().column("line").orElseThrow().description()).isNull();
    }
}
