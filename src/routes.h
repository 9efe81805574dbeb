/*
 * routes.h - the application's route table, assembled from the services'
 * own tables (src/services/<service>/routes.c) in the order of the groups in
 * routes.c. The router, the role check, /v3/api-docs, the metrics and the
 * tests all read the assembled table.
 */
#ifndef DL_ROUTES_H
#define DL_ROUTES_H

#include <stddef.h>

#include "core/http.h"

/* The assembled table (built once, lives for the process) and its length. */
const route_def *app_routes(size_t *n);

#endif
