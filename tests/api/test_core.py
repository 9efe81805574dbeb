"""
Foundation acceptance tests: health/info, routing errors, limits, tokens and
roles, readiness against the database, graceful shutdown during a stream.
Every test talks to the real binary over loopback HTTP.
"""
import base64
import hashlib
import hmac
import json
import os
import pwd
import re
import signal
import socket
import stat
import time

import pytest

from conftest import ADMIN, BACKEND, COURT, TIER, TIER_LEGACY, UPW, make_token

PROTECTED = "/person/Z999999"  # needs the tier role; 404 once authorised


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(header, payload, signature=b""):
    h = b64url(json.dumps(header).encode())
    p = b64url(json.dumps(payload).encode())
    return f"{h}.{p}.{b64url(signature)}"


def claims(**extra):
    now = int(time.time())
    c = {"sub": "test-user", "authorities": [ADMIN], "iat": now, "exp": now + 600}
    c.update(extra)
    return c


# ------------------------------------------------------------- health, info

def test_health_up(deliusd):
    r = deliusd.get("/health")
    assert r.status == 200
    assert r.json() == {"status": "UP", "components": {"db": {"status": "UP"}}}
    assert r.headers["content-type"] == "application/json"


def test_liveness_readiness_info(deliusd):
    assert deliusd.get("/health/liveness").json() == {"status": "UP"}
    assert deliusd.get("/health/readiness").json() == {"status": "UP"}
    info = deliusd.get("/info").json()
    assert info["build"]["name"] == "deliusd"
    assert re.match(r"^\d+\.\d+\.\d+", info["build"]["version"])


