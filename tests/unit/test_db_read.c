/* test_db_read.c - read transactions (db.h db_read_begin/db_read_end), which the
 * HTTP layer wraps around every request's statements (services/service.h):
 * one snapshot for all statements (a write committed by another connection
 * meanwhile is not seen until the transaction ends), not counted as queries,
 * ended by db_begin_write (so a handler may write after reading), rolled back
 * after a failed statement so the connection stays usable. Against a
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
    };
    int failed = cmocka_run_group_tests_name("read_sqlite", tests, setup_sqlite, teardown_sqlite);
    const char *pg = getenv("DELIUSD_TEST_PG");
    if (pg && *pg) failed += cmocka_run_group_tests_name("read_postgres", tests, setup_pg, teardown_pg);
    return failed;
}
