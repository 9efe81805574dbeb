/*
 * probation_cases.c - GET /probation-cases: every CRN of a non-deleted person
 * with at least one active, non-deleted event, in CRN order
 * (tier-to-delius.md §2.3, decision 7).
 *
 * Streamed in constant memory from a database cursor on the stream's own
 * connection: each reader call fills the caller's buffer with as many CRNs as
 * fit, carrying a CRN that does not fit whole over to the next call.
 *   - default: a JSON array of strings, application/json;
 *   - when the request's Accept lists only text/plain: one CRN per line (each
 *     followed by "\n"), text/plain.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/http.h"
#include "core/log.h"
#include "db/pool.h"
#include "core/json.h"
#include "db/db.h"
#include "services/tier/tier.h"

#define CRN_SQL                                                                                         \
    "SELECT o.CRN FROM OFFENDER o WHERE o.SOFT_DELETED = 0 AND EXISTS ("                                \
    "SELECT 1 FROM EVENT e WHERE e.OFFENDER_ID = o.OFFENDER_ID AND e.SOFT_DELETED = 0 AND e.ACTIVE_FLAG = 1)" \
    " ORDER BY o.CRN"

typedef struct crn_stream {
    db_conn *db;
    db_stmt *st;     /* NULL once done */
    bool text;       /* text/plain lines instead of a JSON array */
    bool started;    /* the opening '[' has been written (JSON) */
    bool first;      /* no CRN written yet (JSON commas) */
    bool finished;   /* the closing ']' (JSON) has been queued */
    bool failed;
    buf pending;     /* bytes produced but not yet handed out */
    size_t pending_off;
    char request_id[72]; /* for the log line of a failure after the 200 was sent */
} crn_stream;

/* True when every media range in Accept is text/plain (parameters ignored). */
static bool accepts_only_text(const char *accept) {
    if (!accept) return false;
    bool any = false;
    const char *p = accept;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        if (!*p) break;
        const char *start = p;
        while (*p && *p != ',' && *p != ';') p++;
        const char *end = p;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t')) end--;
        size_t n = (size_t)(end - start);
        if (n != 10 || strncasecmp(start, "text/plain", 10) != 0) return false;
        any = true;
        while (*p && *p != ',') p++; /* skip parameters */
    }
    return any;
}

/* Appends the next chunk of output to st->pending: the '[' , one CRN, or the
 * end. Returns false at the end of the stream or on error. */
static bool produce(crn_stream *st) {
    if (!st->text && !st->started) {
        st->started = true;
        buf_putc(&st->pending, '[');
        return true;
    }
    if (!st->st) return false;
    int rc = db_step(st->st);
    if (rc == 1) {
        const char *crn = db_col_text(st->st, 0);
        if (!crn) crn = "";
        bool first = st->first;
        st->first = false;
        if (st->text) {
            buf_puts(&st->pending, crn);
            buf_putc(&st->pending, '\n');
        } else {
            if (!first) buf_putc(&st->pending, ',');
            buf_putc(&st->pending, '"');
            json_escape(&st->pending, crn, strlen(crn));
            buf_putc(&st->pending, '"');
        }
        return true;
    }
    db_done(st->st);
    st->st = NULL;
    if (rc < 0) {
        st->failed = true;
        if (!st->first) /* the 200 is out; a failure before it is logged by the handler */
            log_msg(LOG_ERROR, "database error while streaming", "requestId", st->request_id, "error",
                    db_errmsg(st->db), NULL);
        return false;
    }
    if (!st->text && !st->finished) {
        st->finished = true;
        buf_putc(&st->pending, ']');
        return true;
    }
    return false;
}

static ssize_t crn_read(void *ctx, char *out, size_t max) {
    crn_stream *st = ctx;
    size_t n = 0;
    while (n < max) {
        if (st->pending_off < st->pending.len) {
            size_t avail = st->pending.len - st->pending_off;
            size_t take = avail < max - n ? avail : max - n;
            memcpy(out + n, st->pending.data + st->pending_off, take);
            n += take;
            st->pending_off += take;
            continue;
        }
        buf_clear(&st->pending);
        st->pending_off = 0;
        if (!produce(st)) break;
    }
    if (n == 0 && st->failed) return -1; /* cut the connection: the body is incomplete */
    return (ssize_t)n;
}

static void crn_free(void *ctx) {
    crn_stream *st = ctx;
    if (st->st) db_done(st->st);
    db_pool_stream_release(st->db);
    buf_dispose(&st->pending);
    free(st);
}

/* 503 when the database is unreachable, 500 (framework shape) for any other failure. */
static void stream_db_error(http_req *r, db_conn *db) {
    if (!db || db_broken(db)) http_error(r, 503, "Database unavailable");
    else http_framework_error(r, 500, NULL);
}

int tier_probation_cases(http_req *r) {
    char err[256];
    bool busy;
    /* the stream holds a connection of the bounded stream pool (db/pool.h) for
     * its whole life: the worker's stays free for other requests */
    db_conn *db = db_pool_stream_acquire(&busy, err, sizeof err);
    if (!db) {
        log_msg(busy ? LOG_WARN : LOG_ERROR, busy ? "stream connections exhausted" : "database unavailable",
                "requestId", http_request_id(r), "error", err, NULL);
        http_error(r, 503, busy ? "Too many concurrent streams; retry shortly" : "Database unavailable");
        return 0;
    }
    db_stmt *q = db_query(db, CRN_SQL);
    if (!q) {
        log_msg(LOG_ERROR, "database error", "requestId", http_request_id(r), "error", db_errmsg(db), NULL);
        stream_db_error(r, db);
        db_pool_stream_release(db);
        return 0;
    }
    crn_stream *st = calloc(1, sizeof *st);
    if (!st) abort();
    st->db = db;
    st->st = q;
    st->first = true;
    st->text = accepts_only_text(http_header(r, "Accept"));
    snprintf(st->request_id, sizeof st->request_id, "%s", http_request_id(r));
    /* Run the query now (first row, or the end) so that a database failure is
     * still answered with an error status rather than a cut-off 200. */
    while (produce(st) && st->st && st->first) {
    }
    if (st->failed) {
        log_msg(LOG_ERROR, "database error", "requestId", http_request_id(r), "error", db_errmsg(db), NULL);
        stream_db_error(r, db);
        crn_free(st);
        return 0;
    }
    http_stream(r, 200, st->text ? "text/plain;charset=UTF-8" : "application/json", crn_read, st, crn_free);
    return 0;
}
