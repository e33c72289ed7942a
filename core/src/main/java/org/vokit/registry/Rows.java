package org.vokit.registry;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.vokit.FormatException;
import org.vokit.tap.TapResult;
import uk.ac.starlink.table.RowSequence;

/**
 * Turns RegTAP answers into registry records.
 */
final class Rows {

    private static final Pattern SPLIT = Pattern.compile(Pattern.quote(Queries.SEP));

    /**
     * What a search learnt about one resource beyond its own columns, however it was fetched:
     * capabilities by index, interfaces by capability and interface index, subjects, contacts by
     * name. Values arriving twice (the joins repeat them) are kept once.
     */
    static final class Parts {
        /** cap_index to {standard_id, cap_description}. */
        final Map<Integer, String[]> caps = new TreeMap<>();
        /** cap_index to intf_index to {intf_type, intf_role, std_version, access_url}. */
        final Map<Integer, Map<Integer, String[]>> intfs = new TreeMap<>();
        final Set<String> subjects = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        /** contact name to {email, telephone}. */
        final Map<String, String[]> contacts = new TreeMap<>();

        String[] cap(int index) {
            return caps.computeIfAbsent(index, k -> new String[2]);
        }

        String[] intf(int cap, int intf) {
            cap(cap);
            return intfs.computeIfAbsent(cap, k -> new TreeMap<>()).computeIfAbsent(intf, k -> new String[4]);
        }

        String[] contact(String name) {
            return contacts.computeIfAbsent(name, k -> new String[2]);
        }
    }

    /**
     * The parsed answer of an aggregating search.
     *
     * @param resources the resources' own columns, in answer order
     * @param parts the details per ivoid
     * @param consistent false if some aggregated item could not be read (a value containing the
     *     separators, or a key that is not an index); the caller then asks for the rows
     *     separately
     */
    record Aggregated(List<Map<String, String>> resources, Map<String, Parts> parts, boolean consistent) {
    }

    private Rows() {
    }

