"""
POST /secure/compare and /secure/compareAll (court-case-and-delius.md §4) against a local
HTTP stub of the legacy community-api.

The stub ("Legacy") answers each GET from a table of overrides (status, body, delay); any
other path is answered by asking deliusd itself over HTTP with the same Authorization
header, so the legacy API "agrees" unless a test says otherwise. It records every request
(path and headers) so the tests can see what deliusd sent upstream.

Cases of the acceptance list: (a) byte-identical JSON, (b) keys and array elements
reordered, (c) a changed value, (d) a missing field, (e) an extra field, (f) 500 with a JSON
error body, (g) a hang past the read timeout, (h) connection refused; compareAll over 50
CRNs in pages of 20; the two test cases of §4.3's test evidence; request-body validation.
"""
import copy
import http.client
import http.server
import json
import threading
import time

import pytest

import ccfixtures as fx
from conftest import COURT, TIER, Deliusd, drop_database, free_port, new_database
from seedschema import assert_schema

READ_TIMEOUT_MS = 1000


class Legacy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        self.overrides = {}   # path -> (status, body bytes, delay seconds)
        self.seen = []        # (path, {header: value})
        self.client_ports = []  # deliusd's source port of each request (connection reuse)
        self.target_port = None
        super().__init__(("127.0.0.1", 0), LegacyHandler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class LegacyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_GET(self):
        srv = self.server
        srv.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        srv.client_ports.append(self.client_address[1])
        if self.path in srv.overrides:
            status, body, delay = srv.overrides[self.path]
            if delay:
                time.sleep(delay)
        else:  # answer as deliusd does
            c = http.client.HTTPConnection("127.0.0.1", srv.target_port, timeout=30)
            c.request("GET", self.path, headers={"Authorization": self.headers.get("Authorization", "")})
            r = c.getresponse()
            status, body = r.status, r.read()
            c.close()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass


@pytest.fixture(scope="module")
def legacy():
    srv = Legacy()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()


C_NSI, NSI_FIRST = 500901, 500900  # NSI_FIRST: lowest NSI_ID, on no event = nsiId


@pytest.fixture(scope="module")
def db(module_tmp):
    database = new_database(module_tmp)
    fx.build(database)
    # an NSI on C123456's latest sentenced event (C_EVENT_OLD: the largest EVENT_ID with a disposal,
    # active or not, §4.3) and one on no event: nsiCodes/nsiId filling
    nsi = dict(OFFENDER_ID=fx.C, NSI_STATUS_ID=1, NSI_STATUS_DATE=fx.TS, REFERRAL_DATE=fx.day(-10), ACTIVE_FLAG=1,
               SOFT_DELETED=0)
    type_id, code = database.query("SELECT NSI_TYPE_ID, CODE FROM R_NSI_TYPE ORDER BY NSI_TYPE_ID")[0]
    status_id = database.scalar("SELECT NSI_STATUS_ID FROM R_NSI_STATUS ORDER BY NSI_STATUS_ID")
    nsi["NSI_STATUS_ID"] = status_id
    fx.ins(database, "NSI", NSI_ID=C_NSI, EVENT_ID=fx.C_EVENT_OLD, NSI_TYPE_ID=type_id, **nsi)
    fx.ins(database, "NSI", NSI_ID=NSI_FIRST, EVENT_ID=None, NSI_TYPE_ID=type_id, **nsi)
    database.nsi_code = code.strip()
    # §4.3 evidence 3: a limited-access person
    fx.person(database, 500950, "Y123456", CURRENT_RESTRICTION=1,
              RESTRICTION_MESSAGE="This is a restricted record. Please contact a system administrator")
    yield database
    drop_database(database)


ENV = {"DELIUSD_TODAY": fx.TODAY.isoformat(), "DELIUSD_THREADS": "4",
       "DELIUSD_COMMUNITY_API_READ_TIMEOUT_MS": str(READ_TIMEOUT_MS)}


@pytest.fixture(scope="module")
def cc(db, keys, module_tmp, legacy):
    d = Deliusd(db, keys, env=dict(ENV, DELIUSD_COMMUNITY_API_URL=legacy.url + "/"), tmpdir=module_tmp).start()
    legacy.target_port = d.port
    yield d
    d.stop()


@pytest.fixture(autouse=True)
def clean_stub(request):
    if "legacy" in request.fixturenames:
        srv = request.getfixturevalue("legacy")
        srv.overrides.clear()
        srv.seen.clear()
        srv.client_ports.clear()
    if "many" in request.fixturenames:
        _, srv = request.getfixturevalue("many")
        srv.overrides.clear()
        srv.seen.clear()
        srv.client_ports.clear()


def served_paths(d):
    return set(d.get("/v3/api-docs").json()["paths"])


def served(d, template):
    """Whether deliusd serves the catalogue template's path (cc2's routes land separately)."""
    path = template.split("?")[0].replace("{convictionId}", "{convictionId}")
    return path in served_paths(d)


def compare(d, uri, params, token=None, headers=None, status=200):
    r = d.post("/secure/compare", {"uri": uri, "params": params}, token=token or d.token([COURT]),
               headers=headers)
    assert r.status == status, r
    if status == 200:
        assert_schema(r.json(), "CompareReport", seed="001")
    return r.json()


def own(d, path):
    r = d.get(path, roles=[COURT])
    return r.status, r.body


def executed_ok(rep):
    assert rep["testExecuted"] is True, rep
    assert rep["success"] is True, rep
    assert rep["message"] == "Json is equal", rep


def executed_failed(rep):
    assert rep["testExecuted"] is True, rep
    assert rep["success"] is False, rep
    return rep["message"]


def not_executed(rep):
    assert rep["testExecuted"] is False, rep
    assert rep["success"] is False, rep
    return rep["message"]


ALL_C = "/secure/offenders/crn/C123456/all"


def reorder(v):
    """Keys in reverse order and array elements reversed, at every level."""
    if isinstance(v, dict):
        return {k: reorder(v[k]) for k in reversed(list(v))}
    if isinstance(v, list):
        return [reorder(x) for x in reversed(v)]
    return v


def nested_string(doc):
    """(parent path, parent dict, key) of the first string value inside a nested object."""
    for k, v in doc.items():
        if isinstance(v, dict):
            for k2, v2 in v.items():
                if isinstance(v2, str):
                    return k, v, k2
    raise AssertionError("no nested string in the fixture document")


# ------------------------------------------------------------------ compare

def test_a_byte_identical(cc, legacy):
    status, body = own(cc, ALL_C)
    assert status == 200
    legacy.overrides[ALL_C] = (200, body, 0)
    rep = compare(cc, "OFFENDER_DETAIL", {"crn": "C123456"})
    executed_ok(rep)
    assert rep["endPointName"] == "OFFENDER_DETAIL"
    assert rep["url"] == ALL_C
    assert [p for p, _ in legacy.seen] == [ALL_C]


def test_b_reordered_keys_and_arrays(cc, legacy):
    _, body = own(cc, ALL_C)
    doc = json.loads(body)
    shuffled = json.dumps(reorder(doc)).encode()
    assert shuffled != body
    legacy.overrides[ALL_C] = (200, shuffled, 0)
    executed_ok(compare(cc, "OFFENDER_DETAIL", {"crn": "C123456"}))


def test_c_changed_value_names_path(cc, legacy):
    _, body = own(cc, ALL_C)
    doc = json.loads(body)
    parent, obj, key = nested_string(doc)
    old = obj[key]
    obj[key] = "changed by the stub"
    doc["firstName"] = "Changed"
    legacy.overrides[ALL_C] = (200, json.dumps(doc).encode(), 0)
    msg = executed_failed(compare(cc, "OFFENDER_DETAIL", {"crn": "C123456"}))
    assert f"{parent}.{key}\nExpected: {json.dumps(old)}\n     got: \"changed by the stub\"" in msg, msg
    assert "firstName\nExpected: \"TestForename\"\n     got: \"Changed\"" in msg, msg
    assert msg.count(" ; ") == 1, msg  # exactly the two differences


def test_d_missing_field_names_path(cc, legacy):
    _, body = own(cc, ALL_C)
    doc = json.loads(body)
    parent, obj, key = nested_string(doc)
    del obj[key]
    legacy.overrides[ALL_C] = (200, json.dumps(doc).encode(), 0)
    msg = executed_failed(compare(cc, "OFFENDER_DETAIL", {"crn": "C123456"}))
    assert msg == f"{parent}\nExpected: {key}\n     but none found", msg


def test_e_extra_field_names_path(cc, legacy):
    _, body = own(cc, ALL_C)
    doc = json.loads(body)
    parent, obj, _ = nested_string(doc)
    obj["legacyOnly"] = [1, 2]
    doc["topLevelExtra"] = None
    legacy.overrides[ALL_C] = (200, json.dumps(doc).encode(), 0)
    msg = executed_failed(compare(cc, "OFFENDER_DETAIL", {"crn": "C123456"}))
    assert f"{parent}\nUnexpected: legacyOnly" in msg, msg
    assert "$\nUnexpected: topLevelExtra" in msg, msg


def test_f_upstream_500_json_body_is_compared(cc, legacy):
    legacy.overrides[ALL_C] = (500, b'{"status":500,"developerMessage":"boom"}', 0)
    msg = executed_failed(compare(cc, "OFFENDER_DETAIL", {"crn": "C123456"}))
    assert "$\nExpected: " in msg and "$\nUnexpected: developerMessage" in msg, msg
    assert "status\nExpected: 200" not in msg  # statuses are not compared, bodies are


def test_f_error_bodies_compare_equal(cc, legacy):
    """A 404 of deliusd's handler is compared as its JSON body; the legacy API's identical 404 body is equal."""
    path = "/secure/offenders/crn/A123456"
    status, body = own(cc, path)
    assert status == 404
    legacy.overrides[path] = (404, json.dumps(json.loads(body)).encode(), 0)
    executed_ok(compare(cc, "OFFENDER_SUMMARY", {"crn": "A123456"}))
    legacy.overrides[path] = (404, b'{"status":404,"developerMessage":"Offender with CRN \'A123456\' not found"}', 0)
    msg = executed_failed(compare(cc, "OFFENDER_SUMMARY", {"crn": "A123456"}))
    assert msg.startswith("developerMessage\nExpected: \"Person with crn of A123456 not found\""), msg


def test_g_hang_past_timeout_not_executed(cc, legacy):
    legacy.overrides[ALL_C] = (200, b"{}", READ_TIMEOUT_MS / 1000 + 3)
    rep = compare(cc, "OFFENDER_DETAIL", {"crn": "C123456"})
    msg = not_executed(rep)  # had deliusd waited for the stub's late "{}", this would be an executed failure
    assert msg.startswith("Community API call timed out"), msg
    assert rep["url"] == ALL_C


def test_h_connection_refused_not_executed(db, keys, tmp_path):
    port = free_port()  # nothing listens there
    d = Deliusd(db, keys, env=dict(ENV, DELIUSD_COMMUNITY_API_URL=f"http://127.0.0.1:{port}"),
                tmpdir=str(tmp_path)).start()
    try:
        rep = compare(d, "OFFENDER_SUMMARY", {"crn": "C123456"})
        msg = not_executed(rep)
        assert "could not connect" in msg, msg
        assert rep["endPointName"] == "OFFENDER_SUMMARY"
        all_rep = d.post("/secure/compareAll", {"crns": ["C123456"], "uriConfig": {"OFFENDER_SUMMARY": {}},
                                                "pageNumber": 1, "pageSize": 5}, roles=[COURT])
        assert all_rep.status == 200, all_rep
        body = all_rep.json()
        assert body["unableToBeExecuted"] == 1 and body["totalNumberOfRequests"] == 0
        assert body["endpointsRequestedButNotCovered"] == ["OFFENDER_SUMMARY"]
    finally:
        d.stop()


def test_no_upstream_configured(db, keys, tmp_path):
    d = Deliusd(db, keys, env=ENV, tmpdir=str(tmp_path)).start()
    try:
        rep = compare(d, "OFFENDER_SUMMARY", {"crn": "C123456"})
        assert rep == {"endPointName": "OFFENDER_SUMMARY", "url": "/secure/offenders/crn/C123456",
                       "message": "No comparison upstream configured", "testExecuted": False, "success": False}
    finally:
        d.stop()


def test_only_authorization_is_forwarded(cc, legacy):
    tok = cc.token([COURT])
    compare(cc, "OFFENDER_SUMMARY", {"crn": "C123456"}, token=tok,
            headers={"X-Caller-Secret": "do-not-forward", "Cookie": "a=b", "X-Request-Id": "req-1"})
    (path, headers), = legacy.seen
    assert path == "/secure/offenders/crn/C123456"
    assert headers["authorization"] == "Bearer " + tok
    assert "x-caller-secret" not in headers and "cookie" not in headers and "x-request-id" not in headers
    assert set(headers) <= {"host", "authorization", "accept", "user-agent"}, headers


def test_url_template_and_params_by_name(cc, legacy):
    base = "/secure/offenders/crn/C123456/allOffenderManagers"
    rep = compare(cc, "OFFENDER_MANAGERS", {"includeProbationAreaTeams": True, "crn": "C123456"})  # any order
    assert rep["url"] == base + "?includeProbationAreaTeams=true"
    executed_ok(rep)
    rep = compare(cc, "OFFENDER_MANAGERS", {"crn": "C123456"})  # documented default
    assert rep["url"] == base + "?includeProbationAreaTeams=false"
    executed_ok(rep)
    rep = compare(cc, "OFFENDER_MANAGERS", {"crn": "C123456", "includeProbationAreaTeams": None, "extra": 1})
    assert rep["url"] == base + "?"  # null deletes "name={name}"; extra params are ignored
    executed_ok(rep)
    rep = compare(cc, "DOCUMENTS_GROUPED", {"crn": "C123456", "type": "OFFENDER DOCUMENT"})
    assert rep["url"] == "/secure/offenders/crn/C123456/documents/grouped?type=OFFENDER%20DOCUMENT&"
    assert [p for p, _ in legacy.seen] == [base + "?includeProbationAreaTeams=true",
                                           base + "?includeProbationAreaTeams=false", base + "?", rep["url"]]


@pytest.mark.parametrize("params,missing,crn", [
    ({"crn": "?"}, "crn", "?"),
    ({"crn": ""}, "crn", ""),
    ({}, "crn", "null"),
    ({"crn": "C123456", "convictionId": "?"}, "convictionId", "C123456"),
    ({"crn": "C123456"}, "convictionId", "C123456"),
])
def test_no_data_available_is_not_executed_without_upstream_call(cc, legacy, params, missing, crn):
    rep = compare(cc, "CONVICTION_BY_ID", params)
    assert not_executed(rep) == f"No Data available for param {missing} for {crn}"
    assert rep["endPointName"] == "CONVICTION_BY_ID"
    assert legacy.seen == []


def test_nsi_codes_empty_is_no_data(cc, legacy):
    rep = compare(cc, "CONVICTION_BY_ID_NSIS", {"crn": "C123456", "convictionId": fx.C_EVENT_OLD, "nsiCodes": ""})
    assert not_executed(rep) == "No Data available for param nsiCodes for C123456"
    rep = compare(cc, "CONVICTION_BY_ID_NSIS", {"crn": "C123456", "convictionId": fx.C_EVENT_OLD})
    assert not_executed(rep) == "No Data available for param nsiCodes for C123456"
    assert legacy.seen == []


def test_handler_framework_error_is_not_executed(cc, legacy):
    """A malformed value makes deliusd's own handler fail with a framework 400: not comparable."""
    rep = compare(cc, "REGISTRATIONS", {"crn": "C123456", "activeOnly": "maybe"})
    assert rep["url"] == "/secure/offenders/crn/C123456/registrations?activeOnly=maybe"
    msg = not_executed(rep)
    assert "activeOnly" in msg and msg.endswith(" for C123456"), msg
    assert legacy.seen == []


def test_unknown_uri_is_400(cc):
    r = cc.post("/secure/compare", {"uri": "NOPE", "params": {}}, roles=[COURT])
    assert r.status == 400
    assert r.json() == {"status": 400,
                        "developerMessage": "No enum constant uk.gov.justice.digital.hmpps.api.proxy.Uri.NOPE"}
    r = cc.post("/secure/compare", {"uri": "DUMMY", "params": {"crn": "C123456"}}, roles=[COURT])
    assert r.status == 400  # test-only in the original, not served


# ------------------------------------------------------------ body checks

@pytest.mark.parametrize("path,body,needle", [
    ("/secure/compare", "not json", "not valid JSON"),
    ("/secure/compare", "", "body is missing"),
    ("/secure/compare", "[1]", "must be a JSON object"),
    ("/secure/compare", {"uri": 5, "params": {}}, "'uri' must be a string"),
    ("/secure/compare", {"uri": "OFFENDER_SUMMARY", "params": []}, "'params' must be an object"),
    ("/secure/compare", {"uri": "OFFENDER_SUMMARY"}, "'params' is required"),
    ("/secure/compare", {"params": {}}, "'uri' is required"),
    ("/secure/compare", {"uri": "OFFENDER_SUMMARY", "params": {}, "crn": "x"}, "Unknown field 'crn'"),
    ("/secure/compare", '{"uri":"OFFENDER_SUMMARY","uri":"X","params":{}}', "duplicate"),
    ("/secure/compareAll", {"uriConfig": {}, "pageNumber": 0, "pageSize": 5}, "'pageNumber' must be at least 1"),
    ("/secure/compareAll", {"uriConfig": {}, "pageNumber": -3, "pageSize": 5}, "'pageNumber' must be at least 1"),
    ("/secure/compareAll", {"uriConfig": {}, "pageNumber": "1", "pageSize": 5}, "'pageNumber' must be an integer"),
    ("/secure/compareAll", {"uriConfig": {}, "pageNumber": 1.5, "pageSize": 5}, "'pageNumber' must be an integer"),
    ("/secure/compareAll", {"uriConfig": {}, "pageNumber": 1, "pageSize": 0}, "'pageSize' must be at least 1"),
    ("/secure/compareAll", {"uriConfig": {}, "pageNumber": 1, "pageSize": 100000}, "'pageSize' must be at most"),
    ("/secure/compareAll", {"pageNumber": 1, "pageSize": 5}, "'uriConfig' is required"),
    ("/secure/compareAll", {"uriConfig": [], "pageNumber": 1, "pageSize": 5}, "'uriConfig' must be an object"),
    ("/secure/compareAll", {"uriConfig": {"OFFENDER_SUMMARY": "x"}}, "'uriConfig.OFFENDER_SUMMARY' must be an object"),
    ("/secure/compareAll", {"uriConfig": {}, "crns": "C123456"}, "'crns' must be an array"),
    ("/secure/compareAll", {"uriConfig": {}, "crns": ["C123456", 7]}, "'crns[1]' must be a string"),
    ("/secure/compareAll", {"uriConfig": {}, "page": 1}, "Unknown field 'page'"),
])
def test_bad_bodies_are_400(cc, legacy, path, body, needle):
    r = cc.post(path, body, roles=[COURT], headers={"Content-Type": "application/json"})
    assert r.status == 400, r
    b = r.json()
    assert b["status"] == 400 and needle in b["developerMessage"], b
    assert legacy.seen == []


def test_body_over_limit_is_413(cc):
    # the 413 comes after the token check and before any body byte is read, and
    # the connection is closed (issue 16): send the headers only and read it
    import socket
    tok = cc.token([COURT])
    s = socket.create_connection(("127.0.0.1", cc.port), timeout=10)
    s.sendall(("POST /secure/compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               f"Authorization: Bearer {tok}\r\nContent-Length: {(1 << 20) + 100}\r\n\r\n").encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), data[:300]
    assert json.loads(body)["status"] == 413
    # a chunked body that grows past the limit is cut off at the limit
    big = json.dumps({"uri": "OFFENDER_SUMMARY", "params": {"crn": "C123456", "pad": "x" * (1 << 20)}}).encode()
    s = socket.create_connection(("127.0.0.1", cc.port), timeout=10)
    s.sendall(("POST /secure/compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               f"Authorization: Bearer {tok}\r\nTransfer-Encoding: chunked\r\n\r\n").encode())
    data = b""
    try:
        for i in range(0, len(big), 65536):
            part = big[i:i + 65536]
            s.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        s.sendall(b"0\r\n\r\n")
    except OSError:
        pass
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    s.close()
    # the server stops reading at the limit and closes: the client sees the 413
    # or, when it was still sending, a reset
    assert data == b"" or data.startswith(b"HTTP/1.1 413"), data[:300]
    assert cc.get("/health").status == 200


@pytest.mark.parametrize("path", ["/secure/compare", "/secure/compareAll"])
def test_token_checked_before_the_body_is_read(cc, legacy, path):
    """No token: 401 after the headers alone (the announced body is never sent), no work done."""
    import socket
    s = socket.create_connection(("127.0.0.1", cc.port), timeout=10)
    s.sendall((f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 5000\r\n\r\n").encode())
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 401"), data[:300]
    assert json.loads(body)["status"] == 401
    assert legacy.seen == []


def test_auth(cc, legacy):
    body = {"uri": "OFFENDER_SUMMARY", "params": {"crn": "C123456"}}
    assert cc.post("/secure/compare", body).status == 401
    assert cc.post("/secure/compare", body, roles=[TIER]).status == 403
    assert cc.post("/secure/compareAll", {"uriConfig": {}}, roles=[TIER]).status == 403
    assert legacy.seen == []


# ------------------------------------------------------- §4.3 test evidence

TWELVE = ["OFFENDER_DETAIL", "OFFENDER_SUMMARY", "OFFENDER_MANAGERS", "CONVICTIONS", "CONVICTION_BY_ID",
          "CONVICTION_REQUIREMENTS", "CONVICTION_BY_ID_ATTENDANCES", "CONVICTION_BY_ID_PSS",
          "CONVICTION_BY_ID_COURT_APPEARANCES", "CONVICTION_BY_ID_COURT_REPORTS",
          "CONVICTION_BY_ID_LICENCE_CONDITIONS", "CONVICTION_BY_ID_SENTENCE_STATUS"]
TEMPLATE_PATH = {
    "OFFENDER_DETAIL": "/secure/offenders/crn/{crn}/all", "OFFENDER_SUMMARY": "/secure/offenders/crn/{crn}",
    "OFFENDER_MANAGERS": "/secure/offenders/crn/{crn}/allOffenderManagers",
    "CONVICTIONS": "/secure/offenders/crn/{crn}/convictions",
    "CONVICTION_BY_ID": "/secure/offenders/crn/{crn}/convictions/{convictionId}",
    "CONVICTION_REQUIREMENTS": "/secure/offenders/crn/{crn}/convictions/{convictionId}/requirements",
    "CONVICTION_BY_ID_ATTENDANCES": "/secure/offenders/crn/{crn}/convictions/{convictionId}/attendancesFilter",
    "CONVICTION_BY_ID_PSS": "/secure/offenders/crn/{crn}/convictions/{convictionId}/pssRequirements",
    "CONVICTION_BY_ID_COURT_APPEARANCES": "/secure/offenders/crn/{crn}/convictions/{convictionId}/courtAppearances",
    "CONVICTION_BY_ID_COURT_REPORTS": "/secure/offenders/crn/{crn}/convictions/{convictionId}/courtReports",
    "CONVICTION_BY_ID_LICENCE_CONDITIONS": "/secure/offenders/crn/{crn}/convictions/{convictionId}/licenceConditions",
    "CONVICTION_BY_ID_SENTENCE_STATUS": "/secure/offenders/crn/{crn}/convictions/{convictionId}/sentenceStatus",
    "CONVICTION_BY_ID_NSIS": "/secure/offenders/crn/{crn}/convictions/{convictionId}/nsis",
    "CONVICTION_BY_NSIS_ID": "/secure/offenders/crn/{crn}/convictions/{convictionId}/nsis/{nsiId}",
    "REGISTRATIONS": "/secure/offenders/crn/{crn}/registrations",
}


def is_served(d, name):
    paths = served_paths(d)
    return TEMPLATE_PATH[name] in paths or TEMPLATE_PATH[name].replace("/secure/offenders/crn/", "/probation-case/") in paths


def compare_all(d, body, status=200):
    r = d.post("/secure/compareAll", body, roles=[COURT])
    assert r.status == status, r
    if status == 200:
        assert_schema(r.json(), "CompareAllReport", seed="001")
        assert all(isinstance(x, str) for x in r.json()["endpointsCovered"] + r.json()["endpointsRequestedButNotCovered"])
    return r.json()


def test_evidence_1_two_crns_twelve_endpoints(cc, legacy):
    cfg = {name: ({"convictionId": "?"} if "CONVICTION_" in name else {}) for name in TWELVE}
    cfg["OFFENDER_MANAGERS"] = {"includeProbationAreaTeams": "true"}
    cfg["CONVICTIONS"] = {"activeOnly": "false"}
    cfg["CONVICTION_REQUIREMENTS"] = {"convictionId": "?", "activeOnly": "true", "excludeSoftDeleted": "true"}
    # every Uri of the evidence is served since the conviction routes landed (issue 11): all 12 run
    assert [n for n in TWELVE if not is_served(cc, n)] == []
    rep = compare_all(cc, {"crns": ["C123456", "P123456"], "uriConfig": cfg, "pageNumber": 1, "pageSize": 1})
    assert rep["totalNumberOfCrns"] == 2 and rep["totalPages"] == 2 and rep["currentPageNumber"] == 1
    assert rep["totalNumberOfRequests"] == 12, rep
    assert rep["numberOfSuccessfulRequests"] == 12, rep
    assert rep["unableToBeExecuted"] == 0
    assert rep["numberOfUnsuccessfulRequests"] == 0
    assert rep["failureReports"] == []
    # the page's person is C123456 (lowest OFFENDER_ID); convictionId = its largest EVENT_ID with a
    # disposal (the inactive older event, created after the current one; the soft-deleted one is ignored)
    conv = [p for p, _ in legacy.seen if "/convictions/" in p]
    assert all(p.startswith(f"/secure/offenders/crn/C123456/convictions/{fx.C_EVENT_OLD}") for p in conv), conv
    assert len(conv) == sum(1 for n in TWELVE if n.startswith("CONVICTION_"))
    assert rep["endpointsCovered"] == [f"{n} covered 1 times" for n in TWELVE]
    assert rep["endpointsRequestedButNotCovered"] == []


def test_evidence_2_no_sentenced_event_unable_to_execute(cc, legacy):
    cfg = {"OFFENDER_DETAIL": {}, "OFFENDER_SUMMARY": {}, "CONVICTION_BY_ID": {"convictionId": "?"},
           "CONVICTION_BY_ID_PSS": {"convictionId": "?"}, "CONVICTION_BY_ID_COURT_REPORTS": {"convictionId": "?"},
           "CONVICTION_BY_ID_SENTENCE_STATUS": {"convictionId": "?"}}
    rep = compare_all(cc, {"crns": ["C123456", "U123456"], "uriConfig": cfg, "pageNumber": 2, "pageSize": 1})
    assert rep["totalNumberOfCrns"] == 2 and rep["currentPageNumber"] == 2 and rep["totalPages"] == 2
    assert rep["totalNumberOfRequests"] == 2, rep
    assert rep["numberOfSuccessfulRequests"] == 2
    assert rep["unableToBeExecuted"] == 4
    assert rep["numberOfUnsuccessfulRequests"] == 4
    msgs = sorted(f["message"] for f in rep["failureReports"])
    assert msgs == ["No Data available for param convictionId for U123456"] * 4, msgs
    assert rep["endpointsCovered"] == ["OFFENDER_DETAIL covered 1 times", "OFFENDER_SUMMARY covered 1 times"]
    assert rep["endpointsRequestedButNotCovered"] == ["CONVICTION_BY_ID", "CONVICTION_BY_ID_PSS",
                                                      "CONVICTION_BY_ID_COURT_REPORTS",
                                                      "CONVICTION_BY_ID_SENTENCE_STATUS"]
    assert sorted(p for p, _ in legacy.seen) == ["/secure/offenders/crn/U123456", "/secure/offenders/crn/U123456/all"]


# GET_offender_all_Y123456.json of the original's simulations
LAO_BODY = b'{"status":403,"developerMessage":"This is a restricted record. Please contact a system administrator"}'


def test_evidence_3_lao_403_body_compared(cc, db, keys, tmp_path, legacy):
    d = Deliusd(db, keys, env=dict(ENV, DELIUSD_COMMUNITY_API_URL=legacy.url, DELIUSD_LAO_IGNORE_RESTRICTIONS="false"),
                tmpdir=str(tmp_path)).start()
    legacy.target_port = d.port
    try:
        assert d.get("/secure/offenders/crn/Y123456/all", roles=[COURT]).status == 403
        legacy.overrides["/secure/offenders/crn/Y123456/all"] = (403, LAO_BODY, 0)
        rep = compare_all(d, {"crns": ["Y123456"], "uriConfig": {"OFFENDER_DETAIL": {}}, "pageNumber": 1,
                              "pageSize": 1})
        assert rep["totalNumberOfRequests"] == 1 and rep["numberOfSuccessfulRequests"] == 1, rep
        assert rep["failureReports"] == [] and rep["endpointsCovered"] == ["OFFENDER_DETAIL covered 1 times"]
        # the legacy API saying something else about the same record is a difference in the body
        legacy.overrides["/secure/offenders/crn/Y123456/all"] = (403, b'{"status":403,"developerMessage":"No"}', 0)
        msg = executed_failed(compare(d, "OFFENDER_DETAIL", {"crn": "Y123456"}))
        assert msg.startswith("developerMessage\nExpected: \"This is a restricted record."), msg
    finally:
        legacy.target_port = cc.port
        d.stop()


def test_compare_all_fills_nsi_params_and_reports_unknown_uri(cc, legacy):
    cfg = {"CONVICTION_BY_ID_NSIS": {"convictionId": "?", "nsiCodes": "?"},
           "CONVICTION_BY_NSIS_ID": {"convictionId": "?", "nsiId": "?"},
           "NOT_A_URI": {}}
    rep = compare_all(cc, {"crns": ["C123456", "C123456", "S123456", "X999999"], "uriConfig": cfg,
                           "pageNumber": 1, "pageSize": 10})
    assert rep["totalNumberOfCrns"] == 1  # duplicates collapse; soft-deleted and unknown CRNs drop out
    unknown = [f for f in rep["failureReports"] if f["endPointName"] == "NOT_A_URI"]
    assert unknown == [{"endPointName": "NOT_A_URI", "message": "Unknown uri NOT_A_URI", "testExecuted": False,
                        "success": False}]
    paths = {p for p, _ in legacy.seen}
    nsis = f"/secure/offenders/crn/C123456/convictions/{fx.C_EVENT_OLD}/nsis?nsiCodes={cc.db.nsi_code}"
    by_id = f"/secure/offenders/crn/C123456/convictions/{fx.C_EVENT_OLD}/nsis/{NSI_FIRST}"
    for name, path in (("CONVICTION_BY_ID_NSIS", nsis), ("CONVICTION_BY_NSIS_ID", by_id)):
        assert is_served(cc, name), name
        assert path in paths, (path, paths)


# ------------------------------------------------------- 50 CRNs, pages of 20

@pytest.fixture(scope="module")
def many(keys, module_tmp, legacy):
    database = new_database(module_tmp)
    # T000001..T000050 inserted in reverse CRN order: pages follow OFFENDER_ID, not CRN
    for i in range(1, 51):
        oid = 600000 + i
        fx.person(database, oid, f"T{51 - i:06d}")
        if i % 5:  # every fifth person has an event without a sentence
            fx.event(database, 610000 + i, oid, 1)
            fx.disposal(database, 620000 + i, 610000 + i)
            fx.event(database, 630000 + i, oid, 2)  # a later event without a disposal: not the convictionId
        else:
            fx.event(database, 610000 + i, oid, 1)
    fx.person(database, 600099, "T999999", SOFT_DELETED=1)
    legacy2 = Legacy()
    threading.Thread(target=legacy2.serve_forever, daemon=True).start()
    d = Deliusd(database, keys, env=dict(ENV, DELIUSD_COMMUNITY_API_URL=legacy2.url), tmpdir=module_tmp).start()
    legacy2.target_port = d.port
    yield d, legacy2
    d.stop()
    legacy2.shutdown()
    drop_database(database)


def test_compare_all_pages_of_50(many):
    d, stub = many
    # the legacy API disagrees about one person's summary
    changed = "T000042"  # OFFENDER_ID 600009: on page 1
    stub.overrides[f"/secure/offenders/crn/{changed}"] = (200, json.dumps({"crn": changed}).encode(), 0)
    cfg = {"OFFENDER_SUMMARY": {}, "CONVICTION_BY_ID": {"convictionId": "?"}}
    assert is_served(d, "CONVICTION_BY_ID")
    seen_crns = []
    for page, size in ((1, 20), (2, 20), (3, 10)):
        stub.seen.clear()
        stub.client_ports.clear()
        rep = compare_all(d, {"uriConfig": cfg, "pageNumber": page, "pageSize": 20})
        assert rep["totalNumberOfCrns"] == 50 and rep["totalPages"] == 3 and rep["currentPageNumber"] == page
        people = range((page - 1) * 20 + 1, (page - 1) * 20 + size + 1)  # insertion index i
        no_sentence = sum(1 for i in people if i % 5 == 0)
        with_sentence = size - no_sentence
        conv_executed = with_sentence
        diff = 1 if page == 1 else 0
        assert rep["totalNumberOfRequests"] == size + conv_executed, rep
        assert rep["numberOfSuccessfulRequests"] == size + conv_executed - diff, rep
        assert rep["unableToBeExecuted"] == 2 * size - size - conv_executed
        assert rep["numberOfUnsuccessfulRequests"] == rep["unableToBeExecuted"] + diff
        assert len(rep["failureReports"]) == rep["numberOfUnsuccessfulRequests"]
        no_data = [f for f in rep["failureReports"] if f["message"].startswith("No Data available")]
        assert len(no_data) == no_sentence
        assert all(f["endPointName"] == "CONVICTION_BY_ID" and f["testExecuted"] is False for f in no_data)
        if diff:
            bad, = [f for f in rep["failureReports"] if f["testExecuted"]]
            assert bad["endPointName"] == "OFFENDER_SUMMARY" and bad["url"] == f"/secure/offenders/crn/{changed}"
            assert "$\nExpected: firstName\n     but none found" in bad["message"]
        expected_cov = [f"OFFENDER_SUMMARY covered {size} times"]
        if conv_executed:
            expected_cov.append(f"CONVICTION_BY_ID covered {conv_executed} times")
        assert rep["endpointsCovered"] == expected_cov
        assert rep["endpointsRequestedButNotCovered"] == ([] if conv_executed else ["CONVICTION_BY_ID"])
        summaries = [p.rsplit("/", 1)[1] for p, _ in stub.seen if p.count("/") == 4]
        assert summaries == [f"T{51 - i:06d}" for i in people]  # OFFENDER_ID order, one call each
        assert len(set(stub.client_ports)) == 1, stub.client_ports  # one connection for the whole compareAll
        seen_crns += summaries
    assert len(set(seen_crns)) == 50 and "T999999" not in seen_crns
    # beyond the last page: no people, still the totals
    rep = compare_all(d, {"uriConfig": cfg, "pageNumber": 4, "pageSize": 20})
    assert rep["totalNumberOfCrns"] == 50 and rep["totalNumberOfRequests"] == 0 and rep["failureReports"] == []
    assert rep["endpointsRequestedButNotCovered"] == ["OFFENDER_SUMMARY", "CONVICTION_BY_ID"]


def test_compare_all_defaults(many):
    d, _ = many
    rep = compare_all(d, {"uriConfig": {"OFFENDER_SUMMARY": {}}})
    assert rep["currentPageNumber"] == 1 and rep["totalPages"] == 5  # pageSize 10
    assert rep["totalNumberOfRequests"] == 10


# ------------------------------------------------- bounded waits in one request

def test_compare_all_skips_upstream_after_three_failures(many):
    d, stub = many
    crns = [f"T{n:06d}" for n in range(1, 6)]
    for crn in crns:
        stub.overrides[f"/secure/offenders/crn/{crn}"] = (200, b"{}", READ_TIMEOUT_MS / 1000 + 3)
    rep = compare_all(d, {"crns": crns, "uriConfig": {"OFFENDER_SUMMARY": {}}, "pageNumber": 1, "pageSize": 10})
    assert rep["unableToBeExecuted"] == 5 and rep["totalNumberOfRequests"] == 0
    msgs = [f["message"] for f in rep["failureReports"]]
    assert sum(m.startswith("Community API call timed out") for m in msgs) == 3, msgs
    assert sum(m.startswith("Community API call skipped after 3 consecutive failures") for m in msgs) == 2, msgs
    assert len(stub.seen) == 3  # the last two never reached the stub


def test_compare_all_time_limit(many, tmp_path):
    d, stub = many
    slow = Deliusd(d.db, d.keys, env=dict(ENV, DELIUSD_COMMUNITY_API_URL=stub.url,
                                          DELIUSD_COMPARE_ALL_TIMEOUT_MS="1000"), tmpdir=str(tmp_path)).start()
    try:
        crns = [f"T{n:06d}" for n in range(1, 6)]
        for crn in crns:  # slow but within the read timeout
            stub.overrides[f"/secure/offenders/crn/{crn}"] = (200, json.dumps({"crn": crn}).encode(), 0.6)
        rep = compare_all(slow, {"crns": crns, "uriConfig": {"OFFENDER_SUMMARY": {}}, "pageSize": 10})
        assert rep["totalNumberOfRequests"] == 2, rep  # started at ~0 s and ~0.6 s; the third would start at ~1.2 s
        not_run = [f for f in rep["failureReports"] if not f["testExecuted"]]
        assert len(not_run) == 3 and rep["unableToBeExecuted"] == 3
        assert all(f["message"] == "Not run: the compareAll time limit of 1000 ms was reached" for f in not_run)
    finally:
        slow.stop()


def test_compare_all_fixed_query_count(many, tmp_path):
    """Count, page, latest sentenced events and NSIs of the page: 4 statements whatever the page size
    (no upstream configured, so no in-process handler adds its own)."""
    d, _ = many
    # one worker: X-Query-Count is the cumulative count of its connection, so a request's own
    # count is the difference from the previous answer's
    q = Deliusd(d.db, d.keys, env=dict(ENV, DELIUSD_DEBUG_QUERY_COUNT="true", DELIUSD_THREADS="1"),
                tmpdir=str(tmp_path)).start()
    try:
        counts = []
        r = q.post("/secure/compareAll", {"uriConfig": {}}, roles=[COURT])
        assert r.status == 200, r
        before = int(r.headers["x-query-count"])
        for body in ({"uriConfig": {"OFFENDER_SUMMARY": {}, "CONVICTION_BY_ID_NSIS": {"convictionId": "?",
                                                                                      "nsiCodes": "?"}},
                      "pageNumber": 1, "pageSize": 1},
                     {"uriConfig": {"OFFENDER_SUMMARY": {}}, "pageNumber": 2, "pageSize": 20},
                     {"uriConfig": {"OFFENDER_SUMMARY": {}}, "crns": [f"T{n:06d}" for n in range(1, 40)],
                      "pageNumber": 1, "pageSize": 30}):
            r = q.post("/secure/compareAll", body, roles=[COURT])
            assert r.status == 200, r
            rep = r.json()
            assert rep["totalNumberOfRequests"] == 0 and rep["unableToBeExecuted"] > 0
            assert all(f["message"] in ("No comparison upstream configured",)
                       or f["message"].startswith("No Data available") for f in rep["failureReports"])
            counts.append(int(r.headers["x-query-count"]) - before)
            before = int(r.headers["x-query-count"])
        assert counts == [4, 4, 4], counts
    finally:
        q.stop()
