/*
 * postgres.c - PostgreSQL backend of db.h, over libpq.
 *
 * Connections. db_open() takes a `postgresql://` / `postgres://` URL or a libpq
 * keyword string (`host=... port=... dbname=...`); it is passed to
 * PQconnectdbParams() as an expanded dbname, after the defaults
 * connect_timeout=5, application_name=deliusd and client_encoding=UTF8 (which
 * the string may override). Server NOTICEs are dropped (the migration runner's
 * CREATE TABLE IF NOT EXISTS would print one on every run).
 *
 * SQL text. The portable text of db.h is adapted once, when a statement is
 * prepared or a script executed, by one scanner that skips string literals,
 * quoted identifiers, dollar-quoted bodies and comments:
 *   - `?` placeholders become $1..$n (prepared statements only);
 *   - the type names INTEGER and REAL, as whole words, become BIGINT and
 *     DOUBLE PRECISION (SQLite's INTEGER is 64-bit and its REAL a double).
 *
 * Statements. db_query() prepares each SQL text once per connection with
 * PQprepare under a per-connection unique name (d1, d2, ...; the statement
 * cache in db.c keeps it). Parameters are sent in text format with server-
 * inferred types (text where the server cannot infer one); results are read
 * in text format, boolean results as "1"/"0" like SQLite's.
 *
 * Streaming, and why single-row mode. db_step() sends the statement with
 * PQsendQueryPrepared() and switches the connection to single-row mode, so
 * each step reads one row from the socket: a statement that walks a million
 * rows (/probation-cases) holds one row in memory, never the whole result,
 * and the first row is available as soon as the server sends it. (A server-
 * side cursor would cost a round trip per FETCH and an explicit transaction;
 * libpq 15 has no chunked mode.) libpq allows one query in flight per
 * connection, but db.h allows several open statements (nested loops): when
 * another statement, exec or prepare needs the connection while a statement is
 * still streaming, the rest of that stream is read into its own queue first
 * ("spilled") and its later steps are served from there. Memory stays flat for
 * the usual case (one statement read to the end before the next one runs) and
 * nesting stays correct.
 * A statement reset before its end (db_done after reading one row of many, a
 * client hanging up on a stream) drains the remaining rows; when more than a
 * few remain and the statement ran outside a transaction, the query is
 * cancelled (PQcancel) instead of read to the end.
 *
 * Read transactions (db_read_begin/db_read_end, one per HTTP request) cost no
 * round trip of their own. db_read_begin sends nothing: the BEGIN goes out
 * with the request's first statement as one pipeline (BEGIN, the statement,
 * Sync; libpq pipeline mode, left again when that statement's rows are read),
 * and a request that runs no statement opens no transaction. db_read_end sends
 * COMMIT and returns without waiting; its result is read before the
 * connection's next command. So a request of N statements makes N round
 * trips, not N + 2. Write transactions (db_begin*) are unchanged.
 *
 * Errors. Every failure sets the connection's message; it is marked broken
 * (db_broken(): the HTTP layer answers 503 and reopens the connection on the
 * thread's next request) when PQstatus() is no longer CONNECTION_OK, the error
 * has no SQLSTATE (made by libpq: the socket failed), or the SQLSTATE is a
 * connection exception (08xxx) or an operator intervention that ends the
 * session (57P01..57P03: shutdown, crash shutdown, cannot connect now).
 * An idle connection whose server went away meanwhile is re-established before
 * its next command (see check_alive), so after a database restart the first
 * request on each thread already succeeds.
 *
 * Ownership: every PGresult is cleared when the next row is read, on reset and
 * on finalize; PQfinish() at close. Prepared statements die with the session,
 * so finalize only frees memory.
 */
#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "db.h"

#define BOOLOID 16
#define PARAM_INLINE 32
#define DRAIN_BEFORE_CANCEL 256

typedef struct pg_param {
    const char *val; /* NULL = SQL NULL; points at small or heap */
    char *heap;
    char small[PARAM_INLINE];
} pg_param;

