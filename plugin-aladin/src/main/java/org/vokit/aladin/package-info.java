/**
 * vokit inside Aladin Desktop: one {@code cds.aladin.AladinPlugin} per action under
 * Tool › Plugins › vokit, each also a script command ({@code vicinity}, {@code cutout}, ...)
 * that Aladin scripts and SAMP {@code script.aladin.send} can drive. Results become Aladin
 * planes; every script command answers one ASCII line that begins with the number of rows or
 * objects put in its new plane, or {@code error:}.
 *
 * <p>This module is licensed GPL-3.0-or-later (it links against Aladin, which is GPLv3).
 */
package org.vokit.aladin;
