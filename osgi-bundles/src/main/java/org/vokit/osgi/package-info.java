/**
 * vokit inside an OSGi framework: the services its bundle registers.
 *
 * <ul>
 * <li>{@link org.vokit.osgi.VoClients}: TAP and registry clients sharing one HTTP client, which
 *     the framework owns (configuration PID {@code org.vokit.clients}).</li>
 * <li>{@link org.vokit.osgi.InvestigatorService}: the SAMP object investigator, present while a
 *     configuration with PID {@code org.vokit.investigator} exists; it registers with the SAMP
 *     hub when the configuration appears and unregisters, leaving no thread behind, when the
 *     configuration is deleted or the bundle stops.</li>
 * </ul>
 *
 * <p>The bundle also registers Gogo commands in scope {@code vo}: {@code vo:tap},
 * {@code vo:reg} and {@code vo:investigate start|stop|status}.
 *
 * <p>Example, from another bundle's Declarative Services component:
 * <pre>{@code
 * @Reference VoClients vo;
 *
 * TapResult r = vo.tap(URI.create("http://127.0.0.1:8089/tap"))
 *         .runSync(TapQuery.of("SELECT TOP 5 main_id FROM vostars.main"));
 * }</pre>
 */
package org.vokit.osgi;
