/* upw_document.c - unpaid-work assessment -> contact, document, audit (see upw_document.h). */
#include "upw_document.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "delius/write.h"

void ua_filename(const char *first, const char *surname, const char *crn, char *out, size_t n) {
    char raw[400];
    snprintf(raw, sizeof raw, "%s-%s-%s-UPW.pdf", first ? first : "", surname ? surname : "", crn ? crn : "");
    size_t k = 0;
    for (const char *p = raw; *p && k + 1 < n; p++) {
        char ch = *p;
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
            ch == ' ')
            out[k++] = ch;
    }
    if (n) out[k] = '\0';
}

/* 1 when a live CONTACT or DOCUMENT has the reference, 0 when none, -1 on error. */
static int duplicate(db_conn *c, const char *ref) {
    /* literal SOFT_DELETED = 0 so SQLite uses the partial unique indexes */
    db_stmt *s = db_query(c, "SELECT 1 FROM CONTACT WHERE EXTERNAL_REFERENCE = ? AND SOFT_DELETED = 0 "
                             "UNION ALL SELECT 1 FROM DOCUMENT WHERE EXTERNAL_REFERENCE = ? AND SOFT_DELETED = 0");
    if (!s) return -1;
    db_bind_text(s, 1, ref);
    db_bind_text(s, 2, ref);
    int rc = db_step(s);
    db_done(s);
    return rc;
}

ua_outcome ua_check(db_conn *c, const char *crn, int64_t event_id, const char *episode_id, ua_case *out, char *err,
                    size_t errlen) {
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    snprintf(out->crn, sizeof out->crn, "%s", crn);
    snprintf(out->external_reference, sizeof out->external_reference, "urn:hmpps:unpaid-work-assessment:%s", episode_id);
    out->event_id = event_id;
    db_stmt *s = db_query(c, "SELECT OFFENDER_ID, FIRST_NAME, SURNAME FROM OFFENDER WHERE CRN = ? AND SOFT_DELETED = 0");
    if (!s) goto dberr;
    db_bind_text(s, 1, crn);
    int rc = db_step(s);
    if (rc == 1) {
        out->offender_id = db_col_int(s, 0);
        ua_filename(db_col_text(s, 1), db_col_text(s, 2), crn, out->filename, sizeof out->filename);
    }
    db_done(s);
    if (rc < 0) goto dberr;
    if (rc == 0) return UA_PERSON_NOT_FOUND;
    s = db_query(c, "SELECT 1 FROM EVENT WHERE EVENT_ID = ? AND OFFENDER_ID = ? AND ACTIVE_FLAG = 1 AND SOFT_DELETED = 0");
    if (!s) goto dberr;
    db_bind_int(s, 1, event_id);
    db_bind_int(s, 2, out->offender_id);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) goto dberr;
    if (rc == 0) {
        snprintf(err, errlen, "Event with id of %lld not found", (long long)event_id);
        return UA_EVENT_NOT_FOUND;
    }
    rc = duplicate(c, out->external_reference);
    if (rc < 0) goto dberr;
    return rc == 1 ? UA_DUPLICATE : UA_OK;
dberr:
    snprintf(err, errlen, "%s", db_errmsg(c));
    return UA_DB_ERROR;
}

typedef struct ctx {
    db_conn *c;
    docstore *store;
    const char *doc_id; /* stored document, deleted on failure */
    char *err;
    size_t errlen;
    int64_t user_id;
    char started[DW_TS_LEN];
} ctx;

/* Rolls back, deletes the stored file, writes the 'F' audit row (not for a duplicate). */
static void undo(ctx *x, bool audit) {
    db_rollback(x->c);
    if (x->doc_id && x->doc_id[0]) {
        char derr[256];
        docstore_delete(x->store, x->doc_id, derr, sizeof derr);
    }
    if (audit && x->user_id > 0) dw_audit_failure(x->c, "WPBI006", x->user_id, x->started, "");
}

static ua_outcome db_fail(ctx *x) {
    snprintf(x->err, x->errlen, "%s", db_errmsg(x->c));
    bool dup = db_errclass(x->c) == DB_ERR_UNIQUE; /* a concurrent delivery won the race */
    undo(x, !dup);
    return dup ? UA_DUPLICATE : UA_DB_ERROR;
}

__attribute__((format(printf, 2, 3))) static ua_outcome failed(ctx *x, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err, x->errlen, fmt, ap);
    va_end(ap);
    undo(x, true);
    return UA_FAILED;
}