typedef enum { ST_IDLE, ST_STREAM, ST_DONE } pg_state;

typedef struct pg_stmt {
    db_stmt_base base;
    char name[24];
    char *text;          /* the adapted SQL, kept to prepare again after a reconnect */
    Oid *types;          /* parameter types: 0 = inferred by the server */
    unsigned gen;        /* connection generation it was prepared in */
    int nparams;
    pg_param *params;
    const char **values; /* scratch for PQsendQueryPrepared */
    pg_state state;
    bool autocommit;     /* sent outside a transaction block: safe to cancel */
    PGresult *cur;       /* the current row (single-row result), or NULL */
    int nfields;
    /* rows read ahead when another statement needed the connection */
    PGresult **queue;
    size_t qhead, qlen, qcap;
    int final_rc;        /* outcome after the queue: 0 end, -1 error */
    char *final_err;     /* message of that error */
    bool final_broken;
    int final_class; /* db_errclass_t of final_err */
} pg_stmt;

typedef struct pg_conn {
    db_conn_base base;
    PGconn *pg;
    pg_stmt *active; /* the statement whose results are being read, if any */
    unsigned next_id;
    unsigned gen;    /* bumped by each transparent reconnect (PQreset) */
    /* read transactions (see "Read transactions" in the file comment) */
    bool begin_pending;  /* db_read_begin was called; its BEGIN goes out with the first command */
    bool in_pipeline;    /* BEGIN and the active statement went out as one pipeline: its Sync is unread */
    bool commit_pending; /* a read transaction's COMMIT was sent; its result is unread */
} pg_conn;

#define PC(c) ((pg_conn *)(c))
#define PS(s) ((pg_stmt *)(s))
#define STMT_CONN(s) PC(((db_stmt_base *)(s))->conn)

/* ---- errors --------------------------------------------------------------- */

/* True when the session is lost. An error without SQLSTATE was made by libpq
 * itself (the server always sends one): "server closed the connection
 * unexpectedly", "no connection to the server", a failed write. libpq may
 * report those while PQstatus() still says CONNECTION_OK (a write failed, the
 * EOF not read yet), so the status alone is not enough. */
static bool result_is_fatal(pg_conn *c, const PGresult *r) {
    if (PQstatus(c->pg) != CONNECTION_OK) return true;
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (!st) return true;
    return !strncmp(st, "08", 2) || !strcmp(st, "57P01") || !strcmp(st, "57P02") || !strcmp(st, "57P03");
}

/* Sets the connection error from r (or from the connection when r is NULL). */
static void set_err(pg_conn *c, const PGresult *r, const char *what) {
    const char *msg = r ? PQresultErrorMessage(r) : "";
    if (!msg || !*msg) msg = PQerrorMessage(c->pg);
    if (!msg || !*msg) msg = "unknown error";
    int n = (int)strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    db_set_error((db_conn *)c, result_is_fatal(c, r), "postgres: %s%s%.*s", what ? what : "", what ? ": " : "", n,
                 msg);
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (st && !strcmp(st, "23505"))
        db_set_errclass((db_conn *)c, DB_ERR_UNIQUE);
    else if (st && (!strcmp(st, "40001") || !strcmp(st, "40P01") || !strcmp(st, "55P03")))
        db_set_errclass((db_conn *)c, DB_ERR_BUSY);
}

