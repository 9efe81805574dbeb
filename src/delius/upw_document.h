/*
 * upw_document.h - records a completed unpaid-work assessment in Delius: the
 * EASU contact, the PDF in the document store and its DOCUMENT row
 * (unpaid-work-and-delius.md §3.3, decision 10). No HTTP or JSON here: the
 * consumer (src/services/unpaid_work/consumers.c) downloads the PDF.
 *
 * Two steps, so that nothing is downloaded for a case that cannot take it:
 *   ua_check()  read-only: person (SOFT_DELETED = 0), the event (EVENT_ID,
 *               active, not deleted, of that person), and the duplicate check
 *               (a CONTACT or DOCUMENT with the external reference
 *               urn:hmpps:unpaid-work-assessment:<episodeId>). 3 statements.
 *   ua_store()  reserves the contact id (a short transaction of its own: the
 *               id goes into the store's upload form, and a gap in the sequence
 *               is harmless), stores the PDF through the document store, then in
 *               ONE transaction as DELIUSD_SERVICE_USER_UPW: re-checks the
 *               duplicate under the person's lock, inserts the CONTACT (EASU,
 *               staff/team of the first active offender manager, DOCUMENT_LINKED
 *               Y), the DOCUMENT and the AUDITED_INTERACTION (WPBI006, 'P', no
 *               parameters), commits. Any failure after the upload rolls back and
 *               deletes the stored file (no orphans) and writes the 'F' audit
 *               row; a duplicate found (or a unique-index violation) under the
 *               lock is UA_DUPLICATE. The upload happens outside the write
 *               transaction, so SQLite's write lock is never held across it.
 * Statements in ua_store: at most 13 (sequence, user, interaction, person,
 * duplicate, contact type, manager, contact, sequence, document, audit; plus
 * BEGIN/COMMIT twice).
 */
#ifndef DL_UPW_DOCUMENT_H
#define DL_UPW_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "store/docstore.h"

typedef enum {
    UA_OK = 0,
    UA_PERSON_NOT_FOUND, /* acknowledged (PersonNotFound) */
    UA_EVENT_NOT_FOUND,  /* redelivered until dead-lettered */
    UA_DUPLICATE,        /* acknowledged (DuplicateMessageReceived) */
    UA_FAILED,           /* missing EASU / manager / interaction / user, store error: err says why */
    UA_DB_ERROR,
} ua_outcome;

typedef struct ua_case {
    int64_t offender_id;
    int64_t event_id;
    char crn[32];
    char external_reference[160];
    char filename[200]; /* "<FIRST_NAME>-<SURNAME>-<crn>-UPW.pdf", only [A-Za-z0-9-. ] kept */
} ua_case;

/* Fills out for the checks above. */
ua_outcome ua_check(db_conn *c, const char *crn, int64_t event_id, const char *episode_id, ua_case *out, char *err,
                    size_t errlen);

/* Stores pdf (len bytes) and writes the rows. occurred_at: Europe/London
 * timestamp of the event. On UA_OK *contact_id and doc_id (the store's id) are set. */
ua_outcome ua_store(db_conn *c, docstore *store, const ua_case *k, const char *pdf, size_t len, const char *occurred_at,
                    int64_t *contact_id, char *doc_id, size_t doc_id_len, char *err, size_t errlen);

/* The file name rule on its own (removes characters outside [A-Za-z0-9-. ]). */
void ua_filename(const char *first, const char *surname, const char *crn, char *out, size_t n);

#endif
