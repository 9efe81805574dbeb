#!/usr/bin/env bash
# bench/backends.sh - the same deliusd endpoints on SQLite and on PostgreSQL.
#
# 1. seeds BENCH_PEOPLE people (the same --random-seed, so the same rows) into a SQLite file and
#    into a database of a throw-away PostgreSQL 15 server (scripts/pg-test-server, in a temp dir);
# 2. checks that both backends answer a sample of CRNs with byte-identical bodies;
# 3. per backend: deliusd on a free 127.0.0.1 port, then per endpoint a warm-up and a measured wrk
#    run (GET /tier-details/{crn} with random CRNs of non-deleted people through
#    bench/backends.lua, and GET /health, which pings the database);
# 4. prints a markdown table and writes it to bench/results/backends.md.
# Loopback only; every step is bounded (wrk -d, timeouts on seeding and start-up). Figures, never
# assertions. Everything (server, PostgreSQL, temp dir) is stopped/removed on exit, also on failure.
#
# Environment (defaults in brackets):
#   BENCH_PEOPLE [100000]   BENCH_DURATION [10s]   BENCH_WARMUP [2s]   BENCH_SEED [1]
#   BENCH_WRK_THREADS [2]   BENCH_CONNECTIONS [32] BENCH_OUT [bench/results/backends.md]
#   BENCH_KEEP=1 keeps the temp dir (server logs); DELIUSD_BIN [build/deliusd];
#   DELIUSD_THREADS [CPU count] passes through to the server.
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
TIER_ROLE=ROLE_PROBATION_API__TIER__CASE_DETAIL

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
TOKEN=$("$BIN" token --roles "$TIER_ROLE" --key "$WORK/key.pem" --ttl 86400)

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

# ---- server
PORT=
start_server() { # $1 = label, $2 = DELIUSD_DATABASE
  PORT=$(free_port)
  DELIUSD_DATABASE=$2 DELIUSD_PORT=$PORT DELIUSD_BIND=127.0.0.1 DELIUSD_THREADS=$SERVER_THREADS \
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
declare -a ROWS
run_wrk() { # $1 = label, $2 = endpoint name, $3 = pattern
  local args=("$3")
  case $3 in *"{crn}"*) args+=("$WORK/crns.txt" "$SEED") ;; esac
  if [ "$WARMUP" != 0 ]; then
    wrk -t"$WRK_THREADS" -c"$CONNS" -d"$WARMUP" -H "Authorization: Bearer $TOKEN" -s bench/backends.lua \
      "http://127.0.0.1:$PORT" -- "${args[@]}" >/dev/null
  fi
  local line
  line=$(wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --timeout 5s -H "Authorization: Bearer $TOKEN" \
    -s bench/backends.lua "http://127.0.0.1:$PORT" -- "${args[@]}" | grep '^BENCH ')
  local row
  row=$(echo "$line" | awk -v b="$1" -v e="$2" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "| %s | %s | %.0f | %.2f | %.2f | %.1f | %d | %d |", b, e, v["requests"] / (v["duration_us"] / 1e6),
        v["p50_us"] / 1000, v["p99_us"] / 1000, v["max_us"] / 1000, v["errors"], v["non2xx"] }')
  log "$row"
  ROWS+=("$row")
}

for label in sqlite postgres; do
  url=$SQLITE_URL
  [ $label = postgres ] && url=$PG_URL
  start_server $label "$url"
  run_wrk $label "GET /tier-details/{crn}" "/tier-details/{crn}"
  run_wrk $label "GET /health" "/health"
  stop_server
done

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
  echo "- deliusd: $SERVER_THREADS worker threads, one database connection each, log level WARN"
  echo "- wrk: -t$WRK_THREADS -c$CONNS, $WARMUP warm-up then $DURATION measured per row"
  echo "- $SAME"
  echo
  echo "GET /health includes a database round trip (\`SELECT 1\`); /tier-details/{crn} makes a fixed number of"
  echo "queries per request (person, OASys/OGRS, registrations, convictions, NSIs), so it measures the backend."
  echo
  echo "| backend | endpoint | req/s | p50 ms | p99 ms | max ms | socket errors | non-2xx |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${ROWS[@]}"
} >"$OUT"
cat "$OUT"
