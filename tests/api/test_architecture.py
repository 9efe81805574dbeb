"""
Regression tests for the defects fixed with the architecture issue (issue 9):
serving never creates a database, stream connections are bounded, route
aliases reach one entry, /v3/api-docs reads the one roles table.
"""
import os
import socket

import pytest

from conftest import BACKEND, TIER, ADMIN, make_token
from test_core import insert_people_with_events


@pytest.mark.skipif(BACKEND != "sqlite", reason="a SQLite file deleted while serving")
def test_deleted_database_file_is_503_and_never_recreated(start_deliusd, db_factory):
    db = db_factory()
    server = start_deliusd(db=db)
    assert server.get("/probation-cases", roles=[TIER]).status == 200
    os.unlink(db.path)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db.path + suffix):
            os.unlink(db.path + suffix)
    r = server.get("/probation-cases", roles=[TIER])
    assert r.status == 503, r
    assert r.json() == {"status": 503, "message": "Database unavailable"}
    assert not os.path.exists(db.path), "serving created a database file"
    ready = server.get("/health/readiness")
    assert ready.status == 503 and ready.json() == {"status": "DOWN"}
    assert not os.path.exists(db.path)


def _open_stream(server, tok):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(120)  # the first row of 1M sorted CRNs takes seconds on a loaded PostgreSQL
    s.connect(("127.0.0.1", server.port))
    s.sendall(f"GET /probation-cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\n"
              "Accept: text/plain\r\nConnection: close\r\n\r\n".encode())
    head = s.recv(4096)
    return s, head


def _drain(s):
    while s.recv(65536):
        pass
    s.close()


def test_stream_connections_are_bounded(start_deliusd, db_factory, keys):
    db = db_factory()
    n = 999_999  # ~8 MB: more than loopback socket buffers hold, so a held stream stays in flight
    insert_people_with_events(db, n)
    server = start_deliusd(db=db, env={"DELIUSD_STREAM_CONNECTIONS": "2"})
    tok = make_token(keys, [TIER])
    held = []
    for _ in range(2):
        s, head = _open_stream(server, tok)
        assert head.startswith(b"HTTP/1.1 200"), head[:100]
        held.append(s)
    # a third concurrent stream is refused at once, not queued and not a new session
    r = server.get("/probation-cases", roles=[TIER])
    assert r.status == 503, r
    assert "retry" in r.json()["message"]
    for s in held:
        _drain(s)
    # the connections went back: streams work again, repeatedly
    for _ in range(3):
        r = server.get("/probation-cases", roles=[TIER], headers={"Accept": "text/plain"})
        assert r.status == 200 and len(r.body.split()) == n


def test_openapi_lists_every_role_from_the_roles_table(deliusd):
    doc = deliusd.get("/v3/api-docs").json()
    op = doc["paths"]["/users/{username}/access/{crn}"]["get"]
    assert op["x-roles"] == ["ROLE_PROBATION_API__TIER__CASE_DETAIL", "ROLE_TIER_DETAILS",
                             "ROLE_PROBATION_API__UPW__CASE_DETAIL", ADMIN]
    assert doc["paths"]["/person/{crn}"]["get"]["x-roles"] == [
        "ROLE_PROBATION_API__TIER__CASE_DETAIL", "ROLE_TIER_DETAILS", ADMIN]
