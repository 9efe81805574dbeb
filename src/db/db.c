/*
 * db.c - backend dispatch, statement cache and shared helpers for db.h.
 */
#include "db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE(c) ((db_conn_base *)(c))
#define SBASE(s) ((db_stmt_base *)(s))
#define OPS(c) (BASE(c)->ops)

bool db_url_is_postgres(const char *url) {
    return url && (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11) ||
                   strstr(url, "dbname=") || strstr(url, "host="));
}

db_conn *db_open(const char *url, char *err, size_t errlen) {
    const db_ops *ops = &db_sqlite_ops;
    if (db_url_is_postgres(url)) {
        if (!&db_postgres_ops) {
            snprintf(err, errlen, "PostgreSQL backend not built into this binary");
            return NULL;
        }
        ops = &db_postgres_ops;
    }
    db_conn *c = ops->open(url, err, errlen);
    if (c) {
        BASE(c)->ops = ops;
        BASE(c)->ncache = 0;
    }
    return c;
}

void db_close(db_conn *c) {
    if (!c) return;
    db_conn_base *b = BASE(c);
    for (int i = 0; i < DB_STMT_CACHE; i++) {
        if (b->cache[i].stmt) b->ops->finalize(b->cache[i].stmt);
        free((void *)b->cache[i].sql);
        b->cache[i].stmt = NULL;
        b->cache[i].sql = NULL;
    }
    b->ops->close(c);
}

db_kind db_kind_of(const db_conn *c) { return ((const db_conn_base *)c)->ops->kind; }
const char *db_errmsg(const db_conn *c) { return ((const db_conn_base *)c)->errmsg; }
bool db_broken(const db_conn *c) { return ((const db_conn_base *)c)->broken; }
uint64_t db_query_count(const db_conn *c) { return ((const db_conn_base *)c)->queries; }
db_errclass_t db_errclass(const db_conn *c) { return (db_errclass_t)((const db_conn_base *)c)->errclass; }
void db_set_errclass(db_conn *c, db_errclass_t k) { BASE(c)->errclass = (int)k; }

void db_set_error(db_conn *c, bool broken, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(BASE(c)->errmsg, sizeof BASE(c)->errmsg, fmt, ap);
    va_end(ap);
    BASE(c)->broken = broken;
    BASE(c)->errclass = DB_ERR_OTHER;
}

int db_exec(db_conn *c, const char *sql) {
    BASE(c)->queries++;
    return OPS(c)->exec(c, sql);
}

void db_hint_streaming(db_conn *c) {
    if (db_kind_of(c) == DB_SQLITE) db_exec(c, "PRAGMA cache_size=-1024");
}

int db_begin(db_conn *c) { return db_exec(c, "BEGIN"); }
int db_begin_write(db_conn *c) { return db_exec(c, db_kind_of(c) == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN"); }
int db_commit(db_conn *c) { return db_exec(c, "COMMIT"); }
int db_rollback(db_conn *c) { return db_exec(c, "ROLLBACK"); }

int db_ping(db_conn *c) {
    db_stmt *s = db_query(c, "SELECT 1");
    if (!s) return -1;
    int rc = db_step(s);
    db_done(s);
    return rc == 1 ? 0 : -1;
}

static uint32_t hash_str(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

db_stmt *db_query(db_conn *c, const char *sql) {
    db_conn_base *b = BASE(c);
    uint32_t h = hash_str(sql) & (DB_STMT_CACHE - 1);
    for (int probe = 0; probe < DB_STMT_CACHE; probe++) {
        struct db_cache_entry *e = &b->cache[(h + (uint32_t)probe) & (DB_STMT_CACHE - 1)];
        if (!e->sql) {
            if (b->ncache >= DB_STMT_CACHE * 3 / 4) break; /* full: prepare uncached? refuse */
            db_stmt *s = b->ops->prepare(c, sql);
            if (!s) return NULL;
            SBASE(s)->conn = c;
            e->sql = strdup(sql);
            if (!e->sql) abort();
            e->stmt = s;
            b->ncache++;
            b->queries++;
            return s;
        }
        if (e->sql == sql || !strcmp(e->sql, sql)) {
            b->ops->reset(e->stmt);
            b->queries++;
            return e->stmt;
        }
    }
    db_set_error(c, false, "statement cache full (%d statements)", b->ncache);
    return NULL;
}

#define CONN_OF(s) (SBASE(s)->conn)
int db_bind_text(db_stmt *s, int i, const char *v) { return OPS(CONN_OF(s))->bind_text(s, i, v); }
int db_bind_int(db_stmt *s, int i, int64_t v) { return OPS(CONN_OF(s))->bind_int(s, i, v); }
int db_bind_double(db_stmt *s, int i, double v) { return OPS(CONN_OF(s))->bind_double(s, i, v); }
int db_bind_null(db_stmt *s, int i) { return OPS(CONN_OF(s))->bind_null(s, i); }
int db_step(db_stmt *s) { return OPS(CONN_OF(s))->step(s); }
int db_col_count(db_stmt *s) { return OPS(CONN_OF(s))->col_count(s); }
bool db_col_is_null(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_is_null(s, col); }
const char *db_col_text(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_text(s, col); }
int64_t db_col_int(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_int(s, col); }
double db_col_double(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_double(s, col); }
void db_done(db_stmt *s) { OPS(CONN_OF(s))->reset(s); }
