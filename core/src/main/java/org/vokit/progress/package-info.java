/**
 * Progress of work spread over many remote services: one {@link org.vokit.progress.ProgressEvent}
 * per step of each task (started, rows so far, finished, failed, cancelled, skipped), delivered to
 * a {@link org.vokit.progress.ProgressListener}, and {@link org.vokit.progress.ProgressTally}, a
 * thread-safe running summary that a command-line progress line or a Swing panel can show.
 *
 * <p>Nothing here does I/O or knows about a terminal or a toolkit: hosts adapt the events.
 */
package org.vokit.progress;
