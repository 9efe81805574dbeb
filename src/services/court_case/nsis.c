/*
 * nsis.c - non-statutory interventions of a conviction (court-case-and-delius.md
 * §2.14, §2.15), each also at /secure/offenders/crn/{crn}/… (§3):
 *
 *   GET …/convictions/{convictionId}/nsis?nsiCodes=A,B     NsiDetails
 *   GET …/convictions/{convictionId}/nsis/{nsiId}          Nsi
 *
 * 5 statements whatever the number of NSIs, managers or teams (3 when nothing
 * matches): the person; the event (§1.4 row 2); the NSIs with type, sub-type,
 * outcome, status, intended provider and linked requirement joined in; their
 * live managers with probation area, team, staff, grade, username and the
 * staff's probation area; the teams of those staff (STAFF_TEAM). Rows are
 * assembled per NSI and per staff in memory (conviction_common.h).
 *
 * nsiCodes: the list is matched against the trimmed R_NSI_TYPE.CODE in memory,
 * over the event's NSIs (a handful), so the SQL text does not depend on the
 * number of codes (no per-count statement in the cache).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "services/court_case/conviction_common.h"
#include "services/court_case/court_case.h"

/* The two ways NSIs are selected: the person's NSIs of an event (list), or one NSI
 * by id only (§2.15: not checked against the person or event). */
#define NSI_OF_EVENT " N.OFFENDER_ID = ? AND N.EVENT_ID = ?"
#define NSI_BY_ID " N.NSI_ID = ?"

#define SQL_NSIS(FILTER)                                                                                         \
    "SELECT N.NSI_ID, T.CODE, T.DESCRIPTION, NST.CODE_VALUE, NST.CODE_DESCRIPTION, NOC.CODE_VALUE,"             \
    " NOC.CODE_DESCRIPTION, S.CODE, S.DESCRIPTION, N.NSI_STATUS_DATE, N.ACTUAL_START_DATE, N.EXPECTED_START_DATE," \
    " N.ACTUAL_END_DATE, N.EXPECTED_END_DATE, N.REFERRAL_DATE, N.LENGTH, N.NOTES, N.ACTIVE_FLAG, N.SOFT_DELETED,"  \
    " N.EXTERNAL_REFERENCE, " CV_PA_COLS("IP", "IPO", "IPI", "IPET") ", " CV_REQ_COLS                           \
    " FROM NSI N"                                                                                                 \
    " JOIN R_NSI_TYPE T ON T.NSI_TYPE_ID = N.NSI_TYPE_ID"                                                         \
    " JOIN R_NSI_STATUS S ON S.NSI_STATUS_ID = N.NSI_STATUS_ID"                                                   \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST NST ON NST.STANDARD_REFERENCE_LIST_ID = N.NSI_SUB_TYPE_ID"             \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST NOC ON NOC.STANDARD_REFERENCE_LIST_ID = N.NSI_OUTCOME_ID"                \
    " LEFT JOIN PROBATION_AREA IP ON IP.PROBATION_AREA_ID = N.INTENDED_PROVIDER_ID"                              \
    CV_PA_JOINS("IP", "IPO", "IPI", "IPET")                                                                       \
    " LEFT JOIN RQMNT R ON R.RQMNT_ID = N.RQMNT_ID" CV_REQ_JOINS                                                 \
    " WHERE" FILTER " ORDER BY N.NSI_ID"
enum {
    NS_ID, NS_TYPE_CODE, NS_TYPE_DESCRIPTION, NS_SUB_CODE, NS_SUB_DESCRIPTION, NS_OUTCOME_CODE,
    NS_OUTCOME_DESCRIPTION, NS_STATUS_CODE, NS_STATUS_DESCRIPTION, NS_STATUS_DATE, NS_ACTUAL_START,
    NS_EXPECTED_START, NS_ACTUAL_END, NS_EXPECTED_END, NS_REFERRAL_DATE, NS_LENGTH, NS_NOTES, NS_ACTIVE,
    NS_DELETED, NS_EXTERNAL_REFERENCE, NS_PROVIDER, NS_REQUIREMENT = NS_PROVIDER + CV_PA_NCOLS
};

