/*
 * common.h - JSON sub-objects shared by the court-case-and-delius handlers
 * (court-case-and-delius.md §1.2, §1.6). Owned by the cc1 helper (issue 10);
 * issue 11 handlers reuse it. Additive edits only.
 *
 * Every writer leaves its key out when the object would be empty (the
 * "null fields are omitted" rule), so a caller can pass columns straight from
 * a LEFT JOIN. Strings come from db_col_text() and are copied by the writer.
 *
 * Team builder #2 (§1.6, `Team.toTeam()`): select CC_TEAM_COLS(...) with
 * CC_TEAM_JOINS(...) and write it with cc_team(): {code (trimmed), description,
 * telephone?, emailAddress?, localDeliveryUnit = DISTRICT KV (community-api
 * quirk), district, borough, teamType = LOCAL_DELIVERY_UNIT KV?, startDate?,
 * endDate?}.
 */
#ifndef DL_COURT_CASE_COMMON_H
#define DL_COURT_CASE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/json.h"
#include "db/db.h"

/* KeyValue {code?, description}; omitted when both are NULL. */
void cc_kv(jw *w, const char *key, const char *code, const char *description);
/* Human {forenames, surname}: forenames = forename [+ " " + forename2]. Omitted when
 * surname and forename are both NULL. */
void cc_human(jw *w, const char *key, const char *forename, const char *forename2, const char *surname);
/* StaffHuman {code, forenames, surname, unallocated (code ends with U)}; omitted when
 * code is NULL (no staff row). */
void cc_staff_human(jw *w, const char *key, const char *code, const char *forename, const char *forename2,
                    const char *surname);
/* "forename forename2" (NULL parts skipped) in the arena. */
const char *cc_forenames(arena *a, const char *forename, const char *forename2);
/* True when a staff code ends with 'U' (unallocated placeholder). */
bool cc_unallocated(const char *code);

/* Local date-time as the originals write it (§1.2): "YYYY-MM-DDTHH:MM:SS", a
 * fraction only when non-zero with trailing zeros removed; a space separator is
 * turned into 'T'; a bare date gets "T00:00:00". out >= 40 bytes. Returns out,
 * or NULL when in is NULL. */
const char *cc_datetime(char *out, size_t n, const char *in);
/* jw_kv_str of cc_datetime(value); omitted when NULL. */
void cc_kv_datetime(jw *w, const char *key, const char *value);
/* The date part ("YYYY-MM-DD") of a date or date-time; omitted when NULL. */
void cc_kv_date(jw *w, const char *key, const char *value);

/* Team builder #2 columns for team alias T, district D, borough B, LDU L (12 columns). */
#define CC_TEAM_NCOLS 12
#define CC_TEAM_COLS(T, D, B, L)                                                                         \
    T ".CODE, " T ".DESCRIPTION, " T ".TELEPHONE, " T ".EMAIL_ADDRESS, " T ".START_DATE, " T ".END_DATE, " \
    D ".CODE, " D ".DESCRIPTION, " B ".CODE, " B ".DESCRIPTION, " L ".CODE, " L ".DESCRIPTION"
#define CC_TEAM_JOINS(T, D, B, L)                                                              \
    " LEFT JOIN DISTRICT " D " ON " D ".DISTRICT_ID = " T ".DISTRICT_ID"                      \
    " LEFT JOIN BOROUGH " B " ON " B ".BOROUGH_ID = " D ".BOROUGH_ID"                          \
    " LEFT JOIN LOCAL_DELIVERY_UNIT " L " ON " L ".LOCAL_DELIVERY_UNIT_ID = " T ".LOCAL_DELIVERY_UNIT_ID"
/* Writes the team object under key from CC_TEAM_NCOLS columns starting at col;
 * omitted when the team code is NULL (no team). */
void cc_team(jw *w, const char *key, db_stmt *s, int col);
/* The same from CC_TEAM_NCOLS column strings (a row set, services/court_case/
 * conviction_common.h); key NULL writes it as an array element. */
void cc_team_cols(jw *w, const char *key, const char *const *col);

/* The court-case person look-up (§1.4): OFFENDER by the exact CRN of the path
 * variable {crn}, soft-deleted rows included. Returns true with *offender_id set;
 * otherwise it has answered (404 "Person with crn of {crn} not found", or 503/500
 * on a database error) and the handler must return. One statement. */
struct http_req;
bool cc_find_person(struct http_req *r, int64_t *offender_id);

/* Hands a finished body (built in a local buffer so that a database error never
 * leaves half a body) to the response: 200, or when rc < 0 the database error
 * answer. Disposes of b either way. */
struct buf;
void cc_send_body(struct http_req *r, struct buf *b, int rc);

#endif
