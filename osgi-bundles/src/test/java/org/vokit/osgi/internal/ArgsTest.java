package org.vokit.osgi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static final Set<String> VALUED = Set.of("--service", "--cone");
    private static final Set<String> FLAGS = Set.of("--async");

    @Test
    void valuesFlagsAndRepeats() {
        Args a = Args.parse("vo:x", new String[] {"--service", "http://h/tap", "--cone", "a", "--async", "--cone", "b"},
                VALUED, FLAGS);
        assertThat(a.require("--service")).isEqualTo("http://h/tap");
        assertThat(a.all("--cone")).containsExactly("a", "b");
        assertThat(a.has("--async")).isTrue();
        assertThat(a.get("--nothing")).isNull();
    }

    @Test
    void badInputNamesTheWord() {
        assertThatThrownBy(() -> Args.parse("vo:x", new String[] {"--servic", "u"}, VALUED, FLAGS))
                .hasMessageContaining("vo:x: unknown option --servic").hasMessageContaining("--service");
        assertThatThrownBy(() -> Args.parse("vo:x", new String[] {"--service"}, VALUED, FLAGS))
                .hasMessage("vo:x: --service needs a value");
        assertThatThrownBy(() -> Args.parse("vo:x", new String[] {"stray"}, VALUED, FLAGS))
                .hasMessageContaining("unexpected argument 'stray'");
        assertThatThrownBy(() -> Args.parse("vo:x", new String[0], VALUED, FLAGS).require("--service"))
                .hasMessage("vo:x: --service is required");
        assertThatThrownBy(() -> Args.parse("vo:x", new String[] {"--cone", "x"}, VALUED, FLAGS).number("--cone", 1))
                .hasMessage("vo:x: --cone 'x' is not a number");
    }
}
