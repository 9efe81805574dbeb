"""
The embedded queue (platform.md §7.1-7.3): `deliusd publish`, consumer workers inside
`deliusd serve` and alone (`deliusd consume`), acknowledgement, in-process retries, redelivery
with back-off, the dead-letter table and `deliusd dlq`, unknown event types, SIGTERM with a
message in hand, SIGKILL mid-batch (exactly-once application), two processes sharing one queue,
and /metrics. Uses the test consumer (src/messaging/test_consumer.c), which applies each message
once, keyed by message id, in one transaction.
"""
import json
import os
import signal
import subprocess
import time

import pytest

from conftest import BIN
from eventsupport import (TEST_ENV, applied, applied_count, deliusd_cmd, domain_event, metric, notification,
                          publish, safe_query, wait_for)


def queue_rows(db):
    return db.query("SELECT ID, MESSAGE_ID, RECEIVE_COUNT, LAST_ERROR FROM DELIUSD_QUEUE_MESSAGE ORDER BY ID")


def dead_letters(db):
    return db.query("SELECT ID, QUEUE, MESSAGE_ID, RECEIVE_COUNT, LAST_ERROR FROM DELIUSD_DEAD_LETTER ORDER BY ID")


def consume_proc(db, env=None, log=None):
    e = dict(os.environ)
    e.update(TEST_ENV)
    e.update(env or {})
    e["DELIUSD_DATABASE"] = db.url
    return subprocess.Popen([BIN, "consume"], env=e, stdout=log or subprocess.DEVNULL, stderr=log or subprocess.DEVNULL)


# ------------------------------------------------------------------ publish

def test_publish_enqueues_notifications_and_bare_events(db_factory):
    db = db_factory()
    n1 = notification(domain_event(crn="X000001"), message_id="sns-1")
    bare = domain_event(crn="X000002")
    p = publish(db.url, [n1, bare])
    assert json.loads(p.stdout) == {"published": 2}
    rows = db.query("SELECT QUEUE, MESSAGE_ID, RECEIVE_COUNT, BODY FROM DELIUSD_QUEUE_MESSAGE ORDER BY ID")
    assert [r[0] for r in rows] == ["test", "test"]  # the queue of the deliusd.test consumer
    assert rows[0][1] == "sns-1"
    assert len(rows[1][1]) == 36  # a generated UUID for the bare event
    assert rows[0][2] == rows[1][2] == 0
    assert json.loads(rows[1][3]) == bare  # stored as given


def test_publish_is_all_or_nothing(db_factory):
    db = db_factory()
    good = notification(domain_event())
    p = publish(db.url, [good, "{not json"], check=False)
    assert p.returncode == 1 and "message 2" in p.stderr
    p = publish(db.url, [good, {"version": 1}], check=False)  # no eventType
    assert p.returncode == 1 and "eventType" in p.stderr
    p = publish(db.url, [good, domain_event(event_type="nobody.consumes.this")], check=False)
    assert p.returncode == 1 and "--queue" in p.stderr
    assert db.scalar("SELECT COUNT(*) FROM DELIUSD_QUEUE_MESSAGE") == 0
    # --queue routes any event type, and stdin works
    e = dict(os.environ, **TEST_ENV, DELIUSD_DATABASE=db.url)
    p = subprocess.run([BIN, "publish", "--queue", "tier", "-"], input=json.dumps(domain_event("x.y")), env=e,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert db.query("SELECT QUEUE FROM DELIUSD_QUEUE_MESSAGE") == [("tier",)]


def test_publish_bad_arguments(db_factory):
    db = db_factory()
    assert deliusd_cmd(db.url, ["publish"]).returncode == 2
    assert deliusd_cmd(db.url, ["publish", "/nonexistent/file"]).returncode == 1
    assert deliusd_cmd(db.url, ["publish", "--help"]).returncode == 0
    assert deliusd_cmd(db.url, ["dlq"]).returncode == 2
    assert deliusd_cmd(db.url, ["dlq", "explode"]).returncode == 2
    assert deliusd_cmd(db.url, ["dlq", "purge"]).returncode == 2  # ids or --all
    assert deliusd_cmd(db.url, ["dlq", "retry", "abc"]).returncode == 2


# -------------------------------------------------------- consumed in serve

def test_serve_consumes_and_acknowledges(start_deliusd, db_factory):
    db = db_factory()
    d = start_deliusd(env=TEST_ENV, db=db)
    msgs = [notification(domain_event(crn=f"X{i:06d}"), message_id=f"m-{i}") for i in range(20)]
    publish(db.url, msgs)
    wait_for(lambda: applied_count(db) == 20, what="20 events applied")
    wait_for(lambda: not queue_rows(db), what="queue empty")
    got = applied(db)
    assert got == {f"m-{i}": (f"X{i:06d}", 1, 1) for i in range(20)}  # crn from personReference; once each
    assert dead_letters(db) == []
    m = d.get("/metrics").text
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="received") == 20
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="processed") == 20
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="failed") == 0
    lag = metric(m, "deliusd_queue_lag_seconds", queue="test")
    assert lag is not None and 0 <= lag < 60


