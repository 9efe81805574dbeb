/*
 * offender.c - the person record (court-case-and-delius.md §2.1, §2.2):
 *
 *   GET /probation-case/{crn}       OffenderDetailSummary
 *   GET /probation-case/{crn}/all   OffenderDetail
 *
 * and their /secure/offenders/crn/{crn} aliases. Both run the per-CRN LAO check
 * first (§1.5, la_case_check: off unless DELIUSD_LAO_IGNORE_EXCLUSIONS /
 * _RESTRICTIONS is false; 403 with the stored message), then the person by CRN
 * (soft-deleted included, 404 otherwise).
 *
 * Queries (fixed, whatever the row counts): summary 4 (person with every code
 * description, disabilities, provisions, previous-conviction document); detail
 * 7 (those, addresses with their latest assessment date, aliases, offender
 * managers with staff/officer/provider employee/team/area); +1 when the LAO
 * check is on. The body is built in a local buffer and sent only when every
 * query succeeded.
 */
#include <string.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/http.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "delius/limited_access.h"
#include "services/court_case/common.h"
#include "services/court_case/court_case.h"

#define REF(alias, col) \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST " alias " ON " alias ".STANDARD_REFERENCE_LIST_ID = O." col

static const char SQL_PERSON[] =
    "SELECT O.OFFENDER_ID, O.CRN, O.PREFERRED_NAME, O.CURRENT_DISPOSAL, O.ALLOW_SMS, O.E_MAIL_ADDRESS,"  /* 0-5 */
    " O.TELEPHONE_NUMBER, O.MOBILE_NUMBER, O.CURRENT_EXCLUSION, O.EXCLUSION_MESSAGE,"                 /* 6-9 */
    " O.CURRENT_RESTRICTION, O.RESTRICTION_MESSAGE, O.DATE_OF_BIRTH_DATE, O.FIRST_NAME,"              /* 10-13 */
    " O.SECOND_NAME, O.THIRD_NAME, O.SURNAME, G.CODE_DESCRIPTION,"                                     /* 14-17 */
    " GI.CODE_DESCRIPTION, O.GENDER_IDENTITY_DESCRIPTION, ETH.CODE_DESCRIPTION,"                       /* 18-20 */
    " IMM.CODE_DESCRIPTION, NAT.CODE_DESCRIPTION, O.OFFENDER_DETAILS, O.LANGUAGE_CONCERNS,"           /* 21-24 */
    " LANG.CODE_DESCRIPTION, O.INTERPRETER_REQUIRED, REL.CODE_DESCRIPTION, O.CURRENT_REMAND_STATUS,"  /* 25-28 */
    " O.CURRENT_HIGHEST_RISK_COLOUR, NAT2.CODE_DESCRIPTION, SO.CODE_DESCRIPTION,"                      /* 29-31 */
    " O.CRO_NUMBER, O.IMMIGRATION_NUMBER, O.MOST_RECENT_PRISONER_NUMBER, O.NI_NUMBER,"                 /* 32-35 */
    " O.NOMS_NUMBER, O.PNC_NUMBER, PA.AREA, TIER.CODE_DESCRIPTION, O.PREVIOUS_SURNAME,"               /* 36-40 */
    " O.SOFT_DELETED, TITLE.CODE_DESCRIPTION"                                                          /* 41-42 */
    " FROM OFFENDER O"
    REF("G", "GENDER_ID") REF("GI", "GENDER_IDENTITY_ID") REF("ETH", "ETHNICITY_ID")
    REF("IMM", "IMMIGRATION_STATUS_ID") REF("NAT", "NATIONALITY_ID") REF("LANG", "LANGUAGE_ID")
    REF("REL", "RELIGION_ID") REF("NAT2", "SECOND_NATIONALITY_ID") REF("SO", "SEXUAL_ORIENTATION_ID")
    REF("TIER", "CURRENT_TIER") REF("TITLE", "TITLE_ID")
    " LEFT JOIN PARTITION_AREA PA ON PA.PARTITION_AREA_ID = O.PARTITION_AREA_ID"
    " WHERE O.CRN = ? ORDER BY O.SOFT_DELETED, O.OFFENDER_ID LIMIT 1";

