/*
 * jsondiff.h - compares two JSON documents (jansson trees) the way the compare
 * tools need (court-case-and-delius.md §4.2 step 6, JSONAssert NON_EXTENSIBLE):
 *
 *   - objects must have exactly the same key set (a key missing on either side
 *     is a difference);
 *   - array order is ignored: elements are matched as multisets. Arrays of
 *     objects that share a unique id field ("id" or "...Id", scalar, present in
 *     every element of both arrays, unique on each side) are matched on it and
 *     reported as `path[field=value]`; otherwise equal elements are paired first
 *     and the rest are paired with the closest remaining element (fewest
 *     differences) and reported by the expected element's index `path[i]`;
 *   - numbers compare numerically (1 equals 1.0); strings, booleans and null
 *     exactly.
 *
 * Each difference is one entry, in one of three forms (the original's wording):
 *     <path>\nExpected: <value>\n     got: <value>
 *     <path>\nExpected: <key or element>\n     but none found
 *     <path>\nUnexpected: <key or element>
 * Paths are JSONAssert-style: `contactDetails.addresses[0].town`, a key of the
 * root object is its bare name, and the root itself is `$`. Values are compact
 * JSON, cut at JD_MAX_VALUE bytes with "...".
 *
 * Core module: knows no service. Not thread-affine; no global state.
 * Ownership: the inputs are borrowed; jd_compare's text is malloc'd (caller frees).
 */
#ifndef DL_JSONDIFF_H
#define DL_JSONDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#define JD_MAX_VALUE 200

/* Structural equality with the rules above (no text built). NULL equals NULL only. */
bool jd_equal(const json_t *a, const json_t *b);

/* Compares expected with actual. Returns the number of differences (0 = equal)
 * and, when text is not NULL, *text = the entries joined with " ; " (at most
 * max_entries of them, then " ; ... and N more differences"; max_entries 0 =
 * no cap), or NULL when equal. */
size_t jd_compare(const json_t *expected, const json_t *actual, size_t max_entries, char **text);

#endif
