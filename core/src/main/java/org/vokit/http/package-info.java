/**
 * The HTTP layer shared by all protocol clients: {@link org.vokit.http.VoHttp} (timeouts,
 * deadlines, redirects, gzip, retries, curl-style debug logging), immutable request values and
 * {@link org.vokit.http.Deadline}.
 */
package org.vokit.http;
