/* test_write.c - the consumers' write path (src/delius/write.h, db_begin_write,
 * db_errclass, tu_to_london) against a temporary migrated SQLite file; with
 * DELIUSD_TEST_PG set (a libpq keyword string), the database tests run again on
 * a throwaway PostgreSQL database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "db/db.h"
#include "delius/court_note.h"
#include "delius/tier_write.h"
#include "delius/upw_document.h"
#include "delius/write.h"
#include "services/events/events.h"

static char db_url[512];
static char db_dir[256];

static db_conn *open_db(void) {
    char err[256];
    db_conn *c = db_open(db_url, err, sizeof err);
    if (!c) fail_msg("db_open: %s", err);
    return c;
}

static int64_t scalar(db_conn *c, const char *sql) {
    db_stmt *s = db_query(c, sql);
    assert_non_null(s);
    assert_int_equal(db_step(s), 1);
    int64_t v = db_col_int(s, 0);
    db_done(s);
    return v;
}

/* ---- pure functions --------------------------------------------------------- */

static void test_to_london(void **state) {
    (void)state;
    char out[40];
    assert_true(tu_to_london("2021-04-23T18:25:43.511Z", out, sizeof out)); /* BST: +1 */
    assert_string_equal(out, "2021-04-23T19:25:43.511");
    assert_true(tu_to_london("2022-10-18T08:19:19.451579+01:00", out, sizeof out));
    assert_string_equal(out, "2022-10-18T08:19:19.451579");
    assert_true(tu_to_london("2022-01-10T12:00:00Z", out, sizeof out)); /* GMT */
    assert_string_equal(out, "2022-01-10T12:00:00");
    assert_true(tu_to_london("2022-01-10T23:30:00-05:00", out, sizeof out)); /* next day in London */
    assert_string_equal(out, "2022-01-11T04:30:00");
    assert_true(tu_to_london("2022-10-11T12:00:00.123456789+0100", out, sizeof out)); /* fraction cut at 6 */
    assert_string_equal(out, "2022-10-11T12:00:00.123456");
    assert_true(tu_to_london("2021-04-23T19:25:43.511+01:00[Europe/London]", out, sizeof out));
    assert_string_equal(out, "2021-04-23T19:25:43.511");
    assert_true(tu_to_london("2022-10-18T08:19:19", out, sizeof out)); /* no offset: London local */
    assert_string_equal(out, "2022-10-18T08:19:19");
    assert_true(tu_to_london("2022-10-18T08:19Z", out, sizeof out)); /* seconds optional */
    assert_string_equal(out, "2022-10-18T09:19:00");
    strcpy(out, "untouched");
    assert_false(tu_to_london("2022-02-30T00:00:00Z", out, sizeof out));
    assert_false(tu_to_london("2022-10-18", out, sizeof out));
    assert_false(tu_to_london("2022-10-18T25:00:00Z", out, sizeof out));
    assert_false(tu_to_london("2022-10-18T08:19:19+01:00x", out, sizeof out));
    assert_false(tu_to_london("2022-10-18T08:19:19.Z", out, sizeof out));
    assert_false(tu_to_london("", out, sizeof out));
    assert_false(tu_to_london(NULL, out, sizeof out));
    assert_string_equal(out, "untouched");
}

static void test_now_strictly_increasing(void **state) {
    (void)state;
    char prev[DW_TS_LEN], cur[DW_TS_LEN];
    dw_now(prev);
    assert_int_equal(strlen(prev), 26); /* YYYY-MM-DDTHH:MM:SS.ffffff */
    assert_int_equal(prev[10], 'T');
    assert_int_equal(prev[19], '.');
    for (int i = 0; i < 10000; i++) {
        dw_now(cur);
        assert_true(strcmp(prev, cur) < 0);
        strcpy(prev, cur);
    }
}

