/*
 * server.h - runs the HTTP server (libmicrohttpd thread pool) until SIGTERM/SIGINT.
 */
#ifndef DL_SERVER_H
#define DL_SERVER_H

#include "auth.h"
#include "http.h"

/* Serves cfg.port with cfg.threads workers. Blocks until SIGTERM or SIGINT,
 * then stops accepting, lets in-flight requests and streams finish (up to
 * cfg.shutdown_grace_s), closes every database connection and returns 0.
 * Returns 1 when the server cannot start. auth stays owned by the caller. */
int server_run(auth_ctx *auth);

/* Health of the configured database from the calling worker: 0 when it can be
 * queried. Used by /health and /health/readiness. */
int server_db_ready(http_req *r);

#endif
