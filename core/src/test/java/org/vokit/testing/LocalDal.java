package org.vokit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.vokit.adql.AdqlTemplate;
import org.vokit.dal.DalProtocol;
import org.vokit.tap.TapResult;
import org.vokit.tap.TapService;

/**
 * What the simple-service integration tests need from the local VO: the services' access URLs,
 * looked up in its RegTAP registry ({@code rr.interface NATURAL JOIN rr.capability}) by the
 * standard identifiers vokit knows them by, and TAP queries that compute the expected answers
 * independently.
 */
public final class LocalDal {

    private LocalDal() {
    }

    /** @return the local TAP service */
    public static TapService tap() {
        return TapService.of(LocalVo.tap());
    }

    /**
     * Finds the access URLs of a protocol's standard interfaces in the registry.
     *
     * @param protocol the protocol
     * @return the URLs, at least one
     * @throws IOException if the registry query fails
     */
    public static List<URI> accessUrls(DalProtocol protocol) throws IOException {
        String adql = AdqlTemplate.of("SELECT access_url FROM rr.interface NATURAL JOIN rr.capability "
                + "WHERE standard_id = {std} AND intf_type = 'vs:paramhttp' AND intf_role = 'std' "
                + "ORDER BY access_url").value("std", protocol.standardId()).render();
        List<URI> out = new ArrayList<>();
        for (Object v : column(adql)) {
            out.add(URI.create(v.toString()));
        }
        assertThat(out).as("access URLs of %s in rr", protocol.standardId()).isNotEmpty();
        return out;
    }

    /**
     * Finds the one access URL of a protocol.
     *
     * @param protocol the protocol
     * @return the URL
     * @throws IOException if the registry query fails
     */
    public static URI accessUrl(DalProtocol protocol) throws IOException {
        List<URI> urls = accessUrls(protocol);
        assertThat(urls).as("one %s service", protocol).hasSize(1);
        return urls.get(0);
    }

    /**
     * Runs a TAP query and returns its first column.
     *
     * @param adql the query (built with {@link AdqlTemplate})
     * @return the values in row order
     * @throws IOException if the query fails
     */
    public static List<Object> column(String adql) throws IOException {
        TapResult r = tap().runSync(adql);
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < r.rowCount(); i++) {
            out.add(r.cell(i, 0));
        }
        return out;
    }

    /**
     * Runs a TAP query and returns its first column as a sorted set of strings.
     *
     * @param adql the query
     * @return the distinct values
     * @throws IOException if the query fails
     */
    public static Set<String> set(String adql) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Object o : column(adql)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /**
     * Runs a TAP count query.
     *
     * @param adql a query whose first cell is a count
     * @return the count
     * @throws IOException if the query fails
     */
    public static long count(String adql) throws IOException {
        return ((Number) column(adql).get(0)).longValue();
    }
}
