/* service.c - the handlers' shared glue (service.h). */
#include "services/service.h"

#include <stdio.h>

#include "core/config.h"
#include "core/log.h"
#include "db/pool.h"

/* The request that began this thread's read transaction (see http_db). */
static __thread const http_req *tl_tx_owner;

db_conn *http_db(http_req *r) {
    /* inside this request's (or the enclosing request's) transaction: the same
     * connection, never reopened mid-request (the pool may replace a thread's
     * connection, which would pull it from under the enclosing handler) */
    db_conn *cur = db_pool_thread_current();
    if (tl_tx_owner && cur && db_in_read(cur)) return cur;
    char err[256];
    db_conn *c = db_pool_thread(err, sizeof err);
    if (!c) {
        log_msg(LOG_ERROR, "database unavailable", "requestId", http_request_id(r), "error", err, NULL);
        http_error(r, 503, "Database unavailable");
        return NULL;
    }
    db_read_end(c); /* a transaction nobody owns (cannot happen; never reuse a stale snapshot) */
    if (db_read_begin(c) != 0) {
        http_db_error(r);
        return NULL;
    }
    tl_tx_owner = r;
    return c;
}

void service_after_handler(http_req *r) {
    if (tl_tx_owner != r) return;
    tl_tx_owner = NULL;
    db_conn *c = db_pool_thread_current();
    if (c && db_read_end(c) != 0)
        log_msg(LOG_WARN, "read transaction did not end cleanly", "requestId", http_request_id(r), "error",
                db_errmsg(c), NULL);
}

void http_db_error(http_req *r) {
    db_conn *c = db_pool_thread_current();
    const char *msg = c ? db_errmsg(c) : "no connection";
    const route_def *d = http_route(r);
    log_msg(LOG_ERROR, "database error", "requestId", http_request_id(r), "route", d ? d->pattern : "unmatched",
            "error", msg, NULL);
    if (!c || db_broken(c)) http_error(r, 503, "Database unavailable");
    else http_framework_error(r, 500, NULL);
}

bool http_person(http_req *r, bool include_deleted, db_conn **db, person *out) {
    const char *crn = http_path(r, "crn");
    db_conn *c = http_db(r);
    if (!c) return false;
    int rc = include_deleted ? person_find_any(c, http_arena(r), crn, out) : person_find(c, http_arena(r), crn, out);
    if (!http_found(r, rc, "Person", "crn", crn)) return false;
    *db = c;
    return true;
}

bool http_found(http_req *r, int rc, const char *entity, const char *field, const char *value) {
    if (rc > 0) return true;
    if (rc < 0) http_db_error(r);
    else http_not_found(r, entity, field, value ? value : "");
    return false;
}

void service_before_send(http_req *r) {
    if (!cfg.debug_query_count) return;
    db_conn *c = db_pool_thread_current();
    if (!c) return;
    char n[32];
    snprintf(n, sizeof n, "%llu", (unsigned long long)db_query_count(c));
    http_add_header(r, "X-Query-Count", n);
}
