/*
 * worker.c - consumer worker threads, dispatch, retries and message metrics
 * (see messaging.h; platform.md §7.3).
 *
 * Metrics (rendered into /metrics through metrics_add_renderer):
 *   deliusd_messages_total{queue,event_type,outcome}  outcome = received | processed |
 *       failed | dead_lettered | ignored (unknown event type). A malformed message is
 *       counted under event_type="malformed". At most MAX_SERIES (queue, event type)
 *       pairs are kept; further unknown types share event_type="other".
 *   deliusd_queue_lag_seconds{queue}   age of the last message received (now - sent)
 *   deliusd_queue_receive_errors_total{queue}
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/log.h"
#include "core/metrics.h"
#include "envelope.h"
#include "messaging.h"
#include "queue.h"

#define HANDLER_ATTEMPTS 3     /* §7.3 */
#define HANDLER_BACKOFF_MS 100 /* §7.3: 100 ms * n^2 */
#define MAX_WORKERS 64
#define MAX_SERIES 64
#define MAX_QUEUES 8

/* ---------------------------------------------------------------- metrics -- */

enum { OUT_RECEIVED, OUT_PROCESSED, OUT_FAILED, OUT_DEAD, OUT_IGNORED, NOUT };
static const char *outcome_names[NOUT] = {"received", "processed", "failed", "dead_lettered", "ignored"};

static struct series {
    char queue[32], event_type[96];
    atomic_ulong n[NOUT];
} series[MAX_SERIES];
static int nseries;
static pthread_mutex_t series_lock = PTHREAD_MUTEX_INITIALIZER;

static struct queue_stats {
    char name[32];
    _Atomic long long lag_ms;
    atomic_ulong receive_errors;
    atomic_bool seen;
} qstats[MAX_QUEUES];
static int nqstats;

static struct series *series_for(const char *queue, const char *event_type) {
    pthread_mutex_lock(&series_lock);
    struct series *found = NULL;
    for (int pass = 0; pass < 2 && !found; pass++) {
        for (int i = 0; i < nseries; i++)
            if (!strcmp(series[i].queue, queue) && !strcmp(series[i].event_type, event_type)) {
                found = &series[i];
                break;
            }
        if (found) break;
        if (nseries < MAX_SERIES - 1 || (nseries < MAX_SERIES && !strcmp(event_type, "other"))) {
            found = &series[nseries++];
            snprintf(found->queue, sizeof found->queue, "%s", queue);
            snprintf(found->event_type, sizeof found->event_type, "%s", event_type);
        } else {
            event_type = "other";
        }
    }
    pthread_mutex_unlock(&series_lock);
    return found;
}

static void count(const char *queue, const char *event_type, int outcome) {
    struct series *s = series_for(queue, event_type);
    if (s) atomic_fetch_add(&s->n[outcome], 1);
}

static struct queue_stats *qstat(const char *queue) {
    for (int i = 0; i < nqstats; i++)
        if (!strcmp(qstats[i].name, queue)) return &qstats[i];
    return NULL;
}

static void render(buf *b) {
    buf_puts(b, "# HELP deliusd_messages_total Messages by queue, event type and outcome.\n"
                "# TYPE deliusd_messages_total counter\n");
    pthread_mutex_lock(&series_lock);
    int n = nseries;
    pthread_mutex_unlock(&series_lock);
    for (int i = 0; i < n; i++)
        for (int o = 0; o < NOUT; o++) {
            buf_puts(b, "deliusd_messages_total{queue=\"");
            json_escape(b, series[i].queue, strlen(series[i].queue));
            buf_puts(b, "\",event_type=\"");
            json_escape(b, series[i].event_type, strlen(series[i].event_type));
            buf_printf(b, "\",outcome=\"%s\"} %lu\n", outcome_names[o], atomic_load(&series[i].n[o]));
        }
    buf_puts(b, "# HELP deliusd_queue_lag_seconds Age of the last message received from the queue.\n"
                "# TYPE deliusd_queue_lag_seconds gauge\n");
    for (int i = 0; i < nqstats; i++)
        buf_printf(b, "deliusd_queue_lag_seconds{queue=\"%s\"} %.3f\n", qstats[i].name,
                   (double)atomic_load(&qstats[i].lag_ms) / 1000.0);
    buf_puts(b, "# HELP deliusd_queue_receive_errors_total Failed receives (queue unreachable, database down).\n"
                "# TYPE deliusd_queue_receive_errors_total counter\n");
    for (int i = 0; i < nqstats; i++)
        buf_printf(b, "deliusd_queue_receive_errors_total{queue=\"%s\"} %lu\n", qstats[i].name,
                   atomic_load(&qstats[i].receive_errors));
}

