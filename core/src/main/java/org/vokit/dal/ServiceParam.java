package org.vokit.dal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.vokit.http.Param;

/**
 * One input parameter of a simple DAL service, as its {@code FORMAT=METADATA} answer declares it
 * (a {@code PARAM} named {@code INPUT:name}), and how to write values for it.
 *
 * <p>Ranges are where services disagree, so {@link #formatRange(double, double)} reads the
 * declaration to pick the convention (see {@link IntervalStyle}): a string parameter takes
 * {@code lo/hi} (the SSA/PQL slash syntax, with an empty side for an open end), a pair of
 * parameters {@code X_MIN}/{@code X_MAX} takes one bound each (the DaCHS form style), and an
 * array parameter with {@code xtype="interval"} takes {@code "lo hi"} (DALI, SIA 2), with
 * {@code -Inf}/{@code +Inf} for open ends.
 *
 * @param name the parameter name without the {@code INPUT:} prefix, as the service spells it
 * @param datatype the VOTable datatype (e.g. {@code char}, {@code double}), or null
 * @param arraysize the VOTable arraysize (e.g. {@code *}, {@code 2}), or null for a scalar
 * @param xtype the extended type (e.g. {@code interval}, {@code timestamp}, {@code mjd}), or null
 * @param unit the unit, or null
 * @param ucd the UCD, or null
 * @param utype the utype, or null
 * @param description the description, whitespace collapsed, or null
 * @param defaultValue the value the service assumes when the parameter is not given, or null
 * @param options the values the service allows ({@code VALUES/OPTION}), possibly none
 * @param min the smallest value allowed ({@code VALUES/MIN}), or null
 * @param max the largest value allowed ({@code VALUES/MAX}), or null
 * @param standard true if the protocol (or DALI) defines the parameter, false for a custom one
 */
