#!/usr/bin/python3
"""
bench/events.py (run through bench/events.sh) - events/s through the consumers.

For each database backend (SQLite file; PostgreSQL on a throw-away server from
scripts/pg-test-server) and each transport (the embedded queue; SQS = fauxqs@1.9.2 on loopback,
fed through an SNS topic subscribed to the queue, as production is):

  test   BENCH_EVENTS deliusd.test events (the test consumer: one idempotent INSERT transaction
         per event) - the cost of the transport itself;
  tier   BENCH_TIER_EVENTS tier.calculation.complete events over seeded people (BENCH_PEOPLE), each
         fetching its calculation from a local Tier API stub (Python ThreadingHTTPServer) and
         writing OFFENDER / MANAGEMENT_TIER / CONTACT in one transaction.

The events are enqueued first; then `deliusd consume` starts and the clock runs until every event
is applied (rows counted in the database) - events/s = events / that time. Figures, never
assertions. Loopback only; every wait is bounded. Writes bench/results/events.md.

Environment: BENCH_EVENTS [5000], BENCH_TIER_EVENTS [2000], BENCH_PEOPLE [2000],
BENCH_THREADS ["1 2"] (DELIUSD_CONSUMER_THREADS per run), BENCH_BACKENDS ["sqlite postgres"],
BENCH_TRANSPORTS ["embedded sqs"], BENCH_KINDS ["test tier"], BENCH_OUT, DELIUSD_BIN.
"""
import datetime
import http.server
import json
import os
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "api"))
os.environ.setdefault("DELIUSD_BIN", os.path.join(ROOT, "build", "deliusd"))
BIN = os.path.abspath(os.environ["DELIUSD_BIN"])

from eventsupport import Fauxqs, domain_event, notification  # noqa: E402

