/*
 * court_reports.c - court reports, court appearances and attendances of a
 * conviction (court-case-and-delius.md §2.17, §2.18, §2.19), each also at
 * /secure/offenders/crn/{crn}/… (§3):
 *
 *   GET …/convictions/{convictionId}/courtReports        [CourtReportMinimal]
 *   GET …/convictions/{convictionId}/courtAppearances    CourtAppearanceBasicWrapper
 *   GET …/convictions/{convictionId}/attendancesFilter   Attendances
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/timeutil.h"
#include "services/court_case/conviction_common.h"
#include "services/court_case/court_case.h"

/* Live court reports of the person whose appearance belongs to the event. Params: person, event. */
static const char SQL_REPORTS[] =
    "SELECT CR.COURT_REPORT_ID, CR.OFFENDER_ID, CR.DATE_REQUESTED, CR.DATE_REQUIRED, CR.ALLOCATION_DATE,"
    " CR.COMPLETED_DATE, CR.SENT_TO_COURT_DATE, CR.RECEIVED_BY_COURT_DATE, T.CODE, T.DESCRIPTION, DT.CODE,"
    " DT.DESCRIPTION"
    " FROM COURT_REPORT CR JOIN COURT_APPEARANCE CA ON CA.COURT_APPEARANCE_ID = CR.COURT_APPEARANCE_ID"
    " LEFT JOIN R_COURT_REPORT_TYPE T ON T.COURT_REPORT_TYPE_ID = CR.COURT_REPORT_TYPE_ID"
    " LEFT JOIN R_COURT_REPORT_TYPE DT ON DT.COURT_REPORT_TYPE_ID = CR.DELIVERED_COURT_REPORT_TYPE_ID"
    " WHERE CR.OFFENDER_ID = ? AND CA.EVENT_ID = ? AND CR.SOFT_DELETED = 0"
    " ORDER BY CR.COURT_REPORT_ID";

/* Their live report managers that have a staff (§2.17). Params: person, event. */
static const char SQL_REPORT_MANAGERS[] =
    "SELECT RM.COURT_REPORT_ID, S.OFFICER_CODE, S.FORENAME, S.FORENAME2, S.SURNAME, RM.ACTIVE_FLAG"
    " FROM REPORT_MANAGER RM JOIN COURT_REPORT CR ON CR.COURT_REPORT_ID = RM.COURT_REPORT_ID"
    " JOIN COURT_APPEARANCE CA ON CA.COURT_APPEARANCE_ID = CR.COURT_APPEARANCE_ID"
    " JOIN STAFF S ON S.STAFF_ID = RM.STAFF_ID"
    " WHERE CR.OFFENDER_ID = ? AND CA.EVENT_ID = ? AND CR.SOFT_DELETED = 0 AND RM.SOFT_DELETED = 0"
    " ORDER BY RM.COURT_REPORT_ID, RM.REPORT_MANAGER_ID";

/* Live appearances, latest first (§2.18; ties: lowest id). Params: person, event. */
static const char SQL_APPEARANCES[] =
    "SELECT CA.COURT_APPEARANCE_ID, CA.APPEARANCE_DATE, C.CODE, C.COURT_NAME, APT.CODE_VALUE, APT.CODE_DESCRIPTION,"
    " O.CRN"
    " FROM COURT_APPEARANCE CA JOIN COURT C ON C.COURT_ID = CA.COURT_ID"
    " JOIN OFFENDER O ON O.OFFENDER_ID = CA.OFFENDER_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST APT ON APT.STANDARD_REFERENCE_LIST_ID = CA.APPEARANCE_TYPE_ID"
    " WHERE CA.OFFENDER_ID = ? AND CA.EVENT_ID = ? AND CA.SOFT_DELETED = 0"
    " ORDER BY CA.APPEARANCE_DATE DESC, CA.COURT_APPEARANCE_ID";

/* §2.19: live enforcement or outcome contacts up to today whose type is an
 * attendance and national-standards contact. Params: person, event, today. */
static const char SQL_ATTENDANCES[] =
    "SELECT C.ATTENDED, C.COMPLIED, C.CONTACT_DATE, C.CONTACT_ID, OT.DESCRIPTION, T.CODE, T.DESCRIPTION"
    " FROM CONTACT C JOIN R_CONTACT_TYPE T ON T.CONTACT_TYPE_ID = C.CONTACT_TYPE_ID"
    " LEFT JOIN R_CONTACT_OUTCOME_TYPE OT ON OT.CONTACT_OUTCOME_TYPE_ID = C.CONTACT_OUTCOME_TYPE_ID"
    " WHERE C.OFFENDER_ID = ? AND C.EVENT_ID = ? AND C.CONTACT_DATE <= ? AND C.SOFT_DELETED = 0"
    " AND (C.ENFORCEMENT = 1 OR C.CONTACT_OUTCOME_TYPE_ID IS NOT NULL)"
    " AND T.ATTENDANCE_CONTACT = 'Y' AND T.NATIONAL_STANDARDS_CONTACT = 'Y'"
    " ORDER BY C.CONTACT_DATE, C.CONTACT_ID";