public record ServiceParam(String name, String datatype, String arraysize, String xtype, String unit, String ucd,
                           String utype, String description, String defaultValue, List<Option> options, String min,
                           String max, boolean standard) {

    private static final Set<String> NUMERIC = Set.of("short", "int", "long", "float", "double", "unsignedbyte",
            "floatcomplex", "doublecomplex");

    /**
     * An allowed value.
     *
     * @param value the value to send
     * @param label the service's name for it, or null
     */
    public record Option(String value, String label) {

        /**
         * Validates the value.
         *
         * @param value the value
         * @param label the label
         */
        public Option {
            Objects.requireNonNull(value, "value");
        }
    }

    /** How a parameter takes a range of values. */
    public enum IntervalStyle {
        /** A single value; no range. */
        NONE("a single value"),
        /** One string {@code lo/hi}, either side empty for an open end (SSA, PQL). */
        SLASH("lo/hi, lo/ or /hi"),
        /** Two parameters {@code X_MIN=lo} and {@code X_MAX=hi}, either left out for an open end. */
        MIN_MAX_PAIR("X_MIN=lo and X_MAX=hi"),
        /** One array value {@code "lo hi"}, with {@code -Inf}/{@code +Inf} for open ends (DALI). */
        INTERVAL("\"lo hi\" (-Inf/+Inf for open ends)");

        private final String syntax;

        IntervalStyle(String syntax) {
            this.syntax = syntax;
        }

        /**
         * Describes the syntax for people.
         *
         * @return e.g. {@code lo/hi, lo/ or /hi}
         */
        public String syntax() {
            return syntax;
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param name name
     * @param datatype datatype
     * @param arraysize arraysize
     * @param xtype xtype
     * @param unit unit
     * @param ucd UCD
     * @param utype utype
     * @param description description
     * @param defaultValue default value
     * @param options allowed values
     * @param min minimum
     * @param max maximum
     * @param standard whether standard
     */
    public ServiceParam {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("empty parameter name");
        }
        options = List.copyOf(options);
    }

    /**
     * Makes a declaration with only a name and a type, e.g. for a service that does not describe
     * itself.
     *
     * @param name the name
     * @param datatype the VOTable datatype
     * @param arraysize the arraysize, or null
     * @param xtype the xtype, or null
     * @return the declaration
     */
    public static ServiceParam of(String name, String datatype, String arraysize, String xtype) {
        return new ServiceParam(name, datatype, arraysize, xtype, null, null, null, null, null, List.of(), null, null,
                false);
    }

    /**
     * Tells whether the datatype is a number.
     *
     * @return true for the VOTable numeric types
     */
    public boolean isNumeric() {
        return datatype != null && NUMERIC.contains(datatype.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the type for people: datatype, arraysize and xtype.
     *
     * @return e.g. {@code double[2] interval} or {@code char[*]}
     */
    public String type() {
        StringBuilder sb = new StringBuilder(datatype == null ? "?" : datatype);
        if (arraysize != null && !arraysize.isBlank()) {
            sb.append('[').append(arraysize).append(']');
        }
        if (xtype != null && !xtype.isBlank()) {
            sb.append(' ').append(xtype);
        }
        return sb.toString();
    }

    /**
     * Tells how this parameter takes a range, from its declaration: a name ending in
     * {@code _MIN}/{@code _MAX} is one of a pair; {@code xtype="interval"} (or a numeric
     * array of two) is a DALI interval; a string is the slash syntax; a numeric scalar takes no
     * range.
     *
     * @return the convention
     */
    public IntervalStyle intervalStyle() {
        String upper = name.toUpperCase(Locale.ROOT);
        if ((upper.endsWith("_MIN") || upper.endsWith("_MAX")) && name.length() > 4) {
            return IntervalStyle.MIN_MAX_PAIR;
        }
        if ("interval".equalsIgnoreCase(xtype) || (isNumeric() && "2".equals(arraysize == null ? null
                : arraysize.strip()))) {
            return IntervalStyle.INTERVAL;
        }
        if (datatype == null || datatype.equalsIgnoreCase("char") || datatype.equalsIgnoreCase("unicodeChar")) {
            return IntervalStyle.SLASH;
        }
        return IntervalStyle.NONE;
    }

    /**
     * Returns the name/value pairs that constrain this parameter to a range of numbers.
     *
     * @param lo the lower bound; an infinity or NaN for none
     * @param hi the upper bound; an infinity or NaN for none
     * @return the parameters to send (one, or two for a {@code _MIN}/{@code _MAX} pair)
     * @throws IllegalArgumentException if the parameter takes no range, if both ends are open,
     *     or if {@code lo > hi}
     */
    public List<Param> formatRange(double lo, double hi) {
        boolean hasLo = Double.isFinite(lo);
        boolean hasHi = Double.isFinite(hi);
        if (hasLo && hasHi && lo > hi) {
            throw new IllegalArgumentException("range of " + name + " is empty: " + lo + " > " + hi);
        }
        return formatRange(hasLo ? DalQuery.formatNumber(lo) : null, hasHi ? DalQuery.formatNumber(hi) : null);
    }

    /**
     * Returns the name/value pairs that constrain this parameter to a range given as text (for
     * bounds that are not plain numbers, such as ISO dates).
     *
     * @param lo the lower bound, or null for none
     * @param hi the upper bound, or null for none
     * @return the parameters to send
     * @throws IllegalArgumentException if the parameter takes no range or both ends are open
     */
    public List<Param> formatRange(String lo, String hi) {
        String l = lo == null || lo.isBlank() ? null : lo.strip();
        String h = hi == null || hi.isBlank() ? null : hi.strip();
        if (l == null && h == null) {
            throw new IllegalArgumentException("a range of " + name + " needs at least one bound");
        }
        return switch (intervalStyle()) {
            case NONE -> throw new IllegalArgumentException("parameter " + name + " (" + type()
                    + ") takes a single value, not a range");
            case SLASH -> List.of(new Param(name, (l == null ? "" : l) + "/" + (h == null ? "" : h)));
            case INTERVAL -> List.of(new Param(name, (l == null ? "-Inf" : l) + " " + (h == null ? "+Inf" : h)));
            case MIN_MAX_PAIR -> {
                String base = name.substring(0, name.length() - 4);
                boolean lower = Character.isLowerCase(name.charAt(name.length() - 1));
                List<Param> out = new ArrayList<>(2);
                if (l != null) {
                    out.add(new Param(base + (lower ? "_min" : "_MIN"), l));
                }
                if (h != null) {
                    out.add(new Param(base + (lower ? "_max" : "_MAX"), h));
                }
                yield out;
            }
        };
    }
}
