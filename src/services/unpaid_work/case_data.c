/*
 * case_data.c - unpaid-work-and-delius case data (unpaid-work-and-delius.md §1.1, §1.2):
 *
 *   GET /case-data/{crn}/{eventId}           CaseDetails
 *   GET /case-data/{crn}/personal-details    PersonalDetails
 *
 * Each response is built with a fixed number of queries, whatever the number of
 * rows (CaseDetails: 10, PersonalDetails: 3): one per list, each list in one
 * query with its reference data joined in. The body is written into a local
 * buffer and handed to the response only when every query succeeded, so a
 * database error never leaves half a body behind.
 *
 * "today" (current-row filters) is tu_today(), bound as a parameter; the rules
 * (decision 4): an end/finish date is current while NULL or later than today; a
 * provision has started when its start date is on or before today.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/http.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "delius/codes.h"
#include "delius/person.h"
#include "services/unpaid_work/unpaid_work.h"

/* --- SQL ------------------------------------------------------------------- */

/* The person, with the descriptions of its reference codes (CaseDetails needs far
 * more than delius/person.h returns, so it has its own query). */
static const char SQL_PERSON[] =
    "SELECT O.OFFENDER_ID, O.CRN, O.FIRST_NAME, O.SECOND_NAME, O.SURNAME, O.DATE_OF_BIRTH_DATE,"
    " G.CODE_DESCRIPTION, GI.CODE_DESCRIPTION, O.CRO_NUMBER, O.PNC_NUMBER, O.E_MAIL_ADDRESS,"
    " O.MOBILE_NUMBER, O.TELEPHONE_NUMBER, ETH.CODE_DESCRIPTION, LANG.CODE_DESCRIPTION,"
    " O.INTERPRETER_REQUIRED"
    " FROM OFFENDER O"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST G ON G.STANDARD_REFERENCE_LIST_ID = O.GENDER_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST GI ON GI.STANDARD_REFERENCE_LIST_ID = O.GENDER_IDENTITY_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST ETH ON ETH.STANDARD_REFERENCE_LIST_ID = O.ETHNICITY_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST LANG ON LANG.STANDARD_REFERENCE_LIST_ID = O.LANGUAGE_ID"
    " WHERE O.CRN = ? AND O.SOFT_DELETED = 0";

/* Decision 1: the offender's active event with that EVENT_NUMBER, failing that the
 * one with that EVENT_ID. Params: offender, number, id, number. */
static const char SQL_EVENT[] =
    "SELECT EVENT_ID FROM EVENT"
    " WHERE OFFENDER_ID = ? AND ACTIVE_FLAG = 1 AND SOFT_DELETED = 0 AND (EVENT_NUMBER = ? OR EVENT_ID = ?)"
    " ORDER BY CASE WHEN EVENT_NUMBER = ? THEN 0 ELSE 1 END, EVENT_ID"
    " LIMIT 1";

static const char SQL_ALIASES[] =
    /* middle name = second and third joined by a space, either alone, or "" (built in
     * SQL: `||` with a NULL is NULL on both backends, so no per-row allocation) */
    "SELECT FIRST_NAME, COALESCE(SECOND_NAME || ' ' || THIRD_NAME, SECOND_NAME, THIRD_NAME, ''), SURNAME,"
    " DATE_OF_BIRTH_DATE"
    " FROM ALIAS WHERE OFFENDER_ID = ? AND SOFT_DELETED = 0 ORDER BY ALIAS_ID";

/* Main address: status M of set ADDRESS STATUS, lowest id (decision 3). */
static const char SQL_MAIN_ADDRESS[] =
    "SELECT A.BUILDING_NAME, A.ADDRESS_NUMBER, A.STREET_NAME, A.DISTRICT, A.TOWN_CITY, A.COUNTY, A.POSTCODE"
    " FROM OFFENDER_ADDRESS A"
    " JOIN R_STANDARD_REFERENCE_LIST S ON S.STANDARD_REFERENCE_LIST_ID = A.ADDRESS_STATUS_ID"
    " JOIN R_REFERENCE_DATA_MASTER M ON M.REFERENCE_DATA_MASTER_ID = S.REFERENCE_DATA_MASTER_ID"
    " WHERE A.OFFENDER_ID = ? AND A.SOFT_DELETED = 0 AND S.CODE_VALUE = 'M' AND M.CODE_SET_NAME = 'ADDRESS STATUS'"
    " ORDER BY A.OFFENDER_ADDRESS_ID LIMIT 1";

