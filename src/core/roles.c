/* roles.c - token authority strings <-> role bits (http.h). */
#include <string.h>

#include "http.h"

static const struct {
    unsigned bit;
    const char *authority;
} roles[] = {
    {ROLE_TIER, "ROLE_PROBATION_API__TIER__CASE_DETAIL"},
    {ROLE_TIER_LEGACY, "ROLE_TIER_DETAILS"},
    {ROLE_UPW, "ROLE_PROBATION_API__UPW__CASE_DETAIL"},
    {ROLE_UPW_LEGACY, "ROLE_UPW_DETAILS"},
    {ROLE_COURT, "ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL"},
    {ROLE_ADMIN, "ROLE_PROBATION_INTEGRATION_ADMIN"},
};

unsigned role_from_authority(const char *authority) {
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (!strcmp(roles[i].authority, authority)) return roles[i].bit;
    return 0;
}

const char *role_authority(unsigned role) {
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (roles[i].bit == role) return roles[i].authority;
    return NULL;
}
