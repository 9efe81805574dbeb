/*
 * convictions.c - court-case-and-delius convictions (court-case-and-delius.md
 * §2.9, §2.10, §2.11), each also served at /secure/offenders/crn/{crn}/… (§3):
 *
 *   GET /probation-case/{crn}/convictions?activeOnly=false      [Conviction]
 *   GET /probation-case/{crn}/convictions/{convictionId}         Conviction
 *   GET /probation-case/{crn}/convictions/{convictionId}/sentenceStatus
 *
 * A list and a single conviction are built by the same 8 statements, whatever
 * the number of convictions, offences, appointments, key dates, appearances or
 * order managers (no query per conviction): the person; the events with their
 * disposal, disposal type, UPW details, custody, institution and responsible
 * court joined in (one row per event); then one statement per kind of child
 * row for all those events (offences, additional sentences, UPW appointment
 * totals, key dates, court appearances, order managers), each ordered by its
 * parent key and assembled in memory (conviction_common.h). On SQLite the
 * statements after the person run in one read transaction (one snapshot).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "services/court_case/conviction_common.h"
#include "services/court_case/court_case.h"

/* --- SQL ------------------------------------------------------------------- */

/* One row per event. The disposal is the event's live one (lowest id should data
 * ever hold two), its custody and UPW details likewise. awaitingPsr (§2.10,
 * decision 9): no live disposal and a court appearance with outcome 101 (court
 * appearance soft deletion not checked). Each query below is a macro of its
 * event clause F (CV_EVENT_FILTER or CV_EVENT_ONE, conviction_common.h) and an
 * array of both forms, indexed by "one event". */
#define SQL_EVENTS_(F) \
    "SELECT E.EVENT_ID, E.EVENT_NUMBER, E.ACTIVE_FLAG, E.IN_BREACH, E.FTC_COUNT, E.BREACH_END," \
    " CASE WHEN D.DISPOSAL_ID IS NULL AND EXISTS (SELECT 1 FROM COURT_APPEARANCE PCA" \
    "   JOIN R_STANDARD_REFERENCE_LIST PO ON PO.STANDARD_REFERENCE_LIST_ID = PCA.OUTCOME_ID" \
    "   WHERE PCA.EVENT_ID = E.EVENT_ID AND PO.CODE_VALUE = '101') THEN 1 ELSE 0 END," \
    " E.CONVICTION_DATE, E.REFERRAL_DATE," \
    /* 9: sentence */ \
    " D.DISPOSAL_ID, DT.DESCRIPTION, D.ENTRY_LENGTH, U1.CODE_DESCRIPTION, D.LENGTH_2, U2.CODE_DESCRIPTION," \
    " D.LENGTH, D.EFFECTIVE_LENGTH, D.LENGTH_IN_DAYS, D.ENTERED_NOTIONAL_END_DATE, D.NOTIONAL_END_DATE," \
    " D.DISPOSAL_DATE, D.TERMINATION_DATE, TR.CODE_DESCRIPTION, DT.SENTENCE_TYPE, DT.FTC_LIMIT, DT.CJA2003," \
    " DT.PRE_CJA2003," \
    /* 27: unpaid work */ \
    " UD.UPW_DETAILS_ID, UD.UPW_LENGTH_MINUTES, US.CODE_DESCRIPTION," \
    /* 30: custody */ \
    " CU.CUSTODY_ID, CU.PRISONER_NUMBER, CS.CODE_VALUE, CS.CODE_DESCRIPTION, " CV_INST_COLS("I", "IET") "," \
    /* 43: responsible court */ \
    " C.COURT_ID, C.CODE, C.SELECTABLE, C.COURT_NAME, C.TELEPHONE_NUMBER, C.FAX_NUMBER, C.BUILDING_NAME, C.STREET," \
    " C.LOCALITY, C.TOWN, C.COUNTY, C.POSTCODE, C.COUNTRY, C.COURT_TYPE_ID, C.CREATED_DATETIME," \
    " C.LAST_UPDATED_DATETIME, C.PROBATION_AREA_ID, C.SECURE_EMAIL_ADDRESS, CPA.CODE, CPA.DESCRIPTION," \
    " CT.CODE_VALUE, CT.CODE_DESCRIPTION" \
    " FROM EVENT E" \
    " LEFT JOIN DISPOSAL D ON D.DISPOSAL_ID = (SELECT MIN(D2.DISPOSAL_ID) FROM DISPOSAL D2" \
    "   WHERE D2.EVENT_ID = E.EVENT_ID AND D2.SOFT_DELETED = 0)" \
    " LEFT JOIN R_DISPOSAL_TYPE DT ON DT.DISPOSAL_TYPE_ID = D.DISPOSAL_TYPE_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST U1 ON U1.STANDARD_REFERENCE_LIST_ID = D.ENTRY_LENGTH_UNITS_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST U2 ON U2.STANDARD_REFERENCE_LIST_ID = D.ENTRY_LENGTH_2_UNITS_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST TR ON TR.STANDARD_REFERENCE_LIST_ID = D.DISPOSAL_TERMINATION_REASON_ID" \
    " LEFT JOIN UPW_DETAILS UD ON UD.UPW_DETAILS_ID = (SELECT MIN(UD2.UPW_DETAILS_ID) FROM UPW_DETAILS UD2" \
    "   WHERE UD2.DISPOSAL_ID = D.DISPOSAL_ID AND UD2.SOFT_DELETED = 0)" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST US ON US.STANDARD_REFERENCE_LIST_ID = UD.UPW_STATUS_ID" \
    " LEFT JOIN CUSTODY CU ON CU.CUSTODY_ID = (SELECT MIN(CU2.CUSTODY_ID) FROM CUSTODY CU2" \
    "   WHERE CU2.DISPOSAL_ID = D.DISPOSAL_ID AND CU2.SOFT_DELETED = 0)" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST CS ON CS.STANDARD_REFERENCE_LIST_ID = CU.CUSTODIAL_STATUS_ID" \
    " LEFT JOIN R_INSTITUTION I ON I.INSTITUTION_ID = CU.INSTITUTION_ID AND I.ESTABLISHMENT = CU.ESTABLISHMENT" \
    CV_INST_JOIN_ET("I", "IET") \
    " LEFT JOIN COURT C ON C.COURT_ID = E.COURT_ID" \
    " LEFT JOIN PROBATION_AREA CPA ON CPA.PROBATION_AREA_ID = C.PROBATION_AREA_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST CT ON CT.STANDARD_REFERENCE_LIST_ID = C.COURT_TYPE_ID" \
    " WHERE" F \
    " ORDER BY E.REFERRAL_DATE DESC, E.EVENT_ID"
