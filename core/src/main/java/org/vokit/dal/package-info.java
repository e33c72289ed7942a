/**
 * What the simple Data Access Layer services (cone search, SIA 1 and 2, SSA) share: query values
 * with custom parameters passed through by name ({@link org.vokit.dal.DalQuery}), results over a
 * STIL table whose rows are records with typed accessors found by UCD, utype or name
 * ({@link org.vokit.dal.DalResults}, {@link org.vokit.dal.DalRecord}), datasets with a file name
 * and a streaming download ({@link org.vokit.dal.DatasetRecord}), and the services'
 * self-description by {@code FORMAT=METADATA} ({@link org.vokit.dal.ServiceParams},
 * {@link org.vokit.dal.ServiceParam}), including how to write a range for each of the three
 * interval conventions in use.
 *
 * <p>The protocols live in sub-packages: {@link org.vokit.dal.scs}, {@link org.vokit.dal.sia},
 * {@link org.vokit.dal.ssa}. Errors follow DALI: a service's {@code QUERY_STATUS=ERROR} (or a
 * cone search's {@code Error} INFO or PARAM) becomes a {@link org.vokit.QueryException} with the
 * service's message; overflow is a flag on the results, never an exception.
 */
package org.vokit.dal;
