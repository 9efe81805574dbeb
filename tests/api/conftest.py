"""
Fixtures shared by the API tests: the real deliusd binary over loopback HTTP,
against a fresh real database (SQLite file, or PostgreSQL when
DELIUSD_TEST_BACKEND=postgres and DELIUSD_TEST_PG is a libpq keyword string
such as "host=/tmp/pg port=5432 user=postgres").

  deliusd            module-scoped running server on a fresh migrated database
  start_deliusd      factory: start_deliusd(env={...}) for extra environment
  db_url_factory     factory: a fresh migrated database URL (no server)
  token(roles, ...)  a signed RS256 development token

Environment: DELIUSD_BIN (default build/deliusd).
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

from openapi_check import RECORDER

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("DELIUSD_BIN", os.path.join(ROOT, "build", "deliusd")))
BACKEND = os.environ.get("DELIUSD_TEST_BACKEND", "sqlite")
PG = os.environ.get("DELIUSD_TEST_PG", "")

TIER = "ROLE_PROBATION_API__TIER__CASE_DETAIL"
TIER_LEGACY = "ROLE_TIER_DETAILS"
UPW = "ROLE_PROBATION_API__UPW__CASE_DETAIL"
UPW_LEGACY = "ROLE_UPW_DETAILS"
COURT = "ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL"
ADMIN = "ROLE_PROBATION_INTEGRATION_ADMIN"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(args, env=None, check=True, timeout=600):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run([BIN] + args, env=e, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise AssertionError(f"deliusd {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


# ---------------------------------------------------------------- databases

class Database:
    """A fresh migrated database; sql() runs fixture statements with ? placeholders."""

    def __init__(self, url, kind, path=None, pg_name=None):
        self.url, self.kind, self.path, self.pg_name = url, kind, path, pg_name
        self._conn = None

    def conn(self):
        if self._conn is None:
            if self.kind == "sqlite":
                import sqlite3
                self._conn = sqlite3.connect(self.path, timeout=30)
                self._conn.execute("PRAGMA foreign_keys=ON")
            else:
                import psycopg
                self._conn = psycopg.connect(self.url)
        return self._conn

    def _adapt(self, sql):
        return sql if self.kind == "sqlite" else sql.replace("%", "%%").replace("?", "%s")

    def sql(self, sql, params=()):
        """Executes one statement and commits."""
        c = self.conn()
        cur = c.cursor()
        cur.execute(self._adapt(sql), tuple(params))
        c.commit()
        return cur

    def script(self, text):
        """Executes several ;-separated statements (no parameters) and commits."""
        c = self.conn()
        if self.kind == "sqlite":
            c.executescript(text)
        else:
            c.execute(text)
        c.commit()

    def query(self, sql, params=()):
        cur = self.conn().cursor()
        cur.execute(self._adapt(sql), tuple(params))
        rows = cur.fetchall()
        self.conn().commit()
        return rows

    def scalar(self, sql, params=()):
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _pg_url(dbname):
    kv = dict(item.split("=", 1) for item in PG.split())
    kv["dbname"] = dbname
    return " ".join(f"{k}={v}" for k, v in kv.items())


def new_database(tmpdir, migrate=True):
    if BACKEND == "postgres":
        import psycopg
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(_pg_url("postgres"), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        db = Database(_pg_url(name), "postgres", pg_name=name)
    else:
        path = os.path.join(tmpdir, "deliusd-%s.db" % uuid.uuid4().hex[:8])
        db = Database(path, "sqlite", path=path)
    if migrate:
        run(["migrate"], env={"DELIUSD_DATABASE": db.url})
    return db


def drop_database(db):
    db.close()
    if db.kind == "postgres":
        import psycopg
        with psycopg.connect(_pg_url("postgres"), autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {db.pg_name} WITH (FORCE)")


# ------------------------------------------------------------------- tokens

@pytest.fixture(scope="session")
def keys(tmp_path_factory):
    d = tmp_path_factory.mktemp("keys")
    k = {"private": str(d / "dev-key.pem"), "public": str(d / "dev-key.pub.pem"),
         "other_private": str(d / "other.pem"), "other_public": str(d / "other.pub.pem")}
    run(["keygen", "--out", k["private"], "--pub", k["public"]])
    run(["keygen", "--out", k["other_private"], "--pub", k["other_public"]])
    return k


_token_cache = {}


def make_token(keys, roles=(), user="test-user", ttl=3600, key=None, issuer=None, kid=None):
    args = ["token", "--roles", ",".join(roles) if roles else ",", "--user", user, "--ttl", str(ttl),
            "--key", key or keys["private"]]
    if issuer:
        args += ["--issuer", issuer]
    if kid:
        args += ["--kid", kid]
    cache_key = tuple(args)
    if cache_key not in _token_cache or ttl <= 0:
        _token_cache[cache_key] = run(args).stdout.strip()
    return _token_cache[cache_key]


@pytest.fixture(scope="session")
def token(keys):
    def _token(roles=(), **kw):
        return make_token(keys, roles, **kw)
    return _token


# ------------------------------------------------------------------- server

class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Response {self.status} {self.body[:300]!r}>"


class Deliusd:
    def __init__(self, db, keys, env=None, tmpdir=None):
        self.db = db
        self.keys = keys
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmpdir = tmpdir
        self.log_path = os.path.join(tmpdir, f"deliusd-{self.port}.log")
        self.env = {"DELIUSD_PORT": str(self.port), "DELIUSD_DATABASE": db.url, "DELIUSD_BIND": "127.0.0.1",
                    "DELIUSD_JWT_PUBLIC_KEY_FILE": keys["public"], "DELIUSD_LOG_LEVEL": "INFO",
                    "DELIUSD_THREADS": "2", "DELIUSD_SHUTDOWN_GRACE_S": "20"}
        self.env.update(env or {})
        self.proc = None

    def start(self, preexec_fn=None):
        e = dict(os.environ)
        e.update(self.env)
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([BIN, "serve"], env=e, stdout=self.log, stderr=self.log,
                                     preexec_fn=preexec_fn)
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"deliusd exited with {self.proc.returncode}: {self.log_text()}")
            try:
                if self.request("GET", "/health/liveness").status == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("deliusd did not start: " + self.log_text())

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self, check=True):
        """SIGTERM, wait, and (check) assert a clean exit: code 0, no sanitizer report."""
        if not self.proc:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("deliusd did not stop within 30 s of SIGTERM")
        self.log.close()
        rc = self.proc.returncode
        self.proc = None
        if check:
            log = self.log_text()
            assert "ERROR: AddressSanitizer" not in log and "runtime error:" not in log \
                and "ERROR: LeakSanitizer" not in log, log[-4000:]
            assert rc == 0, f"deliusd exit code {rc}: {log[-2000:]}"

    def request(self, method, path, body=None, headers=None, token=None, roles=None, timeout=30):
        h = dict(headers or {})
        if roles is not None:
            token = make_token(self.keys, roles)
        if token:
            h["Authorization"] = "Bearer " + token
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
            h.setdefault("Content-Type", "application/json")
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            resp = Response(r.status, r.getheaders(), r.read())
            RECORDER.record(self.port, method, path, resp)  # 200 bodies vs /v3/api-docs (openapi_check.py)
            return resp
        finally:
            c.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    # fixture data goes straight into the database the server reads
    def sql(self, sql, params=()):
        return self.db.sql(sql, params)

    def script(self, text):
        return self.db.script(text)

    def query(self, sql, params=()):
        return self.db.query(sql, params)

    def token(self, roles=(), **kw):
        return make_token(self.keys, roles, **kw)


@pytest.fixture(scope="session", autouse=True)
def openapi_responses_match_document():
    """At the end of the run: every 200 JSON body seen matched its operation's schema."""
    yield RECORDER
    RECORDER.check()


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory):
    return str(tmp_path_factory.mktemp("mod"))


@pytest.fixture(scope="module")
def deliusd(keys, module_tmp):
    """A running server on a fresh migrated database, shared by one test module."""
    db = new_database(module_tmp)
    d = Deliusd(db, keys, tmpdir=module_tmp).start()
    yield d
    d.stop()
    drop_database(db)


@pytest.fixture
def start_deliusd(keys, tmp_path):
    """Factory: start_deliusd(env={...}, db=None) -> a started Deliusd, stopped at teardown."""
    started = []

    def _start(env=None, db=None, preexec_fn=None):
        own = db is None
        database = db or new_database(str(tmp_path))
        d = Deliusd(database, keys, env=env, tmpdir=str(tmp_path))
        started.append((d, own))
        return d.start(preexec_fn=preexec_fn)

    yield _start
    for d, own in started:
        d.stop()
        if own:
            drop_database(d.db)


@pytest.fixture
def db_factory(tmp_path):
    made = []

    def _new(migrate=True):
        db = new_database(str(tmp_path), migrate=migrate)
        made.append(db)
        return db

    yield _new
    for db in made:
        drop_database(db)
