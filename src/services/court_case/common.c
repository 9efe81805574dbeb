/*
 * common.c - shared court-case JSON sub-objects (see common.h).
 */
#include "services/court_case/common.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "services/service.h"
#include "delius/person.h"

void cc_kv(jw *w, const char *key, const char *code, const char *description) {
    if (!code && !description) return;
    jw_key(w, key);
    jw_obj_begin(w);
    jw_kv_str(w, "code", code);
    jw_kv_str(w, "description", description ? description : "");
    jw_obj_end(w);
}

static void write_forenames(jw *w, const char *forename, const char *forename2) {
    jw_key(w, "forenames");
    if (forename && forename2) {
        size_t n1 = strlen(forename), n2 = strlen(forename2);
        char small[256];
        if (n1 + n2 + 2 <= sizeof small) {
            memcpy(small, forename, n1);
            small[n1] = ' ';
            memcpy(small + n1 + 1, forename2, n2 + 1);
            jw_str(w, small);
            return;
        }
        buf b = BUF_INIT;
        buf_puts(&b, forename);
        buf_putc(&b, ' ');
        buf_puts(&b, forename2);
        jw_str(w, b.data);
        buf_dispose(&b);
        return;
    }
    jw_str(w, forename ? forename : forename2 ? forename2 : "");
}

const char *cc_forenames(arena *a, const char *forename, const char *forename2) {
    if (forename && forename2) return arena_printf(a, "%s %s", forename, forename2);
    return arena_strdup(a, forename ? forename : forename2 ? forename2 : "");
}

bool cc_unallocated(const char *code) {
    size_t n = code ? strlen(code) : 0;
    return n > 0 && code[n - 1] == 'U';
}

void cc_human(jw *w, const char *key, const char *forename, const char *forename2, const char *surname) {
    if (!forename && !surname) return;
    jw_key(w, key);
    jw_obj_begin(w);
    write_forenames(w, forename, forename2);
    jw_kv_str(w, "surname", surname ? surname : "");
    jw_obj_end(w);
}

void cc_staff_human(jw *w, const char *key, const char *code, const char *forename, const char *forename2,
                    const char *surname) {
    if (!code) return;
    jw_key(w, key);
    jw_obj_begin(w);
    jw_kv_str(w, "code", code);
    write_forenames(w, forename, forename2);
    jw_kv_str(w, "surname", surname ? surname : "");
    jw_kv_bool(w, "unallocated", cc_unallocated(code));
    jw_obj_end(w);
}

const char *cc_datetime(char *out, size_t n, const char *in) {
    if (!in) return NULL;
    size_t len = strlen(in);
    if (n < 40 || len < 10 || len >= n) {
        /* unexpected shape: passed through unchanged (truncated to fit) */
        snprintf(out, n, "%s", in);
        return out;
    }
    if (len == 10) {
        snprintf(out, n, "%sT00:00:00", in);
        return out;
    }
    memcpy(out, in, len + 1);
    if (out[10] == ' ') out[10] = 'T';
    if (len == 16) { /* "YYYY-MM-DDTHH:MM": seconds are always written */
        memcpy(out + 16, ":00", 4);
        return out;
    }
    /* a fraction: trailing zeros dropped, the dot too when nothing is left */
    char *dot = len > 19 && out[19] == '.' ? out + 19 : NULL;
    if (dot) {
        char *end = dot + 1;
        while (*end >= '0' && *end <= '9') end++;
        *end = '\0';
        while (end > dot + 1 && end[-1] == '0') *--end = '\0';
        if (end == dot + 1) *dot = '\0';
    }
    return out;
}

void cc_kv_datetime(jw *w, const char *key, const char *value) {
    if (!value) return;
    char b[64];
    jw_kv_str(w, key, cc_datetime(b, sizeof b, value));
}

void cc_kv_date(jw *w, const char *key, const char *value) {
    if (!value) return;
    size_t n = strlen(value);
    jw_key(w, key);
    jw_strn(w, value, n > 10 ? 10 : n);
}

void cc_team(jw *w, const char *key, db_stmt *s, int col) {
    const char *cols[CC_TEAM_NCOLS];
    for (int i = 0; i < CC_TEAM_NCOLS; i++) cols[i] = db_col_text(s, col + i);
    cc_team_cols(w, key, cols);
}

void cc_team_cols(jw *w, const char *key, const char *const *col) {
    const char *code = col[0];
    if (!code) return;
    size_t b = 0, e = strlen(code);
    while (b < e && code[b] == ' ') b++;
    while (e > b && code[e - 1] == ' ') e--;
    if (key) jw_key(w, key);
    jw_obj_begin(w);
    jw_key(w, "code");
    jw_strn(w, code + b, e - b);
    jw_kv_str(w, "description", col[1]);
    jw_kv_str(w, "telephone", col[2]);
    jw_kv_str(w, "emailAddress", col[3]);
    /* localDeliveryUnit = the district (community-api quirk, §1.6) */
    cc_kv(w, "localDeliveryUnit", col[6], col[7]);
    cc_kv(w, "district", col[6], col[7]);
    cc_kv(w, "borough", col[8], col[9]);
    cc_kv(w, "teamType", col[10], col[11]);
    cc_kv_date(w, "startDate", col[4]);
    cc_kv_date(w, "endDate", col[5]);
    jw_obj_end(w);
}

bool cc_find_person(http_req *r, int64_t *offender_id) {
    db_conn *c;
    person p;
    if (!http_person(r, true, &c, &p)) return false;
    *offender_id = p.id;
    return true;
}

void cc_send_body(http_req *r, buf *b, int rc) {
    if (rc < 0) {
        buf_dispose(b);
        http_db_error(r);
        return;
    }
    jw_raw(http_json(r), b->data ? b->data : "{}");
    buf_dispose(b);
    http_send_json(r, 200);
}
