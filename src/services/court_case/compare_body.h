/*
 * compare_body.h - parses and validates the request bodies of the compare tools
 * (court-case-and-delius.md §4.2 Compare, §4.3 CompareAll; seed schemas
 * Compare and CompareAll). Pure functions over jansson: no HTTP, no database,
 * so the libFuzzer target (tests/fuzz/fuzz_compare_body.c) links this file alone.
 *
 * Rules (each failure gives one message naming the problem, answered 400):
 *   - the body must be one JSON object (duplicate keys refused);
 *   - Compare: "uri" string (required), "params" object (required, values any
 *     JSON); no other field;
 *   - CompareAll: "crns" null or an array of strings (at most CB_MAX_CRNS),
 *     "uriConfig" object of objects (required), "pageNumber" integer >= 1
 *     (default 1), "pageSize" integer 1..max_page_size (default 10); no other field.
 *
 * Ownership: the cb_* structs hold references into *root; the caller keeps
 * root and json_decref()s it when done (also on failure, when non-NULL).
 */
#ifndef DL_COMPARE_BODY_H
#define DL_COMPARE_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define CB_MAX_CRNS 1000
#define CB_MAX_PAGE_NUMBER 2147483647LL /* the original's Java int */

typedef struct cb_compare {
    const char *uri;      /* the Uri name */
    json_t *params;       /* object: name -> any JSON value (borrowed from root) */
} cb_compare;

typedef struct cb_compare_all {
    json_t *crns;         /* array of strings, or NULL (= every person) */
    json_t *uri_config;   /* object: Uri name -> object of params */
    int64_t page_number;  /* >= 1 */
    int64_t page_size;    /* >= 1 */
} cb_compare_all;

/* Each returns true when the body is valid; otherwise false with a message in
 * err. *root receives the parsed document (or NULL) in both cases. */
bool cb_parse_compare(const char *body, size_t len, json_t **root, cb_compare *out, char *err, size_t errlen);
bool cb_parse_compare_all(const char *body, size_t len, int64_t max_page_size, json_t **root, cb_compare_all *out,
                          char *err, size_t errlen);

#endif
