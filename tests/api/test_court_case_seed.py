"""
Demo data for court-case-and-delius (issue 10, item 6): `deliusd seed` fills what
the person-record, registrations, managers and documents routes read, and writes a
small real PDF into the local document store for every seeded document with a
store id, so that on a seeded database most CRNs give non-trivial bodies and
documents download.
"""
import os
import re

import pytest

from conftest import COURT, Deliusd, drop_database, new_database, run
from seedschema import assert_schema

PEOPLE = 150


@pytest.fixture(scope="module")
def seeded(keys, module_tmp):
    db = new_database(module_tmp)
    store = os.path.join(module_tmp, "documents")
    p = run(["seed", "--people", str(PEOPLE), "--random-seed", "7", "--document-files", "100000"],
            env={"DELIUSD_DATABASE": db.url, "DELIUSD_DOCUMENT_STORE": store})
    assert "document files" in p.stderr
    d = Deliusd(db, keys, env={"DELIUSD_DOCUMENT_STORE": store}, tmpdir=module_tmp).start()
    yield d, store
    d.stop()
    drop_database(db)


def pdf_ok(data):
    """A well-formed one-page PDF: header, every xref offset points at its object, startxref right."""
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[startxref:].startswith(b"xref\n")
    entries = re.findall(rb"(\d{10}) 00000 n ", data[startxref:])
    assert len(entries) == 5
    for n, off in enumerate(entries, 1):
        assert data[int(off):].startswith(b"%d 0 obj" % n)
    return True


def test_seeded_store_has_a_pdf_per_document(seeded):
    d, store = seeded
    ids = [r[0] for r in d.query("SELECT ALFRESCO_DOCUMENT_ID FROM DOCUMENT WHERE ALFRESCO_DOCUMENT_ID IS NOT NULL")]
    assert ids and sorted(os.listdir(store)) == sorted(set(ids))
    assert pdf_ok(open(os.path.join(store, ids[0]), "rb").read())


def test_most_crns_have_non_trivial_bodies(seeded):
    d, _ = seeded
    crns = [r[0] for r in d.query("SELECT CRN FROM OFFENDER WHERE SOFT_DELETED = 0 ORDER BY CRN")]
    counts = {"addresses": 0, "managers": 0, "registrations": 0, "documents": 0, "aliases": 0, "profile": 0,
              "status": 0}
    for crn in crns:
        r = d.get(f"/probation-case/{crn}/all", roles=[COURT])
        assert r.status == 200, r
        body = r.json()
        assert_schema(body, "OffenderDetail", seed="001")
        counts["addresses"] += bool(body["contactDetails"].get("addresses"))
        counts["managers"] += bool(body.get("offenderManagers"))
        counts["aliases"] += bool(body.get("offenderAliases"))
        counts["profile"] += len(body["offenderProfile"]) > 2
        regs = d.get(f"/probation-case/{crn}/registrations", roles=[COURT]).json()
        counts["registrations"] += bool(regs["registrations"])
        docs = d.get(f"/probation-case/{crn}/documents/grouped", roles=[COURT]).json()
        counts["documents"] += bool(docs["documents"] or any(g["documents"] for g in docs["convictions"]))
        counts["status"] += d.get(f"/probation-case/{crn}/status", roles=[COURT]).json()["status"] != "NO_RECORD"
        managers = d.get(f"/probation-case/{crn}/allOffenderManagers", roles=[COURT]).json()
        for m in managers:
            assert_schema(m, "CommunityOrPrisonOffenderManager", seed="001")
    n = len(crns)
    for key in ("addresses", "managers", "profile", "status", "documents", "registrations"):
        assert counts[key] > n / 2, (key, counts, n)
    assert counts["aliases"] > 0


def test_seeded_document_downloads(seeded):
    d, _ = seeded
    crn, doc_id, name = d.query(
        "SELECT O.CRN, D.ALFRESCO_DOCUMENT_ID, D.DOCUMENT_NAME FROM DOCUMENT D JOIN OFFENDER O ON O.OFFENDER_ID ="
        " D.OFFENDER_ID WHERE D.ALFRESCO_DOCUMENT_ID IS NOT NULL AND D.SOFT_DELETED = 0 ORDER BY D.DOCUMENT_ID")[0]
    r = d.get(f"/probation-case/{crn}/documents/{doc_id}", roles=[COURT])
    assert r.status == 200
    assert pdf_ok(r.body)
    assert name.encode() in r.body
