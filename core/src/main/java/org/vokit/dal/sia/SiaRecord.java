package org.vokit.dal.sia;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vokit.dal.DalResults;
import org.vokit.dal.DatasetFields;
import org.vokit.dal.DatasetRecord;
import org.vokit.dal.FieldLocator;

/**
 * One image found by SIA 1.0. The standard names its columns by {@code VOX:} UCDs
 * ({@code VOX:Image_Title}, {@code VOX:Image_AccessReference}, {@code VOX:Image_MJDateObs}, ...);
 * {@link #dateObs()} reads the MJD of the observation.
 */
public class SiaRecord extends DatasetRecord {

    /** Where SIA 1.0 keeps the dataset facts. */
    public static final DatasetFields FIELDS = new DatasetFields(
            List.of(FieldLocator.ucd("VOX:Image_Title"), FieldLocator.ucd("meta.title")),
            List.of(FieldLocator.ucd("INST_ID"), FieldLocator.ucd("VOX:INST_ID"), FieldLocator.ucd("meta.id;instr")),
            List.of(FieldLocator.ucd("VOX:Image_MJDateObs"), FieldLocator.ucd("time.epoch")),
            List.of(FieldLocator.ucd("VOX:Image_FileSize")),
            List.of(FieldLocator.ucd("VOX:Image_Format"), FieldLocator.ucd("meta.code.mime")),
            List.of(FieldLocator.ucd("VOX:Image_AccessReference"), FieldLocator.ucd("meta.ref.url")),
            List.of(FieldLocator.ucd("VOX:Image_PubDID"), FieldLocator.ucd("meta.ref.ivoid"),
                    FieldLocator.name("pub_did")));

    private static final List<FieldLocator> RA = List.of(FieldLocator.ucd("POS_EQ_RA_MAIN"),
            FieldLocator.ucd("pos.eq.ra;meta.main"));
    private static final List<FieldLocator> DEC = List.of(FieldLocator.ucd("POS_EQ_DEC_MAIN"),
            FieldLocator.ucd("pos.eq.dec;meta.main"));
    private static final List<FieldLocator> BANDPASS = List.of(FieldLocator.ucd("VOX:BandPass_ID"));

    /**
     * Makes the record of a row.
     *
     * @param results the results
     * @param row the row index
     */
    public SiaRecord(DalResults<?> results, int row) {
        super(results, row, FIELDS);
    }

    /** @return the right ascension of the image centre in degrees */
    public OptionalDouble ra() {
        return findDouble(RA);
    }

    /** @return the declination of the image centre in degrees */
    public OptionalDouble dec() {
        return findDouble(DEC);
    }

    /** @return the name of the bandpass (filter) */
    public Optional<String> bandpass() {
        return findString(BANDPASS);
    }
}
