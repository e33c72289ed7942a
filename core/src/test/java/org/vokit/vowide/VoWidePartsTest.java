package org.vokit.vowide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;

class VoWidePartsTest {

    @Test
    void ucdsMatchExactlyIgnoringCaseAndMetaMain() {
        SchemaColumn pmra = new SchemaColumn("pmra", "pos.pm;pos.eq.ra", "mas/yr", "double", true);
        assertThat(pmra.matches("pos.pm;pos.eq.ra")).isTrue();
        assertThat(pmra.matches("POS.PM;POS.EQ.RA;meta.main")).isTrue();
        assertThat(pmra.matches("pos.pm;pos.eq.dec")).isFalse();
        assertThat(pmra.matches("pos.pm")).as("no loose prefix match").isFalse();
        assertThat(pmra.matches(null)).isFalse();
        SchemaColumn any = new SchemaColumn("v", "phot.mag;em.%", null, "double", true);
        assertThat(any.matches("phot.mag;em.opt.V")).isTrue();
        assertThat(any.matches("phot.flux;em.opt.V")).isFalse();
        assertThat(SchemaColumn.hasMain("pos.eq.ra; meta.main")).isTrue();
    }

    @Test
    void schemaColumnsRoundTripAndBadOnesAreNamed() throws Exception {
        SchemaColumn c = new SchemaColumn("pmde", "pos.pm;pos.eq.dec", "mas/yr", "double", true);
        assertThat(SchemaColumn.decode(c.encode())).isEqualTo(c);
        RowListStarTable t = new RowListStarTable(new ColumnInfo[] {new ColumnInfo("name", String.class, null),
            new ColumnInfo("ucd", String.class, null), new ColumnInfo("type", String.class, null)});
        t.addRow(new Object[] {"id", "meta.id", "string"});
        t.addRow(new Object[] {"x", "pos.eq.ra", "complex"});
        assertThatThrownBy(() -> SchemaColumn.read(t, "s.csv")).hasMessageContaining("s.csv row 2")
                .hasMessageContaining("complex");
        RowListStarTable noUcd = new RowListStarTable(new ColumnInfo[] {new ColumnInfo("name", String.class, null)});
        assertThatThrownBy(() -> SchemaColumn.read(noUcd, "s.csv")).hasMessageContaining("column 'ucd'");
        assertThat(SchemaColumn.defaults("pos.pm%")).extracting(SchemaColumn::name)
                .containsExactly("id", "ra", "dec", "pmra", "pmde");
    }

    @Test
    void angleAndRateUnitsConvertButKindsDoNotMix() {
        assertThat(Units.factor("mas/yr", "arcsec/yr").getAsDouble()).isCloseTo(1e-3, within(1e-15));
        assertThat(Units.factor("deg", "arcsec").getAsDouble()).isCloseTo(3600, within(1e-9));
        assertThat(Units.factor("mas.yr-1", "mas/yr").getAsDouble()).isCloseTo(1, within(1e-12));
        assertThat(Units.factor("mas", "mas/yr")).isEmpty();
        assertThat(Units.factor("km/s", "mas/yr")).isEmpty();
        assertThat(VoWideQuery.convert(7.189f, "double", 1)).isEqualTo(7.189);
        assertThat(VoWideQuery.convert(2000.0, "double", 1e-3)).isEqualTo(2.0);
        assertThat(VoWideQuery.convert(42, "string", 1)).isEqualTo("42");
        assertThat(VoWideQuery.convert("17", "long", 1)).isEqualTo(17L);
        assertThat(VoWideQuery.convert(Double.NaN, "double", 1)).isNull();
    }

    @Test
    void healthSkipsAServiceAfterThreeRecentFailuresAndRemembersLatency(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/health.tsv");
        URI a = URI.create("http://a.example/tap");
        URI b = URI.create("http://b.example/tap");
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        ServiceHealth h = ServiceHealth.load(file);
        for (int i = 3; i >= 1; i--) {
            h.record(a, now.minus(Duration.ofHours(i)), false, Duration.ofSeconds(5));
        }
        h.record(b, now.minus(Duration.ofHours(1)), true, Duration.ofMillis(800));
        h.save();
        ServiceHealth back = ServiceHealth.load(file);
        assertThat(back.failingRecently(a, now)).isTrue();
        assertThat(back.failingRecently(a, now.plus(Duration.ofHours(22)))).as("older than 24 h").isFalse();
        assertThat(back.failingRecently(b, now)).isFalse();
        assertThat(back.typicalLatency(b)).contains(Duration.ofMillis(800));
        assertThat(back.slowestFirst(List.of(a, b), u -> u)).containsExactly(b, a);
        back.record(a, now, true, Duration.ofSeconds(1));
        assertThat(back.failingRecently(a, now)).isFalse();
    }
}
