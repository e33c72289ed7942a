/**
 * The {@code vokit-felix} launcher: starts an Apache Felix framework with the distribution's
 * bundles, either with the interactive Gogo shell or to run one Gogo command and exit. It runs on
 * the class path, outside the framework, and reaches the Gogo runtime only through its service.
 */
package org.vokit.osgi.launcher;
