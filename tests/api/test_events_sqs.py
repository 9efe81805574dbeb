"""
The three handlers through the SQS backend and a real local SNS/SQS server (fauxqs):
one hmpps-domain topic with the three service queues subscribed (no filter policy, so
every queue receives every event and deliusd itself filters by eventType, platform.md
§7.1), detail stubs as in test_events_*.py. Then a poison message (not a PDF) ends in
the upw queue's dead-letter queue through its RedrivePolicy, with nothing written.
"""
import json
import os
import time
import uuid

import pytest

from conftest import Deliusd, drop_database, new_database
from events_support import (PDF_SAMPLE, Stub, consumer_env, domain_event, make_case, make_event, require_transport,
                            rows)
from eventsupport import Fauxqs, wait_for

require_transport()


@pytest.fixture(scope="module")
def fq(module_tmp):
    f = Fauxqs(module_tmp)
    yield f
    f.stop()


def service_queues(fq):
    """Three queues (visibility 1 s, maxReceiveCount 3 to a DLQ each) on one topic."""
    topic = fq.topic("hmpps-domain-" + uuid.uuid4().hex[:8])
    out = {}
    for q in ("tier", "upw", "court-case"):
        name = f"{q}-{uuid.uuid4().hex[:8]}"
        dlq = fq.create_queue(name + "-dlq")
        url = fq.create_queue(name, VisibilityTimeout=1, RedrivePolicy=json.dumps(
            {"deadLetterTargetArn": fq.queue_arn(dlq), "maxReceiveCount": "3"}))
        fq.subscribe(topic, url)
        out[q] = (url, dlq)
    return topic, out


@pytest.fixture(scope="module")
def env(fq, keys, module_tmp):
    stub = Stub()
    topic, queues = service_queues(fq)
    docs = os.path.join(module_tmp, "documents")
    os.makedirs(docs)
    db = new_database(module_tmp)
    e = consumer_env(stub, DELIUSD_DOCUMENT_STORE=docs)
    e.update(fq.env(tier=queues["tier"][0], upw=queues["upw"][0], court_case=queues["court-case"][0]))
    d = Deliusd(db, keys, env=e, tmpdir=module_tmp).start()
    yield d, stub, topic, queues, docs
    d.stop()
    drop_database(db)
    stub.close()


def drained(fq, queues):
    return all(fq.queue_depth(url) == 0 for url, _ in queues.values())


def test_three_handlers_through_sns_and_sqs(fq, env):
    d, stub, topic, queues, docs = env
    oid = make_case(d.db, 401, "S000001", first="Sam", surname="Queue")
    make_event(d.db, oid, 401100)
    stub.route("GET", "/tier/S000001/1", json.dumps({"tierScore": "B1", "calculationId": "1",
                                                      "calculationDate": "2024-03-01T10:00:00Z"}))
    stub.route("GET", "/upw/download/9001", (200, PDF_SAMPLE, "application/pdf"))
    stub.route("GET", "/notes/9002", json.dumps({"reference": "SQS-NOTE-1", "notes": "via SQS"}))
    fq.publish(topic, domain_event("tier.calculation.complete", "S000001", stub.url + "/tier/S000001/1",
                                   info={"calculationId": "1"}))
    fq.publish(topic, domain_event("unpaid-work.assessment.completed", "S000001", stub.url + "/upw/download/9001",
                                   occurred_at="2024-03-01T11:00:00Z", info={"episodeId": "9001", "eventId": "401100"}))
    fq.publish(topic, domain_event("court-case-note.published", "S000001", stub.url + "/notes/9002",
                                   occurred_at="2024-03-01T12:00:00Z"))
    wait_for(lambda: d.db.scalar("SELECT COUNT(*) FROM CONTACT WHERE OFFENDER_ID = ?", (oid,)) == 3,
             what="three contacts written")
    wait_for(lambda: drained(fq, queues), what="every queue drained (other services' events acknowledged)")
    assert rows(d.db, "SELECT t.CODE, c.CONTACT_DATE, c.EXTERNAL_REFERENCE FROM CONTACT c JOIN R_CONTACT_TYPE t"
                      " ON t.CONTACT_TYPE_ID = c.CONTACT_TYPE_ID WHERE c.OFFENDER_ID = ? ORDER BY t.CODE", (oid,)) == [
        ("C294", "2024-03-01", "SQS-NOTE-1"), ("EASU", "2024-03-01", "urn:hmpps:unpaid-work-assessment:9001"),
        ("ETCH20", "2024-03-01", None)]
    assert d.db.scalar("SELECT CURRENT_TIER FROM OFFENDER WHERE OFFENDER_ID = ?", (oid,)) == 1006  # UB1
    assert rows(d.db, "SELECT DOCUMENT_NAME FROM DOCUMENT WHERE OFFENDER_ID = ?", (oid,)) == [("Sam-Queue-S000001-UPW.pdf",)]
    assert all(fq.queue_depth(dlq) == 0 for _, dlq in queues.values())
    assert '"backend":"sqs"' in d.log_text()


def test_not_a_pdf_ends_in_the_sqs_dead_letter_queue(fq, env):
    d, stub, topic, queues, docs = env
    oid = make_case(d.db, 402, "S000002")
    make_event(d.db, oid, 402100)
    stub.route("GET", "/upw/download/9003", (200, b"not a pdf", "application/pdf"))
    files = set(os.listdir(docs))
    fq.publish(topic, domain_event("unpaid-work.assessment.completed", "S000002", stub.url + "/upw/download/9003",
                                   info={"episodeId": "9003", "eventId": "402100"}))
    url, dlq = queues["upw"]
    deadline = time.time() + 30
    dead = []
    while time.time() < deadline and not dead:
        dead = fq.receive_all(dlq, wait=1)
    assert dead, "not dead-lettered"
    body = json.loads(json.loads(dead[0]["Body"])["Message"])
    assert body["personReference"]["identifiers"][0]["value"] == "S000002"
    assert len(stub.calls("/upw/download/9003")) >= 3  # received maxReceiveCount times
    assert d.db.scalar("SELECT COUNT(*) FROM CONTACT WHERE OFFENDER_ID = ?", (oid,)) == 0
    assert d.db.scalar("SELECT COUNT(*) FROM DOCUMENT WHERE OFFENDER_ID = ?", (oid,)) == 0
    assert set(os.listdir(docs)) == files
