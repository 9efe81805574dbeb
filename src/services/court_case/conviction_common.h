/*
 * conviction_common.h - helpers shared by the court-case conviction handlers
 * (issue 11: convictions.c, requirements.c, nsis.c, court_reports.c).
 * Owner: the cc2 helper. KeyValue, Human, StaffHuman and date writers come from
 * common.h (cc1); the sub-objects here (probation area, institution,
 * requirement) write from row sets rather than from a live statement, so they
 * can be assembled after all queries ran; teams (builder #2) are written with
 * common.h's cc_team_cols over CC_TEAM_COLS columns.
 *
 * Assembly without N+1 (GUIDE: fixed number of queries per response): a handler
 * runs one query per kind of child row for *all* parents at once, ordered by the
 * parent key, loads it into a row set (cv_rows_load: every column copied into
 * the request arena as text, NULL kept as NULL), then writes the body walking
 * parents and, per parent, the run of child rows with that key (cv_rows_find).
 *
 * Errors: every helper returning int gives 0 on success, -1 on a database error
 * (the statement has been released; the caller answers http_db_error()).
 */
#ifndef DL_COURT_CASE_CONVICTION_COMMON_H
#define DL_COURT_CASE_CONVICTION_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/http.h"
#include "core/json.h"
#include "db/db.h"
#include "delius/event.h"
#include "services/court_case/common.h"
#include "services/service.h"

/* --- row sets ------------------------------------------------------------- */

typedef struct cv_rows {
    int ncols;
    size_t n, cap;
    const char **v; /* n * ncols arena strings, NULL = SQL NULL */
} cv_rows;

/* Steps s to the end, copying every row; always releases s (db_done). */
int cv_rows_load(db_stmt *s, arena *a, cv_rows *out);
/* Column text of a row (NULL = SQL NULL). */
static inline const char *cv_get(const cv_rows *rs, size_t row, int col) { return rs->v[row * (size_t)rs->ncols + (size_t)col]; }
/* Integer value of a column (0 when NULL). */
int64_t cv_int(const cv_rows *rs, size_t row, int col);
/* First row whose integer column `col` equals key; rows must be ordered by that
 * column ascending. Returns rs->n when there is none. Iterate with cv_same(). */
size_t cv_rows_find(const cv_rows *rs, int col, int64_t key);
static inline bool cv_same(const cv_rows *rs, size_t row, int col, int64_t key) {
    return row < rs->n && cv_int(rs, row, col) == key;
}

/* --- the event filter of the conviction queries --------------------------- */

/* Every conviction child query filters its events over alias E with one of two
 * clauses, bound by cv_bind_events(): the person's live events (active ones
 * only when active_only) - CV_EVENT_FILTER, 2 parameters, through the
 * (OFFENDER_ID, SOFT_DELETED, ACTIVE_FLAG, EVENT_ID) index - or one of them -
 * CV_EVENT_ONE, 3 parameters, the event by primary key. Each query is written
 * once as a macro of the clause (convictions.c); the single-event form lets the
 * planner read the children in ORDER BY order from their EVENT_ID index, where
 * a range over the person's events needs a temporary b-tree per statement
 * (issue 15: 7 of them per /convictions/{id} request). */
#define CV_EVENT_FILTER " E.OFFENDER_ID = ? AND E.SOFT_DELETED = 0 AND E.ACTIVE_FLAG >= ?"
#define CV_EVENT_ONE " E.EVENT_ID = ? AND E.OFFENDER_ID = ? AND E.SOFT_DELETED = 0 AND E.ACTIVE_FLAG >= ?"
/* Parameters of the clause for event_id (> 0: CV_EVENT_ONE). */
static inline int cv_event_nparams(int64_t event_id) { return event_id > 0 ? 3 : 2; }
/* Binds the clause's parameters from first_idx: CV_EVENT_ONE when event_id > 0. */
int cv_bind_events(db_stmt *s, int first_idx, int64_t offender_id, bool active_only, int64_t event_id);

/* --- request prologue ----------------------------------------------------- */

/* Path variable convictionId when conviction_id is not NULL (400 when not an
 * integer), then the person by CRN (cc_find_person, common.h: §1.4 row 1, soft-
 * deleted included). Returns the worker's connection, or NULL when the request
 * has been answered. */
db_conn *cv_person(http_req *r, int64_t *offender_id, int64_t *conviction_id);
/* §1.4 rows 2 (EVENT_LIVE, "Conviction with ID {id} for Offender with crn {crn}
 * not found") and 3 (EVENT_ANY, "Conviction with convictionId {id} not found").
 * Returns true when the event exists; otherwise the request has been answered. */
bool cv_event(http_req *r, db_conn *c, int64_t offender_id, int64_t conviction_id, event_rule rule);

