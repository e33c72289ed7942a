package org.vokit.datalink;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DataLink service descriptor ({@code RESOURCE type="meta" utype="adhoc:service"}): where a
 * service is, which standard it speaks and which input parameters it takes. Descriptors come with
 * result tables (a {@code #links} descriptor saying how to get each row's datalinks, or a SODA
 * descriptor working on each row's dataset) and with DataLink documents (the target of
 * {@code service_def}). They are read by STIL's
 * {@link uk.ac.starlink.votable.datalink.ServiceDescriptorFactory} and copied into this value.
 *
 * @param id the RESOURCE's {@code ID} (what {@code service_def} names), or null
 * @param name the RESOURCE's {@code name}, or null
 * @param description the RESOURCE's description, or null
 * @param accessUrl the {@code accessURL} PARAM, or null
 * @param standardId the {@code standardID} PARAM, or null
 * @param resourceIdentifier the {@code resourceIdentifier} PARAM (a registry ivoid), or null
 * @param contentType the {@code contentType} PARAM (DataLink 1.1), or null
 * @param inputParams the PARAMs of {@code GROUP name="inputParams"}
 */
public record ServiceDescriptor(String id, String name, String description, String accessUrl, String standardId,
                                String resourceIdentifier, String contentType, List<InputParam> inputParams) {

    /** The standardID prefix of DataLink {links} endpoints (compared case-insensitively). */
    public static final String LINKS_STANDARD = "ivo://ivoa.net/std/datalink#links";
    /** The standardID prefix of synchronous SODA endpoints (compared case-insensitively). */
    public static final String SODA_SYNC_STANDARD = "ivo://ivoa.net/std/soda#sync";
    /** The standardID prefix of asynchronous SODA endpoints (compared case-insensitively). */
    public static final String SODA_ASYNC_STANDARD = "ivo://ivoa.net/std/soda#async";

    /**
     * Copies the parameter list.
     *
     * @param id ID
     * @param name name
     * @param description description
     * @param accessUrl access URL
     * @param standardId standard ID
     * @param resourceIdentifier resource identifier
     * @param contentType content type
     * @param inputParams input parameters
     */
    public ServiceDescriptor {
        inputParams = List.copyOf(inputParams);
    }

    /**
     * Copies a descriptor as STIL read it.
     *
     * @param sd STIL's descriptor
     * @return the descriptor
     */
    public static ServiceDescriptor of(uk.ac.starlink.votable.datalink.ServiceDescriptor sd) {
        List<InputParam> params = new ArrayList<>();
        if (sd.getInputParams() != null) {
            for (uk.ac.starlink.votable.datalink.ServiceParam p : sd.getInputParams()) {
                params.add(InputParam.of(p));
            }
        }
        return new ServiceDescriptor(blank(sd.getDescriptorId()), blank(sd.getName()), blank(sd.getDescription()),
                blank(sd.getAccessUrl()), blank(sd.getStandardId()), blank(sd.getResourceIdentifier()),
                blank(contentType(sd)), params);
    }

    /**
     * STIL's descriptor content type, when the STIL in use knows it: STIL 4.1 (the one Debian's
     * TOPCAT runs vokit on) has no {@code getContentType()}.
     */
    private static String contentType(uk.ac.starlink.votable.datalink.ServiceDescriptor sd) {
        try {
            return sd.getContentType();
        } catch (NoSuchMethodError e) {
            return null;
        }
    }

    /**
     * Copies a list of descriptors as STIL read them.
     *
     * @param sds STIL's descriptors, e.g. {@link org.vokit.votable.DocumentInfo#serviceDescriptors()}
     * @return the descriptors, in the same order
     */
    public static List<ServiceDescriptor> ofAll(List<uk.ac.starlink.votable.datalink.ServiceDescriptor> sds) {
        return sds.stream().map(ServiceDescriptor::of).toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private boolean standard(String prefix) {
        return standardId != null && standardId.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    /**
     * Tells whether this describes a DataLink {@code {links}} endpoint.
     *
     * @return true for {@code ivo://ivoa.net/std/DataLink#links-1.x}
     */
    public boolean isLinks() {
        return standard(LINKS_STANDARD);
    }

    /**
     * Tells whether this describes a synchronous SODA endpoint.
     *
     * @return true for {@code ivo://ivoa.net/std/SODA#sync-1.x}
     */
    public boolean isSodaSync() {
        return standard(SODA_SYNC_STANDARD);
    }

    /**
     * Returns an input parameter by name, case-insensitively (DALI parameter names are).
     *
     * @param paramName the name
     * @return the parameter, if the descriptor lists it
     */
    public Optional<InputParam> param(String paramName) {
        return inputParams.stream().filter(p -> p.name() != null && p.name().equalsIgnoreCase(paramName)).findFirst();
    }

    /**
     * Returns the parameter whose value comes from a result column: the {@code ID} parameter
     * with a {@code ref} for a {@code #links} or dataset-level SODA descriptor.
     *
     * @return the ID parameter if it has a ref
     */
    public Optional<InputParam> idRefParam() {
        return param("ID").filter(p -> p.ref() != null);
    }

    /**
     * Returns the access URL as an http(s) URI. Other schemes are refused: a descriptor from a
     * remote document must never make vokit read local files.
     *
     * @return the URL, or empty if missing or not http(s)
     */
    public Optional<URI> accessUri() {
        return Link.httpUri(accessUrl);
    }

    /**
     * Describes the input parameters one per line: name, unit, range or options, and whether
     * the value is fixed or comes from a column.
     *
     * @return the listing
     */
    public String describeParams() {
        StringBuilder sb = new StringBuilder();
        for (InputParam p : inputParams) {
            sb.append(p.name());
            if (p.value() != null) {
                sb.append(" = ").append(p.value()).append(" (fixed)");
            } else if (p.ref() != null) {
                sb.append(" <- column ").append(p.ref());
            } else {
                String r = p.range();
                if (p.xtype() != null) {
                    sb.append(" (").append(p.xtype()).append(')');
                }
                if (!r.isEmpty()) {
                    sb.append(": ").append(r);
                } else if (p.unit() != null) {
                    sb.append(" [").append(p.unit()).append(']');
                }
            }
            if (p.description() != null) {
                sb.append("  -- ").append(p.description().replaceAll("\\s+", " "));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ServiceDescriptor[" + (id != null ? id : name) + " " + standardId + " at " + accessUrl + "]";
    }
}
