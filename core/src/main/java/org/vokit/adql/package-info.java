/**
 * Safe ADQL rendering: the only code in vokit that turns values and names into query text.
 *
 * <p>{@link org.vokit.adql.Adql} renders single tokens: string, number, timestamp and boolean
 * literals, and column and table names as bare or delimited identifiers according to the ADQL
 * 2.1 rules and reserved-word list. {@link org.vokit.adql.AdqlTemplate} assembles whole queries
 * from programmer-written text with named placeholders, bound through {@code Adql} and
 * substituted in a single pass. Other packages build queries only with these two classes; a user
 * value is never concatenated or formatted into ADQL.
 */
package org.vokit.adql;
