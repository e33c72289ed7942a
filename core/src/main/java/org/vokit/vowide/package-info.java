/**
 * VO-wide TAP queries by UCD (course §7): registry discovery of (service, table) pairs by
 * column UCD, per-table column choice from the services' metadata, queries adapted to each
 * service's TAPRegExt, all run through the fan-out engine ({@link org.vokit.fanout}).
 * Start with {@link org.vokit.vowide.VoWideQuery}.
 */
package org.vokit.vowide;