/* Params: offender, today. */
static const char SQL_DISABILITIES[] =
    "SELECT T.CODE_VALUE, T.CODE_DESCRIPTION, C.CODE_VALUE, C.CODE_DESCRIPTION, D.NOTES"
    " FROM DISABILITY D"
    " JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = D.DISABILITY_TYPE_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST C ON C.STANDARD_REFERENCE_LIST_ID = D.DISABILITY_CONDITION_ID"
    " WHERE D.OFFENDER_ID = ? AND D.SOFT_DELETED = 0 AND (D.FINISH_DATE IS NULL OR D.FINISH_DATE > ?)"
    " ORDER BY D.DISABILITY_ID";

/* Params: offender, today, today. A NULL START_DATE fails the comparison. */
static const char SQL_PROVISIONS[] =
    "SELECT T.CODE_VALUE, T.CODE_DESCRIPTION, C.CODE_VALUE, C.CODE_DESCRIPTION, P.NOTES"
    " FROM PROVISION P"
    " JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = P.PROVISION_TYPE_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST C ON C.STANDARD_REFERENCE_LIST_ID = P.PROVISION_CATEGORY_ID"
    " WHERE P.OFFENDER_ID = ? AND P.SOFT_DELETED = 0 AND (P.FINISH_DATE IS NULL OR P.FINISH_DATE > ?)"
    " AND P.START_DATE <= ?"
    " ORDER BY P.PROVISION_ID";

/* Params: offender, today. */
static const char SQL_CIRCUMSTANCES[] =
    "SELECT T.CODE_VALUE, T.CODE_DESCRIPTION, S.CODE_VALUE, S.CODE_DESCRIPTION, PC.NOTES, PC.EVIDENCED"
    " FROM PERSONAL_CIRCUMSTANCE PC"
    " JOIN R_CIRCUMSTANCE_TYPE T ON T.CIRCUMSTANCE_TYPE_ID = PC.CIRCUMSTANCE_TYPE_ID"
    " LEFT JOIN R_CIRCUMSTANCE_SUB_TYPE S ON S.CIRCUMSTANCE_SUB_TYPE_ID = PC.CIRCUMSTANCE_SUB_TYPE_ID"
    " WHERE PC.OFFENDER_ID = ? AND PC.SOFT_DELETED = 0 AND (PC.END_DATE IS NULL OR PC.END_DATE > ?)"
    " ORDER BY PC.PERSONAL_CIRCUMSTANCE_ID";

/* Params: offender, today. A soft-deleted ADDRESS is absent (decision 6). */
static const char SQL_CONTACTS[] =
    "SELECT PC.RELATIONSHIP, T.CODE_VALUE, T.CODE_DESCRIPTION, PC.FIRST_NAME, PC.OTHER_NAMES, PC.SURNAME,"
    " PC.MOBILE_NUMBER, A.ADDRESS_ID, A.TELEPHONE_NUMBER,"
    " A.BUILDING_NAME, A.ADDRESS_NUMBER, A.STREET_NAME, A.DISTRICT, A.TOWN_CITY, A.COUNTY, A.POSTCODE"
    " FROM PERSONAL_CONTACT PC"
    " JOIN R_STANDARD_REFERENCE_LIST T ON T.STANDARD_REFERENCE_LIST_ID = PC.RELATIONSHIP_TYPE_ID"
    " LEFT JOIN ADDRESS A ON A.ADDRESS_ID = PC.ADDRESS_ID AND A.SOFT_DELETED = 0"
    " WHERE PC.OFFENDER_ID = ? AND PC.SOFT_DELETED = 0 AND (PC.END_DATE IS NULL OR PC.END_DATE > ?)"
    " ORDER BY PC.PERSONAL_CONTACT_ID";

