/* routes.c - unpaid-work-and-delius routes (unpaid-work-and-delius.md §2). */
#include "services/unpaid_work/unpaid_work.h"

#define UPW_ROLES (ROLE_UPW | ROLE_UPW_LEGACY)

const route_def unpaid_work_routes[] = {
    /* personal-details before {eventId}: the literal segment wins */
    {.method = "GET", .pattern = "/case-data/{crn}/personal-details", .roles = UPW_ROLES, .errors = ERR_STYLE_MESSAGE,
     .handler = upw_personal_details, .service = "unpaid-work", .schema = "PersonalDetails",
     .summary = "Active personal contacts and personal circumstances of a person on probation"},
    {.method = "GET", .pattern = "/case-data/{crn}/{eventId}", .roles = UPW_ROLES, .errors = ERR_STYLE_MESSAGE,
     .handler = upw_case_details, .service = "unpaid-work", .schema = "CaseDetails",
     .summary = "Detailed information on the probation case for an unpaid work assessment"},
};
const size_t unpaid_work_route_count = sizeof unpaid_work_routes / sizeof unpaid_work_routes[0];
