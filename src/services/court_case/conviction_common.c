/*
 * conviction_common.c - row sets, prologue and §1.6 writers of the court-case
 * conviction handlers (see conviction_common.h).
 */
#include "services/court_case/conviction_common.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- row sets ------------------------------------------------------------- */

int cv_rows_load(db_stmt *s, arena *a, cv_rows *out) {
    memset(out, 0, sizeof *out);
    if (!s) return -1;
    int rc;
    while ((rc = db_step(s)) == 1) {
        if (out->n == 0) out->ncols = db_col_count(s); /* known once a row is read (PostgreSQL) */
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 16;
            const char **v = arena_alloc(a, cap * (size_t)out->ncols * sizeof *v);
            if (out->n) memcpy(v, out->v, out->n * (size_t)out->ncols * sizeof *v);
            out->v = v;
            out->cap = cap;
        }
        const char **row = out->v + out->n * (size_t)out->ncols;
        for (int i = 0; i < out->ncols; i++) row[i] = arena_strdup(a, db_col_text(s, i));
        out->n++;
    }
    db_done(s);
    return rc < 0 ? -1 : 0;
}

int64_t cv_int(const cv_rows *rs, size_t row, int col) {
    const char *v = cv_get(rs, row, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

size_t cv_rows_find(const cv_rows *rs, int col, int64_t key) {
    size_t lo = 0, hi = rs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cv_int(rs, mid, col) < key) lo = mid + 1;
        else hi = mid;
    }
    return lo < rs->n && cv_int(rs, lo, col) == key ? lo : rs->n;
}

int cv_bind_events(db_stmt *s, int first_idx, int64_t offender_id, bool active_only, int64_t event_id) {
    int i = first_idx;
    if (event_id > 0 && db_bind_int(s, i++, event_id) != 0) return -1;
    if (db_bind_int(s, i, offender_id) != 0 || db_bind_int(s, i + 1, active_only ? 1 : 0) != 0) return -1;
    return 0;
}

/* --- prologue ------------------------------------------------------------- */

db_conn *cv_person(http_req *r, int64_t *offender_id, int64_t *conviction_id) {
    if (conviction_id && !http_path_int(r, "convictionId", conviction_id)) return NULL;
    if (!cc_find_person(r, offender_id)) return NULL;
    return http_db(r);
}

bool cv_event(http_req *r, db_conn *c, int64_t offender_id, int64_t conviction_id, event_rule rule) {
    int rc = event_exists(c, offender_id, conviction_id, rule);
    if (rc < 0) {
        http_db_error(r);
        return false;
    }
    if (rc == 0) {
        const char *crn = http_path(r, "crn");
        char *msg = rule == EVENT_LIVE
                        ? arena_printf(http_arena(r), "Conviction with ID %" PRId64 " for Offender with crn %s not found",
                                       conviction_id, crn ? crn : "")
                        : arena_printf(http_arena(r), "Conviction with convictionId %" PRId64 " not found", conviction_id);
        http_error(r, 404, msg);
        return false;
    }
    return true;
}

/* --- values --------------------------------------------------------------- */

bool cv_yes(const char *v) {
    return v && (!strcmp(v, "Y") || !strcmp(v, "1") || !strcmp(v, "t") || !strcmp(v, "true"));
}

void cv_kv_int(jw *w, const char *key, const char *v) {
    if (!v) return;
    jw_kv_int(w, key, strtoll(v, NULL, 10));
}

void cv_kv_double(jw *w, const char *key, const char *v) {
    if (!v) return;
    jw_kv_double(w, key, strtod(v, NULL));
}

/* --- §1.6 objects --------------------------------------------------------- */

void cv_institution(jw *w, const char *key, const char *const *col) {
    if (!col[0]) return;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    jw_kv_int(w, "institutionId", strtoll(col[0], NULL, 10));
    jw_kv_bool(w, "isEstablishment", cv_yes(col[1]));
    jw_kv_str(w, "code", col[2]);
    jw_kv_str(w, "description", col[3] ? col[3] : "");
    jw_kv_str(w, "institutionName", col[4]);
    cc_kv(w, "establishmentType", col[5], col[6]);
    if (col[7]) jw_kv_bool(w, "isPrivate", cv_yes(col[7]));
    jw_kv_str(w, "nomsPrisonInstitutionCode", col[8]);
    jw_obj_end(w);
}

void cv_probation_area(jw *w, const char *key, const char *const *col) {
    if (!col[1]) return;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    cv_kv_int(w, "probationAreaId", col[0]);
    jw_kv_str(w, "code", col[1]);
    jw_kv_str(w, "description", col[2] ? col[2] : "");
    cc_kv(w, "organisation", col[3], col[4]);
    cv_institution(w, "institution", col + 5);
    jw_obj_end(w);
}

void cv_requirement(jw *w, const char *key, const char *const *col) {
    if (!col[0]) return;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    cv_kv_int(w, "requirementId", col[0]);
    jw_kv_str(w, "requirementNotes", col[1] ? col[1] : "");
    cc_kv_date(w, "commencementDate", col[2]);
    cc_kv_date(w, "startDate", col[3]);
    cc_kv_date(w, "terminationDate", col[4]);
    cc_kv_date(w, "expectedStartDate", col[5]);
    cc_kv_date(w, "expectedEndDate", col[6]);
    cc_kv_datetime(w, "createdDatetime", col[7]);
    jw_kv_bool(w, "active", cv_yes(col[8]));
    cc_kv(w, "requirementTypeSubCategory", col[9], col[10]);
    cc_kv(w, "requirementTypeMainCategory", col[11], col[12]);
    cc_kv(w, "adRequirementTypeMainCategory", col[13], col[14]);
    cc_kv(w, "adRequirementTypeSubCategory", col[15], col[16]);
    cc_kv(w, "terminationReason", col[17], col[18]);
    cv_kv_int(w, "length", col[19]);
    jw_kv_str(w, "lengthUnit", col[20]);
    /* restrictive: main category RESTRICTIVE = 'Y'; omitted without a main category */
    if (col[11]) jw_kv_bool(w, "restrictive", cv_yes(col[21]));
    jw_kv_bool(w, "softDeleted", cv_yes(col[22]));
    cv_kv_int(w, "rarCount", col[23]);
    jw_obj_end(w);
}
