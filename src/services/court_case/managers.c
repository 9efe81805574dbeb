/*
 * managers.c - GET /probation-case/{crn}/allOffenderManagers?includeProbationAreaTeams=false
 * (a bare array of CommunityOrPrisonOffenderManager, court-case-and-delius.md §2.3)
 * and its /secure alias. No LAO check; 404 for an unknown CRN.
 *
 * Items: the active, non-deleted community managers (OFFENDER_MANAGER), then the
 * active, non-deleted prison managers (PRISON_OFFENDER_MANAGER), each group by
 * primary key. Team = builder #2 (common.h). probationArea.nps is omitted
 * (decision 10); probationArea.teams only with includeProbationAreaTeams=true:
 * the area's TEAM rows, then its PROVIDER_TEAM rows (each by id). Staff
 * email/phone of community managers come from LDAP in the original and are
 * omitted (decision 11); prison managers carry their own.
 *
 * Queries: 2 (person; both manager kinds in one UNION ALL), +2 with
 * includeProbationAreaTeams (teams and provider teams of every area the
 * managers name, each in one statement), whatever the row counts.
 */
#include <inttypes.h>
#include <string.h>

#include "core/buf.h"
#include "core/http.h"
#include "db/db.h"
#include "services/court_case/common.h"
#include "services/court_case/court_case.h"

/* One side of the UNION: K = 0 community, 1 prison. */
#define MANAGER_SELECT(K, TABLE, M, PK, STAFF_COL, TEAM_COL, RO_COL, EMAIL, PHONE)                                  \
    "SELECT " K ", " M "." PK ", S.OFFICER_CODE, S.STAFF_ID,"                                                \
    " CASE WHEN EXISTS (SELECT 1 FROM RESPONSIBLE_OFFICER RO WHERE RO." RO_COL " = " M "." PK                \
    "   AND RO.OFFENDER_ID = " M ".OFFENDER_ID AND RO.END_DATE IS NULL) THEN 1 ELSE 0 END,"                   \
    " S.FORENAME, S.FORENAME2, S.SURNAME, " EMAIL ", " PHONE ", "                                            \
    CC_TEAM_COLS("T", "D", "B", "L") ","                                                                     \
    " P.PROBATION_AREA_ID, P.CODE, P.DESCRIPTION, ORG.CODE, ORG.DESCRIPTION,"                                \
    " I.INSTITUTION_ID, I.ESTABLISHMENT, I.CODE, I.DESCRIPTION, I.INSTITUTION_NAME, ET.CODE_VALUE,"           \
    " ET.CODE_DESCRIPTION, I.PRIVATE, I.NOMIS_CDE_CODE, " M ".ALLOCATION_DATE, GR.CODE_VALUE, GR.CODE_DESCRIPTION" \
    " FROM " TABLE " " M                                                                                      \
    " LEFT JOIN STAFF S ON S.STAFF_ID = " M "." STAFF_COL                                                   \
    " LEFT JOIN TEAM T ON T.TEAM_ID = " M "." TEAM_COL CC_TEAM_JOINS("T", "D", "B", "L")                      \
    " LEFT JOIN PROBATION_AREA P ON P.PROBATION_AREA_ID = " M ".PROBATION_AREA_ID"                           \
    " LEFT JOIN ORGANISATION ORG ON ORG.ORGANISATION_ID = P.ORGANISATION_ID"                                \
    " LEFT JOIN R_INSTITUTION I ON I.INSTITUTION_ID = P.INSTITUTION_ID AND I.ESTABLISHMENT = P.ESTABLISHMENT" \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST ET ON ET.STANDARD_REFERENCE_LIST_ID = I.ESTABLISHMENT_TYPE_ID"     \
    " LEFT JOIN R_STANDARD_REFERENCE_LIST GR ON GR.STANDARD_REFERENCE_LIST_ID = S.STAFF_GRADE_ID"            \
    " WHERE " M ".OFFENDER_ID = ? AND " M ".ACTIVE_FLAG = 1 AND " M ".SOFT_DELETED = 0"

static const char SQL_MANAGERS[] =
    MANAGER_SELECT("0", "OFFENDER_MANAGER", "OM", "OFFENDER_MANAGER_ID", "ALLOCATION_STAFF_ID", "TEAM_ID", "OFFENDER_MANAGER_ID",
                   "NULL", "NULL")
    " UNION ALL "
    MANAGER_SELECT("1", "PRISON_OFFENDER_MANAGER", "POM", "PRISON_OFFENDER_MANAGER_ID", "ALLOCATION_STAFF_ID", "ALLOCATION_TEAM_ID",
                   "PRISON_OFFENDER_MANAGER_ID", "POM.EMAIL_ADDRESS", "POM.TELEPHONE_NUMBER")
    " ORDER BY 1, 2";