/* Active registrations: register flags (all) and the MAPPA registration (latest). */
static const char SQL_REGISTRATIONS[] =
    "SELECT T.CODE, T.DESCRIPTION, T.COLOUR, R.REGISTRATION_DATE,"
    " L.CODE_VALUE, L.CODE_DESCRIPTION, C.CODE_VALUE, C.CODE_DESCRIPTION"
    " FROM REGISTRATION R"
    " JOIN R_REGISTER_TYPE T ON T.REGISTER_TYPE_ID = R.REGISTER_TYPE_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST L ON L.STANDARD_REFERENCE_LIST_ID = R.REGISTER_LEVEL_ID"
    " LEFT JOIN R_STANDARD_REFERENCE_LIST C ON C.STANDARD_REFERENCE_LIST_ID = R.REGISTER_CATEGORY_ID"
    " WHERE R.OFFENDER_ID = ? AND R.SOFT_DELETED = 0 AND R.DEREGISTERED = 0"
    " ORDER BY R.REGISTRATION_ID";

/* The event's active disposal and main offence (both needed for a sentence). */
static const char SQL_SENTENCE[] =
    "SELECT D.DISPOSAL_DATE, O.MAIN_CATEGORY_CODE, O.MAIN_CATEGORY_DESCRIPTION,"
    " O.SUB_CATEGORY_CODE, O.SUB_CATEGORY_DESCRIPTION"
    " FROM DISPOSAL D"
    " JOIN MAIN_OFFENCE MO ON MO.EVENT_ID = D.EVENT_ID AND MO.SOFT_DELETED = 0"
    " JOIN R_OFFENCE O ON O.OFFENCE_ID = MO.OFFENCE_ID"
    " WHERE D.EVENT_ID = ? AND D.ACTIVE_FLAG = 1 AND D.SOFT_DELETED = 0"
    " ORDER BY D.DISPOSAL_ID, MO.MAIN_OFFENCE_ID LIMIT 1";

/* --- helpers --------------------------------------------------------------- */

#define COL(s, i) db_col_text((s), (i))

/* {code, description}; omitted when the code is absent (no reference row). */
static void write_type(jw *w, const char *key, const char *code, const char *description) {
    if (!code) return;
    jw_key(w, key);
    jw_obj_begin(w);
    jw_kv_str(w, "code", code);
    jw_kv_str(w, "description", description ? description : "");
    jw_obj_end(w);
}

/* Address object from 7 consecutive columns starting at col (building, number,
 * street, district, town, county, postcode). */
static void write_address_cols(jw *w, db_stmt *s, int col) {
    static const char *const keys[] = {"buildingName", "addressNumber", "streetName", "district",
                                       "town",         "county",        "postcode"};
    jw_obj_begin(w);
    for (int i = 0; i < 7; i++) jw_kv_str(w, keys[i], COL(s, col + i));
    jw_obj_end(w);
}

static bool is_yes(const char *v) { return v && v[0] == 'Y' && v[1] == '\0'; }

/* Runs a statement whose rows are written by row_fn as elements of an array under key.
 * Returns 0, or -1 on a database error. */
typedef void (*row_writer)(jw *w, db_stmt *s);

