/**
 * Simple Image Access: {@link org.vokit.dal.sia.SiaService} (version 1.0, records found by
 * {@code VOX:} UCDs) and {@link org.vokit.dal.sia.Sia2Service} (version 2.0, ObsCore records,
 * with the {@code POS}/{@code BAND}/{@code TIME}/... constraints of
 * {@link org.vokit.dal.sia.Sia2Query}). The two versions are separate classes because their
 * parameters and records have little in common.
 */
package org.vokit.dal.sia;
