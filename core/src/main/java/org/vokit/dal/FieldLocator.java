package org.vokit.dal;

import java.util.Locale;
import java.util.Objects;
import uk.ac.starlink.table.ColumnInfo;

/**
 * One way of finding a column of a DAL result: by its UCD, its utype or its name. Protocols name
 * their columns differently (SIA 1 by {@code VOX:} UCDs, SSA by utypes, ObsCore by names, cone
 * search by UCD1 or UCD1+), so a record's accessors try a list of locators in order.
 *
 * @param kind what is compared
 * @param value what it is compared with
 */
public record FieldLocator(Kind kind, String value) {

    /** What a locator compares. */
    public enum Kind {
        /** The column's name, ignoring case. */
        NAME,
        /** The column's UCD, ignoring case (UCD1 such as {@code POS_EQ_RA_MAIN} or UCD1+). */
        UCD,
        /**
         * The column's utype, ignoring case and any namespace prefix ({@code ssa:},
         * {@code obscore:}); a utype that ends with the wanted one after a dot also matches,
         * so {@code Access.Reference} finds {@code spec:Spectrum.Access.Reference}.
         */
        UTYPE
    }

    /**
     * Validates the components.
     *
     * @param kind what is compared
     * @param value the value to compare with
     */
    public FieldLocator {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param name a column name
     * @return a locator by name
     */
    public static FieldLocator name(String name) {
        return new FieldLocator(Kind.NAME, name);
    }

    /**
     * @param ucd a UCD
     * @return a locator by UCD
     */
    public static FieldLocator ucd(String ucd) {
        return new FieldLocator(Kind.UCD, ucd);
    }

    /**
     * @param utype a utype, with or without prefix
     * @return a locator by utype
     */
    public static FieldLocator utype(String utype) {
        return new FieldLocator(Kind.UTYPE, utype);
    }

    /**
     * Tells whether a column is the one this locator describes.
     *
     * @param info the column
     * @return true if it matches
     */
    public boolean matches(ColumnInfo info) {
        return switch (kind) {
            case NAME -> value.equalsIgnoreCase(info.getName());
            case UCD -> info.getUCD() != null && value.equalsIgnoreCase(info.getUCD().strip());
            case UTYPE -> utypeMatches(info.getUtype(), value);
        };
    }

    static boolean utypeMatches(String actual, String wanted) {
        if (actual == null) {
            return false;
        }
        String a = stripPrefix(actual).toLowerCase(Locale.ROOT);
        String w = stripPrefix(wanted).toLowerCase(Locale.ROOT);
        return a.equals(w) || a.endsWith("." + w);
    }

    private static String stripPrefix(String utype) {
        String u = utype.strip();
        int colon = u.indexOf(':');
        return colon >= 0 ? u.substring(colon + 1) : u;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
