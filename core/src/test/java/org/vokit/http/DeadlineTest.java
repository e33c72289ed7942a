package org.vokit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void capTakesTheSmallerOfRequestTimeoutAndTimeLeft() {
        Deadline d = Deadline.in(Duration.ofSeconds(2));
        assertThat(d.cap(Duration.ofMinutes(5))).isLessThanOrEqualTo(Duration.ofSeconds(2))
                .isGreaterThan(Duration.ofSeconds(1));
        assertThat(d.cap(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
        assertThat(d.cap(null)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(Deadline.none().cap(Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(Deadline.none().cap(null)).isNull();
    }

    @Test
    void expiresAndNeverGoesNegative() throws InterruptedException {
        Deadline d = Deadline.in(Duration.ofMillis(20));
        assertThat(d.expired()).isFalse();
        Thread.sleep(40);
        assertThat(d.expired()).isTrue();
        assertThat(d.remaining()).isEqualTo(Duration.ZERO);
        assertThat(Deadline.none().expired()).isFalse();
        assertThat(Deadline.none().isBounded()).isFalse();
    }

    @Test
    void hugeAllowancesAreUnboundedAndNegativeOnesRejected() {
        assertThat(Deadline.in(Duration.ofSeconds(Long.MAX_VALUE)).isBounded()).isFalse();
        assertThatThrownBy(() -> Deadline.in(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