/* --- values (KeyValue, dates, StaffHuman, Human: common.h) ---------------- */

bool cv_yes(const char *v);                               /* "Y", "1", "t", "true" */
void cv_kv_int(jw *w, const char *key, const char *v);    /* omitted when NULL */
void cv_kv_double(jw *w, const char *key, const char *v); /* omitted when NULL */

/* --- §1.6 objects from row-set columns ------------------------------------ */

/* Institution (§1.6), 9 columns of R_INSTITUTION I with establishment type ET. */
#define CV_INST_NCOLS 9
#define CV_INST_COLS(I, ET)                                                                                  \
    I ".INSTITUTION_ID, " I ".ESTABLISHMENT, " I ".CODE, " I ".DESCRIPTION, " I ".INSTITUTION_NAME, " ET     \
    ".CODE_VALUE, " ET ".CODE_DESCRIPTION, " I ".PRIVATE, " I ".NOMIS_CDE_CODE"
#define CV_INST_JOIN_ET(I, ET) \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST " ET " ON " ET ".STANDARD_REFERENCE_LIST_ID = " I ".ESTABLISHMENT_TYPE_ID"
/* Omitted when the institution id is NULL. */
void cv_institution(jw *w, const char *key, const char *const *col);

/* ProbationArea (§2.3 builder, no teams, no nps), 14 columns: area P, organisation O,
 * institution I with establishment type ET. */
#define CV_PA_NCOLS (5 + CV_INST_NCOLS)
#define CV_PA_COLS(P, O, I, ET) \
    P ".PROBATION_AREA_ID, " P ".CODE, " P ".DESCRIPTION, " O ".CODE, " O ".DESCRIPTION, " CV_INST_COLS(I, ET)
#define CV_PA_JOINS(P, O, I, ET)                                                                           \
    " LEFT JOIN ORGANISATION " O " ON " O ".ORGANISATION_ID = " P ".ORGANISATION_ID"                       \
    " LEFT JOIN R_INSTITUTION " I " ON " I ".INSTITUTION_ID = " P ".INSTITUTION_ID AND " I ".ESTABLISHMENT = " \
    P ".ESTABLISHMENT" CV_INST_JOIN_ET(I, ET)
/* Omitted when the area code is NULL. */
void cv_probation_area(jw *w, const char *key, const char *const *col);

/* Requirement (§2.12), 24 columns of RQMNT R with its reference rows (CV_REQ_JOINS). */
#define CV_REQ_NCOLS 24
#define CV_REQ_COLS                                                                                          \
    "R.RQMNT_ID, R.RQMNT_NOTES, R.COMMENCEMENT_DATE, R.START_DATE, R.TERMINATION_DATE, R.EXPECTED_START_DATE," \
    " R.EXPECTED_END_DATE, R.CREATED_DATETIME, R.ACTIVE_FLAG, RSUB.CODE_VALUE, RSUB.CODE_DESCRIPTION,"        \
    " RMC.CODE, RMC.DESCRIPTION, RAMC.CODE, RAMC.DESCRIPTION, RASUB.CODE_VALUE, RASUB.CODE_DESCRIPTION,"      \
    " RTR.CODE_VALUE, RTR.CODE_DESCRIPTION, R.LENGTH, RUN.CODE_DESCRIPTION, RMC.RESTRICTIVE, R.SOFT_DELETED,"  \
    " R.RAR_COUNT"
#define CV_REQ_JOINS                                                                                                 \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST RSUB ON RSUB.STANDARD_REFERENCE_LIST_ID = R.RQMNT_TYPE_SUB_CATEGORY_ID"     \
    " LEFT JOIN R_RQMNT_TYPE_MAIN_CATEGORY RMC ON RMC.RQMNT_TYPE_MAIN_CATEGORY_ID = R.RQMNT_TYPE_MAIN_CATEGORY_ID"    \
    " LEFT JOIN R_AD_RQMNT_TYPE_MAIN_CATEGORY RAMC"                                                                  \
    " ON RAMC.AD_RQMNT_TYPE_MAIN_CATEGORY_ID = R.AD_RQMNT_TYPE_MAIN_CATEGORY_ID"                                     \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST RASUB ON RASUB.STANDARD_REFERENCE_LIST_ID = R.AD_RQMNT_TYPE_SUB_CATEGORY_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST RTR ON RTR.STANDARD_REFERENCE_LIST_ID = R.RQMNT_TERMINATION_REASON_ID"      \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST RUN ON RUN.STANDARD_REFERENCE_LIST_ID = RMC.UNITS_ID"
/* Omitted when the requirement id is NULL (key NULL: as an array element). */
void cv_requirement(jw *w, const char *key, const char *const *col);

#endif
