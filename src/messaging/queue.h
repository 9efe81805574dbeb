/*
 * queue.h - the message queue interface and its two backends (platform.md §7.1, §7.3).
 *
 *   embedded  a durable queue table in deliusd's own database
 *             (DELIUSD_QUEUE_MESSAGE, dead letters in DELIUSD_DEAD_LETTER;
 *             migration 0003). Claims are atomic (one UPDATE ... RETURNING; on
 *             PostgreSQL the candidate rows are locked FOR UPDATE SKIP LOCKED),
 *             so any number of deliusd processes may share one PostgreSQL queue.
 *             A claimed row is invisible for the visibility timeout; a failure
 *             makes it visible again after retry_delay_ms * receives^2; after
 *             max_receives receives it moves to the dead-letter table with its
 *             last error.
 *   sqs       an SQS queue (JSON protocol, AWS SigV4 by libcurl): long-polling
 *             ReceiveMessage, DeleteMessage on success; on failure nothing is
 *             done, so the message reappears after the queue's visibility
 *             timeout and the queue's redrive policy dead-letters it.
 *
 * Which backend serves a logical queue ("tier", "upw", "court-case", "test")
 * is chosen by DELIUSD_QUEUE_<NAME> (upper case, '-' -> '_'): unset, empty or
 * "embedded" = the embedded queue; anything else names the SQS queue (a name,
 * resolved with GetQueueUrl, or a queue URL).
 *
 * Threading and ownership: an mq_queue belongs to one worker thread and uses
 * that worker's database connection (embedded) or HTTP client (sqs), which
 * the worker owns and which outlive the queue. Messages filled by
 * mq_receive own their strings (mq_msg_free).
 */
#ifndef DL_QUEUE_H
#define DL_QUEUE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "net/httpc.h"

typedef struct mq_msg {
    char *handle;        /* embedded: the row ID as text; sqs: the receipt handle */
    char *message_id;    /* transport message id (SNS MessageId when known) */
    char *body;          /* raw body: an SNS notification or a bare domain event */
    int receive_count;   /* 1 on first delivery */
    int64_t sent_ms;     /* epoch ms the message was enqueued/sent, 0 = unknown */
    bool expired;        /* embedded: received more than max_receives times; already dead-lettered */
} mq_msg;

void mq_msg_free(mq_msg *m);

typedef struct mq_settings {
    int max_receives;        /* DELIUSD_QUEUE_MAX_RECEIVES, 3 */
    int visibility_s;        /* DELIUSD_QUEUE_VISIBILITY_S, 30 (embedded claim time) */
    int retry_delay_ms;      /* DELIUSD_QUEUE_RETRY_DELAY_MS, 1000 (embedded: base of receives^2) */
    int poll_ms;             /* DELIUSD_QUEUE_POLL_MS, 200 (embedded: idle poll interval) */
    int batch;               /* DELIUSD_QUEUE_BATCH, 10 (messages per receive, 1..10) */
    int sqs_wait_s;          /* DELIUSD_SQS_WAIT_S, 20 (long poll) */
    int threads;             /* DELIUSD_CONSUMER_THREADS, 1 (workers per queue) */
    bool enabled;            /* DELIUSD_CONSUMERS, true (serve runs the workers) */
    const char *sqs_endpoint;/* DELIUSD_SQS_ENDPOINT, https://sqs.<region>.amazonaws.com */
    const char *region;      /* AWS_REGION (or AWS_DEFAULT_REGION), eu-west-2 */
    const char *access_key;  /* AWS_ACCESS_KEY_ID */
    const char *secret_key;  /* AWS_SECRET_ACCESS_KEY */
    const char *session_token; /* AWS_SESSION_TOKEN, optional */
} mq_settings;

extern mq_settings mq_cfg;

/* Reads the settings above from the environment. false + err on a bad value. */
bool mq_settings_load(char *err, size_t errlen);

/* The DELIUSD_QUEUE_<NAME> value for a logical queue, or NULL for the embedded queue. */
const char *mq_sqs_target(const char *logical);

typedef struct mq_queue mq_queue;

/* Opens the logical queue with the backend its setting chooses. db is used by
 * the embedded backend, http by sqs; both stay owned by the caller. cancel (may
 * be NULL) is polled during long waits: when it turns true they return early. */
mq_queue *mq_open(const char *logical, db_conn *db, httpc *http, const atomic_bool *cancel, char *err, size_t errlen);
void mq_close(mq_queue *q);
const char *mq_backend(const mq_queue *q); /* "embedded" or "sqs" */

/* Waits up to the backend's poll time for messages; fills out[0..n) and
 * returns n (0 = none), or -1 on a transport error (message in err). Embedded
 * messages past max_receives come back with expired set (already moved to the
 * dead-letter table); the caller only counts them. */
int mq_receive(mq_queue *q, mq_msg *out, int max, char *err, size_t errlen);
/* Acknowledges (deletes) a message. 0 or -1. */
int mq_ack(mq_queue *q, const mq_msg *m, char *err, size_t errlen);
/* Acknowledges up to 10 messages in one statement / one DeleteMessageBatch. 0 or -1. */
int mq_ack_batch(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen);
/* Pushes the visibility of messages still in hand to now + the visibility
 * timeout (a long batch keeps its claim): embedded: one UPDATE; sqs:
 * ChangeMessageVisibilityBatch with the queue's VisibilityTimeout. 0 or -1. */
int mq_extend(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen);
/* The visibility timeout in force for q, in seconds. */
int mq_visibility_s(const mq_queue *q);
/* Reports a failed message: embedded: visible again after the back-off, or
 * dead-lettered with error when it has had max_receives receives (returns 1
 * then); sqs: nothing (the visibility timeout and redrive policy act). 0, 1 or -1. */
int mq_fail(mq_queue *q, const mq_msg *m, const char *error, char *err, size_t errlen);

/* Gives a received, unhandled message back (stopping): embedded: visible at
 * once and the receive not counted; sqs: nothing (it reappears after the
 * visibility timeout). 0 or -1. */
int mq_release(mq_queue *q, const mq_msg *m, char *err, size_t errlen);

/* ---- embedded queue administration (deliusd publish / dlq) -------------- */

/* Enqueues body (an SNS notification or a bare domain event) on the embedded
 * logical queue; message_id NULL = generated. Writes the row id to *id_out. */
int mq_embedded_publish(db_conn *db, const char *logical, const char *message_id, const char *body, int64_t *id_out,
                        char *err, size_t errlen);
/* Publishes to an SQS queue (SendMessage), for `deliusd publish` to an SQS-backed queue. */
int mq_sqs_send(httpc *http, const char *logical, const char *body, char *err, size_t errlen);

/* Dead letters: list writes one JSON object per line to out (no message body:
 * it may carry personal data); retry moves rows back to their queue with a
 * fresh receive count; purge deletes them. queue NULL = every queue; ids NULL
 * (n 0) = every row. Return the number of rows, -1 on error. */
struct buf;
int mq_dlq_list(db_conn *db, const char *queue, struct buf *out, char *err, size_t errlen);
int mq_dlq_retry(db_conn *db, const char *queue, const int64_t *ids, size_t n, char *err, size_t errlen);
int mq_dlq_purge(db_conn *db, const char *queue, const int64_t *ids, size_t n, char *err, size_t errlen);

/* Epoch milliseconds (CLOCK_REALTIME). */
int64_t mq_now_ms(void);
/* A random RFC 4122 version-4 UUID (37 bytes with the NUL). */
void mq_uuid(char out[37]);

#endif
