/**
 * Simple Cone Search (SCS 1.03): {@link org.vokit.dal.scs.ConeService} finds the sources within
 * a radius of a position; {@link org.vokit.dal.scs.ConeRecord} reads their identifier and
 * position by UCD1 or UCD1+.
 */
package org.vokit.dal.scs;
