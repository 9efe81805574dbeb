/* test_db_read.c - read transactions (db.h db_read_begin/db_read_end), which the
 * HTTP layer wraps around every request's statements (services/service.h):
 * one snapshot for all statements (a write committed by another connection
 * meanwhile is not seen until the transaction ends), not counted as queries,
 * ended by db_begin_write (so a handler may write after reading), rolled back
 * after a failed statement so the connection stays usable; on PostgreSQL the
 * deferred BEGIN (pipelined with the first statement) and COMMIT (sent, not
 * waited for) under nesting, abandonment and errors. Against a
 * temporary SQLite file; with DELIUSD_TEST_PG set (a libpq keyword string),
 * again on a throwaway PostgreSQL database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"

static char db_url[600];
static char sqlite_path[64];
static char pg_admin[512], pg_name[64];

static db_conn *open_db(void) {
    char err[256];
    db_conn *c = db_open(db_url, err, sizeof err);
    if (!c) fail_msg("open: %s", err);
    return c;
}

static int64_t count_rows(db_conn *c) {
    db_stmt *s = db_query(c, "SELECT COUNT(*) FROM T_READ");
    assert_non_null(s);
    assert_int_equal(db_step(s), 1);
    int64_t n = db_col_int(s, 0);
    db_done(s);
    return n;
}

static void insert_row(db_conn *c, int v) {
    db_stmt *s = db_query(c, "INSERT INTO T_READ (V) VALUES (?)");
    assert_non_null(s);
    assert_int_equal(db_bind_int(s, 1, v), 0);
    assert_int_equal(db_step(s), 0);
    db_done(s);
}

static int create_table(void) {
    char err[256];
    db_conn *c = db_open(db_url, err, sizeof err);
    if (!c) return -1;
    int rc = db_exec(c, "DROP TABLE IF EXISTS T_READ; CREATE TABLE T_READ (V INTEGER NOT NULL)");
    db_close(c);
    return rc;
}

static void test_one_snapshot(void **state) {
    (void)state;
    db_conn *reader = open_db(), *writer = open_db();
    insert_row(writer, 1);
    assert_false(db_in_read(reader));
    assert_int_equal(db_read_begin(reader), 0);
    assert_true(db_in_read(reader));
    assert_int_equal(db_read_begin(reader), 0); /* already open: no-op */
    uint64_t q0 = db_query_count(reader);
    assert_int_equal(count_rows(reader), 1);
    insert_row(writer, 2); /* committed by another connection meanwhile */
    assert_int_equal(count_rows(reader), 1); /* the same snapshot */
    assert_int_equal(db_read_end(reader), 0);
    assert_false(db_in_read(reader));
    assert_int_equal(db_query_count(reader) - q0, 2); /* BEGIN/COMMIT are not counted */
    assert_int_equal(count_rows(reader), 2); /* a fresh one after the end */
    assert_int_equal(db_read_end(reader), 0); /* none open: no-op */
    db_close(writer);
    db_close(reader);
}

static void test_write_after_read(void **state) {
    (void)state;
    db_conn *c = open_db();
    assert_int_equal(db_read_begin(c), 0);
    int64_t before = count_rows(c);
    assert_int_equal(db_begin_write(c), 0); /* ends the read transaction first */
    assert_false(db_in_read(c));
    insert_row(c, 3);
    assert_int_equal(db_commit(c), 0);
    assert_int_equal(db_read_end(c), 0);
    db_conn *other = open_db();
    assert_int_equal(count_rows(other), before + 1);
    db_close(other);
    db_close(c);
}

static void test_failed_statement_then_end(void **state) {
    (void)state;
    db_conn *c = open_db();
    assert_int_equal(db_read_begin(c), 0);
    assert_null(db_query(c, "SELECT NO_SUCH_COLUMN FROM T_READ"));
    assert_int_equal(db_read_end(c), 0); /* COMMIT or, after the failure, ROLLBACK */
    assert_false(db_in_read(c));
    assert_false(db_broken(c));
    assert_true(count_rows(c) >= 1); /* usable again */
    assert_int_equal(db_read_begin(c), 0);
    assert_true(count_rows(c) >= 1);
    assert_int_equal(db_read_end(c), 0);
    db_close(c);
}

static bool is_pg(void) { return db_url_is_postgres(db_url); }

