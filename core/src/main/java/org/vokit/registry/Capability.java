package org.vokit.registry;

import java.util.List;
import java.util.Objects;

/**
 * One capability of a resource ({@code rr.capability}): something the resource can do for a
 * client, usually a protocol endpoint, with its interfaces.
 *
 * @param index the capability's index within its resource ({@code cap_index})
 * @param standardId the standard identifier (lower case), or null for a non-standard capability
 * @param description the capability's description, or null
 * @param interfaces its interfaces, by index
 */
public record Capability(int index, String standardId, String description, List<RegInterface> interfaces) {

    /**
     * Copies the interface list.
     *
     * @param index the capability's index within its resource
     * @param standardId the standard identifier, or null
     * @param description the description, or null
     * @param interfaces its interfaces
     */
    public Capability {
        interfaces = List.copyOf(Objects.requireNonNull(interfaces, "interfaces"));
    }

    /**
     * Tells whether this capability is auxiliary ({@code #aux}).
     *
     * @return whether the standard identifier marks it auxiliary
     */
    public boolean isAux() {
        return StandardIds.isAux(standardId);
    }

    /**
     * Tells whether this capability provides a kind of service ({@code tap}, {@code scs}, ...,
     * or a standard identifier), auxiliary capabilities included; see {@link ServiceType}.
     *
     * @param serviceType the type
     * @return whether it matches
     * @throws IllegalArgumentException if the type is unknown
     */
    public boolean provides(String serviceType) {
        return StandardIds.matches(StandardIds.kind(serviceType), standardId, true);
    }
}