static void test_params(void **state) {
    (void)state;
    dw_params p;
    dw_params_init(&p);
    assert_string_equal(p.text, "");
    dw_params_add(&p, "offenderId", "12");
    dw_params_add_int(&p, "contactId", 1000001);
    dw_params_add(&p, "empty", NULL);
    assert_string_equal(p.text, "offenderId='12',contactId='1000001',empty=''");
    /* cut at 500 bytes */
    char big[700];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    dw_params_add(&p, "notes", big);
    assert_int_equal(strlen(p.text), DW_PARAMS_MAX);
    dw_params_add(&p, "more", "1"); /* full: ignored */
    assert_int_equal(strlen(p.text), DW_PARAMS_MAX);
    /* never inside a UTF-8 character: 'é' is 2 bytes */
    dw_params_init(&p);
    char utf[600] = "";
    for (int i = 0; i < 290; i++) strcat(utf, "\xc3\xa9");
    dw_params_add(&p, "k", utf); /* "k='" = 3 bytes, then 497 bytes room: 248 characters, then "'" */
    assert_int_equal(p.len, 3 + 248 * 2 + 1);
    assert_int_equal((unsigned char)p.text[p.len - 2], 0xa9);
    assert_int_equal(p.text[p.len - 1], '\'');
    dw_params_init(&p);
    dw_params_add(&p, "kk", utf); /* 496 bytes room: 248 characters exactly, no room for "'" */
    assert_int_equal(p.len, 4 + 248 * 2);
    assert_int_equal((unsigned char)p.text[p.len - 1], 0xa9);
}

static void test_text_rules(void **state) {
    (void)state;
    char out[200];
    /* UPW file name: only [A-Za-z0-9-. ] kept (unpaid-work-and-delius.md §3.3 step 7) */
    ua_filename("David", "Banner", "D001022", out, sizeof out);
    assert_string_equal(out, "David-Banner-D001022-UPW.pdf");
    ua_filename("J\xc3\xa9r\xc3\xb4me", "O'Brien-Smith Jr.", "X000001", out, sizeof out);
    assert_string_equal(out, "Jrme-OBrien-Smith Jr.-X000001-UPW.pdf");
    ua_filename("A/../b", "c\\d", "E000001", out, 12); /* path characters go; output bounded */
    assert_string_equal(out, "A..b-cd-E00");
    /* ETCH20 notes date: dd/MM/yyyy HH:mm:ss */
    mt_format_notes_date("2022-10-11T12:00:00.123456", out, sizeof out);
    assert_string_equal(out, "11/10/2022 12:00:00");
    mt_format_notes_date("2021-04-23T19:25:43", out, sizeof out);
    assert_string_equal(out, "23/04/2021 19:25:43");
    /* CRNs never reach a log line */
    evh_redact("http://x/crn/A000001/tier/1?c=A000001", "A000001", out, sizeof out);
    assert_string_equal(out, "http://x/crn/[crn]/tier/1?c=[crn]");
    evh_redact("Person with crn of A000001 not found", NULL, out, sizeof out);
    assert_string_equal(out, "Person with crn of A000001 not found");
    evh_redact("A000001", "A000001", out, 4);
    assert_string_equal(out, "[cr");
    /* a value from an event as one URL path segment */
    assert_true(evh_path_segment("A000001", out, sizeof out));
    assert_string_equal(out, "A000001");
    assert_true(evh_path_segment("../x y/%", out, sizeof out));
    assert_string_equal(out, "..%2Fx%20y%2F%25");
    assert_false(evh_path_segment("abc/", out, 5));
}

/* ---- database --------------------------------------------------------------- */

