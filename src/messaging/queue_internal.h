/* queue_internal.h - what the queue backends share (queue.c, queue_embedded.c, queue_sqs.c). */
#ifndef DL_QUEUE_INTERNAL_H
#define DL_QUEUE_INTERNAL_H

#include "queue.h"

typedef enum { MQ_EMBEDDED = 1, MQ_SQS = 2 } mq_kind;

struct mq_queue {
    mq_kind kind;
    char logical[32];
    db_conn *db;                /* embedded */
    httpc *http;                /* sqs */
    const atomic_bool *cancel;
    char *url;                  /* sqs: the queue URL */
    int visibility_s;           /* the claim/visibility time in force (sqs: the queue's attribute) */
};

int mq_embedded_receive(mq_queue *q, mq_msg *out, int max, char *err, size_t errlen);
int mq_embedded_ack(mq_queue *q, const mq_msg *m, char *err, size_t errlen);
int mq_embedded_by_ids(mq_queue *q, bool extend, mq_msg *const *m, int n, char *err, size_t errlen);
int mq_sqs_extend(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen);
int mq_sqs_ack_batch(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen);
int mq_embedded_release(mq_queue *q, const mq_msg *m, char *err, size_t errlen);
int mq_embedded_fail(mq_queue *q, const mq_msg *m, const char *error, char *err, size_t errlen);

int mq_sqs_open(mq_queue *q, const char *target, char *err, size_t errlen);
int mq_sqs_receive(mq_queue *q, mq_msg *out, int max, char *err, size_t errlen);
int mq_sqs_ack(mq_queue *q, const mq_msg *m, char *err, size_t errlen);

/* Sleeps ms in small steps, returning early once *cancel is true. */
void mq_sleep(const atomic_bool *cancel, long ms);

#endif