enum {
    C_KIND, C_PK, C_STAFF_CODE, C_STAFF_ID, C_RO, C_FORENAME, C_FORENAME2, C_SURNAME, C_EMAIL, C_PHONE, C_TEAM,
    C_AREA_ID = C_TEAM + CC_TEAM_NCOLS, C_AREA_CODE, C_AREA_DESC, C_ORG_CODE, C_ORG_DESC, C_INST_ID, C_INST_EST,
    C_INST_CODE, C_INST_DESC, C_INST_NAME, C_EST_CODE, C_EST_DESC, C_INST_PRIVATE, C_INST_NOMIS, C_ALLOC_DATE,
    C_GRADE_CODE, C_GRADE_DESC
};

/* The areas of the person's active managers (both kinds). Params: offender, offender. */
#define AREAS_OF_MANAGERS                                                                                   \
    " (SELECT PROBATION_AREA_ID FROM OFFENDER_MANAGER WHERE OFFENDER_ID = ? AND ACTIVE_FLAG = 1 AND SOFT_DELETED = 0" \
    " UNION SELECT PROBATION_AREA_ID FROM PRISON_OFFENDER_MANAGER WHERE OFFENDER_ID = ? AND ACTIVE_FLAG = 1"  \
    " AND SOFT_DELETED = 0)"

static const char SQL_AREA_TEAMS[] =
    "SELECT T.PROBATION_AREA_ID, T.TEAM_ID, T.CODE, T.DESCRIPTION, D.CODE, D.DESCRIPTION, B.CODE, B.DESCRIPTION,"
    " L.CODE, L.DESCRIPTION, T.PRIVATE"
    " FROM TEAM T" CC_TEAM_JOINS("T", "D", "B", "L")
    " WHERE T.PROBATION_AREA_ID IN" AREAS_OF_MANAGERS
    " ORDER BY T.PROBATION_AREA_ID, T.TEAM_ID";

static const char SQL_AREA_PROVIDER_TEAMS[] =
    "SELECT PT.PROBATION_AREA_ID, PT.PROVIDER_TEAM_ID, PT.CODE, PT.NAME, EP.CODE, EP.DESCRIPTION"
    " FROM PROVIDER_TEAM PT LEFT JOIN EXTERNAL_PROVIDER EP ON EP.EXTERNAL_PROVIDER_ID = PT.EXTERNAL_PROVIDER_ID"
    " WHERE PT.PROBATION_AREA_ID IN" AREAS_OF_MANAGERS
    " ORDER BY PT.PROBATION_AREA_ID, PT.PROVIDER_TEAM_ID";

#define T(i) db_col_text(s, (i))

/* The AllTeam elements of each area, pre-serialised (comma-joined, no brackets). */
typedef struct area_teams {
    int64_t area_id;
    buf json;
    struct area_teams *next;
} area_teams;

static area_teams *teams_for(arena *a, area_teams **list, int64_t area_id) {
    for (area_teams *t = *list; t; t = t->next)
        if (t->area_id == area_id) return t;
    area_teams *t = arena_calloc(a, sizeof *t);
    t->area_id = area_id;
    t->next = *list;
    *list = t;
    return t;
}

static void free_teams(area_teams *list) {
    for (area_teams *t = list; t; t = t->next) buf_dispose(&t->json);
}