static void test_service_users(void **state) {
    (void)state;
    db_conn *c = open_db();
    int64_t id = 0;
    assert_int_equal(dw_service_user(c, DW_TIER, &id), 1);
    assert_int_equal(id, 1);
    assert_int_equal(dw_service_user(c, DW_UPW, &id), 1);
    assert_int_equal(id, 2);
    assert_int_equal(dw_service_user(c, DW_COURT_CASE, &id), 1);
    assert_int_equal(id, 3);
    assert_string_equal(dw_service_user_name(DW_TIER), "TierToDelius");
    /* exact match only (the LAO look-up is case-insensitive, this one is not) */
    assert_int_equal(dw_user_id(c, "tiertodelius", &id), 0);
    assert_int_equal(dw_user_id(c, "NoSuchUser", &id), 0);
    char err[256] = "";
    assert_int_equal(dw_check_service_users(c, err, sizeof err), 0);
    /* a missing service user is reported by name */
    assert_int_equal(db_exec(c, "UPDATE USER_ SET DISTINGUISHED_NAME = 'Renamed' WHERE USER_ID = 3"), 0);
    assert_int_equal(dw_check_service_users(c, err, sizeof err), -1);
    assert_non_null(strstr(err, "CourtCaseAndDelius"));
    assert_int_equal(db_exec(c, "UPDATE USER_ SET DISTINGUISHED_NAME = 'CourtCaseAndDelius' WHERE USER_ID = 3"), 0);
    db_close(c);
}

static void test_next_id(void **state) {
    (void)state;
    db_conn *c = open_db();
    int64_t a = 0, b = 0, d = 0;
    int64_t start = scalar(c, "SELECT NEXT_VALUE FROM DELIUSD_SEQUENCE WHERE NAME = 'CONTACT_ID_SEQ'");
    assert_true(start >= 1000000);
    assert_int_equal(db_begin_write(c), 0);
    assert_int_equal(dw_next_id(c, "CONTACT_ID_SEQ", &a), 0);
    assert_int_equal(dw_next_id(c, "CONTACT_ID_SEQ", &b), 0);
    assert_int_equal(db_commit(c), 0);
    assert_int_equal(a, start);
    assert_int_equal(b, start + 1);
    /* a rolled-back reservation is given out again */
    assert_int_equal(db_begin_write(c), 0);
    assert_int_equal(dw_next_id(c, "CONTACT_ID_SEQ", &d), 0);
    assert_int_equal(d, start + 2);
    assert_int_equal(db_rollback(c), 0);
    assert_int_equal(db_begin_write(c), 0);
    assert_int_equal(dw_next_id(c, "CONTACT_ID_SEQ", &d), 0);
    assert_int_equal(db_commit(c), 0);
    assert_int_equal(d, start + 2);
    /* sequences are independent */
    int64_t doc = 0;
    assert_int_equal(dw_next_id(c, "DOCUMENT_ID_SEQ", &doc), 0);
    assert_true(doc >= 1000000);
    /* unknown sequence */
    assert_int_equal(dw_next_id(c, "NO_SUCH_SEQ", &d), -1);
    assert_non_null(strstr(db_errmsg(c), "NO_SUCH_SEQ"));
    db_close(c);
}

#define THREADS 4
#define PER_THREAD 150
static int64_t got[THREADS][PER_THREAD];

static void *reserve_many(void *arg) {
    int t = (int)(intptr_t)arg;
    db_conn *c = open_db();
    for (int i = 0; i < PER_THREAD; i++) {
        got[t][i] = -1;
        for (int attempt = 0; attempt < 20; attempt++) { /* a BUSY is retried, as the consumers do */
            if (db_begin_write(c) != 0) continue;
            int64_t id;
            if (dw_next_id(c, "CONTACT_ID_SEQ", &id) == 0 && db_commit(c) == 0) {
                got[t][i] = id;
                break;
            }
            db_rollback(c);
        }
    }
    db_close(c);
    return NULL;
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void test_next_id_concurrent(void **state) {
    (void)state;
    db_conn *c = open_db();
    int64_t start = scalar(c, "SELECT NEXT_VALUE FROM DELIUSD_SEQUENCE WHERE NAME = 'CONTACT_ID_SEQ'");
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++) pthread_create(&th[t], NULL, reserve_many, (void *)(intptr_t)t);
    for (int t = 0; t < THREADS; t++) pthread_join(th[t], NULL);
    int64_t all[THREADS * PER_THREAD];
    memcpy(all, got, sizeof all);
    qsort(all, THREADS * PER_THREAD, sizeof all[0], cmp64);
    for (int i = 0; i < THREADS * PER_THREAD; i++) assert_int_equal(all[i], start + i); /* no gap, no repeat */
    assert_int_equal(scalar(c, "SELECT NEXT_VALUE FROM DELIUSD_SEQUENCE WHERE NAME = 'CONTACT_ID_SEQ'"),
                     start + THREADS * PER_THREAD);
    db_close(c);
}

