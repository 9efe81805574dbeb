"""
court-case-and-delius documents (court-case-and-delius.md §2.7, §2.8, §5, §8):
GET /probation-case/{crn}/documents/grouped and /documents/{documentId}, with their
/secure/offenders/crn/{crn} aliases, over both document-store backends: the local
directory (DELIUSD_DOCUMENT_STORE=<dir>) and a remote Alfresco-compatible store,
played here by a local HTTP stub (200, 404, 5xx then 200, 403, a hang past the
read timeout, connection refused).
"""
import http.server
import os
import socket
import threading
import time

import pytest

import ccfixtures as fx
from conftest import ADMIN, COURT, TIER, Deliusd, drop_database, free_port, new_database
from seedschema import assert_schema
from test_court_case_person import alias_of, get_both

D_CRN = "D000001"
BASE = f"/probation-case/{D_CRN}/documents"
SECURITY_HEADERS = {"cache-control": "no-cache, no-store, max-age=0, must-revalidate", "pragma": "no-cache",
                    "expires": "0", "x-content-type-options": "nosniff", "x-frame-options": "DENY",
                    "x-xss-protection": "0"}


@pytest.fixture(scope="module")
def db(module_tmp):
    database = new_database(module_tmp)
    fx.build(database)
    fx.build_documents(database)
    yield database
    drop_database(database)


@pytest.fixture(scope="module")
def store_dir(module_tmp):
    d = os.path.join(module_tmp, "documents")
    os.makedirs(d)
    for doc_id in (500805, 500815, 500818, 500803):
        with open(os.path.join(d, f"doc-{doc_id}"), "wb") as f:
            f.write(b"%PDF-1.4\n% document " + str(doc_id).encode() + b"\n%%EOF\n")
    with open(os.path.join(d, "uuid1"), "wb") as f:
        f.write(b"%PDF-1.4 C123456\n")
    return d


@pytest.fixture(scope="module")
def cc(db, keys, module_tmp, store_dir):
    d = Deliusd(db, keys, env={"DELIUSD_TODAY": fx.TODAY.isoformat(), "DELIUSD_DOCUMENT_STORE": store_dir,
                               "DELIUSD_THREADS": "1", "DELIUSD_DEBUG_QUERY_COUNT": "true"},
                tmpdir=module_tmp).start()
    yield d
    d.stop()


# --------------------------------------------------------------------------- grouped (§2.7)

def lookup(d, sql, *params):
    return d.query(sql, params)[0][0]


def doc(doc_id, name, code, desc, description=None, pk=None, author="John Smith", created="2024-06-01T10:00:00",
        sub=None, dates=None):
    item = {"id": f"doc-{doc_id}", "documentName": name, "author": author, "type": {"code": code, "description": desc}}
    if description:
        item["extendedDescription"] = description
    item["lastModifiedAt"] = "2024-06-01T10:00:00"
    item["createdAt"] = created
    item["parentPrimaryKeyId"] = pk
    if sub:
        item["subType"] = sub
    if dates:
        item["reportDocumentDates"] = dates
    return item


