package org.vokit.registry;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.vokit.dal.DalService;
import org.vokit.dal.scs.ConeService;
import org.vokit.dal.sia.Sia2Service;
import org.vokit.dal.sia.SiaService;
import org.vokit.dal.ssa.SsaService;
import org.vokit.http.VoHttp;
import org.vokit.tap.TapService;

/**
 * One resource of the registry, as a search returned it: a service, a data collection with
 * its access modes, an organisation or an authority. It holds what the search fetched (title,
 * description, subjects, capabilities with their interfaces, contact) and does no network
 * access, except {@link #tables()}, which asks the registry once and keeps the answer.
 *
 * <pre>{@code
 * RegistryResource stars = registry.resolve("ivo://vokit.test/vostars/q/cone").orElseThrow();
 * System.out.println(stars.describe());
 * stars.accessModes();                      // [conesearch, tap#aux, web]
 * URI cone = stars.service("scs");          // the cone search endpoint
 * TapService tap = stars.tapService();      // its tables through TAP (tap#aux counts)
 * ConeService scs = stars.coneService();    // typed openers: cone, SIA 1 and 2, SSA, TAP
 * }</pre>
 *
 * <p>Choosing a service: {@link #service(String)} returns the endpoint of the one standard
 * interface of a kind and fails with a {@link ServiceSelectionException} listing the candidates
 * when there are several leading to different URLs; {@link #service(String, String)} picks by a
 * keyword; {@link #serviceLax(String)} takes the first. VOSI interfaces are never chosen, and
 * access URLs that are not http(s) are never returned.
 *
 * <p>The services it opens use the HTTP client of the registry it came from (closing them leaves
 * that client open; close the registry after them). A record made without a registry opens
 * services that borrow the JVM's shared client ({@link VoHttp#shared()}); close them.
 *
 * <p>Instances are immutable (the table cache aside) and thread-safe.
 */
public final class RegistryResource {

    private final String ivoid;
    private final String resourceType;
    private final String shortName;
    private final String title;
    private final String description;
    private final String referenceUrl;
    private final List<String> creators;
    private final List<String> contentLevels;
    private final List<String> contentTypes;
    private final List<String> wavebands;
    private final List<String> subjects;
    private final String updated;
    private final List<Capability> capabilities;
    private final List<Contact> contacts;
    private final Registry registry;
    private final AtomicReference<List<RegTable>> tables = new AtomicReference<>();

    RegistryResource(String ivoid, String resourceType, String shortName, String title, String description,
                     String referenceUrl, List<String> creators, List<String> contentLevels,
                     List<String> contentTypes, List<String> wavebands, List<String> subjects, String updated,
                     List<Capability> capabilities, List<Contact> contacts, Registry registry) {
        this.ivoid = Objects.requireNonNull(ivoid, "ivoid");
        this.resourceType = resourceType;
        this.shortName = shortName;
        this.title = title;
        this.description = description;
        this.referenceUrl = referenceUrl;
        this.creators = List.copyOf(creators);
        this.contentLevels = List.copyOf(contentLevels);
        this.contentTypes = List.copyOf(contentTypes);
        this.wavebands = List.copyOf(wavebands);
        this.subjects = List.copyOf(subjects);
        this.updated = updated;
        this.capabilities = List.copyOf(capabilities);
        this.contacts = List.copyOf(contacts);
        this.registry = registry;
    }

    /** @return the IVOA identifier (lower case, as RegTAP stores it) */
    public String ivoid() {
        return ivoid;
    }

    /** @return the resource type, e.g. {@code vs:catalogservice}, or null */
    public String resourceType() {
        return resourceType;
    }

    /** @return the short name, or null */
    public String shortName() {
        return shortName;
    }

    /** @return the title, or null */
    public String title() {
        return title;
    }

    /** @return the description, or null */
    public String description() {
        return description;
    }

    /** @return the URL of a page for people about the resource, or null (not checked) */
    public String referenceUrl() {
        return referenceUrl;
    }

    /** @return the creators (authors), in the order the record gives them */
    public List<String> creators() {
        return creators;
    }

    /** @return the content levels, e.g. {@code research} */
    public List<String> contentLevels() {
        return contentLevels;
    }

    /** @return the content types, e.g. {@code catalog}, {@code archive} */
    public List<String> contentTypes() {
        return contentTypes;
    }

    /** @return the messengers the resource has data for, e.g. {@code optical} (lower case) */
    public List<String> wavebands() {
        return wavebands;
    }