def test_unknown_event_type_acknowledged_and_counted(start_deliusd, db_factory):
    db = db_factory()
    d = start_deliusd(env=TEST_ENV, db=db)
    publish(db.url, [notification(domain_event("probation-case.engagement.created")) for _ in range(3)], queue="test")
    wait_for(lambda: not queue_rows(db), what="unknown events acknowledged")
    assert dead_letters(db) == []
    assert applied_count(db) == 0
    m = d.get("/metrics").text
    assert metric(m, "deliusd_messages_total", queue="test", event_type="unknown", outcome="ignored") == 3
    assert metric(m, "deliusd_messages_total", queue="test", event_type="unknown", outcome="failed") == 0


def test_transient_failures_retried_in_process(start_deliusd, db_factory):
    """§7.3: EV_RETRY is retried in-process, 3 attempts with 100 ms * n^2 between them."""
    db = db_factory()
    start_deliusd(env=TEST_ENV, db=db)
    publish(db.url, [notification(domain_event(failTimes=2), message_id="flaky")])
    wait_for(lambda: applied_count(db) == 1, what="applied after two transient failures")
    assert applied(db)["flaky"][1:] == (1, 1)  # first receive, applied once
    assert db.scalar("SELECT N FROM DELIUSD_TEST_ATTEMPT WHERE MESSAGE_ID = 'flaky'") == 3
    wait_for(lambda: not queue_rows(db), what="acknowledged")


def test_redelivered_after_three_failed_attempts(start_deliusd, db_factory):
    db = db_factory()
    d = start_deliusd(env=TEST_ENV, db=db)
    publish(db.url, [notification(domain_event(failTimes=4), message_id="slow-flaky")])
    wait_for(lambda: applied_count(db) == 1, what="applied on the second receive")
    assert applied(db)["slow-flaky"][1:] == (2, 1)  # second receive, applied once
    assert db.scalar("SELECT N FROM DELIUSD_TEST_ATTEMPT WHERE MESSAGE_ID = 'slow-flaky'") == 5
    m = d.get("/metrics").text
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="failed") == 1
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="processed") == 1


def test_retry_back_off_between_receives(start_deliusd, db_factory):
    """A failed message is invisible for retry_delay * receives^2 before its next receive."""
    db = db_factory()
    start_deliusd(env=dict(TEST_ENV, DELIUSD_QUEUE_RETRY_DELAY_MS="3000"), db=db)
    publish(db.url, [notification(domain_event(poison=True), message_id="p")])
    wait_for(lambda: [r for r in queue_rows(db) if r[2] == 1 and r[3]], what="first failure recorded")
    row = queue_rows(db)[0]
    assert row[3] == "poison message"
    time.sleep(1.0)
    assert queue_rows(db)[0][2] == 1  # still waiting out its back-off
    vis = db.scalar("SELECT VISIBLE_AT - ENQUEUED_AT FROM DELIUSD_QUEUE_MESSAGE")
    assert vis >= 3000


