#!/usr/bin/env bash
# bench/probation_cases.sh - the /probation-cases streaming check on a large SQLite database.
#
# Seeds build/bench/1m.db once (1,000,000 people; reseeded only when the people count, the
# random seed, src/db/seed.c or src/db/schema/*.sql change; the seed takes a few minutes),
# starts deliusd on a free 127.0.0.1 port and, for each format (JSON array, and text/plain
# lines), streams the whole of GET /probation-cases with curl -o /dev/null while sampling the
# server's VmRSS/VmHWM every 100 ms. Reports the RSS before / after / peak and the growth
# (acceptance bar: < 10 MB), the time to first byte, CRNs/s and MB/s; then fetches each format
# again (untimed) to count and check the CRNs against the same SQL the service runs.
# Writes bench/results/probation-cases.md (and prints it). Builds nothing: run `make` first.
#
# Environment: BENCH_PC_PEOPLE [1000000]  BENCH_SEED [1]  BENCH_PC_RUNS [1] streams per format
#   BENCH_PC_OUT [bench/results/probation-cases.md]  BENCH_REUSE_DB=1 reuses the database as is
#   DELIUSD_BIN [build/deliusd]; DELIUSD_THREADS etc. pass through to the server.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DELIUSD_BIN:-build/deliusd}
PEOPLE=${BENCH_PC_PEOPLE:-1000000}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_PC_RUNS:-1}
OUT=${BENCH_PC_OUT:-bench/results/probation-cases.md}
BAR_KB=$((10 * 1024))
WORK=build/bench

