/*
 * tier_write.h - writes a new management tier into Delius (tier-to-delius.md
 * §4.3 and the deliusd algorithm §4.5, decision 10). No HTTP or JSON here: the
 * consumer (src/services/tier/consumers.c) fetches the calculation and maps the
 * outcome to telemetry and to the message's fate.
 *
 * One transaction (write.h), as the service user DELIUSD_SERVICE_USER_TIER:
 *   1. the person (OFFENDER by CRN, SOFT_DELETED = 0; locked on PostgreSQL);
 *      none -> MT_PERSON_NOT_FOUND;
 *   2. the tier row `U` + score in set TIER and ATS in TIER CHANGE REASON;
 *      missing -> MT_FAILED with the spec's message;
 *   3. CURRENT_TIER already that tier -> MT_UNCHANGED;
 *   4. the person's open management tier (END_DATE IS NULL, latest
 *      DATE_CHANGED; with none open, the latest of all): its DATE_CHANGED not
 *      before the calculation date -> MT_OUT_OF_ORDER;
 *   5. end-date that row, insert the new MANAGEMENT_TIER, insert the ETCH20
 *      CONTACT (staff {area}UTSO, team {area}UTS of the first active offender
 *      manager's probation area; three-line notes), set OFFENDER.CURRENT_TIER
 *      (ROW_VERSION + 1); commit -> MT_UPDATED.
 * The ignore outcomes roll back (nothing written). A redelivered message ends
 * at step 3, so the write is idempotent. Tier writes carry no business
 * interaction code in the original, so no AUDITED_INTERACTION row is written.
 *
 * Statements: at most 12 per call whatever the data (person, tier, reason,
 * open tier, end-date, insert tier, manager area with staff and team, user,
 * sequence, contact, offender; plus BEGIN/COMMIT).
 */
#ifndef DL_TIER_WRITE_H
#define DL_TIER_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

typedef struct mt_calc {
    const char *crn;
    const char *tier_score;       /* e.g. "D2" */
    const char *calculation_date; /* Europe/London "YYYY-MM-DDTHH:MM:SS[.ffffff]" (tu_to_london) */
} mt_calc;

typedef enum {
    MT_UPDATED = 0,
    MT_PERSON_NOT_FOUND,
    MT_UNCHANGED,
    MT_OUT_OF_ORDER,
    MT_FAILED,   /* missing reference data, manager, staff, team, service user: err says which */
    MT_DB_ERROR, /* database failure: db_errclass()/db_broken() say whether to retry */
} mt_outcome;

/* Applies calc. On MT_UPDATED *contact_id (may be NULL) is the new contact. */
mt_outcome mt_update_tier(db_conn *c, const mt_calc *calc, int64_t *contact_id, char *err, size_t errlen);

/* "dd/MM/yyyy HH:mm:ss" of a London timestamp "YYYY-MM-DDTHH:MM:SS..." (ETCH20
 * notes). out >= 20 bytes. */
void mt_format_notes_date(const char *ts, char *out, size_t n);

#endif