enum {
    P_ID, P_CRN, P_PREFERRED, P_CUR_DISPOSAL, P_ALLOW_SMS, P_EMAIL, P_TEL, P_MOBILE, P_EXCL, P_EXCL_MSG, P_RESTR,
    P_RESTR_MSG, P_DOB, P_FIRST, P_SECOND, P_THIRD, P_SURNAME, P_GENDER, P_GENDER_ID, P_SELF_GENDER, P_ETHNICITY,
    P_IMMIGRATION, P_NATIONALITY, P_DETAILS, P_LANG_CONCERNS, P_LANGUAGE, P_INTERPRETER, P_RELIGION, P_REMAND,
    P_RISK, P_NATIONALITY2, P_SEXUAL, P_CRO, P_IMM_NO, P_PRISONER_NO, P_NI, P_NOMS, P_PNC, P_PARTITION, P_TIER,
    P_PREV_SURNAME, P_DELETED, P_TITLE, P_NCOLS
};

/* All rows, soft-deleted ones included: the list is omitted only when there are none at all. */
static const char SQL_DISABILITIES[] =
    "SELECT D.LAST_UPDATED_DATETIME, C.CODE_VALUE, C.CODE_DESCRIPTION, D.DISABILITY_ID, T.CODE_VALUE,"
    " T.CODE_DESCRIPTION, D.FINISH_DATE, D.NOTES, D.START_DATE, D.SOFT_DELETED"
    " FROM DISABILITY D"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = D.DISABILITY_TYPE_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST C ON C.STANDARD_REFERENCE_LIST_ID = D.DISABILITY_CONDITION_ID"
    " WHERE D.OFFENDER_ID = ? ORDER BY D.START_DATE DESC, D.DISABILITY_ID";

static const char SQL_PROVISIONS[] =
    "SELECT C.CODE_VALUE, C.CODE_DESCRIPTION, P.FINISH_DATE, P.NOTES, P.PROVISION_ID, T.CODE_VALUE,"
    " T.CODE_DESCRIPTION, P.START_DATE"
    " FROM PROVISION P"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = P.PROVISION_TYPE_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST C ON C.STANDARD_REFERENCE_LIST_ID = P.PROVISION_CATEGORY_ID"
    " WHERE P.OFFENDER_ID = ? AND P.SOFT_DELETED = 0 ORDER BY P.START_DATE DESC, P.PROVISION_ID";

static const char SQL_PREVIOUS_CONVICTION[] =
    "SELECT DATE_PRODUCED, DOCUMENT_NAME FROM DOCUMENT"
    " WHERE OFFENDER_ID = ? AND DOCUMENT_TYPE = 'PREVIOUS_CONVICTION' AND SOFT_DELETED = 0"
    " ORDER BY LAST_SAVED DESC, DOCUMENT_ID DESC LIMIT 1";

static const char SQL_ADDRESSES[] =
    "SELECT A.START_DATE, A.END_DATE, A.NO_FIXED_ABODE, A.NOTES, A.ADDRESS_NUMBER, A.BUILDING_NAME,"      /* 0-5 */
    " A.STREET_NAME, A.DISTRICT, A.TOWN_CITY, A.COUNTY, A.POSTCODE, A.TELEPHONE_NUMBER,"                 /* 6-11 */
    " S.CODE_VALUE, S.CODE_DESCRIPTION, T.CODE_VALUE, T.CODE_DESCRIPTION, A.TYPE_VERIFIED,"             /* 12-16 */
    " (SELECT MAX(X.ASSESSMENT_DATE) FROM ADDRESS_ASSESSMENT X"
    "   WHERE X.OFFENDER_ADDRESS_ID = A.OFFENDER_ADDRESS_ID AND X.SOFT_DELETED = 0),"                     /* 17 */
    " A.CREATED_DATETIME, A.LAST_UPDATED_DATETIME"                                                       /* 18-19 */
    " FROM OFFENDER_ADDRESS A"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST S ON S.STANDARD_REFERENCE_LIST_ID = A.ADDRESS_STATUS_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = A.ADDRESS_TYPE_ID"
    " WHERE A.OFFENDER_ID = ? AND A.SOFT_DELETED = 0 ORDER BY A.OFFENDER_ADDRESS_ID";

static const char SQL_ALIASES[] =
    "SELECT A.ALIAS_ID, A.DATE_OF_BIRTH_DATE, A.FIRST_NAME, A.SECOND_NAME, A.THIRD_NAME, A.SURNAME,"
    " G.CODE_DESCRIPTION"
    " FROM ALIAS A LEFT JOIN R_STANDARD_REFERENCE_LIST G ON G.STANDARD_REFERENCE_LIST_ID = A.GENDER_ID"
    " WHERE A.OFFENDER_ID = ? AND A.SOFT_DELETED = 0 ORDER BY A.ALIAS_ID";

