/* tier.h - tier-to-delius (tier-to-delius.md): handlers and route table (routes.c). */
#ifndef DL_TIER_H
#define DL_TIER_H

#include "services/service.h"

extern const route_def tier_routes[];
extern const size_t tier_route_count;

int tier_details(http_req *r);         /* GET /tier-details/{crn} */
int tier_probation_cases(http_req *r); /* GET /probation-cases (streamed) */
int tier_person(http_req *r);          /* GET /person/{crn} */
int access_check(http_req *r);         /* GET /users/{username}/access/{crn} (shared with unpaid-work) */

#endif
