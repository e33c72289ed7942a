/**
 * SAMP, the Simple Application Messaging Protocol: talking to TOPCAT, Aladin and other desktop
 * VO applications through a hub.
 *
 * <p>{@link org.vokit.samp.SampConnection} registers with a hub chosen explicitly (a lockfile or
 * a JSAMP client profile; the user's standard hub by default), sends tables, images, spectra,
 * positions, row highlights and selections to clients picked with a
 * {@link org.vokit.samp.SampTarget}, and runs {@link org.vokit.samp.SampHandler}s for the
 * MTypes it subscribes to. {@link org.vokit.samp.SampTableLoader} reads the tables other clients
 * point at, refusing local files from clients that are not on this host. Failures are
 * {@link org.vokit.samp.SampException}s, part of vokit's {@link org.vokit.VoException} tree.
 * The transport is JSAMP's Standard Profile; the hub's callbacks are parsed by vokit's safe XML
 * parser. {@link org.vokit.samp.MTypes} lists the message types used.
 */
package org.vokit.samp;