static void test_audit(void **state) {
    (void)state;
    db_conn *c = open_db();
    char now[DW_TS_LEN];
    dw_now(now);
    int64_t bi = 0, user = 0;
    assert_int_equal(dw_business_interaction(c, "WPBI006", now, &bi), 1);
    assert_int_equal(bi, 1);
    assert_int_equal(dw_business_interaction(c, "CLBI007", now, &bi), 1);
    assert_int_equal(bi, 2);
    assert_int_equal(dw_business_interaction(c, "NOPE001", now, &bi), 0);
    /* not yet enabled */
    assert_int_equal(db_exec(c, "INSERT INTO BUSINESS_INTERACTION (BUSINESS_INTERACTION_ID, BUSINESS_INTERACTION_CODE, "
                                "ENABLED_DATE) VALUES (100001, 'LATER01', '2999-01-01T00:00:00')"),
                     0);
    assert_int_equal(dw_business_interaction(c, "LATER01", now, &bi), 0);
    assert_int_equal(dw_service_user(c, DW_COURT_CASE, &user), 1);

    int64_t before = scalar(c, "SELECT COUNT(*) FROM AUDITED_INTERACTION");
    dw_params p;
    dw_params_init(&p);
    dw_params_add_int(&p, "contactId", 1000042);
    assert_int_equal(db_begin_write(c), 0);
    assert_int_equal(dw_audit(c, 2, user, now, 'P', p.text), 0);
    assert_int_equal(db_commit(c), 0);
    db_stmt *s = db_query(c, "SELECT BUSINESS_INTERACTION_ID, USER_ID, OUTCOME, INTERACTION_PARAMETERS FROM "
                             "AUDITED_INTERACTION WHERE DATE_TIME = ?");
    db_bind_text(s, 1, now);
    assert_int_equal(db_step(s), 1);
    assert_int_equal(db_col_int(s, 0), 2);
    assert_int_equal(db_col_int(s, 1), 3);
    assert_string_equal(db_col_text(s, 2), "P");
    assert_string_equal(db_col_text(s, 3), "contactId='1000042'");
    db_done(s);

    /* the same key again is a unique violation, classified as such */
    assert_int_equal(db_begin_write(c), 0);
    assert_int_equal(dw_audit(c, 2, user, now, 'P', NULL), -1);
    assert_int_equal(db_errclass(c), DB_ERR_UNIQUE);
    assert_int_equal(db_rollback(c), 0);

    /* a failure row is written in its own transaction, after the caller's rollback */
    char started[DW_TS_LEN];
    dw_now(started);
    assert_int_equal(db_begin_write(c), 0);
    assert_int_equal(db_exec(c, "UPDATE OFFENDER SET ROW_VERSION = ROW_VERSION + 1"), 0);
    assert_int_equal(db_rollback(c), 0);
    assert_int_equal(dw_audit_failure(c, "CLBI007", user, started, "externalReference='X'"), 0);
    s = db_query(c, "SELECT OUTCOME, INTERACTION_PARAMETERS FROM AUDITED_INTERACTION WHERE DATE_TIME = ?");
    db_bind_text(s, 1, started);
    assert_int_equal(db_step(s), 1);
    assert_string_equal(db_col_text(s, 0), "F");
    assert_string_equal(db_col_text(s, 1), "externalReference='X'");
    db_done(s);
    /* unknown code: nothing written */
    dw_now(started);
    assert_int_equal(dw_audit_failure(c, "NOPE001", user, started, NULL), -1);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM AUDITED_INTERACTION"), before + 2);
    db_close(c);
}

