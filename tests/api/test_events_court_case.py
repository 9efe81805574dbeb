"""
court-case-note.published consumer (court-case-and-delius.md §6.3), end to end:
`deliusd publish` -> embedded queue -> worker in `deliusd serve` -> local court-case-notes
stub (client-credentials token from a local token stub) -> the C294 contact and its
CLBI007 audited interaction.

Cases: note inserted, note updated, out-of-sequence note ignored, note 404, redelivery
of an applied note, unknown person (acknowledged, audit 'F'), notes API 500 twice then
200 (applied once).
"""
import datetime
import json

import pytest

from conftest import Deliusd, drop_database, new_database
from events_support import (LONDON, Stub, consumer_env, domain_event, events_logged, make_case, publish,
                            require_transport, rows, wait_dead_letter, wait_idle)

require_transport()

C294 = 3
COURT_USER = 3
CLBI007 = 2


@pytest.fixture(scope="module")
def env(keys, module_tmp):
    stub = Stub()
    db = new_database(module_tmp)
    d = Deliusd(db, keys, env=consumer_env(stub), tmpdir=module_tmp).start()
    yield d, stub
    d.stop()
    drop_database(db)
    stub.close()


def note(stub, n, reference, text, *statuses):
    path = f"/court-case-notes/{n}"
    body = json.dumps({"reference": reference, "notes": text})
    stub.route("GET", path, *([(s, body if s == 200 else "{}") for s in statuses] or [(200, body)]))
    return stub.url + path


def published(crn, url, occurred):
    return domain_event("court-case-note.published", crn, url, occurred_at=occurred.isoformat())


def contacts(db, oid):
    return rows(db, "SELECT CONTACT_ID, CONTACT_TYPE_ID, CONTACT_DATE, CONTACT_START_TIME, NOTES, STAFF_ID, TEAM_ID,"
                    " PROBATION_AREA_ID, STAFF_EMPLOYEE_ID, TRUST_PROVIDER_TEAM_ID, TRUST_PROVIDER_FLAG,"
                    " EXTERNAL_REFERENCE, SENSITIVE, EVENT_ID, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION,"
                    " CREATED_BY_USER_ID, LAST_UPDATED_USER_ID, CREATED_DATETIME, LAST_UPDATED_DATETIME"
                    " FROM CONTACT WHERE OFFENDER_ID = ? ORDER BY CONTACT_ID", (oid,))


def audits(db, params_like):
    return rows(db, "SELECT BUSINESS_INTERACTION_ID, USER_ID, OUTCOME, INTERACTION_PARAMETERS FROM AUDITED_INTERACTION"
                    " WHERE INTERACTION_PARAMETERS LIKE ? ORDER BY DATE_TIME", (params_like,))


def local(t):
    return t.astimezone(LONDON).replace(tzinfo=None).isoformat()


def test_note_inserted_updated_out_of_sequence_and_redelivered(env):
    d, stub = env
    oid = make_case(d.db, 201, "N123456")
    t1 = datetime.datetime.now(LONDON).replace(microsecond=250000) - datetime.timedelta(seconds=30)
    url = note(stub, 1111, "REF-1111", "First version of the note")
    publish(d, published("N123456", url, t1))
    wait_idle(d, "court-case")
    c = contacts(d.db, oid)
    assert len(c) == 1
    cid = c[0][0]
    assert c[0][1:19] == (C294, local(t1)[:10], local(t1), "First version of the note", 1, 1, 1, 1, 1, 0, "REF-1111",
                          "N", None, 0, 0, 0, COURT_USER, COURT_USER)
    assert c[0][19] == c[0][20]
    assert audits(d.db, f"contactId='{cid}'%") == [(CLBI007, COURT_USER, "P", f"contactId='{cid}',offenderId='{oid}'")]
    assert stub.calls("/court-case-notes/1111")[0][2]["Authorization"].startswith("Bearer tok-")
    assert {"externalReference": "REF-1111"} in events_logged(d, "CourtCaseNoteMerged")

    # an amended note that occurred after the contact was last updated: applied
    t2 = datetime.datetime.now(LONDON) + datetime.timedelta(seconds=5)
    note(stub, 1111, "REF-1111", "Second version of the note")
    publish(d, published("N123456", url, t2))
    wait_idle(d, "court-case")
    c2 = contacts(d.db, oid)
    assert len(c2) == 1 and c2[0][0] == cid
    assert c2[0][2:5] == (local(t2)[:10], local(t2), "Second version of the note")
    assert c2[0][16] == 1  # ROW_VERSION + 1
    assert c2[0][19] == c[0][19] and c2[0][20] > c[0][20]  # created kept, last updated moved
    assert len(audits(d.db, f"contactId='{cid}'%")) == 2

    # an older amendment (out of sequence) and the first message again: nothing changes
    note(stub, 1111, "REF-1111", "Stale version of the note")
    publish(d, published("N123456", url, t1 - datetime.timedelta(days=1)))
    publish(d, published("N123456", url, t1))
    wait_idle(d, "court-case")
    assert contacts(d.db, oid) == c2
    assert len(audits(d.db, f"contactId='{cid}'%")) == 2
    assert "Court Case Note update ignored because it was out of sequence" in d.log_text()