/* Live managers of the selected NSIs, by start date (decision 8). */
#define SQL_MANAGERS(FILTER)                                                                                     \
    "SELECT M.NSI_ID, M.START_DATE, M.END_DATE, " CV_PA_COLS("MPA", "MPO", "MPI", "MPET") ", "                   \
    CC_TEAM_COLS("MT", "MTD", "MTB", "MTL") ", S.STAFF_ID, S.OFFICER_CODE, S.FORENAME, S.FORENAME2, S.SURNAME,"   \
    " G.CODE_VALUE, G.CODE_DESCRIPTION,"                                                                          \
    " (SELECT U.DISTINGUISHED_NAME FROM USER_ U WHERE U.STAFF_ID = S.STAFF_ID ORDER BY U.USER_ID LIMIT 1), "       \
    CV_PA_COLS("SPA", "SPO", "SPI", "SPET")                                                                       \
    " FROM NSI_MANAGER M JOIN NSI N ON N.NSI_ID = M.NSI_ID"                                                       \
    " JOIN PROBATION_AREA MPA ON MPA.PROBATION_AREA_ID = M.PROBATION_AREA_ID"                                    \
    CV_PA_JOINS("MPA", "MPO", "MPI", "MPET")                                                                      \
    " JOIN TEAM MT ON MT.TEAM_ID = M.TEAM_ID" CC_TEAM_JOINS("MT", "MTD", "MTB", "MTL")                           \
    " JOIN STAFF S ON S.STAFF_ID = M.STAFF_ID"                                                                    \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST G ON G.STANDARD_REFERENCE_LIST_ID = S.STAFF_GRADE_ID"                  \
    " JOIN PROBATION_AREA SPA ON SPA.PROBATION_AREA_ID = S.PROBATION_AREA_ID"                                    \
    CV_PA_JOINS("SPA", "SPO", "SPI", "SPET")                                                                      \
    " WHERE" FILTER " AND M.SOFT_DELETED = 0"                                                                     \
    " ORDER BY M.NSI_ID, M.START_DATE, M.NSI_MANAGER_ID"
enum {
    MG_NSI, MG_START, MG_END, MG_AREA, MG_TEAM = MG_AREA + CV_PA_NCOLS, MG_STAFF_ID = MG_TEAM + CC_TEAM_NCOLS,
    MG_STAFF_CODE, MG_FORENAME, MG_FORENAME2, MG_SURNAME, MG_GRADE_CODE, MG_GRADE_DESCRIPTION, MG_USERNAME,
    MG_STAFF_AREA
};

/* Every team of every staff member managing a selected NSI (StaffDetails.teams). */
#define SQL_STAFF_TEAMS(FILTER)                                                                              \
    "SELECT ST.STAFF_ID, " CC_TEAM_COLS("T", "TD", "TB", "TL")                                                \
    " FROM STAFF_TEAM ST JOIN TEAM T ON T.TEAM_ID = ST.TEAM_ID" CC_TEAM_JOINS("T", "TD", "TB", "TL")         \
    " WHERE ST.STAFF_ID IN (SELECT M.STAFF_ID FROM NSI_MANAGER M JOIN NSI N ON N.NSI_ID = M.NSI_ID"           \
    " WHERE" FILTER " AND M.SOFT_DELETED = 0)"                                                                \
    " ORDER BY ST.STAFF_ID, T.TEAM_ID"

static const char *const SQL_LIST[3] = {SQL_NSIS(NSI_OF_EVENT), SQL_MANAGERS(NSI_OF_EVENT),
                                        SQL_STAFF_TEAMS(NSI_OF_EVENT)};
static const char *const SQL_ONE[3] = {SQL_NSIS(NSI_BY_ID), SQL_MANAGERS(NSI_BY_ID), SQL_STAFF_TEAMS(NSI_BY_ID)};

typedef struct nsi_data {
    cv_rows nsis, managers, teams;
} nsi_data;

/* a, b: the filter's parameters (offender and event, or the NSI id and unused). */
static int load(db_conn *c, arena *ar, const char *sql, int nparams, int64_t a, int64_t b, cv_rows *out) {
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    if (db_bind_int(s, 1, a) != 0 || (nparams > 1 && db_bind_int(s, 2, b) != 0)) {
        db_done(s);
        return -1;
    }
    return cv_rows_load(s, ar, out);
}

