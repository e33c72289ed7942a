package org.vokit.dal.sia;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vokit.dal.DalResults;
import org.vokit.dal.DatasetFields;
import org.vokit.dal.DatasetRecord;
import org.vokit.dal.FieldLocator;

/**
 * One observation found by SIA 2.0: an ObsCore record, with its columns found by ObsCore name or
 * utype. {@link #dateObs()} is {@code t_min}; {@link #fileSize()} converts {@code access_estsize}
 * from kilobytes. A record whose {@code access_format} is a DataLink document is flagged by
 * {@link #isDatalink()}.
 */
public class Sia2Record extends DatasetRecord {

    /** Where ObsCore keeps the dataset facts. */
    public static final DatasetFields FIELDS = new DatasetFields(
            List.of(FieldLocator.name("obs_title"), FieldLocator.utype("obscore:DataID.Title")),
            List.of(FieldLocator.name("instrument_name"),
                    FieldLocator.utype("obscore:Provenance.ObsConfig.Instrument.name")),
            List.of(FieldLocator.name("t_min"), FieldLocator.utype("obscore:Char.TimeAxis.Coverage.Bounds.Limits.StartTime")),
            List.of(FieldLocator.name("access_estsize"), FieldLocator.utype("obscore:Access.Size")),
            List.of(FieldLocator.name("access_format"), FieldLocator.utype("obscore:Access.Format")),
            List.of(FieldLocator.name("access_url"), FieldLocator.utype("obscore:Access.Reference")),
            List.of(FieldLocator.name("obs_publisher_did"), FieldLocator.utype("obscore:Curation.PublisherDID")));

    /**
     * Makes the record of a row.
     *
     * @param results the results
     * @param row the row index
     */
    public Sia2Record(DalResults<?> results, int row) {
        super(results, row, FIELDS);
    }

    /** @return the observation identifier ({@code obs_id}) */
    public Optional<String> obsId() {
        return getString("obs_id");
    }

    /** @return the collection ({@code obs_collection}) */
    public Optional<String> collection() {
        return getString("obs_collection");
    }

    /** @return the data product type ({@code dataproduct_type}), e.g. {@code image} */
    public Optional<String> dataproductType() {
        return getString("dataproduct_type");
    }

    /** @return the calibration level ({@code calib_level}) */
    public OptionalDouble calibLevel() {
        return getDouble("calib_level");
    }

    /** @return the target's name ({@code target_name}) */
    public Optional<String> targetName() {
        return getString("target_name");
    }

    /** @return the facility ({@code facility_name}) */
    public Optional<String> facility() {
        return getString("facility_name");
    }

    /** @return the right ascension of the centre ({@code s_ra}), degrees */
    public OptionalDouble ra() {
        return getDouble("s_ra");
    }

    /** @return the declination of the centre ({@code s_dec}), degrees */
    public OptionalDouble dec() {
        return getDouble("s_dec");
    }

    /** @return the field of view ({@code s_fov}), degrees */
    public OptionalDouble fov() {
        return getDouble("s_fov");
    }

    /** @return the region covered ({@code s_region}), as the service writes it */
    public Optional<String> region() {
        return getString("s_region");
    }

    /** @return the shortest wavelength ({@code em_min}), metres */
    public OptionalDouble emMin() {
        return getDouble("em_min");
    }

    /** @return the longest wavelength ({@code em_max}), metres */
    public OptionalDouble emMax() {
        return getDouble("em_max");
    }

    /** @return the end of the observation ({@code t_max}) */
    public Optional<Instant> endTime() {
        return findInstant(List.of(FieldLocator.name("t_max"),
                FieldLocator.utype("obscore:Char.TimeAxis.Coverage.Bounds.Limits.StopTime")));
    }

    /** @return the exposure time ({@code t_exptime}), seconds */
    public OptionalDouble exptime() {
        return getDouble("t_exptime");
    }
}
