/*
 * queue_sqs.c - the SQS backend (see queue.h): the SQS JSON protocol
 * (POST to the service endpoint, X-Amz-Target: AmazonSQS.<Action>,
 * Content-Type application/x-amz-json-1.0), signed with AWS Signature V4 by
 * libcurl, through the worker's httpc.
 *
 * Endpoint: DELIUSD_SQS_ENDPOINT, else the scheme and host of a queue URL,
 * else https://sqs.<AWS_REGION>.amazonaws.com. Credentials: AWS_ACCESS_KEY_ID
 * and AWS_SECRET_ACCESS_KEY (AWS_SESSION_TOKEN sent as X-Amz-Security-Token).
 * A queue given by name is resolved once with GetQueueUrl.
 *
 * Receive is a long poll of DELIUSD_SQS_WAIT_S seconds that ends early when
 * the worker is stopping. Success deletes the message; failure leaves it
 * alone: it becomes visible again when the queue's visibility timeout passes,
 * and the queue's redrive policy moves it to the dead-letter queue after
 * maxReceiveCount receives (platform.md §7.3).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue_internal.h"

#define SQS_MAX_RESPONSE (4u << 20) /* 10 messages of 256 KiB plus attributes */

static bool is_cancelled(void *ctx) {
    const atomic_bool *c = ctx;
    return c && atomic_load(c);
}

/* The endpoint for calls about target (a queue URL or name) into out. */
static void endpoint_for(const char *target, char *out, size_t outlen) {
    if (mq_cfg.sqs_endpoint) {
        snprintf(out, outlen, "%s", mq_cfg.sqs_endpoint);
        return;
    }
    const char *p = target ? strstr(target, "://") : NULL;
    if (p) {
        const char *slash = strchr(p + 3, '/');
        size_t n = slash ? (size_t)(slash - target) : strlen(target);
        snprintf(out, outlen, "%.*s/", (int)n, target);
        return;
    }
    snprintf(out, outlen, "https://sqs.%s.amazonaws.com/", mq_cfg.region);
}

/* One SQS call: action with the JSON request req (stolen). Returns the parsed
 * answer (caller decrefs) or NULL with err. */
