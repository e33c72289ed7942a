/**
 * Simple Spectral Access (SSA 1.1): {@link org.vokit.dal.ssa.SsaService} finds spectra;
 * {@link org.vokit.dal.ssa.SsaRecord} reads them by SSA utype. A service's custom parameters
 * (such as a {@code TEFF} range) come from {@link org.vokit.dal.DalService#params()} and go into
 * a {@link org.vokit.dal.ssa.SsaQuery} by name.
 */
package org.vokit.dal.ssa;
