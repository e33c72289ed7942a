/**
 * DataLink, SODA and previews: from a result table to the artefacts behind its rows.
 *
 * <ul>
 * <li>{@link org.vokit.datalink.DatalinkService} finds how a result (TAP, SIA, SSA: a STIL table
 *     plus its service descriptors) offers datalinks, and fetches them per row, batching several
 *     IDs per request where the service allows; each row gives a
 *     {@link org.vokit.datalink.Datalink} (row index, row cells, links or the failure).</li>
 * <li>{@link org.vokit.datalink.DatalinkDocument} reads one {@code {links}} document:
 *     immutable {@link org.vokit.datalink.Link} rows and
 *     {@link org.vokit.datalink.ServiceDescriptor}s (read with STIL's
 *     {@code uk.ac.starlink.votable.datalink} support).</li>
 * <li>{@link org.vokit.datalink.SemanticsVocabulary} is the IVOA datalink/core vocabulary
 *     (shipped copy, optional refresh) so that {@code bySemantics("#preview")} also finds
 *     {@code #preview-image} and {@code #preview-plot}.</li>
 * <li>{@link org.vokit.datalink.Soda} and {@link org.vokit.datalink.SodaQuery} run SODA cutouts
 *     (CIRCLE, POLYGON, POS, BAND, TIME, POL) into files; a cutout that misses the data is a
 *     {@link org.vokit.datalink.Cutout} with {@code noOverlap()}, not an exception.</li>
 * <li>{@link org.vokit.datalink.Previews} fetches {@code #preview} images in parallel and
 *     {@link org.vokit.datalink.ContactSheet} composes them into one PNG.</li>
 * </ul>
 */
package org.vokit.datalink;
