"""
Idempotency under concurrency: the same message of each kind delivered many times at
once, to 4 consumer threads in `deliusd serve` plus a second process (`deliusd consume`)
on the same database, is applied exactly once (one tier change, one document, one
note contact), on SQLite (BEGIN IMMEDIATE) and PostgreSQL (the person's row lock).
"""
import json
import os
import subprocess

from conftest import BIN, Deliusd, drop_database, new_database
from events_support import (PDF_SAMPLE, Stub, consumer_env, domain_event, make_case, make_event, publish,
                            require_transport, rows, wait_idle)

require_transport()

COPIES = 12


def test_same_messages_delivered_concurrently_apply_once(keys, tmp_path):
    stub = Stub()
    docs = str(tmp_path / "documents")
    os.makedirs(docs)
    db = new_database(str(tmp_path))
    env = consumer_env(stub, DELIUSD_DOCUMENT_STORE=docs, DELIUSD_CONSUMER_THREADS="4", DELIUSD_QUEUE_BATCH="1")
    d = Deliusd(db, keys, env=env, tmpdir=str(tmp_path)).start()
    e = dict(os.environ, **env)
    e["DELIUSD_DATABASE"] = db.url
    log = open(tmp_path / "consume.log", "ab")
    other = subprocess.Popen([BIN, "consume"], env=e, stdout=log, stderr=log)
    try:
        oid = make_case(db, 501, "C000501", first="Con", surname="Current")
        make_event(db, oid, 501100)
        stub.route("GET", "/tier/1", json.dumps({"tierScore": "A1", "calculationId": "1",
                                                  "calculationDate": "2024-05-01T10:00:00Z"}))
        stub.route("GET", "/upw/1", (200, PDF_SAMPLE, "application/pdf"))
        stub.route("GET", "/notes/1", json.dumps({"reference": "CONC-1", "notes": "once"}))
        tier = domain_event("tier.calculation.complete", "C000501", stub.url + "/tier/1", info={"calculationId": "1"})
        upw = domain_event("unpaid-work.assessment.completed", "C000501", stub.url + "/upw/1",
                           info={"episodeId": "501", "eventId": "501100"})
        note = domain_event("court-case-note.published", "C000501", stub.url + "/notes/1",
                            occurred_at="2024-05-01T10:00:00Z")
        for _ in range(COPIES):
            for ev in (tier, upw, note):
                publish(d, ev)
        for q in ("tier", "upw", "court-case"):
            wait_idle(d, q, timeout=90)
        assert db.scalar("SELECT COUNT(*) FROM DELIUSD_DEAD_LETTER") == 0
        assert rows(db, "SELECT TIER_ID FROM MANAGEMENT_TIER WHERE OFFENDER_ID = ?", (oid,)) == [(1002,)]  # UA1
        assert rows(db, "SELECT t.CODE FROM CONTACT c JOIN R_CONTACT_TYPE t ON t.CONTACT_TYPE_ID = c.CONTACT_TYPE_ID"
                        " WHERE c.OFFENDER_ID = ? ORDER BY t.CODE", (oid,)) == [("C294",), ("EASU",), ("ETCH20",)]
        assert db.scalar("SELECT COUNT(*) FROM DOCUMENT WHERE OFFENDER_ID = ?", (oid,)) == 1
        assert len(os.listdir(docs)) == 1  # losers of the race removed their files
        assert db.scalar("SELECT ROW_VERSION FROM OFFENDER WHERE OFFENDER_ID = ?", (oid,)) == 1
        assert db.scalar("SELECT COUNT(*) FROM AUDITED_INTERACTION WHERE OUTCOME = 'P'") == 2  # WPBI006 + CLBI007
    finally:
        other.terminate()
        assert other.wait(timeout=30) == 0
        log.close()
        d.stop()
        drop_database(db)
        stub.close()
