/*
 * db.h - the one database interface deliusd uses (SQLite and PostgreSQL backends).
 *
 * SQL text is portable: upper-case unquoted identifiers, `?` placeholders (the
 * PostgreSQL backend rewrites them to $1..$n), no backend functions for "today"
 * or "now" (callers bind those as ISO text, see timeutil.h). Dates and timestamps
 * are stored as ISO text on both backends.
 *
 * Ownership and threading:
 *   - A db_conn is used by one thread at a time. The HTTP layer gives each worker
 *     thread its own connection (http_db()); streams open their own.
 *   - db_query() returns a statement owned by the connection (cached by SQL text,
 *     prepared once). The caller binds, steps, reads columns and MUST call
 *     db_done() before issuing the same SQL again on that connection. Two
 *     different SQL texts may be open at once (nested loops are fine).
 *   - Column text returned by db_col_text() is valid until the next db_step() or
 *     db_done() on that statement; copy it (arena_strdup) to keep it.
 *
 * Errors: functions returning int give 0 on success and -1 on error;
 * db_errmsg() describes the last error. db_broken() is true when the connection
 * itself failed (server gone, file unreadable): the HTTP layer answers 503.
 */
#ifndef DL_DB_H
#define DL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct db_conn db_conn;
typedef struct db_stmt db_stmt;

typedef enum { DB_SQLITE = 1, DB_POSTGRES = 2 } db_kind;

/* Opens a connection. url: a SQLite file path, or `postgresql://…` / `postgres://…`
 * / a libpq keyword string (`host=… dbname=…`). On failure returns NULL and
 * writes a message into err. The caller owns the connection (db_close). */
db_conn *db_open(const char *url, char *err, size_t errlen);
/* As db_open, but a missing SQLite file is created (only `migrate`, `seed` and
 * tests do this; serving never creates a database: a missing file is an error). */
db_conn *db_open_create(const char *url, char *err, size_t errlen);
/* Closes the connection and every cached statement. NULL is a no-op. */
void db_close(db_conn *c);
/* True when url names a PostgreSQL database. */
bool db_url_is_postgres(const char *url);

db_kind db_kind_of(const db_conn *c);
const char *db_errmsg(const db_conn *c);
bool db_broken(const db_conn *c);
/* Cheap liveness check (`SELECT 1`); 0 when the database answers. */
int db_ping(db_conn *c);

/* Declares that this connection serves one long sequential read (a stream):
 * the SQLite backend shrinks its page cache (1 MiB instead of 16 MiB) so a
 * scan over millions of rows keeps memory flat. No-op on PostgreSQL. */
void db_hint_streaming(db_conn *c);

/* Executes one or more statements without parameters (DDL, migrations). */
int db_exec(db_conn *c, const char *sql);

int db_begin(db_conn *c);
int db_commit(db_conn *c);
int db_rollback(db_conn *c);

/* A read transaction: one consistent snapshot for several statements (the
 * HTTP layer runs every statement of a request in one; services/service.h).
 * db_read_begin starts it (SQLite: deferred `BEGIN`, the read lock is taken
 * by the first SELECT and held until the end, instead of a lock cycle and file
 * checks per statement; PostgreSQL: `BEGIN ISOLATION LEVEL REPEATABLE READ
 * READ ONLY`). db_read_end ends it (COMMIT; ROLLBACK when that fails, e.g.
 * after a failed statement); a no-op when none is open. db_in_read tells
 * whether one is open. db_begin() and db_begin_write() end an open read
 * transaction first, so a handler that read before it writes behaves as
 * without one (its write transaction takes a fresh snapshot / the write lock).
 * Neither counts in db_query_count(). Return 0 or -1 (db_errmsg). */
int db_read_begin(db_conn *c);
int db_read_end(db_conn *c);
bool db_in_read(const db_conn *c);

/* Starts a transaction that will write (the write path, src/delius/write.h):
 * `BEGIN IMMEDIATE` on SQLite, so the write lock is taken up front and a
 * read-then-write transaction can never fail half-way with SQLITE_BUSY on a
 * stale snapshot (it waits up to the connection's busy timeout, 5 s, instead);
 * plain `BEGIN` (READ COMMITTED) on PostgreSQL, where writers lock the rows they
 * touch (see dw_lock_suffix()). Returns 0 or -1 (db_errclass() says whether
 * the failure is worth retrying). */
int db_begin_write(db_conn *c);

/* What kind of failure the last error on this connection was, so callers can
 * tell a retry-worthy conflict from a bug. Set by the backends with the message.
 *   DB_ERR_BUSY    lock timeout, deadlock, serialization failure (SQLite BUSY/LOCKED;
 *                  PostgreSQL 40001, 40P01, 55P03): retry the transaction;
 *   DB_ERR_UNIQUE  a unique or primary-key constraint was violated (SQLite
 *                  CONSTRAINT_UNIQUE/PRIMARYKEY; PostgreSQL 23505);
 *   DB_ERR_OTHER   anything else (see db_broken() for a lost connection). */
typedef enum { DB_ERR_NONE = 0, DB_ERR_OTHER = 1, DB_ERR_BUSY = 2, DB_ERR_UNIQUE = 3 } db_errclass_t;
db_errclass_t db_errclass(const db_conn *c);
/* Used by backends right after db_set_error() to classify the error. */
void db_set_errclass(db_conn *c, db_errclass_t k);

/* Returns the cached prepared statement for sql (prepared on first use), reset
 * and with no bindings, or NULL on error. See the ownership notes above. */
