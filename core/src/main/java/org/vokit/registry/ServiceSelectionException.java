package org.vokit.registry;

import java.util.List;

/**
 * A resource has no interface of the wanted kind, or several that lead to different places and
 * no way to tell which one is meant. The message lists the candidates (or the access modes the
 * resource does have); {@link #candidates()} gives them to a program.
 *
 * <p>Pick among several with {@link RegistryResource#service(String, String)} (a keyword from
 * the capability's description or URL) or take the first with
 * {@link RegistryResource#serviceLax(String)} if they are known to be equivalent.
 */
public class ServiceSelectionException extends IllegalStateException {

    /** Serialisation version. */
    private static final long serialVersionUID = 1L;

    private final transient List<RegInterface> candidates;

    /**
     * Creates an exception.
     *
     * @param message what was wanted and what there is
     * @param candidates the matching interfaces (empty when none matched)
     */
    public ServiceSelectionException(String message, List<RegInterface> candidates) {
        super(message);
        this.candidates = List.copyOf(candidates);
    }

    /**
     * Returns the interfaces that matched the wanted kind.
     *
     * @return the candidates; empty if none matched
     */
    public List<RegInterface> candidates() {
        return candidates == null ? List.of() : candidates;
    }
}
