"""
unpaid-work.assessment.completed consumer (unpaid-work-and-delius.md §3.3, decision 10),
end to end: `deliusd publish` -> embedded queue -> worker in `deliusd serve` -> local
assessment API stub (client-credentials token) -> the document store (a local
directory, or a remote Alfresco-compatible stub) -> EASU contact, DOCUMENT, WPBI006 audit.

Cases: PDF stored and rows written, duplicate episode (no second document, no second
download), not a PDF (dead-lettered, nothing written, no file), unknown person
(acknowledged), event of another person (dead-lettered), failed transaction after
the upload (no orphan file, audit 'F'), assessment API 500 twice then 200 (applied
once), remote store upload form.
"""
import os

import pytest

from conftest import Deliusd, drop_database, new_database
from events_support import (Stub, consumer_env, dead_letters, domain_event, events_logged, make_case,
                            make_event, publish, require_transport, rows, wait_dead_letter, wait_idle)

require_transport()

EASU = 2
UPW_USER = 2
WPBI006 = 1
PDF = b"%PDF-1.4\n% test assessment\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
OCCURRED = "2022-10-18T08:19:19.451579+01:00"


@pytest.fixture(scope="module")
def env(keys, module_tmp):
    stub = Stub()
    docs = os.path.join(module_tmp, "documents")
    os.makedirs(docs)
    db = new_database(module_tmp)
    d = Deliusd(db, keys, env=consumer_env(stub, DELIUSD_DOCUMENT_STORE=docs), tmpdir=module_tmp).start()
    yield d, stub, docs
    d.stop()
    drop_database(db)
    stub.close()


def assessment(stub, episode, *responses):
    path = f"/api/upw/download/{episode}"
    stub.route("GET", path, *(responses or [(200, PDF, "application/pdf")]))
    return stub.url + path


def completed(crn, url, episode, event_id):
    return domain_event("unpaid-work.assessment.completed", crn, url, occurred_at=OCCURRED, version="2",
                        info={"episodeId": str(episode), "eventId": str(event_id)})


def contacts(db, oid):
    return rows(db, "SELECT CONTACT_ID, CONTACT_TYPE_ID, EVENT_ID, CONTACT_DATE, CONTACT_START_TIME, NOTES, STAFF_ID,"
                    " TEAM_ID, EXTERNAL_REFERENCE, DOCUMENT_LINKED, SENSITIVE, PROBATION_AREA_ID, PARTITION_AREA_ID,"
                    " SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, LAST_UPDATED_USER_ID FROM CONTACT"
                    " WHERE OFFENDER_ID = ? ORDER BY CONTACT_ID", (oid,))


def documents(db, oid):
    return rows(db, "SELECT ALFRESCO_DOCUMENT_ID, PRIMARY_KEY_ID, TABLE_NAME, DOCUMENT_NAME, DOCUMENT_TYPE,"
                    " EXTERNAL_REFERENCE, STATUS, SENSITIVE, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION,"
                    " CREATED_BY_USER_ID, LAST_UPDATED_USER_ID, CREATED_DATETIME, LAST_SAVED FROM DOCUMENT"
                    " WHERE OFFENDER_ID = ? ORDER BY DOCUMENT_ID", (oid,))


def upw_audits(db):
    return rows(db, "SELECT BUSINESS_INTERACTION_ID, USER_ID, OUTCOME, INTERACTION_PARAMETERS FROM AUDITED_INTERACTION"
                    " WHERE BUSINESS_INTERACTION_ID = ? ORDER BY DATE_TIME", (WPBI006,))


def test_pdf_stored_rows_written_then_duplicate(env):
    d, stub, docs = env
    oid = make_case(d.db, 301, "D001022", first="David", surname="Banner", staff=2, team=2, area=2)
    make_event(d.db, oid, 1234567890)
    url = assessment(stub, 12345)
    audits_before = len(upw_audits(d.db))
    publish(d, completed("D001022", url, 12345, 1234567890))
    wait_idle(d, "upw")
    c = contacts(d.db, oid)
    assert len(c) == 1
    cid = c[0][0]
    ref = "urn:hmpps:unpaid-work-assessment:12345"
    assert c[0][1:] == (EASU, 1234567890, "2022-10-18", "2022-10-18T08:19:19.451579", "CP/UPW Assessment", 2, 2, ref,
                        "Y", "N", None, 0, 0, 0, UPW_USER, UPW_USER)
    doc = documents(d.db, oid)
    assert len(doc) == 1
    assert doc[0][1:13] == (cid, "CONTACT", "David-Banner-D001022-UPW.pdf", "DOCUMENT", ref, "N", 0, 0, 0, 0, UPW_USER,
                            UPW_USER)
    assert doc[0][13] == doc[0][14]
    # the file in the store is the PDF, named by the document id
    assert os.listdir(docs) == [doc[0][0]]
    with open(os.path.join(docs, doc[0][0]), "rb") as f:
        assert f.read() == PDF
    audits = upw_audits(d.db)
    assert audits[audits_before:] == [(WPBI006, UPW_USER, "P", "")]
    assert stub.calls("/api/upw/download/12345")[0][2]["Authorization"].startswith("Bearer tok-")
    assert events_logged(d, "UPWAssessmentProcessed")

    # the same episode again: nothing new, not even a download
    publish(d, completed("D001022", url, 12345, 1234567890))
    wait_idle(d, "upw")
    assert contacts(d.db, oid) == c and documents(d.db, oid) == doc
    assert os.listdir(docs) == [doc[0][0]]
    assert len(stub.calls("/api/upw/download/12345")) == 1
    assert {"episodeId": "12345"} in events_logged(d, "DuplicateMessageReceived")
    assert len(upw_audits(d.db)) == audits_before + 1


