package org.vokit.investigator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.vokit.testing.TestHub;
import org.vokit.testing.FakeClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.astrogrid.samp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampConnection;

/**
 * The odometer sums great-circle distances: known steps directly, and positions arriving as
 * {@code coord.pointAt.sky} calls and notifications from a plain JSAMP client playing Aladin.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OdometerTest {

    @Test
    void separationsOfKnownPairs() {
        assertThat(SkyPosition.of(0, 0).separation(SkyPosition.of(90, 0))).isCloseTo(90, within(1e-12));
        assertThat(SkyPosition.of(0, 0).separation(SkyPosition.of(180, 0))).isCloseTo(180, within(1e-12));
        assertThat(SkyPosition.of(123, -90).separation(SkyPosition.of(7, 90))).isCloseTo(180, within(1e-12));
        assertThat(SkyPosition.of(10, 20).separation(SkyPosition.of(10, 20.5))).isCloseTo(0.5, within(1e-12));
        // across RA=0: 359.999 and 0.001 at the equator are 0.002 degrees apart
        assertThat(SkyPosition.of(359.999, 0).separation(SkyPosition.of(0.001, 0))).isCloseTo(0.002, within(1e-12));
        // 0.01 degrees of RA at Dec 20 is 0.01 cos(20 deg) on the sky, to first order
        assertThat(SkyPosition.of(10, 20).separation(SkyPosition.of(10.01, 20)))
                .isCloseTo(0.01 * Math.cos(Math.toRadians(20)), within(1e-9));
        // 1 arcsec stays accurate where the cosine formula would lose digits
        assertThat(SkyPosition.of(266.4, -29).separation(SkyPosition.of(266.4, -29 + 1 / 3600.0)) * 3600)
                .isCloseTo(1.0, within(1e-9));
        assertThat(SkyPosition.of(-10, 0).ra()).isEqualTo(350.0);
        assertThatThrownBy(() -> SkyPosition.of(0, 91)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sumsStepsAndResets() {
        Odometer odo = new Odometer();
        List<Double> steps = new CopyOnWriteArrayList<>();
        odo.addListener((from, to, step, total) -> steps.add(step));
        assertThat(odo.moveTo(SkyPosition.of(0, 0))).isZero();
        assertThat(odo.moveTo(SkyPosition.of(10, 0))).isCloseTo(10, within(1e-12));
        assertThat(odo.moveTo(SkyPosition.of(10, 10))).isCloseTo(10, within(1e-12));
        assertThat(odo.moveTo(SkyPosition.of(10, 10))).isZero();
        assertThat(odo.moveTo(SkyPosition.of(190, -10))).isCloseTo(180, within(1e-12));
        assertThat(odo.total()).isCloseTo(200, within(1e-9));
        assertThat(odo.positions()).isEqualTo(5);
        assertThat(steps).hasSize(5);
        odo.reset();
        assertThat(odo.total()).isZero();
        assertThat(odo.last()).isEmpty();
        assertThat(odo.moveTo(SkyPosition.of(50, 50))).isZero();
        assertThat(odo.total()).isZero();
    }

    @Test
    void countsPointAtMessagesFromAnotherClient(@TempDir Path dir) throws Exception {
        java.util.logging.Logger.getLogger("org.astrogrid.samp").setLevel(java.util.logging.Level.WARNING);
        try (TestHub hub = TestHub.start(dir);
             FakeClient aladin = hub.fake("Aladin");
             SampConnection conn = hub.connection("vokit-odometer").connect()) {
            Odometer odo = Odometer.attach(conn);
            List<Double> totals = new CopyOnWriteArrayList<>();
            odo.addListener((from, to, step, total) -> totals.add(total));
            double[][] path = {{10, 20}, {10, 20.5}, {11, 20.5}, {11, 20.5}, {10, 20}};
            double expected = 0;
            for (int i = 0; i < path.length; i++) {
                if (i > 0) {
                    expected += SkyPosition.of(path[i - 1][0], path[i - 1][1])
                            .separation(SkyPosition.of(path[i][0], path[i][1]));
                }
                Map<String, String> p = Map.of("ra", Double.toString(path[i][0]), "dec", Double.toString(path[i][1]));
                if (i % 2 == 0) {
                    Response r = aladin.call(conn.selfId(), MTypes.COORD_POINT_AT_SKY, p, 10);
                    assertThat(r.isOK()).isTrue();
                    assertThat(Double.parseDouble((String) r.getResult().get("vokit.total")))
                            .isCloseTo(expected, within(1e-6));
                } else {
                    int before = totals.size();
                    aladin.notify(conn.selfId(), MTypes.COORD_POINT_AT_SKY, p);
                    waitFor(() -> totals.size() > before, 10_000);
                }
            }
            waitFor(() -> odo.positions() == path.length, 10_000);
            assertThat(odo.total()).isCloseTo(expected, within(1e-9));
            // the steps: 0.5, ~0.9397 (1 deg of RA at Dec 20.5), 0, and back across the diagonal
            assertThat(expected).isGreaterThan(0.5 + 0.93);
            Response bad = aladin.call(conn.selfId(), MTypes.COORD_POINT_AT_SKY, Map.of("ra", "10"), 10);
            assertThat(bad.getErrInfo().getErrortxt()).contains("dec");
            assertThat(odo.positions()).isEqualTo(path.length);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!cond.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(cond.getAsBoolean()).as("condition within %d ms", millis).isTrue();
    }

    @Test
    void attachingNeedsAnOpenConnection(@TempDir Path dir) throws IOException {
        try (TestHub hub = TestHub.start(dir)) {
            SampConnection conn = hub.connection("vokit-closed-odometer").connect();
            conn.close();
            assertThatThrownBy(() -> Odometer.attach(conn)).hasMessageContaining("closed");
        }
    }
}