static void test_begin_write_holds_lock(void **state) {
    (void)state;
    if (db_url_is_postgres(db_url)) skip(); /* PostgreSQL: row locks, covered by the concurrent test */
    db_conn *a = open_db(), *b = open_db();
    assert_int_equal(db_begin_write(a), 0);
    /* b cannot start a write transaction while a holds it: it waits for the busy
     * timeout (5 s) and then reports BUSY, which the consumers retry */
    uint64_t t0 = tu_mono_ms();
    assert_int_equal(db_begin_write(b), -1);
    assert_true(tu_mono_ms() - t0 >= 4000);
    assert_int_equal(db_errclass(b), DB_ERR_BUSY);
    /* a plain read still works on b (WAL) */
    assert_true(scalar(b, "SELECT COUNT(*) FROM USER_") >= 3);
    assert_int_equal(db_commit(a), 0);
    assert_int_equal(db_begin_write(b), 0);
    assert_int_equal(db_commit(b), 0);
    db_close(a);
    db_close(b);
}


/* ---- domain writes (no HTTP): outcomes and statement budgets ----------------- */

static void exec_ok(db_conn *c, const char *sql) {
    if (db_exec(c, sql) != 0) fail_msg("%s: %s", sql, db_errmsg(c));
}

/* OFFENDER id with an active manager in area 1 (N07: staff 1 N07UTSO, team 1 N07UTS). */
static void make_offender(db_conn *c, int64_t id, const char *crn, bool manager) {
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID, CURRENT_DISPOSAL,"
             " CURRENT_EXCLUSION, CURRENT_RESTRICTION, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID,"
             " CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME) VALUES (%lld, '%s', 'Unit', 'Test',"
             " '1980-01-01', 4001, 0, 0, 0, 0, 0, 0, 1, '2020-01-01T00:00:00', 1, '2020-01-01T00:00:00')",
             (long long)id, crn);
    exec_ok(c, sql);
    if (!manager) return;
    snprintf(sql, sizeof sql,
             "INSERT INTO OFFENDER_MANAGER (OFFENDER_MANAGER_ID, OFFENDER_ID, ALLOCATION_STAFF_ID, TEAM_ID,"
             " PROBATION_AREA_ID, STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG, PARTITION_AREA_ID, ALLOCATION_REASON_ID,"
             " ALLOCATION_DATE, ACTIVE_FLAG, SOFT_DELETED) VALUES (%lld, %lld, 1, 1, 1, 1, 0, 0, 24001,"
             " '2020-01-01T00:00:00', 1, 0)",
             (long long)id + 1, (long long)id);
    exec_ok(c, sql);
}

