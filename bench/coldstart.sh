#!/usr/bin/env bash
# bench/coldstart.sh - cold start to first 200: from exec of `deliusd serve` to the first 200 answer
# of a data route (GET /person/{crn}, token checked, database read), and to the first /health 200.
#
#   bench/coldstart.sh                       # database build/bench/100k.db (bench/run seeds it)
#   BENCH_DB=build/bench/1m.db BENCH_RUNS=20 bench/coldstart.sh
#
# A small C-speed client is not needed: a Python loop retries a loopback connect every 0.2 ms, so
# the figure's resolution is ~0.2 ms plus one request. The clock starts just before the fork/exec
# of deliusd (Python's monotonic clock, the same process as the client). The page cache holds the
# binary and the libraries after the first run; "cold" means a new process (no connection, no
# statement cache, no token cache), not an empty OS page cache. Reports min / median / max over
# BENCH_RUNS starts and the deliusd RSS right after its first 200. Figures, never assertions.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DELIUSD_BIN:-build/deliusd}
DB=${BENCH_DB:-build/bench/100k.db}
RUNS=${BENCH_RUNS:-20}
OUT=${BENCH_OUT:-bench/results/coldstart.md}
[ -x "$BIN" ] || make -j"$(nproc)" >&2
[ -f "$DB" ] || { echo "coldstart.sh: $DB missing (run bench/run first, or set BENCH_DB)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/deliusd-coldstart.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BIN" keygen --out "$WORK/key.pem" --pub "$WORK/key.pub.pem" >/dev/null 2>&1
TOKEN=$("$BIN" token --key "$WORK/key.pem" --user bench --ttl 3600 --roles ROLE_PROBATION_INTEGRATION_ADMIN)
CRN=$(sqlite3 "$DB" "SELECT CRN FROM OFFENDER WHERE SOFT_DELETED = 0 LIMIT 1 OFFSET 12345")

BIN=$BIN DB=$DB RUNS=$RUNS TOKEN=$TOKEN CRN=$CRN PUB=$WORK/key.pub.pem OUT=$OUT python3 - <<'PY'
import os, socket, statistics, subprocess, time

BIN, DB, RUNS, TOKEN, CRN, PUB, OUT = (os.environ[k] for k in ("BIN", "DB", "RUNS", "TOKEN", "CRN", "PUB", "OUT"))
RUNS = int(RUNS)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def status(port, path, token=None):
    """One HTTP/1.1 request; the status code, or None when the server is not listening yet."""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
    except OSError:
        return None
    try:
        hdr = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        if token:
            hdr += f"Authorization: Bearer {token}\r\n"
        s.sendall((hdr + "\r\n").encode())
        data = s.recv(64)
        return int(data.split()[1]) if data.startswith(b"HTTP/") else None
    except OSError:
        return None
    finally:
        s.close()


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def first_200(path, token=None):
    """Starts a new deliusd, returns (ms from exec to the first 200 of path, RSS kB then)."""
    port = free_port()
    env = dict(os.environ, DELIUSD_DATABASE=DB, DELIUSD_PORT=str(port), DELIUSD_BIND="127.0.0.1",
               DELIUSD_JWT_PUBLIC_KEY_FILE=PUB, DELIUSD_LOG_LEVEL="WARN")
    t0 = time.monotonic()
    p = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() < t0 + 10:
            st = status(port, path, token)
            if st == 200:
                return (time.monotonic() - t0) * 1000, rss_kb(p.pid)
            time.sleep(0.0002)
        raise SystemExit(f"coldstart.sh: no 200 from {path} within 10 s")
    finally:
        p.terminate()
        p.wait(timeout=10)


# each figure from its own new process: a second request to a warm process is not a cold start
to_health, to_data, rss = [], [], []
for _ in range(RUNS):
    ms, kb = first_200(f"/person/{CRN}", TOKEN)
    to_data.append(ms)
    rss.append(kb)
    to_health.append(first_200("/health")[0])


def fmt(xs):
    return f"{min(xs):.1f} / {statistics.median(xs):.1f} / {max(xs):.1f}"


size_mb = os.path.getsize(DB) / 1048576
lines = [
    "# deliusd cold start to first 200",
    "",
    f"Written by `bench/coldstart.sh` on {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}; {RUNS} starts each;"
    f" database `{DB}` ({size_mb:.0f} MB); load average before: {open('/proc/loadavg').read().split()[0]}.",
    "The clock runs from just before fork/exec of `deliusd serve` to the first 200 answer; the client retries a",
    "loopback connect every 0.2 ms. A new process each time (binary and libraries in the OS page cache).",
    "",
    "| first 200 of | min / median / max ms |",
    "|---|--:|",
    f"| `GET /health` (database ping) | {fmt(to_health)} |",
    f"| `GET /person/{{crn}}` (token check, database read) | {fmt(to_data)} |",
    "",
    f"deliusd RSS right after its first data 200: median {statistics.median(rss) / 1024:.1f} MB.",
]
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