static void quiet_notices(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

/* ---- SQL adaptation -------------------------------------------------------- */

static bool ident_char(char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
           ch == '$' || (unsigned char)ch >= 0x80;
}

static bool word_is(const char *p, size_t n, const char *w) {
    if (strlen(w) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
        if (ch != w[i]) return false;
    }
    return true;
}

/* Returns a malloc'd adaptation of sql (see the file comment); *nparams gets
 * the number of `?` replaced when placeholders is true. */
static char *adapt_sql(const char *sql, bool placeholders, int *nparams) {
    buf b = BUF_INIT;
    int n = 0;
    const char *p = sql;
    while (*p) {
        char ch = *p;
        if (ch == '\'' || ch == '"') { /* 'string' with '' escapes, "identifier" with "" */
            bool estr = ch == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
                        (p - 1 == sql || !ident_char(p[-2]));
            const char *q = p + 1;
            while (*q) {
                if (estr && *q == '\\' && q[1]) {
                    q += 2;
                    continue;
                }
                if (*q == ch) {
                    if (q[1] == ch) {
                        q += 2;
                        continue;
                    }
                    q++;
                    break;
                }
                q++;
            }
            buf_append(&b, p, (size_t)(q - p));
            p = q;
        } else if (ch == '-' && p[1] == '-') { /* line comment */
            const char *q = p;
            while (*q && *q != '\n') q++;
            buf_append(&b, p, (size_t)(q - p));
            p = q;
        } else if (ch == '/' && p[1] == '*') { /* block comment, nested as in PostgreSQL */
            const char *q = p + 2;
            int depth = 1;
            while (*q && depth > 0) {
                if (q[0] == '/' && q[1] == '*') depth++, q += 2;
                else if (q[0] == '*' && q[1] == '/') depth--, q += 2;
                else q++;
            }
            buf_append(&b, p, (size_t)(q - p));
            p = q;
        } else if (ch == '$' && (p == sql || !ident_char(p[-1]))) { /* $tag$ ... $tag$ */
            const char *q = p + 1;
            while (*q && *q != '$' && ident_char(*q) && !(*q >= '0' && *q <= '9' && q == p + 1)) q++;
            if (*q == '$') {
                size_t tlen = (size_t)(q - p + 1);
                const char *body = q + 1, *close = NULL;
                for (const char *t = body; *t; t++)
                    if (*t == '$' && !strncmp(t, p, tlen)) {
                        close = t;
                        break;
                    }
                const char *stop = close ? close + tlen : body + strlen(body);
                buf_append(&b, p, (size_t)(stop - p));
                p = stop;
            } else {
                buf_putc(&b, ch);
                p++;
            }
        } else if (ch == '?' && placeholders) {
            buf_printf(&b, "$%d", ++n);
            p++;
        } else if (ident_char(ch) && !(ch >= '0' && ch <= '9')) { /* a word */
            const char *q = p;
            while (*q && ident_char(*q)) q++;
            size_t len = (size_t)(q - p);
            if (word_is(p, len, "INTEGER")) buf_puts(&b, "BIGINT");
            else if (word_is(p, len, "REAL")) buf_puts(&b, "DOUBLE PRECISION");
            else buf_append(&b, p, len);
            p = q;
        } else if (ch >= '0' && ch <= '9') { /* a number (1e5 is not a word) */
            const char *q = p;
            while (*q && ident_char(*q)) q++;
            buf_append(&b, p, (size_t)(q - p));
            p = q;
        } else {
            buf_putc(&b, ch);
            p++;
        }
    }
    if (nparams) *nparams = n;
    size_t len;
    return buf_release(&b, &len);
}

/* ---- reading results --------------------------------------------------------- */

static void drain(pg_conn *c) {
    PGresult *r;
    while ((r = PQgetResult(c->pg)) != NULL) PQclear(r);
}

static void queue_push(pg_stmt *s, PGresult *r) {
    if (s->qhead + s->qlen == s->qcap) {
        if (s->qhead > 0) {
            memmove(s->queue, s->queue + s->qhead, s->qlen * sizeof *s->queue);
            s->qhead = 0;
        } else {
            s->qcap = s->qcap ? s->qcap * 2 : 16;
            s->queue = realloc(s->queue, s->qcap * sizeof *s->queue);
            if (!s->queue) abort();
        }
    }
    s->queue[s->qhead + s->qlen++] = r;
}

static void queue_clear(pg_stmt *s) {
    for (size_t i = 0; i < s->qlen; i++) PQclear(s->queue[s->qhead + i]);
    s->qhead = s->qlen = 0;
    free(s->final_err);
    s->final_err = NULL;
}

/* Leaves pipeline mode after the statement sent with a deferred BEGIN has
 * returned all its results: reads the Sync's result and exits. A failure
 * leaves libpq in a state we cannot reason about: the connection is marked
 * broken (the pool reopens it). */
static void end_pipeline(pg_conn *c) {
    if (!c->in_pipeline) return;
    c->in_pipeline = false;
    PGresult *r;
    while ((r = PQgetResult(c->pg)) != NULL) {
        ExecStatusType st = PQresultStatus(r);
        PQclear(r);
        if (st == PGRES_PIPELINE_SYNC) break;
    }
    if (!PQexitPipelineMode(c->pg)) db_set_error((db_conn *)c, true, "postgres: cannot leave pipeline mode: %s",
                                                 PQerrorMessage(c->pg));
}

/* The active statement s has no more results: the connection is free. */
static void stream_end(pg_conn *c, pg_stmt *s) {
    c->active = NULL;
    s->state = ST_DONE;
    end_pipeline(c);
}

/* Reads the next result of the active statement s. Returns 1 with a one-row
 * result in *row, 0 at the end, -1 on error (the connection error is set).
 * On 0 and -1 the stream is finished and the connection idle. */
static int read_next(pg_conn *c, pg_stmt *s, PGresult **row) {
    PGresult *r = PQgetResult(c->pg);
    if (!r) { /* the connection died between results */
        if (PQstatus(c->pg) != CONNECTION_OK) {
            set_err(c, NULL, NULL);
            stream_end(c, s);
            return -1;
        }
        stream_end(c, s);
        return 0;
    }
    switch (PQresultStatus(r)) {
    case PGRES_SINGLE_TUPLE:
        if (s->nfields == 0) s->nfields = PQnfields(r);
        *row = r;
        return 1;
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
        if (PQnfields(r) > 0) s->nfields = PQnfields(r);
        PQclear(r);
        drain(c);
        stream_end(c, s);
        return 0;
    default:
        set_err(c, r, NULL);
        PQclear(r);
        drain(c);
        stream_end(c, s);
        return -1;
    }
}

/* Frees the connection for a new command: the active statement's remaining
 * rows are read into its queue. */
static void spill(pg_conn *c) {
    pg_stmt *s = c->active;
    if (!s) return;
    for (;;) {
        PGresult *row = NULL;
        int rc = read_next(c, s, &row);
        if (rc == 1) {
            queue_push(s, row);
            continue;
        }
        s->final_rc = rc;
        if (rc < 0) {
            s->final_err = strdup(c->base.errmsg);
            s->final_broken = c->base.broken;
            s->final_class = c->base.errclass;
        }
        break;
    }
}

/* Ends the active statement s before its last row: cancel when it is cheap and
 * safe, else read the rest away. */
static void abandon(pg_conn *c, pg_stmt *s) {
    for (int i = 0; i < DRAIN_BEFORE_CANCEL && c->active == s; i++) {
        PGresult *row = NULL;
        if (read_next(c, s, &row) == 1) PQclear(row);
    }
    if (c->active != s) return;
    if (s->autocommit) {
        PGcancel *cn = PQgetCancel(c->pg);
        if (cn) {
            char errbuf[256];
            PQcancel(cn, errbuf, sizeof errbuf);
            PQfreeCancel(cn);
        }
    }
    drain(c);
    stream_end(c, s);
}

/* ---- connection ------------------------------------------------------------- */

/* Before a command on an idle connection: when the server has closed it
 * meanwhile (restart, failover, idle timeout; seen as a readable socket at
 * EOF), and no transaction is open, reconnect now, so that the command runs
 * on a live session instead of failing. Nothing was sent on the dead session,
 * so nothing can run twice. Statements are prepared again lazily (gen). */
static void check_alive(pg_conn *c) {
    PGTransactionStatusType ts = PQtransactionStatus(c->pg);
    if (ts == PQTRANS_IDLE) {
        struct pollfd p = {.fd = PQsocket(c->pg), .events = POLLIN};
        if (p.fd < 0 || poll(&p, 1, 0) <= 0) return;
        if (PQconsumeInput(c->pg) && PQstatus(c->pg) == CONNECTION_OK) return;
    } else if (ts != PQTRANS_UNKNOWN) {
        return; /* in a transaction: its loss must surface as an error */
    }
    PQreset(c->pg);
    if (PQstatus(c->pg) == CONNECTION_OK) c->gen++;
}

/* ---- read transactions ------------------------------------------------------ */

#define READ_BEGIN_SQL "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

/* Reads the result of a deferred COMMIT (sent by pg_read_end), before the
 * connection's next command. A read-only transaction has nothing to lose at
 * COMMIT; a failure here can only be a lost session, which check_alive (next)
 * repairs, so the result itself is dropped. */
static void settle(pg_conn *c) {
    if (!c->commit_pending) return;
    c->commit_pending = false;
    drain(c);
}

/* Every command but a statement's first step: settle the deferred COMMIT and
 * send a deferred BEGIN on its own (a round trip; the hot path pipelines it,
 * see pg_step). Returns 0, or -1 with the connection error set. */
static int prepare_conn(pg_conn *c, bool need_begin) {
    spill(c);
    settle(c);
    check_alive(c);
    if (!need_begin || !c->begin_pending) return 0;
    c->begin_pending = false;
    PGresult *r = PQexec(c->pg, READ_BEGIN_SQL);
    int rc = r && PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
    if (rc) set_err(c, r, "begin");
    PQclear(r);
    return rc;
}

static int pg_read_begin(db_conn *dc) {
    pg_conn *c = PC(dc);
    c->begin_pending = true;
    return 0;
}

static int pg_read_end(db_conn *dc) {
    pg_conn *c = PC(dc);
    spill(c);
    if (c->begin_pending) { /* no statement ran: nothing was sent */
        c->begin_pending = false;
        return 0;
    }
    settle(c);
    PGTransactionStatusType ts = PQtransactionStatus(c->pg);
    if (ts == PQTRANS_IDLE) return 0;
    if (ts != PQTRANS_INTRANS && ts != PQTRANS_INERROR) { /* the session is gone */
        set_err(c, NULL, "commit");
        return -1;
    }
    /* COMMIT (a ROLLBACK after a failed statement) goes out now; its result
     * is read before the next command (settle), so no request waits for it */
    if (!PQsendQuery(c->pg, "COMMIT")) {
        set_err(c, NULL, "commit");
        return -1;
    }
    c->commit_pending = true;
    return 0;
}

/* Session settings of every connection (libpq "options"; DELIUSD_PG_OPTIONS
 * replaces them, an "options" in the URL overrides both). deliusd's statements
 * are per-person look-ups run as prepared statements, so after five runs the
 * server keeps a generic plan, costed without the parameter values: for the
 * joins to reference tables it picked hash and merge joins that scan and hash
 * the whole reference table on every execution (MultiExecHash was 21 % of the
 * server's CPU on /probation-case/{crn}/all, ExecInitHashJoin/MergeJoin 18 %).
 * Nested loops over the primary keys are what these statements need; JIT
 * never pays for millisecond statements. random_page_cost 1.1 instead of 4
 * (a spinning disk's seek) because the per-person pages are in memory or on
 * SSD: at 4 the generic plans scanned whole reference tables inside nested
 * loops (11 x 257 rows for the court-case person record; 212 UPPER() calls
 * for the user look-up of /users/{user}/access/{crn}) instead of using their
 * indexes. Issue 15, docs/decisions.md. */
#define PG_DEFAULT_OPTIONS "-c enable_hashjoin=off -c enable_mergejoin=off -c jit=off -c random_page_cost=1.1"

static db_conn *pg_open(const char *url, bool create, char *err, size_t errlen) {
    (void)create; /* the database must exist; migrate creates tables, not databases */
    const char *opts = getenv("DELIUSD_PG_OPTIONS");
    const char *keys[] = {"connect_timeout", "application_name", "client_encoding", "options", "dbname", NULL};
    const char *vals[] = {"5", "deliusd", "UTF8", opts ? opts : PG_DEFAULT_OPTIONS, url, NULL};
    PGconn *pg = PQconnectdbParams(keys, vals, 1);
    if (!pg) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: out of memory");
        return NULL;
    }
    if (PQstatus(pg) != CONNECTION_OK) {
        const char *m = PQerrorMessage(pg);
        int n = (int)strlen(m);
        while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
        snprintf(err, errlen, "cannot connect to PostgreSQL: %.*s", n, m);
        PQfinish(pg);
        return NULL;
    }
    PQsetNoticeProcessor(pg, quiet_notices, NULL);
    pg_conn *c = calloc(1, sizeof *c);
    if (!c) abort();
    c->pg = pg;
    return (db_conn *)c;
}