static void test_tier_write(void **state) {
    (void)state;
    db_conn *c = open_db();
    make_offender(c, 700000, "T700000", true);
    make_offender(c, 701000, "T701000", false);
    char err[512];
    int64_t cid = 0;
    mt_calc calc = {.crn = "T700000", .tier_score = "D2", .calculation_date = "2022-10-11T12:00:00"};
    uint64_t q0 = db_query_count(c);
    assert_int_equal(mt_update_tier(c, &calc, &cid, err, sizeof err), MT_UPDATED);
    /* statements: BEGIN + 12 + COMMIT at most (tier_write.h) */
    assert_true(db_query_count(c) - q0 <= 14);
    assert_int_equal(scalar(c, "SELECT CURRENT_TIER FROM OFFENDER WHERE OFFENDER_ID = 700000"), 1015);
    db_stmt *s = db_query(c, "SELECT NOTES, STAFF_ID, TEAM_ID, CONTACT_TYPE_ID FROM CONTACT WHERE CONTACT_ID = ?");
    db_bind_int(s, 1, cid);
    assert_int_equal(db_step(s), 1);
    assert_string_equal(db_col_text(s, 0),
                        "Tier Change Date: 11/10/2022 12:00:00\nTier: D2\nTier Change Reason: Assessment - Tier Score");
    assert_int_equal(db_col_int(s, 1), 1);
    assert_int_equal(db_col_int(s, 2), 1);
    assert_int_equal(db_col_int(s, 3), 1);
    db_done(s);
    /* again: unchanged; an older or same-time different tier: out of order; a newer one: end-dates */
    assert_int_equal(mt_update_tier(c, &calc, NULL, err, sizeof err), MT_UNCHANGED);
    mt_calc older = {.crn = "T700000", .tier_score = "C2", .calculation_date = "2022-10-10T12:00:00"};
    assert_int_equal(mt_update_tier(c, &older, NULL, err, sizeof err), MT_OUT_OF_ORDER);
    mt_calc same_time = {.crn = "T700000", .tier_score = "C2", .calculation_date = "2022-10-11T12:00:00"};
    assert_int_equal(mt_update_tier(c, &same_time, NULL, err, sizeof err), MT_OUT_OF_ORDER);
    mt_calc newer = {.crn = "T700000", .tier_score = "C2", .calculation_date = "2022-10-11T12:00:00.5"};
    assert_int_equal(mt_update_tier(c, &newer, NULL, err, sizeof err), MT_UPDATED);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM MANAGEMENT_TIER WHERE OFFENDER_ID = 700000 AND END_DATE IS NULL"), 1);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM MANAGEMENT_TIER WHERE OFFENDER_ID = 700000 AND "
                               "END_DATE = '2022-10-11T12:00:00.5'"),
                     1);
    /* failures write nothing */
    mt_calc unknown = {.crn = "T799999", .tier_score = "D2", .calculation_date = "2022-10-11T12:00:00"};
    assert_int_equal(mt_update_tier(c, &unknown, NULL, err, sizeof err), MT_PERSON_NOT_FOUND);
    mt_calc bad = {.crn = "T700000", .tier_score = "Z9", .calculation_date = "2023-01-01T00:00:00"};
    assert_int_equal(mt_update_tier(c, &bad, NULL, err, sizeof err), MT_FAILED);
    assert_string_equal(err, "TIER with code of UZ9 not found");
    mt_calc nomgr = {.crn = "T701000", .tier_score = "D2", .calculation_date = "2023-01-01T00:00:00"};
    assert_int_equal(mt_update_tier(c, &nomgr, NULL, err, sizeof err), MT_FAILED);
    assert_string_equal(err, "PersonManager with crn of T701000 not found");
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM MANAGEMENT_TIER WHERE OFFENDER_ID = 701000"), 0);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM CONTACT WHERE OFFENDER_ID IN (700000, 701000)"), 2);
    db_close(c);
}

