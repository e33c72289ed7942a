/**
 * The SAMP layer's plumbing, not for use outside {@link org.vokit.samp}: the XML-RPC server that
 * receives the hub's callbacks (parsing with {@link org.vokit.internal.SafeXml}, bound to the
 * loopback interface) and the client profile that reads an explicitly given lockfile.
 */
package org.vokit.samp.internal;