static void pg_close(db_conn *c) {
    PQfinish(PC(c)->pg);
    free(c);
}

static int pg_exec(db_conn *dc, const char *sql) {
    pg_conn *c = PC(dc);
    if (prepare_conn(c, true) != 0) return -1;
    char *text = adapt_sql(sql, false, NULL);
    PGresult *r = PQexec(c->pg, text);
    free(text);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int rc = 0;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
        set_err(c, r, NULL);
        rc = -1;
    }
    PQclear(r);
    return rc;
}

/* ---- statements -------------------------------------------------------------- */

/* PQprepare for s (name, text, types). Parameter types are left to the
 * server; where it cannot infer one (`? IS NULL`, `SELECT ?`, `COALESCE(?, ?)`:
 * SQLSTATE 42P18, "could not determine data type of parameter $n"), that
 * parameter is declared text, as SQLite would take it, and the statement is
 * prepared again. Returns 0, or -1 with the connection error set. */
static int do_prepare(pg_conn *c, pg_stmt *s) {
    PGresult *r = NULL;
    for (int attempt = 0; attempt <= s->nparams; attempt++) {
        PQclear(r);
        r = PQprepare(c->pg, s->name, s->text, s->nparams, s->types);
        if (!r || PQresultStatus(r) == PGRES_COMMAND_OK) break;
        const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        const char *dollar = msg ? strrchr(msg, '$') : NULL;
        int k = dollar ? atoi(dollar + 1) : 0;
        if (!st || strcmp(st, "42P18") || k < 1 || k > s->nparams || s->types[k - 1]) break;
        s->types[k - 1] = 25; /* TEXTOID */
    }
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
        set_err(c, r, "prepare");
        PQclear(r);
        return -1;
    }
    PQclear(r);
    s->gen = c->gen;
    return 0;
}