/* Team builder #1 (§1.6): localDeliveryUnit = the district KV; no teamType, dates or email. */
static const char SQL_MANAGERS[] =
    "SELECT OFC.FORENAME, OFC.FORENAME2, OFC.SURNAME,"                                  /* 0-2 */
    " S.OFFICER_CODE, S.FORENAME, S.FORENAME2, S.SURNAME,"                              /* 3-6 */
    " PE.FORENAME, PE.FORENAME2, PE.SURNAME, PA.AREA, M.SOFT_DELETED,"                 /* 7-11 */
    " T.CODE, T.DESCRIPTION, T.TELEPHONE, D.CODE, D.DESCRIPTION, B.CODE, B.DESCRIPTION," /* 12-18 */
    " P.CODE, P.DESCRIPTION, P.PRIVATE, M.ALLOCATION_DATE, M.END_DATE, M.ACTIVE_FLAG,"  /* 19-24 */
    " AR.CODE_VALUE, AR.CODE_DESCRIPTION"                                               /* 25-26 */
    " FROM OFFENDER_MANAGER M"
    " LEFT JOIN OFFICER OFC ON OFC.STAFF_EMPLOYEE_ID = M.STAFF_EMPLOYEE_ID AND OFC.TRUST_PROVIDER_FLAG = M.TRUST_PROVIDER_FLAG"
    " LEFT JOIN STAFF S ON S.STAFF_ID = M.ALLOCATION_STAFF_ID"
    " LEFT JOIN PROVIDER_EMPLOYEE PE ON PE.PROVIDER_EMPLOYEE_ID = M.PROVIDER_EMPLOYEE_ID"
    " LEFT JOIN PARTITION_AREA PA ON PA.PARTITION_AREA_ID = M.PARTITION_AREA_ID"
    " LEFT JOIN TEAM T ON T.TEAM_ID = M.TEAM_ID"
    " LEFT JOIN DISTRICT D ON D.DISTRICT_ID = T.DISTRICT_ID"
    " LEFT JOIN BOROUGH B ON B.BOROUGH_ID = D.BOROUGH_ID"
    " LEFT JOIN PROBATION_AREA P ON P.PROBATION_AREA_ID = M.PROBATION_AREA_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST AR ON AR.STANDARD_REFERENCE_LIST_ID = M.ALLOCATION_REASON_ID"
    " WHERE M.OFFENDER_ID = ? AND M.ACTIVE_FLAG = 1 AND M.SOFT_DELETED = 0"
    " ORDER BY M.ALLOCATION_DATE DESC, M.OFFENDER_MANAGER_ID";

#define T(i) db_col_text(s, (i))

static bool yes(const char *v) { return v && v[0] == 'Y' && !v[1]; }

static db_stmt *prepare_for(db_conn *c, const char *sql, int64_t id) {
    db_stmt *s = db_query(c, sql);
    if (!s) return NULL;
    if (db_bind_int(s, 1, id) != 0) {
        db_done(s);
        return NULL;
    }
    return s;
}

/* --- offenderProfile (§2.1.1) --------------------------------------------- */

