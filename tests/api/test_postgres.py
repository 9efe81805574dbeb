"""
PostgreSQL only: the server survives a database outage.

While deliusd serves requests in a loop, the PostgreSQL server is killed
(pg_ctl stop -m immediate: no goodbye to the clients) and started again.
During the outage every request that needs the database gets 503 (never 500,
never a dropped connection) and /health/readiness says DOWN; within 5 s of the
restart both answer 200 again, with the same deliusd process (no restart).

Needs DELIUSD_TEST_PG_DATA (the data directory, exported by
scripts/pg-test-server start) to run pg_ctl as the postgres user.
"""
import glob
import os
import shutil
import subprocess
import threading
import time

import pytest

from conftest import BACKEND, TIER, run

PG_DATA = os.environ.get("DELIUSD_TEST_PG_DATA", "")

pytestmark = pytest.mark.skipif(BACKEND != "postgres" or not PG_DATA,
                                reason="PostgreSQL outage test: DELIUSD_TEST_BACKEND=postgres and DELIUSD_TEST_PG_DATA")


def pg_ctl(*args):
    cands = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    exe = cands[0] if cands else shutil.which("pg_ctl")
    cmd = [exe, "-D", PG_DATA] + list(args)
    if os.geteuid() == 0:  # the server belongs to postgres; pg_ctl refuses root
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=90)


def pg_start():
    log = os.path.join(os.path.dirname(PG_DATA.rstrip("/")), "server.log")
    pg_ctl("-l", log, "-w", "-t", "60", "start")


def pg_running():
    try:
        pg_ctl("status")
        return True
    except subprocess.CalledProcessError:
        return False


class Poller(threading.Thread):
    """GETs each path in turn until stopped; records (time, path, status or error)."""

    def __init__(self, server, paths, token):
        super().__init__(daemon=True)
        self.server, self.paths, self.token = server, paths, token
        self.log = []
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            for p in self.paths:
                t = time.monotonic()
                try:
                    r = self.server.get(p, token=self.token, timeout=10)
                    self.log.append((t, p, r.status, r.body))
                except OSError as e:  # a dropped connection: a failure of the test
                    self.log.append((t, p, "error: %s" % e, b""))
            time.sleep(0.02)

    def between(self, t0, t1):
        return [e for e in self.log if t0 <= e[0] < t1]


def test_database_outage_503_then_recovery_without_restart(start_deliusd, db_factory, token):
    db = db_factory()
    run(["seed", "--people", "30", "--quiet"], env={"DELIUSD_DATABASE": db.url})
    crn = db.scalar("SELECT MIN(CRN) FROM OFFENDER WHERE SOFT_DELETED = 0")
    db.close()  # its session dies with the server
    server = start_deliusd(db=db, env={"DELIUSD_THREADS": "4"})
    pid = server.proc.pid
    tok = token([TIER])
    paths = [f"/person/{crn}", f"/tier-details/{crn}", "/probation-cases", "/health/readiness"]
    for p in paths:
        assert server.get(p, token=tok).status == 200, p

    poller = Poller(server, paths, tok)
    poller.start()
    try:
        time.sleep(1.0)
        t_kill = time.monotonic()
        pg_ctl("-m", "immediate", "-w", "stop")
        time.sleep(2.0)
        t_restart = time.monotonic()
        pg_start()
        t_up = time.monotonic()
        while time.monotonic() < t_up + 6.0:  # let the loop see the recovered database
            time.sleep(0.2)
        t_end = time.monotonic()
    finally:
        poller.halt.set()
        poller.join(timeout=30)
        if not pg_running():  # leave the server up for the rest of the suite
            pg_start()

    # never a 500, never a dropped connection, whatever the moment
    bad = [e[:3] for e in poller.log if e[2] not in (200, 503)]
    assert not bad, bad

    # during the outage: every database-backed request gets 503; readiness is DOWN
    outage = poller.between(t_kill + 0.2, t_restart)
    assert len(outage) >= 8, f"too few requests during the outage: {len(outage)}"
    for _, path, status, body in outage:
        assert status == 503, (path, status, body[:200])
    ready_down = [e for e in outage if e[1] == "/health/readiness"]
    assert ready_down and all(b'"DOWN"' in e[3] for e in ready_down)

    # recovery: from some moment within 5 s of the restart on, every request succeeds
    after = poller.between(t_restart, t_end)
    first_ok_streak = None
    for i, e in enumerate(after):
        if all(x[2] == 200 for x in after[i:]):
            first_ok_streak = e[0]
            break
    assert first_ok_streak is not None, [(round(e[0] - t_up, 2), e[1], e[2]) for e in after][-20:]
    print(f"outage requests: {len(outage)}; first success streak {first_ok_streak - t_up:+.2f} s after the restart; "
          f"non-200 after the restart: {sum(1 for e in after if e[0] >= t_up and e[2] != 200)}")
    assert first_ok_streak - t_up <= 5.0, f"recovered {first_ok_streak - t_up:.2f} s after the restart"
    tail = poller.between(t_up + 5.0, t_end)
    assert {e[1] for e in tail} == set(paths), "every path answered after recovery"

    # the same process all along; answers normally now
    assert server.proc.poll() is None and server.proc.pid == pid
    assert server.get(f"/tier-details/{crn}", token=tok).status == 200
    assert server.get("/health/readiness").status == 200
    server.stop()  # exit 0, no sanitizer report


