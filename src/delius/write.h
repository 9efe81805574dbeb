/*
 * write.h - the write path shared by the message consumers (issue 9 item 4):
 * service users, sequences, audited interactions, write timestamps, telemetry.
 *
 * A consumer's writes form one transaction (platform.md §7.3):
 *
 *     db_begin_write(db)                      BEGIN IMMEDIATE (SQLite) / BEGIN (PostgreSQL)
 *     SELECT ... FROM OFFENDER ... FOR UPDATE  (PostgreSQL only: dw_lock_rows())
 *     dw_next_id(db, "CONTACT_ID_SEQ", &id)   ids from DELIUSD_SEQUENCE
 *     INSERT ... (CREATED_BY_USER_ID = the service user, dw_service_user)
 *     dw_audit(db, ...)                       AUDITED_INTERACTION, outcome P
 *     db_commit(db)
 *
 * On SQLite the whole transaction holds the database write lock from BEGIN, so
 * reads inside it cannot go stale; on PostgreSQL (READ COMMITTED) the first
 * statement locks the person's OFFENDER row, which serialises the handlers of
 * one person across threads and processes, and the sequence row is locked by
 * its UPDATE until commit. Either way a conflict shows as DB_ERR_BUSY
 * (db_errclass) and the message is retried.
 *
 * Timestamps written by consumers are Europe/London wall-clock text with
 * microseconds (dw_now), strictly increasing within the process, so the
 * AUDITED_INTERACTION key (DATE_TIME, BUSINESS_INTERACTION_ID, USER_ID) never
 * repeats within one process.
 *
 * No HTTP or JSON here. Thread-safe: no state except dw_now's clock.
 */
#ifndef DL_WRITE_H
#define DL_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define DW_TS_LEN 40         /* buffer size for a dw_now() timestamp */
#define DW_PARAMS_MAX 500    /* INTERACTION_PARAMETERS limit (platform.md §7.5) */

typedef enum { DW_TIER = 0, DW_UPW = 1, DW_COURT_CASE = 2 } dw_service;

/* The service's Delius user name: DELIUSD_SERVICE_USER_TIER / _UPW / _COURT_CASE
 * (cfg), defaults TierToDelius, UnpaidWorkAndDelius, CourtCaseAndDelius. */
const char *dw_service_user_name(dw_service s);

/* USER_.USER_ID of the user whose DISTINGUISHED_NAME equals name exactly
 * (platform.md §7.5). 1 = found (*id set), 0 = no such user, -1 = database error. */
int dw_user_id(db_conn *c, const char *name, int64_t *id);
/* dw_user_id(c, dw_service_user_name(s), id). */
int dw_service_user(db_conn *c, dw_service s, int64_t *id);
/* Start-up check: every service user exists. Returns 0, or -1 with a message
 * naming the missing user (or the database error) in err. */
int dw_check_service_users(db_conn *c, char *err, size_t errlen);

/* Reserves the next value of a sequence (DELIUSD_SEQUENCE row NAME = seq, e.g.
 * "CONTACT_ID_SEQ") in the caller's transaction: one
 * UPDATE ... RETURNING statement, which takes the row's write lock until commit.
 * Returns 0 (*id set) or -1 (unknown sequence or database error). */
int dw_next_id(db_conn *c, const char *seq, int64_t *id);

/* True on PostgreSQL, where a consumer's first read must lock the rows it will
 * change (`... FOR UPDATE`); false on SQLite, where BEGIN IMMEDIATE already holds
 * the write lock (and FOR UPDATE is not SQL it knows). Callers pick one of two
 * constant SQL texts. */
bool dw_lock_rows(const db_conn *c);

/* Now as "YYYY-MM-DDTHH:MM:SS.ffffff" (Europe/London; DELIUSD_TODAY pins the
 * date), strictly later than any earlier call in this process. */
void dw_now(char out[DW_TS_LEN]);

/* R_CONTACT_TYPE by CODE (UX_R_CONTACT_TYPE_CODE): 1 found (*id; *sensitive =
 * SENSITIVE_CONTACT 'Y'/'N', 'N' when null; sensitive may be NULL), 0 missing, -1 error. */
int dw_contact_type(db_conn *c, const char *code, int64_t *id, char *sensitive);

/* INTERACTION_PARAMETERS builder: key='value' pairs joined with ',', cut at
 * DW_PARAMS_MAX bytes (never inside a UTF-8 character). */
typedef struct dw_params {
    char text[DW_PARAMS_MAX + 1];
    size_t len;
} dw_params;
void dw_params_init(dw_params *p);
void dw_params_add(dw_params *p, const char *key, const char *value);
void dw_params_add_int(dw_params *p, const char *key, int64_t value);

/* BUSINESS_INTERACTION_ID of the enabled interaction with this code
 * (ENABLED_DATE null or <= now). 1 = found, 0 = missing or not enabled, -1 = error. */
int dw_business_interaction(db_conn *c, const char *code, const char *now, int64_t *id);

/* Inserts one AUDITED_INTERACTION row in the caller's transaction: outcome 'P'
 * or 'F', params may be NULL (written as ''). date_time = when the audited block
 * started (dw_now). 0 or -1. */
int dw_audit(db_conn *c, int64_t business_interaction_id, int64_t user_id, const char *date_time, char outcome,
             const char *params);

/* After a failed (rolled back) audited block: writes the 'F' row for code in a
 * transaction of its own, as the original's asynchronous audit did. Best effort:
 * returns 0 or -1, never throws the caller's outcome away. */
int dw_audit_failure(db_conn *c, const char *code, int64_t user_id, const char *date_time, const char *params);

/* A telemetry event (platform.md §9.3): one JSON log line plus the counter
 * deliusd_events_total{event=name}. Properties: alternating key/value strings,
 * NULL-terminated; NULL values are dropped. Callers leave personal data out
 * (CRNs are not logged, see docs/decisions.md). */
void dw_telemetry(const char *name, ...) __attribute__((sentinel));

#endif
