/* routes.c - tier-to-delius routes (tier-to-delius.md §2), and the shared
 * limited-access route (platform.md §1: one entry, tier and unpaid-work roles). */
#include "services/tier/tier.h"

#define TIER_ROLES (ROLE_TIER | ROLE_TIER_LEGACY)

const route_def tier_routes[] = {
    {.method = "GET", .pattern = "/tier-details/{crn}", .roles = TIER_ROLES, .errors = ERR_STYLE_MESSAGE,
     .handler = tier_details, .service = "tier", .schema = "TierDetails",
     .summary = "The facts about a case that a tier calculation needs"},
    {.method = "GET", .pattern = "/probation-cases", .roles = TIER_ROLES, .errors = ERR_STYLE_MESSAGE,
     .handler = tier_probation_cases, .service = "tier",
     .summary = "CRNs of every person with an active event (JSON array, or text/plain lines)"},
    {.method = "GET", .pattern = "/person/{crn}", .roles = TIER_ROLES, .errors = ERR_STYLE_MESSAGE,
     .handler = tier_person, .service = "tier", .schema = "PersonDetails",
     .summary = "CRN and name of a person on probation"},
    {.method = "GET", .pattern = "/users/{username}/access/{crn}", .roles = TIER_ROLES | ROLE_UPW,
     .errors = ERR_STYLE_MESSAGE, .handler = access_check, .service = "tier", .schema = "CaseAccess",
     .summary = "Limited access (exclusion/restriction) of a user on a case"},
};
const size_t tier_route_count = sizeof tier_routes / sizeof tier_routes[0];