static json_t *sqs_call(httpc *http, const char *endpoint, const char *action, json_t *req, long timeout_ms,
                        int attempts, const atomic_bool *cancel, char *err, size_t errlen) {
    if (!mq_cfg.access_key || !mq_cfg.secret_key) {
        json_decref(req);
        snprintf(err, errlen, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are needed for SQS");
        return NULL;
    }
    char *body = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    if (!body) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    char target[96], sigv4[96], token[2200];
    char creds[512];
    snprintf(target, sizeof target, "X-Amz-Target: AmazonSQS.%s", action);
    snprintf(sigv4, sizeof sigv4, "aws:amz:%s:sqs", mq_cfg.region);
    snprintf(creds, sizeof creds, "%s:%s", mq_cfg.access_key, mq_cfg.secret_key);
    const char *headers[4] = {target, "Accept: application/json", NULL, NULL};
    if (mq_cfg.session_token) {
        snprintf(token, sizeof token, "X-Amz-Security-Token: %s", mq_cfg.session_token);
        headers[2] = token;
    }
    httpc_opts o = {.connect_timeout_ms = 2000,
                    .timeout_ms = timeout_ms,
                    .max_bytes = SQS_MAX_RESPONSE,
                    .attempts = attempts,
                    .backoff_ms = 100,
                    .retry_post = true, /* every call used here is safe to repeat */
                    .headers = headers,
                    .aws_sigv4 = sigv4,
                    .aws_credentials = creds,
                    .cancelled = cancel ? is_cancelled : NULL,
                    .cancel_ctx = (void *)cancel};
    httpc_resp r;
    int rc = httpc_post(http, endpoint, "application/x-amz-json-1.0", body, strlen(body), &o, &r, err, errlen);
    free(body);
    if (rc != HTTPC_OK) return NULL;
    json_t *j = r.body ? json_loadb(r.body, r.len, 0, NULL) : json_object();
    if (r.status != 200 || !json_is_object(j)) {
        const char *type = json_string_value(json_object_get(j, "__type"));
        const char *msg = json_string_value(json_object_get(j, "message"));
        if (!msg) msg = json_string_value(json_object_get(j, "Message"));
        snprintf(err, errlen, "SQS %s answered HTTP %ld%s%s%s%s", action, r.status, type ? " " : "", type ? type : "",
                 msg ? ": " : "", msg ? msg : "");
        json_decref(j);
        httpc_resp_free(&r);
        return NULL;
    }
    httpc_resp_free(&r);
    return j;
}

static int resolve_url(httpc *http, const char *target, char **url_out, char *err, size_t errlen) {
    if (strstr(target, "://")) {
        if (!(*url_out = strdup(target))) return -1;
        return 0;
    }
    char ep[512];
    endpoint_for(NULL, ep, sizeof ep);
    json_t *a = sqs_call(http, ep, "GetQueueUrl", json_pack("{s:s}", "QueueName", target), 5000, 3, NULL, err, errlen);
    const char *u = json_string_value(json_object_get(a, "QueueUrl"));
    if (!u) {
        if (a) snprintf(err, errlen, "GetQueueUrl gave no QueueUrl for %s", target);
        json_decref(a);
        return -1;
    }
    *url_out = strdup(u);
    json_decref(a);
    return *url_out ? 0 : -1;
}

int mq_sqs_open(mq_queue *q, const char *target, char *err, size_t errlen) {
    if (resolve_url(q->http, target, &q->url, err, errlen) != 0) return -1;
    /* the queue's visibility timeout: a slow batch extends its messages before it runs out */
    char ep[512], aerr[256];
    endpoint_for(q->url, ep, sizeof ep);
    json_t *a = sqs_call(q->http, ep, "GetQueueAttributes",
                         json_pack("{s:s,s:[s]}", "QueueUrl", q->url, "AttributeNames", "VisibilityTimeout"), 5000, 3, NULL,
                         aerr, sizeof aerr);
    const char *v = json_string_value(json_object_get(json_object_get(a, "Attributes"), "VisibilityTimeout"));
    q->visibility_s = v ? atoi(v) : 30;
    if (q->visibility_s < 1) q->visibility_s = 30;
    json_decref(a);
    return 0;
}

int mq_sqs_extend(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen) {
    char ep[512];
    endpoint_for(q->url, ep, sizeof ep);
    json_t *entries = json_array();
    for (int i = 0; i < n && i < 10; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%d", i);
        json_array_append_new(entries, json_pack("{s:s,s:s,s:i}", "Id", id, "ReceiptHandle", m[i]->handle,
                                                 "VisibilityTimeout", q->visibility_s));
    }
    json_t *a = sqs_call(q->http, ep, "ChangeMessageVisibilityBatch",
                         json_pack("{s:s,s:o}", "QueueUrl", q->url, "Entries", entries), 5000, 3, NULL, err, errlen);
    if (!a) return -1;
    json_decref(a);
    return 0;
}

static int64_t attr_int(json_t *attrs, const char *name) {
    const char *v = json_string_value(json_object_get(attrs, name));
    return v ? strtoll(v, NULL, 10) : 0;
}

int mq_sqs_receive(mq_queue *q, mq_msg *out, int max, char *err, size_t errlen) {
    char ep[512];
    endpoint_for(q->url, ep, sizeof ep);
    json_t *req = json_pack("{s:s,s:i,s:i,s:[s],s:[s,s],s:[s]}", "QueueUrl", q->url, "MaxNumberOfMessages",
                            max > 10 ? 10 : max, "WaitTimeSeconds", mq_cfg.sqs_wait_s, "AttributeNames", "All",
                            "MessageSystemAttributeNames", "ApproximateReceiveCount", "SentTimestamp",
                            "MessageAttributeNames", "All");
    json_t *a = sqs_call(q->http, ep, "ReceiveMessage", req, (long)mq_cfg.sqs_wait_s * 1000 + 10000, 1, q->cancel, err,
                         errlen);
    if (!a) {
        if (q->cancel && atomic_load(q->cancel)) return 0; /* stopping: not an error */
        return -1;
    }
    json_t *msgs = json_object_get(a, "Messages");
    size_t i;
    json_t *m;
    int n = 0;
    json_array_foreach(msgs, i, m) {
        if (n >= max) break;
        const char *rh = json_string_value(json_object_get(m, "ReceiptHandle"));
        const char *body = json_string_value(json_object_get(m, "Body"));
        if (!rh || !body) continue;
        mq_msg *o = &out[n++];
        memset(o, 0, sizeof *o);
        json_t *attrs = json_object_get(m, "Attributes");
        const char *mid = json_string_value(json_object_get(m, "MessageId"));
        o->handle = strdup(rh);
        o->body = strdup(body);
        o->message_id = strdup(mid ? mid : "");
        if (!o->handle || !o->body || !o->message_id) abort();
        o->receive_count = (int)attr_int(attrs, "ApproximateReceiveCount");
        if (o->receive_count < 1) o->receive_count = 1;
        o->sent_ms = attr_int(attrs, "SentTimestamp");
    }
    json_decref(a);
    return n;
}

int mq_sqs_ack(mq_queue *q, const mq_msg *m, char *err, size_t errlen) {
    char ep[512];
    endpoint_for(q->url, ep, sizeof ep);
    json_t *a = sqs_call(q->http, ep, "DeleteMessage",
                         json_pack("{s:s,s:s}", "QueueUrl", q->url, "ReceiptHandle", m->handle), 5000, 3, NULL, err,
                         errlen);
    if (!a) return -1;
    json_decref(a);
    return 0;
}

int mq_sqs_ack_batch(mq_queue *q, mq_msg *const *m, int n, char *err, size_t errlen) {
    char ep[512];
    endpoint_for(q->url, ep, sizeof ep);
    json_t *entries = json_array();
    for (int i = 0; i < n && i < 10; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%d", i);
        json_array_append_new(entries, json_pack("{s:s,s:s}", "Id", id, "ReceiptHandle", m[i]->handle));
    }
    json_t *a = sqs_call(q->http, ep, "DeleteMessageBatch", json_pack("{s:s,s:o}", "QueueUrl", q->url, "Entries", entries),
                         5000, 3, NULL, err, errlen);
    if (!a) return -1;
    size_t failed = json_array_size(json_object_get(a, "Failed"));
    json_decref(a);
    if (failed) {
        snprintf(err, errlen, "DeleteMessageBatch: %zu of %d not deleted", failed, n);
        return -1;
    }
    return 0;
}

int mq_sqs_send(httpc *http, const char *logical, const char *body, char *err, size_t errlen) {
    const char *target = mq_sqs_target(logical);
    if (!target) {
        snprintf(err, errlen, "queue %s is not an SQS queue", logical);
        return -1;
    }
    char *url = NULL;
    if (resolve_url(http, target, &url, err, errlen) != 0) return -1;
    char ep[512];
    endpoint_for(url, ep, sizeof ep);
    json_t *a = sqs_call(http, ep, "SendMessage", json_pack("{s:s,s:s}", "QueueUrl", url, "MessageBody", body), 5000, 3,
                         NULL, err, errlen);
    free(url);
    if (!a) return -1;
    json_decref(a);
    return 0;
}
