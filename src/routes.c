/*
 * routes.c - THE route table: every HTTP route deliusd serves is declared here
 * once (method, path pattern, roles, error style, handler, service, response
 * schema, summary). The router, the role check, /v3/api-docs and the API tests
 * all read this table. Shared paths (/users/{username}/access/{crn},
 * /docs/asyncapi) are one entry.
 *
 * Each service adds its entries in its own section; handlers are declared in
 * src/services/handlers.h and live in src/services/<service>/.
 */
#include "core/http.h"
#include "services/handlers.h"

#define TIER_ROLES (ROLE_TIER | ROLE_TIER_LEGACY)
#define UPW_ROLES (ROLE_UPW | ROLE_UPW_LEGACY)

const route_def route_table[] = {
    /* --- platform (public) --- */
    {"GET", "/health", ROLES_PUBLIC, ERR_STYLE_MESSAGE, platform_health, "platform", NULL, "Health of the service and its database"},
    {"GET", "/health/liveness", ROLES_PUBLIC, ERR_STYLE_MESSAGE, platform_liveness, "platform", NULL, "Liveness probe"},
    {"GET", "/health/readiness", ROLES_PUBLIC, ERR_STYLE_MESSAGE, platform_readiness, "platform", NULL, "Readiness probe: DOWN while the database cannot be queried"},
    {"GET", "/info", ROLES_PUBLIC, ERR_STYLE_MESSAGE, platform_info, "platform", NULL, "Build name and version"},
    {"GET", "/metrics", ROLES_PUBLIC, ERR_STYLE_MESSAGE, platform_metrics, "platform", NULL, "Prometheus metrics"},
    {"GET", "/v3/api-docs", ROLES_PUBLIC, ERR_STYLE_MESSAGE, platform_openapi, "platform", NULL, "OpenAPI document generated from this route table"},
    {"GET", "/docs/asyncapi", ROLES_PUBLIC, ERR_STYLE_MESSAGE, platform_asyncapi, "platform", NULL, "AsyncAPI document of the message channels deliusd consumes"},

    /* --- tier-to-delius --- */
    {"GET", "/tier-details/{crn}", TIER_ROLES, ERR_STYLE_MESSAGE, tier_details, "tier", "TierDetails", "The facts about a case that a tier calculation needs"},
    {"GET", "/probation-cases", TIER_ROLES, ERR_STYLE_MESSAGE, tier_probation_cases, "tier", NULL, "CRNs of every person with an active event (JSON array, or text/plain lines)"},
    {"GET", "/person/{crn}", TIER_ROLES, ERR_STYLE_MESSAGE, tier_person, "tier", "PersonDetails", "CRN and name of a person on probation"},
    /* shared with unpaid-work-and-delius (platform.md §1) */
    {"GET", "/users/{username}/access/{crn}", TIER_ROLES | ROLE_UPW, ERR_STYLE_MESSAGE, access_check, "tier", "CaseAccess", "Limited access (exclusion/restriction) of a user on a case"},

    /* --- unpaid-work-and-delius --- */
    /* personal-details before {eventId}: the literal segment wins */
    {"GET", "/case-data/{crn}/personal-details", UPW_ROLES, ERR_STYLE_MESSAGE, upw_personal_details, "unpaid-work", "PersonalDetails", "Active personal contacts and personal circumstances of a person on probation"},
    {"GET", "/case-data/{crn}/{eventId}", UPW_ROLES, ERR_STYLE_MESSAGE, upw_case_details, "unpaid-work", "CaseDetails", "Detailed information on the probation case for an unpaid work assessment"},

    /* --- court-case-and-delius --- */
};
const size_t route_count = sizeof route_table / sizeof route_table[0];
