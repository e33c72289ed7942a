/**
 * The VO registry through RegTAP: finding services and data collections, and opening them.
 *
 * <p>{@link org.vokit.registry.Registry} queries a RegTAP service (a TAP service with the
 * {@code rr} schema) with {@link org.vokit.registry.Constraint}s combined by AND, and returns
 * {@link org.vokit.registry.RegistryResource}s: their metadata, their
 * {@link org.vokit.registry.Capability capabilities} and
 * {@link org.vokit.registry.RegInterface interfaces}, and ways to choose and open a service.
 * The provided constraints ({@link org.vokit.registry.Keywords},
 * {@link org.vokit.registry.ServiceType}, {@link org.vokit.registry.DataModel},
 * {@link org.vokit.registry.Ucd}, {@link org.vokit.registry.Waveband},
 * {@link org.vokit.registry.Ivoid}, {@link org.vokit.registry.Author},
 * {@link org.vokit.registry.Spatial}, {@link org.vokit.registry.Spectral},
 * {@link org.vokit.registry.Temporal}) are immutable values that render their ADQL for the
 * registry's declared features ({@link org.vokit.registry.RenderContext}); user values reach
 * the ADQL only through {@link org.vokit.adql}. Writing another constraint takes a few lines
 * (see {@link org.vokit.registry.Constraint}).
 *
 * <p>{@link org.vokit.registry.Registry#tapTablesWithUcd} is the table-level discovery behind
 * VO-wide TAP queries: TAP-queryable tables having a column with a given UCD, with the TAP
 * service to ask.
 */
package org.vokit.registry;
