package org.vokit.vowide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.fanout.FanoutTask;
import org.vokit.registry.Registry;
import org.vokit.tap.TableSet;

/** Column choice by UCD, query building per TAPRegExt, units and schema files (no network). */
class VoWidePlanningTest {

    private static TableSet.ColumnDesc col(String name, String ucd, String unit) {
        return new TableSet.ColumnDesc(name, null, unit, ucd, null, "double", null, null, List.of(), null);
    }

    private static final TableSet.TableMeta TABLE = new TableSet.TableMeta("odd schema.main", null, null, null, "table",
            OptionalLong.empty(), List.of(col("alt_ra", "pos.eq.ra", "deg"), col("RA", "POS.EQ.RA;META.MAIN", "deg"),
            col("dec", "pos.eq.dec;meta.main", "deg"), col("id", "meta.id;meta.main", null),
            col("pmra", "pos.pm;pos.eq.ra", "arcsec/yr"), col("pmde", "pos.pm;pos.eq.dec", "mas/yr"),
            col("size", "pos.pmx", "mas/yr")), List.of());

    @Test
    void picksTheExactUcdPreferringMetaMain() {
        assertThat(VoWideQuery.column(TABLE, "pos.eq.ra;meta.main")).get().extracting(TableSet.ColumnDesc::name)
                .isEqualTo("RA");
        assertThat(VoWideQuery.column(TABLE, "pos.eq.ra")).get().extracting(TableSet.ColumnDesc::name).isEqualTo("RA");
        assertThat(VoWideQuery.column(TABLE, "pos.pm")).isEmpty();
        assertThat(VoWideQuery.column(TABLE, "pos.pm;pos.eq.ra")).get().extracting(TableSet.ColumnDesc::name)
                .isEqualTo("pmra");
    }

    @Test
    void queryFollowsTheServicesFeatures() {
        VoWideQuery q = VoWideQuery.builder(Registry.of("http://127.0.0.1:9/tap"), "pos.pm%").cone(10, 20, 0.5).build();
        String all = q.select(TABLE, "\"odd schema\".main", "ivo://x/y", new VoWideQuery.Features(true, true, true));
        assertThat(all).contains("CAST(id AS CHAR(*)) AS cat_id", "RA AS ra", "IN_UNIT(pmra, 'mas/yr') AS pmra",
                "pmde AS pmde", "FROM \"odd schema\".main", "'ivo://x/y' AS prov_ivoid",
                "CIRCLE('ICRS', 10.0, 20.0, 0.5)", "POINT('ICRS', RA, dec)");
        String none = q.select(TABLE, "\"odd schema\".main", "ivo://x/y", VoWideQuery.Features.NONE);
        assertThat(none).contains("id AS cat_id", "(pmra * 1000.0) AS pmra").doesNotContain("CAST", "IN_UNIT");
        VoWideQuery other = VoWideQuery.builder(Registry.of("http://127.0.0.1:9/tap"), "phot.flux").cone(1, 2, 3).build();
        assertThatThrownBy(() -> other.select(TABLE, "t", null, VoWideQuery.Features.NONE))
                .hasMessageContaining("no column with UCD phot.flux");
    }

    @Test
    void unitFactors() {
        assertThat(Units.factor("arcsec/yr", "mas/yr")).hasValue(1000.0);
        assertThat(Units.factor("mas.yr-1", "mas/yr")).isEmpty();
        assertThat(Units.factor("deg", "arcsec")).hasValue(3600.0);
        assertThat(Units.factor("deg", "mas/yr")).isEmpty();
    }

    @Test
    void schemaFileErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "# name, ucd, unit, type\nid, meta.id;meta.main,, CHAR(*)\nra, pos.eq.ra;meta.main, deg\n"
                + "dec, pos.eq.dec;meta.main, deg\n");
        assertThat(ResultColumn.read(f)).extracting(ResultColumn::name).containsExactly("id", "ra", "dec");
        Files.writeString(f, "id\n");
        assertThatThrownBy(() -> ResultColumn.read(f)).hasMessageContaining(f + ":1");
        Files.writeString(f, "id, meta.id, , CHAR(*); DROP\n");
        assertThatThrownBy(() -> ResultColumn.read(f)).hasMessageContaining("not an ADQL type");
    }

    @Test
    void tasksAreInterleavedOverHosts() {
        List<FanoutTask> t = List.of(task("a", 1), task("a", 2), task("a", 3), task("b", 1), task("b", 2));
        assertThat(org.vokit.fanout.FanoutTestAccess.interleave(t)).extracting(FanoutTask::label)
                .containsExactly("a1", "b1", "a2", "b2", "a3");
    }

    private static FanoutTask task(String host, int i) {
        return new FanoutTask(host + i, URI.create("http://" + host + ".test/tap"), null, null,
                org.vokit.tap.TapQuery.of("SELECT 1"), false);
    }

    @Test
    void aDescriptionReadsBackIntoTheSameQuery() {
        List<ResultColumn> cols = List.of(new ResultColumn("id", "meta.id;meta.main", null, "CHAR(*)"),
                new ResultColumn("ra", "pos.eq.ra;meta.main", "deg", null),
                new ResultColumn("dec", "pos.eq.dec;meta.main", "deg", null),
                new ResultColumn("v", "phot.mag;em.opt.V", "mag", "REAL"));
        VoWideQuery q = VoWideQuery.builder(Registry.of("http://127.0.0.1:9/tap"), "phot.mag%").cone(266.4, -29, 0.25)
                .schema(cols).build();
        String d = q.description();
        assertThat(VoWideQuery.registryOf(d)).contains(URI.create("http://127.0.0.1:9/tap"));
        VoWideQuery back = VoWideQuery.fromDescription(d, Registry.of("http://127.0.0.1:8/tap")).build();
        assertThat(back.description()).isEqualTo(d.replace(":9/tap", ":8/tap"));
        assertThat(back.columns()).extracting(c -> c.getName()).containsExactly("id", "ra", "dec", "v");
        // a description from before the registry was kept in it
        assertThat(VoWideQuery.registryOf("vowide ucd=pos.pm% ra=1.0 dec=2.0 sr=3.0")).isEmpty();
        assertThat(VoWideQuery.fromDescription("vowide ucd=pos.pm% ra=1.0 dec=2.0 sr=3.0",
                Registry.of("http://127.0.0.1:8/tap")).build().columns()).hasSize(5);
        assertThatThrownBy(() -> VoWideQuery.fromDescription("SELECT 1", Registry.of("http://127.0.0.1:8/tap")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SELECT 1");
    }
}