static const char *const SQL_EVENTS[2] = {SQL_EVENTS_(CV_EVENT_FILTER), SQL_EVENTS_(CV_EVENT_ONE)};

enum {
    EV_ID, EV_NUMBER, EV_ACTIVE, EV_IN_BREACH, EV_FTC, EV_BREACH_END, EV_AWAITING_PSR, EV_CONVICTION_DATE,
    EV_REFERRAL_DATE,
    EV_D_ID, EV_D_DESCRIPTION, EV_D_ENTRY_LENGTH, EV_D_ENTRY_UNITS, EV_D_LENGTH_2, EV_D_LENGTH_2_UNITS, EV_D_LENGTH,
    EV_D_EFFECTIVE_LENGTH, EV_D_LENGTH_IN_DAYS, EV_D_ENTERED_END, EV_D_NOTIONAL_END, EV_D_DATE, EV_D_TERMINATION_DATE,
    EV_D_TERMINATION_REASON, EV_D_SENTENCE_TYPE, EV_D_FTC_LIMIT, EV_D_CJA2003, EV_D_PRE_CJA2003,
    EV_UPW_ID, EV_UPW_MINUTES, EV_UPW_STATUS,
    EV_CU_ID, EV_CU_PRISONER_NUMBER, EV_CU_STATUS_CODE, EV_CU_STATUS_DESCRIPTION, EV_CU_INSTITUTION,
    EV_C_ID = EV_CU_INSTITUTION + CV_INST_NCOLS, EV_C_CODE, EV_C_SELECTABLE, EV_C_NAME, EV_C_TELEPHONE, EV_C_FAX,
    EV_C_BUILDING, EV_C_STREET, EV_C_LOCALITY, EV_C_TOWN, EV_C_COUNTY, EV_C_POSTCODE, EV_C_COUNTRY, EV_C_TYPE_ID,
    EV_C_CREATED, EV_C_UPDATED, EV_C_AREA_ID, EV_C_SECURE_EMAIL, EV_C_AREA_CODE, EV_C_AREA_DESCRIPTION,
    EV_C_TYPE_CODE, EV_C_TYPE_DESCRIPTION, EV_NCOLS
};

/* Main offence first, then additional offences by id (§2.10). Params: filter twice. */
#define OFFENCE_DETAIL_COLS                                                                                     \
    " RO.CODE, RO.DESCRIPTION, RO.ABBREVIATION, RO.MAIN_CATEGORY_CODE, RO.MAIN_CATEGORY_DESCRIPTION,"          \
    " RO.MAIN_CATEGORY_ABBREVIATION, OG.CODE_DESCRIPTION, RO.SUB_CATEGORY_CODE, RO.SUB_CATEGORY_DESCRIPTION," \
    " RO.FORM_20_CODE, RO.SUB_CATEGORY_ABBREVIATION, RO.CJIT_CODE,"
#define OFFENCE_DETAIL_JOINS                               \
    " JOIN R_OFFENCE RO ON RO.OFFENCE_ID = O.OFFENCE_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST OG ON OG.STANDARD_REFERENCE_LIST_ID = RO.OGRS_OFFENCE_CATEGORY_ID"
