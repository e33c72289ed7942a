package org.vokit.dal.ssa;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vokit.dal.DalResults;
import org.vokit.dal.DatasetFields;
import org.vokit.dal.DatasetRecord;
import org.vokit.dal.FieldLocator;

/**
 * One spectrum found by SSA, with its columns found by SSA utype (with or without the
 * {@code ssa:} prefix) or UCD. {@link #dateObs()} is the midpoint of the observation
 * ({@code Char.TimeAxis.Coverage.Location.Value}), or else the dataset's date
 * ({@code DataID.Date}).
 */
public class SsaRecord extends DatasetRecord {

    /** Where SSA keeps the dataset facts. */
    public static final DatasetFields FIELDS = new DatasetFields(
            List.of(FieldLocator.utype("ssa:DataID.Title"), FieldLocator.ucd("meta.title;meta.dataset"),
                    FieldLocator.ucd("meta.title")),
            List.of(FieldLocator.utype("ssa:DataID.Instrument"), FieldLocator.ucd("meta.id;instr")),
            List.of(FieldLocator.utype("ssa:Char.TimeAxis.Coverage.Location.Value"),
                    FieldLocator.utype("ssa:DataID.Date")),
            List.of(FieldLocator.utype("ssa:Access.Size")),
            List.of(FieldLocator.utype("ssa:Access.Format"), FieldLocator.ucd("meta.code.mime")),
            List.of(FieldLocator.utype("ssa:Access.Reference"), FieldLocator.ucd("meta.ref.url;meta.dataset")),
            List.of(FieldLocator.utype("ssa:Curation.PublisherDID"), FieldLocator.utype("ssa:DataID.DatasetID")));

    private static final List<FieldLocator> TARGET = List.of(FieldLocator.utype("ssa:Target.Name"));
    private static final List<FieldLocator> LOCATION =
            List.of(FieldLocator.utype("ssa:Char.SpatialAxis.Coverage.Location.Value"));
    private static final List<FieldLocator> SNR = List.of(FieldLocator.utype("ssa:Derived.SNR"));
    private static final List<FieldLocator> SPEC_START =
            List.of(FieldLocator.utype("ssa:Char.SpectralAxis.Coverage.Bounds.Start"));
    private static final List<FieldLocator> SPEC_END =
            List.of(FieldLocator.utype("ssa:Char.SpectralAxis.Coverage.Bounds.Stop"));
    private static final List<FieldLocator> COLLECTION = List.of(FieldLocator.utype("ssa:DataID.Collection"));

    /**
     * Makes the record of a row.
     *
     * @param results the results
     * @param row the row index
     */
    public SsaRecord(DalResults<?> results, int row) {
        super(results, row, FIELDS);
    }

    /** @return the name of the target */
    public Optional<String> targetName() {
        return findString(TARGET);
    }

    /** @return the collection the spectrum belongs to */
    public Optional<String> collection() {
        return findString(COLLECTION);
    }

    /** @return the signal-to-noise ratio */
    public OptionalDouble snr() {
        return findDouble(SNR);
    }

    /** @return the shortest wavelength, in the column's unit (metres by the standard) */
    public OptionalDouble spectralStart() {
        return findDouble(SPEC_START);
    }

    /** @return the longest wavelength, in the column's unit (metres by the standard) */
    public OptionalDouble spectralEnd() {
        return findDouble(SPEC_END);
    }

    /** @return the right ascension of the observed position in degrees */
    public OptionalDouble ra() {
        return coordinate(0);
    }

    /** @return the declination of the observed position in degrees */
    public OptionalDouble dec() {
        return coordinate(1);
    }

    /** Reads one coordinate of the location, an array of two numbers or a string "ra dec". */
    private OptionalDouble coordinate(int i) {
        Object v = find(LOCATION).orElse(null);
        if (v instanceof double[] d && d.length == 2 && !Double.isNaN(d[i])) {
            return OptionalDouble.of(d[i]);
        }
        if (v instanceof float[] f && f.length == 2 && !Float.isNaN(f[i])) {
            return OptionalDouble.of(f[i]);
        }
        if (v instanceof String s) {
            String[] parts = s.strip().replaceAll("[(),]", " ").strip().split("\\s+");
            if (parts.length == 2) {
                try {
                    return OptionalDouble.of(Double.parseDouble(parts[i]));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }
}
