package org.vokit.dal;

import java.util.List;

/**
 * Where a protocol keeps the common facts about a dataset in its result table: for each fact, the
 * ways to find its column, tried in order. Each dataset protocol (SIA 1, SIA 2, SSA) has one
 * instance, which its records hand to {@link DatasetRecord}.
 *
 * @param title the dataset's title
 * @param instrument the instrument's name
 * @param dateObs the time of observation (MJD numbers or ISO strings)
 * @param fileSize the dataset's size; the column's unit says whether in bytes or kilobytes
 * @param format the MIME type of the dataset
 * @param accessUrl the URL the dataset is fetched from
 * @param publisherDid the publisher's dataset identifier
 */
public record DatasetFields(List<FieldLocator> title, List<FieldLocator> instrument, List<FieldLocator> dateObs,
                            List<FieldLocator> fileSize, List<FieldLocator> format, List<FieldLocator> accessUrl,
                            List<FieldLocator> publisherDid) {

    /**
     * Copies the lists.
     *
     * @param title title locators
     * @param instrument instrument locators
     * @param dateObs observation date locators
     * @param fileSize file size locators
     * @param format format locators
     * @param accessUrl access URL locators
     * @param publisherDid publisher DID locators
     */
    public DatasetFields {
        title = List.copyOf(title);
        instrument = List.copyOf(instrument);
        dateObs = List.copyOf(dateObs);
        fileSize = List.copyOf(fileSize);
        format = List.copyOf(format);
        accessUrl = List.copyOf(accessUrl);
        publisherDid = List.copyOf(publisherDid);
    }
}
