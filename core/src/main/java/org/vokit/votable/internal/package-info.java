/**
 * Implementation details shared by the protocol packages that read service responses: turning an
 * error response (a DALI error VOTable or an HTTP error page) into the right exception. Not API.
 */
package org.vokit.votable.internal;
