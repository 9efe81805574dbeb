"""
The SQS backend against a real local SNS/SQS server (fauxqs@1.9.2, npm): messages published to
an SNS topic subscribed to the queue, as production does; long-polling ReceiveMessage,
DeleteMessage on success, the queue's RedrivePolicy dead-letters a poison message; unknown event
types acknowledged; SIGKILL mid-batch of 1,000 and restart applies every event exactly once.
Uses the test consumer (event type deliusd.test, logical queue "test" = DELIUSD_QUEUE_TEST).
"""
import json
import os
import signal
import subprocess
import uuid

import pytest

from conftest import BIN
from eventsupport import (TEST_ENV, Fauxqs, applied, applied_count, deliusd_cmd, domain_event, metric, publish,
                          wait_for)


@pytest.fixture(scope="module")
def fq(module_tmp):
    f = Fauxqs(module_tmp)
    yield f
    f.stop()


@pytest.fixture
def sqs_queue(fq):
    """A fresh queue with a dead-letter queue (maxReceiveCount 3, visibility 1 s), subscribed to a
    fresh topic. Returns (name, url, dlq_url, topic_arn)."""
    name = "t-" + uuid.uuid4().hex[:10]
    dlq = fq.create_queue(name + "-dlq")
    url = fq.create_queue(name, VisibilityTimeout=1, RedrivePolicy=json.dumps(
        {"deadLetterTargetArn": fq.queue_arn(dlq), "maxReceiveCount": "3"}))
    topic = fq.topic(name + "-topic")
    fq.subscribe(topic, url)
    return name, url, dlq, topic


def consume_proc(db, env, log):
    e = dict(os.environ)
    e.update(TEST_ENV)
    e.update(env)
    e["DELIUSD_DATABASE"] = db.url
    return subprocess.Popen([BIN, "consume"], env=e, stdout=log, stderr=log)


def test_sqs_consumes_sns_notifications(fq, sqs_queue, start_deliusd, db_factory):
    name, url, dlq, topic = sqs_queue
    db = db_factory()
    d = start_deliusd(env=dict(TEST_ENV, **fq.env(test=name)), db=db)  # the queue by name (GetQueueUrl)
    sns_ids = [fq.publish(topic, domain_event(crn=f"S{i:06d}")) for i in range(20)]
    wait_for(lambda: applied_count(db) == 20, what="20 SQS events applied")
    got = applied(db)
    assert sorted(got) == sorted(sns_ids)  # the SNS MessageId is the message id handlers see
    assert sorted(c for c, _, _ in got.values()) == [f"S{i:06d}" for i in range(20)]
    assert all(rc == 1 and dl == 1 for _, rc, dl in got.values())
    wait_for(lambda: fq.queue_depth(url) == 0, what="messages deleted")
    assert fq.queue_depth(dlq) == 0
    m = d.get("/metrics").text
    assert metric(m, "deliusd_messages_total", queue="test", event_type="deliusd.test", outcome="processed") == 20
    assert "consumer started" in d.log_text() and '"backend":"sqs"' in d.log_text()


def test_sqs_queue_by_url_and_unknown_event_types(fq, sqs_queue, start_deliusd, db_factory):
    name, url, dlq, topic = sqs_queue
    db = db_factory()
    d = start_deliusd(env=dict(TEST_ENV, **fq.env(test=url)), db=db)
    for _ in range(3):
        fq.publish(topic, domain_event("probation-case.engagement.created"))
    fq.publish(topic, domain_event(crn="U000001"))
    wait_for(lambda: applied_count(db) == 1, what="the known event applied")
    wait_for(lambda: fq.queue_depth(url) == 0, what="unknown events deleted, never retried")
    assert fq.queue_depth(dlq) == 0
    m = d.get("/metrics").text
    assert metric(m, "deliusd_messages_total", queue="test", event_type="unknown", outcome="ignored") == 3


def test_sqs_transient_failure_retried_in_process(fq, sqs_queue, start_deliusd, db_factory):
    name, url, dlq, topic = sqs_queue
    db = db_factory()
    start_deliusd(env=dict(TEST_ENV, **fq.env(test=name)), db=db)
    mid = fq.publish(topic, domain_event(failTimes=2))
    wait_for(lambda: applied_count(db) == 1, what="applied after two transient failures")
    assert applied(db)[mid][1:] == (1, 1)
    wait_for(lambda: fq.queue_depth(url) == 0, what="deleted")


def test_sqs_poison_message_reaches_the_dead_letter_queue(fq, sqs_queue, start_deliusd, db_factory):
    name, url, dlq, topic = sqs_queue
    db = db_factory()
    d = start_deliusd(env=dict(TEST_ENV, **fq.env(test=name)), db=db)
    mid = fq.publish(topic, domain_event(poison=True, marker="poison-sqs"))
    fq.publish(topic, domain_event(crn="F000001"))
    wait_for(lambda: fq.queue_depth(dlq) == 1, timeout=60, what="the poison message in the dead-letter queue")
    dead = fq.receive_all(dlq)
    assert len(dead) == 1
    body = json.loads(dead[0]["Body"])
    assert body["MessageId"] == mid and json.loads(body["Message"])["additionalInformation"]["marker"] == "poison-sqs"
    assert applied_count(db) == 1
    log = d.log_text()
    failures = [json.loads(x) for x in log.splitlines() if x.startswith("{") and mid in x]
    assert len(failures) >= 3 and all(f["error"] == "poison message" for f in failures)  # its error, each receive
    assert [f["receiveCount"] for f in failures[:3]] == ["1", "2", "3"]


