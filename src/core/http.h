/*
 * http.h - the request/response interface every handler sees.
 *
 * The HTTP adapter (http.c, over libmicrohttpd) matches the route, checks the
 * token and roles, then calls the route's handler with an http_req. A handler:
 *   - reads path variables (http_path) and typed query parameters (http_query_*),
 *   - queries the database through http_db() (services/service.h: this worker
 *     thread's connection from the pool in src/db/pool.h),
 *   - allocates from http_arena() (freed after the response is sent),
 *   - answers with exactly one of: http_json() + http_send_json(), http_error(),
 *     http_not_found(), http_send(), or http_stream().
 * The handler's return value is ignored unless it forgot to answer, in which case
 * a 500 is sent. Database failures should be answered with http_db_error()
 * (services/service.h).
 *
 * Core knows no service and no database: the route table, the roles and the
 * hooks come in through server_opts (server.h).
 *
 * Ownership: everything reachable from an http_req belongs to the request and
 * lives until the response is complete.
 */
#ifndef DL_HTTP_H
#define DL_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arena.h"
#include "json.h"

typedef struct http_req http_req;

/* The shape of error bodies a route uses (platform.md §3). */
typedef enum {
    ERR_STYLE_MESSAGE = 0,   /* {status, message}: tier, unpaid-work, platform */
    ERR_STYLE_DEVELOPER = 1, /* {status, developerMessage}: court-case */
} err_style;

/* --- request -------------------------------------------------------------- */

const char *http_method(const http_req *r);
const char *http_url_path(const http_req *r);
/* Value of path variable {name}, percent-decoded; NULL when the route has none. */
const char *http_path(const http_req *r, const char *name);
/* Request header (case-insensitive name) or NULL. */
const char *http_header(const http_req *r, const char *name);
/* Request body (POST), NUL-terminated; len may be NULL. NULL when none. */
const char *http_body(const http_req *r, size_t *len);
arena *http_arena(http_req *r);
/* The token's subject (`sub`) or NULL on public routes. */
const char *http_principal(const http_req *r);

/* Typed query parameters. Each returns true when the value is usable (present
 * and valid, or absent with the default applied). On a malformed value it has
 * already answered 400 naming the parameter, and returns false: the handler
 * must return at once. `required` parameters answer 400 when absent. */
bool http_query_str(http_req *r, const char *name, bool required, const char **out);
bool http_query_bool(http_req *r, const char *name, bool required, bool def, bool *out);
bool http_query_int(http_req *r, const char *name, bool required, int64_t def, int64_t *out);
/* Repeated (a=1&a=2) and comma-separated (a=1,2) values, merged in order.
 * *out is an arena array of *n strings; empty items are dropped. */
bool http_query_list(http_req *r, const char *name, bool required, const char ***out, size_t *n);
/* A path variable that must be an integer: answers 400 (framework shape) otherwise. */
bool http_path_int(http_req *r, const char *name, int64_t *out);

/* --- response ------------------------------------------------------------- */

/* A JSON writer over the response body buffer. */
jw *http_json(http_req *r);
/* Sends what was written through http_json() with this status. */
void http_send_json(http_req *r, int status);
/* Sends a fixed body (copied) with a content type. */
void http_send(http_req *r, int status, const char *content_type, const char *body, size_t len);
/* Adds a response header (copied); call before the send. */
void http_add_header(http_req *r, const char *name, const char *value);
/* Error body in the route's style: {status, message} or {status, developerMessage}. */
void http_error(http_req *r, int status, const char *message);
/* 404 "{entity} with {field} of {value} not found" in the route's style. */
void http_not_found(http_req *r, const char *entity, const char *field, const char *value);
/* Framework-shaped error {timestamp, status, error, path, message?}. */
void http_framework_error(http_req *r, int status, const char *message);

/* Streaming: the reader fills up to max bytes into out and returns the count,
 * 0 at the end, or -1 on error (the connection is then closed). It is called
 * from the worker thread, several times, after the handler returned. free_cb
 * runs exactly once when the response is done (or abandoned). The stream owns
 * ctx; it must not use http_db() (open its own connection) or the arena after
 * the handler returned... the arena stays valid until free_cb has run. */
typedef ssize_t (*http_stream_reader)(void *ctx, char *out, size_t max);
typedef void (*http_stream_free)(void *ctx);
void http_stream(http_req *r, int status, const char *content_type, http_stream_reader reader, void *ctx,
                 http_stream_free free_cb);
/* The same with a known body length (sent as Content-Length instead of chunked
 * encoding; a reader that ends early cuts the connection). length < 0 = unknown. */
void http_stream_len(http_req *r, int status, const char *content_type, int64_t length, http_stream_reader reader,
                     void *ctx, http_stream_free free_cb);

/* --- routes --------------------------------------------------------------- */

typedef int (*http_handler)(http_req *r);

#define ROLES_PUBLIC 0u

/* One route: the single declaration of a route, read by the router, the role
 * check, /v3/api-docs and the tests. Services declare theirs in
 * src/services/<service>/routes.c with designated initialisers; the
 * application assembles them (src/routes.c) and passes them to server_run. */
typedef struct route_def {
    const char *method;   /* "GET", "POST" */
    const char *pattern;  /* "/tier-details/{crn}" */
    const char *alias;    /* a second path served by this entry with the same variables
                             ("/secure/offenders/crn/{crn}"), or NULL */
    unsigned roles;       /* any-of role bits of the application's roles table; ROLES_PUBLIC = no token */
    err_style errors;     /* error body shape */
    http_handler handler;
    const char *service;  /* "tier", "unpaid-work", "court-case", "platform" (OpenAPI tag) */
    const char *schema;   /* 200 schema name in the seed ("TierDetails", "Conviction[]" for an array), or NULL:
                             the seed operation's schema is used (services/platform/openapi.c) */
    const char *summary;  /* one line for /v3/api-docs */
} route_def;

/* The route that matched, and whether it was reached through its alias path. */
const route_def *http_route(const http_req *r);
bool http_via_alias(const http_req *r);
/* Query-string value (first occurrence, percent-decoded) or NULL. */
const char *http_query_raw(const http_req *r, const char *name);
/* The request id (X-Request-Id echoed or generated), for log lines. */
const char *http_request_id(const http_req *r);

#endif