    /** @return the subject keywords, sorted */
    public List<String> subjects() {
        return subjects;
    }

    /** @return when the record was last updated (ISO timestamp as given), or null */
    public String updated() {
        return updated;
    }

    /** @return the capabilities, ordered by index */
    public List<Capability> capabilities() {
        return capabilities;
    }

    /** @return the contacts ({@code contact} role), possibly none */
    public List<Contact> contacts() {
        return contacts;
    }

    /**
     * Returns who to contact about the resource, for example to report a broken service.
     *
     * @return the first contact, if the record names one
     */
    public Optional<Contact> contact() {
        return contacts.isEmpty() ? Optional.empty() : Optional.of(contacts.get(0));
    }

    /**
     * Returns all interfaces of all capabilities.
     *
     * @return the interfaces, in capability order
     */
    public List<RegInterface> interfaces() {
        List<RegInterface> out = new ArrayList<>();
        for (Capability c : capabilities) {
            out.addAll(c.interfaces());
        }
        return List.copyOf(out);
    }

    /**
     * Returns the short names of the ways this resource can be used: standard identifiers
     * without {@code ivo://ivoa.net/std/} ({@code tap}, {@code tap#aux}, {@code conesearch},
     * {@code ssa}, {@code sia}, {@code sia2}, {@code datalink#links-1.1}, ...), and {@code web}
     * for web pages. VOSI is left out.
     *
     * @return the modes, sorted
     */
    public SortedSet<String> accessModes() {
        SortedSet<String> out = new TreeSet<>();
        for (RegInterface i : interfaces()) {
            i.accessMode().ifPresent(out::add);
        }
        return Collections.unmodifiableSortedSet(out);
    }

    // ------------------------------------------------------------- services

    /**
     * Returns the endpoint of this resource's service of a kind.
     *
     * @param type {@code tap}, {@code scs}, {@code sia}, {@code sia2}, {@code ssa}, {@code slap},
     *     {@code datalink}, {@code soda}, {@code web}, or a standard identifier; for {@code tap}
     *     an auxiliary {@code tap#aux} capability counts (a plain TAP one is preferred)
     * @return the access URL (http or https)
     * @throws ServiceSelectionException if there is no such interface, or several with
     *     different URLs (the message lists them)
     * @throws IllegalArgumentException if the type is unknown
     */
    public URI service(String type) {
        return httpUrl(interfaceFor(type, null, false));
    }

    /**
     * Returns the endpoint of the service of a kind whose capability description or access URL
     * contains a keyword (ignoring case), for resources with several services of a kind.
     *
     * @param type the kind, as for {@link #service(String)}
     * @param keyword a word from the capability's description or URL
     * @return the access URL
     * @throws ServiceSelectionException if no interface or several different ones match
     */
    public URI service(String type, String keyword) {
        return httpUrl(interfaceFor(type, Objects.requireNonNull(keyword, "keyword"), false));
    }

    /**
     * Returns the endpoint of the first standard interface of a kind, even when there are
     * several; use it only when they are known to be equivalent.
     *
     * @param type the kind, as for {@link #service(String)}
     * @return the access URL
     * @throws ServiceSelectionException if there is no such interface
     */
    public URI serviceLax(String type) {
        return httpUrl(interfaceFor(type, null, true));
    }

