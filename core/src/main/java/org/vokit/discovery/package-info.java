/**
 * What the VO-wide discovery searches ({@link org.vokit.epntap}, {@link org.vokit.obscore})
 * share: a {@link org.vokit.discovery.ServiceTask} per remote service or table, a
 * {@link org.vokit.discovery.TaskRunner} that runs them in parallel with a timeout each and merges
 * their rows with provenance, and the {@link org.vokit.discovery.RunReport} listing what failed.
 *
 * <p>{@link org.vokit.discovery.BoundedTaskRunner} is a small bounded-executor implementation; the
 * interface lets a fuller fan-out engine take its place without changing the searches.
 */
package org.vokit.discovery;
