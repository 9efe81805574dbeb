/*
 * test_consumer.c - a consumer for transport tests and benchmarks only:
 * event type "deliusd.test" on the logical queue "test", enabled by the test
 * setting DELIUSD_TEST_CONSUMER=true (logged as a warning at start-up).
 *
 * It applies a message by inserting one DELIUSD_TEST_EVENT row keyed by the
 * message id, in one transaction, idempotently: a redelivery only increments
 * DELIVERIES. The table is created on first use (never by the migrations).
 * additionalInformation steers faults:
 *   "failTimes": n   the first n attempts for this message id answer EV_RETRY
 *                    (attempts are counted in DELIUSD_TEST_ATTEMPT, committed at once)
 *   "poison": true   answers EV_FAIL ("poison message")
 *   "sleepMs": n     sleeps n ms (at most 10 s) before writing
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "messaging.h"

static _Thread_local db_conn *created_on;

static int ensure_tables(db_conn *db) {
    if (created_on == db) return 0;
    if (db_exec(db, "CREATE TABLE IF NOT EXISTS DELIUSD_TEST_EVENT (MESSAGE_ID TEXT NOT NULL PRIMARY KEY,"
                    " CRN TEXT, OCCURRED_AT TEXT, RECEIVE_COUNT INTEGER NOT NULL, DELIVERIES INTEGER NOT NULL)") != 0 ||
        db_exec(db, "CREATE TABLE IF NOT EXISTS DELIUSD_TEST_ATTEMPT (MESSAGE_ID TEXT NOT NULL PRIMARY KEY,"
                    " N INTEGER NOT NULL)") != 0)
        return -1;
    created_on = db;
    return 0;
}

static ev_status test_handler(db_conn *db, httpc *http, const ev_message *m, char *err, size_t errlen) {
    (void)http;
    if (ensure_tables(db) != 0) {
        snprintf(err, errlen, "cannot create the test tables: %s", db_errmsg(db));
        return EV_RETRY;
    }
    json_t *info = json_object_get(m->event, "additionalInformation");
    if (json_is_true(json_object_get(info, "poison"))) {
        snprintf(err, errlen, "poison message");
        return EV_FAIL;
    }
    json_int_t fail_times = json_integer_value(json_object_get(info, "failTimes"));
    if (fail_times > 0) {
        db_stmt *s = db_query(db, "INSERT INTO DELIUSD_TEST_ATTEMPT (MESSAGE_ID, N) VALUES (?, 1)"
                                  " ON CONFLICT (MESSAGE_ID) DO UPDATE SET N = DELIUSD_TEST_ATTEMPT.N + 1");
        int rc = s ? (db_bind_text(s, 1, m->message_id), db_step(s)) : -1;
        if (s) db_done(s);
        s = rc >= 0 ? db_query(db, "SELECT N FROM DELIUSD_TEST_ATTEMPT WHERE MESSAGE_ID = ?") : NULL;
        rc = s ? (db_bind_text(s, 1, m->message_id), db_step(s)) : -1;
        json_int_t n = rc == 1 ? db_col_int(s, 0) : 0;
        if (s) db_done(s);
        if (rc != 1) {
            snprintf(err, errlen, "attempt count failed: %s", db_errmsg(db));
            return EV_RETRY;
        }
        if (n <= fail_times) {
            snprintf(err, errlen, "simulated transient failure %lld of %lld", (long long)n, (long long)fail_times);
            return EV_RETRY;
        }
    }
    json_int_t sleep_ms = json_integer_value(json_object_get(info, "sleepMs"));
    if (sleep_ms > 0) {
        if (sleep_ms > 10000) sleep_ms = 10000;
        struct timespec ts = {(time_t)(sleep_ms / 1000), (long)(sleep_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (db_exec(db, db_kind_of(db) == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN") != 0) goto fail;
    db_stmt *s = db_query(db, "INSERT INTO DELIUSD_TEST_EVENT (MESSAGE_ID, CRN, OCCURRED_AT, RECEIVE_COUNT, DELIVERIES)"
                              " VALUES (?, ?, ?, ?, 1) ON CONFLICT (MESSAGE_ID) DO UPDATE SET"
                              " DELIVERIES = DELIUSD_TEST_EVENT.DELIVERIES + 1");
    if (!s) goto rollback;
    db_bind_text(s, 1, m->message_id);
    db_bind_text(s, 2, m->crn);
    db_bind_text(s, 3, m->occurred_at);
    db_bind_int(s, 4, m->receive_count);
    int rc = db_step(s);
    db_done(s);
    if (rc < 0 || db_commit(db) != 0) goto rollback;
    return EV_OK;
rollback:
    snprintf(err, errlen, "write failed: %s", db_errmsg(db));
    db_rollback(db);
    return EV_RETRY;
fail:
    snprintf(err, errlen, "cannot begin: %s", db_errmsg(db));
    return EV_RETRY;
}

const ev_consumer_def test_consumers[] = {
    {.queue = "test", .event_type = "deliusd.test", .handler = test_handler, .summary = "transport tests only"},
};
const size_t test_consumers_count = sizeof test_consumers / sizeof test_consumers[0];