    /** Returns a cell as text: null stays null, character arrays become strings. */
    static String str(Object cell) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof char[] chars) {
            return new String(chars);
        }
        return cell.toString();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int[] columns(TapResult r, List<String> names, URI source) throws FormatException {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.columnIndex(names.get(i));
            if (idx[i] < 0) {
                throw new FormatException("the registry's answer has no column " + names.get(i) + " (columns: "
                        + r.columns().stream().map(c -> c.name()).toList() + ")", source, null);
            }
        }
        return idx;
    }

    private static Map<String, String> base(Object[] row, int[] idx) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < idx.length; i++) {
            m.put(Queries.RESOURCE_COLUMNS.get(i), str(row[idx[i]]));
        }
        return m;
    }

    private static List<Queries.Detail> aggregatedDetails() {
        return Arrays.stream(Queries.Detail.values()).filter(d -> !d.onlyInDetails()).toList();
    }

    /** Parses the answer of {@link Queries#aggregated}. */
    static Aggregated aggregated(TapResult r, URI source) throws IOException {
        int[] res = columns(r, Queries.RESOURCE_COLUMNS, source);
        List<Queries.Detail> kinds = aggregatedDetails();
        int[] det = columns(r, kinds.stream().map(Queries.Detail::alias).toList(), source);
        List<Map<String, String>> resources = new ArrayList<>();
        Map<String, Parts> parts = new LinkedHashMap<>();
        boolean consistent = true;
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                Map<String, String> b = base(row, res);
                if (b.get("ivoid") == null) {
                    continue;
                }
                resources.add(b);
                Parts p = new Parts();
                try {
                    for (int k = 0; k < kinds.size(); k++) {
                        addAggregate(p, kinds.get(k), str(row[det[k]]));
                    }
                } catch (IllegalArgumentException e) {
                    consistent = false;
                }
                parts.put(b.get("ivoid"), p);
            }
        }
        return new Aggregated(resources, parts, consistent);
    }

    /**
     * Reads one aggregate's items into the parts.
     *
     * @throws IllegalArgumentException if an item has no key, or a key is not an index
     */
    private static void addAggregate(Parts p, Queries.Detail d, String agg) {
        if (agg == null || agg.isEmpty()) {
            return;
        }
        for (String item : SPLIT.split(agg, -1)) {
            if (d.key == Queries.Key.NONE) {
                String v = blankToNull(item);
                if (v == null) {
                    continue;
                }
                switch (d) {
                    case SUBJECT -> p.subjects.add(v);
                    case CONTACT_NAME -> p.contact(v);
                    default -> throw new AssertionError(d);
                }
                continue;
            }
            int at = item.indexOf(Queries.KEY_SEP);
            if (at < 0 || item.indexOf(Queries.KEY_SEP, at + 1) >= 0) {
                throw new IllegalArgumentException("no single key in " + item);
            }
            String key = item.substring(0, at).strip();
            String value = blankToNull(item.substring(at + Queries.KEY_SEP.length()));
            switch (d.key) {
                case CAPABILITY -> p.cap(Integer.parseInt(key))[d == Queries.Detail.STANDARD_ID ? 0 : 1] = value;
                case INTERFACE -> {
                    int dot = key.indexOf('.');
                    if (dot < 0) {
                        throw new IllegalArgumentException("not an interface key: " + key);
                    }
                    String[] intf = p.intf(Integer.parseInt(key.substring(0, dot)),
                            Integer.parseInt(key.substring(dot + 1)));
                    intf[d.ordinal() - Queries.Detail.INTF_TYPE.ordinal()] = value;
                }
                case CONTACT -> p.contact(key)[d == Queries.Detail.CONTACT_EMAIL ? 0 : 1] = value;
                default -> throw new AssertionError(d.key);
            }
        }
    }

    /** Parses the answer of {@link Queries#resourcesOnly}. */
    static List<Map<String, String>> resources(TapResult r, URI source) throws IOException {
        int[] res = columns(r, Queries.RESOURCE_COLUMNS, source);
        List<Map<String, String>> out = new ArrayList<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Map<String, String> b = base(rows.getRow(), res);
                if (b.get("ivoid") != null) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** Parses the answer of {@link Queries#details} into the parts of each ivoid. */
    static void details(TapResult r, URI source, Map<String, Parts> into) throws IOException {
        List<String> names = new ArrayList<>();
        names.add("ivoid");
        for (Queries.Detail d : Queries.Detail.values()) {
            names.add(d.alias());
        }
        int[] idx = columns(r, names, source);
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                String ivoid = str(row[idx[0]]);
                if (ivoid == null) {
                    continue;
                }
                String[] v = new String[idx.length - 1];
                for (int i = 1; i < idx.length; i++) {
                    v[i - 1] = blankToNull(str(row[idx[i]]));
                }
                try {
                    addRow(into.computeIfAbsent(ivoid, k -> new Parts()), v);
                } catch (NumberFormatException e) {
                    throw new FormatException("the registry gave a non-integer index for " + ivoid + ": "
                            + e.getMessage(), source, e);
                }
            }
        }
    }

    private static void addRow(Parts p, String[] v) {
        String capIndex = v[Queries.Detail.CAP_INDEX.ordinal()];
        boolean usable = v[Queries.Detail.STANDARD_ID.ordinal()] != null
                || v[Queries.Detail.CAP_DESCRIPTION.ordinal()] != null
                || v[Queries.Detail.INTF_INDEX.ordinal()] != null;
        if (capIndex != null && usable) {
            String[] cap = p.cap(Integer.parseInt(capIndex));
            cap[0] = v[Queries.Detail.STANDARD_ID.ordinal()];
            cap[1] = v[Queries.Detail.CAP_DESCRIPTION.ordinal()];
            String intfIndex = v[Queries.Detail.INTF_INDEX.ordinal()];
            if (intfIndex != null) {
                String[] intf = p.intf(Integer.parseInt(capIndex), Integer.parseInt(intfIndex));
                for (int i = 0; i < 4; i++) {
                    intf[i] = v[Queries.Detail.INTF_TYPE.ordinal() + i];
                }
            }
        }
        String subject = v[Queries.Detail.SUBJECT.ordinal()];
        if (subject != null) {
            p.subjects.add(subject);
        }
        String contact = v[Queries.Detail.CONTACT_NAME.ordinal()];
        if (contact != null) {
            String[] c = p.contact(contact);
            c[0] = v[Queries.Detail.CONTACT_EMAIL.ordinal()];
            c[1] = v[Queries.Detail.CONTACT_TELEPHONE.ordinal()];
        }
    }

    /** Builds a record from its own columns and what the search learnt about it. */
    static RegistryResource resource(Map<String, String> b, Parts p, Registry registry) {
        List<Capability> capabilities = new ArrayList<>();
        for (Map.Entry<Integer, String[]> e : p.caps.entrySet()) {
            String std = e.getValue()[0];
            List<RegInterface> list = new ArrayList<>();
            for (String[] i : p.intfs.getOrDefault(e.getKey(), Map.of()).values()) {
                list.add(new RegInterface(std, i[2], i[1], i[0], i[3]));
            }
            capabilities.add(new Capability(e.getKey(), std, e.getValue()[1], list));
        }
        List<Contact> contacts = new ArrayList<>();
        p.contacts.forEach((name, c) -> contacts.add(new Contact(name, c[0], c[1])));
        return new RegistryResource(b.get("ivoid"), blankToNull(b.get("res_type")), blankToNull(b.get("short_name")),
                blankToNull(b.get("res_title")), blankToNull(b.get("res_description")),
                blankToNull(b.get("reference_url")), splitList(b.get("creator_seq"), ";"),
                splitList(b.get("content_level"), "#"), splitList(b.get("content_type"), "#"),
                splitList(b.get("waveband"), "#"), List.copyOf(p.subjects), blankToNull(b.get("updated")),
                capabilities, contacts, registry);
    }

    private static List<String> splitList(String s, String sep) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(Pattern.quote(sep))) {
            String p = part.strip();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** Parses the answer of {@link Queries#tapTablesWithUcd}. */
    static List<TapTable> tapTables(TapResult r, URI source) throws IOException {
        int[] idx = columns(r, List.of("access_url", "table_name"), source);
        List<TapTable> out = new ArrayList<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                String url = str(row[idx[0]]);
                String table = blankToNull(str(row[idx[1]]));
                if (table == null) {
                    continue;
                }
                new RegInterface(null, null, null, null, url).httpUrl()
                        .ifPresent(u -> out.add(new TapTable(u, table)));
            }
        }
        return List.copyOf(out);
    }

    /** Parses the answer of {@link Queries#tables}. */
    static List<RegTable> tables(TapResult r, URI source) throws IOException {
        List<String> names = List.of("table_index", "table_name", "table_title", "table_description", "table_utype",
                "table_type", "name", "ucd", "unit", "utype", "datatype", "column_description");
        int[] idx = columns(r, names, source);
        Map<String, String[]> meta = new LinkedHashMap<>();
        Map<String, List<RegColumn>> cols = new LinkedHashMap<>();
        try (RowSequence rows = r.rows()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                String[] v = new String[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    v[i] = str(row[idx[i]]);
                }
                if (v[1] == null) {
                    continue;
                }
                String key = v[0] + "\u0000" + v[1];
                meta.putIfAbsent(key, v);
                List<RegColumn> list = cols.computeIfAbsent(key, k -> new ArrayList<>());
                if (v[6] != null) {
                    list.add(new RegColumn(v[6].strip(), blankToNull(v[11]), blankToNull(v[7]), blankToNull(v[8]),
                            blankToNull(v[9]), blankToNull(v[10])));
                }
            }
        }
        List<RegTable> out = new ArrayList<>();
        for (Map.Entry<String, String[]> e : meta.entrySet()) {
            String[] v = e.getValue();
            out.add(new RegTable(v[1].strip(), blankToNull(v[2]), blankToNull(v[3]), blankToNull(v[4]),
                    blankToNull(v[5]), cols.get(e.getKey())));
        }
        return List.copyOf(out);
    }
}