def test_request_id_echoed_or_generated(deliusd):
    r = deliusd.get("/health", headers={"X-Request-Id": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r2 = deliusd.get("/health")
    assert re.match(r"^[0-9a-f-]{36}$", r2.headers["x-request-id"])
    # an id with unsafe characters is replaced, not echoed
    r3 = deliusd.get("/health", headers={"X-Request-Id": "bad id\"}"})
    assert r3.headers["x-request-id"] != "bad id\"}"


def test_access_log_is_json_without_personal_data(deliusd):
    deliusd.get(PROTECTED, roles=[TIER], headers={"X-Request-Id": "log-check-1"})
    time.sleep(0.1)
    lines = [json.loads(l) for l in deliusd.log_text().splitlines() if l.startswith("{")]
    mine = [l for l in lines if l.get("requestId") == "log-check-1" and l.get("message") == "request"]
    assert mine, "no access log line for the request"
    line = mine[-1]
    assert line["method"] == "GET" and line["path"] == "/person/{crn}" and line["status"] == 404
    assert {"time", "level", "message", "requestId", "durationMs"} <= set(line)


def test_metrics_count_requests(deliusd):
    deliusd.get("/health/liveness")
    text = deliusd.get("/metrics").text
    assert re.search(r'deliusd_http_requests_total\{route="/health/liveness",status="2xx"\} \d+', text)
    assert "deliusd_http_request_duration_seconds_bucket" in text


def test_openapi_generated_from_route_table(deliusd):
    doc = deliusd.get("/v3/api-docs").json()
    assert doc["openapi"].startswith("3.")
    assert "/tier-details/{crn}" in doc["paths"]
    assert TIER in doc["paths"]["/tier-details/{crn}"]["get"]["x-roles"]


# ----------------------------------------------------------- routing errors

def framework_error(r, status):
    assert r.status == status, r
    body = r.json()
    assert body["status"] == status
    assert {"timestamp", "status", "error", "path"} <= set(body)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$", body["timestamp"])
    return body


def test_unknown_path_404(deliusd):
    body = framework_error(deliusd.get("/no/such/path"), 404)
    assert body["path"] == "/no/such/path" and body["error"] == "Not Found"


def test_wrong_method_405(deliusd):
    r = deliusd.request("DELETE", "/health")
    body = framework_error(r, 405)
    assert r.headers["allow"] == "GET"
    assert "DELETE" in body["message"]


def test_bad_path_integer_400_names_the_variable(deliusd):
    r = deliusd.get("/case-data/X123456/not-a-number", roles=[UPW])
    body = framework_error(r, 400)
    assert "eventId" in body["message"] and "not-a-number" in body["message"]


def test_oversized_url_414(deliusd):
    r = deliusd.get("/person/" + "A" * 9000, roles=[TIER])
    framework_error(r, 414)


def test_oversized_header_431(deliusd):
    r = deliusd.get("/health", headers={"X-Big": "x" * 20000})
    framework_error(r, 431)


def test_header_beyond_connection_memory_gets_4xx_and_server_survives(deliusd):
    s = socket.create_connection(("127.0.0.1", deliusd.port), timeout=10)
    s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Huge: " + b"y" * 300000 + b"\r\n\r\n")
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    s.close()
    if data:
        assert re.match(rb"HTTP/1\.[01] 4\d\d", data), data[:200]
    assert deliusd.get("/health").status == 200


def raw_exchange(port, data, timeout=10):
    """Sends raw bytes, returns everything the server sends until it closes (or the timeout)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except (ConnectionResetError, socket.timeout, BrokenPipeError):
        pass
    finally:
        s.close()
    return out


def test_oversized_body_413(deliusd):
    # the 413 comes straight after the headers: the body is never read (issue 16)
    for method, status in [(b"GET", 413), (b"POST", 405)]:
        data = raw_exchange(deliusd.port, method + b" /health HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                            b"\r\nContent-Length: 2097152\r\n\r\n")
        head, _, body = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 %d" % status), data[:300]
        assert b"connection: close" in head.lower()
        assert json.loads(body)["status"] == status
    assert deliusd.get("/health").status == 200


def test_garbage_request_line_does_not_crash(deliusd):
    for raw in [b"\x00\x01\x02\r\n\r\n", b"GET\r\n\r\n", b"GET /health HTTP/9.9\r\n\r\n",
                b"GET /%ZZ%00 HTTP/1.1\r\nHost: x\r\n\r\n"]:
        s = socket.create_connection(("127.0.0.1", deliusd.port), timeout=5)
        s.sendall(raw)
        try:
            s.recv(4096)
        except (ConnectionResetError, socket.timeout):
            pass
        s.close()
    assert deliusd.get("/health").status == 200


# ---------------------------------------------------------- tokens and roles

def assert_401(r, invalid_token=True):
    assert r.status == 401, r
    assert r.json() == {"status": 401, "message": "Unauthorized"}
    www = r.headers["www-authenticate"]
    assert www.startswith("Bearer")
    if invalid_token:
        assert 'error="invalid_token"' in www


def test_token_with_role_accepted(deliusd):
    r = deliusd.get(PROTECTED, roles=[TIER])
    assert r.status == 404, r  # authorised; the person does not exist


def test_legacy_and_admin_roles_accepted(deliusd):
    assert deliusd.get(PROTECTED, roles=[TIER_LEGACY]).status == 404
    assert deliusd.get(PROTECTED, roles=[ADMIN]).status == 404


def test_admin_role_passes_every_protected_route(deliusd):
    doc = deliusd.get("/v3/api-docs").json()
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if "x-roles" not in op:
                continue
            concrete = re.sub(r"\{eventId\}|\{convictionId\}|\{nsiId\}|\{documentId\}", "1", path)
            concrete = re.sub(r"\{[^}]+\}", "Z999999", concrete)
            r = deliusd.request(method.upper(), concrete, roles=[ADMIN], body={} if method == "post" else None)
            assert r.status not in (401, 403), (path, r)
            r = deliusd.request(method.upper(), concrete, roles=[], body={} if method == "post" else None)
            assert r.status == 403, (path, r)


def test_no_token_401(deliusd):
    assert_401(deliusd.get(PROTECTED), invalid_token=False)
    assert_401(deliusd.get(PROTECTED, headers={"Authorization": "Basic abc"}), invalid_token=False)


def test_valid_token_without_role_403(deliusd):
    r = deliusd.get(PROTECTED, roles=[COURT])
    assert r.status == 403
    assert r.json() == {"status": 403, "message": "Access Denied"}


def test_token_signed_by_another_key_401(deliusd, keys):
    t = make_token(keys, [TIER], key=keys["other_private"])
    assert_401(deliusd.get(PROTECTED, token=t))


def test_expired_token_401(deliusd, keys):
    t = make_token(keys, [TIER], ttl=-120)
    assert_401(deliusd.get(PROTECTED, token=t))


def test_token_within_leeway_accepted(deliusd, keys):
    t = make_token(keys, [TIER], ttl=-30)  # expired 30 s ago: inside the 60 s leeway
    assert deliusd.get(PROTECTED, token=t).status == 404


def test_alg_none_401(deliusd):
    t = forge({"alg": "none", "typ": "JWT"}, claims())
    assert_401(deliusd.get(PROTECTED, token=t))
    assert_401(deliusd.get(PROTECTED, token=t[:-1]))  # without the trailing dot


def test_hs256_with_public_key_as_secret_401(deliusd, keys):
    secret = open(keys["public"], "rb").read()
    h = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    p = b64url(json.dumps(claims()).encode())
    sig = hmac.new(secret, f"{h}.{p}".encode(), hashlib.sha256).digest()
    assert_401(deliusd.get(PROTECTED, token=f"{h}.{p}.{b64url(sig)}"))


def test_tampered_payload_401(deliusd, keys):
    t = make_token(keys, [COURT])
    h, p, s = t.split(".")
    payload = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
    payload["authorities"] = [ADMIN]
    assert_401(deliusd.get(PROTECTED, token=f"{h}.{b64url(json.dumps(payload).encode())}.{s}"))


def test_garbage_tokens_401(deliusd):
    for t in ["x", "a.b", "a.b.c", "....", "é.é.é", "A" * 9000]:
        assert_401(deliusd.get(PROTECTED, token=t))


def test_wrong_issuer_401_when_configured(start_deliusd, keys):
    d = start_deliusd(env={"DELIUSD_JWT_ISSUER": "https://issuer.example/auth"})
    good = make_token(keys, [TIER], issuer="https://issuer.example/auth")
    bad = make_token(keys, [TIER], issuer="https://evil.example/auth")
    none = make_token(keys, [TIER])
    assert d.get(PROTECTED, token=good).status == 404
    assert_401(d.get(PROTECTED, token=bad))
    assert_401(d.get(PROTECTED, token=none))


# ---------------------------------------------------------------- readiness

@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite file permissions; PostgreSQL outage has its own test")
def test_readiness_follows_database_file(start_deliusd, keys):
    import shutil
    import tempfile
    from conftest import drop_database, new_database
    env = {}
    preexec = None
    shared = tempfile.mkdtemp(prefix="deliusd-ready-", dir="/tmp")
    os.chmod(shared, 0o777)
    db = new_database(shared)
    if os.geteuid() == 0:
        # root reads any file: run the server as an unprivileged user so that
        # chmod 000 really makes the database unreadable
        nobody = pwd.getpwnam("nobody")
        pub = os.path.join(shared, "key.pub.pem")
        shutil.copy(keys["public"], pub)
        env["DELIUSD_JWT_PUBLIC_KEY_FILE"] = pub
        for f in os.listdir(shared):
            os.chown(os.path.join(shared, f), nobody.pw_uid, nobody.pw_gid)

        def preexec():
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
    try:
        _readiness_cycle(start_deliusd, db, env, preexec)
    finally:
        drop_database(db)
        shutil.rmtree(shared, ignore_errors=True)


def _readiness_cycle(start_deliusd, db, env, preexec):
    server = start_deliusd(env=env, db=db, preexec_fn=preexec)
    assert server.get("/health/readiness").status == 200
    mode = os.stat(db.path).st_mode
    os.chmod(db.path, 0)
    try:
        r = server.get("/health/readiness")
        assert r.status == 503 and r.json() == {"status": "DOWN"}
        h = server.get("/health")
        assert h.status == 503 and h.json()["components"]["db"]["status"] == "DOWN"
    finally:
        os.chmod(db.path, stat.S_IMODE(mode))
    assert server.get("/health/readiness").status == 200
    assert server.get("/health").json() == {"status": "UP", "components": {"db": {"status": "UP"}}}


# -------------------------------------------------------- graceful shutdown

def insert_people_with_events(db, n, first_id=5_000_000):
    user = db.scalar("SELECT MIN(USER_ID) FROM USER_")
    gender = db.scalar("SELECT MIN(STANDARD_REFERENCE_LIST_ID) FROM R_STANDARD_REFERENCE_LIST")
    assert user is not None and gender is not None, "reference data missing"
    if db.kind == "postgres":  # bulk fixture: skip per-row FK triggers (the test server runs as superuser)
        db.sql("SET session_replication_role = replica")
    db.sql(f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
        INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID,
            PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME,
            LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME)
        SELECT {first_id} + i, 'Y' || substr(CAST(1000000 + i AS TEXT), 2), 'Stream', 'Testperson', '1980-01-01', ?,
            0, 0, 0, ?, '2024-01-01T00:00:00', ?, '2024-01-01T00:00:00' FROM n""", (gender, user, user))
    db.sql(f"""
        INSERT INTO EVENT (EVENT_ID, OFFENDER_ID, EVENT_NUMBER, REFERRAL_DATE, IN_BREACH, FTC_COUNT, ACTIVE_FLAG,
            SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID,
            LAST_UPDATED_DATETIME)
        SELECT OFFENDER_ID, OFFENDER_ID, '1', '2024-01-01', 0, 0, 1, 0, 0, ?, '2024-01-01T00:00:00', ?,
            '2024-01-01T00:00:00' FROM OFFENDER WHERE OFFENDER_ID > {first_id} AND OFFENDER_ID <= {first_id + n}""",
           (user, user))
    if db.kind == "postgres":
        db.sql("RESET session_replication_role")


def test_sigterm_during_slow_stream_completes_then_exits_0(start_deliusd, db_factory, keys):
    n = 999_999  # ~8 MB of CRNs: more than loopback socket buffers hold, so the stream is in flight
    db = db_factory()
    insert_people_with_events(db, n)
    # a long grace: the slow reader below must not race it on a loaded machine
    server = start_deliusd(db=db, env={"DELIUSD_SHUTDOWN_GRACE_S": "120"})
    tok = make_token(keys, [TIER])
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(30)
    s.connect(("127.0.0.1", server.port))
    s.sendall(f"GET /probation-cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\n"
              "Accept: text/plain\r\nConnection: close\r\n\r\n".encode())
    data = s.recv(4096)
    assert data.startswith(b"HTTP/1.1 200"), data[:200]
    server.proc.send_signal(signal.SIGTERM)
    time.sleep(1.0)
    assert server.proc.poll() is None, "server exited while a response was in flight"
    # new connections are refused while the stream drains
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
    while True:  # read the rest slowly
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
        time.sleep(0.001)
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"chunked" in head.lower()
    # de-chunk
    out, rest = b"", body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2:]
    crns = out.decode().split()
    assert len(crns) == n, len(crns)
    assert crns[0] == "Y000001" and crns[-1] == "Y%06d" % n
    server.proc.wait(timeout=30)
    assert server.proc.returncode == 0
    server.stop()


