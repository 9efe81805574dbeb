/*
 * roles.h - the token authorities deliusd knows, declared once (roles.c):
 * the role check (through auth_set_role_lookup), the route tables and
 * /v3/api-docs all read this one table.
 */
#ifndef DL_ROLES_H
#define DL_ROLES_H

#include <stddef.h>

/* Role bits. A route lists the roles that may call it (any-of);
 * ROLE_ADMIN passes every protected route (platform.md §1). */
enum {
    ROLE_TIER = 1u << 0,        /* ROLE_PROBATION_API__TIER__CASE_DETAIL */
    ROLE_TIER_LEGACY = 1u << 1, /* ROLE_TIER_DETAILS */
    ROLE_UPW = 1u << 2,         /* ROLE_PROBATION_API__UPW__CASE_DETAIL */
    ROLE_UPW_LEGACY = 1u << 3,  /* ROLE_UPW_DETAILS */
    ROLE_COURT = 1u << 4,       /* ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL */
    ROLE_ADMIN = 1u << 5,       /* ROLE_PROBATION_INTEGRATION_ADMIN */
};

typedef struct role_entry {
    unsigned bit;
    const char *authority;
} role_entry;

/* The table, in bit order, and its length. */
extern const role_entry role_table[];
extern const size_t role_count;

/* Maps an authority string to its role bit (0 if unknown); an auth_role_fn. */
unsigned role_from_authority(const char *authority);
/* Authority string of a single role bit, or NULL. */
const char *role_authority(unsigned role);

#endif
