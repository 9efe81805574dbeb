/* tier_write.c - new management tier (see tier_write.h). */
#include "tier_write.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "delius/write.h"

void mt_format_notes_date(const char *ts, char *out, size_t n) {
    /* ts = YYYY-MM-DDTHH:MM:SS[...] */
    if (strlen(ts) < 19) {
        snprintf(out, n, "%s", ts);
        return;
    }
    snprintf(out, n, "%.2s/%.2s/%.4s %.8s", ts + 8, ts + 5, ts, ts + 11);
}

/* Reference-list row by code and set name: 1 found, 0 missing, -1 error. */
static int ref_row(db_conn *c, const char *code, const char *set, int64_t *id, char *desc, size_t desclen) {
    db_stmt *s = db_query(c, "SELECT l.STANDARD_REFERENCE_LIST_ID, l.CODE_DESCRIPTION FROM R_STANDARD_REFERENCE_LIST l "
                             "JOIN R_REFERENCE_DATA_MASTER m ON m.REFERENCE_DATA_MASTER_ID = l.REFERENCE_DATA_MASTER_ID "
                             "WHERE l.CODE_VALUE = ? AND m.CODE_SET_NAME = ? ORDER BY l.STANDARD_REFERENCE_LIST_ID");
    if (!s) return -1;
    db_bind_text(s, 1, code);
    db_bind_text(s, 2, set);
    int rc = db_step(s);
    if (rc == 1) {
        *id = db_col_int(s, 0);
        const char *d = db_col_text(s, 1);
        snprintf(desc, desclen, "%s", d ? d : "");
    }
    db_done(s);
    return rc;
}

__attribute__((format(printf, 5, 6))) static mt_outcome fail(db_conn *c, mt_outcome o, char *err, size_t errlen,
                                                               const char *fmt, ...) {
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    } else {
        snprintf(err, errlen, "%s", db_errmsg(c));
    }
    db_rollback(c);
    return o;
}
#define DBFAIL() return fail(c, MT_DB_ERROR, err, errlen, NULL)

