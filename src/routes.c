/*
 * routes.c - lists the route groups: each service declares its routes in its
 * own folder (src/services/<service>/routes.c); this file only names the
 * groups, in order. Adding a service = one line here.
 */
#include "routes.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "services/court_case/court_case.h"
#include "services/platform/platform.h"
#include "services/tier/tier.h"
#include "services/unpaid_work/unpaid_work.h"

static const struct {
    const route_def *routes;
    const size_t *count;
} groups[] = {
    {platform_routes, &platform_route_count},
    {tier_routes, &tier_route_count},
    {unpaid_work_routes, &unpaid_work_route_count},
    {court_case_routes, &court_case_route_count},
};

#define MAX_ROUTES 256
static route_def table[MAX_ROUTES];
static size_t ntable;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void assemble(void) {
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        if (ntable + *groups[g].count > MAX_ROUTES) abort(); /* raise MAX_ROUTES */
        memcpy(table + ntable, groups[g].routes, *groups[g].count * sizeof *table);
        ntable += *groups[g].count;
    }
}

const route_def *app_routes(size_t *n) {
    pthread_once(&once, assemble);
    *n = ntable;
    return table;
}