static int write_list(jw *w, const char *key, db_stmt *s, row_writer row_fn) {
    jw_key(w, key);
    jw_arr_begin(w);
    int rc;
    while ((rc = db_step(s)) == 1) row_fn(w, s);
    jw_arr_end(w);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

/* Binds the offender id, then `ntoday` copies of today. */
static db_stmt *prepare_for(db_conn *c, const char *sql, int64_t offender_id, int ntoday, const char *today) {
    db_stmt *s = db_query(c, sql);
    if (!s) return NULL;
    if (db_bind_int(s, 1, offender_id) != 0) goto fail;
    for (int i = 0; i < ntoday; i++)
        if (db_bind_text(s, 2 + i, today) != 0) goto fail;
    return s;
fail:
    db_done(s);
    return NULL;
}

/* --- row writers ----------------------------------------------------------- */

static void row_alias(jw *w, db_stmt *s) {
    jw_obj_begin(w);
    jw_key(w, "name");
    jw_obj_begin(w);
    jw_kv_str(w, "forename", COL(s, 0));
    jw_kv_str(w, "middleName", COL(s, 1)); /* "" when neither is set: written, not omitted */
    jw_kv_str(w, "surname", COL(s, 2));
    jw_obj_end(w);
    jw_kv_str(w, "dateOfBirth", COL(s, 3));
    jw_obj_end(w);
}

/* Disabilities and provisions share a shape: type, optional second type, notes. */
static void row_disability(jw *w, db_stmt *s) {
    jw_obj_begin(w);
    write_type(w, "type", COL(s, 0), COL(s, 1));
    write_type(w, "condition", COL(s, 2), COL(s, 3));
    jw_kv_str(w, "notes", COL(s, 4));
    jw_obj_end(w);
}

static void row_provision(jw *w, db_stmt *s) {
    jw_obj_begin(w);
    write_type(w, "type", COL(s, 0), COL(s, 1));
    write_type(w, "category", COL(s, 2), COL(s, 3));
    jw_kv_str(w, "notes", COL(s, 4));
    jw_obj_end(w);
}

static void row_circumstance(jw *w, db_stmt *s) {
    jw_obj_begin(w);
    write_type(w, "type", COL(s, 0), COL(s, 1));
    write_type(w, "subType", COL(s, 2), COL(s, 3));
    jw_kv_str(w, "notes", COL(s, 4));
    jw_kv_bool(w, "evidenced", is_yes(COL(s, 5)));
    jw_obj_end(w);
}

static void row_contact(jw *w, db_stmt *s) {
    bool has_address = !db_col_is_null(s, 7);
    jw_obj_begin(w);
    jw_kv_str(w, "relationship", COL(s, 0));
    write_type(w, "relationshipType", COL(s, 1), COL(s, 2));
    jw_key(w, "name");
    jw_obj_begin(w);
    jw_kv_str(w, "forename", COL(s, 3));
    jw_kv_str(w, "middleName", COL(s, 4));
    jw_kv_str(w, "surname", COL(s, 5));
    jw_obj_end(w);
    if (has_address) jw_kv_str(w, "telephoneNumber", COL(s, 8));
    jw_kv_str(w, "mobileNumber", COL(s, 6));
    if (has_address) {
        jw_key(w, "address");
        write_address_cols(w, s, 9);
    }
    jw_obj_end(w);
}

/* The two lists both responses carry. */
static int write_personal_lists(jw *w, db_conn *c, int64_t offender_id, const char *today) {
    db_stmt *s = prepare_for(c, SQL_CIRCUMSTANCES, offender_id, 1, today);
    if (!s || write_list(w, "personalCircumstances", s, row_circumstance) != 0) return -1;
    s = prepare_for(c, SQL_CONTACTS, offender_id, 1, today);
    if (!s || write_list(w, "personalContacts", s, row_contact) != 0) return -1;
    return 0;
}

/* Moves a finished body into the response. */
static void send_body(http_req *r, buf *b) {
    jw_raw(http_json(r), b->data ? b->data : "{}");
    buf_dispose(b);
    http_send_json(r, 200);
}

static void fail_db(http_req *r, buf *b) {
    buf_dispose(b);
    http_db_error(r);
}

/* --- person ---------------------------------------------------------------- */

enum {
    P_ID, P_CRN, P_FIRST, P_SECOND, P_SURNAME, P_DOB, P_GENDER, P_GENDER_IDENTITY, P_CRO, P_PNC, P_EMAIL,
    P_MOBILE, P_TELEPHONE, P_ETHNICITY, P_LANGUAGE, P_INTERPRETER, P_NCOLS
};

typedef struct {
    int64_t id;
    const char *col[P_NCOLS]; /* arena copies; NULL = SQL NULL */
} person_row;

/* 1 found, 0 not found, -1 database error. */
static int load_person(db_conn *c, arena *a, const char *crn, person_row *p) {
    db_stmt *s = db_query(c, SQL_PERSON);
    if (!s) return -1;
    if (db_bind_text(s, 1, crn) != 0) {
        db_done(s);
        return -1;
    }
    int rc = db_step(s);
    if (rc == 1) {
        p->id = db_col_int(s, P_ID);
        for (int i = 0; i < P_NCOLS; i++) p->col[i] = arena_strdup(a, COL(s, i));
    }
    db_done(s);
    return rc;
}

/* 1 found (*event_id set), 0 not found, -1 database error. */
static int find_event(db_conn *c, int64_t offender_id, int64_t event_param, int64_t *event_id) {
    char number[24];
    snprintf(number, sizeof number, "%" PRId64, event_param);
    db_stmt *s = db_query(c, SQL_EVENT);
    if (!s) return -1;
    if (db_bind_int(s, 1, offender_id) || db_bind_text(s, 2, number) || db_bind_int(s, 3, event_param) ||
        db_bind_text(s, 4, number)) {
        db_done(s);
        return -1;
    }
    int rc = db_step(s);
    if (rc == 1) *event_id = db_col_int(s, 0);
    db_done(s);
    return rc;
}

/* mappaRegistration and registerFlags from one pass over the active registrations. */
static int write_registrations(jw *w, db_conn *c, arena *a, int64_t offender_id) {
    db_stmt *s = prepare_for(c, SQL_REGISTRATIONS, offender_id, 0, NULL);
    if (!s) return -1;
    /* MAPPA: greatest REGISTRATION_DATE, ties -> highest REGISTRATION_ID (rows come in id order). */
    const char *m_date = NULL, *m_level[2] = {NULL, NULL}, *m_cat[2] = {NULL, NULL};
    buf flags = BUF_INIT;
    jw fw;
    jw_init(&fw, &flags);
    jw_arr_begin(&fw);
    int rc;
    while ((rc = db_step(s)) == 1) {
        const char *code = COL(s, 0), *date = COL(s, 3);
        jw_obj_begin(&fw);
        jw_kv_str(&fw, "code", code);
        jw_kv_str(&fw, "description", COL(s, 1));
        jw_kv_str(&fw, "riskColour", COL(s, 2));
        jw_obj_end(&fw);
        if (code && !strcmp(code, DL_REGISTER_TYPE_MAPPA) && date && (!m_date || strcmp(date, m_date) >= 0)) {
            m_date = arena_strdup(a, date);
            m_level[0] = arena_strdup(a, COL(s, 4));
            m_level[1] = arena_strdup(a, COL(s, 5));
            m_cat[0] = arena_strdup(a, COL(s, 6));
            m_cat[1] = arena_strdup(a, COL(s, 7));
        }
    }
    jw_arr_end(&fw);
    db_done(s);
    if (rc < 0) {
        buf_dispose(&flags);
        return -1;
    }
    /* Decision 5: a latest MAPPA registration without level or category -> omitted. */
    if (m_date && m_level[0] && m_cat[0]) {
        jw_key(w, "mappaRegistration");
        jw_obj_begin(w);
        jw_kv_str(w, "startDate", m_date);
        write_type(w, "level", m_level[0], m_level[1]);
        write_type(w, "category", m_cat[0], m_cat[1]);
        jw_obj_end(w);
    }
    jw_key(w, "registerFlags");
    jw_raw(w, flags.data);
    buf_dispose(&flags);
    return 0;
}

static int write_sentence(jw *w, db_conn *c, int64_t event_id) {
    db_stmt *s = db_query(c, SQL_SENTENCE);
    if (!s) return -1;
    if (db_bind_int(s, 1, event_id) != 0) {
        db_done(s);
        return -1;
    }
    int rc = db_step(s);
    if (rc == 1) {
        jw_key(w, "sentence");
        jw_obj_begin(w);
        jw_kv_str(w, "startDate", COL(s, 0));
        jw_key(w, "mainOffence");
        jw_obj_begin(w);
        write_type(w, "category", COL(s, 1), COL(s, 2));
        write_type(w, "subCategory", COL(s, 3), COL(s, 4));
        jw_obj_end(w);
        jw_obj_end(w);
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

/* --- handlers -------------------------------------------------------------- */

int upw_case_details(http_req *r) {
    const char *crn = http_path(r, "crn");
    int64_t event_param;
    if (!http_path_int(r, "eventId", &event_param)) return 0;
    db_conn *c = http_db(r);
    if (!c) return 0;
    arena *a = http_arena(r);

    person_row p = {0};
    if (!http_found(r, load_person(c, a, crn, &p), "Person", "crn", crn)) return 0;
    int64_t event_id = 0;
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, event_param);
    if (!http_found(r, find_event(c, p.id, event_param, &event_id), "Event", "id", id)) return 0;
    int rc;

    char today[32];
    tu_today(today, sizeof today);
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    db_stmt *s;

    jw_obj_begin(&w);
    jw_kv_str(&w, "crn", p.col[P_CRN]);
    jw_key(&w, "name");
    jw_obj_begin(&w);
    jw_kv_str(&w, "forename", p.col[P_FIRST]);
    jw_kv_str(&w, "middleName", p.col[P_SECOND]);
    jw_kv_str(&w, "surname", p.col[P_SURNAME]);
    jw_obj_end(&w);
    jw_kv_str(&w, "dateOfBirth", p.col[P_DOB]);
    jw_kv_str(&w, "gender", p.col[P_GENDER]);
    jw_kv_str(&w, "genderIdentity", p.col[P_GENDER_IDENTITY]);
    jw_kv_str(&w, "croNumber", p.col[P_CRO]);
    jw_kv_str(&w, "pncNumber", p.col[P_PNC]);

    s = prepare_for(c, SQL_ALIASES, p.id, 0, NULL);
    if (!s || write_list(&w, "aliases", s, row_alias) != 0) goto db_fail;

    jw_kv_str(&w, "emailAddress", p.col[P_EMAIL]);
    jw_key(&w, "phoneNumbers");
    jw_arr_begin(&w);
    if (p.col[P_MOBILE]) {
        jw_obj_begin(&w);
        jw_kv_str(&w, "type", "MOBILE");
        jw_kv_str(&w, "number", p.col[P_MOBILE]);
        jw_obj_end(&w);
    }
    if (p.col[P_TELEPHONE]) {
        jw_obj_begin(&w);
        jw_kv_str(&w, "type", "TELEPHONE");
        jw_kv_str(&w, "number", p.col[P_TELEPHONE]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);

    s = prepare_for(c, SQL_MAIN_ADDRESS, p.id, 0, NULL);
    if (!s) goto db_fail;
    rc = db_step(s);
    if (rc == 1) {
        jw_key(&w, "mainAddress");
        write_address_cols(&w, s, 0);
    }
    db_done(s);
    if (rc < 0) goto db_fail;

    jw_kv_str(&w, "ethnicity", p.col[P_ETHNICITY]);

    s = prepare_for(c, SQL_DISABILITIES, p.id, 1, today);
    if (!s || write_list(&w, "disabilities", s, row_disability) != 0) goto db_fail;
    s = prepare_for(c, SQL_PROVISIONS, p.id, 2, today);
    if (!s || write_list(&w, "provisions", s, row_provision) != 0) goto db_fail;

    /* language only with a LANGUAGE_ID (its description), whatever INTERPRETER_REQUIRED says. */
    if (p.col[P_LANGUAGE]) {
        jw_key(&w, "language");
        jw_obj_begin(&w);
        jw_kv_bool(&w, "requiresInterpreter", is_yes(p.col[P_INTERPRETER]));
        jw_kv_str(&w, "primaryLanguage", p.col[P_LANGUAGE]);
        jw_obj_end(&w);
    }

    if (write_personal_lists(&w, c, p.id, today) != 0) goto db_fail;
    if (write_registrations(&w, c, a, p.id) != 0) goto db_fail;
    if (write_sentence(&w, c, event_id) != 0) goto db_fail;
    jw_obj_end(&w);

    send_body(r, &b);
    return 0;

db_fail:
    fail_db(r, &b);
    return 0;
}

int upw_personal_details(http_req *r) {
    const char *crn = http_path(r, "crn");
    db_conn *c = http_db(r);
    if (!c) return 0;

    int64_t offender_id = 0;
    if (!http_found(r, person_id_by_crn(c, crn, &offender_id), "Person", "crn", crn)) return 0;

    char today[32];
    tu_today(today, sizeof today);
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_kv_str(&w, "crn", crn); /* the path value, as the original */
    if (write_personal_lists(&w, c, offender_id, today) != 0) {
        fail_db(r, &b);
        return 0;
    }
    jw_obj_end(&w);
    send_body(r, &b);
    return 0;
}