ua_outcome ua_store(db_conn *c, docstore *store, const ua_case *k, const char *pdf, size_t len, const char *occurred_at,
                    int64_t *contact_id, char *doc_id, size_t doc_id_len, char *err, size_t errlen) {
    ctx x = {.c = c, .store = store, .err = err, .errlen = errlen};
    err[0] = '\0';
    doc_id[0] = '\0';
    dw_now(x.started);
    /* the contact id, reserved on its own (the store's upload names it) */
    int64_t cid = 0;
    if (db_begin_write(c) != 0) return db_fail(&x);
    if (dw_next_id(c, "CONTACT_ID_SEQ", &cid) != 0) return db_fail(&x);
    if (db_commit(c) != 0) return db_fail(&x);
    if (!store) {
        snprintf(err, errlen, "document store unavailable");
        return UA_FAILED;
    }
    /* the file */
    char entity[24], serr[256];
    snprintf(entity, sizeof entity, "%lld", (long long)cid);
    docstore_fields f = {.crn = k->crn,
                         .entity_id = entity,
                         .entity_type = "CONTACT",
                         .author = "Service,UPW",
                         .doc_type = "DOCUMENT",
                         .real_user = dw_service_user_name(DW_UPW)};
    int src = docstore_put_fields(store, k->filename, "application/octet-stream", pdf, len, &f, doc_id, doc_id_len, serr, sizeof serr);
    if (src != DOCSTORE_OK) {
        snprintf(err, errlen, "document store: %s", serr);
        return UA_FAILED;
    }
    x.doc_id = doc_id;
    /* the rows, in one transaction */
    if (db_begin_write(c) != 0) return db_fail(&x);
    int64_t uid = 0, bi = 0;
    int rc = dw_service_user(c, DW_UPW, &uid);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) return failed(&x, "User with username of %s not found", dw_service_user_name(DW_UPW));
    x.user_id = uid;
    rc = dw_business_interaction(c, "WPBI006", x.started, &bi);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) return failed(&x, "BusinessInteraction with code of %s not found", "WPBI006");
    db_stmt *s = db_query(c, dw_lock_rows(c) ? "SELECT 1 FROM OFFENDER WHERE OFFENDER_ID = ? AND SOFT_DELETED = 0 FOR UPDATE"
                                             : "SELECT 1 FROM OFFENDER WHERE OFFENDER_ID = ? AND SOFT_DELETED = 0");
    if (!s) return db_fail(&x);
    db_bind_int(s, 1, k->offender_id);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) return failed(&x, "Person with crn of %s not found", k->crn);
    rc = duplicate(c, k->external_reference);
    if (rc < 0) return db_fail(&x);
    if (rc == 1) {
        db_rollback(c);
        docstore_delete(store, doc_id, serr, sizeof serr);
        return UA_DUPLICATE;
    }
    int64_t type_id = 0;
    rc = dw_contact_type(c, "EASU", &type_id, NULL);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) return failed(&x, "ContactType with code of %s not found", "EASU");
    s = db_query(c, "SELECT ALLOCATION_STAFF_ID, TEAM_ID FROM OFFENDER_MANAGER WHERE OFFENDER_ID = ? AND ACTIVE_FLAG = 1 "
                    "ORDER BY OFFENDER_MANAGER_ID LIMIT 1");
    if (!s) return db_fail(&x);
    db_bind_int(s, 1, k->offender_id);
    rc = db_step(s);
    int64_t staff = rc == 1 ? db_col_int(s, 0) : 0, team = rc == 1 ? db_col_int(s, 1) : 0;
    db_done(s);
    if (rc < 0) return db_fail(&x);
    if (rc == 0) return failed(&x, "PersonManager with crn of %s not found", k->crn);
    char now[DW_TS_LEN], date[16];
    dw_now(now);
    if (!occurred_at) occurred_at = now;
    snprintf(date, sizeof date, "%.10s", occurred_at);
    s = db_query(c, "INSERT INTO CONTACT (CONTACT_ID, OFFENDER_ID, EVENT_ID, CONTACT_TYPE_ID, CONTACT_DATE, CONTACT_START_TIME, "
                    "NOTES, STAFF_ID, TEAM_ID, EXTERNAL_REFERENCE, DOCUMENT_LINKED, SENSITIVE, PARTITION_AREA_ID, "
                    "SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, "
                    "LAST_UPDATED_DATETIME) VALUES (?, ?, ?, ?, ?, ?, 'CP/UPW Assessment', ?, ?, ?, 'Y', 'N', 0, 0, 0, "
                    "?, ?, ?, ?)");
    if (!s) return db_fail(&x);
    db_bind_int(s, 1, cid);
    db_bind_int(s, 2, k->offender_id);
    db_bind_int(s, 3, k->event_id);
    db_bind_int(s, 4, type_id);
    db_bind_text(s, 5, date);
    db_bind_text(s, 6, occurred_at);
    db_bind_int(s, 7, staff);
    db_bind_int(s, 8, team);
    db_bind_text(s, 9, k->external_reference);
    db_bind_int(s, 10, uid);
    db_bind_text(s, 11, now);
    db_bind_int(s, 12, uid);
    db_bind_text(s, 13, now);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) return db_fail(&x);
    int64_t did = 0;
    if (dw_next_id(c, "DOCUMENT_ID_SEQ", &did) != 0) return db_fail(&x);
    s = db_query(c, "INSERT INTO DOCUMENT (DOCUMENT_ID, OFFENDER_ID, ALFRESCO_DOCUMENT_ID, PRIMARY_KEY_ID, TABLE_NAME, "
                    "DOCUMENT_NAME, DOCUMENT_TYPE, EXTERNAL_REFERENCE, LAST_SAVED, STATUS, SENSITIVE, PARTITION_AREA_ID, "
                    "SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID) "
                    "VALUES (?, ?, ?, ?, 'CONTACT', ?, 'DOCUMENT', ?, ?, 'N', 0, 0, 0, 0, ?, ?, ?)");
    if (!s) return db_fail(&x);
    db_bind_int(s, 1, did);
    db_bind_int(s, 2, k->offender_id);
    db_bind_text(s, 3, doc_id);
    db_bind_int(s, 4, cid);
    db_bind_text(s, 5, k->filename);
    db_bind_text(s, 6, k->external_reference);
    db_bind_text(s, 7, now);
    db_bind_int(s, 8, uid);
    db_bind_text(s, 9, now);
    db_bind_int(s, 10, uid);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) return db_fail(&x);
    if (dw_audit(c, bi, uid, x.started, 'P', "") != 0) return db_fail(&x);
    if (db_commit(c) != 0) return db_fail(&x);
    if (contact_id) *contact_id = cid;
    return UA_OK;
}