static void test_court_note(void **state) {
    (void)state;
    db_conn *c = open_db();
    make_offender(c, 702000, "T702000", true);
    char err[512];
    int64_t cid = 0, cid2 = 0;
    cn_note n = {.crn = "T702000", .reference = "UNIT-REF-1", .notes = "v1", .occurred_at = "2022-10-18T08:19:19.451579"};
    uint64_t q0 = db_query_count(c);
    assert_int_equal(cn_merge(c, &n, &cid, err, sizeof err), CN_INSERTED);
    assert_true(db_query_count(c) - q0 <= 12); /* court_note.h: 10 + BEGIN/COMMIT */
    /* the row was written just now, so an amendment from 2022 is out of sequence ... */
    n.notes = "v2";
    assert_int_equal(cn_merge(c, &n, &cid2, err, sizeof err), CN_OUT_OF_SEQUENCE);
    assert_int_equal(cid2, cid);
    /* ... and one from the future is applied */
    cn_note later = {.crn = "T702000", .reference = "UNIT-REF-1", .notes = "v3", .occurred_at = "2999-01-01T00:00:00"};
    assert_int_equal(cn_merge(c, &later, &cid2, err, sizeof err), CN_UPDATED);
    db_stmt *s = db_query(c, "SELECT NOTES, ROW_VERSION, CONTACT_DATE FROM CONTACT WHERE CONTACT_ID = ?");
    db_bind_int(s, 1, cid);
    assert_int_equal(db_step(s), 1);
    assert_string_equal(db_col_text(s, 0), "v3");
    assert_int_equal(db_col_int(s, 1), 1);
    assert_string_equal(db_col_text(s, 2), "2999-01-01");
    db_done(s);
    cn_note nobody = {.crn = "T799999", .reference = "UNIT-REF-2", .notes = "x", .occurred_at = "2022-01-01T00:00:00"};
    assert_int_equal(cn_merge(c, &nobody, NULL, err, sizeof err), CN_NOT_FOUND);
    assert_string_equal(err, "Person with crn of T799999 not found");
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM AUDITED_INTERACTION WHERE OUTCOME = 'F' AND "
                               "INTERACTION_PARAMETERS = 'externalReference=''UNIT-REF-2'''"),
                     1);
    db_close(c);
}

static void test_upw_document(void **state) {
    (void)state;
    db_conn *c = open_db();
    make_offender(c, 703000, "T703000", true);
    make_offender(c, 704000, "T704000", false);
    exec_ok(c, "INSERT INTO EVENT (EVENT_ID, OFFENDER_ID, EVENT_NUMBER, REFERRAL_DATE, IN_BREACH, FTC_COUNT, ACTIVE_FLAG,"
               " SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID,"
               " LAST_UPDATED_DATETIME) VALUES (703100, 703000, '1', '2020-01-01', 0, 0, 1, 0, 0, 1,"
               " '2020-01-01T00:00:00', 1, '2020-01-01T00:00:00'), (704100, 704000, '1', '2020-01-01', 0, 0, 1, 0, 0,"
               " 1, '2020-01-01T00:00:00', 1, '2020-01-01T00:00:00')");
    char dir[300], err[512], doc_id[128];
    snprintf(dir, sizeof dir, "%s/docs", db_dir);
    docstore *store = docstore_open(dir, err, sizeof err);
    assert_non_null(store);
    ua_case k;
    assert_int_equal(ua_check(c, "T799999", 1, "e1", &k, err, sizeof err), UA_PERSON_NOT_FOUND);
    assert_int_equal(ua_check(c, "T703000", 704100, "e1", &k, err, sizeof err), UA_EVENT_NOT_FOUND);
    assert_string_equal(err, "Event with id of 704100 not found");
    assert_int_equal(ua_check(c, "T703000", 703100, "e1", &k, err, sizeof err), UA_OK);
    assert_string_equal(k.filename, "Unit-Test-T703000-UPW.pdf");
    int64_t cid = 0;
    uint64_t q0 = db_query_count(c);
    assert_int_equal(ua_store(c, store, &k, "%PDF-1", 6, "2022-10-18T08:19:19", &cid, doc_id, sizeof doc_id, err,
                              sizeof err),
                     UA_OK);
    assert_true(db_query_count(c) - q0 <= 17); /* upw_document.h: 13 + BEGIN/COMMIT twice */
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, doc_id);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_equal(ua_check(c, "T703000", 703100, "e1", &k, err, sizeof err), UA_DUPLICATE);
    /* after the upload the write fails (no active manager): the file is removed */
    assert_int_equal(ua_check(c, "T704000", 704100, "e2", &k, err, sizeof err), UA_OK);
    char doc2[128];
    assert_int_equal(ua_store(c, store, &k, "%PDF-2", 6, NULL, NULL, doc2, sizeof doc2, err, sizeof err), UA_FAILED);
    assert_string_equal(err, "PersonManager with crn of T704000 not found");
    snprintf(path, sizeof path, "%s/%s", dir, doc2);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(scalar(c, "SELECT COUNT(*) FROM DOCUMENT WHERE OFFENDER_ID = 704000"), 0);
    /* leave nothing behind for the teardown */
    snprintf(path, sizeof path, "%s/%s", dir, doc_id);
    unlink(path);
    rmdir(dir);
    docstore_close(store);
    db_close(c);
}