def expected_grouped(d):
    inst = d.query("SELECT INSTITUTION_NAME FROM R_INSTITUTION WHERE INSTITUTION_ID = 1 AND ESTABLISHMENT = 'Y'")[0][0]
    ast = lookup(d, "SELECT DESCRIPTION FROM R_ASSESSMENT_TYPE WHERE ASSESSMENT_TYPE_ID = 1")
    ct = lookup(d, "SELECT DESCRIPTION FROM R_CONTACT_TYPE WHERE CONTACT_TYPE_ID = 3")
    nt = lookup(d, "SELECT DESCRIPTION FROM R_NSI_TYPE WHERE NSI_TYPE_ID = 1")
    pct = lookup(d, "SELECT CODE_DESCRIPTION FROM R_CIRCUMSTANCE_TYPE WHERE CIRCUMSTANCE_TYPE_ID = 2")
    rft = lookup(d, "SELECT DESCRIPTION FROM R_REFERRAL_TYPE WHERE REFERRAL_TYPE_ID = 1")
    o = fx.DOCP
    documents = [
        doc(500801, "offender.pdf", "OFFENDER_DOCUMENT", "Offender related", pk=o, author="Court Case Service"),
        doc(500802, "precons.pdf", "PRECONS_DOCUMENT", "PNC previous convictions", pk=o),
        doc(500807, "address.pdf", "ADDRESS_ASSESSMENT_DOCUMENT", "Address assessment related document",
            "Address assessment on 02/03/2024", pk=500718),
        doc(500810, "assessment-no-referral.pdf", "ASSESSMENT_DOCUMENT", "Assessment document", pk=500722),
        doc(500812, "contact.pdf", "CONTACT_DOCUMENT", "Contact related document", f"Contact on 04/04/2024 for {ct}",
            pk=500724),
        doc(500814, "circumstance.pdf", "PERSONAL_CIRCUMSTANCE_DOCUMENT", "Personal circumstance related document",
            f"Personal circumstance of {pct} started on 03/03/2023", pk=500726),
        doc(500815, "personal contact é.pdf", "PERSONAL_CONTACT_DOCUMENT", "Personal contact related document",
            "Personal contact of type Family Member with Brother", pk=500727),
    ]
    event1 = [
        doc(500803, "event.pdf", "CONVICTION_DOCUMENT", "Sentence related", pk=fx.D_EVENT),
        doc(500805, "psr.pdf", "COURT_REPORT_DOCUMENT", "Court Report",
            "Pre-Sentence Report requested by Camberwell Green Magistrates Court on 01/05/2024", pk=500715,
            sub={"code": "PSR", "description": "Pre-Sentence Report"},
            dates={"requestedDate": "2024-05-01", "requiredDate": "2024-05-20",
                   "completedDate": "2024-05-18T15:30:00"}),
        doc(500809, "assessment.pdf", "ASSESSMENT_DOCUMENT", "Assessment document", f"Assessment for {ast} on 06/01/2024",
            pk=500721),
        doc(500813, "nsi.pdf", "NSI_DOCUMENT", "Non Statutory Intervention related document",
            f"Non Statutory Intervention for {nt} on 05/04/2024", pk=500725),
        doc(500816, "referral.pdf", "REFERRAL_DOCUMENT", "Referral related document", f"Referral for {rft} on 05/01/2024",
            pk=500720),
        doc(500817, "upw.pdf", "UPW_APPOINTMENT_DOCUMENT", "Unpaid work appointment document",
            "Unpaid work appointment on 05/05/2024 for Community Garden Project", pk=500729),
    ]
    event2 = [
        doc(500804, "cps.pdf", "CPSPACK_DOCUMENT", "Crown Prosecution Service case pack", pk=fx.D_EVENT2),
        doc(500806, "parole.pdf", "INSTITUTION_REPORT_DOCUMENT", "Institutional Report",
            f"Parole Assessment Report at {inst} requested on 01/04/2024", pk=500716,
            sub={"code": "PAR", "description": "Parole Assessment Report"}, dates={"requestedDate": "2024-04-01"}),
        doc(500808, "ap.pdf", "APPROVED_PREMISES_REFERRAL_DOCUMENT", "Approved premises referral related document",
            "Approved premises referral on 03/02/2024", pk=500719),
        doc(500811, "allocation.pdf", "CASE_ALLOCATION_DOCUMENT", "Case allocation document", pk=500723),
    ]
    return {"documents": documents,
            "convictions": [{"convictionId": str(fx.D_EVENT), "documents": event1},
                            {"convictionId": str(fx.D_EVENT2), "documents": event2}]}


def grouped(d, query=""):
    r = get_both(d, BASE + "/grouped" + query)
    body = r.json()
    assert_schema(body, "OffenderDocuments", seed="001")
    return body


def test_grouped_every_parent_kind(cc):
    assert grouped(cc) == expected_grouped(cc)