#define SQL_OFFENCES_(F) \
    "SELECT E.EVENT_ID, 1, O.MAIN_OFFENCE_ID," OFFENCE_DETAIL_COLS \
    " O.OFFENCE_DATE, O.OFFENCE_COUNT, O.TICS, O.VERDICT, E.OFFENDER_ID, O.CREATED_DATETIME, O.LAST_UPDATED_DATETIME" \
    " FROM MAIN_OFFENCE O JOIN EVENT E ON E.EVENT_ID = O.EVENT_ID" OFFENCE_DETAIL_JOINS \
    " WHERE" F " AND O.SOFT_DELETED = 0" \
    " UNION ALL " \
    "SELECT E.EVENT_ID, 0, O.ADDITIONAL_OFFENCE_ID," OFFENCE_DETAIL_COLS \
    " O.OFFENCE_DATE, O.OFFENCE_COUNT, NULL, NULL, E.OFFENDER_ID, O.CREATED_DATETIME, O.LAST_UPDATED_DATETIME" \
    " FROM ADDITIONAL_OFFENCE O JOIN EVENT E ON E.EVENT_ID = O.EVENT_ID" OFFENCE_DETAIL_JOINS \
    " WHERE" F " AND O.SOFT_DELETED = 0" \
    " ORDER BY 1, 2 DESC, 3"
static const char *const SQL_OFFENCES[2] = {SQL_OFFENCES_(CV_EVENT_FILTER), SQL_OFFENCES_(CV_EVENT_ONE)};
enum { OF_EVENT, OF_MAIN, OF_ID, OF_DETAIL, OF_DATE = OF_DETAIL + 12, OF_COUNT, OF_TICS, OF_VERDICT, OF_OFFENDER,
       OF_CREATED, OF_UPDATED };

#define SQL_ADDITIONAL_SENTENCES_(F) \
    "SELECT E.EVENT_ID, A.ADDITIONAL_SENTENCE_ID, T.CODE_VALUE, T.CODE_DESCRIPTION, A.AMOUNT, A.LENGTH, A.NOTES" \
    " FROM ADDITIONAL_SENTENCE A JOIN EVENT E ON E.EVENT_ID = A.EVENT_ID" \
    " JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = A.ADDITIONAL_SENTENCE_TYPE_ID" \
    " WHERE" F " AND A.SOFT_DELETED = 0" \
    " ORDER BY E.EVENT_ID, A.ADDITIONAL_SENTENCE_ID"
static const char *const SQL_ADDITIONAL_SENTENCES[2] = {SQL_ADDITIONAL_SENTENCES_(CV_EVENT_FILTER),
                                                        SQL_ADDITIONAL_SENTENCES_(CV_EVENT_ONE)};

/* Appointment totals per UPW_DETAILS row. No soft-delete filter on appointments
 * (§2.10: the original counts them, decision 8). */
#define SQL_UPW_TOTALS_(F) \
    "SELECT UA.UPW_DETAILS_ID, COUNT(*), SUM(COALESCE(UA.MINUTES_CREDITED, 0))," \
    " SUM(CASE WHEN UA.ATTENDED = 'Y' THEN 1 ELSE 0 END)," \
    " SUM(CASE WHEN UA.ATTENDED = 'N' AND UA.COMPLIED = 'Y' THEN 1 ELSE 0 END)," \
    " SUM(CASE WHEN UA.ATTENDED = 'N' AND UA.COMPLIED = 'N' THEN 1 ELSE 0 END)," \
    " SUM(CASE WHEN UA.ATTENDED IS NULL AND UA.COMPLIED IS NULL THEN 1 ELSE 0 END)" \
    " FROM UPW_APPOINTMENT UA JOIN UPW_DETAILS UD ON UD.UPW_DETAILS_ID = UA.UPW_DETAILS_ID" \
    " JOIN DISPOSAL D ON D.DISPOSAL_ID = UD.DISPOSAL_ID JOIN EVENT E ON E.EVENT_ID = D.EVENT_ID" \
    " WHERE" F \
    " GROUP BY UA.UPW_DETAILS_ID ORDER BY UA.UPW_DETAILS_ID"
static const char *const SQL_UPW_TOTALS[2] = {SQL_UPW_TOTALS_(CV_EVENT_FILTER), SQL_UPW_TOTALS_(CV_EVENT_ONE)};

/* Live key dates of the events' custodies, first by KEY_DATE_ID per type (§2.10). */
#define SQL_KEY_DATES_(F) \
    "SELECT KD.CUSTODY_ID, T.CODE_VALUE, KD.KEY_DATE" \
    " FROM KEY_DATE KD JOIN CUSTODY CU ON CU.CUSTODY_ID = KD.CUSTODY_ID" \
    " JOIN DISPOSAL D ON D.DISPOSAL_ID = CU.DISPOSAL_ID JOIN EVENT E ON E.EVENT_ID = D.EVENT_ID" \
    " JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = KD.KEY_DATE_TYPE_ID" \
    " WHERE" F " AND KD.SOFT_DELETED = 0" \
    " ORDER BY KD.CUSTODY_ID, KD.KEY_DATE_ID"
static const char *const SQL_KEY_DATES[2] = {SQL_KEY_DATES_(CV_EVENT_FILTER), SQL_KEY_DATES_(CV_EVENT_ONE)};

/* Live court appearances, latest first (ties: lowest id), for the latest outcome
 * and the courtAppearance pick. */
