/**
 * ObsCore discovery with uploads (course sections 3 and 8.3): a local table of positions is
 * uploaded, with only its positions and a row key ({@link org.vokit.obscore.PositionColumns}
 * finds them), to every ObsCore service in the registry that accepts uploads, matched within a
 * radius and filtered ({@link org.vokit.obscore.ObscoreQuery}), in batches sized from each
 * service's upload limit; the answers are merged into one table with provenance
 * ({@link org.vokit.obscore.Obscore#search}). The search runs on the fan-out engine
 * ({@link org.vokit.fanout.Fanout}), one task per service.
 */
package org.vokit.obscore;