    /**
     * Chooses an interface of a kind; the other service methods are built on it.
     *
     * @param type the kind, as for {@link #service(String)}
     * @param keyword a word the capability description or the access URL must contain, or null
     * @param lax whether to take the first of several different candidates instead of failing
     * @return the interface (with an http(s) access URL)
     * @throws ServiceSelectionException if there is no candidate, or several different ones and
     *     {@code lax} is false
     */
    public RegInterface interfaceFor(String type, String keyword, boolean lax) {
        Objects.requireNonNull(type, "type");
        boolean web = type.strip().equalsIgnoreCase("web");
        StandardIds.Kind kind = web ? null : StandardIds.kind(type);
        List<Candidate> all = new ArrayList<>();
        for (Capability c : capabilities) {
            for (RegInterface i : c.interfaces()) {
                boolean match = web ? i.isWebBrowser()
                        : i.isStandard() && !i.isVosi() && StandardIds.matches(kind, c.standardId(), true);
                if (match) {
                    all.add(new Candidate(c, i));
                }
            }
        }
        String what = web ? "web page" : "'" + type.strip() + "' interface";
        if (all.isEmpty()) {
            throw new ServiceSelectionException(ivoid + " has no standard " + what + "; its access modes are "
                    + (accessModes().isEmpty() ? "none" : String.join(", ", accessModes())), List.of());
        }
        List<Candidate> chosen = all;
        if (keyword != null) {
            String k = keyword.toLowerCase(Locale.ROOT);
            chosen = all.stream().filter(c -> contains(c.capability().description(), k)
                    || contains(c.intf().accessUrl(), k)).toList();
            if (chosen.isEmpty()) {
                throw new ServiceSelectionException("none of the " + all.size() + " " + what + "s of " + ivoid
                        + " mentions '" + keyword + "':" + list(all), intfs(all));
            }
        }
        List<Candidate> direct = chosen.stream().filter(c -> !c.intf().isAux()).toList();
        if (!direct.isEmpty()) {
            chosen = direct;
        }
        List<Candidate> usable = chosen.stream().filter(c -> c.intf().httpUrl().isPresent()).toList();
        if (usable.isEmpty()) {
            throw new ServiceSelectionException(ivoid + " has no " + what + " with an http(s) access URL:"
                    + list(chosen), intfs(chosen));
        }
        long urls = usable.stream().map(c -> c.intf().httpUrl().get()).distinct().count();
        if (urls == 1 || lax) {
            return usable.get(0).intf();
        }
        throw new ServiceSelectionException(ivoid + " has " + usable.size() + " " + what
                + "s with different URLs; choose one with service(type, keyword), the keyword taken from"
                + " the description or URL, or take the first with serviceLax(type):" + list(usable), intfs(usable));
    }

    private record Candidate(Capability capability, RegInterface intf) {
    }

