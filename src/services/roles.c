/* roles.c - token authority strings <-> role bits (roles.h). */
#include "services/roles.h"

#include <string.h>

const role_entry role_table[] = {
    {ROLE_TIER, "ROLE_PROBATION_API__TIER__CASE_DETAIL"},
    {ROLE_TIER_LEGACY, "ROLE_TIER_DETAILS"},
    {ROLE_UPW, "ROLE_PROBATION_API__UPW__CASE_DETAIL"},
    {ROLE_UPW_LEGACY, "ROLE_UPW_DETAILS"},
    {ROLE_COURT, "ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL"},
    {ROLE_ADMIN, "ROLE_PROBATION_INTEGRATION_ADMIN"},
};
const size_t role_count = sizeof role_table / sizeof role_table[0];

unsigned role_from_authority(const char *authority) {
    for (size_t i = 0; i < role_count; i++)
        if (!strcmp(role_table[i].authority, authority)) return role_table[i].bit;
    return 0;
}

const char *role_authority(unsigned role) {
    for (size_t i = 0; i < role_count; i++)
        if (role_table[i].bit == role) return role_table[i].authority;
    return NULL;
}
