/**
 * The Declarative Services components behind {@link org.vokit.osgi}: the shared clients, the
 * investigator and the Gogo commands. Not API.
 */
package org.vokit.osgi.internal;
