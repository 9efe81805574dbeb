/* queue.c - settings, backend choice and dispatch of the queue interface (see queue.h). */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "queue_internal.h"

mq_settings mq_cfg = {.max_receives = 3, .visibility_s = 30, .retry_delay_ms = 1000, .poll_ms = 200, .batch = 10,
                      .sqs_wait_s = 20, .threads = 1, .enabled = true, .region = "eu-west-2"};

bool mq_settings_load(char *err, size_t errlen) {
    mq_settings s = {0};
    if (!config_env_int("DELIUSD_QUEUE_MAX_RECEIVES", 3, 1, 1000, &s.max_receives, err, errlen) ||
        !config_env_int("DELIUSD_QUEUE_VISIBILITY_S", 30, 1, 43200, &s.visibility_s, err, errlen) ||
        !config_env_int("DELIUSD_QUEUE_RETRY_DELAY_MS", 1000, 0, 3600000, &s.retry_delay_ms, err, errlen) ||
        !config_env_int("DELIUSD_QUEUE_POLL_MS", 200, 10, 60000, &s.poll_ms, err, errlen) ||
        !config_env_int("DELIUSD_QUEUE_BATCH", 10, 1, 10, &s.batch, err, errlen) ||
        !config_env_int("DELIUSD_SQS_WAIT_S", 20, 0, 20, &s.sqs_wait_s, err, errlen) ||
        !config_env_int("DELIUSD_CONSUMER_THREADS", 1, 1, 64, &s.threads, err, errlen))
        return false;
    if (!config_env_bool("DELIUSD_CONSUMERS", true, &s.enabled, err, errlen)) return false;
    s.region = config_env_str("AWS_REGION", config_env_str("AWS_DEFAULT_REGION", "eu-west-2"));
    s.sqs_endpoint = config_env_str("DELIUSD_SQS_ENDPOINT", NULL);
    s.access_key = config_env_str("AWS_ACCESS_KEY_ID", NULL);
    s.secret_key = config_env_str("AWS_SECRET_ACCESS_KEY", NULL);
    s.session_token = config_env_str("AWS_SESSION_TOKEN", NULL);
    for (const char *p = s.region; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-') {
            snprintf(err, errlen, "AWS_REGION must be a region name such as eu-west-2");
            return false;
        }
    mq_cfg = s;
    return true;
}

const char *mq_sqs_target(const char *logical) {
    char name[64] = "DELIUSD_QUEUE_";
    size_t n = strlen(name);
    for (const char *p = logical; *p && n + 1 < sizeof name; p++) name[n++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    name[n] = 0;
    const char *v = getenv(name);
    if (!v || !*v || !strcmp(v, "embedded")) return NULL;
    return v;
}

mq_queue *mq_open(const char *logical, db_conn *db, httpc *http, const atomic_bool *cancel, char *err, size_t errlen) {
    mq_queue *q = calloc(1, sizeof *q);
    if (!q) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(q->logical, sizeof q->logical, "%s", logical);
    q->db = db;
    q->http = http;
    q->cancel = cancel;
    const char *target = mq_sqs_target(logical);
    if (!target) {
        q->kind = MQ_EMBEDDED;
        if (!db) {
            snprintf(err, errlen, "the embedded queue needs a database connection");
            free(q);
            return NULL;
        }
        return q;
    }
    q->kind = MQ_SQS;
    if (!http || mq_sqs_open(q, target, err, errlen) != 0) {
        if (!http) snprintf(err, errlen, "the SQS queue needs an HTTP client");
        mq_close(q);
        return NULL;
    }
    return q;
}

void mq_close(mq_queue *q) {
    if (!q) return;
    free(q->url);
    free(q);
}

const char *mq_backend(const mq_queue *q) { return q->kind == MQ_SQS ? "sqs" : "embedded"; }

int mq_receive(mq_queue *q, mq_msg *out, int max, char *err, size_t errlen) {
    if (max < 1) return 0;
    return q->kind == MQ_SQS ? mq_sqs_receive(q, out, max, err, errlen) : mq_embedded_receive(q, out, max, err, errlen);
}

int mq_ack(mq_queue *q, const mq_msg *m, char *err, size_t errlen) {
    return q->kind == MQ_SQS ? mq_sqs_ack(q, m, err, errlen) : mq_embedded_ack(q, m, err, errlen);
}

int mq_ack_batch(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen) {
    if (n <= 0) return 0;
    if (n == 1) return mq_ack(q, m[0], err, errlen);
    return q->kind == MQ_SQS ? mq_sqs_ack_batch(q, m, n, err, errlen) : mq_embedded_by_ids(q, false, m, n, err, errlen);
}

int mq_extend(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen) {
    if (n <= 0) return 0;
    return q->kind == MQ_SQS ? mq_sqs_extend(q, m, n, err, errlen) : mq_embedded_by_ids(q, true, m, n, err, errlen);
}

int mq_visibility_s(const mq_queue *q) { return q->visibility_s > 0 ? q->visibility_s : mq_cfg.visibility_s; }

int mq_fail(mq_queue *q, const mq_msg *m, const char *error, char *err, size_t errlen) {
    /* SQS: leave the message; it reappears after the visibility timeout and the redrive policy counts it */
    return q->kind == MQ_SQS ? 0 : mq_embedded_fail(q, m, error, err, errlen);
}

int mq_release(mq_queue *q, const mq_msg *m, char *err, size_t errlen) {
    return q->kind == MQ_SQS ? 0 : mq_embedded_release(q, m, err, errlen);
}

void mq_msg_free(mq_msg *m) {
    if (!m) return;
    free(m->handle);
    free(m->message_id);
    free(m->body);
    memset(m, 0, sizeof *m);
}

int64_t mq_now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void mq_uuid(char out[37]) {
    unsigned char r[16];
    bool ok = false;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ok = read(fd, r, sizeof r) == (ssize_t)sizeof r;
        close(fd);
    }
    if (!ok) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        uint64_t x = (uint64_t)t.tv_nsec ^ ((uint64_t)t.tv_sec << 20) ^ (uint64_t)getpid();
        for (int i = 0; i < 16; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            r[i] = (unsigned char)(x >> 56);
        }
    }
    r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4],
             r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
}

void mq_sleep(const atomic_bool *cancel, long ms) {
    while (ms > 0 && !(cancel && atomic_load(cancel))) {
        long step = ms < 50 ? ms : 50;
        struct timespec ts = {0, step * 1000000L};
        nanosleep(&ts, NULL);
        ms -= step;
    }
}