#define SQL_APPEARANCES_(F) \
    "SELECT CA.EVENT_ID, CA.COURT_APPEARANCE_ID, CA.APPEARANCE_DATE, C.CODE, C.COURT_NAME, APT.CODE_VALUE," \
    " APT.CODE_DESCRIPTION, O.CRN, OC.CODE_VALUE, OC.CODE_DESCRIPTION" \
    " FROM COURT_APPEARANCE CA JOIN EVENT E ON E.EVENT_ID = CA.EVENT_ID" \
    " JOIN COURT C ON C.COURT_ID = CA.COURT_ID" \
    " JOIN OFFENDER O ON O.OFFENDER_ID = CA.OFFENDER_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST APT ON APT.STANDARD_REFERENCE_LIST_ID = CA.APPEARANCE_TYPE_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST OC ON OC.STANDARD_REFERENCE_LIST_ID = CA.OUTCOME_ID" \
    " WHERE" F " AND CA.SOFT_DELETED = 0" \
    " ORDER BY CA.EVENT_ID, CA.APPEARANCE_DATE DESC, CA.COURT_APPEARANCE_ID"
static const char *const SQL_APPEARANCES[2] = {SQL_APPEARANCES_(CV_EVENT_FILTER), SQL_APPEARANCES_(CV_EVENT_ONE)};
enum { AP_EVENT, AP_ID, AP_DATE, AP_COURT_CODE, AP_COURT_NAME, AP_TYPE_CODE, AP_TYPE_DESCRIPTION, AP_CRN,
       AP_OUTCOME_CODE, AP_OUTCOME_DESCRIPTION };

/* Live order managers by allocation date (§2.10 variant adopted). */
#define SQL_ORDER_MANAGERS_(F) \
    "SELECT OM.EVENT_ID, OM.PROBATION_AREA_ID, OM.ALLOCATION_TEAM_ID, OM.ORDER_MANAGER_ID, S.FORENAME, S.FORENAME2," \
    " S.SURNAME, S.OFFICER_CODE, OM.ALLOCATION_DATE, OM.END_DATE, G.CODE_VALUE, T.CODE, PA.CODE" \
    " FROM ORDER_MANAGER OM JOIN EVENT E ON E.EVENT_ID = OM.EVENT_ID" \
    " JOIN PROBATION_AREA PA ON PA.PROBATION_AREA_ID = OM.PROBATION_AREA_ID" \
    " LEFT JOIN STAFF S ON S.STAFF_ID = OM.ALLOCATION_STAFF_ID" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST G ON G.STANDARD_REFERENCE_LIST_ID = S.STAFF_GRADE_ID" \
    " LEFT JOIN TEAM T ON T.TEAM_ID = OM.ALLOCATION_TEAM_ID" \
    " WHERE" F " AND OM.SOFT_DELETED = 0" \
    " ORDER BY OM.EVENT_ID, OM.ALLOCATION_DATE, OM.ORDER_MANAGER_ID"
static const char *const SQL_ORDER_MANAGERS[2] = {SQL_ORDER_MANAGERS_(CV_EVENT_FILTER),
                                                  SQL_ORDER_MANAGERS_(CV_EVENT_ONE)};

/* --- loading --------------------------------------------------------------- */

typedef struct conv_data {
    cv_rows events, offences, additional, upw, key_dates, appearances, managers;
} conv_data;

static int load(db_conn *c, arena *a, cv_rows *out, const char *sql, int nfilters, int64_t offender_id,
                bool active_only, int64_t event_id) {
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    for (int i = 0; i < nfilters; i++)
        if (cv_bind_events(s, 1 + i * cv_event_nparams(event_id), offender_id, active_only, event_id) != 0) {
            db_done(s);
            return -1;
        }
    return cv_rows_load(s, a, out);
}

/* The 7 statements after the person; the children only when there are events. */
static int load_all(db_conn *c, arena *a, int64_t offender_id, bool active_only, int64_t event_id, conv_data *d) {
    const int one = event_id > 0; /* CV_EVENT_ONE: the single-event form of each query */
    if (load(c, a, &d->events, SQL_EVENTS[one], 1, offender_id, active_only, event_id) != 0) return -1;
    if (d->events.n == 0) return 0; /* nothing to attach children to */
    if (load(c, a, &d->offences, SQL_OFFENCES[one], 2, offender_id, active_only, event_id) != 0 ||
        load(c, a, &d->additional, SQL_ADDITIONAL_SENTENCES[one], 1, offender_id, active_only, event_id) != 0 ||
        load(c, a, &d->upw, SQL_UPW_TOTALS[one], 1, offender_id, active_only, event_id) != 0 ||
        load(c, a, &d->key_dates, SQL_KEY_DATES[one], 1, offender_id, active_only, event_id) != 0 ||
        load(c, a, &d->appearances, SQL_APPEARANCES[one], 1, offender_id, active_only, event_id) != 0 ||
        load(c, a, &d->managers, SQL_ORDER_MANAGERS[one], 1, offender_id, active_only, event_id) != 0)
        return -1;
    return 0;
}

/* Loads everything (7 statements after the person). event_id > 0: that event only.
 * The statements run in the request's read transaction (http_db), with the
 * person look-up: one snapshot and one lock cycle for the whole body. (A
 * transaction of its own here, from before issue 15, ended that one and began a
 * second: two lock cycles and two snapshots per request.) */
static int load_convictions(db_conn *c, arena *a, int64_t offender_id, bool active_only, int64_t event_id,
                            conv_data *d) {
    memset(d, 0, sizeof *d);
    return load_all(c, a, offender_id, active_only, event_id, d);
}

