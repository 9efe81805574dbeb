"""
Shared by the event-handler tests (test_events_*.py): local HTTP stubs of the
services outside deliusd (Tier API, assessment API, court-case notes, the OAuth
token issuer, a remote Alfresco-compatible document store), fixture rows for a
case, publishing through the real queue (`deliusd publish`) and waiting for the
worker inside `deliusd serve` to finish with it.
"""
import datetime
import email.parser
import email.policy
import http.server
import json
import os
import threading
import time
import uuid
from zoneinfo import ZoneInfo

import pytest

from conftest import run

LONDON = ZoneInfo("Europe/London")
PDF_SAMPLE = b"%PDF-1.4\n% deliusd test\n%%EOF\n"


def require_transport():
    """Skips the module while the binary has no `deliusd publish` (the queue transport)."""
    if run(["publish", "--help"], check=False).returncode != 0:
        pytest.skip("the message transport (deliusd publish) is not in this build", allow_module_level=True)


# --------------------------------------------------------------------- stubs

class Stub:
    """A local HTTP server. route(method, path, *responses): each request takes the
    next response (status, body[, content_type]); the last one repeats. Every request
    is recorded as (method, path, headers, body)."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.uploads = []
        self.lock = threading.Lock()
        self.token_count = 0
        stub = self

        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _handle(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                with stub.lock:
                    stub.requests.append((self.command, self.path, dict(self.headers), body))
                    if self.command == "POST" and self.path == "/oauth/token":
                        stub.token_count += 1
                        out = (200, json.dumps({"access_token": f"tok-{stub.token_count}", "token_type": "bearer",
                                                "expires_in": 3600}), "application/json")
                    elif self.command == "POST" and self.path.endswith("/uploadnew"):
                        stub.uploads.append((dict(self.headers), parse_multipart(self.headers, body)))
                        out = (200, json.dumps({"ID": f"alfresco-{len(stub.uploads)}"}), "application/json")
                    else:
                        seq = stub.routes.get((self.command, self.path.split("?")[0]))
                        if not seq:
                            out = (404, json.dumps({"status": 404}), "application/json")
                        else:
                            out = seq.pop(0) if len(seq) > 1 else seq[0]
                status, payload = out[0], out[1]
                ctype = out[2] if len(out) > 2 else "application/json"
                data = payload if isinstance(payload, bytes) else payload.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _handle

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def route(self, method, path, *responses):
        with self.lock:
            self.routes[(method, path)] = [r if isinstance(r, tuple) else (200, r) for r in responses]

    def calls(self, path):
        with self.lock:
            return [r for r in self.requests if r[1].split("?")[0] == path]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def parse_multipart(headers, body):
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + headers["Content-Type"].encode() + b"\r\n\r\n" + body)
    parts = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        parts[name] = {"filename": part.get_filename(), "content_type": part.get_content_type(),
                       "data": part.get_payload(decode=True)}
    return parts


def consumer_env(stub, **extra):
    """deliusd settings for a server whose consumers talk to the stub."""
    env = {"DELIUSD_OAUTH_TOKEN_URL": stub.url + "/oauth/token", "DELIUSD_OAUTH_CLIENT_ID": "deliusd",
           "DELIUSD_OAUTH_CLIENT_SECRET": "secret", "DELIUSD_QUEUE_POLL_MS": "20",
           "DELIUSD_QUEUE_RETRY_DELAY_MS": "50", "DELIUSD_QUEUE_VISIBILITY_S": "30"}
    env.update(extra)
    return env


# ------------------------------------------------------------------- events

def domain_event(event_type, crn, detail_url=None, occurred_at=None, info=None, version=1):
    e = {"eventType": event_type, "version": version, "description": "test",
         "occurredAt": occurred_at or datetime.datetime.now(LONDON).isoformat(),
         "additionalInformation": info or {},
         "personReference": {"identifiers": [{"type": "CRN", "value": crn}] if crn else []}}
    if detail_url is not None:
        e["detailUrl"] = detail_url
    return e


def notification(event):
    """The SNS envelope (platform.md §7.2)."""
    return {"Type": "Notification", "MessageId": str(uuid.uuid4()),
            "TopicArn": "arn:aws:sns:eu-west-2:000000000000:hmpps-domain", "Message": json.dumps(event),
            "Timestamp": datetime.datetime.utcnow().isoformat() + "Z",
            "MessageAttributes": {"eventType": {"Type": "String", "Value": event["eventType"]}}}


def publish(d, event, queue=None):
    """`deliusd publish [--queue Q] -` of an SNS notification around the event."""
    args = ["publish"] + (["--queue", queue] if queue else []) + ["-"]
    import subprocess
    from conftest import BIN
    e = dict(os.environ)
    e["DELIUSD_DATABASE"] = d.db.url
    p = subprocess.run([BIN] + args, input=json.dumps(notification(event)), env=e, capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    return p


def wait_idle(d, queue, timeout=30):
    """Waits until the queue holds no message (all acknowledged or dead-lettered)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if d.db.scalar("SELECT COUNT(*) FROM DELIUSD_QUEUE_MESSAGE WHERE QUEUE = ?", (queue,)) == 0:
            return
        time.sleep(0.05)
    raise AssertionError("queue not drained: " + repr(d.db.query(
        "SELECT RECEIVE_COUNT, LAST_ERROR FROM DELIUSD_QUEUE_MESSAGE WHERE QUEUE = ?", (queue,))))