def test_keep_alive_serves_several_requests_on_one_connection(deliusd):
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", deliusd.port, timeout=10)
    ports = set()
    for _ in range(5):
        c.request("GET", "/health/liveness")
        r = c.getresponse()
        assert r.status == 200 and r.read() == b'{"status":"UP"}'
        ports.add(c.sock.getsockname()[1])
    c.close()
    assert len(ports) == 1  # the same TCP connection every time


def test_concurrent_requests(deliusd):
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(16) as ex:
        statuses = list(ex.map(lambda i: deliusd.get(PROTECTED if i % 2 else "/health", roles=[TIER]).status,
                               range(200)))
    assert statuses.count(200) == 100 and statuses.count(404) == 100


def test_encoded_control_characters_never_cut_a_path_variable(deliusd):
    db = deliusd.db
    user = db.scalar("SELECT MIN(USER_ID) FROM USER_")
    gender = db.scalar("SELECT MIN(STANDARD_REFERENCE_LIST_ID) FROM R_STANDARD_REFERENCE_LIST")
    deliusd.sql("""INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID,
        PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION, CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID,
        LAST_UPDATED_DATETIME) VALUES (7770001, 'N770001', 'Nul', 'Testperson', '1980-01-01', ?, 0, 0, 0, ?,
        '2024-01-01T00:00:00', ?, '2024-01-01T00:00:00')""", (gender, user, user))
    assert deliusd.get("/person/N770001", roles=[TIER]).status == 200
    for suffix in ["%00", "%00ZZZ", "%0a", "%1f", "%7f"]:
        r = deliusd.get("/person/N770001" + suffix, roles=[TIER])
        assert r.status == 404, (suffix, r)
    # ordinary escapes still decode
    assert deliusd.get("/person/N77000%31", roles=[TIER]).status == 200


def test_integer_path_variables_accept_every_64_bit_value(deliusd):
    for v in ["-9223372036854775808", "9223372036854775807", "00000000000000000001", "+5"]:
        r = deliusd.get(f"/case-data/Z999999/{v}", roles=[UPW])
        assert r.status == 404, (v, r)  # parsed; the person does not exist
    for v in ["9223372036854775808", "1.5", "0x1", "1e3", "-", "%20"]:
        r = deliusd.get(f"/case-data/Z999999/{v}", roles=[UPW])
        assert r.status == 400, (v, r)
