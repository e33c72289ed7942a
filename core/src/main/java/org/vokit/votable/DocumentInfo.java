package org.vokit.votable;

import java.util.List;
import java.util.Optional;

/**
 * What a VOTable said about itself besides its table data: its {@code INFO}s (before and after
 * the table), the DALI {@code QUERY_STATUS} and whether the result was truncated.
 *
 * @param infos every INFO element in document order
 * @param queryStatus the last {@code QUERY_STATUS} value seen ({@code OK}, {@code ERROR},
 *     {@code OVERFLOW}), or null if the document had none
 * @param overflowed true if the service said the result was cut at the row limit
 * @param tableCount the number of TABLE elements in the document
 */
public record DocumentInfo(List<Info> infos, String queryStatus, boolean overflowed, int tableCount) {

    /**
     * Copies the list.
     *
     * @param infos the INFOs
     * @param queryStatus the query status
     * @param overflowed the overflow flag
     * @param tableCount number of tables
     */
    public DocumentInfo {
        infos = List.copyOf(infos);
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