def wait_dead_letter(d, queue, marker, timeout=30):
    """Waits until the message whose body contains marker is dead-lettered (after
    DELIUSD_QUEUE_MAX_RECEIVES receives); returns its LAST_ERROR."""
    deadline = time.time() + timeout
    like = "%" + marker + "%"
    while time.time() < deadline:
        got = d.db.query("SELECT LAST_ERROR FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ? AND BODY LIKE ?", (queue, like))
        if got:
            return got[0][0] or ""
        time.sleep(0.05)
    raise AssertionError("message not dead-lettered: " + repr(d.db.query(
        "SELECT RECEIVE_COUNT, LAST_ERROR FROM DELIUSD_QUEUE_MESSAGE WHERE QUEUE = ?", (queue,))))


def dead_letters(d, queue, marker):
    return d.db.scalar("SELECT COUNT(*) FROM DELIUSD_DEAD_LETTER WHERE QUEUE = ? AND BODY LIKE ?",
                       (queue, "%" + marker + "%"))


def events_logged(d, name):
    """Telemetry lines {"event": name, "properties": {...}} in the server log."""
    out = []
    for line in d.log_text().splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("message") == "telemetry" and o.get("event") == name:
            out.append(o.get("properties", {}))
    return out


def london_now():
    return datetime.datetime.now(LONDON)


# ------------------------------------------------------------------ fixtures

def make_case(db, n, crn, first="Test", surname="Person", tier=None, area=1, manager=True, deleted=0,
              staff=1, team=1):
    """OFFENDER n*1000 with an active offender manager in PROBATION_AREA area (N07 = 1),
    staff/team STAFF 1 / TEAM 1 (migration 0002). Returns the offender id."""
    oid = n * 1000
    ts = "2020-01-01T00:00:00"
    db.sql("INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID, CURRENT_TIER,"
           " CURRENT_DISPOSAL, CURRENT_EXCLUSION, CURRENT_RESTRICTION, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION,"
           " CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME)"
           " VALUES (?, ?, ?, ?, '1980-01-01', 4001, ?, 0, 0, 0, 0, ?, 0, 1, ?, 1, ?)",
           (oid, crn, first, surname, tier, deleted, ts, ts))
    if manager:
        db.sql("INSERT INTO OFFENDER_MANAGER (OFFENDER_MANAGER_ID, OFFENDER_ID, ALLOCATION_STAFF_ID, TEAM_ID,"
               " PROBATION_AREA_ID, STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG, PARTITION_AREA_ID, ALLOCATION_REASON_ID,"
               " ALLOCATION_DATE, ACTIVE_FLAG, SOFT_DELETED) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 24001, ?, 1, 0)",
               (oid + 1, oid, staff, team, area, staff, ts))
    return oid


def make_event(db, offender_id, event_id, number="1", active=1, deleted=0):
    ts = "2020-01-01T00:00:00"
    db.sql("INSERT INTO EVENT (EVENT_ID, OFFENDER_ID, EVENT_NUMBER, REFERRAL_DATE, IN_BREACH, FTC_COUNT, ACTIVE_FLAG,"
           " SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID,"
           " LAST_UPDATED_DATETIME) VALUES (?, ?, ?, '2020-01-01', 0, 0, ?, ?, 0, 1, ?, 1, ?)",
           (event_id, offender_id, number, active, deleted, ts, ts))


def rows(db, sql, params=()):
    return [tuple(r) for r in db.query(sql, params)]
