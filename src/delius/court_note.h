/*
 * court_note.h - merges a published court case note into Delius as a C294
 * contact (court-case-and-delius.md §6.3 step 4). No HTTP or JSON here: the
 * consumer (src/services/court_case/consumers.c) fetches the note.
 *
 * One transaction as the service user DELIUSD_SERVICE_USER_COURT_CASE, audited
 * with business interaction CLBI007 (platform.md §7.5):
 *   - person: OFFENDER by CRN, SOFT_DELETED = 0 (locked on PostgreSQL);
 *   - existing CONTACT with EXTERNAL_REFERENCE = reference of this person,
 *     SOFT_DELETED = 0?
 *       none: insert the C294 contact (NOTES = note text, CONTACT_DATE / START_TIME
 *             = occurredAt, SENSITIVE = the type's SENSITIVE_CONTACT, probation
 *             area, team, staff and staff-employee of the first active offender
 *             manager, TRUST_PROVIDER_TEAM_ID = that team) -> CN_INSERTED;
 *       one:  when its LAST_UPDATED_DATETIME (to the second) is before occurredAt
 *             (to the second): update NOTES, CONTACT_DATE, CONTACT_START_TIME,
 *             LAST_UPDATED_* (now, service user), ROW_VERSION + 1 -> CN_UPDATED;
 *             otherwise nothing changes -> CN_OUT_OF_SEQUENCE;
 *   - AUDITED_INTERACTION CLBI007 'P' (params contactId, offenderId) with the write.
 * A not-found (person, contact type C294, active manager) rolls back, writes the 'F' audit row in its own transaction
 * when it can, and returns CN_NOT_FOUND with the message (the consumer
 * acknowledges it, as the original swallowed not-found errors). A missing service
 * user or business interaction is a configuration error (the original would not
 * start): CN_FAILED, and the message is redelivered, then dead-lettered.
 * Idempotent: a redelivered note finds its contact, last updated when it was
 * applied, so it is out of sequence and nothing (not even an audit row) is written.
 *
 * Statements: at most 10 per call (user, interaction, person, existing contact,
 * contact type, manager, sequence, insert or update, audit; plus BEGIN/COMMIT).
 */
#ifndef DL_COURT_NOTE_H
#define DL_COURT_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

typedef struct cn_note {
    const char *crn;
    const char *reference;   /* note reference -> CONTACT.EXTERNAL_REFERENCE */
    const char *notes;       /* note text -> CONTACT.NOTES */
    const char *occurred_at; /* Europe/London "YYYY-MM-DDTHH:MM:SS[.ffffff]" */
} cn_note;

typedef enum {
    CN_INSERTED = 0,
    CN_UPDATED,
    CN_OUT_OF_SEQUENCE,
    CN_NOT_FOUND, /* person, C294 or active manager missing: acknowledged */
    CN_FAILED,    /* configuration: the service user or CLBI007 missing: never swallowed */
    CN_DB_ERROR,
} cn_outcome;

cn_outcome cn_merge(db_conn *c, const cn_note *note, int64_t *contact_id, char *err, size_t errlen);

#endif
