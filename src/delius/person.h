/*
 * person.h - shared person (OFFENDER) look-ups by CRN, for every service.
 *
 * The CRN is matched exactly (no trimming, no case change). person_find()
 * returns only non-deleted offenders (SOFT_DELETED = 0), the rule every
 * service uses unless its spec says otherwise; person_find_any() includes
 * soft-deleted rows (court-case look-ups report them with softDeleted: true).
 * No HTTP or JSON here.
 *
 * Ownership: strings in a person are allocated from the arena passed in.
 */
#ifndef DL_PERSON_H
#define DL_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

typedef struct person {
    int64_t id;              /* OFFENDER_ID */
    const char *crn;         /* CRN */
    const char *first_name;  /* FIRST_NAME (NOT NULL) */
    const char *second_name; /* SECOND_NAME or NULL */
    const char *third_name;  /* THIRD_NAME or NULL */
    const char *surname;     /* SURNAME (NOT NULL) */
    const char *date_of_birth; /* DATE_OF_BIRTH_DATE, "YYYY-MM-DD" */
    bool soft_deleted;       /* SOFT_DELETED = 1 (only from person_find_any) */
} person;

/* Non-deleted offender with this CRN. Returns 1 (found, out filled), 0 (not
 * found) or -1 (database error; db_errmsg(c)). */
int person_find(db_conn *c, arena *a, const char *crn, person *out);
/* Offender with this CRN whether soft-deleted or not; same returns. */
int person_find_any(db_conn *c, arena *a, const char *crn, person *out);
/* OFFENDER_ID of the non-deleted offender with this CRN: 1 (found), 0, -1. */
int person_id_by_crn(db_conn *c, const char *crn, int64_t *id);

/* Forenames = FIRST_NAME, SECOND_NAME, THIRD_NAME joined with single spaces;
 * NULL parts are skipped, blank (non-NULL) parts are kept (tier-to-delius.md §2.4).
 * Returns an arena string (never NULL). */
const char *person_forenames(arena *a, const person *p);

#endif
