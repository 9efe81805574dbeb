/*
 * service.h - what every service's handlers share beyond core/http.h: the
 * worker's database connection, the database-error answer, and the person
 * look-up prologue.
 *
 * This is the glue between the HTTP core (which knows no database) and the
 * database pool (src/db/pool.h); src/delius/ stays free of HTTP.
 */
#ifndef DL_SERVICE_H
#define DL_SERVICE_H

#include <stdbool.h>

#include "core/http.h"
#include "db/db.h"
#include "delius/person.h"
#include "services/roles.h"

/* This worker's database connection (opened on first use, reopened after a
 * broken connection). NULL if it cannot be opened: already answered 503.
 * The first call of a request begins a read transaction on it
 * (db_read_begin), so every statement the request runs sees one snapshot and
 * SQLite takes its read lock once per request, not once per statement; it
 * ends when the handler returns (service_after_handler). In-process requests
 * (http_invoke) nest on the same thread: only the outermost request that
 * called http_db owns the transaction, nested ones read in it. A write
 * (db_begin_write) ends it first. Streams use their own connections
 * (db/pool.h) and are not part of it. */
db_conn *http_db(http_req *r);

/* 503 (database unavailable) or 500, chosen from the connection state; logs the cause. */
void http_db_error(http_req *r);

/* The prologue of every per-person route: the worker's connection, then the
 * person whose CRN is the path variable {crn}. include_deleted: soft-deleted
 * offenders count (court-case §1.4) or not (tier, unpaid-work). Returns true
 * with *db and *out filled; false when it has answered: 503 (no database),
 * 500/503 (query failed) or 404 "Person with crn of {crn} not found" in the
 * route's error style. The handler returns at once on false. */
bool http_person(http_req *r, bool include_deleted, db_conn **db, person *out);

/* The answer to a look-up's result (1 found, 0 not found, -1 database error):
 * true on 1; otherwise answers 404 "{entity} with {field} of {value} not
 * found" or the database error, and returns false. Handlers whose first query
 * loads more than the person (to keep the query count) use this directly. */
bool http_found(http_req *r, int rc, const char *entity, const char *field, const char *value);

/* server_opts.before_send: X-Query-Count when DELIUSD_DEBUG_QUERY_COUNT is set. */
void service_before_send(http_req *r);

/* server_opts.after_handler: ends the request's read transaction when r owns it. */
void service_after_handler(http_req *r);

#endif