def test_grouped_spec_case(cc):
    # DocumentsIntegrationTest: no person-level document with a store id, one conviction document
    body = get_both(cc, "/probation-case/C123456/documents/grouped").json()
    assert body["documents"] == [] and len(body["convictions"]) == 1
    assert body["convictions"][0]["convictionId"] == str(fx.C_EVENT)
    assert [x["id"] for x in body["convictions"][0]["documents"]] == ["uuid1"]


def test_grouped_filters(cc):
    full = expected_grouped(cc)
    by_id = {x["id"]: x for x in full["documents"] + [y for g in full["convictions"] for y in g["documents"]]}
    body = grouped(cc, "?type=COURT_REPORT_DOCUMENT")
    assert body == {"documents": [], "convictions": [
        {"convictionId": str(fx.D_EVENT), "documents": [by_id["doc-500805"]]},
        {"convictionId": str(fx.D_EVENT2), "documents": []}]}
    r_canonical = cc.get(BASE + "/grouped?type=COURT_REPORT_DOCUMENT&subType=PSR", roles=[COURT])
    r_alias = cc.get(alias_of(BASE) + "/grouped?type=COURT_REPORT_DOCUMENT&subtype=PSR", roles=[COURT])
    assert r_canonical.status == r_alias.status == 200 and r_canonical.body == r_alias.body
    assert r_canonical.json() == body
    assert grouped(cc, "?type=OFFENDER_DOCUMENT")["documents"] == [by_id["doc-500801"]]
    empty = grouped(cc, "?type=PREVIOUS_CONVICTION")  # valid, never produced: groups kept, all empty
    assert empty == {"documents": [], "convictions": [{"convictionId": str(fx.D_EVENT), "documents": []},
                                                       {"convictionId": str(fx.D_EVENT2), "documents": []}]}


@pytest.mark.parametrize("query,message", [
    ("?type=INVALID", "type of INVALID was not valid"),
    ("?type=court_report_document", "type of court_report_document was not valid"),
    ("?{sub}=PSR", "subtype of PSR was supplied but no type. subtype can only be supplied when a valid type is supplied"),
    ("?type=COURT_REPORT_DOCUMENT&{sub}=XYZ", "subtype of XYZ was not valid"),
    ("?type=OFFENDER_DOCUMENT&{sub}=PSR", "subtype of PSR was not valid for type OFFENDER_DOCUMENT"),
])
def test_grouped_400(cc, query, message):
    for path, sub in ((BASE, "subType"), (alias_of(BASE), "subtype")):
        r = cc.get(path + "/grouped" + query.format(sub=sub), roles=[COURT])
        assert r.status == 400, r
        assert r.json() == {"status": 400, "developerMessage": message}
    # query parameter names match case-insensitively (libmicrohttpd): the other spelling works too
    r = cc.get(BASE + "/grouped" + query.format(sub="subtype"), roles=[COURT])
    assert r.status == 400 and r.json()["developerMessage"] == message


def test_grouped_404_and_auth(cc):
    r = get_both(cc, "/probation-case/A123456/documents/grouped", status=404)
    assert r.json() == {"status": 404, "developerMessage": "Person with crn of A123456 not found"}
    for p in (BASE + "/grouped", alias_of(BASE) + "/grouped"):
        assert cc.get(p).status == 401
        r = cc.get(p, roles=[TIER])
        assert r.status == 403 and r.json() == {"status": 403, "developerMessage": "Access Denied"}
        assert cc.get(p, roles=[ADMIN]).status == 200


def test_grouped_query_budget(cc):
    before = int(cc.get("/probation-case/Z123456/status", roles=[COURT]).headers["x-query-count"])
    after = int(cc.get(BASE + "/grouped", roles=[COURT]).headers["x-query-count"])
    assert after - before == 2


# --------------------------------------------------------------------------- download, local store (§5)

def download_both(d, path, status=200):
    a = d.get(path, roles=[COURT], headers={"Accept": "application/octet-stream"})
    b = d.get(alias_of(path), roles=[COURT], headers={"Accept": "application/octet-stream"})
    assert a.status == b.status == status, (a, b)
    assert a.body == b.body
    return a