static int load_nsis(db_conn *c, arena *ar, const char *const sql[3], int nparams, int64_t a, int64_t b,
                     nsi_data *d) {
    memset(d, 0, sizeof *d);
    if (load(c, ar, sql[0], nparams, a, b, &d->nsis) != 0) return -1;
    if (d->nsis.n == 0) return 0;
    if (load(c, ar, sql[1], nparams, a, b, &d->managers) != 0 || load(c, ar, sql[2], nparams, a, b, &d->teams) != 0)
        return -1;
    return 0;
}

static bool is_code(const char *v, const char *a, const char *b) { return v && (!strcmp(v, a) || !strcmp(v, b)); }

/* §2.14 recall flags, community-api table (decision 7). */
static void write_recall_flags(jw *w, const char *status, const char *outcome) {
    bool outcome_rejected = false;
    int outcome_recall = -1; /* -1: omitted */
    if (is_code(outcome, "REC01", "REC02")) outcome_recall = 1;
    else if (is_code(outcome, "REC03", "REC04") || is_code(outcome, "REC05", "REC05")) {
        outcome_recall = 0;
        outcome_rejected = true;
    }
    int status_rejected = -1; /* -1: unknown status -> omitted */
    if (is_code(status, "REC05", "REC10")) status_rejected = 1;
    else if (status && strlen(status) == 5 && !strncmp(status, "REC", 3) && status[3] == '0' && status[4] >= '1' &&
             status[4] <= '9')
        status_rejected = 0; /* REC01-REC04, REC06-REC09 */
    if (status_rejected >= 0) jw_kv_bool(w, "recallRejectedOrWithdrawn", status_rejected == 1 || outcome_rejected);
    if (outcome_recall >= 0) jw_kv_bool(w, "outcomeRecall", outcome_recall == 1);
}

#define ROW(rs, k) ((rs)->v + (k) * (size_t)(rs)->ncols)

