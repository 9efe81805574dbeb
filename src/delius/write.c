/* write.c - the consumers' write path (see write.h). */
#include "write.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/timeutil.h"

const char *dw_service_user_name(dw_service s) {
    const char *v = NULL;
    switch (s) {
    case DW_TIER: v = cfg.service_user_tier; return v ? v : "TierToDelius";
    case DW_UPW: v = cfg.service_user_upw; return v ? v : "UnpaidWorkAndDelius";
    case DW_COURT_CASE: v = cfg.service_user_court_case; return v ? v : "CourtCaseAndDelius";
    }
    return "";
}

int dw_user_id(db_conn *c, const char *name, int64_t *id) {
    /* exact match (platform.md §7.5), index IX_USER_DISTINGUISHED_NAME */
    db_stmt *s = db_query(c, "SELECT USER_ID FROM USER_ WHERE DISTINGUISHED_NAME = ? ORDER BY USER_ID");
    if (!s) return -1;
    db_bind_text(s, 1, name);
    int rc = db_step(s);
    if (rc == 1) *id = db_col_int(s, 0);
    db_done(s);
    return rc;
}

int dw_service_user(db_conn *c, dw_service s, int64_t *id) { return dw_user_id(c, dw_service_user_name(s), id); }

int dw_check_service_users(db_conn *c, char *err, size_t errlen) {
    for (int s = DW_TIER; s <= DW_COURT_CASE; s++) {
        int64_t id;
        int rc = dw_service_user(c, (dw_service)s, &id);
        if (rc < 0) {
            snprintf(err, errlen, "service user look-up failed: %s", db_errmsg(c));
            return -1;
        }
        if (rc == 0) {
            snprintf(err, errlen, "service user %s not found in USER_ (DISTINGUISHED_NAME)",
                     dw_service_user_name((dw_service)s));
            return -1;
        }
    }
    return 0;
}

int dw_next_id(db_conn *c, const char *seq, int64_t *id) {
    /* One statement: the UPDATE takes the row lock (PostgreSQL) / needs the write
     * lock (SQLite) and RETURNING gives the reserved value. */
    db_stmt *s = db_query(c, "UPDATE DELIUSD_SEQUENCE SET NEXT_VALUE = NEXT_VALUE + 1 WHERE NAME = ? "
                             "RETURNING NEXT_VALUE - 1");
    if (!s) return -1;
    db_bind_text(s, 1, seq);
    int rc = db_step(s);
    if (rc == 1) *id = db_col_int(s, 0);
    db_done(s);
    if (rc == 0) db_set_error(c, false, "sequence %s not found in DELIUSD_SEQUENCE", seq);
    return rc == 1 ? 0 : -1;
}

int dw_contact_type(db_conn *c, const char *code, int64_t *id, char *sensitive) {
    db_stmt *s = db_query(c, "SELECT CONTACT_TYPE_ID, SENSITIVE_CONTACT FROM R_CONTACT_TYPE WHERE CODE = ?");
    if (!s) return -1;
    db_bind_text(s, 1, code);
    int rc = db_step(s);
    if (rc == 1) {
        *id = db_col_int(s, 0);
        const char *y = db_col_text(s, 1);
        if (sensitive) *sensitive = y && *y == 'Y' ? 'Y' : 'N';
    }
    db_done(s);
    return rc;
}

bool dw_lock_rows(const db_conn *c) { return db_kind_of(c) == DB_POSTGRES; }

static _Atomic int64_t last_us;

void dw_now(char out[DW_TS_LEN]) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    int64_t prev = atomic_load(&last_us);
    for (;;) {
        int64_t next = now > prev ? now : prev + 1;
        if (atomic_compare_exchange_weak(&last_us, &prev, next)) {
            now = next;
            break;
        }
    }
    time_t sec = (time_t)(now / 1000000);
    struct tm tm;
    localtime_r(&sec, &tm);
    char clock[16], date[16];
    strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    if (tu_today_pinned())
        tu_today(date, sizeof date);
    else
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
    snprintf(out, DW_TS_LEN, "%sT%s.%06ld", date, clock, (long)(now % 1000000));
}

void dw_params_init(dw_params *p) {
    p->len = 0;
    p->text[0] = '\0';
}

/* Appends n bytes of s, stopping at DW_PARAMS_MAX and never inside a UTF-8 sequence. */
static void params_put(dw_params *p, const char *s, size_t n) {
    size_t room = DW_PARAMS_MAX - p->len;
    if (n > room) {
        n = room;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--; /* s[n] continues a character */
    }
    memcpy(p->text + p->len, s, n);
    p->len += n;
    p->text[p->len] = '\0';
}

void dw_params_add(dw_params *p, const char *key, const char *value) {
    if (p->len >= DW_PARAMS_MAX) return;
    if (p->len) params_put(p, ",", 1);
    params_put(p, key, strlen(key));
    params_put(p, "='", 2);
    if (value) params_put(p, value, strlen(value));
    params_put(p, "'", 1);
}

void dw_params_add_int(dw_params *p, const char *key, int64_t value) {
    char v[24];
    snprintf(v, sizeof v, "%lld", (long long)value);
    dw_params_add(p, key, v);
}

int dw_business_interaction(db_conn *c, const char *code, const char *now, int64_t *id) {
    /* UX_BUSINESS_INTERACTION_CODE */
    db_stmt *s = db_query(c, "SELECT BUSINESS_INTERACTION_ID FROM BUSINESS_INTERACTION WHERE BUSINESS_INTERACTION_CODE = ? "
                             "AND (ENABLED_DATE IS NULL OR ENABLED_DATE <= ?)");
    if (!s) return -1;
    db_bind_text(s, 1, code);
    db_bind_text(s, 2, now);
    int rc = db_step(s);
    if (rc == 1) *id = db_col_int(s, 0);
    db_done(s);
    return rc;
}

int dw_audit(db_conn *c, int64_t business_interaction_id, int64_t user_id, const char *date_time, char outcome,
             const char *params) {
    db_stmt *s = db_query(c, "INSERT INTO AUDITED_INTERACTION (DATE_TIME, BUSINESS_INTERACTION_ID, USER_ID, OUTCOME, "
                             "INTERACTION_PARAMETERS) VALUES (?, ?, ?, ?, ?)");
    if (!s) return -1;
    char oc[2] = {outcome, '\0'};
    db_bind_text(s, 1, date_time);
    db_bind_int(s, 2, business_interaction_id);
    db_bind_int(s, 3, user_id);
    db_bind_text(s, 4, oc);
    db_bind_text(s, 5, params ? params : "");
    int rc = db_step(s);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

int dw_audit_failure(db_conn *c, const char *code, int64_t user_id, const char *date_time, const char *params) {
    if (db_begin_write(c) != 0) return -1;
    int64_t bi;
    if (dw_business_interaction(c, code, date_time, &bi) != 1 || dw_audit(c, bi, user_id, date_time, 'F', params) != 0) {
        db_rollback(c);
        return -1;
    }
    if (db_commit(c) != 0) {
        db_rollback(c);
        return -1;
    }
    return 0;
}

void dw_telemetry(const char *name, ...) {
    const char *props[33];
    size_t n = 0;
    va_list ap;
    va_start(ap, name);
    for (;;) {
        const char *k = va_arg(ap, const char *);
        if (!k) break;
        const char *v = va_arg(ap, const char *);
        if (n + 2 < sizeof props / sizeof props[0]) {
            props[n++] = k;
            props[n++] = v;
        }
    }
    va_end(ap);
    props[n] = NULL;
    log_event(name, props);
    metrics_event(name);
}
