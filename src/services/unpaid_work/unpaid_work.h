/* unpaid_work.h - unpaid-work-and-delius (unpaid-work-and-delius.md): handlers and route table (routes.c). */
#ifndef DL_UNPAID_WORK_H
#define DL_UNPAID_WORK_H

#include "services/service.h"

extern const route_def unpaid_work_routes[];
extern const size_t unpaid_work_route_count;

int upw_personal_details(http_req *r); /* GET /case-data/{crn}/personal-details */
int upw_case_details(http_req *r);     /* GET /case-data/{crn}/{eventId} */

#endif
