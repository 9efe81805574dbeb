/*
 * consumer.h - what a message consumer (one event type's handler) sees.
 *
 * The transport (src/messaging/: the embedded queue table or SQS) receives a
 * message, unwraps the SNS notification and the domain event (platform.md
 * §7.2), looks the event type up in the consumer table, opens nothing else,
 * and calls the handler with the worker's own database connection and
 * outbound HTTP client. The handler does its detail fetch and its writes (one
 * transaction, idempotent) and returns what should happen to the message:
 *   EV_OK      done or deliberately ignored (person unknown, unchanged, 404): acknowledge;
 *   EV_RETRY   transient failure (HTTP 5xx/timeout, database busy or down): the
 *              transport retries in-process (3 attempts, 100 ms * n^2), then leaves the
 *              message for redelivery; after N receives it is dead-lettered;
 *   EV_FAIL    permanent failure (malformed event, not a PDF, ...): not acknowledged,
 *              dead-lettered after N receives like the original; err says why.
 * Unknown event types never reach a handler: the transport acknowledges and counts them.
 *
 * Ownership: everything in ev_message belongs to the transport and is valid
 * only during the call.
 */
#ifndef DL_CONSUMER_H
#define DL_CONSUMER_H

#include <jansson.h>
#include <stddef.h>

#include "db/db.h"
#include "net/httpc.h"

typedef enum { EV_OK = 0, EV_RETRY = 1, EV_FAIL = 2 } ev_status;

typedef struct ev_message {
    const char *queue;        /* logical queue: "tier", "upw", "court-case" */
    const char *message_id;   /* SNS MessageId (generated when missing) */
    const char *event_type;   /* domain event's eventType */
    const json_t *event;      /* the whole domain event object (jansson, borrowed) */
    const char *crn;          /* personReference identifier of type CRN, or NULL */
    const char *detail_url;   /* detailUrl or NULL */
    const char *occurred_at;  /* occurredAt as given, or NULL */
    int receive_count;        /* 1 on first delivery */
} ev_message;

typedef ev_status (*ev_handler)(db_conn *db, httpc *http, const ev_message *m, char *err, size_t errlen);

/* One consumer: declared once per event type in its service's consumers.c. */
typedef struct ev_consumer_def {
    const char *queue;        /* "tier", "upw", "court-case" (DELIUSD_QUEUE_<QUEUE>) */
    const char *event_type;   /* "tier.calculation.complete" */
    ev_handler handler;
    const char *summary;
} ev_consumer_def;

#endif
