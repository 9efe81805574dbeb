/*
 * sqlite.c - SQLite backend of db.h.
 *
 * Opens the file in WAL mode with foreign keys on and a busy timeout, so several
 * worker connections (one per thread) and a writer can share it. The file is
 * created when absent only by `deliusd migrate`/`seed` (db_open creates it; the
 * server refuses to start on a file without migrations).
 */
#include "db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    db_conn_base base;
    sqlite3 *db;
} sq_conn;

typedef struct {
    db_stmt_base base;
    sqlite3_stmt *st;
} sq_stmt;

#define SQ(c) ((sq_conn *)(c))
#define SS(s) ((sq_stmt *)(s))

static bool is_broken(int rc) {
    rc &= 0xff;
    return rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR || rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ||
           rc == SQLITE_PERM || rc == SQLITE_AUTH;
}

/* db_errclass_t of an (extended) SQLite result code. */
static db_errclass_t err_class(int rc) {
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return DB_ERR_BUSY;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return DB_ERR_UNIQUE;
    return DB_ERR_OTHER;
}

static void set_err(db_conn *c, int rc) {
    int ext = sqlite3_extended_errcode(SQ(c)->db);
    db_set_error(c, is_broken(rc), "sqlite: %s", sqlite3_errmsg(SQ(c)->db));
    db_set_errclass(c, err_class((ext & 0xff) == (rc & 0xff) ? ext : rc));
}

/* Process-wide set-up before the first open: no memory statistics. With them
 * on (Debian's default) every sqlite3_malloc/free takes one global mutex,
 * which the worker threads contend for (futex wake-ups under load; issue 15).
 * Nothing reads sqlite3_memory_used(). */
static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static void sq_global_init(void) {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE if already initialised: harmless */
    sqlite3_initialize();
}

static db_conn *sq_open(const char *url, bool create, char *err, size_t errlen) {
    pthread_once(&sq_once, sq_global_init);
    sq_conn *c = calloc(1, sizeof *c);
    if (!c) abort();
    int rc = sqlite3_open_v2(url, &c->db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open SQLite database %s: %s", url, c->db ? sqlite3_errmsg(c->db) : "out of memory");
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 5000);
    char *msg = NULL;
    /* Page cache per connection, in MiB (DELIUSD_SQLITE_CACHE_MB, default 12,
     * 1..1024). Each worker thread has its own: 2 workers x 12 MiB keeps the
     * server under 50 MB RSS under load (issue 15); on a 1M-person file a
     * larger cache barely helps (the leaf pages of random people miss anyway:
     * 64 MiB saved ~5 % CPU per request), a much smaller one hurts (4 MiB: +25 %). */
    long cache_mb = 12;
    const char *env = getenv("DELIUSD_SQLITE_CACHE_MB");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (!*end && v >= 1 && v <= 1024) cache_mb = v;
    }
    char pragmas[200];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
             "PRAGMA cache_size=-%ld;",
             cache_mb * 1024);
    rc = sqlite3_exec(c->db, pragmas, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot configure SQLite database %s: %s", url, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    return (db_conn *)c;
}

static void sq_close(db_conn *c) {
    sqlite3_close(SQ(c)->db);
    free(c);
}

static int sq_exec(db_conn *c, const char *sql) {
    char *msg = NULL;
    int rc = sqlite3_exec(SQ(c)->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int ext = sqlite3_extended_errcode(SQ(c)->db);
        db_set_error(c, is_broken(rc), "sqlite: %s", msg ? msg : sqlite3_errstr(rc));
        db_set_errclass(c, err_class((ext & 0xff) == (rc & 0xff) ? ext : rc));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static db_stmt *sq_prepare(db_conn *c, const char *sql) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(SQ(c)->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        set_err(c, rc);
        return NULL;
    }
    sq_stmt *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->st = st;
    return (db_stmt *)s;
}

static void sq_finalize(db_stmt *s) {
    sqlite3_finalize(SS(s)->st);
    free(s);
}

static int bind_rc(db_stmt *s, int rc) {
    if (rc == SQLITE_OK) return 0;
    set_err(s ? ((db_stmt_base *)s)->conn : NULL, rc);
    return -1;
}

static int sq_bind_text(db_stmt *s, int i, const char *v) {
    return bind_rc(s, v ? sqlite3_bind_text(SS(s)->st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(SS(s)->st, i));
}
static int sq_bind_int(db_stmt *s, int i, int64_t v) { return bind_rc(s, sqlite3_bind_int64(SS(s)->st, i, v)); }
static int sq_bind_double(db_stmt *s, int i, double v) { return bind_rc(s, sqlite3_bind_double(SS(s)->st, i, v)); }
static int sq_bind_null(db_stmt *s, int i) { return bind_rc(s, sqlite3_bind_null(SS(s)->st, i)); }

static int sq_step(db_stmt *s) {
    int rc = sqlite3_step(SS(s)->st);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    set_err(((db_stmt_base *)s)->conn, rc);
    return -1;
}

static int sq_col_count(db_stmt *s) { return sqlite3_column_count(SS(s)->st); }
static bool sq_col_is_null(db_stmt *s, int col) { return sqlite3_column_type(SS(s)->st, col) == SQLITE_NULL; }
static const char *sq_col_text(db_stmt *s, int col) { return (const char *)sqlite3_column_text(SS(s)->st, col); }
static int64_t sq_col_int(db_stmt *s, int col) { return sqlite3_column_int64(SS(s)->st, col); }
static double sq_col_double(db_stmt *s, int col) { return sqlite3_column_double(SS(s)->st, col); }

static void sq_reset(db_stmt *s) {
    sqlite3_reset(SS(s)->st);
    sqlite3_clear_bindings(SS(s)->st);
}

const db_ops db_sqlite_ops = {
    .kind = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_count = sq_col_count,
    .col_is_null = sq_col_is_null,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .reset = sq_reset,
};
