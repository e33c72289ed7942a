/**
 * VO-wide TAP queries by UCD (course section 7): find every registered TAP table with a column of
 * a given UCD, map each table's columns onto one output schema by UCD, ask every service in
 * parallel for the rows near a position (adapting to its TAPRegExt features: UNION, IN_UNIT), and
 * merge the answers with provenance into one table, with a failure report.
 *
 * <pre>{@code
 * try (VoHttp http = VoHttp.builder().build()) {
 *     Registry reg = Registry.builder(URI.create("http://127.0.0.1:8089/tap")).http(http).build();
 *     VoWideQuery q = VoWideQuery.builder(reg, http).ucd("pos.pm%").cone(40, 40, 60).build();
 *     List<ServiceTables> found = q.discover();
 *     RunReport report = BoundedTaskRunner.builder().timeout(Duration.ofSeconds(30)).build()
 *             .run(q.tasks(found), q.columns(), sink, ProgressListener.NONE);
 * }
 * }</pre>
 *
 * <p>The parallel runs, timeouts, provenance columns and failure report come from
 * {@link org.vokit.discovery}; {@link org.vokit.vowide.ServiceHealth} remembers how services
 * fared between runs.
 */
package org.vokit.vowide;
