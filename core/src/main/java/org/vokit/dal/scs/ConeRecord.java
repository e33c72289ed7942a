package org.vokit.dal.scs;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vokit.dal.DalRecord;
import org.vokit.dal.DalResults;
import org.vokit.dal.FieldLocator;

/**
 * One source found by a cone search. The standard's three required columns are found by their
 * UCDs, in either generation: UCD1 ({@code ID_MAIN}, {@code POS_EQ_RA_MAIN},
 * {@code POS_EQ_DEC_MAIN}), which SCS 1.03 prescribes and DaCHS writes, or UCD1+
 * ({@code meta.id;meta.main}, {@code pos.eq.ra;meta.main}, {@code pos.eq.dec;meta.main}).
 */
public class ConeRecord extends DalRecord {

    /** Where the source's identifier is. */
    public static final List<FieldLocator> ID = List.of(FieldLocator.ucd("ID_MAIN"),
            FieldLocator.ucd("meta.id;meta.main"));
    /** Where the right ascension is. */
    public static final List<FieldLocator> RA = List.of(FieldLocator.ucd("POS_EQ_RA_MAIN"),
            FieldLocator.ucd("pos.eq.ra;meta.main"), FieldLocator.ucd("POS_EQ_RA"), FieldLocator.ucd("pos.eq.ra"));
    /** Where the declination is. */
    public static final List<FieldLocator> DEC = List.of(FieldLocator.ucd("POS_EQ_DEC_MAIN"),
            FieldLocator.ucd("pos.eq.dec;meta.main"), FieldLocator.ucd("POS_EQ_DEC"), FieldLocator.ucd("pos.eq.dec"));

    /**
     * Makes the record of a row.
     *
     * @param results the results
     * @param row the row index
     */
    public ConeRecord(DalResults<?> results, int row) {
        super(results, row);
    }

    /** @return the source's main identifier */
    public Optional<String> id() {
        return findString(ID);
    }

    /** @return the right ascension in degrees (ICRS) */
    public OptionalDouble ra() {
        return findDouble(RA);
    }

    /** @return the declination in degrees (ICRS) */
    public OptionalDouble dec() {
        return findDouble(DEC);
    }
}
