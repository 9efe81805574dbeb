/*
 * limited_access.h - the shared limited-access (LAO) rules: exclusions and
 * restrictions of one user on one case (platform.md §6.1).
 *
 * Used by GET /users/{username}/access/{crn} (tier-to-delius and
 * unpaid-work-and-delius share the route) and by any service that needs the same
 * per-user answer. No HTTP or JSON here: the caller turns la_result into a body.
 *
 * Rules (platform.md §6.1, tier-to-delius.md §2.5, "flag semantics"):
 *   - The user is USER_ where UPPER(DISTINGUISHED_NAME) = UPPER(username).
 *     A username that starts with a digit and is a valid integer is first looked
 *     up as USER_.USER_ID; when that row exists its DISTINGUISHED_NAME is used as
 *     the username, otherwise the value is used unchanged (unpaid-work rule,
 *     applied on the shared route; la_check does it, la_check_user does not).
 *   - An EXCLUSION / RESTRICTION row is in force while its end time IS NULL or is
 *     later than now (Europe/London, bound as ISO text). Start times and soft
 *     deletion (of the rows and of the offender) are not checked.
 *   - User found: excluded = an in-force exclusion of this user on the case;
 *     restricted = the case has in-force restrictions and none of them is for
 *     this user (a restriction is an allow-list).
 *   - User not found: the worst case: excluded = any in-force exclusion on the
 *     case; restricted = any in-force restriction on the case.
 *   - Unknown CRN: not excluded, not restricted (never an error).
 *   - exclusion_message = OFFENDER.EXCLUSION_MESSAGE only when excluded and the
 *     column is non-null; restriction_message likewise. Otherwise NULL.
 *
 * Cost: at most three statements per check (user id look-up for a numeric
 * username, user look-up, one statement for the case and all four flags).
 *
 * Ownership: strings in la_result are allocated from the arena passed in.
 */
#ifndef DL_LIMITED_ACCESS_H
#define DL_LIMITED_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

typedef struct la_result {
    bool case_found;                 /* an OFFENDER row with the CRN exists (deleted or not) */
    bool user_found;                 /* the username matched a USER_ row */
    bool excluded;                   /* userExcluded */
    bool restricted;                 /* userRestricted */
    const char *exclusion_message;   /* NULL unless excluded and OFFENDER.EXCLUSION_MESSAGE is non-null */
    const char *restriction_message; /* NULL unless restricted and OFFENDER.RESTRICTION_MESSAGE is non-null */
} la_result;

/* The shared-route check: resolves a numeric username as a USER_ID first (see
 * above), then la_check_user(). Returns 0 (out filled) or -1 on a database error
 * (out zeroed; db_errmsg(c) says why). */
int la_check(db_conn *c, arena *a, const char *username, const char *crn, la_result *out);

/* The same check with username taken literally (no USER_ID resolution). */
int la_check_user(db_conn *c, arena *a, const char *username, const char *crn, la_result *out);

/* The unpaid-work username rule on its own: when username starts with a digit
 * and parses as an integer that is a USER_.USER_ID, *out = that user's
 * DISTINGUISHED_NAME (arena copy); otherwise *out = username. Returns 0 or -1. */
int la_resolve_username(db_conn *c, arena *a, const char *username, const char **out);

/* The court-case per-CRN check (court-case-and-delius.md §1.5, platform.md §6.2):
 * whatever the caller, when an OFFENDER row with the CRN exists (soft-deleted
 * included), CURRENT_EXCLUSION = 1 and exclusions are not ignored → denied with
 * EXCLUSION_MESSAGE ("" when NULL); else CURRENT_RESTRICTION = 1 and restrictions
 * are not ignored → denied with RESTRICTION_MESSAGE. No statement at all when
 * both are ignored. Returns 1 (denied, *message set, arena copy), 0 (allowed) or
 * -1 on a database error. One statement. */
int la_case_check(db_conn *c, arena *a, const char *crn, bool ignore_exclusions, bool ignore_restrictions,
                  const char **message);

#endif