def test_poison_message_dead_lettered_and_dlq_commands(start_deliusd, db_factory):
    db = db_factory()
    # a producer's garbage (publish refuses it, so it goes straight into the table)
    db.sql("INSERT INTO DELIUSD_QUEUE_MESSAGE (ID, QUEUE, MESSAGE_ID, BODY, RECEIVE_COUNT, VISIBLE_AT, ENQUEUED_AT)"
           " VALUES (900000, 'test', 'garbage-1', ?, 0, 0, 0)",
           ('{"Type":"Notification","MessageId":"garbage-1","Message":"this is not json"}',))
    publish(db.url, [notification(domain_event(poison=True), message_id="poison-1"),
                     notification(domain_event(), message_id="fine-1")])
    d = start_deliusd(env=TEST_ENV, db=db)
    wait_for(lambda: len(dead_letters(db)) == 2, what="two dead letters")
    wait_for(lambda: not queue_rows(db), what="queue empty")
    dl = {r[2]: r for r in dead_letters(db)}
    assert set(dl) == {"poison-1", "garbage-1"}
    assert dl["poison-1"][3] == 3 and dl["poison-1"][4] == "poison message"  # after 3 receives, with its error
    assert dl["garbage-1"][3] == 3 and "not a JSON object" in dl["garbage-1"][4]
    assert list(applied(db)) == ["fine-1"]
    m = d.get("/metrics").text
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="dead_lettered") == 1
    assert metric(m, "deliusd_messages_total", queue="test", event_type="malformed", outcome="dead_lettered") == 1
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="failed") == 3

    # dlq list: one JSON line each, no body
    p = deliusd_cmd(db.url, ["dlq", "list"])
    assert p.returncode == 0, p.stderr
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert {x["messageId"] for x in lines} == {"poison-1", "garbage-1"}
    poison = next(x for x in lines if x["messageId"] == "poison-1")
    assert poison["eventType"] == "deliusd.test" and poison["error"] == "poison message"
    assert poison["receiveCount"] == 3 and poison["queue"] == "test"
    assert "X000001" not in p.stdout  # the body (with its CRN) is not printed
    assert deliusd_cmd(db.url, ["dlq", "list", "--queue", "tier"]).stdout == ""

    # retry one: back on the queue with a fresh receive count, fails again 3 times
    d.stop()
    pid = poison["id"]
    p = deliusd_cmd(db.url, ["dlq", "retry", str(pid)])
    assert json.loads(p.stdout) == {"retried": 1}
    assert [(r[1], r[2]) for r in queue_rows(db)] == [("poison-1", 0)]
    assert [r[2] for r in dead_letters(db)] == ["garbage-1"]
    # purge
    p = deliusd_cmd(db.url, ["dlq", "purge", "--all"])
    assert json.loads(p.stdout) == {"purged": 1}
    assert dead_letters(db) == []


def test_message_in_hand_too_often_is_dead_lettered(db_factory):
    """A message whose handling never completes (the process dies each time) is dead-lettered
    on the receive after max receives, without running the handler again."""
    db = db_factory()
    publish(db.url, [notification(domain_event(), message_id="stuck")])
    db.sql("UPDATE DELIUSD_QUEUE_MESSAGE SET RECEIVE_COUNT = 3, LAST_ERROR = 'handler timed out'")
    p = consume_proc(db)
    try:
        wait_for(lambda: dead_letters(db), what="dead-lettered")
    finally:
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=30) == 0
    row = dead_letters(db)[0]
    assert row[2] == "stuck" and row[3] == 4
    assert "not completed within 3 receives" in row[4] and "handler timed out" in row[4]
    assert applied_count(db) == 0


# ---------------------------------------------------------- stop and crash

def test_sigterm_finishes_the_message_in_hand(db_factory, tmp_path):
    db = db_factory()
    publish(db.url, [notification(domain_event(sleepMs=1500), message_id="slow")] +
            [notification(domain_event(), message_id=f"rest-{i}") for i in range(5)])
    with open(tmp_path / "consume.log", "wb") as log:
        p = consume_proc(db, env={"DELIUSD_QUEUE_BATCH": "10"}, log=log)
        wait_for(lambda: [r for r in queue_rows(db) if r[1] == "slow" and r[2] == 1], what="slow message claimed")
        time.sleep(0.3)
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=30) == 0
    got = applied(db)
    assert "slow" in got  # finished, not abandoned
    left = queue_rows(db)
    assert all(r[1].startswith("rest-") for r in left)
    # the rest of the batch is back on the queue at once, its receive not counted
    assert all(r[2] == 0 for r in left) and len(left) + len(got) == 6