static void free_stmt(pg_stmt *s) {
    free(s->text);
    free(s->types);
    free(s->params);
    free(s->values);
    free(s->queue);
    free(s);
}

static db_stmt *pg_prepare(db_conn *dc, const char *sql) {
    pg_conn *c = PC(dc);
    prepare_conn(c, false);
    pg_stmt *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->text = adapt_sql(sql, true, &s->nparams);
    snprintf(s->name, sizeof s->name, "d%u", ++c->next_id);
    if (s->nparams > 0) {
        s->types = calloc((size_t)s->nparams, sizeof *s->types);
        s->params = calloc((size_t)s->nparams, sizeof *s->params);
        s->values = calloc((size_t)s->nparams, sizeof *s->values);
        if (!s->types || !s->params || !s->values) abort();
    }
    if (do_prepare(c, s) != 0) {
        free_stmt(s);
        return NULL;
    }
    return (db_stmt *)s;
}

static void clear_params(pg_stmt *s) {
    for (int i = 0; i < s->nparams; i++) {
        free(s->params[i].heap);
        s->params[i].heap = NULL;
        s->params[i].val = NULL;
    }
}

static void pg_reset(db_stmt *ds) {
    pg_stmt *s = PS(ds);
    pg_conn *c = STMT_CONN(ds);
    PQclear(s->cur);
    s->cur = NULL;
    if (c->active == s) abandon(c, s);
    queue_clear(s);
    s->state = ST_IDLE;
    s->final_rc = 0;
    s->final_broken = false;
    clear_params(s);
}

