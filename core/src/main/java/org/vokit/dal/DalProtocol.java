package org.vokit.dal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vokit.http.Param;

/**
 * The simple DAL protocols vokit speaks, with what differs between them when asking a service to
 * describe itself: the request that yields the {@code FORMAT=METADATA} document and the names of
 * the protocol's standard parameters (everything else a service declares is a custom parameter).
 */
public enum DalProtocol {

    /** Simple Cone Search 1.03. */
    SCS("ivo://ivoa.net/std/conesearch", List.of(new Param("FORMAT", "METADATA")),
            names("RA", "DEC", "SR", "VERB")),

    /** Simple Image Access 1.0. */
    SIA("ivo://ivoa.net/std/sia", List.of(new Param("FORMAT", "METADATA")),
            names("POS", "SIZE", "INTERSECT", "FORMAT", "VERB", "NAXIS", "CFRAME", "EQUINOX", "CRPIX", "CRVAL",
                    "CDELT", "ROTANG", "PROJ")),

    /** Simple Image Access 2.0 (a query over ObsCore records). */
    SIA2("ivo://ivoa.net/std/sia#query-2.0", List.of(new Param("FORMAT", "METADATA")),
            names("POS", "BAND", "TIME", "POL", "FOV", "SPATRES", "EXPTIME", "ID", "COLLECTION", "FACILITY",
                    "INSTRUMENT", "DPTYPE", "CALIB", "TARGET", "TIMERES", "SPECRP", "FORMAT")),

    /** Simple Spectral Access 1.1. */
    SSA("ivo://ivoa.net/std/ssa", List.of(new Param("REQUEST", "queryData"), new Param("FORMAT", "METADATA")),
            names("REQUEST", "VERSION", "POS", "SIZE", "BAND", "TIME", "FORMAT", "APERTURE", "SPECRP", "SPATRES",
                    "TIMERES", "SNR", "REDSHIFT", "VARAMPL", "TARGETNAME", "TARGETCLASS", "FLUXCALIB", "WAVECALIB",
                    "PUBDID", "CREATORDID", "COLLECTION", "TOP", "MTIME", "COMPRESS"));

    /** Parameters DALI defines for every service. */
    private static final Set<String> DALI = names("MAXREC", "RESPONSEFORMAT", "RUNID", "UPLOAD");

    private final String standardId;
    private final List<Param> metadataRequest;
    private final Set<String> standardParams;

    DalProtocol(String standardId, List<Param> metadataRequest, Set<String> standardParams) {
        this.standardId = standardId;
        this.metadataRequest = metadataRequest;
        this.standardParams = standardParams;
    }

    private static Set<String> names(String... n) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(n));
        return java.util.Collections.unmodifiableSet(s);
    }

    /**
     * Returns the IVOA standard identifier of the protocol's capability, as the registry lists it.
     *
     * @return the standard id, e.g. {@code ivo://ivoa.net/std/ssa}
     */
    public String standardId() {
        return standardId;
    }

    /**
     * Returns the parameters that ask a service of this protocol for its self-description.
     *
     * @return e.g. {@code FORMAT=METADATA} (with {@code REQUEST=queryData} for SSA)
     */
    public List<Param> metadataRequest() {
        return metadataRequest;
    }

    /**
     * Tells whether a parameter name is one the protocol (or DALI) defines, ignoring case.
     *
     * @param name a parameter name
     * @return false for a service's custom parameter
     */
    public boolean isStandard(String name) {
        return standardParams.contains(name) || DALI.contains(name);
    }

    /**
     * Finds a protocol by a short name as a user types it.
     *
     * @param name {@code scs} (or {@code cone}), {@code sia} (or {@code sia1}), {@code sia2}, {@code ssa}
     *     (or {@code ssap}), any case
     * @return the protocol, if the name is known
     */
    public static Optional<DalProtocol> fromName(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "scs", "cone", "conesearch" -> Optional.of(SCS);
            case "sia", "sia1", "siap", "siap1" -> Optional.of(SIA);
            case "sia2", "siap2" -> Optional.of(SIA2);
            case "ssa", "ssap" -> Optional.of(SSA);
            default -> Optional.empty();
        };
    }

    /**
     * Guesses the protocol from an access URL, the way data centres usually name their endpoints
     * (DaCHS's {@code scs.xml}, {@code siap.xml}, {@code siap2.xml}, {@code ssap.xml}).
     *
     * @param accessUrl the access URL
     * @return the protocol, if the URL's path suggests one
     */
    public static Optional<DalProtocol> guess(URI accessUrl) {
        String p = accessUrl.getPath() == null ? "" : accessUrl.getPath().toLowerCase(Locale.ROOT);
        if (p.contains("ssa")) {
            return Optional.of(SSA);
        }
        if (p.contains("siap2") || p.contains("sia2") || p.contains("sia/v2") || p.contains("sia/2")) {
            return Optional.of(SIA2);
        }
        if (p.contains("sia")) {
            return Optional.of(SIA);
        }
        if (p.contains("scs") || p.contains("cone")) {
            return Optional.of(SCS);
        }
        return Optional.empty();
    }
}
