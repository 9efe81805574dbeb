/*
 * registrations.c - GET /probation-case/{crn}/registrations?activeOnly=false
 * (Registrations, court-case-and-delius.md §2.6) and its /secure alias.
 *
 * Person by CRN (soft-deleted included) → 404 if unknown. Rows: the person's
 * REGISTRATION rows without soft-deleted ones (decision 8, both modes);
 * activeOnly=true also drops deregistered ones. Order: REGISTRATION_ID.
 * The latest deregistration (max DEREGISTRATION_DATE, then CREATED_DATETIME,
 * then id) and the deregistration count come from correlated sub-queries on
 * IX_DEREGISTRATION_REGISTRATION.
 *
 * Queries: 2 (person, registrations with everything joined), whatever the row count.
 */
#include "services/service.h"
#include "db/db.h"
#include "services/court_case/common.h"
#include "services/court_case/court_case.h"

static const char SQL_REGISTRATIONS[] =
    "SELECT R.REGISTRATION_ID, R.OFFENDER_ID,"                                  /* 0-1 */
    " FL.CODE_VALUE, FL.CODE_DESCRIPTION, T.CODE, T.DESCRIPTION, T.COLOUR,"     /* 2-6 */
    " R.REGISTRATION_DATE, R.NEXT_REVIEW_DATE, T.REGISTER_REVIEW_PERIOD,"       /* 7-9 */
    " R.REGISTRATION_NOTES, RT.CODE, RT.DESCRIPTION,"                           /* 10-12 */
    " RS.OFFICER_CODE, RS.FORENAME, RS.FORENAME2, RS.SURNAME,"                  /* 13-16 */
    " RA.CODE, RA.DESCRIPTION,"                                                 /* 17-18 */
    " L.CODE_VALUE, L.CODE_DESCRIPTION, C.CODE_VALUE, C.CODE_DESCRIPTION,"      /* 19-22 */
    " T.ALERT_MESSAGE, R.DEREGISTERED,"                                         /* 23-24 */
    " DR.DEREGISTRATION_DATE, DT.CODE, DT.DESCRIPTION,"                         /* 25-27 */
    " DS.OFFICER_CODE, DS.FORENAME, DS.FORENAME2, DS.SURNAME,"                  /* 28-31 */
    " DA.CODE, DA.DESCRIPTION, DR.DEREGISTERING_NOTES,"                         /* 32-34 */
    " (SELECT COUNT(*) FROM DEREGISTRATION X WHERE X.REGISTRATION_ID = R.REGISTRATION_ID)" /* 35 */
    " FROM REGISTRATION R"
    " JOIN R_REGISTER_TYPE T ON T.REGISTER_TYPE_ID = R.REGISTER_TYPE_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST FL ON FL.STANDARD_REFERENCE_LIST_ID = T.REGISTER_TYPE_FLAG_ID"
    " LEFT JOIN TEAM RT ON RT.TEAM_ID = R.REGISTERING_TEAM_ID"
    " LEFT JOIN STAFF RS ON RS.STAFF_ID = R.REGISTERING_STAFF_ID"
    " LEFT JOIN PROBATION_AREA RA ON RA.PROBATION_AREA_ID = RT.PROBATION_AREA_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST L ON L.STANDARD_REFERENCE_LIST_ID = R.REGISTER_LEVEL_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST C ON C.STANDARD_REFERENCE_LIST_ID = R.REGISTER_CATEGORY_ID"
    " LEFT JOIN DEREGISTRATION DR ON DR.DEREGISTRATION_ID = ("
    "   SELECT X.DEREGISTRATION_ID FROM DEREGISTRATION X WHERE X.REGISTRATION_ID = R.REGISTRATION_ID"
    "   ORDER BY X.DEREGISTRATION_DATE DESC, X.CREATED_DATETIME DESC, X.DEREGISTRATION_ID DESC LIMIT 1)"
    " LEFT JOIN TEAM DT ON DT.TEAM_ID = DR.DEREGISTERING_TEAM_ID"
    " LEFT JOIN STAFF DS ON DS.STAFF_ID = DR.DEREGISTERING_STAFF_ID"
    " LEFT JOIN PROBATION_AREA DA ON DA.PROBATION_AREA_ID = DT.PROBATION_AREA_ID"
    " WHERE R.OFFENDER_ID = ? AND R.SOFT_DELETED = 0 AND (? = 0 OR R.DEREGISTERED = 0)"
    " ORDER BY R.REGISTRATION_ID";

#define T(i) db_col_text(s, (i))

static void write_registration(jw *w, db_stmt *s) {
    bool deregistered = db_col_int(s, 24) != 0;
    jw_obj_begin(w);
    jw_kv_int(w, "registrationId", db_col_int(s, 0));
    jw_kv_int(w, "offenderId", db_col_int(s, 1));
    cc_kv(w, "register", T(2), T(3));
    cc_kv(w, "type", T(4), T(5));
    jw_kv_str(w, "riskColour", T(6));
    cc_kv_date(w, "startDate", T(7));
    cc_kv_date(w, "nextReviewDate", T(8));
    jw_kv_int_opt(w, "reviewPeriodMonths", !db_col_is_null(s, 9), db_col_int(s, 9));
    jw_kv_str(w, "notes", T(10));
    cc_kv(w, "registeringTeam", T(11), T(12));
    cc_staff_human(w, "registeringOfficer", T(13), T(14), T(15), T(16));
    cc_kv(w, "registeringProbationArea", T(17), T(18));
    cc_kv(w, "registerLevel", T(19), T(20));
    cc_kv(w, "registerCategory", T(21), T(22));
    const char *warn = T(23);
    jw_kv_bool(w, "warnUser", warn && warn[0] == 'Y');
    jw_kv_bool(w, "active", !deregistered);
    /* endDate is set from the latest deregistration even while active (§2.6) */
    cc_kv_date(w, "endDate", T(25));
    if (deregistered) {
        cc_kv(w, "deregisteringTeam", T(26), T(27));
        cc_staff_human(w, "deregisteringOfficer", T(28), T(29), T(30), T(31));
        cc_kv(w, "deregisteringProbationArea", T(32), T(33));
    }
    jw_kv_str(w, "deregisteringNotes", T(34));
    jw_kv_int(w, "numberOfPreviousDeregistrations", db_col_int(s, 35));
    jw_obj_end(w);
}

int cc_registrations(http_req *r) {
    bool active_only;
    if (!http_query_bool(r, "activeOnly", false, false, &active_only)) return 0;
    int64_t offender_id;
    if (!cc_find_person(r, &offender_id)) return 0;
    db_conn *c = http_db(r);
    db_stmt *s = db_query(c, SQL_REGISTRATIONS);
    if (!s || db_bind_int(s, 1, offender_id) || db_bind_int(s, 2, active_only ? 1 : 0)) {
        if (s) db_done(s);
        http_db_error(r);
        return 0;
    }
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "registrations");
    jw_arr_begin(&w);
    int rc;
    while ((rc = db_step(s)) == 1) write_registration(&w, s);
    db_done(s);
    jw_arr_end(&w);
    jw_obj_end(&w);
    cc_send_body(r, &b, rc);
    return 0;
}
