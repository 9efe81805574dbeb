/*
 * db.c - backend dispatch, statement cache and shared helpers for db.h.
 */
#include "db.h"

#include <stdarg.h>
#include <stdint.h>
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

static db_conn *open_url(const char *url, bool create, char *err, size_t errlen) {
    const db_ops *ops = &db_sqlite_ops;
    if (db_url_is_postgres(url)) {
        if (!&db_postgres_ops) {
            snprintf(err, errlen, "PostgreSQL backend not built into this binary");
            return NULL;
        }
        ops = &db_postgres_ops;
    }
    db_conn *c = ops->open(url, create, err, errlen);
    if (c) {
        BASE(c)->ops = ops;
        BASE(c)->ncache = 0;
    }
    return c;
}

db_conn *db_open(const char *url, char *err, size_t errlen) { return open_url(url, false, err, errlen); }
db_conn *db_open_create(const char *url, char *err, size_t errlen) { return open_url(url, true, err, errlen); }

void db_close(db_conn *c) {
    if (!c) return;
    db_conn_base *b = BASE(c);
    b->closing = true;
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

int db_begin(db_conn *c) {
    db_read_end(c);
    return db_exec(c, "BEGIN");
}
int db_begin_write(db_conn *c) {
    db_read_end(c);
    return db_exec(c, db_kind_of(c) == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

/* BEGIN/COMMIT of a read transaction, not counted as queries. SQLite: through
 * the statement cache (prepared once, no parse per request); PostgreSQL: one
 * simple-protocol command each. */
static int exec_uncounted(db_conn *c, const char *sql) {
    if (db_kind_of(c) != DB_SQLITE) return OPS(c)->exec(c, sql);
    db_stmt *s = db_query(c, sql);
    if (!s) return -1;
    BASE(c)->queries--;
    int rc = db_step(s);
    db_done(s);
    return rc < 0 ? -1 : 0;
}

int db_read_begin(db_conn *c) {
    if (BASE(c)->read_tx) return 0;
    if (OPS(c)->read_begin) {
        if (OPS(c)->read_begin(c) != 0) return -1;
        BASE(c)->read_tx = true;
        return 0;
    }
    int rc = exec_uncounted(c, db_kind_of(c) == DB_SQLITE ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (rc == 0) BASE(c)->read_tx = true;
    return rc;
}

int db_read_end(db_conn *c) {
    if (!BASE(c)->read_tx) return 0;
    BASE(c)->read_tx = false;
    if (OPS(c)->read_end) return OPS(c)->read_end(c);
    if (exec_uncounted(c, "COMMIT") == 0) return 0;
    if (db_broken(c)) return -1; /* the session is gone: the pool reopens it */
    return exec_uncounted(c, "ROLLBACK");
}

bool db_in_read(const db_conn *c) { return ((const db_conn_base *)c)->read_tx; }
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

#define CACHE_MAX (DB_STMT_CACHE * 3 / 4)
#define SLOT(i) ((uint32_t)(i) & (DB_STMT_CACHE - 1))

/* Removes slot i (linear probing: shift later members of the run back so every
 * remaining key stays reachable from its home slot). */
static void cache_remove(db_conn_base *b, uint32_t i) {
    b->ops->finalize(b->cache[i].stmt);
    free((void *)b->cache[i].sql);
    b->cache[i].sql = NULL;
    b->cache[i].orig = NULL;
    b->cache[i].stmt = NULL;
    b->ncache--;
    for (uint32_t j = SLOT(i + 1); b->cache[j].sql; j = SLOT(j + 1)) {
        uint32_t home = hash_str(b->cache[j].sql) & (DB_STMT_CACHE - 1);
        /* move j into the hole i when its home is not in (i, j] (cyclically) */
        bool stays = (i <= j) ? (home > i && home <= j) : (home > i || home <= j);
        if (stays) continue;
        b->cache[i] = b->cache[j];
        b->cache[j].sql = NULL;
        b->cache[j].orig = NULL;
        b->cache[j].stmt = NULL;
        i = j;
    }
}

/* Evicts the least recently used statement that is not open; false when every
 * cached statement is open. */
static bool cache_evict(db_conn_base *b) {
    int victim = -1;
    uint64_t oldest = UINT64_MAX;
    for (int i = 0; i < DB_STMT_CACHE; i++) {
        db_stmt_base *s = (db_stmt_base *)b->cache[i].stmt;
        if (s && !s->open && s->last_used < oldest) {
            oldest = s->last_used;
            victim = i;
        }
    }
    if (victim < 0) return false;
    cache_remove(b, (uint32_t)victim);
    return true;
}

static const db_tracer *g_tracer;
void db_set_tracer(const db_tracer *t) { g_tracer = t; }

static db_stmt *cache_hit(db_conn_base *b, struct db_cache_entry *e) {
    b->ops->reset(e->stmt);
    b->queries++;
    SBASE(e->stmt)->last_used = ++b->tick;
    SBASE(e->stmt)->open = true;
    return e->stmt;
}

static uint32_t hint_of(const char *sql) {
    return (uint32_t)(((uintptr_t)sql >> 3) * 2654435761u) & (DB_HINT_SLOTS - 1);
}

db_stmt *db_query(db_conn *c, const char *sql) {
    if (g_tracer) g_tracer->query(g_tracer->ctx, sql);
    db_conn_base *b = BASE(c);
    uint32_t ph = hint_of(sql);
    if (b->hint[ph]) {
        struct db_cache_entry *e = &b->cache[b->hint[ph] - 1];
        if (e->orig == sql && e->sql && !strcmp(e->sql, sql)) return cache_hit(b, e);
    }
    uint32_t h = hash_str(sql) & (DB_STMT_CACHE - 1);
    for (int probe = 0; probe < DB_STMT_CACHE; probe++) {
        uint32_t slot = SLOT(h + (uint32_t)probe);
        struct db_cache_entry *e = &b->cache[slot];
        if (!e->sql) break;
        if (!strcmp(e->sql, sql)) {
            e->orig = sql;
            b->hint[ph] = (uint16_t)(slot + 1);
            return cache_hit(b, e);
        }
    }
    if (b->ncache >= CACHE_MAX && !cache_evict(b)) {
        db_set_error(c, false, "statement cache full (%d statements open at once)", b->ncache);
        return NULL;
    }
    db_stmt *s = b->ops->prepare(c, sql);
    if (!s) return NULL;
    uint32_t i = h;
    while (b->cache[i].sql) i = SLOT(i + 1); /* a free slot exists: at most 3/4 full */
    SBASE(s)->conn = c;
    SBASE(s)->last_used = ++b->tick;
    SBASE(s)->open = true;
    b->cache[i].sql = strdup(sql);
    if (!b->cache[i].sql) abort();
    b->cache[i].orig = sql;
    b->hint[ph] = (uint16_t)(i + 1);
    b->cache[i].stmt = s;
    b->ncache++;
    b->queries++;
    return s;
}

#define CONN_OF(s) (SBASE(s)->conn)
int db_bind_text(db_stmt *s, int i, const char *v) {
    if (g_tracer) g_tracer->bind(g_tracer->ctx, i, v ? DB_TRACE_TEXT : DB_TRACE_NULL, v, 0, 0);
    return OPS(CONN_OF(s))->bind_text(s, i, v);
}
int db_bind_int(db_stmt *s, int i, int64_t v) {
    if (g_tracer) g_tracer->bind(g_tracer->ctx, i, DB_TRACE_INT, NULL, v, 0);
    return OPS(CONN_OF(s))->bind_int(s, i, v);
}
int db_bind_double(db_stmt *s, int i, double v) {
    if (g_tracer) g_tracer->bind(g_tracer->ctx, i, DB_TRACE_DOUBLE, NULL, 0, v);
    return OPS(CONN_OF(s))->bind_double(s, i, v);
}
int db_bind_null(db_stmt *s, int i) {
    if (g_tracer) g_tracer->bind(g_tracer->ctx, i, DB_TRACE_NULL, NULL, 0, 0);
    return OPS(CONN_OF(s))->bind_null(s, i);
}
int db_step(db_stmt *s) { return OPS(CONN_OF(s))->step(s); }
int db_col_count(db_stmt *s) { return OPS(CONN_OF(s))->col_count(s); }
bool db_col_is_null(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_is_null(s, col); }
const char *db_col_text(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_text(s, col); }
int64_t db_col_int(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_int(s, col); }
double db_col_double(db_stmt *s, int col) { return OPS(CONN_OF(s))->col_double(s, col); }
void db_done(db_stmt *s) {
    SBASE(s)->open = false;
    OPS(CONN_OF(s))->reset(s);
}
