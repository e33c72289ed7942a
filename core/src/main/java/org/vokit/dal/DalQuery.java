package org.vokit.dal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vokit.http.Param;

/**
 * The parameters of one request to a simple DAL service, as an immutable value. Each protocol has
 * its own subclass with typed methods for its standard parameters ({@code ConeQuery},
 * {@code SiaQuery}, {@code Sia2Query}, {@code SsaQuery}); what they share lives here: custom
 * parameters passed through by name, the row limit, the response format and the time allowed.
 *
 * <p>Every {@code with...} method returns a changed copy. Parameter names are compared without
 * regard to case, as DALI prescribes; they are sent as given.
 *
 * <pre>{@code
 * SsaQuery q = SsaQuery.around(10, 20, 0.5)
 *         .withParam("TEFF", "10000/")          // a custom parameter of this service
 *         .withMaxrec(100)
 *         .withTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param <Q> the concrete query type
 */
public abstract class DalQuery<Q extends DalQuery<Q>> {

    private final List<Param> params;
    private final Duration timeout;

    /**
     * Creates a query.
     *
     * @param params the parameters, in sending order
     * @param timeout the overall time allowed, or null for the service's default
     */
    protected DalQuery(List<Param> params, Duration timeout) {
        this.params = List.copyOf(params);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Makes a copy of the concrete type with other parameters or timeout.
     *
     * @param params the new parameters
     * @param timeout the new timeout, or null
     * @return the copy
     */
    protected abstract Q copy(List<Param> params, Duration timeout);

    /**
     * Returns every parameter to send, in order.
     *
     * @return the parameters
     */
    public final List<Param> params() {
        return params;
    }

    /**
     * Returns the overall time allowed for the request (including reading the answer).
     *
     * @return the timeout, or null for the service's default
     */
    public final Duration timeout() {
        return timeout;
    }

    /**
     * Returns the first value of a parameter.
     *
     * @param name the name, any case
     * @return the value, if the parameter is set
     */
    public final Optional<String> param(String name) {
        return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).map(Param::value).findFirst();
    }

    /**
     * Returns every value of a parameter (some protocols, such as SIA 2, allow repeating one).
     *
     * @param name the name, any case
     * @return the values in order, possibly none
     */
    public final List<String> values(String name) {
        return params.stream().filter(p -> p.name().equalsIgnoreCase(name)).map(Param::value).toList();
    }

    /**
     * Sets a parameter, replacing every earlier value of the same name. This is how a service's
     * custom parameters (those its {@code FORMAT=METADATA} lists, see {@link ServiceParams}) are
     * passed, e.g. {@code withParam("TEFF", "5000/8000")}; it can also override a standard one.
     *
     * @param name the parameter name, sent as given
     * @param value the value, sent as given
     * @return the changed copy
     */
    public final Q withParam(String name, String value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        List<Param> p = removed(name);
        p.add(new Param(name, value));
        return copy(p, timeout);
    }

    /**
     * Adds a parameter value, keeping earlier values of the same name (for parameters a protocol
     * lets repeat, such as SIA 2's {@code POS} or {@code COLLECTION}, which the service ORs).
     *
     * @param name the parameter name
     * @param value the value
     * @return the changed copy
     */
    public final Q addParam(String name, String value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        List<Param> p = new ArrayList<>(params);
        p.add(new Param(name, value));
        return copy(p, timeout);
    }

    /**
     * Sets several parameters at once, each replacing earlier values of its name; the pairs a
     * {@link ServiceParam#formatRange} returns are meant for this.
     *
     * @param values the parameters
     * @return the changed copy
     */
    public final Q withParams(List<Param> values) {
        List<Param> p = new ArrayList<>(params);
        for (Param v : values) {
            checkName(v.name());
            p.removeIf(x -> x.name().equalsIgnoreCase(v.name()));
        }
        p.addAll(values);
        return copy(p, timeout);
    }

    /**
     * Constrains a declared parameter to a range, written in the convention the service's
     * declaration calls for (see {@link ServiceParam#formatRange(double, double)}).
     *
     * @param param the parameter as the service declared it
     * @param lo the lower bound, or an infinity or NaN for none
     * @param hi the upper bound, or an infinity or NaN for none
     * @return the changed copy
     * @throws IllegalArgumentException if the parameter takes no range
     */
    public final Q withRange(ServiceParam param, double lo, double hi) {
        return withParams(param.formatRange(lo, hi));
    }

    /**
     * Removes a parameter.
     *
     * @param name the name, any case
     * @return the changed copy
     */
    public final Q without(String name) {
        return copy(removed(name), timeout);
    }

    /**
     * Asks the service for at most this many records ({@code MAXREC}); a result cut there is
     * flagged by {@link DalResults#overflowed()}.
     *
     * @param n the row limit
     * @return the changed copy
     */
    public final Q withMaxrec(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative MAXREC " + n);
        }
        return withParam("MAXREC", Long.toString(n));
    }

    /**
     * Sets the overall time allowed for this request.
     *
     * @param t the time, positive
     * @return the changed copy
     */
    public final Q withTimeout(Duration t) {
        return copy(params, Objects.requireNonNull(t, "timeout"));
    }

    private List<Param> removed(String name) {
        List<Param> p = new ArrayList<>(params);
        p.removeIf(x -> x.name().equalsIgnoreCase(name));
        return p;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("empty parameter name");
        }
    }

    /**
     * Writes a number as a DAL parameter value: integral values without a fraction, others in
     * Java's shortest round-tripping form, infinities as DALI's {@code +Inf}/{@code -Inf}.
     *
     * @param v the number
     * @return its text
     * @throws IllegalArgumentException for NaN
     */
    public static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("NaN is not a parameter value");
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Converts an instant to a Modified Julian Date (UTC days since 1858-11-17), the time scale
     * of SIA 2 and ObsCore.
     *
     * @param t the instant
     * @return the MJD
     */
    public static double toMjd(Instant t) {
        return Times.MJD_UNIX_EPOCH + (t.getEpochSecond() + t.getNano() / 1e9) / 86400.0;
    }

    /**
     * Checks an equatorial position.
     *
     * @param ra right ascension in degrees
     * @param dec declination in degrees
     */
    protected static void checkPosition(double ra, double dec) {
        if (!(ra >= 0 && ra <= 360)) {
            throw new IllegalArgumentException("RA must be between 0 and 360 degrees: " + ra);
        }
        if (!(dec >= -90 && dec <= 90)) {
            throw new IllegalArgumentException("Dec must be between -90 and 90 degrees: " + dec);
        }
    }

    /**
     * Checks a size or radius.
     *
     * @param what the parameter's name, for the message
     * @param v the value in degrees
     */
    protected static void checkSize(String what, double v) {
        if (!(v >= 0 && v <= 180)) {
            throw new IllegalArgumentException(what + " must be between 0 and 180 degrees: " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((DalQuery<?>) o).params.equals(params)
                && Objects.equals(((DalQuery<?>) o).timeout, timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), params, timeout);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
        for (int i = 0; i < params.size(); i++) {
            sb.append(i > 0 ? "&" : "").append(params.get(i).name()).append('=').append(params.get(i).value());
        }
        return sb.append(timeout != null ? ", timeout " + timeout : "").append(']').toString();
    }
}