static int setup_sqlite(void **state) {
    (void)state;
    snprintf(db_dir, sizeof db_dir, "/tmp/deliusd-test-write-XXXXXX");
    if (!mkdtemp(db_dir)) return -1;
    snprintf(db_url, sizeof db_url, "%s/write.db", db_dir);
    char err[256];
    db_conn *c = db_open_create(db_url, err, sizeof err);
    if (!c) return -1;
    int n = db_migrate(c, false, err, sizeof err);
    db_close(c);
    return n > 0 ? 0 : -1;
}

static int teardown_sqlite(void **state) {
    (void)state;
    char p[600];
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", db_url, suffix[i]);
        unlink(p);
    }
    rmdir(db_dir);
    return 0;
}

static char pg_admin[512], pg_name[64];

static int setup_pg(void **state) {
    (void)state;
    snprintf(db_dir, sizeof db_dir, "/tmp/deliusd-test-write-XXXXXX"); /* for the document store */
    if (!mkdtemp(db_dir)) return -1;
    const char *base = getenv("DELIUSD_TEST_PG");
    char err[256];
    snprintf(pg_admin, sizeof pg_admin, "%s dbname=postgres", base);
    snprintf(pg_name, sizeof pg_name, "t_write_%d", (int)getpid());
    db_conn *admin = db_open(pg_admin, err, sizeof err);
    if (!admin) return -1;
    char sql[128];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", pg_name);
    db_exec(admin, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", pg_name);
    int rc = db_exec(admin, sql);
    db_close(admin);
    if (rc != 0) return -1;
    snprintf(db_url, sizeof db_url, "%s dbname=%s", base, pg_name);
    db_conn *c = db_open(db_url, err, sizeof err);
    if (!c) return -1;
    int n = db_migrate(c, false, err, sizeof err);
    db_close(c);
    return n > 0 ? 0 : -1;
}

static int teardown_pg(void **state) {
    (void)state;
    char err[256], sql[128];
    db_conn *admin = db_open(pg_admin, err, sizeof err);
    if (!admin) return -1;
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", pg_name);
    db_exec(admin, sql);
    db_close(admin);
    rmdir(db_dir);
    return 0;
}

int main(void) {
    tu_init();
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(test_to_london),
        cmocka_unit_test(test_now_strictly_increasing),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_text_rules),
    };
    const struct CMUnitTest database[] = {
        cmocka_unit_test(test_service_users),      cmocka_unit_test(test_next_id),
        cmocka_unit_test(test_next_id_concurrent), cmocka_unit_test(test_audit),
        cmocka_unit_test(test_begin_write_holds_lock), cmocka_unit_test(test_tier_write),
        cmocka_unit_test(test_court_note),             cmocka_unit_test(test_upw_document),
    };
    int failed = cmocka_run_group_tests_name("write_pure", pure, NULL, NULL);
    failed += cmocka_run_group_tests_name("write_sqlite", database, setup_sqlite, teardown_sqlite);
    const char *pg = getenv("DELIUSD_TEST_PG");
    if (pg && *pg) failed += cmocka_run_group_tests_name("write_postgres", database, setup_pg, teardown_pg);
    return failed;
}