    private static boolean contains(String text, String lowerKeyword) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerKeyword);
    }

    private static List<RegInterface> intfs(List<Candidate> cs) {
        return cs.stream().map(Candidate::intf).toList();
    }

    private static String list(List<Candidate> cs) {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (Candidate c : cs) {
            sb.append("\n  [").append(n++).append("] ").append(c.intf().accessMode().orElse("interface")).append(' ')
                    .append(c.intf().accessUrl());
            if (c.capability().description() != null) {
                sb.append(" (").append(c.capability().description()).append(')');
            }
        }
        return sb.toString();
    }

    private static URI httpUrl(RegInterface i) {
        return i.httpUrl().orElseThrow();
    }

    /**
     * Opens this resource's TAP service ({@link #service(String) service("tap")}, an auxiliary
     * {@code tap#aux} capability included), sharing the registry's HTTP client.
     *
     * @return the service
     * @throws ServiceSelectionException if there is no TAP interface or several different ones
     */
    public TapService tapService() {
        URI url = service("tap");
        return registry != null ? TapService.builder(url).http(registry.http()).build() : TapService.of(url);
    }

    /**
     * Opens this resource's cone search service ({@link #service(String) service("scs")}).
     *
     * @return the service, sharing the registry's HTTP client
     * @throws ServiceSelectionException if there is no cone search interface or several different ones
     */
    public ConeService coneService() {
        URI url = service("scs");
        return registry != null ? ConeService.of(url, registry.http())
                : new ConeService(url, VoHttp.shared(), DalService.DEFAULT_TIMEOUT, true);
    }

    /**
     * Opens this resource's SIAP version 1 service ({@link #service(String) service("sia")}).
     *
     * @return the service, sharing the registry's HTTP client
     * @throws ServiceSelectionException if there is no SIAP 1 interface or several different ones
     */
    public SiaService siaService() {
        URI url = service("sia");
        return registry != null ? SiaService.of(url, registry.http())
                : new SiaService(url, VoHttp.shared(), DalService.DEFAULT_TIMEOUT, true);
    }

    /**
     * Opens this resource's SIAP version 2 service ({@link #service(String) service("sia2")}).
     *
     * @return the service, sharing the registry's HTTP client
     * @throws ServiceSelectionException if there is no SIAP 2 interface or several different ones
     */
    public Sia2Service sia2Service() {
        URI url = service("sia2");
        return registry != null ? Sia2Service.of(url, registry.http())
                : new Sia2Service(url, VoHttp.shared(), DalService.DEFAULT_TIMEOUT, true);
    }

    /**
     * Opens this resource's SSAP service ({@link #service(String) service("ssa")}).
     *
     * @return the service, sharing the registry's HTTP client
     * @throws ServiceSelectionException if there is no SSAP interface or several different ones
     */
    public SsaService ssaService() {
        URI url = service("ssa");
        return registry != null ? SsaService.of(url, registry.http())
                : new SsaService(url, VoHttp.shared(), DalService.DEFAULT_TIMEOUT, true);
    }

    // --------------------------------------------------------------- tables

    /**
     * Returns the tables the resource declares, with their columns (names, UCDs, units,
     * utypes), fetched from the registry in one query on first call and kept. Resources need
     * not declare tables; the list is then empty. Tables of type {@code output} are included;
     * see {@link RegTable#isQueryable()}.
     *
     * @return the tables, in registry order
     * @throws IOException if the registry fails
     */
    public List<RegTable> tables() throws IOException {
        List<RegTable> t = tables.get();
        if (t == null) {
            if (registry == null) {
                throw new IllegalStateException("this record of " + ivoid + " did not come from a registry");
            }
            tables.compareAndSet(null, registry.fetchTables(ivoid));
            t = tables.get();
        }
        return t;
    }

    // ------------------------------------------------------------- describe

    /**
     * Describes the resource for people, in several lines: title, short name, identifier,
     * access modes with their URLs, description, subjects, wavebands, creators, contact.
     *
     * @return the text, ending with a newline
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(title != null ? title : ivoid).append('\n');
        if (shortName != null) {
            sb.append("Short name: ").append(shortName).append('\n');
        }
        sb.append("IVOA identifier: ").append(ivoid).append('\n');
        if (resourceType != null) {
            sb.append("Resource type: ").append(resourceType).append('\n');
        }
        sb.append("Access modes: ").append(accessModes().isEmpty() ? "none" : String.join(", ", accessModes()))
                .append('\n');
        for (Capability c : capabilities) {
            for (RegInterface i : c.interfaces()) {
                Optional<String> mode = i.accessMode();
                if (mode.isEmpty()) {
                    continue;
                }
                sb.append("- ").append(mode.get()).append(": ").append(i.accessUrl());
                if (c.description() != null) {
                    sb.append(" (").append(c.description()).append(')');
                }
                sb.append('\n');
            }
        }
        if (description != null) {
            sb.append('\n');
            wrap(sb, description, 78);
            sb.append('\n');
        }
        if (!subjects.isEmpty()) {
            sb.append("Subjects: ").append(String.join(", ", subjects)).append('\n');
        }
        if (!wavebands.isEmpty()) {
            sb.append("Waveband coverage: ").append(String.join(", ", wavebands)).append('\n');
        }
        if (!creators.isEmpty()) {
            sb.append("Creators: ").append(String.join("; ", creators)).append('\n');
        }
        for (Contact c : contacts) {
            sb.append("Contact: ").append(c).append('\n');
        }
        if (referenceUrl != null) {
            sb.append("More information: ").append(referenceUrl).append('\n');
        }
        return sb.toString();
    }

    private static void wrap(StringBuilder sb, String text, int width) {
        int col = 0;
        for (String w : text.strip().split("\\s+")) {
            if (col > 0 && col + 1 + w.length() > width) {
                sb.append('\n');
                col = 0;
            } else if (col > 0) {
                sb.append(' ');
                col++;
            }
            sb.append(w);
            col += w.length();
        }
        sb.append('\n');
    }

    /**
     * Compares the records' contents (not the registry they came from).
     *
     * @param o the other object
     * @return whether both describe the same resource identically
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryResource r && r.ivoid.equals(ivoid) && Objects.equals(r.title, title)
                && Objects.equals(r.shortName, shortName) && Objects.equals(r.description, description)
                && Objects.equals(r.resourceType, resourceType) && Objects.equals(r.referenceUrl, referenceUrl)
                && r.creators.equals(creators) && r.contentLevels.equals(contentLevels)
                && r.contentTypes.equals(contentTypes) && r.wavebands.equals(wavebands)
                && r.subjects.equals(subjects) && Objects.equals(r.updated, updated)
                && r.capabilities.equals(capabilities) && r.contacts.equals(contacts);
    }

    /**
     * Hashes the identifier and capabilities.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(ivoid, capabilities);
    }

    /**
     * Names the resource: identifier and title.
     *
     * @return e.g. {@code ivo://vokit.test/tap (vokit local test VO TAP service)}
     */
    @Override
    public String toString() {
        return ivoid + (title == null ? "" : " (" + title + ")");
    }
}
