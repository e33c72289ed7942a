package org.vokit.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One interface of a capability as the registry describes it ({@code rr.interface}).
 *
 * @param standardId the standard identifier of the capability it belongs to (lower case), or
 *     null for a non-standard capability such as a web page
 * @param version the version of the standard the interface implements ({@code std_version}),
 *     or null
 * @param role {@code std} for the standard interface of a standard capability, or null
 * @param type the interface type, e.g. {@code vs:paramhttp} or {@code vr:webbrowser}, or null
 * @param accessUrl the access URL exactly as registered (it may be malformed or not http)
 */
public record RegInterface(String standardId, String version, String role, String type, String accessUrl) {

    /**
     * Tells whether this is the standard interface of its capability ({@code role="std"}).
     *
     * @return whether the role is {@code std}
     */
    public boolean isStandard() {
        return "std".equalsIgnoreCase(role);
    }

    /**
     * Tells whether this is a web page for people ({@code vr:webbrowser}).
     *
     * @return whether the type is {@code vr:webbrowser}
     */
    public boolean isWebBrowser() {
        return type != null && type.strip().equalsIgnoreCase("vr:webbrowser");
    }

    /**
     * Tells whether this belongs to a VOSI capability (service infrastructure, not for users).
     *
     * @return whether the standard identifier is VOSI's
     */
    public boolean isVosi() {
        return StandardIds.isVosi(standardId);
    }

    /**
     * Tells whether this belongs to an auxiliary capability ({@code #aux}): the resource's
     * tables are served by a service registered elsewhere.
     *
     * @return whether the capability is auxiliary
     */
    public boolean isAux() {
        return StandardIds.isAux(standardId);
    }

    /**
     * Returns the short name of the access mode, as {@link RegistryResource#accessModes()} lists
     * it: the standard identifier without {@code ivo://ivoa.net/std/} (SIA 2 as {@code sia2}),
     * or {@code web} for a web page.
     *
     * @return the mode, or empty for a non-standard, non-web interface or a VOSI one
     */
    public Optional<String> accessMode() {
        if (standardId != null && !standardId.isBlank()) {
            return isVosi() ? Optional.empty() : Optional.of(StandardIds.shortName(standardId));
        }
        return isWebBrowser() ? Optional.of("web") : Optional.empty();
    }

    /**
     * Returns the access URL if it is a well-formed http or https URL; any other scheme
     * ({@code file:}, {@code ftp:}, ...) is refused, since a registry record must never make a
     * client read local files.
     *
     * @return the URL, or empty
     */
    public Optional<URI> httpUrl() {
        if (accessUrl == null || accessUrl.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(accessUrl.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return Optional.of(u);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Describes the interface in one line: mode, URL.
     *
     * @return e.g. {@code tap#aux http://example.org/tap}
     */
    @Override
    public String toString() {
        return accessMode().orElse(type == null ? "interface" : type) + " " + accessUrl;
    }
}