static void pg_finalize(db_stmt *ds) {
    pg_stmt *s = PS(ds);
    pg_conn *c = STMT_CONN(ds);
    PQclear(s->cur);
    s->cur = NULL;
    if (c->active == s) {
        if (c->base.closing) c->active = NULL; /* PQfinish follows */
        else abandon(c, s);                    /* leave the connection idle (and out of a pipeline) */
    }
    /* Evicted from the statement cache (not db_close, where PQfinish drops
     * everything): free the server-side statement when the connection is idle. */
    if (!c->base.closing && !c->active && s->gen == c->gen && PQstatus(c->pg) == CONNECTION_OK) {
        settle(c);
        char q[48];
        snprintf(q, sizeof q, "DEALLOCATE %s", s->name);
        PQclear(PQexec(c->pg, q));
    }
    queue_clear(s);
    clear_params(s);
    free_stmt(s);
}

static pg_param *param_at(pg_stmt *s, int idx) {
    if (idx < 1 || idx > s->nparams) {
        db_set_error((db_conn *)STMT_CONN(s), false, "postgres: bind index %d out of range 1..%d", idx, s->nparams);
        return NULL;
    }
    pg_param *p = &s->params[idx - 1];
    free(p->heap);
    p->heap = NULL;
    p->val = NULL;
    return p;
}

