/**
 * N-way grouping of local catalogues by sky position: {@link org.vokit.xmatch.SkyGrouper}, the
 * friends-of-friends algorithm on primitive arrays (declination zones, union-find; O(n log n)), and
 * {@link org.vokit.xmatch.NWayMatch}, which reads any tables STIL reads, finds their position columns
 * ({@link org.vokit.xmatch.PositionColumns}) and yields the grouped table, with the semantics of STILTS
 * {@code tmatchn multimode=group}.
 */
package org.vokit.xmatch;