N_TEST = int(os.environ.get("BENCH_EVENTS", "5000"))
N_TIER = int(os.environ.get("BENCH_TIER_EVENTS", "2000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "2000"))
THREADS = os.environ.get("BENCH_THREADS", "1 2").split()
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite postgres").split()
TRANSPORTS = os.environ.get("BENCH_TRANSPORTS", "embedded sqs").split()
KINDS = os.environ.get("BENCH_KINDS", "test tier").split()
OUT = os.environ.get("BENCH_OUT", os.path.join(ROOT, "bench", "results", "events.md"))
TIMEOUT = 600
TIERS = ["A1", "B2", "C3", "D0", "A2", "B1", "C0", "D3"]


def log(*a):
    print("events.sh:", *a, file=sys.stderr, flush=True)


def run(args, env, timeout=1200):
    p = subprocess.run([BIN] + args, env=env, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"deliusd {' '.join(args)}: {p.stderr[-2000:]}")
    return p


class DB:
    def __init__(self, kind, work, pg=None):
        self.kind = kind
        if kind == "sqlite":
            self.url = os.path.join(work, f"bench-{uuid.uuid4().hex[:6]}.db")
        else:
            import psycopg
            self.name = "bench_" + uuid.uuid4().hex[:8]
            kv = dict(item.split("=", 1) for item in pg.split())
            admin = " ".join(f"{k}={v}" for k, v in dict(kv, dbname="postgres").items())
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f"CREATE DATABASE {self.name}")
            self.url = " ".join(f"{k}={v}" for k, v in dict(kv, dbname=self.name).items())
        self._c = None

    def scalar(self, sql):
        try:
            if self._c is None:
                if self.kind == "sqlite":
                    import sqlite3
                    self._c = sqlite3.connect(self.url, timeout=30)
                else:
                    import psycopg
                    self._c = psycopg.connect(self.url, autocommit=True)
            return self._c.execute(sql).fetchone()[0]
        except Exception:
            if self._c is not None and self.kind == "postgres":
                self._c.close()
                self._c = None
            return None

    def close(self):
        if self._c is not None:
            self._c.close()


class TierStub:
    """GET anything -> a tier calculation (score B2, calculationId from the path)."""

    def __init__(self):
        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

            def log_message(self, *a):
                pass

            def do_GET(self):
                i = int(self.path.rsplit("/", 1)[-1])  # event number: a new score, a later date
                date = datetime.datetime(2026, 1, 2) + datetime.timedelta(seconds=i)
                body = json.dumps({"tierScore": TIERS[i % len(TIERS)], "calculationId": str(i),
                                   "calculationDate": date.isoformat()}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.srv = S(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self):
        self.srv.shutdown()


def tier_events(db, n, stub):
    import sqlite3
    if db.kind == "sqlite":
        c = sqlite3.connect(db.url)
        crns = [r[0] for r in c.execute("SELECT CRN FROM OFFENDER WHERE SOFT_DELETED = 0 ORDER BY OFFENDER_ID")]
        c.close()
    else:
        import psycopg
        with psycopg.connect(db.url) as c:
            crns = [r[0] for r in c.execute("SELECT CRN FROM OFFENDER WHERE SOFT_DELETED = 0 ORDER BY OFFENDER_ID")]
    evs = []
    for i in range(n):
        crn = crns[i % len(crns)]
        ev = domain_event("tier.calculation.complete", crn=crn)
        ev["detailUrl"] = f"{stub.url}/hmpps-tier/crn/{crn}/tier/{i}"
        ev["additionalInformation"] = {"calculationId": str(i)}
        ev["version"] = 2
        evs.append(ev)
    return evs


def count_sql(kind):
    # test: rows of the test consumer; tier: management tier rows written by the consumer
    return ("SELECT COUNT(*) FROM DELIUSD_TEST_EVENT" if kind == "test" else
            "SELECT COUNT(*) FROM MANAGEMENT_TIER WHERE CREATED_BY_USER_ID = "
            "(SELECT USER_ID FROM USER_ WHERE DISTINGUISHED_NAME = 'TierToDelius')")


def measure(backend, transport, kind, threads, work, pg, fq, stub):
    db = DB(backend, work, pg)
    env = dict(os.environ, DELIUSD_DATABASE=db.url, DELIUSD_LOG_LEVEL="WARN", DELIUSD_TEST_CONSUMER="true",
               DELIUSD_CONSUMER_THREADS=threads, DELIUSD_QUEUE_POLL_MS="20")
    if kind == "tier":
        run(["seed", "--people", str(PEOPLE), "--quiet"], env)
        env["DELIUSD_TIER_API_URL"] = stub.url + "/hmpps-tier"
        evs = tier_events(db, N_TIER, stub)
    else:
        run(["migrate"], env)
        evs = [domain_event(crn=f"B{i:06d}") for i in range(N_TEST)]
    before = db.scalar(count_sql(kind)) or 0
    logical = "test" if kind == "test" else "tier"
    if transport == "sqs":
        name = "b-" + uuid.uuid4().hex[:8]
        url = fq.create_queue(name, VisibilityTimeout=30)
        topic = fq.topic(name + "-topic")
        fq.subscribe(topic, url)
        env.update(fq.env(**{logical: name}))
        env["DELIUSD_SQS_WAIT_S"] = "1"
        t0 = time.time()
        fq.publish_batch(topic, evs)
        log(f"  published {len(evs)} via SNS in {time.time() - t0:.1f} s")
    else:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", dir=work, delete=False) as f:
            for ev in evs:
                f.write(json.dumps(notification(ev)) + "\n")
        t0 = time.time()
        run(["publish", "--queue", logical, f.name], env)
        log(f"  published {len(evs)} into the embedded queue in {time.time() - t0:.1f} s")
    logf = open(os.path.join(work, f"consume-{backend}-{transport}-{kind}-{threads}.log"), "ab")
    t0 = time.time()
    p = subprocess.Popen([BIN, "consume"], env=env, stdout=logf, stderr=logf)
    # done: every message acknowledged or dead-lettered (the queue is empty); for the test
    # consumer also every row applied
    def finished():
        if kind == "test" and (db.scalar(count_sql(kind)) or 0) < before + len(evs):
            return False
        if transport == "sqs":
            return fq.queue_depth(url) == 0
        return db.scalar("SELECT COUNT(*) FROM DELIUSD_QUEUE_MESSAGE") == 0
    ok = False
    while time.time() - t0 < TIMEOUT:
        if finished():
            ok = True
            break
        time.sleep(0.05 if transport == "embedded" else 0.1)
    elapsed = time.time() - t0
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=60)
    logf.close()
    written = (db.scalar(count_sql(kind)) or 0) - before
    dead = db.scalar("SELECT COUNT(*) FROM DELIUSD_DEAD_LETTER") or 0
    db.close()
    applied = len(evs) if ok else 0
    rate = len(evs) / elapsed if ok and elapsed > 0 else 0
    log(f"  {backend}/{transport}/{kind}/threads={threads}: {len(evs)} in {elapsed:.2f} s = {rate:.0f} events/s"
        f" ({written} rows written, {dead} dead letters{'' if ok else ', TIMED OUT'})")
    return applied, elapsed, rate, written


def load_avg():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    work = tempfile.mkdtemp(prefix="deliusd-bench-events.")
    os.chmod(work, 0o755)
    pgdir = os.path.join(work, "pg")
    pg = None
    fq = stub = None
    rows = []
    try:
        if "postgres" in BACKENDS:
            os.makedirs(pgdir)
            out = subprocess.run([os.path.join(ROOT, "scripts", "pg-test-server"), "start", pgdir],
                                 capture_output=True, text=True, timeout=120)
            if out.returncode != 0:
                raise RuntimeError("pg-test-server: " + out.stderr)
            for line in out.stdout.splitlines():
                if line.startswith("export DELIUSD_TEST_PG="):
                    pg = line.split("=", 1)[1].strip("'")
        if "sqs" in TRANSPORTS:
            fq = Fauxqs(work)
        if "tier" in KINDS:
            stub = TierStub()
        for backend in BACKENDS:
            for transport in TRANSPORTS:
                for kind in KINDS:
                    for threads in THREADS:
                        log(f"{backend} / {transport} / {kind} / {threads} worker(s), load {load_avg()}")
                        applied, elapsed, rate, written = measure(backend, transport, kind, threads, work, pg, fq,
                                                                  stub)
                        rows.append((backend, transport, kind, threads, applied, elapsed, rate, written, load_avg()))
    finally:
        if stub:
            stub.close()
        if fq:
            fq.stop()
        if pg:
            subprocess.run([os.path.join(ROOT, "scripts", "pg-test-server"), "stop", pgdir], capture_output=True,
                           timeout=120)
        if os.environ.get("BENCH_KEEP") == "1":
            log("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    lines = [f"# Events/s through the consumers ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, "
             f"{os.cpu_count()} CPUs, `bench/events.sh`)", "",
             "Enqueued first, then `deliusd consume` started; time until every event is applied "
             "(rows counted). `test` = the test consumer (one idempotent INSERT transaction per event, "
             "the transport's own cost); `tier` = tier.calculation.complete with a local Tier API stub "
             "(Python http.server) and the real writes. SQS = fauxqs@1.9.2 on loopback, fed through "
             "an SNS topic. `rows written` < events for tier: the calculations that left a person's tier "
             "unchanged write nothing (acknowledged). `load` = the machine's 1-minute load average after the "
             "run (2 CPUs shared with other work while measured: the figures are pessimistic).", "",
             "| database | transport | consumer | workers | events | seconds | events/s | rows written | load |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for b, t, k, th, n, e, r, w, la in rows:
        lines.append(f"| {b} | {t} | {k} | {th} | {n} | {e:.2f} | **{r:.0f}** | {w} | {la} |")
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
