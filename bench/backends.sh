#!/usr/bin/env bash
# bench/backends.sh - the same deliusd endpoints on SQLite and on PostgreSQL.
#
# 1. seeds BENCH_PEOPLE people (the same --random-seed, so the same rows) into a SQLite file and
#    into a database of a throw-away PostgreSQL 15 server (scripts/pg-test-server, in a temp dir);
# 2. checks that both backends answer a sample of CRNs with byte-identical bodies;
# 3. per backend: deliusd on a free 127.0.0.1 port, then per endpoint a warm-up and a measured wrk
#    run through bench/paths.lua (random CRNs of non-deleted people, usernames, convictions - the
#    same lists for both backends): /health (a database round trip) and every data route of
#    bench/run; PostgreSQL once per worker-thread count of BENCH_PG_THREADS (a worker blocks on
#    each round trip, so more workers than CPUs keep the CPUs busy);
# 4. prints a markdown table (req/s, latency, deliusd and PostgreSQL CPU per request, the
#    PostgreSQL/SQLite ratio) and writes it to bench/results/backends.md.
# Loopback only; every step is bounded (wrk -d, timeouts on seeding and start-up). Figures, never
# assertions. Everything (server, PostgreSQL, temp dir) is stopped/removed on exit, also on failure.
#
# Environment (defaults in brackets):
#   BENCH_PEOPLE [100000]   BENCH_DURATION [10s]   BENCH_WARMUP [2s]   BENCH_SEED [1]
#   BENCH_WRK_THREADS [2]   BENCH_CONNECTIONS [32] BENCH_OUT [bench/results/backends.md]
#   BENCH_KEEP=1 keeps the temp dir (server logs); DELIUSD_BIN [build/deliusd];
#   DELIUSD_THREADS [CPU count] worker threads on SQLite; BENCH_PG_THREADS ["CPU count, 4 x CPU count"]
#   the worker-thread counts measured on PostgreSQL; BENCH_ENDPOINTS [all] names from the table below.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DELIUSD_BIN:-build/deliusd}
PEOPLE=${BENCH_PEOPLE:-100000}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
SEED=${BENCH_SEED:-1}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-32}
OUT=${BENCH_OUT:-bench/results/backends.md}
SERVER_THREADS=${DELIUSD_THREADS:-$(nproc)}
PG_THREADS=${BENCH_PG_THREADS:-"$(nproc) $(( $(nproc) * 4 ))"}
ROLE=ROLE_PROBATION_INTEGRATION_ADMIN
# name pattern (the same names and paths as bench/run)
ENDPOINTS_ALL="health:/health
tier-details:/tier-details/{crn}
person:/person/{crn}
personal-details:/case-data/{crn}/personal-details
upw-event:/case-data/{crn}/{conviction}
access:/users/{user}/access/{crn}
cc-person:/probation-case/{crn}
cc-all:/probation-case/{crn}/all
cc-conviction:/probation-case/{crn}/convictions/{conviction}"