static int write_disabilities(jw *w, db_conn *c, int64_t id, const char *today) {
    db_stmt *s = prepare_for(c, SQL_DISABILITIES, id);
    if (!s) return -1;
    int rc, n = 0;
    while ((rc = db_step(s)) == 1) {
        if (n++ == 0) {
            jw_key(w, "disabilities");
            jw_arr_begin(w);
        }
        if (db_col_int(s, 9) != 0) continue; /* soft-deleted: counted, not written */
        const char *start = T(8), *finish = T(6);
        jw_obj_begin(w);
        cc_kv_datetime(w, "lastUpdatedDateTime", T(0));
        cc_kv(w, "disabilityCondition", T(1), T(2));
        jw_kv_int(w, "disabilityId", db_col_int(s, 3));
        cc_kv(w, "disabilityType", T(4), T(5));
        cc_kv_date(w, "endDate", finish);
        jw_kv_bool(w, "isActive",
                   start && strncmp(start, today, 10) <= 0 && (!finish || strncmp(finish, today, 10) > 0));
        jw_kv_str(w, "notes", T(7));
        cc_kv_date(w, "startDate", start);
        jw_obj_end(w);
    }
    if (n > 0) jw_arr_end(w);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

static int write_provisions(jw *w, db_conn *c, int64_t id) {
    db_stmt *s = prepare_for(c, SQL_PROVISIONS, id);
    if (!s) return -1;
    int rc, n = 0;
    while ((rc = db_step(s)) == 1) {
        if (n++ == 0) {
            jw_key(w, "provisions");
            jw_arr_begin(w);
        }
        jw_obj_begin(w);
        cc_kv(w, "category", T(0), T(1));
        cc_kv_date(w, "finishDate", T(2));
        jw_kv_str(w, "notes", T(3));
        jw_kv_int(w, "provisionId", db_col_int(s, 4));
        cc_kv(w, "provisionType", T(5), T(6));
        cc_kv_date(w, "startDate", T(7));
        jw_obj_end(w);
    }
    if (n > 0) jw_arr_end(w);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

static int write_previous_conviction(jw *w, db_conn *c, int64_t id) {
    db_stmt *s = prepare_for(c, SQL_PREVIOUS_CONVICTION, id);
    if (!s) return -1;
    int rc = db_step(s);
    jw_key(w, "previousConviction");
    jw_obj_begin(w);
    if (rc == 1) {
        cc_kv_date(w, "convictionDate", T(0));
        jw_key(w, "detail");
        jw_obj_begin(w);
        jw_kv_str(w, "documentName", T(1));
        jw_obj_end(w);
    }
    jw_obj_end(w);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

static int write_profile(jw *w, db_conn *c, const char *const *p, int64_t id) {
    char today[32];
    tu_today(today, sizeof today);
    jw_key(w, "offenderProfile");
    jw_obj_begin(w);
    jw_kv_str(w, "genderIdentity", p[P_GENDER_ID]);
    jw_kv_str(w, "selfDescribedGender", p[P_SELF_GENDER]);
    if (write_disabilities(w, c, id, today) != 0) return -1;
    jw_kv_str(w, "ethnicity", p[P_ETHNICITY]);
    jw_kv_str(w, "immigrationStatus", p[P_IMMIGRATION]);
    jw_kv_str(w, "nationality", p[P_NATIONALITY]);
    jw_kv_str(w, "offenderDetails", p[P_DETAILS]);
    jw_key(w, "offenderLanguages");
    jw_obj_begin(w);
    jw_kv_str(w, "languageConcerns", p[P_LANG_CONCERNS]);
    jw_kv_str(w, "primaryLanguage", p[P_LANGUAGE]);
    if (p[P_INTERPRETER]) jw_kv_bool(w, "requiresInterpreter", yes(p[P_INTERPRETER]));
    jw_obj_end(w);
    if (write_previous_conviction(w, c, id) != 0) return -1;
    if (write_provisions(w, c, id) != 0) return -1;
    jw_kv_str(w, "religion", p[P_RELIGION]);
    jw_kv_str(w, "remandStatus", p[P_REMAND]);
    jw_kv_str(w, "riskColour", p[P_RISK]);
    jw_kv_str(w, "secondaryNationality", p[P_NATIONALITY2]);
    jw_kv_str(w, "sexualOrientation", p[P_SEXUAL]);
    jw_obj_end(w);
    return 0;
}

/* --- /all lists (§2.2) ----------------------------------------------------- */

static int write_addresses(jw *w, db_conn *c, int64_t id) {
    db_stmt *s = prepare_for(c, SQL_ADDRESSES, id);
    if (!s) return -1;
    int rc, n = 0;
    while ((rc = db_step(s)) == 1) {
        if (n++ == 0) {
            jw_key(w, "addresses");
            jw_arr_begin(w);
        }
        jw_obj_begin(w);
        cc_kv_date(w, "from", T(0));
        cc_kv_date(w, "to", T(1));
        if (T(2)) jw_kv_bool(w, "noFixedAbode", yes(T(2)));
        const char *notes = T(3);
        if (notes && notes[strspn(notes, " \t\r\n")]) jw_kv_str(w, "notes", notes); /* blank notes omitted */
        jw_kv_str(w, "addressNumber", T(4));
        jw_kv_str(w, "buildingName", T(5));
        jw_kv_str(w, "streetName", T(6));
        jw_kv_str(w, "district", T(7));
        jw_kv_str(w, "town", T(8));
        jw_kv_str(w, "county", T(9));
        jw_kv_str(w, "postcode", T(10));
        jw_kv_str(w, "telephoneNumber", T(11));
        cc_kv(w, "status", T(12), T(13));
        cc_kv(w, "type", T(14), T(15));
        jw_kv_bool(w, "typeVerified", yes(T(16)));
        cc_kv_datetime(w, "latestAssessmentDate", T(17));
        cc_kv_datetime(w, "createdDatetime", T(18));
        cc_kv_datetime(w, "lastUpdatedDatetime", T(19));
        jw_obj_end(w);
    }
    if (n > 0) jw_arr_end(w);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

static void write_middle_names(jw *w, const char *second, const char *third) {
    if (!second && !third) return;
    jw_key(w, "middleNames");
    jw_arr_begin(w);
    if (second) jw_str(w, second);
    if (third) jw_str(w, third);
    jw_arr_end(w);
}

static int write_aliases(jw *w, db_conn *c, int64_t id) {
    db_stmt *s = prepare_for(c, SQL_ALIASES, id);
    if (!s) return -1;
    int rc, n = 0;
    while ((rc = db_step(s)) == 1) {
        if (n++ == 0) {
            jw_key(w, "offenderAliases");
            jw_arr_begin(w);
        }
        jw_obj_begin(w);
        jw_kv_str(w, "id", T(0)); /* ALIAS_ID as a string */
        cc_kv_date(w, "dateOfBirth", T(1));
        jw_kv_str(w, "firstName", T(2));
        write_middle_names(w, T(3), T(4));
        jw_kv_str(w, "surname", T(5));
        jw_kv_str(w, "gender", T(6) ? T(6) : "");
        jw_obj_end(w);
    }
    if (n > 0) jw_arr_end(w);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

static int write_managers(jw *w, db_conn *c, int64_t id) {
    db_stmt *s = prepare_for(c, SQL_MANAGERS, id);
    if (!s) return -1;
    int rc, n = 0;
    while ((rc = db_step(s)) == 1) {
        if (n++ == 0) {
            jw_key(w, "offenderManagers");
            jw_arr_begin(w);
        }
        jw_obj_begin(w);
        cc_human(w, "trustOfficer", T(0), T(1), T(2));
        cc_staff_human(w, "staff", T(3), T(4), T(5), T(6));
        if (T(9)) cc_human(w, "providerEmployee", T(7), T(8), T(9));
        jw_kv_str(w, "partitionArea", T(10) ? T(10) : "");
        jw_kv_bool(w, "softDeleted", db_col_int(s, 11) != 0);
        if (T(12)) {
            jw_key(w, "team");
            jw_obj_begin(w);
            jw_kv_str(w, "code", T(12));
            jw_kv_str(w, "description", T(13));
            jw_kv_str(w, "telephone", T(14));
            cc_kv(w, "localDeliveryUnit", T(15), T(16));
            cc_kv(w, "district", T(15), T(16));
            cc_kv(w, "borough", T(17), T(18));
            jw_obj_end(w);
        }
        jw_key(w, "probationArea");
        jw_obj_begin(w);
        jw_kv_str(w, "code", T(19) ? T(19) : "");
        jw_kv_str(w, "description", T(20) ? T(20) : "");
        jw_kv_bool(w, "nps", db_col_int(s, 21) == 0);
        jw_obj_end(w);
        cc_kv_date(w, "fromDate", T(22));
        cc_kv_date(w, "toDate", T(23));
        jw_kv_bool(w, "active", db_col_int(s, 24) != 0);
        cc_kv(w, "allocationReason", T(25), T(26));
        jw_obj_end(w);
    }
    if (n > 0) jw_arr_end(w);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

/* --- the handlers ----------------------------------------------------------- */

static int offender(http_req *r, bool detail) {
    const char *crn = http_path(r, "crn");
    db_conn *c = http_db(r);
    if (!c) return 0;
    arena *a = http_arena(r);

    const char *denied = NULL;
    int rc = la_case_check(c, a, crn, cfg.lao_ignore_exclusions, cfg.lao_ignore_restrictions, &denied);
    if (rc < 0) {
        http_db_error(r);
        return 0;
    }
    if (rc == 1) {
        http_error(r, 403, denied);
        return 0;
    }

    db_stmt *s = db_query(c, SQL_PERSON);
    if (!s || db_bind_text(s, 1, crn) != 0) {
        if (s) db_done(s);
        http_db_error(r);
        return 0;
    }
    rc = db_step(s);
    if (rc != 1) {
        db_done(s);
        if (rc < 0) http_db_error(r);
        else http_not_found(r, "Person", "crn", crn);
        return 0;
    }
    const char *p[P_NCOLS];
    for (int i = 0; i < P_NCOLS; i++) p[i] = arena_strdup(a, T(i));
    int64_t id = db_col_int(s, P_ID);
    bool cur_disposal = db_col_int(s, P_CUR_DISPOSAL) == 1;
    bool excl = db_col_int(s, P_EXCL) == 1, restr = db_col_int(s, P_RESTR) == 1;
    bool deleted = db_col_int(s, P_DELETED) == 1;
    db_done(s);

    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_kv_str(&w, "preferredName", p[P_PREFERRED]);
    jw_kv_bool(&w, "activeProbationManagedSentence", cur_disposal);
    jw_key(&w, "contactDetails");
    jw_obj_begin(&w);
    if (p[P_ALLOW_SMS]) jw_kv_bool(&w, "allowSMS", yes(p[P_ALLOW_SMS]));
    if (p[P_EMAIL]) {
        jw_key(&w, "emailAddresses");
        jw_arr_begin(&w);
        jw_str(&w, p[P_EMAIL]);
        jw_arr_end(&w);
    }
    if (p[P_TEL] || p[P_MOBILE]) {
        jw_key(&w, "phoneNumbers");
        jw_arr_begin(&w);
        if (p[P_TEL]) {
            jw_obj_begin(&w);
            jw_kv_str(&w, "number", p[P_TEL]);
            jw_kv_str(&w, "type", "TELEPHONE");
            jw_obj_end(&w);
        }
        if (p[P_MOBILE]) {
            jw_obj_begin(&w);
            jw_kv_str(&w, "number", p[P_MOBILE]);
            jw_kv_str(&w, "type", "MOBILE");
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
    }
    if (detail && write_addresses(&w, c, id) != 0) goto fail;
    jw_obj_end(&w);
    jw_kv_str(&w, "currentDisposal", cur_disposal ? "1" : "0");
    jw_kv_bool(&w, "currentExclusion", excl);
    if (detail) jw_kv_str(&w, "exclusionMessage", p[P_EXCL_MSG]);
    jw_kv_bool(&w, "currentRestriction", restr);
    if (detail) jw_kv_str(&w, "restrictionMessage", p[P_RESTR_MSG]);
    cc_kv_date(&w, "dateOfBirth", p[P_DOB]);
    jw_kv_str(&w, "firstName", p[P_FIRST]);
    jw_kv_str(&w, "gender", p[P_GENDER] ? p[P_GENDER] : "");
    write_middle_names(&w, p[P_SECOND], p[P_THIRD]);
    jw_kv_int(&w, "offenderId", id);
    if (write_profile(&w, c, p, id) != 0) goto fail;
    if (detail && (write_aliases(&w, c, id) != 0 || write_managers(&w, c, id) != 0)) goto fail;
    jw_key(&w, "otherIds");
    jw_obj_begin(&w);
    jw_kv_str(&w, "crn", p[P_CRN]);
    jw_kv_str(&w, "croNumber", p[P_CRO]);
    jw_kv_str(&w, "immigrationNumber", p[P_IMM_NO]);
    jw_kv_str(&w, "mostRecentPrisonerNumber", p[P_PRISONER_NO]);
    jw_kv_str(&w, "niNumber", p[P_NI]);
    jw_kv_str(&w, "nomsNumber", p[P_NOMS]);
    jw_kv_str(&w, "pncNumber", p[P_PNC]);
    jw_obj_end(&w);
    jw_kv_str(&w, "partitionArea", p[P_PARTITION] ? p[P_PARTITION] : "");
    if (detail) jw_kv_str(&w, "currentTier", p[P_TIER]);
    jw_kv_str(&w, "previousSurname", p[P_PREV_SURNAME]);
    jw_kv_bool(&w, "softDeleted", deleted);
    jw_kv_str(&w, "surname", p[P_SURNAME]);
    jw_kv_str(&w, "title", p[P_TITLE]);
    jw_obj_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
fail:
    cc_send_body(r, &b, -1);
    return 0;
}

int cc_offender_summary(http_req *r) { return offender(r, false); }
int cc_offender_detail(http_req *r) { return offender(r, true); }
