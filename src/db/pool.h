/*
 * pool.h - the database connections of a serving process.
 *
 *   - one connection per worker thread (db_pool_thread), opened on first use and
 *     reopened after it broke; every one is closed by db_pool_close_all();
 *   - a bounded set of stream connections (db_pool_stream_acquire/release) for
 *     long reads such as /probation-cases, which must not hold a worker's
 *     connection: at most DELIUSD_STREAM_CONNECTIONS are open at once, idle ones
 *     are kept for reuse, and beyond the limit acquire fails at once (the
 *     caller answers 503) instead of opening another database session.
 * Serving never creates a database (db_open, not db_open_create).
 *
 * Threading: every function may be called from any thread. Ownership: the
 * pool owns every connection it hands out; stream connections go back with
 * db_pool_stream_release (broken ones are closed there).
 */
#ifndef DL_POOL_H
#define DL_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* url is borrowed for the life of the process; max_streams >= 1. */
void db_pool_init(const char *url, int max_streams);

/* This thread's connection, or NULL with a message in err. */
db_conn *db_pool_thread(char *err, size_t errlen);
/* This thread's connection if one is open (no open attempt), else NULL. */
db_conn *db_pool_thread_current(void);

/* A stream connection, or NULL with a message in err (busy = true when the
 * limit is reached rather than the database failing). */
db_conn *db_pool_stream_acquire(bool *busy, char *err, size_t errlen);
void db_pool_stream_release(db_conn *c);

/* Readiness: 0 when the schema can be read from this thread now (a query on
 * DELIUSD_SCHEMA_MIGRATION, not just SELECT 1). For a SQLite file it also
 * checks that the file's header is a valid SQLite header (an overwritten
 * header is DOWN even while pages are still cached). */
int db_pool_ready(void);

/* SQLite: a thread's connection checks at most every ms milliseconds (one
 * stat) that the path still names the file it opened, and reopens when the file
 * was replaced (`mv new.db deliusd.db`) or removed (DELIUSD_DB_CHECK_MS, 1000;
 * < 0 = never). */
void db_pool_set_check_interval(int ms);

/* Closes every connection (at shutdown, after the HTTP threads stopped). */
void db_pool_close_all(void);

/* Gauge hook: called with +1/-1 as connections open and close (may be NULL). */
void db_pool_set_gauge(void (*gauge)(int delta));

#endif