/* Binds (person, event[, today]) and loads. */
static int load(http_req *r, db_conn *c, const char *sql, int64_t offender_id, int64_t event_id, const char *today,
                cv_rows *out) {
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    if (db_bind_int(s, 1, offender_id) != 0 || db_bind_int(s, 2, event_id) != 0 ||
        (today && db_bind_text(s, 3, today) != 0)) {
        db_done(s);
        return -1;
    }
    return cv_rows_load(s, http_arena(r), out);
}

/* GET …/courtReports - 4 statements: person, event, reports, report managers. */
int cc_court_reports(http_req *r) {
    int64_t conviction_id;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, &conviction_id);
    if (!c || !cv_event(r, c, offender_id, conviction_id, EVENT_LIVE)) return 0;
    cv_rows reports, managers;
    buf b = BUF_INIT;
    if (load(r, c, SQL_REPORTS, offender_id, conviction_id, NULL, &reports) != 0 ||
        load(r, c, SQL_REPORT_MANAGERS, offender_id, conviction_id, NULL, &managers) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    jw_arr_begin(&w);
    for (size_t k = 0; k < reports.n; k++) {
        int64_t id = cv_int(&reports, k, 0);
        jw_obj_begin(&w);
        jw_kv_int(&w, "courtReportId", id);
        cv_kv_int(&w, "offenderId", cv_get(&reports, k, 1));
        cc_kv_datetime(&w, "requestedDate", cv_get(&reports, k, 2));
        cc_kv_datetime(&w, "requiredDate", cv_get(&reports, k, 3));
        cc_kv_datetime(&w, "allocationDate", cv_get(&reports, k, 4));
        cc_kv_datetime(&w, "completedDate", cv_get(&reports, k, 5));
        cc_kv_datetime(&w, "sentToCourtDate", cv_get(&reports, k, 6));
        cc_kv_datetime(&w, "receivedByCourtDate", cv_get(&reports, k, 7));
        cc_kv(&w, "courtReportType", cv_get(&reports, k, 8), cv_get(&reports, k, 9));
        jw_key(&w, "reportManagers");
        jw_arr_begin(&w);
        for (size_t j = cv_rows_find(&managers, 0, id); cv_same(&managers, j, 0, id); j++) {
            jw_obj_begin(&w);
            cc_staff_human(&w, "staff", cv_get(&managers, j, 1), cv_get(&managers, j, 2), cv_get(&managers, j, 3),
                           cv_get(&managers, j, 4));
            jw_kv_bool(&w, "active", cv_yes(cv_get(&managers, j, 5)));
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        cc_kv(&w, "deliveredCourtReportType", cv_get(&reports, k, 10), cv_get(&reports, k, 11));
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
}

/* GET …/courtAppearances - 3 statements: person, event, appearances. */
int cc_court_appearances(http_req *r) {
    int64_t conviction_id;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, &conviction_id);
    if (!c || !cv_event(r, c, offender_id, conviction_id, EVENT_LIVE)) return 0;
    cv_rows rs;
    buf b = BUF_INIT;
    if (load(r, c, SQL_APPEARANCES, offender_id, conviction_id, NULL, &rs) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "courtAppearances");
    jw_arr_begin(&w);
    for (size_t k = 0; k < rs.n; k++) {
        jw_obj_begin(&w);
        cv_kv_int(&w, "courtAppearanceId", cv_get(&rs, k, 0));
        cc_kv_datetime(&w, "appearanceDate", cv_get(&rs, k, 1));
        jw_kv_str(&w, "courtCode", cv_get(&rs, k, 2));
        jw_kv_str(&w, "courtName", cv_get(&rs, k, 3));
        cc_kv(&w, "appearanceType", cv_get(&rs, k, 4), cv_get(&rs, k, 5));
        jw_kv_str(&w, "crn", cv_get(&rs, k, 6));
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
}

/* GET …/attendancesFilter - 2 statements: person, contacts. The event is not
 * validated (§2.19: an unknown event gives an empty list). */
int cc_attendances(http_req *r) {
    int64_t conviction_id;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, &conviction_id);
    if (!c) return 0;
    char today[32];
    tu_today(today, sizeof today);
    cv_rows rs;
    buf b = BUF_INIT;
    if (load(r, c, SQL_ATTENDANCES, offender_id, conviction_id, today, &rs) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "attendances");
    jw_arr_begin(&w);
    for (size_t k = 0; k < rs.n; k++) {
        jw_obj_begin(&w);
        jw_kv_bool(&w, "attended", cv_yes(cv_get(&rs, k, 0)));
        jw_kv_bool(&w, "complied", cv_yes(cv_get(&rs, k, 1)));
        cc_kv_date(&w, "attendanceDate", cv_get(&rs, k, 2));
        cv_kv_int(&w, "contactId", cv_get(&rs, k, 3));
        jw_kv_str(&w, "outcome", cv_get(&rs, k, 4));
        cc_kv(&w, "contactType", cv_get(&rs, k, 5), cv_get(&rs, k, 6));
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
}