def test_note_404_is_acknowledged(env):
    d, stub = env
    oid = make_case(d.db, 202, "N123457")
    url = stub.url + "/court-case-notes/404404"
    stub.route("GET", "/court-case-notes/404404", (404, '{"status":404}'))
    publish(d, published("N123457", url, datetime.datetime.now(LONDON)))
    wait_idle(d, "court-case")
    assert contacts(d.db, oid) == []
    assert {"detailUrl": url} in events_logged(d, "CourtCaseNoteNotFound")


def test_unknown_person_is_acknowledged_with_a_failed_audit(env):
    d, stub = env
    url = note(stub, 2222, "REF-2222", "A note for nobody")
    before = d.db.scalar("SELECT COUNT(*) FROM CONTACT")
    publish(d, published("N999999", url, datetime.datetime.now(LONDON)))
    wait_idle(d, "court-case")
    assert d.db.scalar("SELECT COUNT(*) FROM CONTACT") == before
    assert audits(d.db, "externalReference='REF-2222'") == [(CLBI007, COURT_USER, "F", "externalReference='REF-2222'")]
    failed = events_logged(d, "CourtCaseNoteMergeFailed")
    assert {"externalReference": "REF-2222", "exception": "Person with crn of [crn] not found"} in failed


def test_notes_api_500_twice_then_200_is_applied_once(env):
    d, stub = env
    oid = make_case(d.db, 203, "N123458")
    url = note(stub, 3333, "REF-3333", "Eventually fetched", 500, 500, 200)
    publish(d, published("N123458", url, datetime.datetime.now(LONDON)))
    wait_idle(d, "court-case")
    assert len(stub.calls("/court-case-notes/3333")) == 3
    c = contacts(d.db, oid)
    assert len(c) == 1 and c[0][4] == "Eventually fetched"
    assert len(audits(d.db, f"contactId='{c[0][0]}'%")) == 1


def test_service_user_setting_and_missing_user(keys, tmp_path):
    """DELIUSD_SERVICE_USER_COURT_CASE names the writing user; a user missing from USER_ is a
    configuration error: the note is dead-lettered, never swallowed, and nothing is written."""
    stub = Stub()
    db = new_database(str(tmp_path))
    db.sql("INSERT INTO USER_ (USER_ID, DISTINGUISHED_NAME, FORENAME, SURNAME) VALUES (100001, 'CustomCourt', 'C', 'C')")
    oid = make_case(db, 204, "N123459")
    url = note(stub, 4444, "REF-4444", "Written by the configured user")
    started = []
    try:
        for user in ("CustomCourt", "NoSuchUser"):
            d = Deliusd(db, keys, env=consumer_env(stub, DELIUSD_SERVICE_USER_COURT_CASE=user),
                        tmpdir=str(tmp_path)).start()
            started.append(d)
            if user == "CustomCourt":
                publish(d, published("N123459", url, datetime.datetime.now(LONDON)))
                wait_idle(d, "court-case")
                assert [r[17:19] for r in contacts(db, oid)] == [(100001, 100001)]
                assert rows(db, "SELECT USER_ID, OUTCOME FROM AUDITED_INTERACTION") == [(100001, "P")]
            else:
                oid2 = make_case(db, 205, "N123460")
                publish(d, published("N123460", url, datetime.datetime.now(LONDON)))
                err = wait_dead_letter(d, "court-case", "N123460")
                assert "service user NoSuchUser not found" in err
                assert contacts(db, oid2) == []
            d.stop()
            started.pop()
    finally:
        for d in started:
            d.stop()
        drop_database(db)
        stub.close()
