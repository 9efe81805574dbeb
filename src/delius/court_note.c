/* court_note.c - court case note -> C294 contact (see court_note.h). */
#include "court_note.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "delius/write.h"

typedef struct ctx {
    db_conn *c;
    char *err;
    size_t errlen;
    int64_t user_id; /* 0 until known */
    char started[DW_TS_LEN];
    const char *reference;
} ctx;

static cn_outcome db_fail(ctx *x) {
    snprintf(x->err, x->errlen, "%s", db_errmsg(x->c));
    db_rollback(x->c);
    return CN_DB_ERROR;
}

__attribute__((format(printf, 2, 3))) static cn_outcome not_found(ctx *x, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err, x->errlen, fmt, ap);
    va_end(ap);
    db_rollback(x->c);
    if (x->user_id > 0) {
        dw_params p;
        dw_params_init(&p);
        dw_params_add(&p, "externalReference", x->reference);
        dw_audit_failure(x->c, "CLBI007", x->user_id, x->started, p.text);
    }
    return CN_NOT_FOUND;
}

cn_outcome cn_merge(db_conn *c, const cn_note *note, int64_t *contact_id, char *err, size_t errlen) {
    ctx x = {.c = c, .err = err, .errlen = errlen, .reference = note->reference};
    err[0] = '\0';
    dw_now(x.started);
    if (db_begin_write(c) != 0) return db_fail(&x);
    int64_t uid = 0, bi = 0;
    int rc = dw_service_user(c, DW_COURT_CASE, &uid);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) {
        snprintf(err, errlen, "service user %s not found", dw_service_user_name(DW_COURT_CASE));
        db_rollback(c);
        return CN_FAILED;
    }
    x.user_id = uid;
    rc = dw_business_interaction(c, "CLBI007", x.started, &bi);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) {
        snprintf(err, errlen, "BusinessInteraction with code of %s not found", "CLBI007");
        db_rollback(c);
        return CN_FAILED;
    }
    /* the person, locked on PostgreSQL */
    db_stmt *s = db_query(c, dw_lock_rows(c) ? "SELECT OFFENDER_ID FROM OFFENDER WHERE CRN = ? AND SOFT_DELETED = 0 FOR UPDATE"
                                             : "SELECT OFFENDER_ID FROM OFFENDER WHERE CRN = ? AND SOFT_DELETED = 0");
    if (!s) return db_fail(&x);
    db_bind_text(s, 1, note->crn);
    rc = db_step(s);
    int64_t offender_id = rc == 1 ? db_col_int(s, 0) : 0;
    db_done(s);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) return not_found(&x, "Person with crn of %s not found", note->crn);
    /* the existing contact (IX_CONTACT_EXTERNAL_REFERENCE) */
    s = db_query(c, "SELECT CONTACT_ID, LAST_UPDATED_DATETIME FROM CONTACT WHERE EXTERNAL_REFERENCE = ? "
                    "AND OFFENDER_ID = ? AND SOFT_DELETED = 0 ORDER BY CONTACT_ID LIMIT 1");
    if (!s) return db_fail(&x);
    db_bind_text(s, 1, note->reference);
    db_bind_int(s, 2, offender_id);
    rc = db_step(s);
    int64_t cid = 0;
    char last_updated[64] = "";
    if (rc == 1) {
        cid = db_col_int(s, 0);
        snprintf(last_updated, sizeof last_updated, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
    }
    db_done(s);
    if (rc < 0) return db_fail(&x);
    bool exists = rc == 1;
    char now[DW_TS_LEN], date[16];
    dw_now(now);
    snprintf(date, sizeof date, "%.10s", note->occurred_at);
    cn_outcome outcome;
    if (exists) {
        /* truncated to seconds: the first 19 characters of the ISO text */
        if (strncmp(last_updated, note->occurred_at, 19) >= 0) {
            db_rollback(c);
            if (contact_id) *contact_id = cid;
            return CN_OUT_OF_SEQUENCE;
        }
        s = db_query(c, "UPDATE CONTACT SET NOTES = ?, CONTACT_DATE = ?, CONTACT_START_TIME = ?, "
                        "LAST_UPDATED_DATETIME = ?, LAST_UPDATED_USER_ID = ?, ROW_VERSION = ROW_VERSION + 1 "
                        "WHERE CONTACT_ID = ?");
        if (!s) return db_fail(&x);
        db_bind_text(s, 1, note->notes);
        db_bind_text(s, 2, date);
        db_bind_text(s, 3, note->occurred_at);
        db_bind_text(s, 4, now);
        db_bind_int(s, 5, uid);
        db_bind_int(s, 6, cid);
        rc = db_step(s);
        db_done(s);
        if (rc < 0) return db_fail(&x);
        outcome = CN_UPDATED;
    } else {
        int64_t type_id = 0;
        char sensitive = 'N';
        rc = dw_contact_type(c, "C294", &type_id, &sensitive);
        if (rc < 0) return db_fail(&x);
        if (rc == 0) return not_found(&x, "ContactType with code of %s not found", "C294");
        /* the first active offender manager (IX_OFFENDER_MANAGER_OFFENDER_ACTIVE) */
        s = db_query(c, "SELECT PROBATION_AREA_ID, TEAM_ID, ALLOCATION_STAFF_ID, STAFF_EMPLOYEE_ID FROM OFFENDER_MANAGER "
                        "WHERE OFFENDER_ID = ? AND ACTIVE_FLAG = 1 AND SOFT_DELETED = 0 ORDER BY OFFENDER_MANAGER_ID LIMIT 1");
        if (!s) return db_fail(&x);
        db_bind_int(s, 1, offender_id);
        rc = db_step(s);
        int64_t area = 0, team = 0, staff = 0, staff_employee = 0;
        if (rc == 1) {
            area = db_col_int(s, 0);
            team = db_col_int(s, 1);
            staff = db_col_int(s, 2);
            staff_employee = db_col_int(s, 3);
        }
        db_done(s);
        if (rc < 0) return db_fail(&x);
        if (rc == 0) return not_found(&x, "PersonManager with crn of %s not found", note->crn);
        if (dw_next_id(c, "CONTACT_ID_SEQ", &cid) != 0) return db_fail(&x);
        char sens[2] = {sensitive, '\0'};
        s = db_query(c, "INSERT INTO CONTACT (CONTACT_ID, OFFENDER_ID, CONTACT_TYPE_ID, CONTACT_DATE, CONTACT_START_TIME, "
                        "NOTES, STAFF_ID, TEAM_ID, PROBATION_AREA_ID, STAFF_EMPLOYEE_ID, TRUST_PROVIDER_TEAM_ID, "
                        "TRUST_PROVIDER_FLAG, EXTERNAL_REFERENCE, SENSITIVE, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, "
                        "CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, 0, 0, ?, ?, ?, ?)");
        if (!s) return db_fail(&x);
        db_bind_int(s, 1, cid);
        db_bind_int(s, 2, offender_id);
        db_bind_int(s, 3, type_id);
        db_bind_text(s, 4, date);
        db_bind_text(s, 5, note->occurred_at);
        db_bind_text(s, 6, note->notes);
        db_bind_int(s, 7, staff);
        db_bind_int(s, 8, team);
        db_bind_int(s, 9, area);
        db_bind_int(s, 10, staff_employee);
        db_bind_int(s, 11, team);
        db_bind_text(s, 12, note->reference);
        db_bind_text(s, 13, sens);
        db_bind_int(s, 14, uid);
        db_bind_text(s, 15, now);
        db_bind_int(s, 16, uid);
        db_bind_text(s, 17, now);
        rc = db_step(s);
        db_done(s);
        if (rc < 0) return db_fail(&x);
        outcome = CN_INSERTED;
    }
    dw_params p;
    dw_params_init(&p);
    dw_params_add_int(&p, "contactId", cid);
    dw_params_add_int(&p, "offenderId", offender_id);
    if (dw_audit(c, bi, uid, x.started, 'P', p.text) != 0) return db_fail(&x);
    if (db_commit(c) != 0) return db_fail(&x);
    if (contact_id) *contact_id = cid;
    return outcome;
}
