/*
 * router.h - matches (method, path) against the route table.
 *
 * Patterns are literal segments and `{name}` variables, each variable matching
 * one non-empty path segment. Literal segments win over variables when both
 * match (so /case-data/{crn}/personal-details beats /case-data/{crn}/{eventId}).
 * A route's alias path (route_def.alias) matches like its pattern and yields
 * the same route index. A trailing slash is not ignored. The match holds pointers into the pattern and
 * path (no allocation).
 */
#ifndef DL_ROUTER_H
#define DL_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

#define ROUTER_MAX_VARS 8

typedef struct route_match {
    int nvars;
    bool alias; /* matched the route's alias path */
    const char *name[ROUTER_MAX_VARS];
    size_t name_len[ROUTER_MAX_VARS];
    const char *val[ROUTER_MAX_VARS];
    size_t val_len[ROUTER_MAX_VARS];
} route_match;

#define ROUTER_NOT_FOUND (-1)
#define ROUTER_METHOD_NOT_ALLOWED (-2)

/* Returns the index of the matching route, ROUTER_NOT_FOUND, or
 * ROUTER_METHOD_NOT_ALLOWED (some route has the path but not the method;
 * HEAD matches GET routes). */
int router_match(const route_def *table, size_t n, const char *method, const char *path, route_match *m);

/* Writes the comma-separated methods allowed on path into out (for `Allow`). */
void router_allowed(const route_def *table, size_t n, const char *path, char *out, size_t outlen);

#endif