static void write_managers(jw *w, const nsi_data *d, int64_t nsi_id) {
    const cv_rows *m = &d->managers, *t = &d->teams;
    jw_key(w, "nsiManagers");
    jw_arr_begin(w);
    for (size_t k = cv_rows_find(m, MG_NSI, nsi_id); cv_same(m, k, MG_NSI, nsi_id); k++) {
        const char *const *col = ROW(m, k);
        jw_obj_begin(w);
        cv_probation_area(w, "probationArea", col + MG_AREA);
        cc_team_cols(w, "team", col + MG_TEAM);
        jw_key(w, "staff");
        jw_obj_begin(w);
        jw_kv_str(w, "username", col[MG_USERNAME]);
        jw_kv_str(w, "staffCode", col[MG_STAFF_CODE]);
        cv_kv_int(w, "staffIdentifier", col[MG_STAFF_ID]);
        cc_human(w, "staff", col[MG_FORENAME], col[MG_FORENAME2], col[MG_SURNAME]);
        int64_t staff_id = cv_int(m, k, MG_STAFF_ID);
        jw_key(w, "teams");
        jw_arr_begin(w);
        for (size_t j = cv_rows_find(t, 0, staff_id); cv_same(t, j, 0, staff_id); j++) cc_team_cols(w, NULL, ROW(t, j) + 1);
        jw_arr_end(w);
        cv_probation_area(w, "probationArea", col + MG_STAFF_AREA);
        cc_kv(w, "staffGrade", col[MG_GRADE_CODE], col[MG_GRADE_DESCRIPTION]);
        jw_obj_end(w);
        cc_kv_date(w, "startDate", col[MG_START]);
        cc_kv_date(w, "endDate", col[MG_END]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_nsi(jw *w, const nsi_data *d, size_t k) {
    const char *const *col = ROW(&d->nsis, k);
    int64_t nsi_id = cv_int(&d->nsis, k, NS_ID);
    jw_obj_begin(w);
    jw_kv_int(w, "nsiId", nsi_id);
    cc_kv(w, "nsiType", col[NS_TYPE_CODE], col[NS_TYPE_DESCRIPTION]);
    cc_kv(w, "nsiSubType", col[NS_SUB_CODE], col[NS_SUB_DESCRIPTION]);
    cc_kv(w, "nsiOutcome", col[NS_OUTCOME_CODE], col[NS_OUTCOME_DESCRIPTION]);
    cv_requirement(w, "requirement", col + NS_REQUIREMENT);
    cc_kv(w, "nsiStatus", col[NS_STATUS_CODE], col[NS_STATUS_DESCRIPTION]);
    cc_kv_datetime(w, "statusDateTime", col[NS_STATUS_DATE]);
    cc_kv_date(w, "actualStartDate", col[NS_ACTUAL_START]);
    cc_kv_date(w, "expectedStartDate", col[NS_EXPECTED_START]);
    cc_kv_date(w, "actualEndDate", col[NS_ACTUAL_END]);
    cc_kv_date(w, "expectedEndDate", col[NS_EXPECTED_END]);
    cc_kv_date(w, "referralDate", col[NS_REFERRAL_DATE]);
    cv_kv_int(w, "length", col[NS_LENGTH]);
    jw_kv_str(w, "lengthUnit", "Months"); /* constant (decision 10) */
    write_managers(w, d, nsi_id);
    jw_kv_str(w, "notes", col[NS_NOTES]);
    cv_probation_area(w, "intendedProvider", col + NS_PROVIDER);
    jw_kv_bool(w, "active", cv_yes(col[NS_ACTIVE]));
    jw_kv_bool(w, "softDeleted", cv_yes(col[NS_DELETED]));
    jw_kv_str(w, "externalReference", col[NS_EXTERNAL_REFERENCE]);
    write_recall_flags(w, col[NS_STATUS_CODE], col[NS_OUTCOME_CODE]);
    jw_obj_end(w);
}

/* The trimmed span of s. */
static const char *trimmed(const char *s, size_t *n) {
    size_t e = strlen(s);
    while (*s == ' ') s++, e--;
    while (e > 0 && s[e - 1] == ' ') e--;
    *n = e;
    return s;
}

static bool code_wanted(const char *code, const char **codes, size_t ncodes) {
    if (!code) return false;
    size_t n;
    const char *c = trimmed(code, &n);
    for (size_t i = 0; i < ncodes; i++) {
        size_t m;
        const char *want = trimmed(codes[i], &m);
        if (m == n && !memcmp(c, want, n)) return true;
    }
    return false;
}

/* GET …/nsis?nsiCodes= - 5 statements: person, event, NSIs, managers, staff teams. */
int cc_nsis(http_req *r) {
    int64_t conviction_id;
    const char **codes;
    size_t ncodes;
    if (!http_path_int(r, "convictionId", &conviction_id) || !http_query_list(r, "nsiCodes", true, &codes, &ncodes))
        return 0;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, NULL);
    if (!c || !cv_event(r, c, offender_id, conviction_id, EVENT_LIVE)) return 0;
    nsi_data d;
    buf b = BUF_INIT;
    if (load_nsis(c, http_arena(r), SQL_LIST, 2, offender_id, conviction_id, &d) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "nsis");
    jw_arr_begin(&w);
    for (size_t k = 0; k < d.nsis.n; k++)
        if (code_wanted(cv_get(&d.nsis, k, NS_TYPE_CODE), codes, ncodes)) write_nsi(&w, &d, k);
    jw_arr_end(&w);
    jw_obj_end(&w);
    cc_send_body(r, &b, 0);
    return 0;
}

/* GET …/nsis/{nsiId} - 5 statements: person, event, NSI, managers, staff teams. */
int cc_nsi(http_req *r) {
    int64_t conviction_id, nsi_id;
    if (!http_path_int(r, "convictionId", &conviction_id) || !http_path_int(r, "nsiId", &nsi_id)) return 0;
    int64_t offender_id;
    db_conn *c = cv_person(r, &offender_id, NULL);
    if (!c || !cv_event(r, c, offender_id, conviction_id, EVENT_LIVE)) return 0;
    nsi_data d;
    buf b = BUF_INIT;
    if (load_nsis(c, http_arena(r), SQL_ONE, 1, nsi_id, 0, &d) != 0) {
        cc_send_body(r, &b, -1);
        return 0;
    }
    if (d.nsis.n == 0) {
        http_error(r, 404, arena_printf(http_arena(r), "NSI with id %" PRId64 " not found", nsi_id));
        return 0;
    }
    jw w;
    jw_init(&w, &b);
    write_nsi(&w, &d, 0);
    cc_send_body(r, &b, 0);
    return 0;
}
