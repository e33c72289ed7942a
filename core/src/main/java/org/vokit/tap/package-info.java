/**
 * The Table Access Protocol: {@link org.vokit.tap.TapService} runs ADQL queries synchronously
 * or asynchronously ({@link org.vokit.tap.AsyncJob}), with {@link org.vokit.tap.Upload}s, and
 * reads the service's capabilities and table metadata.
 */
package org.vokit.tap;
