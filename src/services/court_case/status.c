/*
 * status.c - GET /probation-case/{crn}/status (ProbationStatusDetail,
 * court-case-and-delius.md §2.4) and its /secure/offenders/crn/{crn} alias.
 *
 * Never 404s: an unknown CRN, a soft-deleted person or a person without
 * non-deleted events is NO_RECORD. One aggregate statement per request
 * (PersonRepository.statusOf): offender (not deleted) inner join its
 * non-deleted events, left join their non-deleted disposals and their court
 * appearances' outcome codes. Row multiplication does not matter: only
 * "> 0" tests are made.
 */
#include "services/service.h"
#include "db/db.h"
#include "services/court_case/common.h"
#include "services/court_case/court_case.h"

static const char SQL_STATUS[] =
    "SELECT COUNT(*),"
    " SUM(CASE WHEN D.ACTIVE_FLAG = 1 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN D.ACTIVE_FLAG = 0 THEN 1 ELSE 0 END),"
    " MAX(D.TERMINATION_DATE),"
    " SUM(E.IN_BREACH),"
    " SUM(CASE WHEN E.ACTIVE_FLAG = 1 AND D.DISPOSAL_ID IS NULL THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN D.DISPOSAL_ID IS NULL AND OC.CODE_VALUE = '101' THEN 1 ELSE 0 END)"
    " FROM OFFENDER O"
    " JOIN EVENT E ON E.OFFENDER_ID = O.OFFENDER_ID AND E.SOFT_DELETED = 0"
    " LEFT JOIN DISPOSAL D ON D.EVENT_ID = E.EVENT_ID AND D.SOFT_DELETED = 0"
    " LEFT JOIN COURT_APPEARANCE CA ON CA.EVENT_ID = E.EVENT_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST OC ON OC.STANDARD_REFERENCE_LIST_ID = CA.OUTCOME_ID"
    " WHERE O.CRN = ? AND O.SOFT_DELETED = 0";

/* Queries: 1. */
int cc_status(http_req *r) {
    const char *crn = http_path(r, "crn");
    db_conn *c = http_db(r);
    if (!c) return 0;
    db_stmt *s = db_query(c, SQL_STATUS);
    if (!s || db_bind_text(s, 1, crn) != 0) {
        if (s) db_done(s);
        http_db_error(r);
        return 0;
    }
    int rc = db_step(s);
    if (rc < 0) {
        db_done(s);
        http_db_error(r);
        return 0;
    }
    jw *w = http_json(r);
    jw_obj_begin(w);
    if (rc == 0 || db_col_int(s, 0) == 0) {
        jw_kv_str(w, "status", "NO_RECORD");
        jw_kv_bool(w, "inBreach", false);
        jw_kv_bool(w, "preSentenceActivity", false);
        jw_kv_bool(w, "awaitingPsr", false);
    } else {
        const char *status = db_col_int(s, 1) > 0   ? "CURRENT"
                             : db_col_int(s, 2) > 0 ? "PREVIOUSLY_KNOWN"
                                                    : "NOT_SENTENCED";
        jw_kv_str(w, "status", status);
        cc_kv_date(w, "terminationDate", db_col_text(s, 3));
        jw_kv_bool(w, "inBreach", db_col_int(s, 4) > 0);
        jw_kv_bool(w, "preSentenceActivity", db_col_int(s, 5) > 0);
        jw_kv_bool(w, "awaitingPsr", db_col_int(s, 6) > 0);
    }
    jw_obj_end(w);
    db_done(s);
    http_send_json(r, 200);
    return 0;
}