def test_not_a_pdf_is_dead_lettered_and_writes_nothing(env):
    d, stub, docs = env
    oid = make_case(d.db, 302, "D001023")
    make_event(d.db, oid, 302100)
    files = set(os.listdir(docs))
    url = assessment(stub, 222, (200, b"Ceci n'est pas une PDF", "application/pdf"))
    publish(d, completed("D001023", url, 222, 302100))
    err = wait_dead_letter(d, "upw", "D001023")
    assert f"Invalid PDF returned for episode: {url}" in err
    assert contacts(d.db, oid) == [] and documents(d.db, oid) == []
    assert set(os.listdir(docs)) == files


def test_unknown_person_is_acknowledged(env):
    d, stub, docs = env
    url = assessment(stub, 333)
    publish(d, completed("D999999", url, 333, 1))
    wait_idle(d, "upw")
    assert dead_letters(d, "upw", "D999999") == 0
    assert stub.calls("/api/upw/download/333") == []
    assert events_logged(d, "PersonNotFound")


def test_event_of_another_person_is_dead_lettered(env):
    d, stub, docs = env
    oid = make_case(d.db, 303, "D001024")
    other = make_case(d.db, 304, "D001025")
    make_event(d.db, other, 304100)
    url = assessment(stub, 444)
    publish(d, completed("D001024", url, 444, 304100))
    err = wait_dead_letter(d, "upw", "D001024")
    assert "Event with id of 304100 not found" in err
    assert contacts(d.db, oid) == [] and stub.calls("/api/upw/download/444") == []


def test_failed_transaction_leaves_no_orphan_file(env):
    d, stub, docs = env
    oid = make_case(d.db, 305, "D001026", manager=False)  # no active manager: fails after the upload
    make_event(d.db, oid, 305100)
    files = set(os.listdir(docs))
    url = assessment(stub, 555)
    audits_before = len(upw_audits(d.db))
    publish(d, completed("D001026", url, 555, 305100))
    err = wait_dead_letter(d, "upw", "D001026")
    assert "PersonManager with crn of D001026 not found" in err
    assert len(stub.calls("/api/upw/download/555")) >= 1  # it was downloaded and stored, then removed
    assert set(os.listdir(docs)) == files
    assert contacts(d.db, oid) == [] and documents(d.db, oid) == []
    failed = upw_audits(d.db)[audits_before:]
    assert failed and all(a == (WPBI006, UPW_USER, "F", "") for a in failed)


def test_assessment_api_500_twice_then_200_is_applied_once(env):
    d, stub, docs = env
    oid = make_case(d.db, 306, "D001027")
    make_event(d.db, oid, 306100)
    url = assessment(stub, 666, (500, b"{}"), (500, b"{}"), (200, PDF, "application/pdf"))
    publish(d, completed("D001027", url, 666, 306100))
    wait_idle(d, "upw")
    assert len(stub.calls("/api/upw/download/666")) == 3
    assert len(contacts(d.db, oid)) == 1 and len(documents(d.db, oid)) == 1


def test_remote_document_store_upload(keys, tmp_path):
    stub = Stub()
    db = new_database(str(tmp_path))
    d = Deliusd(db, keys, env=consumer_env(stub, DELIUSD_DOCUMENT_STORE=stub.url + "/alfresco"),
                tmpdir=str(tmp_path)).start()
    try:
        oid = make_case(db, 307, "D001028", first="Dav!d", surname="O'Banner")
        make_event(db, oid, 307100)
        publish(d, completed("D001028", assessment(stub, 777), 777, 307100))
        wait_idle(d, "upw")
        c = contacts(db, oid)
        doc = documents(db, oid)
        assert len(c) == 1 and len(doc) == 1
        assert doc[0][0] == "alfresco-1" and doc[0][3] == "Davd-OBanner-D001028-UPW.pdf"
        assert len(stub.uploads) == 1
        headers, parts = stub.uploads[0]
        assert headers["X-DocRepository-Remote-User"] == "N00"
        assert headers["X-DocRepository-Real-Remote-User"] == "UnpaidWorkAndDelius"
        assert "Authorization" not in headers
        assert parts["CRN"]["data"] == b"D001028"
        assert parts["entityId"]["data"] == str(c[0][0]).encode()
        assert parts["author"]["data"] == b"Service,UPW"
        assert parts["docType"]["data"] == b"DOCUMENT"
        assert parts["entityType"]["data"] == b"CONTACT"
        assert parts["filedata"]["filename"] == "Davd-OBanner-D001028-UPW.pdf"
        assert parts["filedata"]["data"] == PDF
    finally:
        d.stop()
        drop_database(db)
        stub.close()
