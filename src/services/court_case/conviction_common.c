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
    out->ncols = db_col_count(s);
    int rc;
    while ((rc = db_step(s)) == 1) {
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
    if (db_bind_int(s, first_idx, offender_id) != 0 || db_bind_int(s, first_idx + 1, active_only ? 1 : 0) != 0 ||
        db_bind_int(s, first_idx + 2, event_id > 0 ? event_id : INT64_MIN) != 0 ||
        db_bind_int(s, first_idx + 3, event_id > 0 ? event_id : INT64_MAX) != 0)
        return -1;
    return 0;
}

/* --- prologue ------------------------------------------------------------- */

db_conn *cv_person(http_req *r, person *p, int64_t *conviction_id) {
    if (conviction_id && !http_path_int(r, "convictionId", conviction_id)) return NULL;
    const char *crn = http_path(r, "crn");
    db_conn *c = http_db(r);
    if (!c) return NULL;
    int rc = person_find_any(c, http_arena(r), crn, p);
    if (rc < 0) {
        http_db_error(r);
        return NULL;
    }
    if (rc == 0) {
        http_not_found(r, "Person", "crn", crn);
        return NULL;
    }
    return c;
}

bool cv_event(http_req *r, db_conn *c, const person *p, int64_t conviction_id, event_rule rule) {
    int rc = event_exists(c, p->id, conviction_id, rule);
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

void cv_send(http_req *r, buf *b) {
    jw_raw(http_json(r), b->data ? b->data : "{}");
    buf_dispose(b);
    http_send_json(r, 200);
}

void cv_fail(http_req *r, buf *b) {
    buf_dispose(b);
    http_db_error(r);
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

void cv_kv_date(jw *w, const char *key, const char *v) {
    if (!v) return;
    jw_key(w, key);
    jw_strn(w, v, strnlen(v, 10));
}

/* §1.2: "YYYY-MM-DDTHH:MM:SS", a fraction only when non-zero (trailing zeros
 * dropped); a space separator becomes 'T'; a bare date gets T00:00:00. */
void cv_kv_datetime(jw *w, const char *key, const char *v) {
    if (!v) return;
    char out[64];
    size_t len = strlen(v);
    if (len < 10 || len >= sizeof out - 12) {
        jw_kv_str(w, key, v); /* unexpected shape: as stored */
        return;
    }
    memcpy(out, v, len + 1);
    if (len == 10) {
        memcpy(out + 10, "T00:00:00", 10);
    } else {
        if (out[10] == ' ') out[10] = 'T';
        if (len == 16) memcpy(out + 16, ":00", 4);
        char *dot = len > 19 && out[19] == '.' ? out + 19 : NULL;
        if (dot) {
            char *end = dot + 1;
            while (*end >= '0' && *end <= '9') end++;
            *end = '\0';
            while (end > dot + 1 && end[-1] == '0') *--end = '\0';
            if (end == dot + 1) *dot = '\0';
        }
    }
    jw_kv_str(w, key, out);
}

void cv_kv(jw *w, const char *key, const char *code, const char *description) {
    if (!code && !description) return;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    jw_kv_str(w, "code", code);
    jw_kv_str(w, "description", description ? description : "");
    jw_obj_end(w);
}

static void forenames(jw *w, const char *forename, const char *forename2) {
    jw_key(w, "forenames");
    if (forename && forename2) {
        buf b = BUF_INIT;
        buf_puts(&b, forename);
        buf_putc(&b, ' ');
        buf_puts(&b, forename2);
        jw_str(w, b.data);
        buf_dispose(&b);
    } else {
        jw_str(w, forename ? forename : forename2 ? forename2 : "");
    }
}

void cv_staff_human(jw *w, const char *key, const char *code, const char *forename, const char *forename2,
                    const char *surname) {
    if (!code) return;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    jw_kv_str(w, "code", code);
    forenames(w, forename, forename2);
    jw_kv_str(w, "surname", surname ? surname : "");
    size_t n = strlen(code);
    jw_kv_bool(w, "unallocated", n > 0 && code[n - 1] == 'U');
    jw_obj_end(w);
}

void cv_human(jw *w, const char *key, const char *forename, const char *forename2, const char *surname) {
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    forenames(w, forename, forename2);
    jw_kv_str(w, "surname", surname ? surname : "");
    jw_obj_end(w);
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
    cv_kv(w, "establishmentType", col[5], col[6]);
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
    cv_kv(w, "organisation", col[3], col[4]);
    cv_institution(w, "institution", col + 5);
    jw_obj_end(w);
}

void cv_team(jw *w, const char *key, const char *const *col) {
    const char *code = col[0];
    if (!code) return;
    size_t b = 0, e = strlen(code);
    while (b < e && code[b] == ' ') b++;
    while (e > b && code[e - 1] == ' ') e--;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    jw_key(w, "code");
    jw_strn(w, code + b, e - b);
    jw_kv_str(w, "description", col[1] ? col[1] : "");
    jw_kv_str(w, "telephone", col[2]);
    jw_kv_str(w, "emailAddress", col[3]);
    /* localDeliveryUnit = the district (community-api quirk, §1.6) */
    cv_kv(w, "localDeliveryUnit", col[6], col[7]);
    cv_kv(w, "district", col[6], col[7]);
    cv_kv(w, "borough", col[8], col[9]);
    cv_kv(w, "teamType", col[10], col[11]);
    cv_kv_date(w, "startDate", col[4]);
    cv_kv_date(w, "endDate", col[5]);
    jw_obj_end(w);
}

void cv_requirement(jw *w, const char *key, const char *const *col) {
    if (!col[0]) return;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    cv_kv_int(w, "requirementId", col[0]);
    jw_kv_str(w, "requirementNotes", col[1] ? col[1] : "");
    cv_kv_date(w, "commencementDate", col[2]);
    cv_kv_date(w, "startDate", col[3]);
    cv_kv_date(w, "terminationDate", col[4]);
    cv_kv_date(w, "expectedStartDate", col[5]);
    cv_kv_date(w, "expectedEndDate", col[6]);
    cv_kv_datetime(w, "createdDatetime", col[7]);
    jw_kv_bool(w, "active", cv_yes(col[8]));
    cv_kv(w, "requirementTypeSubCategory", col[9], col[10]);
    cv_kv(w, "requirementTypeMainCategory", col[11], col[12]);
    cv_kv(w, "adRequirementTypeMainCategory", col[13], col[14]);
    cv_kv(w, "adRequirementTypeSubCategory", col[15], col[16]);
    cv_kv(w, "terminationReason", col[17], col[18]);
    cv_kv_int(w, "length", col[19]);
    jw_kv_str(w, "lengthUnit", col[20]);
    /* restrictive: main category RESTRICTIVE = 'Y'; omitted without a main category */
    if (col[11]) jw_kv_bool(w, "restrictive", cv_yes(col[21]));
    jw_kv_bool(w, "softDeleted", cv_yes(col[22]));
    cv_kv_int(w, "rarCount", col[23]);
    jw_obj_end(w);
}
