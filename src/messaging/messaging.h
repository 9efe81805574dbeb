/*
 * messaging.h - the message consumers: worker threads that receive from the
 * queues (queue.h), unwrap the envelope (envelope.h), dispatch by eventType
 * to the consumer table and acknowledge, retry or dead-letter (platform.md §7.3).
 *
 * The consumer table is the list of groups in src/consumers.c; each service
 * declares its consumers in src/services/<service>/consumers.c. One worker (or
 * DELIUSD_CONSUMER_THREADS workers) runs per logical queue that has at least one
 * consumer; each worker owns its database connection, HTTP client and queue.
 *
 * Per message: unknown event types are acknowledged and counted, never
 * retried; a handler answering EV_RETRY is called again in-process (3 attempts
 * in all, 100 ms * n^2 between them); EV_OK acknowledges; EV_FAIL, or EV_RETRY
 * three times, reports the failure to the queue (redelivery, then dead letter).
 *
 * Lifecycle: messaging_start() after the database is known to be migrated;
 * messaging_stop() lets every worker finish the message in hand, releases the
 * rest of its batch to the queue, and joins the threads. Not re-entrant: one
 * start/stop pair per process.
 */
#ifndef DL_MESSAGING_H
#define DL_MESSAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "messaging/consumer.h"

typedef struct ev_consumer_group {
    const char *name;              /* service name, for logs */
    const ev_consumer_def *defs;
    const size_t *count;
} ev_consumer_group;

/* src/consumers.c */
extern const ev_consumer_group ev_consumer_groups[];
extern const size_t ev_consumer_group_count;

/* The consumer of an event type (enabled ones only), or NULL. */
const ev_consumer_def *messaging_find(const char *event_type);
/* True when the test consumer (DELIUSD_TEST_CONSUMER=true, event type deliusd.test on queue "test") is on. */
bool messaging_test_consumer_enabled(void);

/* Starts the workers (reads mq_settings first). db_url: DELIUSD_DATABASE.
 * Returns the number of workers started, or -1 with err. */
int messaging_start(const char *db_url, char *err, size_t errlen);
/* Stops and joins every worker; no-op when none runs. */
void messaging_stop(void);

/* The test consumer's table (src/messaging/test_consumer.c). */
extern const ev_consumer_def test_consumers[];
extern const size_t test_consumers_count;

#endif