def test_publish_command_sends_to_an_sqs_queue(fq, sqs_queue, db_factory, tmp_path):
    name, url, dlq, topic = sqs_queue
    db = db_factory()
    env = fq.env(test=name)
    p = publish(db.url, [domain_event(crn="P000001"), domain_event(crn="P000002")], env=env)
    assert json.loads(p.stdout) == {"published": 2}
    assert fq.queue_depth(url) == 2
    assert db.scalar("SELECT COUNT(*) FROM DELIUSD_QUEUE_MESSAGE") == 0  # not the embedded queue
    with open(tmp_path / "c.log", "wb") as log:
        c = consume_proc(db, env, log)
        try:
            wait_for(lambda: applied_count(db) == 2, what="published events consumed")
        finally:
            c.send_signal(signal.SIGTERM)
            assert c.wait(timeout=30) == 0
    assert sorted(x for x, _, _ in applied(db).values()) == ["P000001", "P000002"]


def test_sqs_unreachable_is_retried_not_fatal(start_deliusd, db_factory):
    db = db_factory()
    env = {"DELIUSD_SQS_ENDPOINT": "http://127.0.0.1:1", "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y",
           "DELIUSD_QUEUE_TEST": "http://127.0.0.1:1/000000000000/nowhere", "DELIUSD_SQS_WAIT_S": "1"}
    d = start_deliusd(env=dict(TEST_ENV, **env), db=db)
    wait_for(lambda: "consumer cannot receive" in d.log_text(), what="the failure logged")
    assert d.get("/health/liveness").status == 200
    wait_for(lambda: (metric(d.get("/metrics").text, "deliusd_queue_receive_errors_total", queue="test") or 0) >= 2,
             what="receive errors counted")


def test_sqs_sigkill_mid_batch_every_event_applied_exactly_once(fq, db_factory, tmp_path):
    name = "k-" + uuid.uuid4().hex[:10]
    dlq = fq.create_queue(name + "-dlq")
    url = fq.create_queue(name, VisibilityTimeout=2, RedrivePolicy=json.dumps(
        {"deadLetterTargetArn": fq.queue_arn(dlq), "maxReceiveCount": "5"}))
    topic = fq.topic(name + "-topic")
    fq.subscribe(topic, url)
    ids = fq.publish_batch(topic, [domain_event(crn=f"Q{i:06d}", sleepMs=2) for i in range(1000)])
    assert len(ids) == 1000
    db = db_factory()
    env = fq.env(test=name)
    with open(tmp_path / "consume.log", "wb") as log:
        p = consume_proc(db, env, log)
        wait_for(lambda: applied_count(db) >= 200, timeout=120, what="200 applied")
        p.kill()
        p.wait()
        assert applied_count(db) < 1000
        p = consume_proc(db, env, log)
        try:
            wait_for(lambda: applied_count(db) == 1000, timeout=180, what="all 1000 applied after the restart")
            wait_for(lambda: fq.queue_depth(url) == 0, timeout=30, what="queue drained")
        finally:
            p.send_signal(signal.SIGTERM)
            assert p.wait(timeout=30) == 0
    got = applied(db)
    assert sorted(got) == sorted(ids)
    redelivered = sum(d for _, _, d in got.values()) - 1000
    assert redelivered <= 10
    assert fq.queue_depth(dlq) == 0


def test_sqs_slow_batch_extends_visibility(fq, db_factory, tmp_path):
    name = "v-" + uuid.uuid4().hex[:10]
    url = fq.create_queue(name, VisibilityTimeout=2)
    topic = fq.topic(name + "-topic")
    fq.subscribe(topic, url)
    ids = [fq.publish(topic, domain_event(sleepMs=1500)) for _ in range(3)]
    db = db_factory()
    env = dict(fq.env(test=name), DELIUSD_QUEUE_BATCH="3", DELIUSD_CONSUMER_THREADS="2")
    with open(tmp_path / "consume.log", "wb") as log:
        p = consume_proc(db, env, log)
        try:
            wait_for(lambda: applied_count(db) == 3, timeout=60, what="3 slow events")
            wait_for(lambda: fq.queue_depth(url) == 0, timeout=30, what="deleted")
        finally:
            p.send_signal(signal.SIGTERM)
            assert p.wait(timeout=30) == 0
    got = applied(db)
    assert sorted(got) == sorted(ids)
    assert all(rc == 1 and d == 1 for _, rc, d in got.values()), got  # never received twice