die() { echo "probation_cases: $*" >&2; exit 1; }
log() { echo "probation_cases: $*" >&2; }
for tool in sqlite3 curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
[[ -x $BIN ]] || die "$BIN not built (run: make)"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# db_file / ensure_db: as in bench/run (the same names and keys, so the two share databases).
db_file() {
  local n=$1 s=$2 name
  if (( n % 1000000 == 0 )); then name=$((n / 1000000))m
  elif (( n % 1000 == 0 )); then name=$((n / 1000))k
  else name=$n; fi
  [[ $s == 1 ]] || name+="-s$s"
  echo "$WORK/$name.db"
}
ensure_db() {
  local n=$1 s=$2 db=$3 key
  key=$({ echo "people=$n seed=$s"; cat src/db/seed.c src/db/schema/*.sql; } | sha256sum | cut -c1-16)
  if [[ -f $db && ( ${BENCH_REUSE_DB:-0} == 1 || ( -f $db.key && $(<"$db.key") == "$key" ) ) ]]; then
    log "reusing $db"
    return
  fi
  log "seeding $db with $n people (random seed $s); this takes a while for large counts"
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
  DELIUSD_DATABASE=$db.tmp "$BIN" migrate >/dev/null 2>&1 || DELIUSD_DATABASE=$db.tmp "$BIN" migrate
  local t0=$SECONDS
  DELIUSD_DATABASE=$db.tmp "$BIN" seed --people "$n" --random-seed "$s"
  sqlite3 "$db.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  rm -f "$db" "$db-wal" "$db-shm" "$db.key"
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
  echo "$key" >"$db.key"
  log "seeded $db in $((SECONDS - t0)) s"
}

status_kb() { # PID FIELD -> kB (0 when gone)
  local k v _
  while read -r k v _; do
    [[ $k == "$2:" ]] && { echo "$v"; return; }
  done <"/proc/$1/status" 2>/dev/null
  echo 0
}
cpu_ticks() {
  local stat f
  stat=$(<"/proc/$1/stat") || { echo 0; return; }
  read -ra f <<<"${stat##*) }"
  echo $((f[11] + f[12]))
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

mkdir -p "$WORK" "$(dirname "$OUT")"
DB=$(db_file "$PEOPLE" "$SEED")
ensure_db "$PEOPLE" "$SEED" "$DB"
"$BIN" keygen --if-missing --out "$WORK/key.pem" --pub "$WORK/key.pub.pem" >/dev/null 2>&1
TOKEN=$("$BIN" token --key "$WORK/key.pem" --user bench --ttl 86400 --roles ROLE_PROBATION_INTEGRATION_ADMIN)
EXPECTED=$(sqlite3 "$DB" "SELECT COUNT(*) FROM OFFENDER o WHERE o.SOFT_DELETED = 0 AND EXISTS (
  SELECT 1 FROM EVENT e WHERE e.OFFENDER_ID = o.OFFENDER_ID AND e.SOFT_DELETED = 0 AND e.ACTIVE_FLAG = 1)")
log "$EXPECTED CRNs expected (non-deleted people with an active event)"

TMP=$(mktemp -d /tmp/deliusd-pc.XXXXXX)
DPID=
cleanup() {
  if [[ -n $DPID ]]; then kill "$DPID" 2>/dev/null || true; wait "$DPID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(free_port)
DELIUSD_DATABASE=$DB DELIUSD_PORT=$PORT DELIUSD_BIND=127.0.0.1 \
  DELIUSD_JWT_PUBLIC_KEY_FILE=$WORK/key.pub.pem "$BIN" serve 2>>"$TMP/deliusd.log" &
DPID=$!
for ((i = 0; i < 150; i++)); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break
  kill -0 "$DPID" 2>/dev/null || { cat "$TMP/deliusd.log" >&2; die "deliusd exited"; }
  sleep 0.1
done
sleep 1
START_RSS=$(status_kb "$DPID" VmRSS)
log "deliusd pid $DPID on 127.0.0.1:$PORT, RSS after start $(mb "$START_RSS") MB"
URL=http://127.0.0.1:$PORT/probation-cases
TCK=$(getconf CLK_TCK)

ROWS=()
ALL_PASS=1
for ((run = 1; run <= RUNS; run++)); do
  for fmt in json text; do
    if [[ $fmt == json ]]; then accept=application/json; else accept=text/plain; fi
    before=$(status_kb "$DPID" VmRSS)
    hwm_before=$(status_kb "$DPID" VmHWM)
    c0=$(cpu_ticks "$DPID")
    curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Accept: $accept" \
      -w '%{http_code} %{size_download} %{time_starttransfer} %{time_total} %{content_type}\n' \
      "$URL" >"$TMP/curl" &
    cpid=$!
    peak=$before samples=0
    while kill -0 "$cpid" 2>/dev/null; do
      rss=$(status_kb "$DPID" VmRSS)
      ((rss > peak)) && peak=$rss
      samples=$((samples + 1))
      sleep 0.1
    done
    wait "$cpid" || die "curl failed ($fmt)"
    c1=$(cpu_ticks "$DPID")
    after=$(status_kb "$DPID" VmRSS)
    hwm_after=$(status_kb "$DPID" VmHWM)
    # A rise of VmHWM during the stream is its exact peak; otherwise the sampled maximum.
    ((hwm_after > hwm_before && hwm_after > peak)) && peak=$hwm_after
    read -r code bytes ttfb total ctype <"$TMP/curl"
    [[ $code == 200 ]] || die "/probation-cases answered $code ($fmt)"

    # Untimed second fetch: count and check the CRNs.
    if [[ $fmt == json ]]; then
      count=$(curl -s -H "Authorization: Bearer $TOKEN" -H "Accept: $accept" "$URL" | python3 -c '
import json, sys
a = json.load(sys.stdin)
assert isinstance(a, list) and all(isinstance(x, str) for x in a), "not an array of strings"
assert all(a[i] < a[i + 1] for i in range(len(a) - 1)), "not in strictly increasing CRN order"
print(len(a))')
    else
      curl -s -H "Authorization: Bearer $TOKEN" -H "Accept: $accept" "$URL" >"$TMP/lines"
      LC_ALL=C sort -c -u "$TMP/lines" || die "text/plain lines not in strictly increasing order"
      count=$(wc -l <"$TMP/lines")
      rm -f "$TMP/lines"
    fi
    [[ $count == "$EXPECTED" ]] || log "WARNING: $fmt stream has $count CRNs, the SQL count is $EXPECTED"

    growth=$((peak - before))
    pass=yes
    ((growth < BAR_KB)) || { pass=NO; ALL_PASS=0; }
    read -r rate mbps cpu_s < <(awk -v n="$count" -v b="$bytes" -v t="$total" -v c=$((c1 - c0)) -v hz="$TCK" \
      'BEGIN { printf "%.0f %.1f %.2f\n", n / t, b / t / 1e6, c / hz }')
    log "$fmt: $count CRNs, $bytes bytes in ${total}s ($rate CRNs/s), RSS $(mb "$before") -> peak $(mb "$peak") -> $(mb "$after") MB, growth $(mb "$growth") MB ($samples samples)"
    ROWS+=("| $fmt (\`Accept: $accept\`) | $ctype | $count | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | $(awk -v t="$ttfb" 'BEGIN { printf "%.1f", t * 1000 }') | $(awk -v t="$total" 'BEGIN { printf "%.2f", t }') | **$rate** | $mbps | $cpu_s | $(mb "$before") | $(mb "$peak") | $(mb "$after") | **$(mb "$growth")** | $(mb "$hwm_after") | $samples | $pass |")
  done
done
END_HWM=$(status_kb "$DPID" VmHWM)
ERRS=$(grep -c '"level":"ERROR"' "$TMP/deliusd.log" || true)

{
  echo "# /probation-cases streaming check"
  echo
  echo "Written by \`bench/probation_cases.sh\` on $(date -u +%Y-%m-%dT%H:%MZ). One machine, one run per row: figures,"
  echo "not assertions."
  echo
  echo "- deliusd: $("$BIN" --version), git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), ${DELIUSD_THREADS:-$(nproc)} worker threads"
  echo "- database: SQLite \`$DB\`, $PEOPLE people (random seed $SEED), $(du -m "$DB" | cut -f1) MB; $EXPECTED CRNs by the service's own query (non-deleted people with an active, non-deleted event)"
  echo "- client: \`curl -o /dev/null\` over 127.0.0.1; the server's VmRSS sampled every 100 ms from /proc (and VmHWM before/after); each stream then fetched again, untimed, to count the CRNs and check their order"
  echo "- machine: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) CPUs, Linux $(uname -r); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| format | Content-Type | CRNs | MB | first byte ms | total s | CRNs/s | MB/s | server CPU s | RSS before MB | peak RSS MB | RSS after MB | growth MB (peak − before) | VmHWM after MB | samples | < 10 MB |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "RSS after start (before any stream): $(mb "$START_RSS") MB; process peak (VmHWM) at the end: $(mb "$END_HWM") MB."
  echo "Peak RSS is the sampled maximum, or VmHWM when that rose during the stream (then exact)."
  echo "Acceptance bar (growth < 10 MB for every stream): $([[ $ALL_PASS == 1 ]] && echo met || echo NOT met)."
  echo "deliusd ERROR log lines: $ERRS."
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
