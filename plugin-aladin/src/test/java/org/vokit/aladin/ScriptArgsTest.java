package org.vokit.aladin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScriptArgsTest {

    private static final Set<String> KEYS = Set.of("cone", "tap", "ra", "dec", "radius", "circle");

    private static ScriptArgs parse(String line) {
        return ScriptArgs.parse("vicinity", line.isEmpty() ? new String[0] : line.split(" "), KEYS);
    }

    @Test
    void keyValueWordsAreReadWithTheirTypes() {
        ScriptArgs a = parse("cone=http://h/scs.xml? RA=10.5 dec=-20 radius=0.1 circle=1,2,3");
        assertThat(a.url("cone").toString()).isEqualTo("http://h/scs.xml?");
        assertThat(a.number("ra")).isEqualTo(10.5);
        assertThat(a.number("dec")).isEqualTo(-20);
        assertThat(a.numbers("circle", 3)).containsExactly(1, 2, 3);
        assertThat(a.oneOf("cone", "tap")).isEqualTo("cone");
        assertThat(a.number("missing-but-defaulted", 7)).isEqualTo(7);
    }

    @Test
    void everyMistakeNamesTheCommandAndTheWord() {
        assertThatThrownBy(() -> parse("colour=red")).hasMessage(
                "vicinity: unknown argument 'colour' (keys: circle, cone, dec, ra, radius, tap)");
        assertThatThrownBy(() -> parse("ra")).hasMessageStartingWith("vicinity: 'ra' is not key=value");
        assertThatThrownBy(() -> parse("ra=")).hasMessage("vicinity: ra= has no value");
        assertThatThrownBy(() -> parse("ra=1 ra=2")).hasMessage("vicinity: ra= is given twice");
        assertThatThrownBy(() -> parse("ra=ten").number("ra")).hasMessage("vicinity: ra= is not a number: 'ten'");
        assertThatThrownBy(() -> parse("ra=NaN").number("ra")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> parse("").number("dec")).hasMessage("vicinity: missing argument dec=");
        assertThatThrownBy(() -> parse("circle=1,2").numbers("circle", 3))
                .hasMessageContaining("circle= needs 3 numbers");
        assertThatThrownBy(() -> parse("cone=ftp://x").url("cone")).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> parse("cone=http://a tap=http://b").oneOf("cone", "tap"))
                .hasMessageContaining("not both cone= and tap=");
        assertThatThrownBy(() -> parse("").oneOf("cone", "tap"))
                .hasMessage("vicinity: missing argument: one of cone=, tap=");
    }

    @Test
    void nullWordsAreNoArguments() {
        assertThat(ScriptArgs.parse("cutout", null, KEYS).values()).isEmpty();
    }
}
