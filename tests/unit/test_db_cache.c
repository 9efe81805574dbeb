/* test_db_cache.c - the prepared-statement cache (db.c) evicts the least
 * recently used statement that is not open, so a connection keeps working
 * after more distinct SQL texts than the cache holds; open statements are
 * never evicted. Runs against a real SQLite file. */
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

static char path[64];

static int setup(void **state) {
    snprintf(path, sizeof path, "/tmp/deliusd-cache-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[256];
    db_conn *c = db_open_create(path, err, sizeof err);
    assert_non_null(c);
    *state = c;
    return 0;
}

static int teardown(void **state) {
    db_close(*state);
    unlink(path);
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    return 0;
}

static int64_t one(db_conn *c, const char *sql) {
    db_stmt *s = db_query(c, sql);
    assert_non_null(s);
    assert_int_equal(db_step(s), 1);
    int64_t v = db_col_int(s, 0);
    db_done(s);
    return v;
}

static void test_more_statements_than_the_cache(void **state) {
    db_conn *c = *state;
    /* an open statement across the whole run: must survive every eviction */
    db_stmt *held = db_query(c, "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3");
    assert_non_null(held);
    assert_int_equal(db_step(held), 1);
    char sql[64];
    for (int i = 0; i < 3 * DB_STMT_CACHE; i++) {
        snprintf(sql, sizeof sql, "SELECT %d", i);
        assert_int_equal(one(c, sql), i);
        if (i % 100 == 0) assert_int_equal(one(c, "SELECT 424242"), 424242); /* a hot statement */
    }
    /* early statements were evicted and come back prepared afresh */
    assert_int_equal(one(c, "SELECT 0"), 0);
    assert_int_equal(one(c, "SELECT 5"), 5);
    assert_int_equal(db_col_int(held, 0), 1);
    assert_int_equal(db_step(held), 1);
    assert_int_equal(db_col_int(held, 0), 2);
    db_done(held);
}

static void test_all_open_is_an_error_not_a_crash(void **state) {
    db_conn *c = *state;
    enum { N = DB_STMT_CACHE * 3 / 4 };
    static db_stmt *open_stmts[N];
    char sql[64];
    for (int i = 0; i < N; i++) {
        snprintf(sql, sizeof sql, "SELECT %d AS open_one", i);
        open_stmts[i] = db_query(c, sql);
        assert_non_null(open_stmts[i]);
    }
    /* the cache may still hold closed statements from other texts: fill until refused */
    int refused = 0;
    for (int i = 0; i < DB_STMT_CACHE && !refused; i++) {
        snprintf(sql, sizeof sql, "SELECT %d AS extra", i);
        db_stmt *s = db_query(c, sql);
        if (!s) refused = 1;
        /* left open on purpose */
    }
    assert_true(refused);
    assert_non_null(strstr(db_errmsg(c), "statement cache full"));
    for (int i = 0; i < N; i++) db_done(open_stmts[i]);
    /* room again */
    assert_int_equal(one(c, "SELECT 77"), 77);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_more_statements_than_the_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_open_is_an_error_not_a_crash, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