def test_download_local(cc, store_dir):
    r = download_both(cc, BASE + "/doc-500805")
    assert r.body == open(os.path.join(store_dir, "doc-500805"), "rb").read()
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-length"] == str(len(r.body))
    assert r.headers["content-disposition"] == \
        "attachment; filename=\"=?UTF-8?Q?psr.pdf?=\"; filename*=UTF-8''psr.pdf"
    assert "last-modified" in r.headers and r.headers["last-modified"].endswith(" GMT")
    for k, v in SECURITY_HEADERS.items():
        assert r.headers[k] == v


def test_download_file_name_encoding(cc):
    r = download_both(cc, BASE + "/doc-500815")
    assert r.headers["content-disposition"] == (
        "attachment; filename=\"=?UTF-8?Q?personal_contact_=C3=A9.pdf?=\"; "
        "filename*=UTF-8''personal%20contact%20%C3%A9.pdf")


@pytest.mark.parametrize("crn,doc_id,message", [
    (D_CRN, "wrong", "Document with id of wrong not found for CRN D000001"),
    (D_CRN, "doc-500818", "Document with id of doc-500818 not found for CRN D000001"),  # soft-deleted
    (D_CRN, "uuid1", "Document with id of uuid1 not found for CRN D000001"),  # another person's
    (D_CRN, "doc-500801", "Document content with alfrescoId of doc-500801 not found"),  # no file in the store
    ("A123456", "doc-500805", "Person with crn of A123456 not found"),
])
def test_download_404(cc, crn, doc_id, message):
    r = download_both(cc, f"/probation-case/{crn}/documents/{doc_id}", status=404)
    assert r.json() == {"status": 404, "developerMessage": message}


def test_download_auth(cc):
    for p in (BASE + "/doc-500805", alias_of(BASE) + "/doc-500805"):
        assert cc.get(p).status == 401
        r = cc.get(p, roles=[TIER])
        assert r.status == 403 and r.json() == {"status": 403, "developerMessage": "Access Denied"}
        assert cc.get(p, roles=[ADMIN]).status == 200


# --------------------------------------------------------------------------- download, remote store (§5.3)

class Stub(http.server.ThreadingHTTPServer):
    daemon_threads = True


