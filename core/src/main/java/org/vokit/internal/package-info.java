/**
 * Implementation details shared by vokit's protocol packages: safe XML parser construction,
 * curl rendering for logs, small DOM helpers. Not a public API; it may change without notice.
 */
package org.vokit.internal;
