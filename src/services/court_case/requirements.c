/*
 * requirements.c - conditions attached to a conviction (court-case-and-delius.md
 * §2.12, §2.13, §2.16), each also at /secure/offenders/crn/{crn}/… (§3):
 *
 *   GET …/convictions/{convictionId}/requirements?activeOnly=true&excludeSoftDeleted=true
 *   GET …/convictions/{convictionId}/pssRequirements
 *   GET …/convictions/{convictionId}/licenceConditions
 *
 * The event is found by §1.4 row 3 (no soft-delete filter: 404 "Conviction with
 * convictionId … not found"). Each response: 3 statements (person, event, one
 * list with its reference data joined in), whatever the number of rows.
 */
#include <stdbool.h>
#include <stdint.h>

#include "services/court_case/conviction_common.h"
#include "services/court_case/court_case.h"

/* Decision 6: exact-match filters ACTIVE_FLAG = activeOnly, SOFT_DELETED = NOT
 * excludeSoftDeleted; disposal soft deletion not checked. Params: event, active, deleted. */
static const char SQL_REQUIREMENTS[] =
    "SELECT " CV_REQ_COLS
    " FROM RQMNT R JOIN DISPOSAL D ON D.DISPOSAL_ID = R.DISPOSAL_ID" CV_REQ_JOINS
    " WHERE D.EVENT_ID = ? AND R.ACTIVE_FLAG = ? AND R.SOFT_DELETED = ?"
    " ORDER BY R.RQMNT_ID";

/* Live PSS requirements (active and inactive) of the event's custody. Params: event. */
static const char SQL_PSS[] =
    "SELECT M.CODE, M.DESCRIPTION, S.CODE, S.DESCRIPTION, P.ACTIVE_FLAG"
    " FROM PSS_RQMNT P JOIN CUSTODY CU ON CU.CUSTODY_ID = P.CUSTODY_ID"
    " JOIN DISPOSAL D ON D.DISPOSAL_ID = CU.DISPOSAL_ID"
    " LEFT JOIN R_PSS_RQMNT_TYPE_MAIN_CATEGORY M ON M.PSS_RQMNT_TYPE_MAIN_CATEGORY_ID = P.PSS_RQMNT_TYPE_MAIN_CAT_ID"
    " LEFT JOIN R_PSS_RQMNT_TYPE_SUB_CATEGORY S ON S.PSS_RQMNT_TYPE_SUB_CATEGORY_ID = P.PSS_RQMNT_TYPE_SUB_CAT_ID"
    " WHERE D.EVENT_ID = ? AND P.SOFT_DELETED = 0"
    " ORDER BY P.PSS_RQMNT_ID";

/* Live licence conditions (active and inactive) of the event's disposal. Params: event. */
static const char SQL_LICENCE_CONDITIONS[] =
    "SELECT L.LIC_CONDITION_NOTES, L.START_DATE, L.COMMENCEMENT_DATE, L.COMMENCEMENT_NOTES, L.TERMINATION_DATE,"
    " L.TERMINATION_NOTES, L.CREATED_DATETIME, L.ACTIVE_FLAG, M.CODE, M.DESCRIPTION, S.CODE_VALUE, S.CODE_DESCRIPTION"
    " FROM LIC_CONDITION L JOIN DISPOSAL D ON D.DISPOSAL_ID = L.DISPOSAL_ID"
    " LEFT JOIN R_LIC_COND_TYPE_MAIN_CAT M ON M.LIC_COND_TYPE_MAIN_CAT_ID = L.LIC_COND_TYPE_MAIN_CAT_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST S ON S.STANDARD_REFERENCE_LIST_ID = L.LIC_COND_TYPE_SUB_CAT_ID"
    " WHERE D.EVENT_ID = ? AND L.SOFT_DELETED = 0"
    " ORDER BY L.LIC_CONDITION_ID";

/* Writes row k of a list as one JSON item. */
typedef void item_fn(jw *w, const cv_rows *rs, size_t k);

/* The shape shared by the three handlers (3 statements): the person, the event
 * (§1.4 row 3), then sql bound with the event id and up to two integer flags,
 * answered as {"<key>": [item, ...]}. The path variable convictionId has been
 * read by the caller. */
