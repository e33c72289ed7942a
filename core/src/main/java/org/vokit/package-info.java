/**
 * vokit's shared vocabulary: the exception tree every protocol client reports failures with.
 *
 * <p>Protocols live in sub-packages: {@link org.vokit.tap} (Table Access Protocol),
 * {@link org.vokit.uws} (asynchronous jobs), {@link org.vokit.adql} (safe ADQL rendering),
 * {@link org.vokit.votable} (VOTable reading on top of STIL) and {@link org.vokit.http}
 * (the HTTP layer with timeouts and deadlines).
 */
package org.vokit;
