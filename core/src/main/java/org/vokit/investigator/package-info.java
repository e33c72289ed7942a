/**
 * The object investigator and the odometer: two SAMP listeners from the course's "Higher SAMP
 * Magic".
 *
 * <p>{@link org.vokit.investigator.Investigator} receives tables from other clients and, when a
 * row is highlighted, runs its {@link org.vokit.investigator.VicinitySearch}es around the row's
 * position ({@link org.vokit.investigator.PositionColumns}) in parallel, sending each non-empty
 * result to a target client such as Aladin; a newer highlight cancels the older searches.
 * Searches: {@link org.vokit.investigator.TapVicinitySearch} (an ADQL template with
 * {@code {ra}}, {@code {dec}}, {@code {radius}}), {@link org.vokit.investigator.ConeVicinitySearch}
 * and {@link org.vokit.investigator.SiaVicinitySearch}. Progress is reported as
 * {@link org.vokit.investigator.InvestigatorEvent}s.
 *
 * <p>{@link org.vokit.investigator.Odometer} sums the great-circle distances between successive
 * {@code coord.pointAt.sky} positions. {@link org.vokit.investigator.SkyPosition} is the shared
 * position value ({@link org.vokit.investigator.SkyPosition#parse} reads typed degrees or
 * sexagesimal); {@link org.vokit.investigator.NameColumn} finds a table's identifier column and a
 * typed name in it.
 */
package org.vokit.investigator;