static int pg_bind_text(db_stmt *ds, int idx, const char *v) {
    pg_param *p = param_at(PS(ds), idx);
    if (!p) return -1;
    if (!v) return 0;
    size_t n = strlen(v);
    if (n < PARAM_INLINE) {
        memcpy(p->small, v, n + 1);
        p->val = p->small;
    } else {
        p->heap = malloc(n + 1);
        if (!p->heap) abort();
        memcpy(p->heap, v, n + 1);
        p->val = p->heap;
    }
    return 0;
}

static int pg_bind_int(db_stmt *ds, int idx, int64_t v) {
    pg_param *p = param_at(PS(ds), idx);
    if (!p) return -1;
    snprintf(p->small, sizeof p->small, "%lld", (long long)v);
    p->val = p->small;
    return 0;
}

static int pg_bind_double(db_stmt *ds, int idx, double v) {
    pg_param *p = param_at(PS(ds), idx);
    if (!p) return -1;
    if (isnan(v)) snprintf(p->small, sizeof p->small, "NaN");
    else if (isinf(v)) snprintf(p->small, sizeof p->small, v > 0 ? "Infinity" : "-Infinity");
    else snprintf(p->small, sizeof p->small, "%.17g", v);
    p->val = p->small;
    return 0;
}

static int pg_bind_null(db_stmt *ds, int idx) { return param_at(PS(ds), idx) ? 0 : -1; }

/* Sends s with its bound parameters, in single-row mode. The first statement
 * of a read transaction takes the deferred BEGIN along: both go out as one
 * pipeline (BEGIN, the statement, Sync), so the transaction costs no round
 * trip of its own; BEGIN's result is read here, the statement's rows by the
 * caller, the Sync by end_pipeline when they are done. Returns 0, or -1 with
 * the connection error set (nothing left in flight). */
