/**
 * UWS (Universal Worker Service) jobs: {@link org.vokit.uws.UwsJob} creates, runs, waits for
 * (with UWS 1.1 blocking {@code WAIT} when offered), inspects and deletes asynchronous jobs;
 * {@link org.vokit.uws.JobInfo} is a parsed job document.
 */
package org.vokit.uws;