def test_sigkill_mid_batch_every_event_applied_exactly_once(db_factory, tmp_path):
    """1,000 events; the consumer is killed (SIGKILL) part-way and restarted: every event is
    applied exactly once, none lost, none doubled; only the killed process's batch in hand is
    redelivered (and the handler's idempotency absorbs it)."""
    db = db_factory()
    ids = [f"k-{i:04d}" for i in range(1000)]
    publish(db.url, [notification(domain_event(crn=f"K{i:06d}", sleepMs=2), message_id=m) for i, m in enumerate(ids)])
    env = {"DELIUSD_QUEUE_VISIBILITY_S": "2"}
    with open(tmp_path / "consume.log", "wb") as log:
        p = consume_proc(db, env=env, log=log)
        wait_for(lambda: applied_count(db) >= 200, what="200 applied")
        p.kill()
        p.wait()
        killed_at = applied_count(db)
        assert 200 <= killed_at < 1000, killed_at  # really mid-batch
        in_hand = [r for r in queue_rows(db) if r[2] >= 1]
        assert len(in_hand) <= 10  # at most one claimed batch
        p = consume_proc(db, env=env, log=log)
        try:
            wait_for(lambda: applied_count(db) == 1000 and not queue_rows(db), timeout=120,
                     what="all 1000 applied after the restart")
        finally:
            p.send_signal(signal.SIGTERM)
            assert p.wait(timeout=30) == 0
    got = applied(db)
    assert sorted(got) == ids
    assert all(crn == f"K{int(m[2:]):06d}" for m, (crn, _, _) in got.items())
    redelivered = sum(d for _, _, d in got.values()) - 1000
    assert redelivered <= 10  # only the batch in hand at the kill came again
    assert dead_letters(db) == []


def test_two_processes_share_one_queue_without_double_claims(db_factory, tmp_path):
    db = db_factory()
    ids = [f"s-{i:04d}" for i in range(400)]
    publish(db.url, [notification(domain_event(sleepMs=1), message_id=m) for m in ids])
    env = {"DELIUSD_QUEUE_BATCH": "5"}
    with open(tmp_path / "consume.log", "wb") as log:
        procs = [consume_proc(db, env=env, log=log) for _ in range(2)]
        try:
            wait_for(lambda: applied_count(db) == 400 and not queue_rows(db), timeout=120, what="400 applied")
        finally:
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for p in procs:
                assert p.wait(timeout=30) == 0
    got = applied(db)
    assert sorted(got) == ids
    assert all(rc == 1 and d == 1 for _, rc, d in got.values())  # every message received and applied once


def test_consumers_can_be_disabled(start_deliusd, db_factory):
    db = db_factory()
    start_deliusd(env=dict(TEST_ENV, DELIUSD_CONSUMERS="false"), db=db)
    publish(db.url, [notification(domain_event())])
    time.sleep(0.5)
    assert len(queue_rows(db)) == 1 and queue_rows(db)[0][2] == 0


def test_bad_queue_settings_refused(db_factory):
    db = db_factory()
    for k, v in [("DELIUSD_QUEUE_MAX_RECEIVES", "0"), ("DELIUSD_QUEUE_BATCH", "11"), ("DELIUSD_CONSUMERS", "maybe"),
                 ("DELIUSD_QUEUE_VISIBILITY_S", "x")]:
        e = dict(os.environ, **TEST_ENV, DELIUSD_DATABASE=db.url)
        e[k] = v
        p = subprocess.Popen([BIN, "consume"], env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = p.communicate(timeout=30)
        assert p.returncode == 2 and k.encode() in err, (k, err)


def test_slow_batch_keeps_its_claim(db_factory, tmp_path):
    """A batch that takes longer than the visibility timeout extends the claim of the messages
    still in hand, so a second worker never receives them meanwhile."""
    db = db_factory()
    ids = [f"slow-{i}" for i in range(3)]
    publish(db.url, [notification(domain_event(sleepMs=1500), message_id=m) for m in ids])
    env = {"DELIUSD_QUEUE_VISIBILITY_S": "2", "DELIUSD_QUEUE_BATCH": "3", "DELIUSD_CONSUMER_THREADS": "2"}
    with open(tmp_path / "consume.log", "wb") as log:
        p = consume_proc(db, env=env, log=log)
        try:
            wait_for(lambda: applied_count(db) == 3 and not queue_rows(db), timeout=60, what="3 slow events")
        finally:
            p.send_signal(signal.SIGTERM)
            assert p.wait(timeout=30) == 0
    got = applied(db)
    assert sorted(got) == ids
    assert all(rc == 1 and d == 1 for _, rc, d in got.values()), got  # received and applied once each