static int send_stmt(pg_conn *c, pg_stmt *s) {
    for (int i = 0; i < s->nparams; i++) s->values[i] = s->params[i].val;
    if (!c->begin_pending) {
        s->autocommit = PQtransactionStatus(c->pg) == PQTRANS_IDLE;
        if (!PQsendQueryPrepared(c->pg, s->name, s->nparams, s->values, NULL, NULL, 0)) {
            set_err(c, NULL, NULL);
            return -1;
        }
        PQsetSingleRowMode(c->pg);
        return 0;
    }
    c->begin_pending = false;
    s->autocommit = false;
    if (!PQenterPipelineMode(c->pg)) {
        set_err(c, NULL, "pipeline");
        return -1;
    }
    c->in_pipeline = true;
    if (!PQsendQueryParams(c->pg, READ_BEGIN_SQL, 0, NULL, NULL, NULL, NULL, 0) ||
        !PQsendQueryPrepared(c->pg, s->name, s->nparams, s->values, NULL, NULL, 0) || !PQpipelineSync(c->pg)) {
        /* a failed send means a failed socket: the session is lost */
        db_set_error((db_conn *)c, true, "postgres: %s", PQerrorMessage(c->pg));
        c->in_pipeline = false;
        return -1;
    }
    PGresult *r = PQgetResult(c->pg);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
        set_err(c, r, "begin");
        PQclear(r);
        drain(c);       /* BEGIN's end */
        drain(c);       /* the statement: PGRES_PIPELINE_ABORTED */
        end_pipeline(c);
        return -1;
    }
    PQclear(r);
    drain(c); /* the NULL that ends BEGIN's results */
    PQsetSingleRowMode(c->pg);
    return 0;
}

static int pg_step(db_stmt *ds) {
    pg_stmt *s = PS(ds);
    pg_conn *c = STMT_CONN(ds);
    PQclear(s->cur);
    s->cur = NULL;
    if (s->state == ST_IDLE) {
        prepare_conn(c, false);
        if ((s->gen != c->gen && do_prepare(c, s) != 0) || send_stmt(c, s) != 0) {
            s->state = ST_DONE;
            s->final_rc = -1;
            s->final_err = strdup(c->base.errmsg);
            s->final_broken = c->base.broken;
            s->final_class = c->base.errclass;
            return -1;
        }
        s->state = ST_STREAM;
        c->active = s;
    }
    if (s->qlen > 0) {
        s->cur = s->queue[s->qhead++];
        s->qlen--;
        if (s->qlen == 0) s->qhead = 0;
        return 1;
    }
    if (s->state == ST_STREAM) {
        PGresult *row = NULL;
        int rc = read_next(c, s, &row);
        if (rc == 1) s->cur = row;
        if (rc < 0) {
            s->final_rc = -1;
            free(s->final_err);
            s->final_err = strdup(c->base.errmsg);
            s->final_broken = c->base.broken;
            s->final_class = c->base.errclass;
        }
        return rc;
    }
    /* ST_DONE: report the end (or the error) again */
    if (s->final_rc < 0 && s->final_err) {
        db_set_error((db_conn *)c, s->final_broken, "%s", s->final_err);
        db_set_errclass((db_conn *)c, (db_errclass_t)s->final_class);
    }
    return s->final_rc;
}

static int pg_col_count(db_stmt *ds) {
    pg_stmt *s = PS(ds);
    return s->cur ? PQnfields(s->cur) : s->nfields;
}

static bool pg_col_is_null(db_stmt *ds, int col) {
    pg_stmt *s = PS(ds);
    return !s->cur || col < 0 || col >= PQnfields(s->cur) || PQgetisnull(s->cur, 0, col);
}

static const char *pg_col_text(db_stmt *ds, int col) {
    pg_stmt *s = PS(ds);
    if (pg_col_is_null(ds, col)) return NULL;
    const char *v = PQgetvalue(s->cur, 0, col);
    if (PQftype(s->cur, col) == BOOLOID) return v[0] == 't' ? "1" : "0"; /* as SQLite would give */
    return v;
}

static int64_t pg_col_int(db_stmt *ds, int col) {
    const char *v = pg_col_text(ds, col);
    if (!v) return 0;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*end == '.' || *end == 'e' || *end == 'E') return (int64_t)strtod(v, NULL); /* numeric / double */
    return (int64_t)n;
}

static double pg_col_double(db_stmt *ds, int col) {
    const char *v = pg_col_text(ds, col);
    return v ? strtod(v, NULL) : 0.0;
}

const db_ops db_postgres_ops = {
    .kind = DB_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_count = pg_col_count,
    .col_is_null = pg_col_is_null,
    .col_text = pg_col_text,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .reset = pg_reset,
    .read_begin = pg_read_begin,
    .read_end = pg_read_end,
};