db_stmt *db_query(db_conn *c, const char *sql);
/* Bind parameter idx (1-based). A NULL text binds SQL NULL. */
int db_bind_text(db_stmt *s, int idx, const char *v);
int db_bind_int(db_stmt *s, int idx, int64_t v);
int db_bind_double(db_stmt *s, int idx, double v);
int db_bind_null(db_stmt *s, int idx);
/* Advances: 1 = a row is available, 0 = no more rows, -1 = error. */
int db_step(db_stmt *s);
int db_col_count(db_stmt *s);
bool db_col_is_null(db_stmt *s, int col);     /* col is 0-based */
const char *db_col_text(db_stmt *s, int col); /* NULL when SQL NULL */
int64_t db_col_int(db_stmt *s, int col);      /* 0 when NULL */
double db_col_double(db_stmt *s, int col);    /* 0 when NULL */
/* Resets the statement so it can be used again. Always call it. */
void db_done(db_stmt *s);
/* Number of statements executed on this connection (for query-count tests). */
uint64_t db_query_count(const db_conn *c);

/* Statement tracing for measurement tools (bench/dblimit.c records the
 * statements and parameters a route's handler runs, then replays them without
 * HTTP or JSON). Process-wide; install before any thread uses the database and
 * never while requests are served. NULL removes it. Costs one test per call
 * when not installed. */
typedef enum { DB_TRACE_TEXT, DB_TRACE_INT, DB_TRACE_DOUBLE, DB_TRACE_NULL } db_trace_type;
typedef struct db_tracer {
    void (*query)(void *ctx, const char *sql);
    void (*bind)(void *ctx, int idx, db_trace_type type, const char *text, int64_t i, double d);
    void *ctx;
} db_tracer;
void db_set_tracer(const db_tracer *t);

/* Runs the embedded migrations (src/db/schema/NNNN_*.sql) not yet recorded in
 * DELIUSD_SCHEMA_MIGRATION, each in its own transaction. Prints one line per
 * applied migration to stderr when verbose. Returns the number applied, -1 on error. */
int db_migrate(db_conn *c, bool verbose, char *err, size_t errlen);

/* Backend operations table: each backend (sqlite.c, postgres.c) fills one. */
typedef struct db_ops {
    db_kind kind;
    db_conn *(*open)(const char *url, bool create, char *err, size_t errlen);
    void (*close)(db_conn *c);
    int (*exec)(db_conn *c, const char *sql);
    db_stmt *(*prepare)(db_conn *c, const char *sql);
    void (*finalize)(db_stmt *s);
    int (*bind_text)(db_stmt *s, int idx, const char *v);
    int (*bind_int)(db_stmt *s, int idx, int64_t v);
    int (*bind_double)(db_stmt *s, int idx, double v);
    int (*bind_null)(db_stmt *s, int idx);
    int (*step)(db_stmt *s);
    int (*col_count)(db_stmt *s);
    bool (*col_is_null)(db_stmt *s, int col);
    const char *(*col_text)(db_stmt *s, int col);
    int64_t (*col_int)(db_stmt *s, int col);
    double (*col_double)(db_stmt *s, int col);
    void (*reset)(db_stmt *s);
    /* Optional: the backend's own db_read_begin / db_read_end (NULL: `BEGIN` /
     * `COMMIT` through exec, `ROLLBACK` when the COMMIT fails). PostgreSQL
     * defers both to save round trips (postgres.c, "Read transactions"). */
    int (*read_begin)(db_conn *c);
    int (*read_end)(db_conn *c);
} db_ops;

/* Common header every backend's connection and statement struct starts with.
 * The statement cache is an open-addressed hash of SQL text (linear probing)
 * holding at most 3/4 of DB_STMT_CACHE statements; beyond that the least
 * recently used statement that is not open (between db_query and db_done) is
 * finalized to make room. */
#define DB_STMT_CACHE 512 /* slots; power of two */
struct db_cache_entry {
    const char *sql; /* owned copy */
    const char *orig; /* the caller's pointer it was last looked up by (a hint only) */
    db_stmt *stmt;
};
/* Pointer hints in front of the text hash: handlers pass the same string
 * literal every time, so db_query first tries the slot last found for that
 * pointer (confirmed by comparing the text, so a reused address is only a
 * miss) before hashing the whole SQL text. */
#define DB_HINT_SLOTS 256 /* power of two */
typedef struct db_conn_base {
    const db_ops *ops;
    char errmsg[512];
    bool broken;
    int errclass; /* db_errclass_t of the last error */
    bool closing;   /* db_close in progress: backends skip per-statement clean-up */
    bool read_tx;   /* a db_read_begin transaction is open */
    uint64_t queries;
    uint64_t tick; /* LRU clock: bumped at every db_query */
    struct db_cache_entry cache[DB_STMT_CACHE];
    int ncache;
    uint16_t hint[DB_HINT_SLOTS]; /* slot + 1 of the entry last found for a pointer; 0 = none */
} db_conn_base;
typedef struct db_stmt_base {
    db_conn *conn;
    uint64_t last_used; /* tick of the last db_query */
    bool open;          /* returned by db_query and not yet db_done: never evicted */
} db_stmt_base;

extern const db_ops db_sqlite_ops;
extern const db_ops db_postgres_ops __attribute__((weak)); /* NULL when not linked */

/* Sets the connection's error message (printf-style); used by backends. */
void db_set_error(db_conn *c, bool broken, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