/* A statement still streaming its rows when the next one runs: on PostgreSQL
 * the first statement of a read transaction went out in one pipeline with the
 * deferred BEGIN, so the second statement's step must first take the rest of
 * it off the connection (and out of pipeline mode). Rows and snapshot stay
 * right on both. */
static void test_nested_first_statement(void **state) {
    (void)state;
    db_conn *c = open_db(), *writer = open_db();
    for (int i = 0; i < 5; i++) insert_row(writer, 100 + i);
    int64_t n = count_rows(writer);
    assert_int_equal(db_read_begin(c), 0);
    db_stmt *a = db_query(c, "SELECT V FROM T_READ ORDER BY V");
    assert_non_null(a);
    assert_int_equal(db_step(a), 1);
    insert_row(writer, 200); /* after the snapshot */
    assert_int_equal(count_rows(c), n); /* a second statement while a streams */
    int64_t seen = 1;
    while (db_step(a) == 1) seen++;
    db_done(a);
    assert_int_equal(seen, n);
    assert_int_equal(db_read_end(c), 0);
    assert_false(db_broken(c));
    assert_int_equal(count_rows(c), n + 1);
    db_close(writer);
    db_close(c);
}

/* The first statement abandoned after one row (db_done before the end), then
 * another statement and a fresh transaction: the connection stays usable. */
static void test_abandoned_first_statement(void **state) {
    (void)state;
    db_conn *c = open_db();
    int64_t n = count_rows(c);
    assert_true(n >= 2);
    for (int round = 0; round < 2; round++) {
        assert_int_equal(db_read_begin(c), 0);
        db_stmt *a = db_query(c, "SELECT V FROM T_READ ORDER BY V");
        assert_non_null(a);
        assert_int_equal(db_step(a), 1);
        db_done(a);
        assert_int_equal(count_rows(c), n);
        assert_int_equal(db_read_end(c), 0);
    }
    assert_false(db_broken(c));
    db_close(c);
}

/* PostgreSQL: a statement that fails while it runs (not when it is prepared)
 * as the first of a read transaction, i.e. inside the BEGIN pipeline: the
 * error is reported, the transaction ends (ROLLBACK) and the connection stays
 * usable. SQLite has no such run-time error for this statement. */
static void test_runtime_error_first_statement(void **state) {
    (void)state;
    if (!is_pg()) skip();
    db_conn *c = open_db();
    for (int round = 0; round < 2; round++) {
        assert_int_equal(db_read_begin(c), 0);
        db_stmt *s = db_query(c, "SELECT CAST(? AS INTEGER)");
        assert_non_null(s);
        assert_int_equal(db_bind_text(s, 1, "not a number"), 0);
        assert_int_equal(db_step(s), -1);
        assert_non_null(strstr(db_errmsg(c), "invalid input syntax"));
        db_done(s);
        assert_int_equal(db_read_end(c), 0);
        assert_false(db_broken(c));
        assert_true(count_rows(c) >= 1);
    }
    db_close(c);
}

/* PostgreSQL: db_read_end does not wait for its COMMIT, but sends it at once,
 * so the session is not left idle in a transaction (holding its snapshot and
 * locks) until its next command. Seen from another session. */
/* pg_stat_activity.state of the session with backend pid `pid`, seen from admin */
static void session_state(db_conn *admin, int64_t pid, char *out, size_t n) {
    db_stmt *s = db_query(admin, "SELECT state FROM pg_stat_activity WHERE pid = ?");
    assert_non_null(s);
    assert_int_equal(db_bind_int(s, 1, pid), 0);
    assert_int_equal(db_step(s), 1);
    snprintf(out, n, "%s", db_col_text(s, 0));
    db_done(s);
}

static void test_commit_sent_at_end(void **state) {
    (void)state;
    if (!is_pg()) skip();
    db_conn *c = open_db(), *admin = open_db();
    db_stmt *s = db_query(c, "SELECT pg_backend_pid()");
    assert_non_null(s);
    assert_int_equal(db_step(s), 1);
    int64_t pid = db_col_int(s, 0);
    db_done(s);
    assert_int_equal(db_read_begin(c), 0);
    assert_true(count_rows(c) >= 1);
    char state_now[64] = "";
    session_state(admin, pid, state_now, sizeof state_now);
    assert_string_equal(state_now, "idle in transaction");
    assert_int_equal(db_read_end(c), 0);
    for (int i = 0; i < 200; i++) { /* at most 2 s: the server needs the message */
        session_state(admin, pid, state_now, sizeof state_now);
        if (!strcmp(state_now, "idle")) break;
        usleep(10000);
    }
    assert_string_equal(state_now, "idle");
    assert_true(count_rows(c) >= 1); /* the unread COMMIT result is taken first */
    db_close(admin);
    db_close(c);
}