def test_seed_without_fk_triggers_still_satisfies_every_foreign_key(db_factory):
    """`deliusd seed` loads PostgreSQL with session_replication_role = replica (no per-row
    foreign-key triggers) when allowed: check every foreign key with one anti-join each, the
    PostgreSQL counterpart of SQLite's PRAGMA foreign_key_check."""
    db = db_factory()
    run(["seed", "--people", "300", "--quiet"], env={"DELIUSD_DATABASE": db.url})
    fks = db.query("""
        SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text,
               ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
               ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)
        FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace""")
    assert len(fks) > 50, "the schema's foreign keys"
    broken = []
    for name, child, parent, cols, pcols in fks:
        not_null = " AND ".join(f"c.{col} IS NOT NULL" for col in cols)
        match = " AND ".join(f"p.{pc} = c.{col}" for col, pc in zip(cols, pcols))
        n = db.scalar(f"SELECT COUNT(*) FROM {child} c WHERE {not_null}"
                      f" AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {match})")
        if n:
            broken.append((name, n))
    assert broken == [], broken
    assert db.scalar("SELECT COUNT(*) FROM OFFENDER") == 300


def test_migrated_schema_matches_sqlite(db_factory, tmp_path):
    """The same migration files give the same tables, columns, nullability and indexes on both
    backends, with INTEGER -> bigint, REAL -> double precision, TEXT -> text."""
    import sqlite3
    lite_path = str(tmp_path / "schema.db")
    run(["migrate"], env={"DELIUSD_DATABASE": lite_path})
    lite = sqlite3.connect(lite_path)
    want_type = {"INTEGER": "bigint", "REAL": "double precision", "TEXT": "text"}
    want = {}
    for (t,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        for _, col, typ, notnull, _, pk in lite.execute(f"PRAGMA table_info({t})"):
            want[(t.lower(), col.lower())] = (want_type[typ.upper()], bool(notnull or pk))
    lite_indexes = {n.lower() for (n,) in lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")}
    lite.close()

    db = db_factory()
    have = {(t, c): (typ, nullable == "NO") for t, c, typ, nullable in db.query(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
        " WHERE table_schema = 'public'")}
    assert have == want
    pg_indexes = {n for (n,) in db.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                                         " AND indexname NOT LIKE '%\\_pkey'")}
    assert lite_indexes - pg_indexes == set()
    assert db.scalar("SELECT COUNT(*) FROM DELIUSD_SCHEMA_MIGRATION") >= 2
