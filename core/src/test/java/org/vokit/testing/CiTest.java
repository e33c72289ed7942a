package org.vokit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CiTest {

    @Test
    void anythingButEmptyZeroOrFalseMeansCi() {
        assertThat(Ci.active(null)).isFalse();
        assertThat(Ci.active("")).isFalse();
        assertThat(Ci.active(" ")).isFalse();
        assertThat(Ci.active("0")).isFalse();
        assertThat(Ci.active("false")).isFalse();
        assertThat(Ci.active("FALSE")).isFalse();
        assertThat(Ci.active("true")).isTrue();
        assertThat(Ci.active("1")).isTrue();
        assertThat(Ci.active("yes")).isTrue();
        assertThat(Ci.active("TRUE")).isTrue();
    }
}
