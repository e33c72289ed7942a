package org.vokit.registry;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a registry search with what it took: the resources, whether the registry cut
 * the answer at its row limit, and the ADQL queries sent.
 *
 * @param resources the resources found, ordered by IVOA identifier
 * @param overflowed true if the registry stopped at its row limit, so that resources (or some of
 *     their capabilities) may be missing; raise {@link Registry.Builder#maxrec(long)} or narrow
 *     the search
 * @param queries the ADQL queries sent, in order: one when the registry aggregates server-side,
 *     more when it has to be asked for the capabilities separately
 */
public record SearchResult(List<RegistryResource> resources, boolean overflowed, List<String> queries) {

    /**
     * Copies the lists.
     *
     * @param resources the resources found
     * @param overflowed whether the registry stopped at its row limit
     * @param queries the ADQL queries sent
     */
    public SearchResult {
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
        queries = List.copyOf(Objects.requireNonNull(queries, "queries"));
    }
}
