package org.vokit.votable;

import java.util.List;
import java.util.Optional;
import uk.ac.starlink.votable.datalink.ServiceDescriptor;

/**
 * What a VOTable said about itself besides its table data: its {@code INFO}s (before and after
 * the table), the DALI {@code QUERY_STATUS}, whether the result was truncated, and the DataLink
 * service descriptors it declares.
 *
 * @param infos every INFO element in document order
 * @param queryStatus the last {@code QUERY_STATUS} value seen ({@code OK}, {@code ERROR},
 *     {@code OVERFLOW}), or null if the document had none
 * @param overflowed true if the service said the result was cut at the row limit
 * @param tableCount the number of TABLE elements in the document
 * @param serviceDescriptors the DataLink service descriptors of the document (every
 *     {@code RESOURCE type="meta" utype="adhoc:service"}, in document order), as read by STIL's
 *     {@link uk.ac.starlink.votable.datalink.ServiceDescriptorFactory}; empty if there are none
 */
public record DocumentInfo(List<Info> infos, String queryStatus, boolean overflowed, int tableCount,
                           List<ServiceDescriptor> serviceDescriptors) {

    /**
     * Copies the lists.
     *
     * @param infos the INFOs
     * @param queryStatus the query status
     * @param overflowed the overflow flag
     * @param tableCount number of tables
     * @param serviceDescriptors the service descriptors
     */
    public DocumentInfo {
        infos = List.copyOf(infos);
        serviceDescriptors = List.copyOf(serviceDescriptors);
    }

    /**
     * Makes the information of a document without service descriptors.
     *
     * @param infos the INFOs
     * @param queryStatus the query status
     * @param overflowed the overflow flag
     * @param tableCount number of tables
     */
    public DocumentInfo(List<Info> infos, String queryStatus, boolean overflowed, int tableCount) {
        this(infos, queryStatus, overflowed, tableCount, List.of());
    }

    /**
     * Returns the first INFO with a given name.
     *
     * @param name the name
     * @return the INFO, if any
     */
    public Optional<Info> info(String name) {
        return infos.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * Returns the service's error message if the status is ERROR.
     *
     * @return the message of the {@code QUERY_STATUS=ERROR} INFO, if any
     */
    public Optional<String> errorMessage() {
        return infos.stream()
                .filter(i -> "QUERY_STATUS".equals(i.name()) && "ERROR".equalsIgnoreCase(i.value()))
                .map(Info::message)
                .reduce((a, b) -> b);
    }
}