static int send_list(http_req *r, int64_t conviction_id, const char *sql, int nflags, int64_t f1, int64_t f2,
                     const char *key, item_fn *item) {
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, NULL);
    if (!c || !cv_event(r, c, offender_id, conviction_id, EVENT_ANY)) return 0;
    buf b = BUF_INIT;
    cv_rows rs;
    db_stmt *s = db_query(c, sql);
    if (!s) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    if (db_bind_int(s, 1, conviction_id) != 0 || (nflags > 0 && db_bind_int(s, 2, f1) != 0) ||
        (nflags > 1 && db_bind_int(s, 3, f2) != 0)) {
        db_done(s);
        cc_send_body(r, &b, -1);
        return 0;
    }
    if (cv_rows_load(s, http_arena(r), &rs) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, key);
    jw_arr_begin(&w);
    for (size_t k = 0; k < rs.n; k++) item(&w, &rs, k);
    jw_arr_end(&w);
    jw_obj_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
}

static void requirement_item(jw *w, const cv_rows *rs, size_t k) {
    cv_requirement(w, NULL, rs->v + k * (size_t)rs->ncols);
}

static void pss_item(jw *w, const cv_rows *rs, size_t k) {
    jw_obj_begin(w);
    cc_kv(w, "type", cv_get(rs, k, 0), cv_get(rs, k, 1));
    cc_kv(w, "subType", cv_get(rs, k, 2), cv_get(rs, k, 3));
    jw_kv_bool(w, "active", cv_yes(cv_get(rs, k, 4)));
    jw_obj_end(w);
}

static void licence_condition_item(jw *w, const cv_rows *rs, size_t k) {
    jw_obj_begin(w);
    jw_kv_str(w, "licenceConditionNotes", cv_get(rs, k, 0));
    cc_kv_date(w, "startDate", cv_get(rs, k, 1));
    cc_kv_date(w, "commencementDate", cv_get(rs, k, 2));
    jw_kv_str(w, "commencementNotes", cv_get(rs, k, 3));
    cc_kv_date(w, "terminationDate", cv_get(rs, k, 4));
    jw_kv_str(w, "terminationNotes", cv_get(rs, k, 5));
    cc_kv_datetime(w, "createdDateTime", cv_get(rs, k, 6));
    jw_kv_bool(w, "active", cv_yes(cv_get(rs, k, 7)));
    cc_kv(w, "licenceConditionTypeMainCat", cv_get(rs, k, 8), cv_get(rs, k, 9));
    cc_kv(w, "licenceConditionTypeSubCat", cv_get(rs, k, 10), cv_get(rs, k, 11));
    jw_obj_end(w);
}

/* GET …/requirements - 3 statements: person, event, requirements. */
int cc_requirements(http_req *r) {
    int64_t conviction_id;
    bool active_only, exclude_deleted;
    if (!http_path_int(r, "convictionId", &conviction_id) ||
        !http_query_bool(r, "activeOnly", false, true, &active_only) ||
        !http_query_bool(r, "excludeSoftDeleted", false, true, &exclude_deleted))
        return 0;
    return send_list(r, conviction_id, SQL_REQUIREMENTS, 2, active_only ? 1 : 0, exclude_deleted ? 0 : 1,
                     "requirements", requirement_item);
}

/* GET …/pssRequirements - 3 statements: person, event, PSS requirements. */
int cc_pss_requirements(http_req *r) {
    int64_t conviction_id;
    if (!http_path_int(r, "convictionId", &conviction_id)) return 0;
    return send_list(r, conviction_id, SQL_PSS, 0, 0, 0, "pssRequirements", pss_item);
}

/* GET …/licenceConditions - 3 statements: person, event, licence conditions. */
int cc_licence_conditions(http_req *r) {
    int64_t conviction_id;
    if (!http_path_int(r, "convictionId", &conviction_id)) return 0;
    return send_list(r, conviction_id, SQL_LICENCE_CONDITIONS, 0, 0, 0, "licenceConditions", licence_condition_item);
}