/* Runs one of the two team statements, appending each row to its area's JSON. */
static int load_teams(db_conn *c, arena *a, const char *sql, int64_t offender_id, bool provider, area_teams **list) {
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    if (db_bind_int(s, 1, offender_id) || db_bind_int(s, 2, offender_id)) {
        db_done(s);
        return -1;
    }
    int rc;
    while ((rc = db_step(s)) == 1) {
        area_teams *t = teams_for(a, list, db_col_int(s, 0));
        if (t->json.len) buf_putc(&t->json, ',');
        jw w;
        jw_init(&w, &t->json);
        jw_obj_begin(&w);
        if (provider) {
            jw_kv_int(&w, "providerTeamId", db_col_int(s, 1));
            jw_kv_str(&w, "code", T(2));
            jw_kv_str(&w, "name", T(3));
            cc_kv(&w, "externalProvider", T(4), T(5));
        } else {
            jw_kv_int(&w, "teamId", db_col_int(s, 1));
            jw_kv_str(&w, "code", T(2));
            jw_kv_str(&w, "description", T(3));
            jw_kv_bool(&w, "isPrivate", db_col_int(s, 10) != 0);
            cc_kv(&w, "scProvider", T(2), T(3));
            cc_kv(&w, "localDeliveryUnit", T(8), T(9));
            cc_kv(&w, "district", T(4), T(5));
            cc_kv(&w, "borough", T(6), T(7));
        }
        jw_obj_end(&w);
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

static void write_manager(jw *w, db_stmt *s, arena *a, bool with_teams, area_teams *teams) {
    bool prison = db_col_int(s, C_KIND) == 1;
    const char *code = T(C_STAFF_CODE);
    jw_obj_begin(w);
    jw_kv_str(w, "staffCode", code);
    jw_kv_int_opt(w, "staffId", !db_col_is_null(s, C_STAFF_ID), db_col_int(s, C_STAFF_ID));
    jw_kv_bool(w, "isResponsibleOfficer", db_col_int(s, C_RO) != 0);
    jw_kv_bool(w, "isPrisonOffenderManager", prison);
    jw_kv_bool(w, "isUnallocated", cc_unallocated(code));
    if (code) {
        jw_key(w, "staff");
        jw_obj_begin(w);
        jw_kv_str(w, "forenames", cc_forenames(a, T(C_FORENAME), T(C_FORENAME2)));
        jw_kv_str(w, "surname", T(C_SURNAME) ? T(C_SURNAME) : "");
        jw_kv_str(w, "email", T(C_EMAIL));
        jw_kv_str(w, "phoneNumber", T(C_PHONE));
        jw_obj_end(w);
    }
    cc_team(w, "team", s, C_TEAM);
    if (!db_col_is_null(s, C_AREA_ID)) {
        int64_t area_id = db_col_int(s, C_AREA_ID);
        jw_key(w, "probationArea");
        jw_obj_begin(w);
        jw_kv_int(w, "probationAreaId", area_id);
        jw_kv_str(w, "code", T(C_AREA_CODE));
        jw_kv_str(w, "description", T(C_AREA_DESC));
        cc_kv(w, "organisation", T(C_ORG_CODE), T(C_ORG_DESC));
        if (!db_col_is_null(s, C_INST_ID)) {
            jw_key(w, "institution");
            jw_obj_begin(w);
            jw_kv_int(w, "institutionId", db_col_int(s, C_INST_ID));
            const char *est = T(C_INST_EST);
            jw_kv_bool(w, "isEstablishment", est && est[0] == 'Y');
            jw_kv_str(w, "code", T(C_INST_CODE));
            jw_kv_str(w, "description", T(C_INST_DESC));
            jw_kv_str(w, "institutionName", T(C_INST_NAME));
            cc_kv(w, "establishmentType", T(C_EST_CODE), T(C_EST_DESC));
            if (!db_col_is_null(s, C_INST_PRIVATE)) jw_kv_bool(w, "isPrivate", db_col_int(s, C_INST_PRIVATE) != 0);
            jw_kv_str(w, "nomsPrisonInstitutionCode", T(C_INST_NOMIS));
            jw_obj_end(w);
        }
        if (with_teams) {
            jw_key(w, "teams");
            jw_arr_begin(w);
            for (area_teams *t = teams; t; t = t->next)
                if (t->area_id == area_id && t->json.len) jw_raw(w, t->json.data);
            jw_arr_end(w);
        }
        jw_obj_end(w);
    }
    cc_kv_date(w, "fromDate", T(C_ALLOC_DATE));
    cc_kv(w, "grade", T(C_GRADE_CODE), T(C_GRADE_DESC));
    jw_obj_end(w);
}

int cc_all_offender_managers(http_req *r) {
    bool with_teams;
    if (!http_query_bool(r, "includeProbationAreaTeams", false, false, &with_teams)) return 0;
    int64_t offender_id;
    if (!cc_find_person(r, &offender_id)) return 0;
    db_conn *c = http_db(r);
    arena *a = http_arena(r);

    area_teams *teams = NULL;
    /* per area: the TEAM rows first, then the PROVIDER_TEAM rows (appended in that order) */
    if (with_teams && (load_teams(c, a, SQL_AREA_TEAMS, offender_id, false, &teams) != 0 ||
                       load_teams(c, a, SQL_AREA_PROVIDER_TEAMS, offender_id, true, &teams) != 0)) {
        free_teams(teams);
        http_db_error(r);
        return 0;
    }
    db_stmt *s = db_query(c, SQL_MANAGERS);
    if (!s || db_bind_int(s, 1, offender_id) || db_bind_int(s, 2, offender_id)) {
        if (s) db_done(s);
        free_teams(teams);
        http_db_error(r);
        return 0;
    }
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_arr_begin(&w);
    int rc;
    while ((rc = db_step(s)) == 1) write_manager(&w, s, a, with_teams, teams);
    db_done(s);
    jw_arr_end(&w);
    free_teams(teams);
    cc_send_body(r, &b, rc);
    return 0;
}