/* --- writing --------------------------------------------------------------- */

#define EV(col) cv_get(&d->events, i, (col))

static void write_offences(jw *w, const conv_data *d, int64_t event_id) {
    const cv_rows *o = &d->offences;
    jw_key(w, "offences");
    jw_arr_begin(w);
    for (size_t k = cv_rows_find(o, OF_EVENT, event_id); cv_same(o, k, OF_EVENT, event_id); k++) {
        const char *const *col = o->v + k * (size_t)o->ncols;
        bool main = cv_yes(col[OF_MAIN]);
        jw_obj_begin(w);
        jw_key(w, "offenceId");
        char id[32];
        snprintf(id, sizeof id, "%s%s", main ? "M" : "A", col[OF_ID] ? col[OF_ID] : "");
        jw_str(w, id);
        jw_kv_bool(w, "mainOffence", main);
        const char *const *dt = col + OF_DETAIL;
        jw_key(w, "detail");
        jw_obj_begin(w);
        jw_kv_str(w, "code", dt[0]);
        jw_kv_str(w, "description", dt[1]);
        jw_kv_str(w, "abbreviation", dt[2]);
        jw_kv_str(w, "mainCategoryCode", dt[3]);
        jw_kv_str(w, "mainCategoryDescription", dt[4]);
        jw_kv_str(w, "mainCategoryAbbreviation", dt[5]);
        jw_kv_str(w, "ogrsOffenceCategory", dt[6] ? dt[6] : "");
        jw_kv_str(w, "subCategoryCode", dt[7]);
        jw_kv_str(w, "subCategoryDescription", dt[8]);
        jw_kv_str(w, "form20Code", dt[9]);
        jw_kv_str(w, "subCategoryAbbreviation", dt[10]);
        jw_kv_str(w, "cjitCode", dt[11]);
        jw_obj_end(w);
        cc_kv_date(w, "offenceDate", col[OF_DATE]);
        cv_kv_int(w, "offenceCount", col[OF_COUNT]);
        cv_kv_int(w, "tics", col[OF_TICS]);
        jw_kv_str(w, "verdict", col[OF_VERDICT]);
        cv_kv_int(w, "offenderId", col[OF_OFFENDER]);
        cc_kv_datetime(w, "createdDatetime", col[OF_CREATED]);
        cc_kv_datetime(w, "lastUpdatedDatetime", col[OF_UPDATED]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_sentence(jw *w, const conv_data *d, size_t i) {
    if (!EV(EV_D_ID)) return;
    jw_key(w, "sentence");
    jw_obj_begin(w);
    cv_kv_int(w, "sentenceId", EV(EV_D_ID));
    jw_kv_str(w, "description", EV(EV_D_DESCRIPTION));
    cv_kv_int(w, "originalLength", EV(EV_D_ENTRY_LENGTH));
    jw_kv_str(w, "originalLengthUnits", EV(EV_D_ENTRY_UNITS));
    cv_kv_int(w, "secondLength", EV(EV_D_LENGTH_2));
    jw_kv_str(w, "secondLengthUnits", EV(EV_D_LENGTH_2_UNITS));
    cv_kv_int(w, "defaultLength", EV(EV_D_LENGTH));
    cv_kv_int(w, "effectiveLength", EV(EV_D_EFFECTIVE_LENGTH));
    cv_kv_int(w, "lengthInDays", EV(EV_D_LENGTH_IN_DAYS));
    /* ENTERED_NOTIONAL_END_DATE, else the date part of NOTIONAL_END_DATE */
    cc_kv_date(w, "expectedSentenceEndDate", EV(EV_D_ENTERED_END) ? EV(EV_D_ENTERED_END) : EV(EV_D_NOTIONAL_END));
    if (EV(EV_UPW_ID)) {
        int64_t upw_id = cv_int(&d->events, i, EV_UPW_ID);
        size_t k = cv_rows_find(&d->upw, 0, upw_id);
        bool any = k < d->upw.n;
        jw_key(w, "unpaidWork");
        jw_obj_begin(w);
        cv_kv_int(w, "minutesOrdered", EV(EV_UPW_MINUTES));
        jw_kv_int(w, "minutesCompleted", any ? cv_int(&d->upw, k, 2) : 0);
        jw_key(w, "appointments");
        jw_obj_begin(w);
        jw_kv_int(w, "total", any ? cv_int(&d->upw, k, 1) : 0);
        jw_kv_int(w, "attended", any ? cv_int(&d->upw, k, 3) : 0);
        jw_kv_int(w, "acceptableAbsences", any ? cv_int(&d->upw, k, 4) : 0);
        jw_kv_int(w, "unacceptableAbsences", any ? cv_int(&d->upw, k, 5) : 0);
        jw_kv_int(w, "noOutcomeRecorded", any ? cv_int(&d->upw, k, 6) : 0);
        jw_obj_end(w);
        jw_kv_str(w, "status", EV(EV_UPW_STATUS) ? EV(EV_UPW_STATUS) : "");
        jw_obj_end(w);
    }
    cc_kv_date(w, "startDate", EV(EV_D_DATE));
    cc_kv_date(w, "terminationDate", EV(EV_D_TERMINATION_DATE));
    jw_kv_str(w, "terminationReason", EV(EV_D_TERMINATION_REASON));
    cc_kv(w, "sentenceType", EV(EV_D_SENTENCE_TYPE), EV(EV_D_DESCRIPTION));
    int64_t event_id = cv_int(&d->events, i, EV_ID);
    const cv_rows *as = &d->additional;
    size_t k = cv_rows_find(as, 0, event_id);
    if (k < as->n) { /* omitted when none */
        jw_key(w, "additionalSentences");
        jw_arr_begin(w);
        for (; cv_same(as, k, 0, event_id); k++) {
            jw_obj_begin(w);
            cv_kv_int(w, "additionalSentenceId", cv_get(as, k, 1));
            cc_kv(w, "type", cv_get(as, k, 2), cv_get(as, k, 3));
            cv_kv_double(w, "amount", cv_get(as, k, 4));
            cv_kv_int(w, "length", cv_get(as, k, 5));
            jw_kv_str(w, "notes", cv_get(as, k, 6));
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    cv_kv_int(w, "failureToComplyLimit", EV(EV_D_FTC_LIMIT));
    jw_kv_bool(w, "cja2003Order", cv_yes(EV(EV_D_CJA2003)));
    jw_kv_bool(w, "legacyOrder", cv_yes(EV(EV_D_PRE_CJA2003)));
    jw_obj_end(w);
}

/* §2.10 keyDates: key-date type code -> field, in the contract's order. */
static const char *const KEY_DATES[][2] = {
    {"ACR", "conditionalReleaseDate"},
    {"LED", "licenceExpiryDate"},
    {"HDE", "hdcEligibilityDate"},
    {"PED", "paroleEligibilityDate"},
    {"SED", "sentenceExpiryDate"},
    {"EXP", "expectedReleaseDate"},
    {"PSSED", "postSentenceSupervisionEndDate"},
    {"POM1", "expectedPrisonOffenderManagerHandoverStartDate"},
    {"POM2", "expectedPrisonOffenderManagerHandoverDate"},
};

static void write_custody(jw *w, const conv_data *d, size_t i) {
    if (!EV(EV_CU_ID)) return;
    jw_key(w, "custody");
    jw_obj_begin(w);
    jw_kv_str(w, "bookingNumber", EV(EV_CU_PRISONER_NUMBER));
    cv_institution(w, "institution", d->events.v + i * (size_t)d->events.ncols + EV_CU_INSTITUTION);
    int64_t custody_id = cv_int(&d->events, i, EV_CU_ID);
    const cv_rows *kd = &d->key_dates;
    size_t first = cv_rows_find(kd, 0, custody_id);
    jw_key(w, "keyDates");
    jw_obj_begin(w);
    for (size_t t = 0; t < sizeof KEY_DATES / sizeof KEY_DATES[0]; t++)
        for (size_t k = first; cv_same(kd, k, 0, custody_id); k++) {
            const char *code = cv_get(kd, k, 1);
            if (code && !strcmp(code, KEY_DATES[t][0])) {
                cc_kv_date(w, KEY_DATES[t][1], cv_get(kd, k, 2));
                break;
            }
        }
    jw_obj_end(w);
    cc_kv(w, "status", EV(EV_CU_STATUS_CODE), EV(EV_CU_STATUS_DESCRIPTION));
    cc_kv_date(w, "sentenceStartDate", EV(EV_D_DATE));
    jw_obj_end(w);
}

static void write_court(jw *w, const conv_data *d, size_t i) {
    if (!EV(EV_C_ID)) return;
    jw_key(w, "responsibleCourt");
    jw_obj_begin(w);
    cv_kv_int(w, "courtId", EV(EV_C_ID));
    jw_kv_str(w, "code", EV(EV_C_CODE));
    jw_kv_bool(w, "selectable", cv_yes(EV(EV_C_SELECTABLE)));
    jw_kv_str(w, "courtName", EV(EV_C_NAME));
    jw_kv_str(w, "telephoneNumber", EV(EV_C_TELEPHONE));
    jw_kv_str(w, "fax", EV(EV_C_FAX));
    jw_kv_str(w, "buildingName", EV(EV_C_BUILDING));
    jw_kv_str(w, "street", EV(EV_C_STREET));
    jw_kv_str(w, "locality", EV(EV_C_LOCALITY));
    jw_kv_str(w, "town", EV(EV_C_TOWN));
    jw_kv_str(w, "county", EV(EV_C_COUNTY));
    jw_kv_str(w, "postcode", EV(EV_C_POSTCODE));
    jw_kv_str(w, "country", EV(EV_C_COUNTRY));
    cv_kv_int(w, "courtTypeId", EV(EV_C_TYPE_ID));
    cc_kv_datetime(w, "createdDatetime", EV(EV_C_CREATED));
    cc_kv_datetime(w, "lastUpdatedDatetime", EV(EV_C_UPDATED));
    cv_kv_int(w, "probationAreaId", EV(EV_C_AREA_ID));
    jw_kv_str(w, "secureEmailAddress", EV(EV_C_SECURE_EMAIL));
    cc_kv(w, "probationArea", EV(EV_C_AREA_CODE), EV(EV_C_AREA_DESCRIPTION));
    cc_kv(w, "courtType", EV(EV_C_TYPE_CODE), EV(EV_C_TYPE_DESCRIPTION));
    jw_obj_end(w);
}

static void write_appearance(jw *w, const char *key, const cv_rows *ap, size_t k) {
    jw_key(w, key);
    jw_obj_begin(w);
    cv_kv_int(w, "courtAppearanceId", cv_get(ap, k, AP_ID));
    cc_kv_datetime(w, "appearanceDate", cv_get(ap, k, AP_DATE));
    jw_kv_str(w, "courtCode", cv_get(ap, k, AP_COURT_CODE));
    jw_kv_str(w, "courtName", cv_get(ap, k, AP_COURT_NAME));
    cc_kv(w, "appearanceType", cv_get(ap, k, AP_TYPE_CODE), cv_get(ap, k, AP_TYPE_DESCRIPTION));
    jw_kv_str(w, "crn", cv_get(ap, k, AP_CRN));
    jw_obj_end(w);
}

static void write_order_managers(jw *w, const conv_data *d, int64_t event_id) {
    const cv_rows *om = &d->managers;
    jw_key(w, "orderManagers");
    jw_arr_begin(w);
    for (size_t k = cv_rows_find(om, 0, event_id); cv_same(om, k, 0, event_id); k++) {
        jw_obj_begin(w);
        cv_kv_int(w, "probationAreaId", cv_get(om, k, 1));
        cv_kv_int(w, "teamId", cv_get(om, k, 2));
        cv_kv_int(w, "officerId", cv_get(om, k, 3));
        const char *fore = cv_get(om, k, 4), *fore2 = cv_get(om, k, 5), *sur = cv_get(om, k, 6);
        if (fore || sur) { /* "FORENAME [FORENAME2] SURNAME" of the allocation staff */
            buf b = BUF_INIT;
            const char *parts[3] = {fore, fore2, sur};
            for (int p = 0; p < 3; p++) {
                if (!parts[p]) continue;
                if (b.len) buf_putc(&b, ' ');
                buf_puts(&b, parts[p]);
            }
            jw_kv_str(w, "name", b.data ? b.data : "");
            buf_dispose(&b);
        }
        jw_kv_str(w, "staffCode", cv_get(om, k, 7));
        cc_kv_datetime(w, "dateStartOfAllocation", cv_get(om, k, 8));
        cc_kv_datetime(w, "dateEndOfAllocation", cv_get(om, k, 9));
        jw_kv_str(w, "gradeCode", cv_get(om, k, 10));
        jw_kv_str(w, "teamCode", cv_get(om, k, 11));
        jw_kv_str(w, "probationAreaCode", cv_get(om, k, 12));
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_conviction(jw *w, const conv_data *d, size_t i) {
    int64_t event_id = cv_int(&d->events, i, EV_ID);
    jw_obj_begin(w);
    jw_kv_int(w, "convictionId", event_id);
    jw_kv_str(w, "index", EV(EV_NUMBER));
    jw_kv_bool(w, "active", cv_yes(EV(EV_ACTIVE)));
    jw_kv_bool(w, "inBreach", cv_yes(EV(EV_IN_BREACH)));
    jw_kv_int(w, "failureToComplyCount", cv_int(&d->events, i, EV_FTC));
    cc_kv_date(w, "breachEnd", EV(EV_BREACH_END));
    jw_kv_bool(w, "awaitingPsr", cv_yes(EV(EV_AWAITING_PSR)));
    cc_kv_date(w, "convictionDate", EV(EV_CONVICTION_DATE));
    cc_kv_date(w, "referralDate", EV(EV_REFERRAL_DATE));
    write_offences(w, d, event_id);
    write_sentence(w, d, i);
    /* appearances come latest first: the first with an outcome; the first sentencing
     * one, else the first of any type */
    const cv_rows *ap = &d->appearances;
    size_t first = cv_rows_find(ap, AP_EVENT, event_id), outcome = ap->n, sentencing = ap->n;
    for (size_t k = first; cv_same(ap, k, AP_EVENT, event_id); k++) {
        if (outcome == ap->n && cv_get(ap, k, AP_OUTCOME_CODE)) outcome = k;
        const char *type = cv_get(ap, k, AP_TYPE_CODE);
        if (sentencing == ap->n && type && !strcmp(type, "S")) sentencing = k;
    }
    if (outcome < ap->n)
        cc_kv(w, "latestCourtAppearanceOutcome", cv_get(ap, outcome, AP_OUTCOME_CODE),
              cv_get(ap, outcome, AP_OUTCOME_DESCRIPTION));
    write_custody(w, d, i);
    write_court(w, d, i);
    if (sentencing < ap->n) write_appearance(w, "courtAppearance", ap, sentencing);
    else if (first < ap->n) write_appearance(w, "courtAppearance", ap, first);
    write_order_managers(w, d, event_id);
    jw_obj_end(w);
}

#undef EV

/* --- handlers -------------------------------------------------------------- */

/* GET …/convictions?activeOnly=false - 8 statements: person, events, offences,
 * additional sentences, UPW totals, key dates, appearances, order managers
 * (2 when the person has no matching event); on SQLite + BEGIN and COMMIT. */
int cc_convictions(http_req *r) {
    bool active_only;
    if (!http_query_bool(r, "activeOnly", false, false, &active_only)) return 0;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, NULL);
    if (!c) return 0;
    conv_data d;
    buf b = BUF_INIT;
    if (load_convictions(c, http_arena(r), offender_id, active_only, 0, &d) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    jw_arr_begin(&w);
    for (size_t i = 0; i < d.events.n; i++) write_conviction(&w, &d, i);
    jw_arr_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
}

/* GET …/convictions/{convictionId} - 8 statements, as the list (2 on a 404); on
 * SQLite + BEGIN and COMMIT. */
int cc_conviction(http_req *r) {
    int64_t conviction_id;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, &conviction_id);
    if (!c) return 0;
    conv_data d;
    buf b = BUF_INIT;
    /* a non-positive id never names an event (ids are positive) */
    if (conviction_id > 0 && load_convictions(c, http_arena(r), offender_id, false, conviction_id, &d) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    if (conviction_id <= 0 || d.events.n == 0) {
        http_error(r, 404,
                   arena_printf(http_arena(r), "Conviction with ID %" PRId64 " for Offender with crn %s not found",
                                conviction_id, http_path(r, "crn")));
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    write_conviction(&w, &d, 0);
    cc_send_body(r, &b, 0);
    return 0;
}

/* §2.11: the event's live disposal with its type, live custody (status), main
 * offence and latest live release. Params: event. */
static const char SQL_SENTENCE_STATUS[] =
    "SELECT D.DISPOSAL_ID, CS.CODE_VALUE, CS.CODE_DESCRIPTION, DT.DESCRIPTION, RO.DESCRIPTION, D.DISPOSAL_DATE,"
    " (SELECT MAX(RL.ACTUAL_RELEASE_DATE) FROM RELEASE RL WHERE RL.CUSTODY_ID = CU.CUSTODY_ID AND RL.SOFT_DELETED = 0),"
    " CU.PSS_START_DATE, D.LENGTH, CU.CUSTODY_ID"
    " FROM DISPOSAL D"
    " JOIN R_DISPOSAL_TYPE DT ON DT.DISPOSAL_TYPE_ID = D.DISPOSAL_TYPE_ID"
    " LEFT JOIN CUSTODY CU ON CU.CUSTODY_ID = (SELECT MIN(CU2.CUSTODY_ID) FROM CUSTODY CU2"
    "   WHERE CU2.DISPOSAL_ID = D.DISPOSAL_ID AND CU2.SOFT_DELETED = 0)"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST CS ON CS.STANDARD_REFERENCE_LIST_ID = CU.CUSTODIAL_STATUS_ID"
    " LEFT JOIN MAIN_OFFENCE MO ON MO.MAIN_OFFENCE_ID = (SELECT MIN(MO2.MAIN_OFFENCE_ID) FROM MAIN_OFFENCE MO2"
    "   WHERE MO2.EVENT_ID = D.EVENT_ID AND MO2.SOFT_DELETED = 0)"
    " LEFT JOIN R_OFFENCE RO ON RO.OFFENCE_ID = MO.OFFENCE_ID"
    " WHERE D.EVENT_ID = ? AND D.SOFT_DELETED = 0"
    " ORDER BY D.DISPOSAL_ID LIMIT 1";

/* GET …/convictions/{convictionId}/sentenceStatus - 3 statements: person, event, sentence. */
int cc_sentence_status(http_req *r) {
    int64_t conviction_id;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, &conviction_id);
    if (!c || !cv_event(r, c, offender_id, conviction_id, EVENT_LIVE)) return 0;
    db_stmt *s = db_query(c, SQL_SENTENCE_STATUS);
    cv_rows rs;
    buf b = BUF_INIT;
    if (!s || db_bind_int(s, 1, conviction_id) != 0) {
        if (s) db_done(s);
        cc_send_body(r, &b, -1);
        return 0;
    }
    if (cv_rows_load(s, http_arena(r), &rs) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    if (rs.n == 0) {
        http_error(r, 404,
                   arena_printf(http_arena(r), "Sentence not found for crn '%s', convictionId '%" PRId64 "'",
                                http_path(r, "crn"), conviction_id));
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    cv_kv_int(&w, "sentenceId", cv_get(&rs, 0, 0));
    if (cv_get(&rs, 0, 9)) cc_kv(&w, "custodialType", cv_get(&rs, 0, 1), cv_get(&rs, 0, 2));
    else cc_kv(&w, "custodialType", "NOT_IN_CUSTODY", "Not in custody");
    cc_kv(&w, "sentence", NULL, cv_get(&rs, 0, 3));
    cc_kv(&w, "mainOffence", NULL, cv_get(&rs, 0, 4));
    cc_kv_date(&w, "sentenceDate", cv_get(&rs, 0, 5));
    cc_kv_date(&w, "actualReleaseDate", cv_get(&rs, 0, 6));
    cc_kv_date(&w, "licenceExpiryDate", cv_get(&rs, 0, 7)); /* PSS_START_DATE (sic, §2.11) */
    cv_kv_int(&w, "length", cv_get(&rs, 0, 8));
    jw_kv_str(&w, "lengthUnit", "Months");
    jw_obj_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
}
