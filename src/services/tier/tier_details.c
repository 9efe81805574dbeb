/*
 * tier_details.c - GET /tier-details/{crn}: the facts a tier calculation needs
 * (tier-to-delius.md §2.2).
 *
 * Six statements per request whatever the size of the case (no N+1):
 *   1. the case with gender description, current tier code and RSR score;
 *   2. the latest OASys assessment;  3. the OGRS assessments of the active
 *      events (the latest picked in C: no sort across the join);
 *   4. registrations;  5. convictions with all their requirements (one join);
 *   6. previous enforcement activity (an EXISTS-style LIMIT 1).
 * The body is written straight from the cursors in the key order of §2.2:
 * gender, currentTier, oGRSScore, rSRScore, registrations, convictions,
 * previousEnforcementActivity, ogrsscore, rsrscore (nulls omitted).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/http.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "delius/codes.h"
#include "services/tier/tier.h"

/* NSI outcome codes that count as enforcement (breach or recall), shared with the seed. */
#define ENFORCEMENT_CODES DL_ENFORCEMENT_OUTCOMES_SQL

/* A "latest assessment" row: date and score (score may be absent). */
typedef struct assessment {
    bool found;
    char date[11];
    bool has_score;
    int64_t score;
} assessment;

static int latest_assessment(db_conn *c, const char *sql, int64_t offender_id, assessment *out) {
    memset(out, 0, sizeof *out);
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    db_bind_int(s, 1, offender_id);
    int rc = db_step(s);
    if (rc == 1) {
        out->found = true;
        const char *d = db_col_text(s, 0);
        if (d) {
            strncpy(out->date, d, 10);
            out->date[10] = '\0';
        }
        out->has_score = !db_col_is_null(s, 1);
        out->score = db_col_int(s, 1);
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

/* Writes a DATE column as "YYYY-MM-DD" (the date part of whatever is stored). */
static void kv_date(jw *w, const char *key, const char *v) {
    if (!v) return;
    jw_key(w, key);
    jw_strn(w, v, strnlen(v, 10));
}

/* Text order with NULL below every value. ASSESSMENT_DATE and
 * LAST_UPDATED_DATETIME are NOT NULL in the schema, so the NULL case is only
 * defensive (SQLite's order; PostgreSQL would put NULLs first in DESC). */
static int cmp_text_null(const char *a, bool a_null, const char *b, bool b_null) {
    if (a_null || b_null) return (int)b_null - (int)a_null;
    return strcmp(a, b);
}

/* The latest OGRS assessment over the person's active events: the row first in
 * ORDER BY ASSESSMENT_DATE DESC, LAST_UPDATED_DATETIME DESC, OGRS_ASSESSMENT_ID DESC.
 * Picked here rather than by the statement: across a join that ORDER BY costs a
 * temporary b-tree per request, while the rows (a few per event) come straight
 * from IX_EVENT_OFFENDER_ACTIVE and IX_OGRS_ASSESSMENT_EVENT_LATEST (0005). */
static int latest_ogrs(db_conn *c, int64_t offender_id, assessment *out) {
    memset(out, 0, sizeof *out);
    db_stmt *s = db_query(c, "SELECT a.ASSESSMENT_DATE, a.LAST_UPDATED_DATETIME, a.OGRS_ASSESSMENT_ID, a.OGRS3_SCORE_2"
                             " FROM EVENT e"
                             " JOIN OGRS_ASSESSMENT a ON a.EVENT_ID = e.EVENT_ID AND a.SOFT_DELETED = 0"
                             " WHERE e.OFFENDER_ID = ? AND e.SOFT_DELETED = 0 AND e.ACTIVE_FLAG = 1");
    if (!s) return -1;
    db_bind_int(s, 1, offender_id);
    char best_date[64] = "", best_upd[64] = "";
    bool best_date_null = true, best_upd_null = true;
    int64_t best_id = 0;
    int rc;
    while ((rc = db_step(s)) == 1) {
        const char *d = db_col_text(s, 0), *u = db_col_text(s, 1);
        int64_t id = db_col_int(s, 2);
        if (out->found) {
            int k = cmp_text_null(d ? d : "", !d, best_date, best_date_null);
            if (k == 0) k = cmp_text_null(u ? u : "", !u, best_upd, best_upd_null);
            if (k < 0 || (k == 0 && id <= best_id)) continue;
        }
        out->found = true;
        best_date_null = !d;
        best_upd_null = !u;
        snprintf(best_date, sizeof best_date, "%s", d ? d : "");
        snprintf(best_upd, sizeof best_upd, "%s", u ? u : "");
        best_id = id;
        snprintf(out->date, sizeof out->date, "%.10s", d ? d : "");
        out->has_score = !db_col_is_null(s, 3);
        out->score = db_col_int(s, 3);
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

int tier_details(http_req *r) {
    const char *crn = http_path(r, "crn");
    db_conn *c = http_db(r);
    if (!c) return 0;

    /* 1. the case */
    db_stmt *s = db_query(c,
                          "SELECT o.OFFENDER_ID, g.CODE_DESCRIPTION, t.CODE_VALUE, o.DYNAMIC_RSR_SCORE"
                          " FROM OFFENDER o"
                          " LEFT JOIN R_STANDARD_REFERENCE_LIST g ON g.STANDARD_REFERENCE_LIST_ID = o.GENDER_ID"
                          " LEFT JOIN R_STANDARD_REFERENCE_LIST t ON t.STANDARD_REFERENCE_LIST_ID = o.CURRENT_TIER"
                          " WHERE o.CRN = ? AND o.SOFT_DELETED = 0");
    if (!s) goto dberr;
    db_bind_text(s, 1, crn);
    int rc = db_step(s);
    if (rc <= 0) {
        db_done(s);
        http_found(r, rc, "Person", "crn", crn); /* 404 or the database error */
        return 0;
    }
    arena *a = http_arena(r);
    int64_t offender_id = db_col_int(s, 0);
    const char *gender = arena_strdup(a, db_col_text(s, 1));
    const char *current_tier = arena_strdup(a, db_col_text(s, 2));
    bool has_rsr = !db_col_is_null(s, 3);
    double rsr = db_col_double(s, 3);
    db_done(s);
    if (!gender) {
        /* GENDER_ID is NOT NULL with a foreign key; the original fails with 500. */
        http_framework_error(r, 500, "gender reference data missing");
        return 0;
    }

    /* 2./3. OGRS: the latest OASys and the latest OGRS row; drop null scores;
     * the later date wins, OASys on equal dates. */
    assessment oasys, ogrs;
    if (latest_assessment(c,
                          "SELECT ASSESSMENT_DATE, OGRS_SCORE_2 FROM OASYS_ASSESSMENT"
                          " WHERE OFFENDER_ID = ? AND SOFT_DELETED = 0"
                          " ORDER BY ASSESSMENT_DATE DESC, LAST_UPDATED_DATETIME DESC, OASYS_ASSESSMENT_ID DESC"
                          " LIMIT 1",
                          offender_id, &oasys) != 0)
        goto dberr;
    if (latest_ogrs(c, offender_id, &ogrs) != 0) goto dberr;
    bool has_ogrs = false;
    int64_t ogrs_score = 0;
    if (oasys.found && oasys.has_score) {
        has_ogrs = true;
        ogrs_score = oasys.score;
    }
    if (ogrs.found && ogrs.has_score && (!has_ogrs || strcmp(ogrs.date, oasys.date) > 0)) {
        has_ogrs = true;
        ogrs_score = ogrs.score;
    }

    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "gender", gender);
    jw_kv_str(w, "currentTier", current_tier);
    jw_kv_int_opt(w, "oGRSScore", has_ogrs, ogrs_score);
    jw_kv_double_opt(w, "rSRScore", has_rsr, rsr);

    /* 4. registrations */
    s = db_query(c,
                 "SELECT rt.CODE, rt.DESCRIPTION, l.CODE_VALUE, g.REGISTRATION_DATE"
                 " FROM REGISTRATION g"
                 " JOIN R_REGISTER_TYPE rt ON rt.REGISTER_TYPE_ID = g.REGISTER_TYPE_ID"
                 " LEFT JOIN R_STANDARD_REFERENCE_LIST l ON l.STANDARD_REFERENCE_LIST_ID = g.REGISTER_LEVEL_ID"
                 " WHERE g.OFFENDER_ID = ? AND g.SOFT_DELETED = 0 AND g.DEREGISTERED = 0"
                 " ORDER BY g.REGISTRATION_DATE DESC, g.REGISTRATION_ID DESC");
    if (!s) goto dberr;
    db_bind_int(s, 1, offender_id);
    jw_key(w, "registrations");
    jw_arr_begin(w);
    while ((rc = db_step(s)) == 1) {
        jw_obj_begin(w);
        jw_kv_str(w, "code", db_col_text(s, 0));
        jw_kv_str(w, "description", db_col_text(s, 1));
        jw_kv_str(w, "level", db_col_text(s, 2));
        kv_date(w, "date", db_col_text(s, 3));
        jw_obj_end(w);
    }
    db_done(s);
    if (rc < 0) goto dberr;
    jw_arr_end(w);

    /* 5. convictions: active events with an active disposal, and the active
     * requirements (with a main category) of all of them in one join. One row
     * per requirement, or one row with NULL requirement columns. */
    s = db_query(c,
                 "SELECT d.DISPOSAL_ID, e.IN_BREACH, d.TERMINATION_DATE, dt.SENTENCE_TYPE, q.RQMNT_ID, mc.CODE,"
                 " mc.RESTRICTIVE"
                 " FROM EVENT e"
                 " JOIN DISPOSAL d ON d.EVENT_ID = e.EVENT_ID AND d.SOFT_DELETED = 0 AND d.ACTIVE_FLAG = 1"
                 " LEFT JOIN R_DISPOSAL_TYPE dt ON dt.DISPOSAL_TYPE_ID = d.DISPOSAL_TYPE_ID"
                 " LEFT JOIN RQMNT q ON q.DISPOSAL_ID = d.DISPOSAL_ID AND q.SOFT_DELETED = 0 AND q.ACTIVE_FLAG = 1"
                 "   AND q.RQMNT_TYPE_MAIN_CATEGORY_ID IS NOT NULL"
                 " LEFT JOIN R_RQMNT_TYPE_MAIN_CATEGORY mc"
                 "   ON mc.RQMNT_TYPE_MAIN_CATEGORY_ID = q.RQMNT_TYPE_MAIN_CATEGORY_ID"
                 " WHERE e.OFFENDER_ID = ? AND e.SOFT_DELETED = 0 AND e.ACTIVE_FLAG = 1"
                 " ORDER BY e.EVENT_ID, d.DISPOSAL_ID, q.RQMNT_ID");
    if (!s) goto dberr;
    db_bind_int(s, 1, offender_id);
    jw_key(w, "convictions");
    jw_arr_begin(w);
    bool open = false;
    int64_t current = 0;
    while ((rc = db_step(s)) == 1) {
        int64_t disposal_id = db_col_int(s, 0);
        if (!open || disposal_id != current) {
            if (open) {
                jw_arr_end(w);
                jw_obj_end(w);
            }
            open = true;
            current = disposal_id;
            jw_obj_begin(w);
            kv_date(w, "terminationDate", db_col_text(s, 2));
            jw_kv_str(w, "sentenceTypeCode", db_col_text(s, 3));
            jw_kv_bool(w, "breached", db_col_int(s, 1) == 1);
            jw_key(w, "requirements");
            jw_arr_begin(w);
        }
        const char *code = db_col_text(s, 5);
        if (!db_col_is_null(s, 4) && code) {
            const char *restrictive = db_col_text(s, 6);
            jw_obj_begin(w);
            jw_kv_str(w, "mainCategoryTypeCode", code);
            jw_kv_bool(w, "restrictive", restrictive && strcmp(restrictive, "Y") == 0);
            jw_obj_end(w);
        }
    }
    db_done(s);
    if (rc < 0) goto dberr;
    if (open) {
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);

    /* 6. enforcement: a non-deleted NSI on a non-deleted (not necessarily active)
     * event, referred within the last 365 days, with a breach/recall outcome. */
    char since[32];
    tu_today_plus(since, sizeof since, -365);
    s = db_query(c,
                 "SELECT n.NSI_ID FROM NSI n"
                 " JOIN EVENT e ON e.EVENT_ID = n.EVENT_ID AND e.SOFT_DELETED = 0"
                 " JOIN R_STANDARD_REFERENCE_LIST oc ON oc.STANDARD_REFERENCE_LIST_ID = n.NSI_OUTCOME_ID"
                 " WHERE n.OFFENDER_ID = ? AND n.SOFT_DELETED = 0 AND n.REFERRAL_DATE >= ?"
                 " AND oc.CODE_VALUE IN (" ENFORCEMENT_CODES ")"
                 " LIMIT 1");
    if (!s) goto dberr;
    db_bind_int(s, 1, offender_id);
    db_bind_text(s, 2, since);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) goto dberr;
    jw_kv_bool(w, "previousEnforcementActivity", rc == 1);

    jw_kv_int_opt(w, "ogrsscore", has_ogrs, ogrs_score);
    jw_kv_double_opt(w, "rsrscore", has_rsr, rsr);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;

dberr:
    http_db_error(r);
    return 0;
}