static char *show(db_conn *c, const char *setting, char *out, size_t n) {
    char sql[96];
    snprintf(sql, sizeof sql, "SHOW %s", setting);
    db_stmt *s = db_query(c, sql);
    assert_non_null(s);
    assert_int_equal(db_step(s), 1);
    snprintf(out, n, "%s", db_col_text(s, 0));
    db_done(s);
    return out;
}

/* PostgreSQL: every connection carries deliusd's session settings
 * (DELIUSD_PG_OPTIONS, default in postgres.c; docs/decisions.md
 * "Performance"), and the variable replaces them. */
static void test_session_settings(void **state) {
    (void)state;
    if (!is_pg()) skip();
    char v[64];
    unsetenv("DELIUSD_PG_OPTIONS");
    db_conn *c = open_db();
    assert_string_equal(show(c, "enable_hashjoin", v, sizeof v), "off");
    assert_string_equal(show(c, "enable_mergejoin", v, sizeof v), "off");
    assert_string_equal(show(c, "jit", v, sizeof v), "off");
    assert_string_equal(show(c, "random_page_cost", v, sizeof v), "1.1");
    db_close(c);
    setenv("DELIUSD_PG_OPTIONS", "-c random_page_cost=2", 1);
    c = open_db();
    assert_string_equal(show(c, "random_page_cost", v, sizeof v), "2");
    assert_string_equal(show(c, "enable_hashjoin", v, sizeof v), "on"); /* replaced, not added to */
    db_close(c);
    unsetenv("DELIUSD_PG_OPTIONS");
}

static int setup_sqlite(void **state) {
    (void)state;
    snprintf(sqlite_path, sizeof sqlite_path, "/tmp/deliusd-read-XXXXXX");
    int fd = mkstemp(sqlite_path);
    if (fd < 0) return -1;
    close(fd);
    snprintf(db_url, sizeof db_url, "%s", sqlite_path);
    char err[256];
    db_conn *c = db_open_create(db_url, err, sizeof err); /* WAL mode set on open */
    if (!c) return -1;
    db_close(c);
    return create_table();
}

static int teardown_sqlite(void **state) {
    (void)state;
    char p[80];
    unlink(sqlite_path);
    snprintf(p, sizeof p, "%s-wal", sqlite_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", sqlite_path);
    unlink(p);
    return 0;
}

static int setup_pg(void **state) {
    (void)state;
    const char *base = getenv("DELIUSD_TEST_PG");
    char err[256], sql[128];
    snprintf(pg_admin, sizeof pg_admin, "%s dbname=postgres", base);
    snprintf(pg_name, sizeof pg_name, "t_read_%d", (int)getpid());
    db_conn *admin = db_open(pg_admin, err, sizeof err);
    if (!admin) return -1;
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", pg_name);
    db_exec(admin, sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", pg_name);
    int rc = db_exec(admin, sql);
    db_close(admin);
    if (rc != 0) return -1;
    snprintf(db_url, sizeof db_url, "%s dbname=%s", base, pg_name);
    return create_table();
}

static int teardown_pg(void **state) {
    (void)state;
    char err[256], sql[128];
    db_conn *admin = db_open(pg_admin, err, sizeof err);
    if (!admin) return -1;
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", pg_name);
    db_exec(admin, sql);
    db_close(admin);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_snapshot),
        cmocka_unit_test(test_write_after_read),
        cmocka_unit_test(test_failed_statement_then_end),
        cmocka_unit_test(test_nested_first_statement),
        cmocka_unit_test(test_abandoned_first_statement),
        cmocka_unit_test(test_runtime_error_first_statement),
        cmocka_unit_test(test_commit_sent_at_end),
        cmocka_unit_test(test_session_settings),
    };
    int failed = cmocka_run_group_tests_name("read_sqlite", tests, setup_sqlite, teardown_sqlite);
    const char *pg = getenv("DELIUSD_TEST_PG");
    if (pg && *pg) failed += cmocka_run_group_tests_name("read_postgres", tests, setup_pg, teardown_pg);
    return failed;
}