mt_outcome mt_update_tier(db_conn *c, const mt_calc *calc, int64_t *contact_id, char *err, size_t errlen) {
    err[0] = '\0';
    if (db_begin_write(c) != 0) {
        snprintf(err, errlen, "%s", db_errmsg(c));
        return MT_DB_ERROR;
    }
    /* 1. person (locked: serialises handlers of one person on PostgreSQL) */
    db_stmt *s = db_query(c, dw_lock_rows(c) ? "SELECT OFFENDER_ID, CURRENT_TIER FROM OFFENDER WHERE CRN = ? AND SOFT_DELETED = 0 FOR UPDATE"
                                             : "SELECT OFFENDER_ID, CURRENT_TIER FROM OFFENDER WHERE CRN = ? AND SOFT_DELETED = 0");
    if (!s) DBFAIL();
    db_bind_text(s, 1, calc->crn);
    int rc = db_step(s);
    int64_t offender_id = 0, current_tier = 0;
    bool has_tier = false;
    if (rc == 1) {
        offender_id = db_col_int(s, 0);
        has_tier = !db_col_is_null(s, 1);
        current_tier = db_col_int(s, 1);
    }
    db_done(s);
    if (rc < 0) DBFAIL();
    if (rc == 0) {
        db_rollback(c);
        return MT_PERSON_NOT_FOUND;
    }
    /* 2. reference rows */
    char code[64], tier_desc[256], reason_desc[256];
    snprintf(code, sizeof code, "U%s", calc->tier_score);
    int64_t tier_id = 0, reason_id = 0;
    rc = ref_row(c, code, "TIER", &tier_id, tier_desc, sizeof tier_desc);
    if (rc < 0) DBFAIL();
    if (rc == 0) return fail(c, MT_FAILED, err, errlen, "TIER with code of %s not found", code);
    rc = ref_row(c, "ATS", "TIER CHANGE REASON", &reason_id, reason_desc, sizeof reason_desc);
    if (rc < 0) DBFAIL();
    if (rc == 0) return fail(c, MT_FAILED, err, errlen, "TIER CHANGE REASON with code of %s not found", "ATS");
    /* 3. unchanged */
    if (has_tier && current_tier == tier_id) {
        db_rollback(c);
        return MT_UNCHANGED;
    }
    /* 4. the open management tier (IX_MANAGEMENT_TIER_OFFENDER_DATE) */
    s = db_query(c, "SELECT TIER_ID, DATE_CHANGED FROM MANAGEMENT_TIER WHERE OFFENDER_ID = ? "
                    "ORDER BY CASE WHEN END_DATE IS NULL THEN 0 ELSE 1 END, DATE_CHANGED DESC, TIER_ID DESC LIMIT 1");
    if (!s) DBFAIL();
    db_bind_int(s, 1, offender_id);
    rc = db_step(s);
    int64_t open_tier = 0;
    char open_date[64] = "";
    if (rc == 1) {
        open_tier = db_col_int(s, 0);
        snprintf(open_date, sizeof open_date, "%s", db_col_text(s, 1) ? db_col_text(s, 1) : "");
    }
    db_done(s);
    if (rc < 0) DBFAIL();
    bool has_open = rc == 1;
    /* ISO text: lexical order is chronological order */
    if (has_open && strcmp(open_date, calc->calculation_date) >= 0) {
        db_rollback(c);
        return MT_OUT_OF_ORDER;
    }
    int64_t user_id = 0;
    rc = dw_service_user(c, DW_TIER, &user_id);
    if (rc < 0) DBFAIL();
    if (rc == 0) return fail(c, MT_FAILED, err, errlen, "service user %s not found", dw_service_user_name(DW_TIER));
    /* staff and team of the first active manager's area */
    s = db_query(c, "SELECT pa.CODE, s.STAFF_ID, t.TEAM_ID FROM OFFENDER_MANAGER om "
                    "JOIN PROBATION_AREA pa ON pa.PROBATION_AREA_ID = om.PROBATION_AREA_ID "
                    "LEFT JOIN STAFF s ON s.OFFICER_CODE = pa.CODE || 'UTSO' "
                    "LEFT JOIN TEAM t ON t.CODE = pa.CODE || 'UTS' "
                    "WHERE om.OFFENDER_ID = ? AND om.ACTIVE_FLAG = 1 ORDER BY om.OFFENDER_MANAGER_ID LIMIT 1");
    if (!s) DBFAIL();
    db_bind_int(s, 1, offender_id);
    rc = db_step(s);
    char area[32] = "";
    bool has_staff = false, has_team = false;
    int64_t staff_id = 0, team_id = 0;
    if (rc == 1) {
        snprintf(area, sizeof area, "%s", db_col_text(s, 0) ? db_col_text(s, 0) : "");
        has_staff = !db_col_is_null(s, 1);
        staff_id = db_col_int(s, 1);
        has_team = !db_col_is_null(s, 2);
        team_id = db_col_int(s, 2);
    }
    db_done(s);
    if (rc < 0) DBFAIL();
    if (rc == 0) return fail(c, MT_FAILED, err, errlen, "PersonManager with crn of %s not found", calc->crn);
    char code2[48];
    if (!has_staff) {
        snprintf(code2, sizeof code2, "%sUTSO", area);
        return fail(c, MT_FAILED, err, errlen, "Staff with officerCode of %s not found", code2);
    }
    if (!has_team) {
        snprintf(code2, sizeof code2, "%sUTS", area);
        return fail(c, MT_FAILED, err, errlen, "Team with code of %s not found", code2);
    }
    char now[DW_TS_LEN];
    dw_now(now);
    /* 5. end-date the open tier */
    if (has_open) {
        s = db_query(c, "UPDATE MANAGEMENT_TIER SET END_DATE = ?, ROW_VERSION = ROW_VERSION + 1, "
                        "LAST_UPDATED_USER_ID = ?, LAST_UPDATED_DATETIME = ? "
                        "WHERE OFFENDER_ID = ? AND TIER_ID = ? AND DATE_CHANGED = ?");
        if (!s) DBFAIL();
        db_bind_text(s, 1, calc->calculation_date);
        db_bind_int(s, 2, user_id);
        db_bind_text(s, 3, now);
        db_bind_int(s, 4, offender_id);
        db_bind_int(s, 5, open_tier);
        db_bind_text(s, 6, open_date);
        rc = db_step(s);
        db_done(s);
        if (rc < 0) DBFAIL();
    }
    /* 6. the new management tier */
    s = db_query(c, "INSERT INTO MANAGEMENT_TIER (OFFENDER_ID, TIER_ID, DATE_CHANGED, TIER_CHANGE_REASON_ID, END_DATE, "
                    "PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, "
                    "LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) VALUES (?, ?, ?, ?, NULL, 0, 0, 0, ?, ?, ?, ?)");
    if (!s) DBFAIL();
    db_bind_int(s, 1, offender_id);
    db_bind_int(s, 2, tier_id);
    db_bind_text(s, 3, calc->calculation_date);
    db_bind_int(s, 4, reason_id);
    db_bind_int(s, 5, user_id);
    db_bind_text(s, 6, now);
    db_bind_int(s, 7, user_id);
    db_bind_text(s, 8, now);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) DBFAIL();
    /* 7. the ETCH20 contact */
    int64_t type_id = 0, cid = 0;
    rc = dw_contact_type(c, "ETCH20", &type_id, NULL);
    if (rc < 0) DBFAIL();
    if (rc == 0) return fail(c, MT_FAILED, err, errlen, "ContactType with code of %s not found", "ETCH20");
    if (dw_next_id(c, "CONTACT_ID_SEQ", &cid) != 0) DBFAIL();
    char when[24], notes[700], date[16];
    mt_format_notes_date(calc->calculation_date, when, sizeof when);
    snprintf(notes, sizeof notes, "Tier Change Date: %s\nTier: %s\nTier Change Reason: %s", when, tier_desc, reason_desc);
    snprintf(date, sizeof date, "%.10s", calc->calculation_date);
    s = db_query(c, "INSERT INTO CONTACT (CONTACT_ID, OFFENDER_ID, CONTACT_TYPE_ID, CONTACT_DATE, CONTACT_START_TIME, NOTES, "
                    "STAFF_ID, TEAM_ID, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, "
                    "CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?)");
    if (!s) DBFAIL();
    db_bind_int(s, 1, cid);
    db_bind_int(s, 2, offender_id);
    db_bind_int(s, 3, type_id);
    db_bind_text(s, 4, date);
    db_bind_text(s, 5, calc->calculation_date);
    db_bind_text(s, 6, notes);
    db_bind_int(s, 7, staff_id);
    db_bind_int(s, 8, team_id);
    db_bind_int(s, 9, user_id);
    db_bind_text(s, 10, now);
    db_bind_int(s, 11, user_id);
    db_bind_text(s, 12, now);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) DBFAIL();
    /* 8. the person's current tier (LAST_UPDATED_* unchanged, as the original) */
    s = db_query(c, "UPDATE OFFENDER SET CURRENT_TIER = ?, ROW_VERSION = ROW_VERSION + 1 WHERE OFFENDER_ID = ?");
    if (!s) DBFAIL();
    db_bind_int(s, 1, tier_id);
    db_bind_int(s, 2, offender_id);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) DBFAIL();
    if (db_commit(c) != 0) DBFAIL();
    if (contact_id) *contact_id = cid;
    return MT_UPDATED;
}
