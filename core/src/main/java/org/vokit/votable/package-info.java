/**
 * VOTable handling on top of STIL: {@link org.vokit.votable.VotableReader} streams tables into
 * STIL sinks with a hardened XML parser and collects {@code INFO}s such as {@code QUERY_STATUS};
 * {@link org.vokit.votable.ColumnMeta} describes result columns.
 */
package org.vokit.votable;
