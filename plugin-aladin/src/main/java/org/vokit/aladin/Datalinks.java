package org.vokit.aladin;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vokit.datalink.DatalinkService;
import org.vokit.datalink.Link;
import org.vokit.datalink.ServiceDescriptor;
import org.vokit.http.Param;
import org.vokit.http.VoHttp;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * DataLink URLs per row: added to a result as a {@value #COLUMN} column before it goes to
 * Aladin (Aladin keeps a catalogue's columns but not its service descriptors), and found again
 * in the values of the source a user selects.
 */
final class Datalinks {

    /** The name of the column holding each row's DataLink URL. */
    static final String COLUMN = "datalink";

    private Datalinks() {
    }

    /**
     * Returns the table with a {@value #COLUMN} column when its document declares a DataLink
     * service keyed on one of its columns, else the table itself.
     *
     * @param table the result
     * @param descriptors the result document's service descriptors
     * @return the table, possibly with one more column (its rows then held in memory)
     * @throws IOException if the rows cannot be read
     */
    static StarTable addColumn(StarTable table, List<ServiceDescriptor> descriptors) throws IOException {
        for (int i = 0; i < table.getColumnCount(); i++) {
            if (COLUMN.equalsIgnoreCase(table.getColumnInfo(i).getName())) {
                return table;
            }
        }
        Optional<DatalinkService> dl = DatalinkService.forTable(table, descriptors);
        if (dl.isEmpty() || dl.get().mode() != DatalinkService.Mode.BY_ID || dl.get().endpoint().isEmpty()
                || dl.get().idColumn() < 0) {
            return table;
        }
        URI endpoint = dl.get().endpoint().get();
        int idCol = dl.get().idColumn();
        int n = table.getColumnCount();
        ColumnInfo[] cols = new ColumnInfo[n + 1];
        for (int i = 0; i < n; i++) {
            cols[i] = table.getColumnInfo(i);
        }
        ColumnInfo link = new ColumnInfo(COLUMN, String.class, "DataLink document of this row");
        link.setUCD("meta.ref.url");
        link.setUtype("Access.Reference");
        cols[n] = link;
        RowListStarTable out = new RowListStarTable(cols);
        out.setName(table.getName());
        out.setParameters(table.getParameters());
        try (RowSequence rows = table.getRowSequence()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                Object[] wide = new Object[n + 1];
                System.arraycopy(row, 0, wide, 0, n);
                Object id = row[idCol];
                wide[n] = id == null || id.toString().isBlank() ? null
                        : VoHttp.withQuery(endpoint, List.of(new Param("ID", id.toString()))).toString();
                out.addRow(wide);
            }
        }
        return out;
    }

    /**
     * Finds the DataLink URL among a selected source's values: the {@value #COLUMN} column, or an
     * {@code access_url} whose {@code access_format} says DataLink (ObsCore's way).
     *
     * @param names the column names
     * @param values the values, in the same order
     * @return the URL, or empty
     */
    static Optional<String> find(String[] names, String[] values) {
        if (names == null || values == null) {
            return Optional.empty();
        }
        int n = Math.min(names.length, values.length);
        for (int i = 0; i < n; i++) {
            if (COLUMN.equalsIgnoreCase(strip(names[i])) && isUrl(values[i])) {
                return Optional.of(values[i].strip());
            }
        }
        int url = -1;
        int format = -1;
        for (int i = 0; i < n; i++) {
            String name = strip(names[i]).toLowerCase(Locale.ROOT);
            if (name.equals("access_url")) {
                url = i;
            } else if (name.equals("access_format")) {
                format = i;
            }
        }
        if (url >= 0 && format >= 0 && isUrl(values[url]) && values[format] != null
                && Link.isDatalinkContentType(values[format].strip())) {
            return Optional.of(values[url].strip());
        }
        return Optional.empty();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static boolean isUrl(String s) {
        if (s == null) {
            return false;
        }
        String t = s.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("http://") || t.startsWith("https://");
    }
}
