package org.vokit.investigator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Locale;
import org.vokit.samp.MTypes;
import org.vokit.samp.SampConnection;
import org.vokit.samp.SampException;
import org.vokit.samp.SampHandler;
import org.vokit.samp.SampMessage;

/**
 * The odometer of the course's exercise 13: the total angular distance the pointer has travelled,
 * summed from the great-circle distances between successive {@code coord.pointAt.sky}
 * positions (as Aladin sends them when the user clicks on the sky), in degrees.
 *
 * <pre>{@code
 * Odometer odo = Odometer.attach(samp);          // subscribes to coord.pointAt.sky
 * odo.addListener((from, to, step, total) -> System.out.printf("%.4f deg so far%n", total));
 * }</pre>
 *
 * <p>It handles calls and notifications alike; a call is answered with the step and total as
 * {@code vokit.step} and {@code vokit.total}. Thread-safe.
 */
public final class Odometer implements SampHandler {

    /** Told about every step. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Receives a step.
         *
         * @param from the previous position, or null for the first one
         * @param to the new position
         * @param step the distance of this step in degrees (0 for the first position)
         * @param total the total distance so far in degrees
         */
        void moved(SkyPosition from, SkyPosition to, double step, double total);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private SkyPosition last;
    private double total;
    private long steps;

    /** Creates an odometer at zero, attached to nothing. */
    public Odometer() {
    }

    /**
     * Creates an odometer and binds it to {@code coord.pointAt.sky} on a connection.
     *
     * @param connection the connection
     * @return the odometer
     * @throws SampException if the subscription is refused
     */
    public static Odometer attach(SampConnection connection) throws SampException {
        Odometer o = new Odometer();
        connection.on(MTypes.COORD_POINT_AT_SKY, o);
        return o;
    }

    /**
     * Adds a listener.
     *
     * @param l the listener
     */
    public void addListener(Listener l) {
        listeners.add(l);
    }

    /**
     * Moves the pointer to a position.
     *
     * @param to the new position
     * @return the distance from the previous position in degrees (0 for the first)
     */
    public double moveTo(SkyPosition to) {
        SkyPosition from;
        double step;
        double sum;
        synchronized (this) {
            from = last;
            step = from == null ? 0 : from.separation(to);
            total += step;
            last = to;
            steps++;
            sum = total;
        }
        for (Listener l : listeners) {
            l.moved(from, to, step, sum);
        }
        return step;
    }

    /** @return the total distance travelled in degrees */
    public synchronized double total() {
        return total;
    }

    /** @return how many positions have been received since the last reset */
    public synchronized long positions() {
        return steps;
    }

    /** @return the last position, if any */
    public synchronized Optional<SkyPosition> last() {
        return Optional.ofNullable(last);
    }

    /** Sets the total back to zero and forgets the last position. */
    public synchronized void reset() {
        total = 0;
        last = null;
        steps = 0;
    }

    /**
     * Handles {@code coord.pointAt.sky}: parameters {@code ra} and {@code dec} in degrees.
     *
     * @param message the message
     * @return the step and total, in degrees, as strings
     */
    @Override
    public Map<String, ?> handle(SampMessage message) {
        SkyPosition p = new SkyPosition(message.requireDouble("ra"), message.requireDouble("dec"));
        double step = moveTo(p);
        return Map.of("vokit.step", String.format(Locale.ROOT, "%.9g", step),
                "vokit.total", String.format(Locale.ROOT, "%.9g", total()));
    }
}