def start_stub():
    seen = []
    counts = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            seen.append((self.path, dict(self.headers)))
            doc_id = self.path.rsplit("/", 1)[-1]
            counts[doc_id] = counts.get(doc_id, 0) + 1
            if not self.path.startswith("/alfresco/fetch/"):
                return self._send(400, b"bad path")
            if doc_id == "doc-500805":
                body = b"remote psr content " * 1000
                self.send_response(200)
                self.send_header("Content-Type", "application/msword;charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Last-Modified", "Tue, 04 Jun 2024 10:00:00 GMT")
                self.send_header("Custom-Alfresco-Header", "should not be forwarded")
                self.send_header("Content-Disposition", "attachment; filename=\"alfresco-name.doc\"")
                self.send_header("Cache-Control", "public")
                self.end_headers()
                self.wfile.write(body)
            elif doc_id == "doc-500806":
                self._send(404, b"{}")
            elif doc_id == "doc-500807":  # hangs past the read timeout
                time.sleep(6)
                self._send(200, b"too late")
            elif doc_id == "doc-500808":  # fails twice, then answers
                if counts[doc_id] <= 2:
                    self._send(500, b"boom")
                else:
                    self._send(200, b"third time lucky", "application/pdf")
            elif doc_id == "doc-500809":
                self._send(403, b"nope")
            else:
                self._send(503, b"down")

        def _send(self, status, body, ctype="text/plain"):
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass

    server = Stub(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen, counts


@pytest.fixture(scope="module")
def stub():
    server, seen, counts = start_stub()
    url = f"http://127.0.0.1:{server.server_address[1]}/alfresco/"  # a trailing '/' is collapsed
    yield url, seen, counts
    server.shutdown()


@pytest.fixture(scope="module")
def remote(db, keys, module_tmp, stub):
    url, seen, counts = stub
    d = Deliusd(db, keys, env={"DELIUSD_DOCUMENT_STORE": url, "DELIUSD_DOCUMENT_STORE_TIMEOUT_MS": "1000",
                               "DELIUSD_THREADS": "4"}, tmpdir=module_tmp).start()
    yield d, seen, counts
    d.stop()


def test_remote_200_streams_through(remote):
    d, seen, _ = remote
    r = download_both(d, BASE + "/doc-500805")
    assert r.body == b"remote psr content " * 1000
    assert r.headers["content-type"] == "application/msword;charset=UTF-8"
    assert r.headers["content-length"] == str(len(r.body))
    assert r.headers["last-modified"] == "Tue, 04 Jun 2024 10:00:00 GMT"
    assert r.headers["content-disposition"] == \
        "attachment; filename=\"=?UTF-8?Q?psr.pdf?=\"; filename*=UTF-8''psr.pdf"  # the Delius name wins
    assert "custom-alfresco-header" not in r.headers
    for k, v in SECURITY_HEADERS.items():
        assert r.headers[k] == v
    path, headers = [s for s in seen if s[0].endswith("doc-500805")][-1]
    assert path == "/alfresco/fetch/doc-500805"
    assert headers["Accept"] == "multipart/form-data"
    assert headers["X-DocRepository-Remote-User"] == "N00"
    assert headers["X-DocRepository-Real-Remote-User"] == "CourtCaseAndDelius"
    assert "Authorization" not in headers


def test_remote_404(remote):
    d, _, counts = remote
    r = download_both(d, BASE + "/doc-500806", status=404)
    assert r.json() == {"status": 404, "developerMessage": "Document content with alfrescoId of doc-500806 not found"}
    assert counts["doc-500806"] == 2  # one attempt per request: a 404 is not retried


def test_remote_5xx_retried(remote):
    d, _, counts = remote
    r = d.get(BASE + "/doc-500808", roles=[COURT])
    assert r.status == 200 and r.body == b"third time lucky"
    assert r.headers["content-type"] == "application/pdf"
    assert counts["doc-500808"] == 3


def test_remote_other_status_is_500(remote):
    d, _, _ = remote
    r = d.get(BASE + "/doc-500809", roles=[COURT])
    assert r.status == 500
    assert r.json()["message"] == "Failed to download document. Alfresco responded with 403."


def test_remote_down_is_503(remote):
    d, _, counts = remote
    r = d.get(BASE + "/doc-500810", roles=[COURT])  # the stub answers 503 every time
    assert r.status == 503
    assert r.json() == {"status": 503, "developerMessage":
                        "Document store unavailable: the document could not be fetched, try again later"}
    assert counts["doc-500810"] == 3


def test_remote_hang_times_out(remote):
    d, _, _ = remote
    t = time.monotonic()
    r = d.get(BASE + "/doc-500807", roles=[COURT], timeout=60)
    assert r.status == 503
    assert time.monotonic() - t < 20  # 3 attempts of ~1-2 s (read timeout 1 s) + 2 x 1 s back-off
    assert d.get("/health/liveness").status == 200


def test_remote_connection_refused(db, keys, tmp_path):
    port = free_port()  # nothing listens there
    d = Deliusd(db, keys, env={"DELIUSD_DOCUMENT_STORE": f"http://127.0.0.1:{port}"}, tmpdir=str(tmp_path)).start()
    try:
        r = download_both(d, BASE + "/doc-500805", status=503)
        assert r.json()["status"] == 503
        # the ownership check still comes first
        assert download_both(d, BASE + "/wrong", status=404).json()["developerMessage"] == \
            "Document with id of wrong not found for CRN D000001"
    finally:
        d.stop()


def test_remote_transfers_are_capped(db, keys, tmp_path, stub):
    """A hanging store holds a worker thread per transfer: beyond DELIUSD_DOCUMENT_STORE_MAX_TRANSFERS
    a download is refused at once (503) and the other routes keep answering."""
    url, _, _ = stub
    d = Deliusd(db, keys, env={"DELIUSD_DOCUMENT_STORE": url, "DELIUSD_DOCUMENT_STORE_TIMEOUT_MS": "1000",
                               "DELIUSD_DOCUMENT_STORE_MAX_TRANSFERS": "1", "DELIUSD_THREADS": "3"},
                tmpdir=str(tmp_path)).start()
    try:
        results = {}
        t = threading.Thread(target=lambda: results.setdefault(
            "hang", d.get(BASE + "/doc-500807", roles=[COURT], timeout=60)))
        t.start()
        time.sleep(0.5)
        started = time.monotonic()
        r = d.get(BASE + "/doc-500805", roles=[COURT])
        assert r.status == 503 and time.monotonic() - started < 2
        assert d.get("/probation-case/C123456/status", roles=[COURT]).status == 200
        t.join(30)
        assert results["hang"].status == 503
        r = d.get(BASE + "/doc-500805", roles=[COURT])  # the slot is free again
        assert r.status == 200 and r.body == b"remote psr content " * 1000
    finally:
        d.stop()


def test_download_ids_cannot_leave_the_store(cc, store_dir):
    """§5 / guide: a document id is never a path. Even when the DOCUMENT row exists for the person
    (a replica may hold any ALFRESCO_DOCUMENT_ID), ids with '/', '..' or '%' are refused by
    the store (404) and the file beside the store directory is never served."""
    secret = os.path.join(os.path.dirname(store_dir), "outside")
    with open(secret, "wb") as f:
        f.write(b"SECRET-OUTSIDE-THE-STORE")
    with open(os.path.join(store_dir, "..."), "wb") as f:  # a dot-name inside the store is not an id either
        f.write(b"SECRET-DOTS")
    o = cc.query("SELECT OFFENDER_ID FROM OFFENDER WHERE CRN = ?", (D_CRN,))[0][0]
    ids = ["../outside", "..", "...", "a/../../outside", "%2E%2E%2Foutside"]
    for k, doc_id in enumerate(ids):
        fx.document(cc.db, 509900 + k, o, "OFFENDER", o, f"evil{k}.pdf", alfresco=doc_id, deleted=1)
    try:
        # the rows are soft-deleted above so the grouped tests are unaffected; make them live one at a time
        for k, doc_id in enumerate(ids):
            cc.db.sql("UPDATE DOCUMENT SET SOFT_DELETED = 0 WHERE DOCUMENT_ID = ?", (509900 + k,))
            try:
                for raw in (doc_id, doc_id.replace("/", "%2F"), doc_id.replace(".", "%2E").replace("/", "%2F")):
                    for p in (BASE, alias_of(BASE)):
                        r = cc.get(f"{p}/{raw}", roles=[COURT])
                        assert 400 <= r.status < 500, (raw, r)
                        assert b"SECRET" not in r.body, (raw, r.body)
            finally:
                cc.db.sql("UPDATE DOCUMENT SET SOFT_DELETED = 1 WHERE DOCUMENT_ID = ?", (509900 + k,))
        # ids without a slash reach the handler and its ownership check passes (the rows are the
        # person's): the store itself refuses them as ids, so no file is opened
        for k, doc_id in enumerate(ids[:3]):
            if "/" in doc_id:
                continue
            cc.db.sql("UPDATE DOCUMENT SET SOFT_DELETED = 0 WHERE DOCUMENT_ID = ?", (509900 + k,))
            r = cc.get(f"{BASE}/{doc_id}", roles=[COURT])
            assert r.status == 404 and r.json()["developerMessage"] == \
                f"Document content with alfrescoId of {doc_id} not found", (doc_id, r)
    finally:
        cc.db.sql("DELETE FROM DOCUMENT WHERE DOCUMENT_ID BETWEEN 509900 AND 509999")
        os.remove(secret)
        os.remove(os.path.join(store_dir, "..."))
