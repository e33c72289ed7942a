package org.vokit.uws;

import java.net.URI;

/**
 * One result of a UWS job.
 *
 * @param id the result's identifier (TAP's main result is {@code result})
 * @param uri where to fetch it
 */
public record JobResult(String id, URI uri) {
}
