/*
 * server.h - runs the HTTP server (libmicrohttpd thread pool) until SIGTERM/SIGINT,
 * and runs a route's handler in-process (no socket) for the compare tools.
 *
 * Core knows no service and no database: the application passes in its route
 * table, the role bit that passes every route, and its hooks.
 */
#ifndef DL_SERVER_H
#define DL_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "auth.h"
#include "http.h"

typedef struct server_opts {
    const route_def *routes;  /* the assembled route table (borrowed; lives for the process) */
    size_t nroutes;
    auth_ctx *auth;           /* token verification (borrowed) */
    unsigned admin_roles;     /* role bits that pass every protected route */
    /* Called once per answer, before headers are sent: may add response
     * headers (http_add_header), e.g. X-Query-Count. NULL = none. */
    void (*before_send)(http_req *r);
    /* Called once per routed request when its handler has returned (whether
     * it answered or not; a streamed body may still be sending), on the same
     * thread, also for in-process requests (which nest inside their caller's
     * handler): releases what the handler held for the request, e.g. the
     * read transaction of services/service.h. NULL = none. */
    void (*after_handler)(http_req *r);
    /* Called when the server is listening (start background workers), and
     * after SIGTERM once no new connections are accepted (stop them: finish
     * the message in hand), before in-flight requests are drained. A non-zero
     * return from on_start stops the server with exit status 1. NULL = none. */
    int (*on_start)(void *ctx);
    void (*on_stop)(void *ctx);
    void *hook_ctx;
    /* Called once after the HTTP threads have stopped (close per-thread resources). */
    void (*on_exit)(void *ctx);
} server_opts;

/* Installs the route table and hooks without serving (server_run does this
 * too): enough for http_invoke() and the metrics labels. */
void server_init(const server_opts *opts);

/* Serves cfg.port with cfg.threads workers. Blocks until SIGTERM or SIGINT,
 * then stops accepting, runs on_stop, lets in-flight requests and streams
 * finish (up to cfg.shutdown_grace_s), runs on_exit and returns 0. Returns 1
 * when the server cannot start. */
int server_run(const server_opts *opts);

/* The installed route table. */
const route_def *server_routes(size_t *n);

/* Runs the handler of the route matching (method, path) in-process, with the
 * same router, parameter parsing and error bodies as over HTTP, and collects
 * the answer. `path` may carry a query string. `headers` is a NULL-terminated
 * list of alternating names and values (may be NULL). With check_auth the
 * Authorization header is verified and the route's roles are checked as over
 * HTTP; without it the caller vouches for the request. A streamed answer is
 * read to the end (up to max_body bytes; more answers 500). Returns the HTTP
 * status; *body is malloc'd (caller frees), *len its length; content_type
 * (may be NULL) receives the content type. */
typedef struct http_invoke_result {
    int status;
    char *body;
    size_t len;
    char content_type[128];
} http_invoke_result;
int http_invoke(const char *method, const char *path, const char *const *headers, bool check_auth, size_t max_body,
                http_invoke_result *out);

#endif