/* ------------------------------------------------------------- consumers -- */

static bool test_enabled(void) {
    const char *v = getenv("DELIUSD_TEST_CONSUMER");
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

bool messaging_test_consumer_enabled(void) { return test_enabled(); }

/* A group whose table is not linked in (weak symbol, see src/consumers.c) has no consumers. */
static size_t group_size(const ev_consumer_group *g) { return g->defs && g->count ? *g->count : 0; }

const ev_consumer_def *messaging_find(const char *event_type) {
    if (!event_type) return NULL;
    for (size_t g = 0; g < ev_consumer_group_count; g++)
        for (size_t i = 0; i < group_size(&ev_consumer_groups[g]); i++)
            if (!strcmp(ev_consumer_groups[g].defs[i].event_type, event_type)) return &ev_consumer_groups[g].defs[i];
    if (test_enabled())
        for (size_t i = 0; i < test_consumers_count; i++)
            if (!strcmp(test_consumers[i].event_type, event_type)) return &test_consumers[i];
    return NULL;
}

/* ---------------------------------------------------------------- workers -- */

typedef struct worker {
    pthread_t thread;
    char queue[32];
    char db_url[1024];
    int index;
} worker;

static worker workers[MAX_WORKERS];
static int nworkers;
static atomic_bool stopping;

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Copies err into out with every occurrence of crn replaced by "[crn]" (no CRNs in logs). */
static void redact(const char *err, const char *crn, char *out, size_t outlen) {
    size_t n = 0, cl = crn ? strlen(crn) : 0;
    for (const char *p = err; *p && n + 1 < outlen;) {
        if (cl && !strncmp(p, crn, cl)) {
            n += (size_t)snprintf(out + n, outlen - n, "[crn]");
            if (n >= outlen) n = outlen - 1;
            p += cl;
        } else {
            out[n++] = *p++;
        }
    }
    out[n < outlen ? n : outlen - 1] = 0;
}

/* Handles one received message: dispatch, retries, fail, metrics. Returns true when the
 * message is done and must be acknowledged (the caller acknowledges a batch at once). */
static bool handle(worker *w, db_conn **db, httpc *http, mq_queue *q, mq_msg *msg) {
    struct queue_stats *qs = qstat(w->queue);
    if (qs && msg->sent_ms > 0) atomic_store(&qs->lag_ms, (long long)(mq_now_ms() - msg->sent_ms));
    char err[512] = "", qerr[512] = "";
    ev_envelope env;
    int prc = ev_envelope_parse(msg->body, msg->message_id, &env, err, sizeof err);
    const char *et = prc == 0 ? env.event_type : "malformed";
    const ev_consumer_def *def = prc == 0 ? messaging_find(et) : NULL;
    if (prc == 0 && !def) et = "unknown"; /* free-form types from the wire never become label values */
    const char *mid = prc == 0 ? env.message_id : msg->message_id; /* the SNS MessageId when there is one */
    count(w->queue, et, OUT_RECEIVED);
    if (msg->expired) { /* already moved to the dead-letter table by the queue */
        count(w->queue, et, OUT_DEAD);
        log_msg(LOG_WARN, "message dead-lettered: received too often without completing", "queue", w->queue,
                "eventType", et, "messageId", mid, NULL);
        ev_envelope_free(&env);
        return false;
    }
    if (prc == 0 && !def) {
        /* §7.1: deliusd filters by eventType itself; unknown types are acknowledged, never retried */
        log_msg(LOG_DEBUG, "ignored message of an unknown event type", "queue", w->queue, "eventType", env.event_type,
                NULL);
        count(w->queue, et, OUT_IGNORED);
        ev_envelope_free(&env);
        return true;
    }
    ev_status st = EV_FAIL;
    if (prc == 0) {
        ev_message m = {.queue = w->queue,
                        .message_id = env.message_id,
                        .event_type = env.event_type,
                        .event = env.event,
                        .crn = env.crn,
                        .detail_url = env.detail_url,
                        .occurred_at = env.occurred_at,
                        .receive_count = msg->receive_count};
        for (int attempt = 1; attempt <= HANDLER_ATTEMPTS; attempt++) {
            err[0] = 0;
            st = def->handler(*db, http, &m, err, sizeof err);
            if (st != EV_RETRY || attempt == HANDLER_ATTEMPTS) break;
            sleep_ms((long)HANDLER_BACKOFF_MS * attempt * attempt);
        }
    }
    bool ack = st == EV_OK;
    if (ack) {
        count(w->queue, et, OUT_PROCESSED);
    } else {
        count(w->queue, et, OUT_FAILED);
        if (!err[0]) snprintf(err, sizeof err, "%s", st == EV_RETRY ? "transient failure" : "failed");
        char rc_txt[16];
        snprintf(rc_txt, sizeof rc_txt, "%d", msg->receive_count);
        int frc = mq_fail(q, msg, err, qerr, sizeof qerr);
        if (frc == 1) count(w->queue, et, OUT_DEAD);
        char logged[512];
        redact(err, prc == 0 ? env.crn : NULL, logged, sizeof logged);
        log_msg(LOG_WARN, frc == 1 ? "message failed and was dead-lettered" : "message failed; it will be redelivered",
                "queue", w->queue, "eventType", et, "messageId", mid, "receiveCount", rc_txt,
                "outcome", st == EV_RETRY ? "retry" : "fail", "error", logged, NULL);
        if (frc < 0) log_msg(LOG_WARN, "cannot record the failure", "queue", w->queue, "error", qerr, NULL);
    }
    ev_envelope_free(&env);
    /* a handler that lost the database leaves a broken connection: open a new one */
    if (db_broken(*db)) {
        char oerr[512];
        db_conn *fresh = db_open(w->db_url, oerr, sizeof oerr);
        if (fresh) {
            db_close(*db);
            *db = fresh;
        }
    }
    return ack;
}

/* Acknowledges the messages of a batch that are done (one statement / call). A failure is
 * logged only: the messages come again and the handlers are idempotent. */
static void ack_done(worker *w, mq_queue *q, mq_msg **done, int *ndone) {
    char err[512];
    if (*ndone && mq_ack_batch(q, done, *ndone, err, sizeof err) != 0)
        log_msg(LOG_WARN, "cannot acknowledge messages; they will be redelivered", "queue", w->queue, "error", err, NULL);
    for (int i = 0; i < *ndone; i++) mq_msg_free(done[i]);
    *ndone = 0;
}

static void *worker_main(void *arg) {
    worker *w = arg;
    char err[512];
    db_conn *db = NULL;
    httpc *http = httpc_new();
    mq_queue *q = NULL;
    struct queue_stats *qs = qstat(w->queue);
    bool failing = false; /* log a failure once, and its recovery */
    long backoff = 100;
    mq_msg batch[10];
    while (!atomic_load(&stopping)) {
        if (!db && !(db = db_open(w->db_url, err, sizeof err))) goto failed;
        if (!q && !(q = mq_open(w->queue, db, http, &stopping, err, sizeof err))) goto failed;
        int n = mq_receive(q, batch, mq_cfg.batch, err, sizeof err);
        if (n < 0) goto failed;
        if (failing) {
            log_msg(LOG_INFO, "consumer recovered", "queue", w->queue, NULL);
            failing = false;
        }
        backoff = 100;
        mq_msg *done[10];
        int ndone = 0, i = 0;
        int64_t claimed_at = mq_now_ms();
        for (; i < n && !atomic_load(&stopping); i++) {
            /* a slow batch keeps its claim: past half the visibility timeout, acknowledge what
             * is done (its claim would lapse too) and extend the rest */
            if (mq_now_ms() - claimed_at > (int64_t)mq_visibility_s(q) * 500) {
                ack_done(w, q, done, &ndone);
                mq_msg *rest[10];
                for (int k = i; k < n; k++) rest[k - i] = &batch[k];
                if (mq_extend(q, rest, n - i, err, sizeof err) == 0) claimed_at = mq_now_ms();
            }
            db_conn *before = db;
            if (handle(w, &db, http, q, &batch[i])) done[ndone++] = &batch[i];
            else mq_msg_free(&batch[i]);
            if (db != before) { /* reconnected: the queue holds the old connection */
                ack_done(w, q, done, &ndone);
                mq_close(q);
                q = mq_open(w->queue, db, http, &stopping, err, sizeof err);
                if (!q) {
                    i++;
                    break;
                }
            }
        }
        if (q) ack_done(w, q, done, &ndone);
        for (int k = 0; k < ndone; k++) mq_msg_free(done[k]);
        /* stopping: give the rest of the batch back at once */
        for (; i < n; i++) {
            if (q) mq_release(q, &batch[i], err, sizeof err);
            mq_msg_free(&batch[i]);
        }
        continue;
    failed:
        if (qs) atomic_fetch_add(&qs->receive_errors, 1);
        if (!failing) log_msg(LOG_WARN, "consumer cannot receive; retrying", "queue", w->queue, "error", err, NULL);
        failing = true;
        if (db && db_broken(db)) {
            mq_close(q);
            q = NULL;
            db_close(db);
            db = NULL;
        }
        for (long t = 0; t < backoff && !atomic_load(&stopping); t += 50) sleep_ms(50);
        backoff = backoff * 2 > 5000 ? 5000 : backoff * 2;
    }
    mq_close(q);
    db_close(db);
    httpc_free(http);
    return NULL;
}

int messaging_start(const char *db_url, char *err, size_t errlen) {
    if (!mq_settings_load(err, errlen)) return -1;
    metrics_add_renderer(render);
    if (!mq_cfg.enabled) {
        log_msg(LOG_INFO, "consumers disabled (DELIUSD_CONSUMERS=false)", NULL);
        return 0;
    }
    if (test_enabled()) log_msg(LOG_WARN, "TEST SETTING: DELIUSD_TEST_CONSUMER consumes deliusd.test events", NULL);
    /* the distinct queues of the enabled consumers */
    const char *queues[MAX_QUEUES];
    int nq = 0;
    for (size_t g = 0; g <= ev_consumer_group_count; g++) {
        const ev_consumer_def *defs = g < ev_consumer_group_count ? ev_consumer_groups[g].defs : test_consumers;
        size_t n = g < ev_consumer_group_count ? group_size(&ev_consumer_groups[g]) : (test_enabled() ? test_consumers_count : 0);
        for (size_t i = 0; i < n; i++) {
            bool dup = false;
            for (int k = 0; k < nq; k++) dup = dup || !strcmp(queues[k], defs[i].queue);
            if (!dup && nq < MAX_QUEUES) queues[nq++] = defs[i].queue;
        }
    }
    atomic_store(&stopping, false);
    for (int k = 0; k < nq; k++) {
        snprintf(qstats[nqstats].name, sizeof qstats[nqstats].name, "%s", queues[k]);
        nqstats++;
    }
    for (int k = 0; k < nq; k++) {
        for (int t = 0; t < mq_cfg.threads && nworkers < MAX_WORKERS; t++) {
            worker *w = &workers[nworkers];
            snprintf(w->queue, sizeof w->queue, "%s", queues[k]);
            snprintf(w->db_url, sizeof w->db_url, "%s", db_url);
            w->index = t;
            if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
                snprintf(err, errlen, "cannot start a consumer thread");
                messaging_stop();
                return -1;
            }
            nworkers++;
        }
        const char *target = mq_sqs_target(queues[k]);
        log_msg(LOG_INFO, "consumer started", "queue", queues[k], "backend", target ? "sqs" : "embedded", NULL);
    }
    return nworkers;
}

void messaging_stop(void) {
    atomic_store(&stopping, true);
    for (int i = 0; i < nworkers; i++) pthread_join(workers[i].thread, NULL);
    if (nworkers) log_msg(LOG_INFO, "consumers stopped", NULL);
    nworkers = 0;
}