[ -x "$BIN" ] || make -j"$(nproc)" >&2
for tool in wrk curl sqlite3 psql; do
  command -v "$tool" >/dev/null || { echo "backends.sh: $tool not found (scripts/install-deps)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/deliusd-bench-backends.XXXXXX)
chmod 755 "$WORK" # the PostgreSQL server (user postgres) lives in $WORK/pg
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
cleanup() {
  stop_server
  if [ -d "$WORK/pg" ]; then scripts/pg-test-server stop "$WORK/pg" >/dev/null 2>&1 || true; fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "backends.sh: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "backends.sh: $*" >&2; }
now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1f", b - a }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- keys, token
"$BIN" keygen --out "$WORK/key.pem" --pub "$WORK/key.pub.pem" >/dev/null
TOKEN=$("$BIN" token --roles "$ROLE" --key "$WORK/key.pem" --ttl 86400)

# ---- databases
SQLITE_URL=$WORK/bench.db
log "seeding $PEOPLE people into SQLite"
t0=$(now_s)
DELIUSD_DATABASE=$SQLITE_URL timeout 1800 "$BIN" seed --people "$PEOPLE" --random-seed "$SEED" --quiet
SEED_SQLITE=$(elapsed "$t0")

log "starting PostgreSQL"
PGENV=$(scripts/pg-test-server start "$WORK/pg")
eval "$PGENV"
psql "$DELIUSD_TEST_PG dbname=postgres" -qc "CREATE DATABASE bench" >/dev/null
PG_URL="$DELIUSD_TEST_PG dbname=bench"
log "seeding $PEOPLE people into PostgreSQL"
t0=$(now_s)
DELIUSD_DATABASE=$PG_URL timeout 1800 "$BIN" seed --people "$PEOPLE" --random-seed "$SEED" --quiet
SEED_PG=$(elapsed "$t0")
psql "$PG_URL" -qc "VACUUM ANALYZE" >/dev/null

SIZE_SQLITE=$(du -m "$SQLITE_URL" | cut -f1)
SIZE_PG=$(psql "$PG_URL" -Atc "SELECT pg_database_size('bench') / 1048576")
sqlite3 "$SQLITE_URL" "SELECT CRN FROM OFFENDER WHERE SOFT_DELETED = 0 ORDER BY CRN" >"$WORK/crns.txt"
NCRNS=$(wc -l <"$WORK/crns.txt")
sqlite3 "$SQLITE_URL" "SELECT DISTINGUISHED_NAME FROM USER_ ORDER BY USER_ID" >"$WORK/users.txt"
sqlite3 "$SQLITE_URL" "SELECT O.CRN || ' ' || E.EVENT_ID FROM EVENT E JOIN OFFENDER O ON O.OFFENDER_ID = E.OFFENDER_ID
  WHERE E.SOFT_DELETED = 0 AND E.ACTIVE_FLAG = 1 AND O.SOFT_DELETED = 0 ORDER BY E.EVENT_ID" >"$WORK/cases.txt"

# ---- server
PORT=
start_server() { # $1 = label, $2 = DELIUSD_DATABASE, [$3 = worker threads]
  PORT=$(free_port)
  DELIUSD_DATABASE=$2 DELIUSD_PORT=$PORT DELIUSD_BIND=127.0.0.1 DELIUSD_THREADS=${3:-$SERVER_THREADS} \
    DELIUSD_JWT_PUBLIC_KEY_FILE="$WORK/key.pub.pem" DELIUSD_LOG_LEVEL=WARN \
    "$BIN" serve >"$WORK/server-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    if curl -fs "http://127.0.0.1:$PORT/health/readiness" >/dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  log "deliusd ($1) did not start:"
  cat "$WORK/server-$1.log" >&2
  exit 1
}

get() { curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1"; }

# ---- same answers on both backends
SAMPLE=$(awk -v n="$NCRNS" 'BEGIN { srand(7) } { if (rand() < 50 / n) print }' "$WORK/crns.txt" | head -50)
for label in sqlite postgres; do
  url=$SQLITE_URL
  [ $label = postgres ] && url=$PG_URL
  start_server $label "$url"
  mkdir -p "$WORK/bodies-$label"
  for crn in $SAMPLE; do get "/tier-details/$crn" >"$WORK/bodies-$label/$crn.json"; done
  stop_server
done
NSAMPLE=$(echo "$SAMPLE" | wc -w)
if diff -r "$WORK/bodies-sqlite" "$WORK/bodies-postgres" >"$WORK/bodies.diff"; then
  SAME="$NSAMPLE of $NSAMPLE sampled /tier-details bodies byte-identical"
else
  SAME="DIFFERENT bodies between backends (see $WORK/bodies.diff)"
  log "$SAME"
  head -20 "$WORK/bodies.diff" >&2
fi

# ---- measure
cpu_ticks() { # PID... -> utime+stime summed (clock ticks)
  local total=0 p stat f
  for p in "$@"; do
    stat=$(<"/proc/$p/stat") 2>/dev/null || continue
    read -ra f <<<"${stat##*) }"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}
pg_pids() { pgrep -u postgres -d ' ' postgres 2>/dev/null || true; }
HZ=$(getconf CLK_TCK)
declare -a ROWS
declare -A SQLITE_RPS
run_wrk() { # $1 = label, $2 = threads, $3 = endpoint name, $4 = pattern
  local args=("$4" "$WORK/crns.txt" "$WORK/users.txt" "$SEED" "$WORK/cases.txt")
  local wrk_args=(-t"$WRK_THREADS" -c"$CONNS" -H "Authorization: Bearer $TOKEN" -s bench/paths.lua
    "http://127.0.0.1:$PORT")
  if [ "$WARMUP" != 0 ]; then wrk "${wrk_args[@]}" -d"$WARMUP" -- "${args[@]}" >/dev/null; fi
  local pgp="" d0 p0 d1 p1 line
  [ "$1" = postgres ] && pgp=$(pg_pids)
  d0=$(cpu_ticks "$SERVER_PID")
  p0=$(cpu_ticks $pgp)
  line=$(wrk "${wrk_args[@]}" -d"$DURATION" --timeout 5s -- "${args[@]}" | grep '^BENCH ')
  d1=$(cpu_ticks "$SERVER_PID")
  p1=$(cpu_ticks $pgp)
  local row rps
  rps=$(echo "$line" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%.0f", v["requests"] / (v["duration_us"] / 1e6) }')
  [ "$1" = sqlite ] && SQLITE_RPS[$3]=$rps
  row=$(echo "$line" | awk -v b="$1" -v t="$2" -v e="$3" -v dc=$((d1 - d0)) -v pc=$((p1 - p0)) -v hz="$HZ" \
      -v base="${SQLITE_RPS[$3]:-0}" -v pg="$pgp" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      n = v["requests"]; rps = n / (v["duration_us"] / 1e6)
      errs = v["err_connect"] + v["err_read"] + v["err_write"] + v["err_timeout"]
      dus = n ? dc * 1e6 / hz / n : 0; pus = n ? pc * 1e6 / hz / n : 0
      ratio = (b == "postgres" && base > 0) ? sprintf("%.2f", rps / base) : "-"
      printf "| %s | %d | `%s` | %.0f | %s | %.2f | %.2f | %.1f | %s | %d | %d |", b, t, e, rps, ratio,
        v["p50_us"] / 1000, v["p99_us"] / 1000, dus, (pg != "" ? sprintf("%.1f", pus) : "-"), errs, v["non2xx"] }')
  log "$row"
  ROWS+=("$row")
}

run_backend() { # $1 = label, $2 = url, $3 = threads
  start_server "$1" "$2" "$3"
  local line name pattern
  while IFS= read -r line; do
    name=${line%%:*}
    pattern=${line#*:}
    if [ -n "${BENCH_ENDPOINTS:-}" ] && ! [[ " $BENCH_ENDPOINTS " == *" $name "* ]]; then continue; fi
    run_wrk "$1" "$3" "$name" "$pattern"
  done <<<"$ENDPOINTS_ALL"
  stop_server
}

run_backend sqlite "$SQLITE_URL" "$SERVER_THREADS"
for t in $PG_THREADS; do run_backend postgres "$PG_URL" "$t"; done

# ---- report
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
PGVER=$(psql "$PG_URL" -Atc "SHOW server_version")
mkdir -p "$(dirname "$OUT")"
{
  echo "# deliusd on SQLite and on PostgreSQL"
  echo
  echo "Written by \`bench/backends.sh\` on $(date -u +%Y-%m-%dT%H:%MZ) (git $(git rev-parse --short HEAD 2>/dev/null || echo '?'))."
  echo
  echo "- machine: $(nproc) CPUs ($CPU); wrk, deliusd and PostgreSQL share them (loopback);" \
    "load average before the run: $LOAD_BEFORE (other work on the machine skews the figures)"
  echo "- data: \`deliusd seed --people $PEOPLE --random-seed $SEED\`; $NCRNS non-deleted CRNs drawn at random"
  echo "- SQLite $(sqlite3 --version | cut -d' ' -f1) (WAL, file ${SIZE_SQLITE} MB, seeded in ${SEED_SQLITE} s);" \
    "PostgreSQL $PGVER (unix socket, fsync=off test server, database ${SIZE_PG} MB, seeded in ${SEED_PG} s, then VACUUM ANALYZE)"
  echo "- deliusd: $SERVER_THREADS worker threads on SQLite, $PG_THREADS on PostgreSQL (one database connection each), log level WARN"
  echo "- wrk: -t$WRK_THREADS -c$CONNS, $WARMUP warm-up then $DURATION measured per row"
  echo "- $SAME"
  echo
  echo "/health includes a database round trip; the data routes make a fixed number of statements per request"
  echo "(bench/README.md), so they measure the backend. \"vs SQLite\" is PostgreSQL req/s / SQLite req/s on the same"
  echo "route; CPU per request is the server process's (deliusd) and the PostgreSQL server processes' CPU time during"
  echo "the measured run divided by its requests."
  echo
  echo "| backend | workers | endpoint | req/s | vs SQLite | p50 ms | p99 ms | deliusd CPU µs/req | PostgreSQL CPU µs/req | socket errors | non-2xx |"
  echo "| --- | --: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
} >"$OUT"
cat "$OUT"
