/*
 * queue_embedded.c - the durable queue in deliusd's own database (see queue.h;
 * tables in src/db/schema/0003_message_queue.sql).
 *
 * Claim: one UPDATE ... RETURNING marks up to n visible rows of the queue as
 * received (RECEIVE_COUNT + 1) and hides them until now + visibility. On
 * SQLite the statement runs under the database write lock, so two processes
 * can never claim one row; on PostgreSQL the candidate rows are selected FOR
 * UPDATE SKIP LOCKED, so concurrent claimers take different rows without
 * waiting. A process killed while holding rows loses nothing: they become
 * visible again when the visibility timeout passes (and count as a receive).
 * Every query here is one indexed statement (IX_DELIUSD_QUEUE_MESSAGE_NEXT or
 * a primary key).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "queue_internal.h"

#define CLAIM_SQL_HEAD                                                                                                 \
    "UPDATE DELIUSD_QUEUE_MESSAGE SET RECEIVE_COUNT = RECEIVE_COUNT + 1, VISIBLE_AT = ? WHERE ID IN ("                 \
    "SELECT ID FROM DELIUSD_QUEUE_MESSAGE WHERE QUEUE = ? AND VISIBLE_AT <= ? ORDER BY VISIBLE_AT, ID LIMIT ?"
#define CLAIM_SQL_TAIL ") RETURNING ID, MESSAGE_ID, BODY, RECEIVE_COUNT, ENQUEUED_AT, LAST_ERROR"
static const char *claim_sqlite = CLAIM_SQL_HEAD CLAIM_SQL_TAIL;
static const char *claim_postgres = CLAIM_SQL_HEAD " FOR UPDATE SKIP LOCKED" CLAIM_SQL_TAIL;

/* BEGIN IMMEDIATE on SQLite (the write lock up front: no busy upgrade later), BEGIN on PostgreSQL. */
static int tx_begin(db_conn *db) { return db_exec(db, db_kind_of(db) == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN"); }

static char *dup_or_empty(const char *s) {
    char *d = strdup(s ? s : "");
    if (!d) abort();
    return d;
}

/* Moves row id to the dead-letter table with error (one transaction). 0 or -1. */
static int dead_letter(db_conn *db, int64_t id, const char *error, char *err, size_t errlen) {
    if (tx_begin(db) != 0) goto fail;
    db_stmt *s = db_query(db, "INSERT INTO DELIUSD_DEAD_LETTER (ID, QUEUE, MESSAGE_ID, BODY, RECEIVE_COUNT, ENQUEUED_AT,"
                              " DEAD_LETTERED_AT, LAST_ERROR) SELECT ID, QUEUE, MESSAGE_ID, BODY, RECEIVE_COUNT,"
                              " ENQUEUED_AT, ?, ? FROM DELIUSD_QUEUE_MESSAGE WHERE ID = ?");
    if (!s) goto rollback;
    db_bind_int(s, 1, mq_now_ms());
    db_bind_text(s, 2, error);
    db_bind_int(s, 3, id);
    int rc = db_step(s);
    db_done(s);
    if (rc < 0) goto rollback;
    s = db_query(db, "DELETE FROM DELIUSD_QUEUE_MESSAGE WHERE ID = ?");
    if (!s) goto rollback;
    db_bind_int(s, 1, id);
    rc = db_step(s);
    db_done(s);
    if (rc < 0 || db_commit(db) != 0) goto rollback;
    return 0;
rollback:
    snprintf(err, errlen, "dead-letter move failed: %s", db_errmsg(db));
    db_rollback(db);
    return -1;
fail:
    snprintf(err, errlen, "dead-letter move failed: %s", db_errmsg(db));
    return -1;
}

int mq_embedded_receive(mq_queue *q, mq_msg *out, int max, char *err, size_t errlen) {
    db_conn *db = q->db;
    int64_t now = mq_now_ms();
    db_stmt *s = db_query(db, db_kind_of(db) == DB_POSTGRES ? claim_postgres : claim_sqlite);
    if (!s) {
        snprintf(err, errlen, "claim failed: %s", db_errmsg(db));
        return -1;
    }
    db_bind_int(s, 1, now + (int64_t)mq_cfg.visibility_s * 1000);
    db_bind_text(s, 2, q->logical);
    db_bind_int(s, 3, now);
    db_bind_int(s, 4, max);
    int n = 0, rc;
    char *last_errors[10] = {0};
    /* read every returned row: the claim is one statement and must run to its end */
    while ((rc = db_step(s)) == 1) {
        if (n >= max) continue;
        mq_msg *m = &out[n];
        memset(m, 0, sizeof *m);
        char idtxt[24];
        snprintf(idtxt, sizeof idtxt, "%lld", (long long)db_col_int(s, 0));
        m->handle = dup_or_empty(idtxt);
        m->message_id = dup_or_empty(db_col_text(s, 1));
        m->body = dup_or_empty(db_col_text(s, 2));
        m->receive_count = (int)db_col_int(s, 3);
        m->sent_ms = db_col_int(s, 4);
        if (n < 10 && !db_col_is_null(s, 5)) last_errors[n] = dup_or_empty(db_col_text(s, 5));
        n++;
    }
    db_done(s);
    if (rc < 0) {
        for (int i = 0; i < n; i++) mq_msg_free(&out[i]);
        for (int i = 0; i < 10; i++) free(last_errors[i]);
        snprintf(err, errlen, "claim failed: %s", db_errmsg(db));
        return -1;
    }
    /* a message that was received more often than allowed without finishing
     * (the process died with it in hand each time) is dead-lettered unprocessed */
    for (int i = 0; i < n; i++) {
        if (out[i].receive_count > mq_cfg.max_receives) {
            char why[600];
            snprintf(why, sizeof why, "not completed within %d receives%s%s", mq_cfg.max_receives,
                     i < 10 && last_errors[i] ? "; last error: " : "", i < 10 && last_errors[i] ? last_errors[i] : "");
            if (dead_letter(db, strtoll(out[i].handle, NULL, 10), why, err, errlen) == 0) out[i].expired = true;
        }
    }
    for (int i = 0; i < 10; i++) free(last_errors[i]);
    if (n == 0) mq_sleep(q->cancel, mq_cfg.poll_ms);
    return n;
}

int mq_embedded_ack(mq_queue *q, const mq_msg *m, char *err, size_t errlen) {
    db_stmt *s = db_query(q->db, "DELETE FROM DELIUSD_QUEUE_MESSAGE WHERE ID = ?");
    int rc = -1;
    if (s) {
        db_bind_int(s, 1, strtoll(m->handle, NULL, 10));
        rc = db_step(s);
        db_done(s);
    }
    if (rc < 0) {
        snprintf(err, errlen, "acknowledge failed: %s", db_errmsg(q->db));
        return -1;
    }
    return 0;
}

/* DELETE (ack) or extend the visibility of up to 10 rows by ID, in one statement. */
int mq_embedded_by_ids(mq_queue *q, bool extend, mq_msg *const *m, int n, char *err, size_t errlen) {
    char sql[256];
    if (n > 10) n = 10;
    int k = snprintf(sql, sizeof sql, "%s", extend ? "UPDATE DELIUSD_QUEUE_MESSAGE SET VISIBLE_AT = ? WHERE ID IN ("
                                                   : "DELETE FROM DELIUSD_QUEUE_MESSAGE WHERE ID IN (");
    for (int i = 0; i < n; i++) k += snprintf(sql + k, sizeof sql - (size_t)k, i ? ", ?" : "?");
    snprintf(sql + k, sizeof sql - (size_t)k, ")");
    db_stmt *s = db_query(q->db, sql);
    int rc = -1;
    if (s) {
        int p = 1;
        if (extend) db_bind_int(s, p++, mq_now_ms() + (int64_t)mq_cfg.visibility_s * 1000);
        for (int i = 0; i < n; i++) db_bind_int(s, p++, strtoll(m[i]->handle, NULL, 10));
        rc = db_step(s);
        db_done(s);
    }
    if (rc < 0) {
        snprintf(err, errlen, "%s failed: %s", extend ? "visibility extension" : "acknowledge", db_errmsg(q->db));
        return -1;
    }
    return 0;
}

int mq_embedded_release(mq_queue *q, const mq_msg *m, char *err, size_t errlen) {
    db_stmt *s = db_query(q->db, "UPDATE DELIUSD_QUEUE_MESSAGE SET VISIBLE_AT = ?, RECEIVE_COUNT = RECEIVE_COUNT - 1"
                                 " WHERE ID = ? AND RECEIVE_COUNT > 0");
    int rc = -1;
    if (s) {
        db_bind_int(s, 1, mq_now_ms());
        db_bind_int(s, 2, strtoll(m->handle, NULL, 10));
        rc = db_step(s);
        db_done(s);
    }
    if (rc < 0) {
        snprintf(err, errlen, "cannot release: %s", db_errmsg(q->db));
        return -1;
    }
    return 0;
}

int mq_embedded_fail(mq_queue *q, const mq_msg *m, const char *error, char *err, size_t errlen) {
    int64_t id = strtoll(m->handle, NULL, 10);
    if (m->receive_count >= mq_cfg.max_receives) return dead_letter(q->db, id, error, err, errlen) == 0 ? 1 : -1;
    int64_t n = m->receive_count;
    db_stmt *s = db_query(q->db, "UPDATE DELIUSD_QUEUE_MESSAGE SET VISIBLE_AT = ?, LAST_ERROR = ? WHERE ID = ?");
    int rc = -1;
    if (s) {
        db_bind_int(s, 1, mq_now_ms() + (int64_t)mq_cfg.retry_delay_ms * n * n);
        db_bind_text(s, 2, error);
        db_bind_int(s, 3, id);
        rc = db_step(s);
        db_done(s);
    }
    if (rc < 0) {
        snprintf(err, errlen, "cannot record the failure: %s", db_errmsg(q->db));
        return -1;
    }
    return 0;
}

/* -------------------------------------------------------------- publish -- */

int mq_embedded_publish(db_conn *db, const char *logical, const char *message_id, const char *body, int64_t *id_out,
                        char *err, size_t errlen) {
    db_stmt *s = db_query(db, "UPDATE DELIUSD_SEQUENCE SET NEXT_VALUE = NEXT_VALUE + 1 WHERE NAME = 'MESSAGE_ID_SEQ'");
    int rc = s ? db_step(s) : -1;
    if (s) db_done(s);
    if (rc < 0) goto fail;
    s = db_query(db, "SELECT NEXT_VALUE - 1 FROM DELIUSD_SEQUENCE WHERE NAME = 'MESSAGE_ID_SEQ'");
    rc = s ? db_step(s) : -1;
    int64_t id = rc == 1 ? db_col_int(s, 0) : 0;
    if (s) db_done(s);
    if (rc != 1) goto fail;
    char gen[37];
    if (!message_id || !*message_id) {
        mq_uuid(gen);
        message_id = gen;
    }
    int64_t now = mq_now_ms();
    s = db_query(db, "INSERT INTO DELIUSD_QUEUE_MESSAGE (ID, QUEUE, MESSAGE_ID, BODY, RECEIVE_COUNT, VISIBLE_AT,"
                     " ENQUEUED_AT) VALUES (?, ?, ?, ?, 0, ?, ?)");
    if (!s) goto fail;
    db_bind_int(s, 1, id);
    db_bind_text(s, 2, logical);
    db_bind_text(s, 3, message_id);
    db_bind_text(s, 4, body);
    db_bind_int(s, 5, now);
    db_bind_int(s, 6, now);
    rc = db_step(s);
    db_done(s);
    if (rc < 0) goto fail;
    if (id_out) *id_out = id;
    return 0;
fail:
    snprintf(err, errlen, "cannot enqueue: %s", db_errmsg(db));
    return -1;
}

/* ------------------------------------------------------------ dead letters -- */

/* eventType of a stored body (SNS notification or bare event), or "" */
static void body_event_type(const char *body, char *out, size_t outlen) {
    out[0] = 0;
    json_t *j = json_loads(body, 0, NULL);
    if (!j) return;
    json_t *ev = j;
    json_t *inner = NULL;
    const char *msg = json_string_value(json_object_get(j, "Message"));
    if (msg && (inner = json_loads(msg, 0, NULL))) ev = inner;
    const char *t = json_string_value(json_object_get(ev, "eventType"));
    if (!t) {
        json_t *a = json_object_get(json_object_get(j, "MessageAttributes"), "eventType");
        t = json_string_value(json_object_get(a, "Value"));
    }
    if (t) snprintf(out, outlen, "%s", t);
    json_decref(inner);
    json_decref(j);
}

int mq_dlq_list(db_conn *db, const char *queue, buf *out, char *err, size_t errlen) {
    db_stmt *s = db_query(db, queue ? "SELECT ID, QUEUE, MESSAGE_ID, RECEIVE_COUNT, ENQUEUED_AT, DEAD_LETTERED_AT,"
                                      " LAST_ERROR, BODY FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ? ORDER BY ID"
                                    : "SELECT ID, QUEUE, MESSAGE_ID, RECEIVE_COUNT, ENQUEUED_AT, DEAD_LETTERED_AT,"
                                      " LAST_ERROR, BODY FROM DELIUSD_DEAD_LETTER ORDER BY ID");
    if (!s) goto fail;
    if (queue) db_bind_text(s, 1, queue);
    int n = 0, rc;
    while ((rc = db_step(s)) == 1) {
        char et[128];
        body_event_type(db_col_text(s, 7), et, sizeof et);
        jw w;
        jw_init(&w, out);
        jw_obj_begin(&w);
        jw_kv_int(&w, "id", db_col_int(s, 0));
        jw_kv_str(&w, "queue", db_col_text(s, 1));
        jw_kv_str(&w, "messageId", db_col_text(s, 2));
        jw_kv_str(&w, "eventType", et);
        jw_kv_int(&w, "receiveCount", db_col_int(s, 3));
        jw_kv_int(&w, "enqueuedAtMs", db_col_int(s, 4));
        jw_kv_int(&w, "deadLetteredAtMs", db_col_int(s, 5));
        jw_key(&w, "error");
        jw_str(&w, db_col_text(s, 6));
        jw_obj_end(&w);
        buf_putc(out, '\n');
        n++;
    }
    db_done(s);
    if (rc < 0) goto fail;
    return n;
fail:
    snprintf(err, errlen, "cannot list dead letters: %s", db_errmsg(db));
    return -1;
}

/* Runs retry (move back) or purge over the selection, one transaction. */
static int dlq_apply(db_conn *db, const char *queue, const int64_t *ids, size_t n, bool retry, char *err, size_t errlen) {
    static const char *sel_all = "SELECT COUNT(*) FROM DELIUSD_DEAD_LETTER";
    static const char *sel_q = "SELECT COUNT(*) FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ?";
    static const char *sel_id = "SELECT COUNT(*) FROM DELIUSD_DEAD_LETTER WHERE ID = ?";
    static const char *sel_qid = "SELECT COUNT(*) FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ? AND ID = ?";
#define MOVE "INSERT INTO DELIUSD_QUEUE_MESSAGE (ID, QUEUE, MESSAGE_ID, BODY, RECEIVE_COUNT, VISIBLE_AT, ENQUEUED_AT, LAST_ERROR)" \
             " SELECT ID, QUEUE, MESSAGE_ID, BODY, 0, ?, ENQUEUED_AT, LAST_ERROR FROM DELIUSD_DEAD_LETTER"
    static const char *mv_all = MOVE;
    static const char *mv_q = MOVE " WHERE QUEUE = ?";
    static const char *mv_id = MOVE " WHERE ID = ?";
    static const char *mv_qid = MOVE " WHERE QUEUE = ? AND ID = ?";
#undef MOVE
    static const char *del_all = "DELETE FROM DELIUSD_DEAD_LETTER";
    static const char *del_q = "DELETE FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ?";
    static const char *del_id = "DELETE FROM DELIUSD_DEAD_LETTER WHERE ID = ?";
    static const char *del_qid = "DELETE FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ? AND ID = ?";
    if (tx_begin(db) != 0) goto fail;
    int64_t total = 0;
    size_t rounds = ids && n ? n : 1;
    for (size_t i = 0; i < rounds; i++) {
        bool by_id = ids && n;
        const char *texts[3][4] = {{sel_all, sel_q, sel_id, sel_qid}, {mv_all, mv_q, mv_id, mv_qid},
                                   {del_all, del_q, del_id, del_qid}};
        int variant = (queue ? 1 : 0) + (by_id ? 2 : 0);
        for (int step = 0; step < 3; step++) {
            if (step == 1 && !retry) continue;
            db_stmt *s = db_query(db, texts[step][variant]);
            if (!s) goto rollback;
            int k = 1;
            if (step == 1) db_bind_int(s, k++, mq_now_ms());
            if (queue) db_bind_text(s, k++, queue);
            if (by_id) db_bind_int(s, k++, ids[i]);
            int rc = db_step(s);
            if (step == 0 && rc == 1) total += db_col_int(s, 0);
            db_done(s);
            if (rc < 0) goto rollback;
        }
    }
    if (db_commit(db) != 0) goto rollback;
    return (int)total;
rollback:
    snprintf(err, errlen, "dead-letter %s failed: %s", retry ? "retry" : "purge", db_errmsg(db));
    db_rollback(db);
    return -1;
fail:
    snprintf(err, errlen, "dead-letter %s failed: %s", retry ? "retry" : "purge", db_errmsg(db));
    return -1;
}

int mq_dlq_retry(db_conn *db, const char *queue, const int64_t *ids, size_t n, char *err, size_t errlen) {
    return dlq_apply(db, queue, ids, n, true, err, errlen);
}

int mq_dlq_purge(db_conn *db, const char *queue, const int64_t *ids, size_t n, char *err, size_t errlen) {
    return dlq_apply(db, queue, ids, n, false, err, errlen);
}
