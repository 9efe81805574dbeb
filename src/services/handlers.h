/*
 * handlers.h - every route handler, by service. The route table (src/routes.c)
 * is the only caller.
 */
#ifndef DL_HANDLERS_H
#define DL_HANDLERS_H

#include "core/http.h"

/* platform: src/services/platform/ */
int platform_health(http_req *r);
int platform_liveness(http_req *r);
int platform_readiness(http_req *r);
int platform_info(http_req *r);
int platform_metrics(http_req *r);
int platform_openapi(http_req *r);
int platform_asyncapi(http_req *r);

/* tier-to-delius: src/services/tier/ */
int tier_details(http_req *r);         /* GET /tier-details/{crn} */
int tier_probation_cases(http_req *r); /* GET /probation-cases (streamed) */
int tier_person(http_req *r);          /* GET /person/{crn} */
int access_check(http_req *r);         /* GET /users/{username}/access/{crn} (shared with unpaid-work) */

/* unpaid-work-and-delius: src/services/unpaid_work/ */
int upw_personal_details(http_req *r); /* GET /case-data/{crn}/personal-details */
int upw_case_details(http_req *r);     /* GET /case-data/{crn}/{eventId} */

/* court-case-and-delius: src/services/court_case/ */

#endif
