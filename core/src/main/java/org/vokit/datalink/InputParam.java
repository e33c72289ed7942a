package org.vokit.datalink;

import java.util.List;
import java.util.Locale;

/**
 * One input parameter of a service descriptor: a {@code PARAM} of its
 * {@code GROUP name="inputParams"}. A parameter with a {@link #value()} is sent as it is; one with
 * a {@link #ref()} takes its value from the named column of the result row; the others are the
 * caller's to fill, within {@link #min()}/{@link #max()} or one of {@link #options()}.
 *
 * @param name the parameter name as the service expects it
 * @param value the fixed value, or null
 * @param ref the ID of the result column the value comes from, or null
 * @param datatype the VOTable datatype, or null
 * @param arraysize the VOTable arraysize (e.g. {@code 2}, {@code *}), or null
 * @param unit the unit, or null
 * @param ucd the UCD, or null
 * @param utype the utype, or null
 * @param xtype the extended type (e.g. {@code interval}, {@code circle}, {@code polygon}), or null
 * @param description human-readable description, or null
 * @param min the lower limit from {@code VALUES/MIN}, or null
 * @param max the upper limit from {@code VALUES/MAX}, or null
 * @param options the allowed values from {@code VALUES/OPTION}, empty if none
 */
public record InputParam(String name, String value, String ref, String datatype, String arraysize, String unit,
                         String ucd, String utype, String xtype, String description, String min, String max,
                         List<String> options) {

    /**
     * Copies the options.
     *
     * @param name name
     * @param value value
     * @param ref ref
     * @param datatype datatype
     * @param arraysize arraysize
     * @param unit unit
     * @param ucd UCD
     * @param utype utype
     * @param xtype xtype
     * @param description description
     * @param min minimum
     * @param max maximum
     * @param options options
     */
    public InputParam {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /**
     * Reads a parameter as STIL parsed it.
     *
     * @param p STIL's parameter
     * @return the parameter
     */
    static InputParam of(uk.ac.starlink.votable.datalink.ServiceParam p) {
        String[] minMax = p.getMinMax();
        String[] opts = p.getOptions();
        return new InputParam(p.getName(), blank(p.getValue()), blank(p.getRef()), blank(p.getDatatype()),
                arraysize(p.getArraysize()), blank(p.getUnit()), blank(p.getUcd()), blank(p.getUtype()),
                blank(p.getXtype()), blank(p.getDescription()),
                minMax == null ? null : blank(minMax[0]), minMax == null || minMax.length < 2 ? null : blank(minMax[1]),
                opts == null ? List.of() : List.of(opts));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String arraysize(int[] shape) {
        if (shape == null || shape.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(shape[i] < 0 ? "*" : Integer.toString(shape[i]));
        }
        return sb.toString();
    }

    /**
     * Tells whether the caller has to supply this parameter's value (it has neither a fixed
     * value nor a column reference).
     *
     * @return true for a free parameter
     */
    public boolean isFree() {
        return value == null && ref == null;
    }

    /**
     * Tells whether the parameter takes an interval ({@code xtype="interval"}).
     *
     * @return true for an interval
     */
    public boolean isInterval() {
        return xtype != null && xtype.toLowerCase(Locale.ROOT).equals("interval");
    }

    /**
     * Describes the allowed values in one line, e.g. {@code [4e-07, 6e-07] m},
     * {@code one of ABSOLUTE, RELATIVE} or {@code max 10.0 20.0 0.45 deg} (a polygon or circle
     * given as its largest useful value).
     *
     * @return the description, or an empty string if the descriptor gives no range
     */
    public String range() {
        String u = unit == null ? "" : " " + unit;
        if (!options.isEmpty()) {
            return "one of " + String.join(", ", options);
        }
        if (min != null && max != null) {
            return "[" + min + ", " + max + "]" + u;
        }
        if (min != null) {
            return ">= " + min + u;
        }
        if (max != null) {
            return (isInterval() ? "<= " : "max ") + max + u;
        }
        return "";
    }

    /**
     * Returns the lower limit as a number.
     *
     * @return the limit, or NaN if there is none or it is not a number
     */
    public double minValue() {
        return number(min);
    }

    /**
     * Returns the upper limit as a number.
     *
     * @return the limit, or NaN if there is none or it is not a single number
     */
    public double maxValue() {
        return number(max);
    }

    private static double number(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
